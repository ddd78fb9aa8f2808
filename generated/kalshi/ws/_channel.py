"""What the generated code tells the runtime about each channel, error code and server.

The generator renders these from the AsyncAPI document and overrides-ws.yaml into
`kalshi/ws/channels.py`; the runtime reads nothing else about the protocol.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from ._frames import Frame

__all__ = [
    "DEFAULT_PERMANENT_CLOSE_CODES",
    "BookSpec",
    "ChannelSpec",
    "ErrorCode",
    "Overflow",
    "ProtocolSpec",
]

# What a subscription does when its queue is full (the consumer is slower than the feed):
# "resync": drop the queued frames and yield Resynced (order books stay correct: the reader
#   keeps them, whatever the consumer does); "error": deliver what is queued, then raise
#   KalshiWSOverflowError and end the subscription; "drop_oldest": drop the oldest frame,
#   counted on `.dropped` (logged once).
Overflow = Literal["resync", "error", "drop_oldest"]

# Close codes after which reconnecting cannot help: 1003 unsupported data, 1007 invalid
# payload, 1008 policy violation (auth revoked, banned), 1010 missing extension.
DEFAULT_PERMANENT_CLOSE_CODES: Final = frozenset({1003, 1007, 1008, 1010})


@dataclass(frozen=True)
class BookSpec:
    """How a channel's frames build a local order book (keys of the frames' `msg`)."""

    snapshot_type: str  # "orderbook_snapshot"
    delta_type: str  # "orderbook_delta"
    market_field: str  # "market_ticker"
    sides: Mapping[str, str]  # side value -> snapshot level-list field
    side_field: str  # "side" (on the delta)
    price_field: str  # "price_dollars" (on the delta)
    delta_field: str  # "delta_fp" (on the delta)
    clock_field: str | None = None  # "clock", on snapshots and deltas when the server sends it
    # sides whose levels are offers ("ask" of a bid/ask book): their best is the lowest price
    ask_sides: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ChannelSpec:
    """One data channel: what subscribing accepts and which frames it delivers."""

    name: str  # wire channel name
    params: frozenset[str]  # subscribe params this channel accepts (wire names)
    update_actions: frozenset[str]  # update_subscription actions it accepts
    auth: bool  # needs a signed connection
    messages: Mapping[str, type[Frame]]  # data `type` -> frame model
    seq_types: frozenset[str]  # types that carry `seq`
    overflow: Overflow  # full-queue policy (documented per channel)
    book: BookSpec | None = None


@dataclass(frozen=True)
class ErrorCode:
    code: int
    name: str
    description: str
    terminal: bool  # the subscription is dead: "must resubscribe"


@dataclass(frozen=True, eq=False)
class ProtocolSpec:
    """Everything a session needs to know about the API: the generated `channels` module's
    values in one object (`AsyncSession._protocol`)."""

    channels: Mapping[str, ChannelSpec]
    replies: Mapping[str, type[Frame]]  # reply `type` -> frame model
    error_codes: Mapping[int, ErrorCode]
    servers: Mapping[str, str]  # environment ("production", "demo") -> default URL
    known_urls: frozenset[str]
    ws_path: str  # what the handshake signs: "/trade-api/ws/v2"
    permanent_close_codes: frozenset[int] = field(default=DEFAULT_PERMANENT_CLOSE_CODES)
    # the REST package whose servers tell a base URL's environment (from_client, from_env):
    # "kalshi.perps"; None: the root package, kalshi
    rest_package: str | None = None
    ws_url_env: str = "KALSHI_WS_URL"  # from_env(): the variable naming the WebSocket URL

    @property
    def terminal_codes(self) -> frozenset[int]:
        return frozenset(code for code, error in self.error_codes.items() if error.terminal)

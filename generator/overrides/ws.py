"""overrides-ws.yaml: what the AsyncAPI document leaves out, its schema and strict loading.

The document says in prose only which subscribe params each channel takes, which channels
need a signed connection and which update_subscription actions they accept; it names one
production server; its terminal error codes are a table in `info.description`; its get_snapshot
command is sent by no operation; some money fields lack the `_dollars` suffix (the perps
document's lack it throughout) and some required fields never arrive. Every entry carries a `reason` (or, for a field the server
omits, its evidence). Unknown keys, wrong types and a missing reason are refused naming the
entry; an entry the document no longer needs or matches fails generation
(generator/asyncapi/build.py, through the OverrideTracker).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from .schema import Environments, Evidence, Reasoned, _Entry, load_validated

Overflow = Literal["resync", "error", "drop_oldest"]
FixedPointKind = Literal["dollars", "count"]


class ChannelEntry(Reasoned):
    """One data channel: the entries of the document's shared `params` it accepts (wire
    names), whether it needs a signed connection, its update_subscription actions."""

    params: list[str] = Field(default_factory=list)
    auth: bool
    update_actions: list[str] = Field(default_factory=list)


class OverflowGroup(Reasoned):
    """What a full per-subscription queue does on these channels."""

    channels: list[str] = Field(min_length=1)


class BookEntry(Reasoned):
    """How a channel's snapshot and delta frames build a local order book (wire names)."""

    snapshot: str  # wire type of the snapshot frame
    delta: str  # wire type of the delta frame
    market_field: str
    sides: dict[str, str] = Field(min_length=1)  # side value -> snapshot field of its levels
    side_field: str
    price_field: str
    delta_field: str
    clock_field: str | None = None
    # sides whose levels are offers to sell (a bid/ask book's `ask`): their best level is the
    # lowest price; every other side's is the highest (a yes/no book is bids on both sides)
    ask_sides: list[str] = Field(default_factory=list)


class AddedServer(Reasoned):
    url: str
    environment: Literal["production", "demo"]
    description: str


class Servers(_Entry):
    add: list[AddedServer] = Field(default_factory=list)  # servers the document does not list
    defaults: Environments | None = None  # each environment's default, when not the first


class ErrorCodes(Reasoned):
    terminal: list[int] = Field(min_length=1)  # the subscription is dead: resubscribe
    # code -> name, for codes the document lists without one (its names are prose elsewhere)
    names: dict[int, str] = Field(default_factory=dict)


class Heartbeat(Reasoned):
    seconds: int = Field(gt=0)  # the server pings this often


class WsModelOverride(Reasoned):
    # required in the document, omitted by the server: wire name -> the evidence
    optional_fields: dict[str, Evidence] = Field(default_factory=dict)
    # money or counts the convention (x-rust-type plus a `_dollars` / `_fp` suffix) misses:
    # a fixed-point string, or (a list) an array of fixed-size arrays of them, e.g. the
    # order book levels [price, count]
    money_fields: dict[str, FixedPointKind | list[FixedPointKind]] = Field(default_factory=dict)


class RustTypedMoney(Reasoned):
    """Money and counts by their x-rust-type (or x-rust-serialize-with) alone, for a document
    whose field names carry no `_dollars` / `_fp` suffix: the convention needs both."""


class Docs(Reasoned):
    """What the generated docs and docstrings show (nothing the client does)."""

    example_market: str = Field(min_length=1)  # the market ticker the examples subscribe to


class WsOverrides(_Entry):
    version: Literal[1] = 1
    channels: dict[str, ChannelEntry] = Field(default_factory=dict)
    overflow: dict[Overflow, OverflowGroup] = Field(default_factory=dict)
    books: dict[str, BookEntry] = Field(default_factory=dict)  # by channel
    servers: Servers | None = None
    errors: ErrorCodes | None = None
    heartbeat: Heartbeat | None = None
    # components/messages no operation sends, kept as commands: message key -> reason
    orphan_commands: dict[str, Evidence] = Field(default_factory=dict)
    models: dict[str, WsModelOverride] = Field(default_factory=dict)  # by class name
    money_by_rust_type: RustTypedMoney | None = None
    docs: Docs | None = None


def load_ws_overrides(path: Path) -> WsOverrides:
    """Read and validate overrides-ws.yaml; an empty file means no overrides."""
    return load_validated(path, WsOverrides)

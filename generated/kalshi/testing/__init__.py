"""Offline testing of code that uses the Kalshi client: `FakeKalshi`, a spec-driven fake exchange.

    from kalshi.testing import FakeKalshi

    fake = FakeKalshi()
    fake.respond("CreateOrderGroup", update={"order_group_id": "og_1"})
    with fake.client() as client:  # or KalshiClient(..., transport=fake.transport)
        assert client.order_groups.create(contracts_limit=100).order_group_id == "og_1"
    assert fake.requests[0].json == {"contracts_limit": 100}

The fake is generated from the same spec as the client, so it follows every spec update.

To test against answers the real API gave, record them once and replay them offline:

    from kalshi.testing import RecordingTransport, ReplayTransport

    with KalshiClient(..., transport=RecordingTransport("recordings")) as client:
        client.markets.list(limit=5)  # writes recordings/0001-GET-...-markets.json
    with KalshiClient(..., transport=ReplayTransport("recordings")) as client:
        client.markets.list(limit=5)  # served from the file; no network

Recordings hold no request headers and pseudonyms instead of account ids, so they can be
committed; a request with no recording raises `ReplayMissError`.

`FakeKalshiWS` is the WebSocket counterpart (a loopback server, driven by the AsyncAPI
document), in packages generated with kalshi.ws; it is imported on first use, so
`import kalshi.testing` never loads `websockets`.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import TYPE_CHECKING, Any

from ._contract import SPEC_VERSION
from ._fake import FakeKalshi, FakeTransport, RecordedRequest
from ._record import RecordingTransport, ReplayMissError, ReplayTransport
from ._schema import Problem

if TYPE_CHECKING:  # absent from a package generated without the AsyncAPI document
    from ._ws_fake import FakeKalshiWS  # type: ignore[import-not-found, unused-ignore]

__all__ = [
    "SPEC_VERSION",
    "FakeKalshi",
    "FakeTransport",
    "Problem",
    "RecordedRequest",
    "RecordingTransport",
    "ReplayMissError",
    "ReplayTransport",
]
_WS_FAKE = find_spec(f"{__name__}._ws_fake") is not None  # looked up, not imported
if _WS_FAKE:
    __all__ += ["FakeKalshiWS"]


def __getattr__(name: str) -> Any:
    # FakeKalshiWS needs `websockets`: load it only when asked for
    if name == "FakeKalshiWS" and _WS_FAKE:
        from ._ws_fake import FakeKalshiWS

        return FakeKalshiWS
    if name == "FakeKalshiWS":
        raise AttributeError(
            "kalshi.testing.FakeKalshiWS comes with kalshi.ws: this package was generated "
            "without the AsyncAPI document"
        )
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Offline testing of code that uses kalshi.perps: `FakePerps`, its spec-driven fake.

    from kalshi.perps.testing import FakePerps

    fake = FakePerps()
    with fake.client() as client:  # or PerpsClient(..., transport=fake.transport)
        ...
    fake.requests  # what the client sent, each checked against the spec

FakePerps is `kalshi.testing.FakeKalshi` bound to this package's contract (`_contract.py`,
generated from Kalshi Trade API Manual Endpoints 0.0.1) and clients. Scripting
(`respond()`, `fail()`), the checks and the synthesised answers are FakeKalshi's, and so are
`RecordingTransport` / `ReplayTransport` (kalshi.testing), which work with any client.

`FakePerpsWS` is the WebSocket counterpart (kalshi.perps.ws); it is imported on first use, so
`import kalshi.perps.testing` never loads `websockets`.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

from kalshi.testing._fake import FakeKalshi

from ..client import AsyncPerpsClient, PerpsClient
from . import _contract
from ._contract import SPEC_VERSION

if TYPE_CHECKING:
    from ._ws_fake import FakePerpsWS

__all__ = ["SPEC_VERSION", "FakePerps", "FakePerpsWS"]


class FakePerps(FakeKalshi):
    """FakeKalshi bound to kalshi.perps: its contract, and `client()` / `async_client()`
    building `PerpsClient` / `AsyncPerpsClient` on the fake."""

    contract: ClassVar[ModuleType | None] = _contract
    clients: ClassVar[tuple[type[Any], type[Any]] | None] = (PerpsClient, AsyncPerpsClient)

    if TYPE_CHECKING:  # FakeKalshi builds `clients`: typed here as this API's, not KalshiClient

        def client(self, **kwargs: Any) -> PerpsClient: ...  # type: ignore[override, unused-ignore]

        def async_client(self, **kwargs: Any) -> AsyncPerpsClient: ...  # type: ignore[override, unused-ignore]


def __getattr__(name: str) -> Any:
    # FakePerpsWS needs `websockets`: load it only when asked for
    if name == "FakePerpsWS":
        from ._ws_fake import FakePerpsWS

        return FakePerpsWS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

"""Offline testing of code that uses kalshi.klear: `FakeKlear`, its spec-driven fake.

    from kalshi.klear.testing import FakeKlear

    fake = FakeKlear()
    with fake.client() as client:  # or KlearClient(..., transport=fake.transport)
        ...
    fake.requests  # what the client sent, each checked against the spec

FakeKlear is `kalshi.testing.FakeKalshi` bound to this package's contract (`_contract.py`,
generated from Kalshi Clearing Member API 0.0.1) and clients. Scripting
(`respond()`, `fail()`), the checks and the synthesised answers are FakeKalshi's, and so are
`RecordingTransport` / `ReplayTransport` (kalshi.testing), which work with any client.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar

from kalshi.testing._fake import FakeKalshi

from ..client import AsyncKlearClient, KlearClient
from . import _contract
from ._contract import SPEC_VERSION

__all__ = ["SPEC_VERSION", "FakeKlear"]


class FakeKlear(FakeKalshi):
    """FakeKalshi bound to kalshi.klear: its contract, and `client()` / `async_client()`
    building `KlearClient` / `AsyncKlearClient` on the fake."""

    contract: ClassVar[ModuleType | None] = _contract
    clients: ClassVar[tuple[type[Any], type[Any]] | None] = (KlearClient, AsyncKlearClient)

    if TYPE_CHECKING:  # FakeKalshi builds `clients`: typed here as this API's, not KalshiClient

        def client(self, **kwargs: Any) -> KlearClient: ...  # type: ignore[override, unused-ignore]

        def async_client(self, **kwargs: Any) -> AsyncKlearClient: ...  # type: ignore[override, unused-ignore]

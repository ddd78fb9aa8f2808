"""Offline testing of code that uses the Kalshi client: `FakeKalshi`, a spec-driven fake exchange.

    from kalshi.testing import FakeKalshi

    fake = FakeKalshi()
    fake.respond("CreateOrderGroup", update={"order_group_id": "og_1"})
    with fake.client() as client:  # or KalshiClient(..., transport=fake.transport)
        assert client.order_groups.create(contracts_limit=100).order_group_id == "og_1"
    assert fake.requests[0].json == {"contracts_limit": 100}

The fake is generated from the same spec as the client, so it follows every spec update.
"""

from __future__ import annotations

from ._contract import SPEC_VERSION
from ._fake import FakeKalshi, FakeTransport, RecordedRequest
from ._schema import Problem

__all__ = ["SPEC_VERSION", "FakeKalshi", "FakeTransport", "Problem", "RecordedRequest"]

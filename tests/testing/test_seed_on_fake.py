"""The seed page's example (shared/seed/order_groups.txt) against FakeKalshi, sync and async:
every request is checked against the spec and signed; the second delete's 404 is scripted
with fake.respond, on a stateless fake (the page's "og_abc" was never created: the stateful
fake would answer 404; test_fake_state.py runs the flow statefully). Step 2
(orders.create_v2) runs where the spec has CreateOrderV2."""

from __future__ import annotations

import asyncio

from fake_support import TEST_KEY, async_client, sync_client
from kalshi.testing import FakeKalshi
from seed_example import HAS_V2_ORDERS, run_seed_async, run_seed_sync


def scripted_fake() -> FakeKalshi:
    fake = FakeKalshi(public_key=TEST_KEY, stateful=False)
    fake.respond("CreateOrderGroup", update={"order_group_id": "og_1"}, times=1)
    fake.respond("GetOrderGroup", update={"orders": ["ord_1"]})
    fake.respond("DeleteOrderGroup", times=2)  # the default (spec) answer, twice
    fake.respond("DeleteOrderGroup", status=404)  # then: already torn down
    return fake


def expected_calls() -> list[tuple[str, int]]:
    v2 = [("CreateOrderV2", 201)] if HAS_V2_ORDERS else []
    return [
        ("CreateOrderGroup", 201),
        *v2,
        ("GetOrderGroup", 200),
        ("ResetOrderGroup", 200),
        ("TriggerOrderGroup", 200),
        ("GetOrderGroups", 200),
        ("UpdateOrderGroupLimit", 200),
        ("CreateOrderGroup", 201),
        ("DeleteOrderGroup", 200),
        ("DeleteOrderGroup", 200),
        ("DeleteOrderGroup", 404),
    ]


def check(fake: FakeKalshi, printed: list[str]) -> None:
    assert [(r.operation_id, r.status) for r in fake.requests] == expected_calls()
    assert printed[:2] == ["og_1", "['ord_1']"]
    assert printed[-1] == "already deleted: og_1"
    listed = fake.default_response("GetOrderGroups")["order_groups"]
    assert len(printed) == 3 + len(listed)  # one line per group of the spec-valid list
    reset = next(r for r in fake.requests if r.operation_id == "ResetOrderGroup")
    assert reset.json == {}  # body-optional PUTs send {} (overrides.yaml)
    second_create = [r for r in fake.requests if r.operation_id == "CreateOrderGroup"][1]
    assert second_create.json == {"contracts_limit": 100, "exchange_index": 0}


def test_seed_example_runs_against_the_fake_sync() -> None:
    fake, printed = scripted_fake(), []
    with sync_client(fake) as client:
        run_seed_sync(client, printed)
    check(fake, printed)


def test_seed_example_runs_against_the_fake_async() -> None:
    fake, printed = scripted_fake(), []

    async def main() -> None:
        async with async_client(fake) as client:
            await run_seed_async(client, printed)

    asyncio.run(main())
    check(fake, printed)

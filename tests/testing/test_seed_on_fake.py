"""The seed page's example (shared/seed/order_groups.txt) against FakeKalshi, sync and async:
every request is checked against the spec and signed; the second delete's 404 is scripted
with fake.respond. Step 2 (orders.create_v2) runs where the spec has CreateOrderV2."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from fake_support import TEST_KEY, async_client, sync_client
from kalshi import AsyncKalshiClient, KalshiClient
from kalshi._operations import OPERATIONS
from kalshi.errors import KalshiNotFoundError
from kalshi.testing import FakeKalshi

HAS_V2_ORDERS = any(op.operation_id == "CreateOrderV2" for op in OPERATIONS)


def scripted_fake() -> FakeKalshi:
    fake = FakeKalshi(public_key=TEST_KEY)
    fake.respond("CreateOrderGroup", update={"order_group_id": "og_1"}, times=1)
    fake.respond("GetOrderGroup", update={"orders": ["ord_1"]})
    fake.respond("DeleteOrderGroup", times=2)  # the default (spec) answer, twice
    fake.respond("DeleteOrderGroup", status=404)  # then: already torn down
    return fake


def run_seed_sync(client: KalshiClient, printed: list[str]) -> None:
    # --- the seed page, unchanged apart from print -> printed.append ---
    # 1) Create a group with a 100-contract cap.
    group = client.order_groups.create(contracts_limit=100)
    printed.append(group.order_group_id)
    # 2) Attach orders by passing the group id on the order request model.
    if HAS_V2_ORDERS:
        from kalshi import CreateOrderV2Request  # type: ignore[attr-defined]

        client.orders.create_v2(  # type: ignore[attr-defined]
            request=CreateOrderV2Request(
                ticker="KXPRES-24-DJT",
                client_order_id="og-attach-1",
                side="bid",
                count=Decimal("10"),  # noqa: FURB157 - as the seed page writes it
                price=Decimal("0.65"),
                time_in_force="good_till_canceled",
                self_trade_prevention_type="taker_at_cross",
                order_group_id=group.order_group_id,
            )
        )
    # 3) Inspect.
    detail = client.order_groups.get(group.order_group_id)
    printed.append(repr(detail.orders))  # list[str] of order IDs in the group
    # 4) Reset (clears the counter) or trigger (forces the cap).
    client.order_groups.reset(group.order_group_id)
    client.order_groups.trigger(group.order_group_id)
    for g in client.order_groups.list():
        printed.append(f"{g.order_group_id} {g.contracts_limit} {g.contracts_used}")
    client.order_groups.update_limit("og_abc", contracts_limit=200)
    client.order_groups.create(contracts_limit=100, exchange_index=0)
    # 5) Tear down.
    client.order_groups.delete(group.order_group_id)
    client.order_groups.delete("og_abc", exchange_index=0)
    try:
        client.order_groups.delete(group_id := group.order_group_id)
    except KalshiNotFoundError:
        printed.append(f"already deleted: {group_id}")  # idempotent


async def run_seed_async(client: AsyncKalshiClient, printed: list[str]) -> None:
    group = await client.order_groups.create(contracts_limit=100)
    printed.append(group.order_group_id)
    if HAS_V2_ORDERS:
        from kalshi import CreateOrderV2Request  # type: ignore[attr-defined]

        await client.orders.create_v2(  # type: ignore[attr-defined]
            request=CreateOrderV2Request(
                ticker="KXPRES-24-DJT",
                client_order_id="og-attach-1",
                side="bid",
                count=Decimal("10"),  # noqa: FURB157 - as the seed page writes it
                price=Decimal("0.65"),
                time_in_force="good_till_canceled",
                self_trade_prevention_type="taker_at_cross",
                order_group_id=group.order_group_id,
            )
        )
    detail = await client.order_groups.get(group.order_group_id)
    printed.append(repr(detail.orders))
    await client.order_groups.reset(group.order_group_id)
    await client.order_groups.trigger(group.order_group_id)
    for g in await client.order_groups.list():
        printed.append(f"{g.order_group_id} {g.contracts_limit} {g.contracts_used}")
    await client.order_groups.update_limit("og_abc", contracts_limit=200)
    await client.order_groups.create(contracts_limit=100, exchange_index=0)
    await client.order_groups.delete(group.order_group_id)
    await client.order_groups.delete("og_abc", exchange_index=0)
    try:
        await client.order_groups.delete(group_id := group.order_group_id)
    except KalshiNotFoundError:
        printed.append(f"already deleted: {group_id}")


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

"""The example code of the seed page (shared/seed/order_groups.txt), in one place.

Used by tests/client/test_seed_order_groups.py (a fake exchange checking exact requests) and
tests/testing/test_seed_on_fake.py (FakeKalshi checking requests against the spec). The code
is the page's, unchanged apart from print -> printed.append; the async version adds `await`.
Step 2 (orders.create_v2) needs a spec with CreateOrderV2 (3.31.0 and later).
"""

from __future__ import annotations

from decimal import Decimal

from kalshi import AsyncKalshiClient, KalshiClient
from kalshi._operations import OPERATIONS
from kalshi.errors import KalshiNotFoundError

HAS_V2_ORDERS = any(op.operation_id == "CreateOrderV2" for op in OPERATIONS)


def run_seed_sync(client: KalshiClient, printed: list[str]) -> None:
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

"""FakeKalshi's state (order groups and V2 orders behave like the exchange's) and its
server-quirks mode, through the generated sync and async clients and on the raw wire."""

from __future__ import annotations

import asyncio
import inspect
import json
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any, TypeVar

import httpx
import pytest
from fake_support import BASE_URL, DUMMY_AUTH, TEST_KEY
from kalshi import AsyncKalshiClient, KalshiClient
from kalshi.errors import (
    KalshiConflictError,
    KalshiNotFoundError,
    KalshiServerError,
    KalshiValidationError,
)
from kalshi.testing import FakeKalshi
from kalshi.testing._contract import SCHEMAS

T = TypeVar("T")
Client = KalshiClient | AsyncKalshiClient
Flow = Callable[[Client, "Wire"], Awaitable[None]]

HAS_V2 = "CreateOrderV2" in FakeKalshi().operations
needs_v2 = pytest.mark.skipif(not HAS_V2, reason="the spec has no V2 orders (CreateOrderV2)")


class Wire(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The fake's transport, keeping every answer's status and raw JSON body."""

    def __init__(self, fake: FakeKalshi) -> None:
        self.fake = fake
        self.answers: list[tuple[int, Any]] = []

    def _keep(self, response: httpx.Response) -> httpx.Response:
        body = json.loads(response.content) if response.content else None
        self.answers.append((response.status_code, body))
        return response

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._keep(self.fake.transport.handle_request(request))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self._keep(await self.fake.transport.handle_async_request(request))

    @property
    def last(self) -> Any:
        return self.answers[-1][1]


async def done(value: T | Awaitable[T]) -> T:
    """The result of a sync call, or of an async one awaited: one flow for both clients."""
    if inspect.isawaitable(value):
        return await value
    return value


def run(flow: Flow, kind: str, fake: FakeKalshi | None = None) -> tuple[FakeKalshi, Wire]:
    fake = fake or FakeKalshi(public_key=TEST_KEY)
    wire = Wire(fake)
    options: dict[str, Any] = {"key_id": "key-1", "private_key_path": TEST_KEY, "transport": wire}

    async def main() -> None:
        if kind == "sync":
            with KalshiClient(**options) as client:
                await flow(client, wire)
        else:
            async with AsyncKalshiClient(**options) as aclient:
                await flow(aclient, wire)

    asyncio.run(main())
    return fake, wire


def raw(fake: FakeKalshi, method: str, path: str, **kwargs: Any) -> httpx.Response:
    with httpx.Client(transport=fake.transport, base_url=BASE_URL) as http:
        return http.request(method, path, headers=DUMMY_AUTH, **kwargs)


def v2_order(**fields: Any) -> dict[str, Any]:
    return {
        "ticker": "KXPRES-24-DJT",
        "side": "bid",
        "count": Decimal(10),
        "price": Decimal("0.65"),
        "time_in_force": "good_till_canceled",
        "self_trade_prevention_type": "taker_at_cross",
        **fields,
    }


KINDS = pytest.mark.parametrize("kind", ["sync", "async"])


# ---------------------------------------------------------------------- order groups


async def seed_flow(client: Client, wire: Wire) -> None:
    group = await done(client.order_groups.create(contracts_limit=100))
    assert group.order_group_id == "og_1"
    detail = await done(client.order_groups.get("og_1"))
    assert detail.contracts_limit == Decimal(100)
    assert wire.last["contracts_limit_fp"] == "100.00"
    assert wire.last["orders"] == [] and wire.last["is_auto_cancel_enabled"] is False
    if HAS_V2:
        placed = await done(client.orders.create_v2(**v2_order(order_group_id="og_1")))
        assert placed.order_id == "ord_1"
        assert (await done(client.order_groups.get("og_1"))).orders == ["ord_1"]
    await done(client.order_groups.update_limit("og_1", contracts_limit=200))
    assert (await done(client.order_groups.get("og_1"))).contracts_limit == Decimal(200)
    assert wire.last["contracts_limit_fp"] == "200.00"
    await done(client.order_groups.trigger("og_1"))
    assert (await done(client.order_groups.get("og_1"))).is_auto_cancel_enabled is True
    await done(client.order_groups.reset("og_1"))
    assert (await done(client.order_groups.get("og_1"))).is_auto_cancel_enabled is False
    await done(client.order_groups.delete("og_1"))
    with pytest.raises(KalshiNotFoundError) as caught:
        await done(client.order_groups.delete("og_1"))
    assert caught.value.code == "not_found"
    assert caught.value.service == "fake-kalshi"
    with pytest.raises(KalshiNotFoundError):
        await done(client.order_groups.get("og_1"))


@KINDS
def test_the_seed_flow_is_stateful(kind: str) -> None:
    fake, wire = run(seed_flow, kind)
    ops = [(r.operation_id, r.status) for r in fake.requests]
    assert ops[0] == ("CreateOrderGroup", 201)
    assert ops[-3:] == [
        ("DeleteOrderGroup", 200),
        ("DeleteOrderGroup", 404),
        ("GetOrderGroup", 404),
    ]
    status, error = wire.answers[-2]
    assert status == 404 and set(error) == {"code", "message", "details", "service"}
    assert "og_1" in error["message"]
    assert fake.state.order_groups == {}
    if HAS_V2:  # deleting the group (and triggering it before) canceled its order
        assert fake.state.orders["ord_1"].status == "canceled"


@KINDS
def test_creates_give_unique_ids_and_list_returns_every_group(kind: str) -> None:
    async def flow(client: Client, wire: Wire) -> None:
        first = await done(client.order_groups.create(contracts_limit=100))
        second = await done(client.order_groups.create(contracts_limit=5, subaccount=2))
        assert (first.order_group_id, second.order_group_id) == ("og_1", "og_2")
        assert wire.last["subaccount"] == 2
        groups = await done(client.order_groups.list())
        assert [g.order_group_id for g in groups] == ["og_1", "og_2"]
        assert [g.contracts_limit for g in groups] == [Decimal(100), Decimal(5)]
        assert [g["contracts_used"] for g in wire.last["order_groups"]] == ["0.00", "0.00"]
        only = await done(client.order_groups.list(subaccount=2))
        assert [g.order_group_id for g in only] == ["og_2"]
        with pytest.raises(KalshiNotFoundError):  # og_2 is not in subaccount 0
            await done(client.order_groups.get("og_2", subaccount=0))

    run(flow, kind)


def test_the_limit_can_come_as_contracts_limit_fp_and_is_checked() -> None:
    fake = FakeKalshi()
    created = raw(fake, "POST", "/portfolio/order_groups/create", json={"contracts_limit_fp": "7"})
    assert created.status_code == 201
    group_id = created.json()["order_group_id"]
    got = raw(fake, "GET", f"/portfolio/order_groups/{group_id}").json()
    assert got["contracts_limit_fp"] == "7.00"
    mismatch = raw(
        fake,
        "POST",
        "/portfolio/order_groups/create",
        json={"contracts_limit": 7, "contracts_limit_fp": "8.00"},
    )
    assert mismatch.status_code == 400 and "must match" in mismatch.json()["message"]
    missing = raw(fake, "POST", "/portfolio/order_groups/create", json={})
    assert missing.status_code == 400
    assert missing.json()["message"] == "contracts_limit or contracts_limit_fp is required"
    assert list(fake.state.order_groups) == [group_id]
    limit = raw(fake, "PUT", "/portfolio/order_groups/og_9/limit", json={"contracts_limit": 3})
    assert limit.status_code == 404 and limit.json()["code"] == "not_found"


@needs_v2
def test_fills_count_against_the_limit_trigger_the_group_and_reset_clears_them() -> None:
    fake = FakeKalshi()
    with fake.client() as client:
        client.order_groups.create(contracts_limit=10)
        client.orders.create_v2(**v2_order(order_group_id="og_1", count=Decimal(6)))
        client.orders.create_v2(**v2_order(order_group_id="og_1", client_order_id="b"))
        fake.fill_order("ord_1", 6)
        assert (
            raw(fake, "GET", "/portfolio/order_groups").json()["order_groups"][0]["contracts_used"]
            == "6.00"
        )
        assert fake.state.orders["ord_1"].status == "executed"
        fake.fill_order("ord_2", "5")  # 11 > 10: the group triggers
        group = client.order_groups.get("og_1")
        assert group.is_auto_cancel_enabled is True
        assert fake.state.orders["ord_2"].status == "canceled"
        assert fake.state.orders["ord_2"].fill_count == Decimal(5)
        with pytest.raises(KalshiConflictError, match="triggered"):
            client.orders.create_v2(**v2_order(order_group_id="og_1"))
        client.order_groups.reset("og_1")
        assert fake.state.order_groups["og_1"].contracts_used == 0
        assert client.order_groups.create(contracts_limit=1).order_group_id == "og_2"
        placed = client.orders.create_v2(**v2_order(order_group_id="og_1"))
        assert placed.order_id == "ord_3"  # the refused order took no id
        assert client.order_groups.get("og_1").orders == ["ord_1", "ord_2", "ord_3"]
    with pytest.raises(ValueError, match="not resting"):
        fake.fill_order("ord_1")
    with pytest.raises(KeyError):
        fake.fill_order("ord_404")


# ---------------------------------------------------------------------- V2 orders


@needs_v2
@KINDS
def test_v2_orders_get_list_and_cancel(kind: str) -> None:
    async def flow(client: Client, wire: Wire) -> None:
        orders: Any = client.orders
        await done(client.order_groups.create(contracts_limit=100))
        first = await done(
            orders.create_v2(**v2_order(client_order_id="c-1", order_group_id="og_1"))
        )
        assert wire.answers[-1][0] == 201
        assert (wire.last["order_id"], wire.last["client_order_id"]) == ("ord_1", "c-1")
        assert (wire.last["fill_count"], wire.last["remaining_count"]) == ("0.00", "10.00")
        second = await done(
            orders.create_v2(**v2_order(ticker="KXBTC-25", side="ask", price=Decimal("0.4")))
        )
        assert (first.order_id, second.order_id) == ("ord_1", "ord_2")
        assert "client_order_id" not in wire.last  # none was sent

        got = await done(orders.get("ord_1"))  # the Order, unwrapped
        assert (got.ticker, got.book_side, got.status) == ("KXPRES-24-DJT", "bid", "resting")
        assert (got.client_order_id, got.order_group_id) == ("c-1", "og_1")
        sent = wire.last["order"]
        assert (sent["yes_price_dollars"], sent["no_price_dollars"]) == ("0.6500", "0.3500")
        assert (sent["initial_count_fp"], sent["remaining_count_fp"]) == ("10.00", "10.00")
        assert sent["fill_count_fp"] == "0.00" and sent["action"] == "buy"

        listed = await done(orders.list())
        assert [o.order_id for o in listed] == ["ord_2", "ord_1"]  # newest first
        assert wire.last["cursor"] == ""
        by_ticker = await done(orders.list(ticker="KXBTC-25"))
        assert [(o.order_id, o.book_side) for o in by_ticker] == [("ord_2", "ask")]
        by_event = await done(orders.list(event_ticker="KXPRES-24"))
        assert [o.order_id for o in by_event] == ["ord_1"]
        page = await done(orders.list(limit=1))
        assert [o.order_id for o in page] == ["ord_2"] and page.cursor == "1" and page.has_next
        rest = await done(orders.list(limit=1, cursor=page.cursor))
        assert [o.order_id for o in rest] == ["ord_1"] and not rest.has_next
        assert rest.cursor is None and rest.response.cursor == ""  # the server's last cursor

        canceled = await done(orders.cancel_v2("ord_1"))
        assert canceled.order_id == "ord_1" and canceled.reduced_by == Decimal(10)
        assert wire.last["reduced_by"] == "10.00"
        after = await done(orders.get("ord_1"))
        assert after.status == "canceled" and wire.last["order"]["remaining_count_fp"] == "0.00"
        with pytest.raises(KalshiNotFoundError):
            await done(orders.cancel_v2("ord_1"))  # no longer open
        with pytest.raises(KalshiNotFoundError):
            await done(orders.get("ord_9"))
        resting = await done(orders.list(status="resting"))
        assert [o.order_id for o in resting] == ["ord_2"]

    fake, _ = run(flow, kind)
    assert fake.state.order_groups["og_1"].orders == ("ord_1",)


@needs_v2
def test_v2_amend_decrease_batch_and_cancel_all() -> None:
    from kalshi import BatchCancelOrdersV2RequestOrder, CreateOrderV2Request

    fake = FakeKalshi()
    wire = Wire(fake)
    with KalshiClient(key_id="k", private_key_path=TEST_KEY, transport=wire) as client:
        client.orders.create_v2(**v2_order(client_order_id="c-1"))
        client.orders.amend_v2(
            "ord_1",
            ticker="KXPRES-24-DJT",
            side="bid",
            price=Decimal("0.70"),
            count=Decimal(12),
            updated_client_order_id="c-2",
        )
        assert wire.last["remaining_count"] == "12.00" and wire.last["client_order_id"] == "c-2"
        order = fake.state.orders["ord_1"]
        assert (order.price, order.initial_count, order.client_order_id) == (
            Decimal("0.70"),
            Decimal(12),
            "c-2",
        )
        with pytest.raises(KalshiValidationError, match="ticker and side"):
            client.orders.amend_v2(
                "ord_1", ticker="OTHER", side="bid", price=Decimal("0.5"), count=Decimal(1)
            )
        client.orders.decrease_v2("ord_1", reduce_by=Decimal(2))
        assert wire.last["remaining_count"] == "10.00"
        client.orders.decrease_v2("ord_1", reduce_to=Decimal(4))
        assert fake.state.orders["ord_1"].remaining_count == 4
        with pytest.raises(KalshiValidationError, match="exactly one"):
            client.orders.decrease_v2("ord_1")

        client.orders.batch_create_v2(
            orders=[
                CreateOrderV2Request(**v2_order(client_order_id="b-1")),
                CreateOrderV2Request(**v2_order(client_order_id="c-2")),
            ]
        )
        made, refused = wire.last["orders"]
        assert (made["order_id"], made["client_order_id"]) == ("ord_2", "b-1")
        assert "order_id" not in refused and refused["error"]["code"] == "conflict"
        client.orders.batch_cancel_v2(
            orders=[
                BatchCancelOrdersV2RequestOrder(order_id="ord_2"),
                BatchCancelOrdersV2RequestOrder(order_id="ord_404"),
            ]
        )
        done_, missing = wire.last["orders"]
        assert (done_["order_id"], done_["reduced_by"], done_.get("error")) == (
            "ord_2",
            "10.00",
            None,
        )
        assert (missing["order_id"], missing["error"]["code"]) == ("ord_404", "not_found")

        client.orders.create_v2(**v2_order(time_in_force="immediate_or_cancel"))
        assert wire.last["remaining_count"] == "0.00"  # nothing to match: canceled at once
        assert fake.state.orders["ord_3"].status == "canceled"
        client.orders.cancel_all_v2()
    assert wire.answers[-1] == (204, None)
    assert {o.order_id: o.status for o in fake.state.orders.values()} == {
        "ord_1": "canceled",
        "ord_2": "canceled",
        "ord_3": "canceled",
    }


@needs_v2
def test_orders_refer_to_existing_groups_and_valid_prices() -> None:
    fake = FakeKalshi()
    unknown = raw(
        fake, "POST", "/portfolio/events/orders", json=_wire(v2_order(order_group_id="og_7"))
    )
    assert unknown.status_code == 400 and "og_7" in unknown.json()["message"]
    price = raw(fake, "POST", "/portfolio/events/orders", json=_wire(v2_order(price="1.5")))
    assert price.status_code == 400 and "between 0 and 1" in price.json()["message"]
    assert fake.state.orders == {}


def _wire(order: dict[str, Any]) -> dict[str, Any]:
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in order.items()}


# ---------------------------------------------------------------------- scripting and state


def test_scripted_answers_win_over_the_state() -> None:
    fake = FakeKalshi()
    fake.respond("GetOrderGroup", update={"orders": ["scripted"]}, times=1)
    fake.fail("DeleteOrderGroup", status=503, times=1)
    with fake.client(max_retries=0) as client:
        client.order_groups.create(contracts_limit=100)
        assert client.order_groups.get("og_1").orders == ["scripted"]
        assert client.order_groups.get("og_1").orders == []  # the state again
        with pytest.raises(KalshiServerError) as caught:
            client.order_groups.delete("og_1")
        assert caught.value.status_code == 503
        assert "og_1" in fake.state.order_groups  # the scripted failure deleted nothing
        fake.respond("GetOrderGroup", status=404)
        with pytest.raises(KalshiNotFoundError):
            client.order_groups.get("og_1")
    assert [r.status for r in fake.calls("GetOrderGroup")] == [200, 200, 404]


def test_a_scripted_create_is_kept_by_the_id_it_names() -> None:
    fake = FakeKalshi()
    fake.respond("CreateOrderGroup", update={"order_group_id": "og_1"}, times=1)
    with fake.client() as client:
        assert client.order_groups.create(contracts_limit=42).order_group_id == "og_1"
        assert client.order_groups.get("og_1").contracts_limit == Decimal(42)
        assert client.order_groups.create(contracts_limit=1).order_group_id == "og_2"  # og_1 taken
    fake.respond("CreateOrderGroup", status=500)
    with fake.client(max_retries=0) as client, pytest.raises(KalshiServerError):
        client.order_groups.create(contracts_limit=9)
    assert sorted(fake.state.order_groups) == ["og_1", "og_2"]


def test_reset_state_clear_and_the_read_only_view() -> None:
    fake = FakeKalshi()
    with fake.client() as client:
        client.order_groups.create(contracts_limit=3)
        view = fake.state
        with pytest.raises(TypeError):
            view.order_groups["og_x"] = view.order_groups["og_1"]  # type: ignore[index]
        fake.clear()  # requests and scripts only
        assert list(fake.state.order_groups) == ["og_1"] and fake.requests == []
        fake.reset_state()
        assert fake.state.order_groups == {}
        assert list(view.order_groups) == ["og_1"]  # a snapshot
        assert client.order_groups.create(contracts_limit=3).order_group_id == "og_1"
        assert [g.order_group_id for g in client.order_groups.list()] == ["og_1"]


def test_a_stateless_fake_answers_every_request_with_the_synthesised_body() -> None:
    fake = FakeKalshi(stateful=False)
    with fake.client() as client:
        assert client.order_groups.create(contracts_limit=100).order_group_id == "string"
        assert client.order_groups.get("never-made").orders == ["string"]
        client.order_groups.delete("never-made")
        client.order_groups.delete("never-made")
    assert [r.status for r in fake.requests] == [201, 200, 200, 200]
    assert fake.state.order_groups == {} and "stateless" in repr(fake)


@KINDS
def test_every_stateful_answer_is_valid_against_its_response_schema(kind: str) -> None:
    fake, wire = run(seed_flow, kind)
    if HAS_V2:
        _, more = run(v2_validity_flow, kind, fake)
        wire.answers += more.answers
    checked = 0
    for request, (status, body) in zip(fake.requests, wire.answers):
        contract = fake.operations[request.operation_id or ""]
        if status == contract["success_status"] and contract["response_schema"] is not None:
            assert (
                fake.problems(body, contract["response_schema"], strict=True) == []
            ), request.operation_id
            checked += 1
    assert checked >= (20 if HAS_V2 else 9)


async def v2_validity_flow(client: Client, wire: Wire) -> None:
    orders: Any = client.orders
    await done(client.order_groups.create(contracts_limit=100))
    await done(orders.create_v2(**v2_order(client_order_id="x", order_group_id="og_2")))
    from kalshi import BatchCancelOrdersV2RequestOrder, CreateOrderV2Request

    batch = [
        CreateOrderV2Request(**v2_order()),
        CreateOrderV2Request(**v2_order(client_order_id="x")),
    ]
    await done(orders.batch_create_v2(orders=batch))
    await done(orders.get("ord_2"))
    await done(orders.list())
    await done(client.order_groups.list())
    await done(
        orders.amend_v2(
            "ord_2", ticker="KXPRES-24-DJT", side="bid", price=Decimal("0.5"), count=Decimal(20)
        )
    )
    await done(orders.decrease_v2("ord_2", reduce_by=Decimal(1)))
    await done(orders.cancel_v2("ord_2"))
    cancels = [BatchCancelOrdersV2RequestOrder(order_id=i) for i in ("ord_3", "nope")]
    await done(orders.batch_cancel_v2(orders=cancels))


# ---------------------------------------------------------------------- server quirks


def test_quirks_send_legacy_integers_next_to_fixed_point_fields() -> None:
    fake = FakeKalshi(quirks=True)
    market = raw(fake, "GET", "/markets/KXTEST").json()["market"]
    assert market["yes_bid_dollars"] == "0.5600" and market["yes_bid"] == 56
    assert market["last_price_dollars"] == "0.5600" and market["last_price"] == 56
    assert "yes_bid" not in FakeKalshi().default_response("GetMarket")["market"]
    # a field the server omits (x-server-omits in the contract) brings no legacy key either
    marked = [n for n, p in SCHEMAS["Market"]["properties"].items() if p.get("x-server-omits")]
    for name in marked:
        assert name not in market and name.rsplit("_", 1)[0] not in market, name
    group = raw(fake, "POST", "/portfolio/order_groups/create", json={"contracts_limit": 3})
    assert group.status_code == 201
    got = raw(fake, "GET", "/portfolio/order_groups/og_1").json()
    assert (got["contracts_limit_fp"], got["contracts_limit"]) == ("3.00", 3)  # _fp: the count
    plain = raw(FakeKalshi(), "GET", "/markets/KXTEST").json()["market"]
    assert "yes_bid" not in plain  # off by default


def test_quirks_apply_to_stateful_answers_and_send_empty_arrays_as_null() -> None:
    fake = FakeKalshi(quirks=True)
    assert raw(fake, "GET", "/portfolio/order_groups").json() == {"order_groups": None}
    raw(fake, "POST", "/portfolio/order_groups/create", json={"contracts_limit": 100})
    got = raw(fake, "GET", "/portfolio/order_groups/og_1").json()
    assert got["orders"] is None
    assert (got["contracts_limit_fp"], got["contracts_limit"]) == ("100.00", 100)
    listed = raw(fake, "GET", "/portfolio/order_groups").json()["order_groups"]
    assert [(g["id"], g["contracts_limit"]) for g in listed] == [("og_1", 100)]
    with fake.client() as client:  # the client reads the quirky answer
        assert client.order_groups.get("og_1").contracts_limit == Decimal(100)


def test_quirks_leave_scripted_answers_as_they_are() -> None:
    fake = FakeKalshi(quirks=True)
    fake.respond("GetOrderGroups", json={"order_groups": []})
    fake.respond("GetMarket", update={"market": {"ticker": "T", "yes_bid_dollars": "0.1000"}})
    assert raw(fake, "GET", "/portfolio/order_groups").json() == {"order_groups": []}
    assert raw(fake, "GET", "/markets/T").json()["market"] == {
        "ticker": "T",
        "yes_bid_dollars": "0.1000",
    }


def test_quirks_omit_properties_marked_x_server_omits() -> None:
    schema = {
        "type": "object",
        "properties": {
            "kept": {"type": "string"},
            "gone": {"type": "string", "x-server-omits": True},
            "price_dollars": {"type": "string"},
            "rows": {
                "type": "array",
                "items": {
                    "allOf": [
                        {"properties": {"hidden_fp": {"type": "string", "x-server-omits": True}}},
                        {"properties": {"size_fp": {"type": "string"}, "tags": {"type": "array"}}},
                    ]
                },
            },
            "empty": {"type": "array", "items": {"type": "string"}},
        },
    }
    value = {
        "kept": "k",
        "gone": "g",
        "price_dollars": "0.565",
        "rows": [{"hidden_fp": "1.00", "size_fp": "10.50", "tags": []}],
        "empty": [],
    }
    assert FakeKalshi().with_quirks(value, schema) == {
        "kept": "k",
        "price_dollars": "0.565",
        "price": 57,  # cents, rounded half up
        "rows": [{"size_fp": "10.50", "size": 11, "tags": None}],
        "empty": None,
    }
    assert value["gone"] == "g"  # the input is not changed


def test_quirks_follow_the_marks_of_the_contract() -> None:
    marked = {
        name
        for name, prop in (SCHEMAS["CreateOrderGroupResponse"].get("properties") or {}).items()
        if prop.get("x-server-omits") is True
    }
    fake = FakeKalshi(quirks=True)
    body = raw(fake, "POST", "/portfolio/order_groups/create", json={"contracts_limit": 1}).json()
    assert body["order_group_id"] == "og_1"
    assert not marked & set(body)
    assert set(FakeKalshi().default_response("CreateOrderGroup")) - set(body) == marked

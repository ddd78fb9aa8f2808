"""The exchange state behind FakeKalshi: order groups and the orders of the V2 order endpoints.

`ExchangeState` answers the operations in `STATEFUL_OPERATIONS` (those the spec has) from
what earlier requests did, as the exchange does, instead of with a synthesised body:

Order groups (`/portfolio/order_groups`). Create gives `og_1`, `og_2`, ... (per fake; an id
already taken, e.g. by a scripted answer, is skipped) and keeps the limit (`contracts_limit`
or `contracts_limit_fp`; both must match, 1 to 1,000,000 whole contracts), the subaccount
and the exchange index. Get / list answer with what is kept (`contracts_limit_fp`
"100.00", `orders`: the ids of the orders placed in the group, oldest first;
`contracts_used`: contracts filled since create or reset). Trigger cancels the group's
resting orders and refuses new ones until reset; the fake reports that triggered state as
`is_auto_cancel_enabled` (the spec has no other field for it). Reset clears the triggered
state and `contracts_used`. Update-limit changes the limit and triggers the group when the
contracts used already exceed it. Delete cancels the resting orders and removes the group.
An unknown id (or one of another subaccount, when `subaccount` is given) answers 404.

Orders (`/portfolio/events/orders`). Create gives `ord_1`, `ord_2`, ... and keeps the
request's ticker, side, price, count, client_order_id, order_group_id, subaccount and
flags; batch create does the same per order (a refused order gets an `error` entry).
There is no order book: nothing matches by itself (`FakeKalshi.fill_order` simulates a
fill), so good_till_canceled orders rest, and immediate_or_cancel / fill_or_kill orders are
canceled at once with nothing filled. Cancel, batch cancel, cancel-all, amend and decrease
change the kept order; only a resting order can be changed (404 otherwise, as the spec's
responses allow). Where the spec has no other way to place an order (no V1 CreateOrder),
GetOrder / GetOrders read the kept orders too (unknown id: 404; GetOrders newest first,
filtered by ticker, event_ticker, status, subaccount, min_ts / max_ts, paged by limit and an
opaque cursor). A bid is a buy of yes at `price`, an ask a sell of yes (`side` "yes",
`action` "buy" / "sell" in the legacy fields).

Answers start from the operation's synthesised default body and override only the fields
it has, so fields a newer spec adds are still sent. A refused request raises `StateError`,
which the fake answers with its Kalshi-style error body.
"""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

__all__ = [
    "STATEFUL_OPERATIONS",
    "Call",
    "ExchangeState",
    "OrderGroupRecord",
    "OrderRecord",
    "StateError",
    "StateView",
]

# The operations the state answers, when the spec has them.
ORDER_GROUP_OPERATIONS = frozenset(
    {
        "CreateOrderGroup",
        "GetOrderGroup",
        "GetOrderGroups",
        "ResetOrderGroup",
        "TriggerOrderGroup",
        "UpdateOrderGroupLimit",
        "DeleteOrderGroup",
    }
)
ORDER_OPERATIONS = frozenset(
    {
        "CreateOrderV2",
        "BatchCreateOrdersV2",
        "CancelOrderV2",
        "BatchCancelOrdersV2",
        "CancelAllOrders",
        "AmendOrderV2",
        "DecreaseOrderV2",
    }
)
READ_ORDER_OPERATIONS = frozenset({"GetOrder", "GetOrders"})
STATEFUL_OPERATIONS = ORDER_GROUP_OPERATIONS | ORDER_OPERATIONS | READ_ORDER_OPERATIONS
# Ways to place an order the state does not follow: with one of them in the spec, GetOrder /
# GetOrders keep their synthesised answers (an order placed there would be missing).
_UNFOLLOWED_CREATES = frozenset({"CreateOrder", "BatchCreateOrders"})

MAX_CONTRACTS_LIMIT = Decimal(1_000_000)
_COUNT_PLACES = 2  # FixedPointCount: "10.00"
_DOLLAR_PLACES = 4  # FixedPointDollars: "0.5600"
_RESTING, _CANCELED, _EXECUTED = "resting", "canceled", "executed"
_IMMEDIATE = frozenset({"immediate_or_cancel", "fill_or_kill"})
_ZERO = Decimal(0)
_ONE = Decimal(1)


class StateError(Exception):
    """A request the state refuses: answered with `status` and a Kalshi-style error body."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class OrderGroupRecord:
    """An order group as the fake keeps it."""

    order_group_id: str
    contracts_limit: Decimal
    subaccount: int = 0
    exchange_index: int = 0
    triggered: bool = False  # answered as is_auto_cancel_enabled
    contracts_used: Decimal = _ZERO
    orders: tuple[str, ...] = ()  # ids of the orders placed in the group, oldest first


@dataclass(frozen=True)
class OrderRecord:
    """An order as the fake keeps it (counts in contracts, prices in dollars)."""

    order_id: str
    ticker: str
    side: str  # the book side: "bid" or "ask"
    price: Decimal
    initial_count: Decimal
    remaining_count: Decimal
    fill_count: Decimal = _ZERO
    status: str = _RESTING  # "resting", "canceled" or "executed"
    time_in_force: str = "good_till_canceled"
    self_trade_prevention_type: str | None = None
    client_order_id: str | None = None
    order_group_id: str | None = None
    subaccount: int = 0
    exchange_index: int = 0
    expiration_time: int | None = None  # Unix seconds
    post_only: bool = False
    cancel_order_on_pause: bool = False
    reduce_only: bool = False
    created_ms: int = 0
    updated_ms: int = 0


@dataclass(frozen=True)
class StateView:
    """A read-only snapshot of the fake's state (`FakeKalshi.state`)."""

    order_groups: Mapping[str, OrderGroupRecord]
    orders: Mapping[str, OrderRecord]


@dataclass(frozen=True)
class Call:
    """One request for the state to answer (already checked against the spec)."""

    operation_id: str
    status: int  # the operation's success status
    path_params: Mapping[str, str]
    query: Mapping[str, str]  # the last value of each query parameter
    body: Any  # the decoded JSON body, None without one
    default: Any  # a fresh copy of the synthesised default body (None: no body)


_Handler = Callable[[Call], Any]


class ExchangeState:
    """Order groups and orders, kept per FakeKalshi; thread-safe."""

    def __init__(
        self, operation_ids: Iterable[str], clock: Callable[[], float] = time.time
    ) -> None:
        ops = set(operation_ids)
        handled = STATEFUL_OPERATIONS & ops
        if ops & _UNFOLLOWED_CREATES or "CreateOrderV2" not in ops:
            handled -= READ_ORDER_OPERATIONS
        self.handled = frozenset(handled)
        self._clock = clock
        self._lock = threading.RLock()
        self._groups: dict[str, OrderGroupRecord] = {}
        self._orders: dict[str, OrderRecord] = {}
        self._counters = {"og": 0, "ord": 0}
        self._handlers: dict[str, _Handler] = {
            "CreateOrderGroup": self._create_group,
            "GetOrderGroup": self._get_group,
            "GetOrderGroups": self._list_groups,
            "ResetOrderGroup": self._reset_group,
            "TriggerOrderGroup": self._trigger_group,
            "UpdateOrderGroupLimit": self._update_limit,
            "DeleteOrderGroup": self._delete_group,
            "CreateOrderV2": self._create_order,
            "BatchCreateOrdersV2": self._batch_create,
            "CancelOrderV2": self._cancel_order,
            "BatchCancelOrdersV2": self._batch_cancel,
            "CancelAllOrders": self._cancel_all,
            "AmendOrderV2": self._amend_order,
            "DecreaseOrderV2": self._decrease_order,
            "GetOrder": self._get_order,
            "GetOrders": self._list_orders,
        }

    # ------------------------------------------------------------------ the fake's side

    def handles(self, operation_id: str) -> bool:
        return operation_id in self.handled

    def answer(self, call: Call) -> Any:
        """The JSON body answering `call` (None: no body); StateError when refused."""
        with self._lock:
            return self._handlers[call.operation_id](call)

    def adopt(self, operation_id: str, body: Any, answer: Any) -> None:
        """Keep what a scripted 2xx answer to a create said was made (its id), so later
        unscripted requests find it. Nothing happens when the answer names no id or the
        request would have been refused."""
        if operation_id not in self.handled or not isinstance(body, Mapping):
            return
        if not isinstance(answer, Mapping):
            return
        with self._lock:
            try:
                if operation_id == "CreateOrderGroup":
                    group_id = answer.get("order_group_id")
                    if isinstance(group_id, str) and group_id:
                        self._new_group(body, group_id)
                elif operation_id == "CreateOrderV2":
                    order_id = answer.get("order_id")
                    if isinstance(order_id, str) and order_id:
                        self._place(body, order_id)
            except StateError:
                pass

    def view(self) -> StateView:
        with self._lock:
            return StateView(
                MappingProxyType(dict(self._groups)), MappingProxyType(dict(self._orders))
            )

    def fill(self, order_id: str, count: Decimal | None = None) -> OrderRecord:
        """Fill `count` contracts (default: all remaining) of a resting order, as a match
        would: the order's group counts them and triggers when they exceed its limit."""
        with self._lock:
            order = self._orders.get(order_id)
            if order is None:
                raise KeyError(f"no order {order_id!r} in the fake's state")
            if order.status != _RESTING:
                raise ValueError(f"order {order_id!r} is {order.status}, not resting")
            amount = order.remaining_count if count is None else Decimal(count)
            if not _ZERO < amount <= order.remaining_count:
                raise ValueError(
                    f"fill count must be > 0 and <= {_count(order.remaining_count)} "
                    f"(the remaining count), got {amount}"
                )
            remaining = order.remaining_count - amount
            order = replace(
                order,
                fill_count=order.fill_count + amount,
                remaining_count=remaining,
                status=_EXECUTED if remaining == 0 else _RESTING,
                updated_ms=self._now_ms(),
            )
            self._orders[order_id] = order
            group = self._groups.get(order.order_group_id or "")
            if group is not None:
                group = replace(group, contracts_used=group.contracts_used + amount)
                self._groups[group.order_group_id] = group
                if group.contracts_used > group.contracts_limit:
                    self._trigger(group)
            return self._orders[order_id]

    # ------------------------------------------------------------------ order groups

    def _create_group(self, call: Call) -> Any:
        group = self._new_group(_object(call.body), None)
        out = _body(call.default)
        _put(out, "order_group_id", group.order_group_id)
        _put(out, "subaccount", group.subaccount)
        _put(out, "exchange_index", group.exchange_index)
        return out

    def _new_group(self, body: Mapping[str, Any], group_id: str | None) -> OrderGroupRecord:
        limit = _limit(body)
        group = OrderGroupRecord(
            order_group_id=group_id or self._next_id("og", self._groups),
            contracts_limit=limit,
            subaccount=_int(body.get("subaccount"), 0),
            exchange_index=_int(body.get("exchange_index"), 0),
        )
        self._groups[group.order_group_id] = group
        return group

    def _get_group(self, call: Call) -> Any:
        group = self._group(call)
        out = _body(call.default)
        _put(out, "is_auto_cancel_enabled", group.triggered)
        _put(out, "contracts_limit_fp", _count(group.contracts_limit))
        _put(out, "orders", list(group.orders))
        _put(out, "exchange_index", group.exchange_index)
        return out

    def _list_groups(self, call: Call) -> Any:
        subaccount = _opt_int(call.query.get("subaccount"))
        out = _body(call.default)
        template = _first_item(out.get("order_groups"))
        groups = [
            g for g in self._groups.values() if subaccount is None or g.subaccount == subaccount
        ]
        items = []
        for group in groups:
            item = copy.deepcopy(template)
            _put(item, "id", group.order_group_id)
            _put(item, "contracts_limit_fp", _count(group.contracts_limit))
            _put(item, "is_auto_cancel_enabled", group.triggered)
            _put(item, "exchange_index", group.exchange_index)
            _put(item, "contracts_used", _count(group.contracts_used))
            items.append(item)
        out["order_groups"] = items
        return out

    def _reset_group(self, call: Call) -> Any:
        group = self._group(call)
        self._groups[group.order_group_id] = replace(group, triggered=False, contracts_used=_ZERO)
        return call.default

    def _trigger_group(self, call: Call) -> Any:
        self._trigger(self._group(call))
        return call.default

    def _update_limit(self, call: Call) -> Any:
        group = self._group(call)
        limit = _limit(_object(call.body))
        group = replace(group, contracts_limit=limit)
        self._groups[group.order_group_id] = group
        if group.contracts_used > limit:
            self._trigger(group)
        return call.default

    def _delete_group(self, call: Call) -> Any:
        group = self._group(call)
        self._cancel_resting(group.orders)
        del self._groups[group.order_group_id]
        return call.default

    def _group(self, call: Call) -> OrderGroupRecord:
        group_id = call.path_params.get("order_group_id", "")
        group = self._groups.get(group_id)
        subaccount = _opt_int(call.query.get("subaccount"))
        if group is None or (subaccount is not None and group.subaccount != subaccount):
            raise StateError(404, "not_found", f"order group {group_id!r} not found")
        return group

    def _trigger(self, group: OrderGroupRecord) -> None:
        self._cancel_resting(group.orders)
        self._groups[group.order_group_id] = replace(group, triggered=True)

    # ------------------------------------------------------------------ orders

    def _create_order(self, call: Call) -> Any:
        order = self._place(_object(call.body), None)
        return self._placed(_body(call.default), order)

    def _batch_create(self, call: Call) -> Any:
        out = _body(call.default)
        template = _first_item(out.get("orders"))
        entries = []
        for request in _object(call.body).get("orders") or ():
            entry = copy.deepcopy(template)
            try:
                order = self._place(_object(request), None)
            except StateError as refused:
                entry.pop("order_id", None)
                for name in ("fill_count", "remaining_count", "ts_ms"):
                    _put(entry, name, None)
                _put(entry, "client_order_id", _object(request).get("client_order_id"))
                entry["error"] = _error(refused)
            else:
                entry = self._placed(entry, order)
                _put(entry, "error", None)
            entries.append(entry)
        out["orders"] = entries
        return out

    def _placed(self, out: dict[str, Any], order: OrderRecord) -> dict[str, Any]:
        for name in ("average_fill_price", "average_fee_paid"):  # nothing was filled
            out.pop(name, None)
        _put_ids(out, order)
        _put(out, "fill_count", _count(order.fill_count))
        _put(out, "remaining_count", _count(order.remaining_count))
        _put(out, "ts_ms", order.created_ms)
        return out

    def _place(self, body: Mapping[str, Any], order_id: str | None) -> OrderRecord:
        ticker = body.get("ticker")
        if not isinstance(ticker, str) or not ticker:
            raise StateError(400, "invalid_parameter", "ticker must be a market ticker")
        side = body.get("side")
        if side not in ("bid", "ask"):
            raise StateError(400, "invalid_parameter", f"side must be bid or ask, got {side!r}")
        price = _price(body.get("price"), "price")
        count = _positive(body.get("count"), "count")
        tif = str(body.get("time_in_force") or "good_till_canceled")
        reduce_only = body.get("reduce_only") is True
        if reduce_only and tif != "immediate_or_cancel":
            raise StateError(
                400, "invalid_parameter", "reduce_only orders must be immediate_or_cancel"
            )
        subaccount = _int(body.get("subaccount"), 0)
        client_id = body.get("client_order_id")
        client_id = client_id if isinstance(client_id, str) and client_id else None
        if client_id is not None and any(
            o.client_order_id == client_id and o.status == _RESTING and o.order_id != order_id
            for o in self._orders.values()
        ):
            raise StateError(
                409, "conflict", f"client_order_id {client_id!r} is already used by an open order"
            )
        group_id = body.get("order_group_id")
        group: OrderGroupRecord | None = None
        if isinstance(group_id, str) and group_id:
            group = self._groups.get(group_id)
            if group is None or group.subaccount != subaccount:
                raise StateError(400, "invalid_parameter", f"order group {group_id!r} not found")
            if group.triggered:
                raise StateError(
                    409,
                    "conflict",
                    f"order group {group_id!r} is triggered: reset it before placing orders",
                )
        now = self._now_ms()
        immediate = tif in _IMMEDIATE  # nothing to match: canceled at once
        expiration = body.get("expiration_time")
        order = OrderRecord(
            order_id=order_id or self._next_id("ord", self._orders),
            ticker=ticker,
            side=str(side),
            price=price,
            initial_count=count,
            remaining_count=_ZERO if immediate else count,
            status=_CANCELED if immediate else _RESTING,
            time_in_force=tif,
            self_trade_prevention_type=_str_or_none(body.get("self_trade_prevention_type")),
            client_order_id=client_id,
            order_group_id=group.order_group_id if group is not None else None,
            subaccount=subaccount,
            exchange_index=max(_int(body.get("exchange_index"), 0), 0),
            expiration_time=_opt_int(expiration) or None,
            post_only=body.get("post_only") is True,
            cancel_order_on_pause=body.get("cancel_order_on_pause") is True,
            reduce_only=reduce_only,
            created_ms=now,
            updated_ms=now,
        )
        self._orders[order.order_id] = order
        if group is not None and order.order_id not in group.orders:
            self._groups[group.order_group_id] = replace(
                group, orders=(*group.orders, order.order_id)
            )
        return order

    def _cancel_order(self, call: Call) -> Any:
        order = self._resting(call.path_params.get("order_id", ""), call.query)
        reduced = self._cancel(order)
        out = _body(call.default)
        return self._reduced(out, self._orders[order.order_id], reduced)

    def _batch_cancel(self, call: Call) -> Any:
        out = _body(call.default)
        template = _first_item(out.get("orders"))
        entries = []
        for request in _object(call.body).get("orders") or ():
            request = _object(request)
            order_id = str(request.get("order_id") or "")
            entry = copy.deepcopy(template)
            try:
                order = self._resting(order_id, request)
            except StateError as refused:
                _put(entry, "order_id", order_id)
                _put(entry, "client_order_id", None)
                _put(entry, "reduced_by", _count(_ZERO))
                _put(entry, "ts_ms", None)
                entry["error"] = _error(refused)
            else:
                reduced = self._cancel(order)
                entry = self._reduced(entry, self._orders[order_id], reduced)
                _put(entry, "error", None)
            entries.append(entry)
        out["orders"] = entries
        return out

    def _reduced(self, out: dict[str, Any], order: OrderRecord, reduced: Decimal) -> Any:
        _put_ids(out, order)
        _put(out, "reduced_by", _count(reduced))
        _put(out, "ts_ms", order.updated_ms)
        return out

    def _cancel_all(self, call: Call) -> Any:
        subaccount = _opt_int(call.query.get("subaccount"))
        self._cancel_resting(
            o.order_id
            for o in self._orders.values()
            if subaccount is None or o.subaccount == subaccount
        )
        return call.default

    def _amend_order(self, call: Call) -> Any:
        order = self._resting(call.path_params.get("order_id", ""), call.query)
        body = _object(call.body)
        if body.get("ticker") != order.ticker or body.get("side") != order.side:
            raise StateError(
                400,
                "invalid_parameter",
                f"ticker and side must be the order's ({order.ticker!r}, {order.side!r})",
            )
        given_id = body.get("client_order_id")
        if isinstance(given_id, str) and given_id and given_id != order.client_order_id:
            raise StateError(
                400, "invalid_parameter", f"client_order_id {given_id!r} is not the order's"
            )
        price = _price(body.get("price"), "price")
        count = _positive(body.get("count"), "count")
        if count <= order.fill_count:
            raise StateError(
                400,
                "invalid_parameter",
                f"count must exceed the filled count {_count(order.fill_count)}",
            )
        updated_id = body.get("updated_client_order_id")
        if not isinstance(updated_id, str) or not updated_id:
            updated_id = order.client_order_id
        expiration = body.get("expiration_time", order.expiration_time)
        order = replace(
            order,
            price=price,
            initial_count=count,
            remaining_count=count - order.fill_count,
            client_order_id=updated_id,
            expiration_time=_opt_int(expiration) or None,
            updated_ms=self._now_ms(),
        )
        self._orders[order.order_id] = order
        out = _body(call.default)
        _put_ids(out, order)
        _put(out, "remaining_count", _count(order.remaining_count))
        _put(out, "fill_count", _count(order.fill_count))
        for name in ("average_fill_price", "average_fee_paid"):
            out.pop(name, None)
        _put(out, "ts_ms", order.updated_ms)
        return out

    def _decrease_order(self, call: Call) -> Any:
        order = self._resting(call.path_params.get("order_id", ""), call.query)
        body = _object(call.body)
        by, to = body.get("reduce_by"), body.get("reduce_to")
        if (by is None) == (to is None):
            raise StateError(
                400, "invalid_parameter", "exactly one of reduce_by or reduce_to must be given"
            )
        if by is not None:
            remaining = order.remaining_count - _positive(by, "reduce_by")
        else:
            remaining = _decimal(to, "reduce_to")
        if not _ZERO <= remaining < order.remaining_count:
            raise StateError(
                400,
                "invalid_parameter",
                f"the order has {_count(order.remaining_count)} remaining: it cannot be "
                f"decreased to {_count(remaining)}",
            )
        order = replace(
            order,
            remaining_count=remaining,
            status=_RESTING if remaining > 0 else _CANCELED,
            updated_ms=self._now_ms(),
        )
        self._orders[order.order_id] = order
        out = _body(call.default)
        _put_ids(out, order)
        _put(out, "remaining_count", _count(order.remaining_count))
        _put(out, "ts_ms", order.updated_ms)
        return out

    def _get_order(self, call: Call) -> Any:
        order_id = call.path_params.get("order_id", "")
        order = self._orders.get(order_id)
        if order is None:
            raise StateError(404, "not_found", f"order {order_id!r} not found")
        out = _body(call.default)
        out["order"] = _order_json(_body(out.get("order")), order)
        return out

    def _list_orders(self, call: Call) -> Any:
        query = call.query
        subaccount = _opt_int(query.get("subaccount"))
        min_ts, max_ts = _opt_int(query.get("min_ts")), _opt_int(query.get("max_ts"))
        events = [e for e in (query.get("event_ticker") or "").split(",") if e]
        orders = [
            o
            for o in reversed(list(self._orders.values()))  # newest first
            if (not query.get("ticker") or o.ticker == query["ticker"])
            and (not events or any(o.ticker == e or o.ticker.startswith(e + "-") for e in events))
            and (not query.get("status") or o.status == query["status"])
            and (subaccount is None or o.subaccount == subaccount)
            and (min_ts is None or o.created_ms // 1000 >= min_ts)
            and (max_ts is None or o.created_ms // 1000 <= max_ts)
        ]
        cursor = query.get("cursor") or ""
        if cursor and not cursor.isdigit():
            raise StateError(400, "invalid_parameter", f"cursor {cursor!r} is not one of ours")
        start = int(cursor or 0)
        limit = _int(query.get("limit"), 100) or 100
        page = orders[start : start + limit]
        out = _body(call.default)
        template = _first_item(out.get("orders"))
        out["orders"] = [_order_json(copy.deepcopy(template), o) for o in page]
        _put(out, "cursor", str(start + limit) if start + limit < len(orders) else "")
        return out

    def _resting(self, order_id: str, where: Mapping[str, Any]) -> OrderRecord:
        order = self._orders.get(order_id)
        subaccount = _opt_int(where.get("subaccount"))
        if (
            order is None
            or order.status != _RESTING
            or (subaccount is not None and order.subaccount != subaccount)
        ):
            raise StateError(404, "not_found", f"no open order {order_id!r}")
        return order

    def _cancel(self, order: OrderRecord) -> Decimal:
        """Cancel a resting order; the count it was reduced by."""
        self._orders[order.order_id] = replace(
            order, remaining_count=_ZERO, status=_CANCELED, updated_ms=self._now_ms()
        )
        return order.remaining_count

    def _cancel_resting(self, order_ids: Iterable[str]) -> None:
        for order_id in list(order_ids):
            order = self._orders.get(order_id)
            if order is not None and order.status == _RESTING:
                self._cancel(order)

    # ------------------------------------------------------------------ helpers

    def _next_id(self, prefix: str, taken: Mapping[str, object]) -> str:
        while True:
            self._counters[prefix] += 1
            candidate = f"{prefix}_{self._counters[prefix]}"
            if candidate not in taken:
                return candidate

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)


def _order_json(out: dict[str, Any], order: OrderRecord) -> dict[str, Any]:
    expires = order.expiration_time
    fill_cost = order.fill_count * (order.price if order.side == "bid" else _ONE - order.price)
    fields: dict[str, Any] = {
        "order_id": order.order_id,
        "client_order_id": order.client_order_id or "",
        "ticker": order.ticker,
        "side": "yes",
        "action": "buy" if order.side == "bid" else "sell",
        "outcome_side": "yes",
        "book_side": order.side,
        "type": "limit",
        "status": order.status,
        "yes_price_dollars": _dollars(order.price),
        "no_price_dollars": _dollars(_ONE - order.price),
        "fill_count_fp": _count(order.fill_count),
        "remaining_count_fp": _count(order.remaining_count),
        "initial_count_fp": _count(order.initial_count),
        "taker_fill_cost_dollars": _dollars(_ZERO),
        "maker_fill_cost_dollars": _dollars(fill_cost),
        "taker_fees_dollars": _dollars(_ZERO),
        "maker_fees_dollars": _dollars(_ZERO),
        "expiration_time": None if expires is None else _iso(expires * 1000),
        "created_time": _iso(order.created_ms),
        "last_update_time": _iso(order.updated_ms),
        "self_trade_prevention_type": order.self_trade_prevention_type,
        "order_group_id": order.order_group_id,
        "cancel_order_on_pause": order.cancel_order_on_pause,
        "subaccount_number": order.subaccount,
        "exchange_index": order.exchange_index,
    }
    for name, value in fields.items():
        _put(out, name, value)
    return out


def _put_ids(out: dict[str, Any], order: OrderRecord) -> None:
    """The order's id and, when it has one, its client_order_id (else the key is dropped)."""
    _put(out, "order_id", order.order_id)
    if order.client_order_id is None:
        out.pop("client_order_id", None)
    else:
        _put(out, "client_order_id", order.client_order_id)


def _put(out: dict[str, Any], name: str, value: Any) -> None:
    """Set a field the default body has (so the answer keeps to the spec's fields)."""
    if name in out:
        out[name] = value


def _body(default: Any) -> dict[str, Any]:
    return dict(default) if isinstance(default, Mapping) else {}


def _object(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _first_item(value: Any) -> dict[str, Any]:
    if isinstance(value, list) and value and isinstance(value[0], Mapping):
        return copy.deepcopy(dict(value[0]))
    return {}


def _error(refused: StateError) -> dict[str, str]:
    return {"code": refused.code, "message": refused.message, "details": ""}


def _opt_int(value: object) -> int | None:
    """An integer from JSON or query text; None when absent or not one."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return None
    return None


def _int(value: object, default: int) -> int:
    number = _opt_int(value)
    return default if number is None else number


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _decimal(value: object, name: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        raise StateError(400, "invalid_parameter", f"{name} must be a fixed-point number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise StateError(
            400, "invalid_parameter", f"{name} must be a fixed-point number, got {value!r}"
        )
    return number


def _positive(value: object, name: str) -> Decimal:
    number = _decimal(value, name)
    if number <= 0:
        raise StateError(400, "invalid_parameter", f"{name} must be > 0, got {value!r}")
    return number


def _price(value: object, name: str) -> Decimal:
    number = _decimal(value, name)
    if not _ZERO < number < _ONE:
        raise StateError(
            400, "invalid_parameter", f"{name} must be between 0 and 1 dollars, got {value!r}"
        )
    return number


def _limit(body: Mapping[str, Any]) -> Decimal:
    """The contracts limit of a create / update-limit body, from either field."""
    whole, fixed = body.get("contracts_limit"), body.get("contracts_limit_fp")
    pairs = ((whole, "contracts_limit"), (fixed, "contracts_limit_fp"))
    values = [_decimal(value, name) for value, name in pairs if value is not None]
    if not values:
        raise StateError(
            400, "invalid_parameter", "contracts_limit or contracts_limit_fp is required"
        )
    if len(values) == 2 and values[0] != values[1]:
        raise StateError(
            400,
            "invalid_parameter",
            f"contracts_limit {whole!r} and contracts_limit_fp {fixed!r} must match",
        )
    limit = values[0]
    if limit != limit.to_integral_value() or not _ONE <= limit <= MAX_CONTRACTS_LIMIT:
        raise StateError(
            400,
            "invalid_parameter",
            f"the contracts limit must be a whole number from 1 to 1,000,000, got {limit}",
        )
    return limit


def _fixed(value: Decimal, places: int) -> str:
    """A fixed-point string with at least `places` decimals ("100" -> "100.00")."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -places:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{value:f}"


def _count(value: Decimal) -> str:
    return _fixed(value, _COUNT_PLACES)


def _dollars(value: Decimal) -> str:
    return _fixed(value, _DOLLAR_PLACES)


def _iso(ms: int) -> str:
    moment = datetime.fromtimestamp(ms / 1000, tz=timezone.utc)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}Z"

"""The seed page (shared/seed/order_groups.txt) runs unchanged, sync and async.

A fake exchange behind httpx.MockTransport checks every request exactly: method, full
path, query, JSON body and the signature headers. Step 2 (orders.create_v2) needs a spec
that has the V2 order endpoints; it is exercised where the locked spec has it.
"""

from __future__ import annotations

import asyncio
import inspect
import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from kalshi import AsyncKalshiClient, KalshiClient
from seed_example import HAS_V2_ORDERS, run_seed_async, run_seed_sync

TEST_KEY = Path(__file__).resolve().parents[1] / "runtime" / "fixtures" / "test_key.pem"
PREFIX = "/trade-api/v2"


@dataclass
class Exchange:
    """The order-group endpoints of a tiny exchange, recording what it was sent."""

    # the page's examples also touch an existing group, "og_abc"
    groups: dict[str, dict[str, Any]] = field(
        default_factory=lambda: {"og_abc": {"contracts_limit": 50, "orders": []}}
    )
    sent: list[tuple[str, str, str, Any]] = field(default_factory=list)
    created: int = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        for header in ("KALSHI-ACCESS-KEY", "KALSHI-ACCESS-TIMESTAMP", "KALSHI-ACCESS-SIGNATURE"):
            assert request.headers.get(
                header
            ), f"{header} missing on {request.method} {request.url}"
        body = json.loads(request.content) if request.content else None
        path = request.url.path
        assert path.startswith(PREFIX)
        path = path[len(PREFIX) :]
        self.sent.append((request.method, path, request.url.query.decode(), body))
        base = "/portfolio/order_groups"
        if (request.method, path) == ("POST", f"{base}/create"):
            self.created += 1
            group_id = f"og_{self.created}"
            self.groups[group_id] = {"contracts_limit": body["contracts_limit"], "orders": []}
            return httpx.Response(201, json={"order_group_id": group_id, "subaccount": 0})
        if (request.method, path) == ("GET", base):
            return httpx.Response(
                200,
                json={
                    "order_groups": [
                        {
                            "id": gid,
                            "contracts_limit_fp": f"{g['contracts_limit']}.00",
                            "contracts_used": "0.00",
                            "is_auto_cancel_enabled": False,
                            "exchange_index": 0,
                        }
                        for gid, g in self.groups.items()
                    ]
                },
            )
        if (request.method, path) == ("POST", "/portfolio/events/orders"):
            self.groups[body["order_group_id"]]["orders"].append("ord_1")
            return httpx.Response(
                201,
                json={
                    "order_id": "ord_1",
                    "client_order_id": body.get("client_order_id"),
                    "fill_count": "0.00",
                    "remaining_count": body["count"],
                    "ts_ms": 1_700_000_000_000,
                },
            )
        group_id = path.removeprefix(base + "/").split("/")[0]
        group = self.groups.get(group_id)
        if group is None:
            return httpx.Response(
                404, json={"code": "not_found", "message": "order group not found"}
            )
        if request.method == "GET":
            return httpx.Response(
                200,
                json={
                    "is_auto_cancel_enabled": False,
                    "contracts_limit_fp": f"{group['contracts_limit']}.00",
                    "orders": group["orders"] or None,  # the server's null list
                },
            )
        if request.method == "DELETE":
            del self.groups[group_id]
        return httpx.Response(200, json={})


def sync_client(exchange: Exchange) -> KalshiClient:
    return KalshiClient(
        key_id="key-1", private_key_path=TEST_KEY, transport=httpx.MockTransport(exchange)
    )


def run_seed(client: KalshiClient) -> list[str]:
    printed: list[str] = []
    run_seed_sync(client, printed)
    return printed


def expected_requests() -> list[tuple[str, str, str, Any]]:
    base = "/portfolio/order_groups"
    v2 = (
        [
            (
                "POST",
                "/portfolio/events/orders",
                "",
                {
                    "ticker": "KXPRES-24-DJT",
                    "client_order_id": "og-attach-1",
                    "side": "bid",
                    "count": "10",
                    "price": "0.65",
                    "time_in_force": "good_till_canceled",
                    "self_trade_prevention_type": "taker_at_cross",
                    "order_group_id": "og_1",
                },
            )
        ]
        if HAS_V2_ORDERS
        else []
    )
    return [
        ("POST", f"{base}/create", "", {"contracts_limit": 100}),
        *v2,
        ("GET", f"{base}/og_1", "", None),
        ("PUT", f"{base}/og_1/reset", "", {}),
        ("PUT", f"{base}/og_1/trigger", "", {}),
        ("GET", base, "", None),
        ("PUT", f"{base}/og_abc/limit", "", {"contracts_limit": 200}),
        ("POST", f"{base}/create", "", {"contracts_limit": 100, "exchange_index": 0}),
        ("DELETE", f"{base}/og_1", "", None),
        ("DELETE", f"{base}/og_abc", "exchange_index=0", None),
        ("DELETE", f"{base}/og_1", "", None),
    ]


def expected_output() -> list[str]:
    return [
        "og_1",
        "['ord_1']" if HAS_V2_ORDERS else "[]",
        "og_abc 50.00 0.00",
        "og_1 100.00 0.00",
        "already deleted: og_1",
    ]


def test_seed_example_sync() -> None:
    exchange = Exchange()
    with sync_client(exchange) as client:
        assert run_seed(client) == expected_output()
    assert exchange.sent == expected_requests()


def test_seed_example_async() -> None:
    exchange = Exchange()

    async def main() -> list[str]:
        async with AsyncKalshiClient(
            key_id="key-1", private_key_path=TEST_KEY, transport=httpx.MockTransport(exchange)
        ) as client:
            printed: list[str] = []
            await run_seed_async(client, printed)
            return printed

    assert asyncio.run(main()) == expected_output()
    assert exchange.sent == expected_requests()


def test_list_returns_plain_list_of_order_groups_with_decimal_limits() -> None:
    exchange = Exchange()
    with sync_client(exchange) as client:
        client.order_groups.create(contracts_limit=5)
        groups = client.order_groups.list()
    assert type(groups) is list
    assert [g.order_group_id for g in groups] == ["og_abc", "og_1"]
    assert groups[1].contracts_limit == Decimal("5.00")
    assert isinstance(groups[1].contracts_limit, Decimal)


def test_null_order_groups_list_reads_as_empty() -> None:
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json={"order_groups": None})
    )
    with KalshiClient(key_id="k", private_key_path=TEST_KEY, transport=transport) as client:
        assert client.order_groups.list() == []


def test_update_limit_takes_subaccount_where_the_spec_defines_it() -> None:
    """3.13.0 has no subaccount on UpdateOrderGroupLimit (the override kept it absent);
    3.31.0 added it, and the method follows the spec."""
    exchange = Exchange()
    with sync_client(exchange) as client:
        group = client.order_groups.create(contracts_limit=5)
        if "subaccount" in inspect.signature(client.order_groups.update_limit).parameters:
            client.order_groups.update_limit(group.order_group_id, contracts_limit=6, subaccount=1)
            assert exchange.sent[-1] == (
                "PUT",
                "/portfolio/order_groups/og_1/limit",
                "subaccount=1",
                {"contracts_limit": 6},
            )
        else:
            with pytest.raises(TypeError, match="subaccount"):
                client.order_groups.update_limit("og_1", contracts_limit=1, subaccount=1)


def test_create_sends_nothing_for_arguments_left_at_none() -> None:
    exchange = Exchange()
    with sync_client(exchange) as client:
        client.order_groups.create(contracts_limit=7, subaccount=None, exchange_index=None)
    assert exchange.sent == [("POST", "/portfolio/order_groups/create", "", {"contracts_limit": 7})]

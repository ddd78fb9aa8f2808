"""Nested sub-resources, read from the paths (generator/openapi/nesting.py): a tag spanning several
collections nests, one sub-resource per collection (two levels deep where a collection sits
under another's items); a one-collection tag, or a namespace holding one, stays flat. Sync
and async nest alike; paginators nest with their methods; SURFACE.txt and
kalshi._operations name the dotted paths. On the locked spec: kalshi-sdk's communications
names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import ir, naming
from generator.documents.load import load_document
from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.openapi.nesting import nested_placement
from generator.overrides.schema import Overrides, load_overrides

FIXTURE = Path(__file__).parent / "fixtures" / "specs" / "nesting" / "nesting.yaml"

EXPECTED = {
    "GetDeskStatus": "desk.status",  # outside every collection: stays on the parent
    "GetAgents": "desk.agents.list",
    "GetAgent": "desk.agents.get",
    "GetTickets": "desk.tickets.list",
    "CreateTicket": "desk.tickets.create",
    "GetTicket": "desk.tickets.get",
    "DeleteTicket": "desk.tickets.delete",
    "CloseTicket": "desk.tickets.close",
    "GetTicketComments": "desk.tickets.comments.list",  # two levels deep
    "CreateTicketComment": "desk.tickets.comments.create",
    "DeleteTicketComment": "desk.tickets.comments.delete",
    "GetShopSummary": "shop.summary",  # a namespace holding one collection: flat
    "GetShopOrders": "shop.list_orders",
    "GetShopOrder": "shop.get_order",
    "GetWidgets": "widgets.list",  # one collection, with a sub-collection: flat
    "GetWidget": "widgets.get",
    "GetWidgetParts": "widgets.list_parts",
    "GetWidgetPart": "widgets.get_part",
}


def fixture_ir(overrides: dict[str, Any] | None = None) -> ir.ClientIR:
    return build_ir(
        load_document(FIXTURE), Overrides.model_validate(overrides or {}), source=str(FIXTURE)
    )


def names(client: ir.ClientIR) -> dict[str, str]:
    return {op.operation_id: f"{op.resource}.{op.method_name}" for op in client.operations}


# ---------------------------------------------------------------------- the rule, in the IR


def test_a_tag_spanning_several_collections_nests_and_the_others_stay_flat() -> None:
    client = fixture_ir()
    assert names(client) == EXPECTED
    assert not client.warnings  # no clash to settle: the sub-resources keep `get`, `list`...


def test_the_ir_is_a_tree_of_resources() -> None:
    client = fixture_ir()
    desk = next(r for r in client.resources if r.attr == "desk")
    assert [r.attr for r in client.resources] == ["desk", "shop", "widgets"]
    assert [(r.path, r.attr, r.class_name) for r in desk.walk()] == [
        ("desk", "desk", "DeskResource"),
        ("desk.agents", "agents", "DeskAgentsResource"),
        ("desk.tickets", "tickets", "DeskTicketsResource"),
        ("desk.tickets.comments", "comments", "DeskTicketsCommentsResource"),
    ]
    tickets = desk.children[1]
    assert tickets.method_names == ["list", "list_all", "create", "get", "delete", "close"]
    assert tickets.description == ""  # the tag's text describes `desk`, not its parts


def test_a_paginator_nests_with_its_method() -> None:
    op = next(op for op in fixture_ir().operations if op.operation_id == "GetTickets")
    assert op.pagination is not None and op.pagination.method_name == "list_all"
    assert op.resource == "desk.tickets"


def test_a_method_named_like_a_sub_resource_is_refused() -> None:
    chosen = {"operations": {"GetDeskStatus": {"method": "tickets", "reason": "test"}}}
    with pytest.raises(GeneratorError, match=r"`desk\.tickets` would be both a method"):
        fixture_ir(chosen)


def test_an_override_places_an_operation_exactly_and_the_rest_stay_nested() -> None:
    chosen = {"operations": {"GetAgent": {"resource": "desk", "reason": "test"}}}
    client = fixture_ir(chosen)
    assert names(client) == {**EXPECTED, "GetAgent": "desk.get_agent"}
    (applied,) = [a for a in client.override_report if "GetAgent" in str(a)]
    assert "client.desk.agents" in str(applied)  # what the convention would have done


@pytest.mark.parametrize(
    ("paths", "nested"),
    [
        # items addressed, but no collection addressed itself (/live_data/milestone): flat
        (
            {
                "A": "/live/milestone/{id}",
                "B": "/live/events/{ticker}",
                "C": "/live/weather/{city}",
            },
            {"A": (), "B": (), "C": ()},
        ),
        # a scope the paths pass through (/series/{s}/events/{t}/...) is no collection
        (
            {"A": "/series/{s}", "B": "/series", "C": "/series/{s}/events/{t}/candlesticks"},
            {"A": (), "B": (), "C": ()},
        ),
        # any placeholder name marks the item: /x/{id} and /x/{x_id}/y
        (
            {
                "A": "/ns/x",
                "B": "/ns/x/{id}",
                "C": "/ns/y",
                "D": "/ns/y/{y_id}",
                "E": "/ns/x/{x_id}/z",
                "F": "/ns/x/{x_id}/z/{z_id}",
            },
            {"A": ("x",), "B": ("x",), "C": ("y",), "D": ("y",), "E": ("x", "z"), "F": ("x", "z")},
        ),
        # a hyphenated segment becomes an identifier
        (
            {"A": "/ns/block-trades", "B": "/ns/block-trades/{id}", "C": "/ns/q", "D": "/ns/q/{i}"},
            {"A": ("block_trades",), "B": ("block_trades",), "C": ("q",), "D": ("q",)},
        ),
    ],
)
def test_nested_placement(paths: dict[str, str], nested: dict[str, tuple[str, ...]]) -> None:
    assert nested_placement(paths) == nested


# ---------------------------------------------------------------------- the generated tree


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory, generate_into: Callable[..., Path]) -> Path:
    return generate_into(tmp_path_factory.mktemp("nesting"), FIXTURE)


def test_surface_and_operations_name_the_dotted_paths(tree: Path) -> None:
    surface = (tree / "SURFACE.txt").read_text(encoding="utf-8").splitlines()
    assert (
        "[desk.tickets.comments] DeskTicketsCommentsResource / AsyncDeskTicketsCommentsResource"
        in surface
    )
    assert any(line.startswith("desk.tickets.list_all(..., max_pages") for line in surface)
    assert any(
        line.startswith("desk.tickets.comments.delete(ticket_id: str, comment_id: str)")
        for line in surface
    )
    operations = (tree / "kalshi" / "_operations.py").read_text(encoding="utf-8")
    assert "'desk.tickets.comments'" in operations or '"desk.tickets.comments"' in operations
    docs = (tree / "docs" / "desk.md").read_text(encoding="utf-8")
    assert "`tickets.comments.create(ticket_id, *, text)" in docs
    assert "::: kalshi.resources.desk.AsyncDeskTicketsCommentsResource" in docs


NESTED_CALLS = """
import asyncio, inspect, json
from operator import attrgetter
from kalshi import AsyncKalshiClient, KalshiClient
from kalshi._operations import OPERATIONS
from kalshi.resources.desk import DeskTicketsCommentsResource, AsyncDeskTicketsCommentsResource
from kalshi.testing import FakeKalshi

out = {}
fake = FakeKalshi()
with fake.client() as client:
    out["same"] = client.desk.tickets is client.desk.tickets  # cached, like the client's
    out["sync_class"] = type(client.desk.tickets.comments).__name__
    client.desk.tickets.comments.create("t1", text="hi")
    out["pages"] = [t.ticket_id for t in client.desk.tickets.list_all(max_pages=1)][:1] != None
    for info in OPERATIONS:
        assert callable(attrgetter(f"{info.resource}.{info.method}")(client)), info
async def main():
    async with fake.async_client() as client:
        out["async_class"] = type(client.desk.tickets.comments).__name__
        method = client.desk.tickets.comments.delete
        out["async_is_coroutine"] = inspect.iscoroutinefunction(method)
        await method("t1", "c9")
        out["async_pager"] = hasattr(client.desk.tickets.list_all(), "__aiter__")
asyncio.run(main())
out["requests"] = [(r.operation_id, r.method, r.path) for r in fake.requests]
print(json.dumps(out))
"""


def test_sync_and_async_nest_alike(tree: Path, run_json_in_tree: Callable[..., Any]) -> None:
    out = run_json_in_tree(tree, NESTED_CALLS)
    assert out["same"] is True
    assert out["sync_class"] == "DeskTicketsCommentsResource"
    assert out["async_class"] == "AsyncDeskTicketsCommentsResource"
    assert out["async_is_coroutine"] is True and out["async_pager"] is True
    sent = [tuple(r) for r in out["requests"]]
    assert ("CreateTicketComment", "POST", "/desk/tickets/t1/comments") in sent
    assert ("DeleteTicketComment", "DELETE", "/desk/tickets/t1/comments/c9") in sent
    assert any(op_id == "GetTickets" for op_id, _, _ in sent)


# ---------------------------------------------------------------------- the locked spec


KALSHI_SDK_NESTED = {  # GUIDE.md section 3, and the paths read the same way
    "AcceptQuote": "communications.quotes.accept",
    "CreateRFQ": "communications.rfqs.create",
    "GetRFQBatch": "communications.rfq_batches.get",
    "CreateRFQBatchQuote": "communications.rfq_batches.quotes.create",
    "GetBlockTradeProposals": "communications.block_trade_proposals.list",
    "ProposeBlockTrade": "communications.block_trade_proposals.create",  # overrides.yaml
    "GetRFQBatchQuotes": "communications.rfq_batches.quotes.list",
    "GetRFQBatchBestQuotes": "communications.rfq_batches.best_quotes",
    "GetRFQQuote": "communications.quotes.get_for_rfq",  # overrides.yaml, kalshi-sdk src
    "GetCommunicationsID": "communications.get_id",
}


@pytest.fixture(scope="module")
def locked_ir(repo: Path) -> ir.ClientIR:
    spec = repo / "spec" / "openapi.yaml"
    if not spec.exists():
        pytest.skip("no locked spec (./scripts/setup.sh)")
    return build_ir(load_document(spec), load_overrides(repo / "overrides.yaml"), source=str(spec))


def test_communications_nests_as_kalshi_sdk_does(locked_ir: ir.ClientIR) -> None:
    got = names(locked_ir)
    assert {op_id: got[op_id] for op_id in KALSHI_SDK_NESTED} == KALSHI_SDK_NESTED
    paged = {
        op.operation_id: op.pagination.method_name for op in locked_ir.operations if op.pagination
    }
    assert paged["GetRFQs"] == "list_all" and paged["GetQuotes"] == "list_all"
    assert not [w for w in locked_ir.warnings if "communications" in str(w)]


def test_only_communications_nests_on_the_locked_spec(locked_ir: ir.ClientIR) -> None:
    nested = {op.resource for op in locked_ir.operations if "." in op.resource}
    assert nested == {
        "communications.block_trade_proposals",
        "communications.quotes",
        "communications.rfq_batches",
        "communications.rfq_batches.quotes",
        "communications.rfqs",
    }
    got = names(locked_ir)
    for op_id, name in {
        "GetMarketOrderbook": "markets.orderbook",
        "GetMarketCandlesticks": "markets.candlesticks",
        "GetMarketCandlesticksByEvent": "series.event_candlesticks",
        "GetBalance": "portfolio.balance",
        "GetOrderGroups": "order_groups.list",
        "GetEventMetadata": "events.metadata",
        "GetHistoricalMarket": "historical.market",
    }.items():
        assert got[op_id] == name


@pytest.mark.parametrize(
    ("method", "iterator"),
    [("list", "list_all"), ("list_trades", "list_all_trades"), ("fills", "fills_all")],
)
def test_iterators_are_named_as_kalshi_sdk_names_them(method: str, iterator: str) -> None:
    assert naming.iterator_name(method) == iterator


def test_locked_iterators_follow_kalshi_sdk(locked_ir: ir.ClientIR) -> None:
    paged = {
        f"{op.resource}.{op.method_name}": op.pagination.method_name
        for op in locked_ir.operations
        if op.pagination
    }
    assert paged["markets.list_trades"] == "list_all_trades"  # kalshi-sdk: list_all_trades
    assert paged["markets.list"] == "list_all"
    assert paged["portfolio.fills"] == "fills_all"

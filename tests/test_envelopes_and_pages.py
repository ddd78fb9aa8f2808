"""Return types (issue 12 section 7): single-object envelopes unwrapped, list methods return
`kalshi.Page`, overrides.yaml `unwrap:` for the exceptions.

The rule is checked on a fixture spec (tests/fixtures/specs/envelopes/), the generated code
of that spec is called sync and async through httpx.MockTransport, and the client generated
from the locked Kalshi spec (KALSHI_GENERATED, else generated/) is checked the same way:
`markets.get` returns the Market, `markets.list` a Page of Markets.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import ir
from generator.documents.load import load_document
from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides, load_overrides

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "specs" / "envelopes"
SPEC = FIXTURE / "envelopes.yaml"
OVERRIDES = FIXTURE / "overrides.yaml"
GENERATED = Path(os.environ.get("KALSHI_GENERATED") or HERE.parent / "generated")


def build(overrides: Overrides | None = None) -> dict[str, ir.Operation]:
    client = build_ir(
        load_document(SPEC), overrides or load_overrides(OVERRIDES), source="envelopes.yaml"
    )
    return {op.operation_id: op for op in client.operations}


def overrides(operations: dict[str, Any]) -> Overrides:
    return Overrides.model_validate({"operations": operations})


# ---------------------------------------------------------------------- the rule


def test_a_single_object_envelope_returns_the_object() -> None:
    ops = build()
    assert (ops["GetWidget"].unwrap, ops["GetWidget"].unwrap_type) == (
        "widget",
        ir.ModelRef("Widget"),
    )
    # an optional field: the object or None
    assert ops["FindWidget"].unwrap_type == ir.Nullable(ir.ModelRef("Widget"))


@pytest.mark.parametrize(
    "operation_id",
    [
        "GetWidgetDetail",  # a second field
        "GetWidgetTags",  # one field, a list
        "GetWidgetColor",  # one field, an enum
        "GetWidgets",  # a page
    ],
)
def test_other_envelopes_are_kept(operation_id: str) -> None:
    op = build()[operation_id]
    assert (op.unwrap, op.unwrap_type) == (None, None)


def test_overrides_keep_an_envelope_and_unwrap_a_list() -> None:
    ops = build()
    assert ops["GetGadget"].unwrap is None  # unwrap: false
    assert ops["GetGadgets"].unwrap == "gadgets"
    assert ops["GetGadgets"].unwrap_type == ir.ListOf(ir.ModelRef("Widget"))
    assert ops["GetGadget"].response == ir.ModelRef("GetGadgetResponse")
    without = build(Overrides())
    assert without["GetGadget"].unwrap == "gadget"  # what the entry overrules
    assert without["GetGadgets"].unwrap is None


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"GetWidgetDetail": {"unwrap": False}}, "convention already returns the envelope"),
        ({"GetWidget": {"unwrap": "widget"}}, "convention already returns the response's `widget`"),
        ({"GetWidget": {"unwrap": "nothing"}}, "no field 'nothing'"),
    ],
)
def test_redundant_or_stale_unwrap_entries_fail(entry: dict[str, Any], message: str) -> None:
    (op_id,) = entry
    with pytest.raises(GeneratorError) as caught:
        build(overrides({op_id: {**entry[op_id], "reason": "under test"}}))
    assert f"operations.{op_id}.unwrap" in str(caught.value)
    assert message in str(caught.value)


def test_the_convention_reads_the_fields_after_model_overrides() -> None:
    """A renamed field is returned under its new name; a field added by overrides.yaml
    makes the envelope a two-field one, so it is kept."""
    doc = load_document(SPEC)
    renamed = Overrides.model_validate(
        {
            "models": {
                "GetWidgetResponse": {"rename_fields": {"widget": "item"}, "reason": "under test"}
            }
        }
    )
    client = build_ir(copy.deepcopy(doc), renamed, source="envelopes.yaml")
    get = next(op for op in client.operations if op.operation_id == "GetWidget")
    assert get.unwrap == "item"
    added = Overrides.model_validate(
        {
            "models": {
                "GetWidgetResponse": {
                    "add_fields": {
                        "served_at": {"type": "string", "description": "d", "reason": "under test"}
                    },
                    "reason": "under test",
                }
            }
        }
    )
    client = build_ir(copy.deepcopy(doc), added, source="envelopes.yaml")
    get = next(op for op in client.operations if op.operation_id == "GetWidget")
    assert get.unwrap is None


# ---------------------------------------------------------------------- the fixture client

FIXTURE_CALLS = r"""
import asyncio, json, re, typing
import httpx
import kalshi
from kalshi import AsyncKalshiClient, KalshiClient, Page
from kalshi.models import GetWidgetsResponse, Widget
from kalshi.resources.gadgets import GadgetsResource
from kalshi.resources.widgets import AsyncWidgetsResource, WidgetsResource

PAGES = {
    None: {"widgets": [{"id": "w1"}, {"id": "w2", "size": 2}], "cursor": "c2", "total": 3},
    "c2": {"widgets": [{"id": "w3"}], "cursor": "", "total": 3},
}

def answer(request):
    path = request.url.path.removeprefix("/trade-api/v2")
    if path == "/widgets":
        return httpx.Response(200, json=PAGES[request.url.params.get("cursor")])
    if path == "/widgets/w1":
        return httpx.Response(200, json={"widget": {"id": "w1", "size": 1}})
    if path == "/widgets/w1/maybe":
        return httpx.Response(200, json={})
    if path == "/gadgets":
        return httpx.Response(200, json={"gadgets": [{"id": "g1"}]})
    if path == "/gadgets/g1":
        return httpx.Response(200, json={"gadget": {"id": "g1"}})
    return httpx.Response(404, json={})

def calls(client):
    first = client.widgets.list()
    last = client.widgets.list(cursor=first.cursor)
    return first, last, client.widgets.get("w1"), client.widgets.maybe("w1"), \
        client.gadgets.list(), client.gadgets.get("g1"), list(client.widgets.list_all())

def describe(first, last, got, found, gadgets, gadget, every):
    return {
        "page": type(first).__name__, "len": len(first), "ids": [w.id for w in first],
        "index": first[1].size, "slice": [w.id for w in first[:1]], "last": first[-1].id,
        "cursor": first.cursor, "has_next": first.has_next, "contains": first[0] in first,
        "items_are_envelope_list": first.items is first.response.widgets,
        "response": type(first.response).__name__, "total": first.response.total,
        "last_cursor": last.cursor, "last_has_next": last.has_next,
        "last_raw_cursor": last.response.cursor, "repr": repr(last),
        "equal": first == Page(first.items, "c2", first.response), "unequal": first == last,
        "got": type(got).__name__, "size": got.size, "found": found,
        "gadgets": [type(g).__name__ for g in gadgets], "gadget": type(gadget).__name__,
        "every": [w.id for w in every],
    }

transport = httpx.MockTransport(answer)
BASE = "https://fixture.test/trade-api/v2"
with KalshiClient(base_url=BASE, transport=transport) as client:
    sync = describe(*calls(client))

async def main():
    async with AsyncKalshiClient(base_url=BASE, transport=transport) as client:
        first = await client.widgets.list()
        last = await client.widgets.list(cursor=first.cursor)
        every = [w async for w in client.widgets.list_all()]
        return describe(first, last, await client.widgets.get("w1"),
            await client.widgets.maybe("w1"), await client.gadgets.list(),
            await client.gadgets.get("g1"), every)

def hint(func):  # the return annotation without module paths
    found = typing.get_type_hints(func)["return"]
    return found.__name__ if isinstance(found, type) else re.sub(r"kalshi[.\w]*\.", "", str(found))

hints = {
    f"{cls.__name__}.{name}": hint(getattr(cls, name))
    for cls in (WidgetsResource, AsyncWidgetsResource, GadgetsResource)
    for name in ("list", "get", "maybe", "detail")
    if hasattr(cls, name)
}
print(json.dumps({"sync": sync, "async": asyncio.run(main()), "hints": hints,
                  "exported": "Page" in kalshi.__all__, "same": Page is kalshi._pages.Page}))
"""


@pytest.fixture(scope="module")
def fixture_client(
    tmp_path_factory: pytest.TempPathFactory,
    generate_into: Callable[..., Path],
    run_json_in_tree: Callable[..., Any],
) -> Any:
    tree = generate_into(tmp_path_factory.mktemp("envelopes"), SPEC, OVERRIDES)
    return run_json_in_tree(tree, FIXTURE_CALLS)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_the_page_behaves_as_a_sequence_with_the_whole_envelope(
    fixture_client: Any, kind: str
) -> None:
    got = fixture_client[kind]
    assert got["page"] == "Page"
    assert (got["len"], got["ids"], got["index"], got["slice"], got["last"]) == (
        2,
        ["w1", "w2"],
        2,
        ["w1"],
        "w2",
    )
    assert (got["cursor"], got["has_next"], got["contains"]) == ("c2", True, True)
    assert got["items_are_envelope_list"] and got["response"] == "GetWidgetsResponse"
    assert got["total"] == 3  # a field beside the list is not lost
    # the server's "" on the last page reads as no cursor; the envelope keeps what it sent
    assert (got["last_cursor"], got["last_has_next"], got["last_raw_cursor"]) == (
        None,
        False,
        "",
    )
    assert got["repr"] == "Page(1 items, cursor=None)"
    assert (got["equal"], got["unequal"]) == (True, False)
    assert got["every"] == ["w1", "w2", "w3"]  # list_all still follows the cursor


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_unwrapped_and_kept_envelopes_at_run_time(fixture_client: Any, kind: str) -> None:
    got = fixture_client[kind]
    assert (got["got"], got["size"], got["found"]) == ("Widget", 1, None)
    assert got["gadgets"] == ["Widget"]  # unwrap: gadgets -> a plain list
    assert got["gadget"] == "GetGadgetResponse"  # unwrap: false


def test_the_declared_return_types(fixture_client: Any) -> None:
    assert fixture_client["hints"] == {
        "WidgetsResource.list": "Page[Widget, GetWidgetsResponse]",
        "WidgetsResource.get": "Widget",
        "WidgetsResource.maybe": "Widget | None",
        "WidgetsResource.detail": "GetWidgetDetailResponse",
        "AsyncWidgetsResource.list": "Page[Widget, GetWidgetsResponse]",
        "AsyncWidgetsResource.get": "Widget",
        "AsyncWidgetsResource.maybe": "Widget | None",
        "AsyncWidgetsResource.detail": "GetWidgetDetailResponse",
        "GadgetsResource.list": "list[Widget]",
        "GadgetsResource.get": "GetGadgetResponse",
    }
    assert fixture_client["exported"] and fixture_client["same"]  # kalshi.Page


# ---------------------------------------------------------------------- the Kalshi client

KALSHI_CALLS = r"""
import asyncio, json, re, typing
import httpx
from kalshi import AsyncKalshiClient, KalshiClient, Page
from kalshi.models import GetMarketsResponse, Market
from kalshi.resources.markets import AsyncMarketsResource, MarketsResource
from kalshi.resources.order_groups import OrderGroupsResource

MARKET = {"ticker": "KX-1", "yes_bid_dollars": "0.5600"}

def answer(request):
    path = request.url.path.removeprefix("/trade-api/v2")
    if path == "/markets":
        return httpx.Response(200, json={"markets": [MARKET], "cursor": "next"})
    return httpx.Response(200, json={"market": MARKET})

def describe(page, market):
    return {"page": type(page).__name__, "items": [type(m).__name__ for m in page],
            "cursor": page.cursor, "response": type(page.response).__name__,
            "market": type(market).__name__, "ticker": market.ticker,
            "yes_bid": str(market.yes_bid)}

transport = httpx.MockTransport(answer)
with KalshiClient(transport=transport) as client:
    sync = describe(client.markets.list(limit=1), client.markets.get("KX-1"))

async def main():
    async with AsyncKalshiClient(transport=transport) as client:
        return describe(await client.markets.list(limit=1), await client.markets.get("KX-1"))

def hint(func):  # the return annotation without module paths
    found = typing.get_type_hints(func)["return"]
    return found.__name__ if isinstance(found, type) else re.sub(r"kalshi[.\w]*\.", "", str(found))

print(json.dumps({"sync": sync, "async": asyncio.run(main()), "hints": {
    "list": hint(MarketsResource.list), "get": hint(MarketsResource.get),
    "async_list": hint(AsyncMarketsResource.list), "async_get": hint(AsyncMarketsResource.get),
    "order_groups": hint(OrderGroupsResource.list)}}))
"""


@pytest.fixture(scope="module")
def kalshi_client(run_json_in_tree: Callable[..., Any]) -> Any:
    if not (GENERATED / "kalshi" / "_pages.py").is_file():
        pytest.fail(f"{GENERATED} has no kalshi/_pages.py: regenerate it", pytrace=False)
    return run_json_in_tree(GENERATED, KALSHI_CALLS)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_markets_get_returns_the_market_and_list_a_page(kalshi_client: Any, kind: str) -> None:
    assert kalshi_client[kind] == {
        "page": "Page",
        "items": ["Market"],
        "cursor": "next",
        "response": "GetMarketsResponse",
        "market": "Market",
        "ticker": "KX-1",
        "yes_bid": "0.5600",
    }


def test_markets_return_annotations(kalshi_client: Any) -> None:
    assert kalshi_client["hints"] == {
        "list": "Page[Market, GetMarketsResponse]",
        "async_list": "Page[Market, GetMarketsResponse]",
        "get": "Market",
        "async_get": "Market",
        "order_groups": "list[OrderGroup]",  # the seed page's override
    }

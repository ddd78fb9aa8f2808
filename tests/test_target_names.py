"""The names of the perps and klear targets: the product-word rule (`naming: strip_words`),
its collisions and its staleness, the fixed-point strings the documents leave untyped
(`money_fields`), klear's placement by path, and the main target left as it was."""

from __future__ import annotations

import ast
import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_runner import codegen

from generator import ir
from generator.errors import GeneratorError
from generator.naming import method_name, operation_words, stripped_words
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides, load_overrides
from generator.pipeline import Timings, build_rest_ir

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "spec"
PERPS = SHARED / "kalshi-perps-openapi-0.0.1.yaml"
KLEAR = SHARED / "kalshi-klear-openapi-0.0.1.yaml"
PERPS_OVERRIDES = REPO / "overrides-perps.yaml"
KLEAR_OVERRIDES = REPO / "overrides-klear.yaml"

needs_documents = pytest.mark.skipif(
    not (PERPS.exists() and KLEAR.exists()), reason="../shared/spec has no perps/klear documents"
)

FIX = "remove it from strip_words"
STRIP = {"naming": {"strip_words": ["margin"], "reason": "the product's name"}}


def _op(op_id: str, *, tag: str = "orders", responses: str = "204") -> dict[str, Any]:
    return {"operationId": op_id, "tags": [tag], "responses": {responses: {"description": "ok"}}}


def mini(paths: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.test/v1"}],
        "paths": paths,
    }


ORDERS = mini(
    {
        "/margin/orders": {"get": _op("GetMarginOrders"), "post": _op("CreateMarginOrder")},
        "/margin/orders/{order_id}": {
            "parameters": [
                {"name": "order_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": _op("GetMarginOrder"),
            "delete": _op("CancelMarginOrder"),
        },
    }
)


def build(doc: dict[str, Any], overrides: dict[str, Any]) -> ir.ClientIR:
    return build_ir(doc, Overrides.model_validate(overrides), source="spec.yaml")


def warnings(client: ir.ClientIR) -> list[str]:
    return [str(w) for w in client.warnings]


def names(client: ir.ClientIR) -> dict[str, str]:
    return {op.operation_id: f"{op.resource}.{op.method_name}" for op in client.operations}


def built(spec: Path, overrides: Path) -> ir.ClientIR:
    return build_rest_ir(spec, overrides, Timings(), checked=False)


# ---------------------------------------------------------------------- the rule, unit level


def orders_method(op_id: str, path: str, strip: set[str]) -> str:
    return method_name(
        op_id,
        nouns=[["orders"], ["orders"], ["margin"]],
        path=path,
        sub_collections={"orders"},
        strip=strip,
    )


@pytest.mark.parametrize(
    ("op_id", "path", "without", "stripped"),
    [
        ("GetMarginOrders", "/margin/orders", "list_margin", "list"),
        ("GetMarginOrder", "/margin/orders/{order_id}", "margin", "get"),
        ("CreateMarginOrder", "/margin/orders", "create_margin", "create"),
        ("CancelAllMarginOrders", "/margin/orders", "cancel_all_margin", "cancel_all"),
        (
            "DecreaseMarginOrder",
            "/margin/orders/{order_id}/decrease",
            "decrease_margin",
            "decrease",
        ),
    ],
)
def test_strip_words_leave_the_product_out_of_method_names(
    op_id: str, path: str, without: str, stripped: str
) -> None:
    assert orders_method(op_id, path, set()) == without
    assert orders_method(op_id, path, {"margin"}) == stripped


def test_a_read_named_after_a_product_word_segment_takes_the_operation_s_object() -> None:
    # /account/limits/perps reads `perps`; without it the operationId names what is read
    name = method_name(
        "GetPerpsAccountApiLimits",
        nouns=[["account"], ["account"], ["account"]],
        path="/account/limits/perps",
        sub_collections=set(),
        strip={"perps"},
    )
    assert name == "api_limits"


def test_only_whole_words_are_stripped() -> None:
    assert operation_words("GetMarginalMarginCost", {"margin"}) == ["get", "marginal", "cost"]
    assert stripped_words("GetMarginalMarginCost", {"margin"}) == ["margin"]
    assert operation_words("GetMarginOrders") == ["get", "margin", "orders"]


def test_stripped_list_methods_name_their_iterator_without_the_word_too() -> None:
    doc = copy.deepcopy(ORDERS)
    doc["paths"]["/margin/orders"]["get"] = {
        "operationId": "GetMarginOrders",
        "tags": ["orders"],
        "parameters": [{"name": "cursor", "in": "query", "schema": {"type": "string"}}],
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "object",
                            "properties": {
                                "orders": {"type": "array", "items": {"type": "string"}},
                                "cursor": {"type": "string"},
                            },
                        }
                    }
                },
            }
        },
    }
    without = next(o for o in build(doc, {}).operations if o.operation_id == "GetMarginOrders")
    client = build(doc, STRIP)
    op = next(o for o in client.operations if o.operation_id == "GetMarginOrders")
    assert without.pagination is not None and without.pagination.method_name == "list_all_margin"
    assert op.pagination is not None and (op.method_name, op.pagination.method_name) == (
        "list",
        "list_all",
    )


def test_strip_words_rename_by_the_convention_and_are_reported() -> None:
    assert names(build(ORDERS, {})) == {
        "GetMarginOrders": "orders.list_margin",
        "CreateMarginOrder": "orders.create_margin",
        "GetMarginOrder": "orders.margin",
        "CancelMarginOrder": "orders.cancel_margin",
    }
    client = build(ORDERS, STRIP)
    assert names(client) == {
        "GetMarginOrders": "orders.list",
        "CreateMarginOrder": "orders.create",
        "GetMarginOrder": "orders.get",
        "CancelMarginOrder": "orders.cancel",
    }
    assert client.warnings == []
    [applied] = [a for a in client.override_report if a.entry.startswith("naming.")]
    assert applied.entry == "naming.strip_words[margin]"
    assert "4 operations" in applied.change and "GetMarginOrder," in applied.target


# ---------------------------------------------------------------------- collisions


def test_a_collision_made_by_stripping_keeps_the_word_in_the_loser_and_warns() -> None:
    doc = copy.deepcopy(ORDERS)
    doc["paths"]["/orders"] = {"get": _op("GetOrders")}
    client = build(doc, STRIP)
    found = names(client)
    # the operation without the product word keeps the name; the other keeps its word
    assert found["GetOrders"] == "orders.list"
    assert found["GetMarginOrders"] == "orders.get_margin_orders"
    [warning] = [w for w in warnings(client) if "GetMarginOrders" in w]
    assert "`orders.list` is taken; named `orders.get_margin_orders`" in warning
    assert "naming.strip_words drops `margin`" in warning
    assert "kept here since the names are equal without it" in warning


def test_a_collision_among_stripped_names_falls_back_to_the_stripped_operation_id() -> None:
    doc = mini(
        {
            "/margin/a/funding_payments": {"get": _op("GetMarginObligationFundingPayments")},
            "/margin/b/funding_payments": {"get": _op("GetMarginMemberFundingPayments")},
        }
    )
    client = build(doc, STRIP)
    assert set(names(client).values()) == {
        "orders.get_obligation_funding_payments",
        "orders.get_member_funding_payments",
    }
    assert len([w for w in warnings(client) if "`orders.funding_payments` is taken" in w]) == 2
    assert all("naming.strip_words drops `margin` from it (" in w for w in warnings(client))


# ---------------------------------------------------------------------- the schema and staleness


@pytest.mark.parametrize(
    ("naming", "expected"),
    [
        ({"strip_words": ["margin"]}, r"naming\.reason: Field required"),
        ({"strip_words": [], "reason": "why"}, r"naming\.strip_words: List should have at least"),
        ({"strip_words": ["Margin"], "reason": "why"}, r"naming\.strip_words\.0: String should"),
        ({"strip_words": ["a", "a"], "reason": "why"}, r"strip_words lists 'a' twice"),
        ({"strip_words": ["a"], "reason": "why", "words": []}, r"naming\.words: Extra inputs"),
    ],
)
def test_naming_entry_mistakes_name_the_entry(
    tmp_path: Path, naming: dict[str, Any], expected: str
) -> None:
    path = tmp_path / "overrides.yaml"
    path.write_text(yaml.safe_dump({"naming": naming}), encoding="utf-8")
    with pytest.raises(GeneratorError, match=expected):
        load_overrides(path)


def test_a_strip_word_no_operation_id_has_is_stale() -> None:
    overrides = {"naming": {"strip_words": ["margin", "perps"], "reason": "product words"}}
    with pytest.raises(GeneratorError) as caught:
        build(ORDERS, overrides)
    problems = [line for line in str(caught.value).splitlines() if line.startswith("  - ")]
    assert problems == [
        f"  - naming.strip_words[perps]: no operationId has the word 'perps' any more; {FIX}"
    ]


@needs_documents
def test_a_stale_naming_entry_fails_generation_with_one_line_naming_it(tmp_path: Path) -> None:
    stale = tmp_path / "overrides-perps.yaml"
    data = yaml.safe_load(PERPS_OVERRIDES.read_text(encoding="utf-8"))
    data["naming"]["strip_words"].append("spot")
    stale.write_text(yaml.safe_dump(data), encoding="utf-8")
    done = codegen("generate", "--spec", PERPS, "--overrides", stale, "--output", tmp_path / "out")
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    entries = [line for line in done.stderr.splitlines() if line.startswith("  - ")]
    assert entries == [
        f"  - naming.strip_words[spot]: no operationId has the word 'spot' any more; {FIX}"
    ]
    assert str(stale) in done.stderr  # the target's own overrides file, not overrides.yaml
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------- money_fields


MONEY = mini(
    {
        "/fills": {
            "get": {
                **_op("GetFills", tag="fills", responses="200"),
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Fill"}}
                        },
                    }
                },
            }
        }
    }
)
MONEY["components"] = {
    "schemas": {
        "Dollars": {"type": "string"},
        "Fill": {
            "type": "object",
            "properties": {
                "price": {"type": "string"},
                "fee_fp": {"type": "string"},
                "by_ticker": {"type": "object", "additionalProperties": {"type": "string"}},
                "typed": {"$ref": "#/components/schemas/Dollars"},
                "count": {"type": "integer"},
            },
        },
    }
}
MONEY_TYPES = {"types": {"Dollars": {"python": "dollars", "reason": "money"}}}


def test_money_fields_read_plain_fixed_point_strings_as_decimal() -> None:
    entry = {"money_fields": {"price": "dollars", "fee_fp": "dollars", "by_ticker": "dollars"}}
    client = build(MONEY, {**MONEY_TYPES, "models": {"Fill": {**entry, "reason": "money"}}})
    fields = {f.wire_name: f for f in client.models["Fill"].fields}
    assert fields["price"].type == ir.Primitive("dollars")
    assert fields["by_ticker"].type == ir.DictOf(ir.Primitive("dollars"))
    # the short name a FixedPointDollars field with the suffix takes
    assert (fields["fee_fp"].py_name, fields["fee_fp"].type) == ("fee", ir.Primitive("dollars"))
    applied = [a.entry for a in client.override_report if ".money_fields." in a.entry]
    assert applied == [f"models.Fill.money_fields.{w}" for w in ("price", "fee_fp", "by_ticker")]


@pytest.mark.parametrize(
    ("wire", "problem"),
    [
        ("typed", "redundant: the spec now types Fill.typed as a fixed-point value"),
        ("count", "Fill.count is not a string any more"),
        ("gone", "Fill has no field 'gone' any more"),
    ],
)
def test_money_fields_that_no_longer_fit_are_stale(wire: str, problem: str) -> None:
    overrides = {
        **MONEY_TYPES,
        "models": {"Fill": {"money_fields": {wire: "dollars"}, "reason": "money"}},
    }
    with pytest.raises(GeneratorError, match=rf"models\.Fill\.money_fields\.{wire}: {problem}"):
        build(MONEY, overrides)


# ---------------------------------------------------------------------- the perps target


PERPS_EXPECTED = {
    "GetMarginOrders": "orders.list",
    "CreateMarginOrder": "orders.create",
    "GetMarginOrder": "orders.get",
    "CancelAllMarginOrders": "orders.cancel_all",
    "AmendMarginOrder": "orders.amend",
    "GetMarginMarkets": "markets.list",
    "GetMarginMarket": "markets.get",
    "GetMarginMarketOrderbook": "markets.orderbook",
    "GetMarginMarketOrderbooks": "markets.bulk_orderbooks",
    "GetMarginTrades": "markets.trades",
    "CreateMarginOrderGroup": "order_groups.create",
    "UpdateMarginOrderGroupLimit": "order_groups.update_limit",
    "GetMarginExchangeStatus": "exchange.status",
    "GetMarginRiskParameters": "exchange.risk_parameters",
    "GetMarginBalance": "margin.balance",
    "GetMarginRisk": "margin.risk",
    "GetPerpsAccountApiLimits": "margin.api_limits",
    "GetMarginFundingHistory": "funding.history",
    "GetMarginPositions": "portfolio.positions",
    "SetCrossMarginExitTrigger": "portfolio.set_cross_exit_trigger",
    "CreateMarginFCMSubtrader": "fcm.create_subtrader",
    "CreateMarginSubaccount": "transfers.create_subaccount",
}


@needs_documents
def test_perps_names_follow_the_convention_and_kalshi_sdk() -> None:
    client = built(PERPS, PERPS_OVERRIDES)
    found = names(client)
    assert {op_id: found[op_id] for op_id in PERPS_EXPECTED} == PERPS_EXPECTED
    assert client.warnings == []
    # no method carries the product word; `margin` is only kalshi-sdk's resource of that name
    for dotted in found.values():
        method_words = dotted.rpartition(".")[2].split("_")
        assert not {"margin", "perps"} & set(method_words), dotted
    assert len(found) == 53


@needs_documents
def test_perps_money_is_decimal_including_the_six_plain_strings() -> None:
    client = built(PERPS, PERPS_OVERRIDES)
    field = {(m, f.wire_name): f.type for m, model in client.models.items() for f in model.fields}
    dollars = ir.Primitive("dollars")
    for plain in [
        ("MarginFill", "price"),
        ("MarginFill", "entry_price"),
        ("MarginFill", "fees"),
        ("MarginFill", "realized_pnl"),
        ("MarginTrade", "price"),
        ("NotionalRiskLimitResponse", "default_notional_value_risk_limit"),
    ]:
        assert field[plain] == dollars, plain
    assert field[("MarginOrder", "price")] == dollars  # FixedPointDollars, by `types:`
    assert field[("MarginFill", "count")] == ir.Primitive("count")


def surface(tree: Path) -> list[str]:
    """The lines of the tree's SURFACE file (SURFACE.txt standalone, SURFACE-<target>.txt in
    the multi-target layout)."""
    [path] = sorted(tree.glob("SURFACE*.txt"))
    return path.read_text(encoding="utf-8").splitlines()


@needs_documents
def test_generating_perps_gives_the_conventional_surface(
    tmp_path: Path, generate_into: Callable[..., Path]
) -> None:
    lines = surface(generate_into(tmp_path, PERPS, PERPS_OVERRIDES))
    starts = [
        "orders.list(*, ",
        "orders.list_all(..., max_pages: int | None = None) -> Iterator[MarginOrder]",
        "orders.create(*, ",
        "orders.get(order_id: str) -> ",
        "orders.cancel(order_id: str",
        "orders.cancel_all(",
        "markets.get(ticker: str) -> ",
        "margin.balance(",
        "portfolio.fills_all(",
    ]
    for start in starts:
        assert any(line.startswith(start) for line in lines), start
    methods = [m.group(1) for line in lines if (m := re.match(r"([a-z_.]+)\(", line))]
    assert len(methods) >= 53
    assert not [m for m in methods if {"margin", "perps"} & set(m.rpartition(".")[2].split("_"))]
    # the fixed-point strings the document leaves plain
    assert "MarginFill.price: FixedPointDollars" in lines
    assert "MarginTrade.price: FixedPointDollars" in lines
    assert (
        "NotionalRiskLimitResponse.notional_value_risk_limits_by_market_ticker: "
        "dict[str, FixedPointDollars]"
    ) in lines


# ---------------------------------------------------------------------- the klear target


@needs_documents
def test_klear_generates_without_warnings_and_places_by_path() -> None:
    client = built(KLEAR, KLEAR_OVERRIDES)
    assert client.warnings == []
    found = names(client)
    assert found["GetObligationFundingPayments"] == "margin.funding_payments"
    assert found["GetMemberFundingPayments"] == "margin.member_funding_payments"
    assert found["CreateMarginFcmApiKey"] == "margin.create_fcm_api_key"  # /fcm/margin/api_keys
    assert found["GetMarginSubtraderGroups"] == "margin.list_subtrader_groups"
    assert {r.attr for r in client.resources} == {"margin"}
    estimate = {
        f.wire_name: f for f in client.models["EstimatePortfolioMaintenanceMarginResponse"].fields
    }
    assert estimate["maintenance_margin_fp"].type == ir.Primitive("dollars")
    assert estimate["maintenance_margin_fp"].py_name == "maintenance_margin"


@needs_documents
def test_klear_without_its_overrides_has_the_two_funding_payments_warnings(
    tmp_path: Path,
) -> None:
    # the decision overrides-klear.yaml records: without it both reads are `funding_payments`
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    found = warnings(built(KLEAR, empty))
    assert len([w for w in found if "`margin.funding_payments` is taken" in w]) == 2


# ---------------------------------------------------------------------- the main target


def test_the_main_target_keeps_its_names(repo_overrides: Path) -> None:
    """overrides.yaml has no naming section, and the locked spec's names are those of the
    committed generated/ tree."""
    assert Overrides.model_validate(yaml.safe_load(repo_overrides.read_text())).naming is None
    client = built(REPO / "spec" / "openapi.yaml", repo_overrides)
    tree = ast.parse((REPO / "generated" / "kalshi" / "_operations.py").read_text("utf-8"))
    committed = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "OperationInfo":
            op_id, resource, method = (ast.literal_eval(a) for a in node.args[:3])
            committed[op_id] = f"{resource}.{method}"
    assert names(client) == committed

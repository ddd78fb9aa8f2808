"""The spec's constraints on request values (issue 12 §7.1) and the `{}` body rule (§7.4).

A value that breaks `minimum`, `maxLength`, `pattern`, `maxItems`, an enum, ... fails at call
time with pydantic's ValidationError naming the field or parameter, and nothing is sent;
flattened keywords go through the request model. Response models keep no constraints. A
constraint the client cannot check (a pattern Python's re or pydantic-core cannot compile, a
bound on a type it cannot apply to) is skipped with a warning, never a broken client.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import ir
from generator.documents.load import load_document
from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.openapi.constraints import pattern_problem
from generator.overrides.schema import Overrides
from generator.pipeline import Result

SPEC = Path(__file__).resolve().parent / "fixtures" / "specs" / "constraints" / "constraints.yaml"


@pytest.fixture(scope="module")
def fixture_tree(
    tmp_path_factory: pytest.TempPathFactory,
    generate_result: Callable[..., tuple[Path, Result]],
) -> tuple[Path, Result]:
    return generate_result(tmp_path_factory.mktemp("constraints"), SPEC)


@pytest.fixture(scope="module")
def real_tree(locked_tree: Path) -> Path:
    return locked_tree


def fields(result: Result, model: str) -> dict[str, ir.Field]:
    return {f.wire_name: f for f in result.client.models[model].fields}


def checks(constraints: ir.Constraints) -> dict[str, Any]:
    return dict(constraints.checks)


# --------------------------------------------------------------------------- the IR


def test_constraints_are_read_into_the_ir(fixture_tree: tuple[Path, Result]) -> None:
    _, result = fixture_tree
    body = fields(result, "CreateGadgetRequest")
    assert checks(body["name"].constraints) == {"min_length": 1, "max_length": 5}
    # OpenAPI 3.0's boolean exclusiveMaximum makes `maximum` exclusive
    assert checks(body["count"].constraints) == {"ge": 1, "lt": 10}
    assert checks(body["ratio"].constraints) == {"gt": 0, "multiple_of": 0.5}
    assert checks(body["slot"].constraints) == {"ge": 0, "le": 7}  # from the Slot alias
    parts = body["parts"].constraints
    assert checks(parts) == {"min_length": 1}
    assert parts.items is not None and checks(parts.items) == {"pattern": "^[a-z]+$"}
    assert not body["enabled"].constraints  # `minimum` on a boolean: ignored, with a warning
    params = {p.wire_name: p for p in result.client.operations[0].query_params}
    assert checks(params["limit"].constraints) == {"ge": 1, "le": 100}
    assert not params["after"].constraints and not params["named"].constraints


def test_constraints_the_client_cannot_check_are_warnings(
    fixture_tree: tuple[Path, Result],
) -> None:
    _, result = fixture_tree
    text = "\n".join(str(w) for w in result.client.warnings)
    assert "'(?<=a)b' is not checked: pydantic's regex engine does not compile it" in text
    assert "'(?<id>x)' is not checked: Python's re does not compile it" in text
    assert "CreateGadgetRequest/properties/enabled: minimum cannot apply to this type" in text


def test_pattern_problem_names_the_engine() -> None:
    assert pattern_problem("^[A-Z]{3}$") is None
    assert "Python's re" in str(pattern_problem("(?<id>x)"))
    assert "pydantic's regex engine" in str(pattern_problem("(?=a)a"))
    assert "Python's re" in str(pattern_problem("(unclosed"))


def _doc(prop: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "CreateThing",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Req"}}
                        },
                    },
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
        "components": {"schemas": {"Req": {"type": "object", "properties": {"value": prop}}}},
    }


@pytest.mark.parametrize(
    ("prop", "expected", "warning"),
    [
        ({"type": "integer", "exclusiveMinimum": 0, "maximum": 5}, {"gt": 0, "le": 5}, None),
        ({"type": "number", "minimum": "low"}, {}, "`minimum` is not a number"),
        ({"type": "string", "maxLength": -1}, {}, "`maxLength` must be a whole number >= 0"),
        ({"type": "string", "pattern": 7}, {}, "`pattern` is not a string"),
        ({"type": "integer", "multipleOf": 0}, {}, "`multipleOf` must be a positive number"),
        ({"type": "object", "properties": {}, "maxLength": 3}, {}, "maxLength cannot apply"),
    ],
)
def test_odd_constraints_are_read_or_warned(
    prop: dict[str, Any], expected: dict[str, Any], warning: str | None
) -> None:
    client = build_ir(_doc(prop), Overrides(), source="spec.yaml")
    (value,) = client.models["Req"].fields
    assert checks(value.constraints) == expected
    found = [str(w) for w in client.warnings if "value" in w.where]
    assert (warning is None) == (not found) and all(warning in w for w in found if warning)


# --------------------------------------------------------------------------- generated code


def test_response_models_keep_no_constraints(fixture_tree: tuple[Path, Result]) -> None:
    _, result = fixture_tree
    source = result.files["kalshi/models/gadgets.py"]
    source = source.decode() if isinstance(source, bytes) else source
    response = source[source.index("class Gadget(") :].split("\nclass ")[0]
    assert "name: str\n" in response and "count: int\n" in response
    request = source[source.index("class CreateGadgetRequest(") :].split("\nclass ")[0]
    assert "name: str = Field(min_length=1, max_length=5)" in request


def test_bad_values_fail_before_sending_naming_the_field(
    fixture_tree: tuple[Path, Result], run_json_in_tree: Callable[..., Any]
) -> None:
    tree, _ = fixture_tree
    found = run_json_in_tree(
        tree,
        """
        import asyncio, json
        import pydantic
        from kalshi.models.gadgets import CreateGadgetRequest
        from kalshi.testing import FakeKalshi

        fake = FakeKalshi()
        out = {}

        def refused(key, call):
            try:
                call()
            except pydantic.ValidationError as exc:
                out[key] = [[list(e["loc"]), e["type"]] for e in exc.errors()]
                out[key + ":title"] = exc.title
            else:
                out[key] = "sent"

        with fake.client() as client:
            g = client.gadgets
            refused("limit", lambda: g.list(limit=101))
            refused("tags", lambda: g.list(tags=["ab", "ok", "ok"]))
            refused("tag", lambda: g.list(tags=["abcd"]))
            refused("color", lambda: g.list(color="blue"))
            refused("code", lambda: g.list(code="abc"))
            refused("body", lambda: g.create(name="toolong", count=10))
            refused("slot", lambda: g.create(name="ok", count=9, slot=8, ratio=0.75))
            refused("parts", lambda: g.create(name="ok", count=1, parts=["OK"]))
            refused("request", lambda: CreateGadgetRequest(name="", count=0))
            refused("speed", lambda: g.start("g1", speed=-1))
            out["sent_before_valid"] = len(fake.requests)
            g.list(limit=100, tags=["abc"], color="red", code="ABC", after="zzz", named="q")
            g.create(name="ok", count=9, slot=7, ratio=1.5, parts=["a"])
            out["sent"] = [r.query if r.method == "GET" else r.json for r in fake.requests]

        async def main():
            async with fake.async_client() as client:
                try:
                    await client.gadgets.list(limit=0)
                except pydantic.ValidationError as exc:
                    out["async"] = [list(e["loc"]) for e in exc.errors()]

        asyncio.run(main())
        print(json.dumps(out))
        """,
    )
    assert found["limit"] == [[["limit"], "less_than_equal"]]
    assert found["limit:title"] == "gadgets.list"
    assert found["tags"] == [[["tags"], "too_long"]]
    assert found["tag"] == [[["tags", 0], "string_too_long"]]
    assert found["color"] == [[["color"], "literal_error"]]
    assert found["code"] == [[["code"], "string_pattern_mismatch"]]
    assert found["body"] == [[["name"], "string_too_long"], [["count"], "less_than"]]
    assert sorted(loc[0] for loc, _ in found["slot"]) == ["ratio", "slot"]
    assert found["parts"] == [[["parts", 0], "string_pattern_mismatch"]]
    assert [loc for loc, _ in found["request"]] == [["name"], ["count"]]
    assert found["speed"] == [[["speed"], "greater_than_equal"]]
    assert found["sent_before_valid"] == 0  # nothing reached the exchange
    assert found["async"] == [["limit"]]
    query, body = found["sent"]
    assert query["limit"] == "100" and query["after"] == "zzz"  # unchecked: sent as given
    assert body == {"name": "ok", "count": 9, "slot": 7, "ratio": 1.5, "parts": ["a"]}


def test_responses_breaking_the_constraints_still_parse(
    fixture_tree: tuple[Path, Result], run_json_in_tree: Callable[..., Any]
) -> None:
    tree, _ = fixture_tree
    found = run_json_in_tree(
        tree,
        """
        import json
        from kalshi.testing import FakeKalshi

        fake = FakeKalshi()
        fake.respond("GetGadgets", json={"gadgets": [{"name": "far too long", "count": 99}]})
        with fake.client(strict_responses=True) as client:
            (gadget,) = client.gadgets.list().gadgets
        print(json.dumps([gadget.name, gadget.count]))
        """,
    )
    assert found == ["far too long", 99]


# --------------------------------------------------------------------------- the real spec


def test_the_real_specs_constraints_are_checked_before_sending(
    real_tree: Path, run_json_in_tree: Callable[..., Any]
) -> None:
    found = run_json_in_tree(
        real_tree,
        """
        import json
        import pydantic
        from kalshi.testing import FakeKalshi

        fake = FakeKalshi()
        out = {}
        with fake.client() as client:
            calls = {
                "markets.list": lambda: client.markets.list(limit=5000),
                "markets.list_all": lambda: client.markets.list_all(limit=1001),
                "markets.bulk_orderbooks": lambda: client.markets.bulk_orderbooks(tickers=[]),
                "markets.orderbook": lambda: client.markets.orderbook("T", depth=101),
                "order_groups.create": lambda: client.order_groups.create(contracts_limit=0),
                "api_keys.generate": lambda: client.api_keys.generate(name="k", subaccount=64),
                "markets.list status": lambda: client.markets.list(status="opne"),
            }
            for key, call in calls.items():
                try:
                    call()
                    out[key] = "sent"
                except pydantic.ValidationError as exc:
                    out[key] = [e["loc"][0] for e in exc.errors()]
            out["sent"] = len(fake.requests)
            client.markets.list(limit=1000, status="open")
            client.order_groups.create(contracts_limit=1)
            out["then"] = len(fake.requests)
        print(json.dumps(out))
        """,
    )
    assert found == {
        "markets.list": ["limit"],
        "markets.list_all": ["limit"],
        "markets.bulk_orderbooks": ["tickers"],
        "markets.orderbook": ["depth"],
        "order_groups.create": ["contracts_limit"],
        "api_keys.generate": ["subaccount"],
        "markets.list status": ["status"],
        "sent": 0,
        "then": 2,
    }


# --------------------------------------------------------------------------- empty bodies


def test_an_optional_post_or_put_body_goes_out_as_an_empty_object(
    fixture_tree: tuple[Path, Result], real_tree: Path, run_json_in_tree: Callable[..., Any]
) -> None:
    _, result = fixture_tree
    ops = {op.operation_id: op for op in result.client.operations}
    assert ops["StartGadget"].body is not None and ops["StartGadget"].body.empty_json_when_absent
    assert ops["StopGadget"].body is not None and not ops["StopGadget"].body.empty_json_when_absent
    assert ops["CreateGadgetKey"].body is None  # no requestBody: no body
    found = run_json_in_tree(
        real_tree,
        """
        import json
        from kalshi.testing import FakeKalshi

        from kalshi._operations import OPERATIONS

        calls = {
            "CreateSubaccount": (),
            "ResetOrderGroup": ("og_1",),
            "TriggerOrderGroup": ("og_1",),
            "ConfirmQuote": ("q_1",),
            "ConfirmRFQQuote": ("r_1", "q_1"),
            "ConfirmRFQBatchQuote": ("b_1", "q_1"),
            "AcceptBlockTradeProposal": ("p_1",),
            "UpgradeAccountApiUsageLevel": (),
        }
        fake = FakeKalshi()
        sent = {}
        with fake.client() as client:
            for op in OPERATIONS:
                if op.operation_id in calls:
                    fake.respond(op.operation_id)  # its default answer, whatever the state
                    resource = client
                    for attr in op.resource.split("."):
                        resource = getattr(resource, attr)
                    getattr(resource, op.method)(*calls[op.operation_id])
                    sent[op.operation_id] = fake.requests[-1].json
        print(json.dumps(sent))
        """,
    )
    assert found == {
        "CreateSubaccount": {},
        "ResetOrderGroup": {},
        "TriggerOrderGroup": {},
        "ConfirmQuote": {},
        "ConfirmRFQQuote": {},
        "ConfirmRFQBatchQuote": {},
        "AcceptBlockTradeProposal": {},
        "UpgradeAccountApiUsageLevel": None,  # no requestBody in the spec: none sent
    }


def test_empty_json_body_overrides_only_go_against_the_rule() -> None:
    doc = load_document(SPEC)

    def build(op_id: str, value: bool) -> ir.ClientIR:
        entry = {op_id: {"empty_json_body": value, "reason": "what the server wants"}}
        return build_ir(doc, Overrides.model_validate({"operations": entry}), source="spec.yaml")

    with pytest.raises(GeneratorError, match="StartGadget.empty_json_body: redundant"):
        build("StartGadget", True)
    with pytest.raises(GeneratorError, match="StopGadget.empty_json_body: redundant"):
        build("StopGadget", False)
    with pytest.raises(GeneratorError, match="CreateGadgetKey.empty_json_body: the operation"):
        build("CreateGadgetKey", True)
    client = build("StartGadget", False)
    start = next(op for op in client.operations if op.operation_id == "StartGadget")
    assert start.body is not None and not start.body.empty_json_when_absent
    assert [a.change for a in client.override_report] == ["sends no body when empty"]

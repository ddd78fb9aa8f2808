"""overrides.yaml: its schema, strict application, staleness after spec updates, the report."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import ir
from generator.documents.load import load_document
from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides, load_overrides

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "overrides" / "mini.yaml"

QUIRKS: dict[str, Any] = {
    "operations": {
        "UpdateOrderGroupLimit": {
            "absent_params": ["subaccount"],
            "reason": "the spec omits subaccount here; kept absent on purpose",
        },
        "CreateOrderGroup": {
            "add_params": [
                {
                    "name": "exchange_index",
                    "in": "body",
                    "type": "integer",
                    "description": "Reserved; only 0 today.",
                    "reason": "reserved for multi-shard fanout",
                }
            ],
            "reason": "seed surface",
        },
    }
}


def spec() -> dict[str, Any]:
    return load_document(MINI)


def build(doc: dict[str, Any], overrides: dict[str, Any]) -> ir.ClientIR:
    return build_ir(doc, Overrides.model_validate(overrides), source="mini.yaml")


def op(client: ir.ClientIR, operation_id: str) -> ir.Operation:
    return next(o for o in client.operations if o.operation_id == operation_id)


# ---------------------------------------------------------------------- schema


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "overrides.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"operations": {"X": {"method": "x"}}}, "operations.X.reason: Field required"),
        (
            {"operations": {"X": {"metod": "x", "reason": "typo"}}},
            "operations.X.metod: Extra inputs are not permitted",
        ),
        (
            {"operations": {"X": {"auth": "maybe", "reason": "wrong type"}}},
            "operations.X.auth: Input should be a valid boolean",
        ),
        (
            {"operations": {"X": {"auth": "yes", "reason": "a string, not a bool"}}},
            "operations.X.auth: Input should be a valid boolean",
        ),
        ({"operations": {"X": {"method": "x", "reason": "   "}}}, "operations.X.reason"),
        ({"operations": {"X": {"method": "x", "reason": 12345}}}, "operations.X.reason"),
        ({"colours": {}}, "colours: Extra inputs are not permitted"),
        (
            {"types": {"FixedPointDollars": {"python": "float", "reason": "floats for money"}}},
            "types.FixedPointDollars.python",
        ),
    ],
)
def test_schema_mistakes_name_the_entry(tmp_path: Path, data: object, expected: str) -> None:
    with pytest.raises(GeneratorError) as caught:
        load_overrides(write(tmp_path, data))
    assert expected in str(caught.value)
    assert str(tmp_path / "overrides.yaml") in str(caught.value)


def test_a_key_given_twice_is_refused_naming_the_line(tmp_path: Path) -> None:
    """PyYAML keeps the last of two keys: a second `operations:` would drop the first's entries."""
    text = (
        "operations:\n  GetTrades: {method: list_trades, reason: kalshi-sdk name}\n"
        "models: {}\n"
        "operations:\n  GetFills: {method: fills, reason: why not}\n"
    )
    with pytest.raises(
        GeneratorError,
        match=r"overrides.yaml:4:1: invalid YAML: duplicate key 'operations' \(first at line 1\)",
    ):
        load_overrides(write(tmp_path, text))


def test_empty_file_means_no_overrides(tmp_path: Path) -> None:
    assert load_overrides(write(tmp_path, "\n")) == Overrides()


# ---------------------------------------------------------------------- application


def test_quirks_apply_and_are_reported() -> None:
    client = build(spec(), QUIRKS)
    create = op(client, "CreateOrderGroup")
    assert create.body is not None
    assert [f.py_name for f in create.body.fields] == [
        "contracts_limit",
        "subaccount",
        "exchange_index",
    ]
    assert "exchange_index" in [
        f.wire_name for f in client.models["CreateOrderGroupRequest"].fields
    ]
    entries = [a.entry for a in client.override_report]
    assert entries == [
        "operations.UpdateOrderGroupLimit.absent_params[subaccount]",
        "operations.CreateOrderGroup.add_params[exchange_index]",
    ]


def test_spec_gaining_the_missing_subaccount_makes_the_override_stale() -> None:
    doc = spec()
    limit = doc["paths"]["/portfolio/order_groups/{order_group_id}/limit"]["put"]
    limit["parameters"].append({"name": "subaccount", "in": "query", "schema": {"type": "integer"}})
    with pytest.raises(GeneratorError) as caught:
        build(doc, QUIRKS)
    message = str(caught.value)
    assert "operations.UpdateOrderGroupLimit.absent_params[subaccount]" in message
    assert "the spec now defines 'subaccount' on UpdateOrderGroupLimit" in message


def test_spec_defining_exchange_index_makes_the_added_parameter_redundant() -> None:
    doc = spec()
    doc["components"]["schemas"]["CreateOrderGroupRequest"]["properties"]["exchange_index"] = {
        "type": "integer"
    }
    with pytest.raises(
        GeneratorError,
        match=r"operations\.CreateOrderGroup\.add_params\[exchange_index\]: redundant",
    ):
        build(doc, QUIRKS)


def test_every_stale_entry_is_listed_at_once() -> None:
    overrides = copy.deepcopy(QUIRKS)
    overrides["operations"]["GoneOperation"] = {"method": "x", "reason": "was renamed upstream"}
    overrides["models"] = {"GoneModel": {"reason": "schema dropped upstream"}}
    with pytest.raises(GeneratorError) as caught:
        build(spec(), overrides)
    message = str(caught.value)
    assert "2 override(s) no longer match the spec" in message
    assert "operations.GoneOperation: the spec has no operation 'GoneOperation'" in message
    assert "models.GoneModel: the spec has no object schema 'GoneModel'" in message


def test_method_override_equal_to_the_convention_is_redundant() -> None:
    overrides = {
        "operations": {"GetExchangeStatus": {"method": "status", "reason": "same as convention"}}
    }
    with pytest.raises(
        GeneratorError, match="redundant: the convention already gives exchange.status"
    ):
        build(spec(), overrides)


def test_auth_override_goes_stale_when_the_spec_adds_security() -> None:
    overrides = {"operations": {"GetExchangeStatus": {"auth": True, "reason": "server needs auth"}}}
    assert op(build(spec(), overrides), "GetExchangeStatus").auth is True
    doc = spec()
    doc["paths"]["/exchange/status"]["get"]["security"] = [{"kalshiAccessKey": []}]
    with pytest.raises(
        GeneratorError, match=r"GetExchangeStatus\.auth: the spec now says auth=True"
    ):
        build(doc, overrides)


def test_clashing_method_names_from_overrides_fail() -> None:
    overrides = {
        "operations": {"CreateOrderGroup": {"method": "update_limit", "reason": "clash on purpose"}}
    }
    with pytest.raises(GeneratorError, match="would both be `order_groups.update_limit`"):
        build(spec(), overrides)


# ---------------------------------------------------------------------- overlay


def test_overlay_update_replaces_lists_and_merges_maps() -> None:
    overrides = {
        "overlay": [
            {
                "target": "$.paths['/exchange/status'].get.responses['200'].content['application/json'].schema.properties.mode",
                "update": {"enum": ["open", "paused"], "description": "exchange mode"},
                "reason": "enum fixed upstream later",
            }
        ]
    }
    client = build(spec(), overrides)
    response = client.models["GetExchangeStatusResponse"]
    mode = next(f for f in response.fields if f.wire_name == "mode")
    assert mode.type == ir.Nullable(ir.LiteralOf(("open", "paused"))) or mode.type == ir.LiteralOf(
        ("open", "paused")
    )
    assert mode.description == "exchange mode"


def test_overlay_remove_false_keeps_the_node_and_unmatched_targets_fail() -> None:
    keep = {
        "overlay": [
            {"target": "$.paths['/exchange/status']", "remove": False, "reason": "no-op by design"}
        ]
    }
    assert "GetExchangeStatus" in [o.operation_id for o in build(spec(), keep).operations]
    gone = {
        "overlay": [
            {"target": "$.paths['/nowhere'].get", "remove": True, "reason": "fixed upstream"}
        ]
    }
    with pytest.raises(
        GeneratorError,
        match=r"overlay\[0\] \(\$\.paths\['/nowhere'\]\.get\): the target matches nothing",
    ):
        build(spec(), gone)


def test_overlay_remove_true_removes() -> None:
    drop = {
        "overlay": [{"target": "$.paths['/exchange/status']", "remove": True, "reason": "not ours"}]
    }
    assert "GetExchangeStatus" not in [o.operation_id for o in build(spec(), drop).operations]

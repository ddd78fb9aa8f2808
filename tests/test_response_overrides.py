"""overrides.yaml entries for what the server really sends: optional_fields, fallback_keys,
tuple `types`; each applies, is reported, and goes stale when the spec moves."""

from __future__ import annotations

from typing import Any

import pytest
from shared_specs import locked_spec_path

from generator import ir
from generator.documents.load import load_document
from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return load_document(locked_spec_path())


def build(doc: dict[str, Any], overrides: dict[str, Any]) -> ir.ClientIR:
    return build_ir(doc, Overrides.model_validate(overrides), source="spec.yaml")


def field(client: ir.ClientIR, model: str, wire: str) -> ir.Field:
    return next(f for f in client.models[model].fields if f.wire_name == wire)


def test_optional_fields_make_a_required_field_optional_with_its_evidence(doc: Any) -> None:
    evidence = "absent from every market recorded in 2026"
    client = build(
        doc,
        {
            "models": {
                "Market": {
                    "optional_fields": {"settlement_bounds_type": evidence},
                    "reason": "what the server omits",
                }
            }
        },
    )
    f = field(client, "Market", "settlement_bounds_type")
    assert (f.required, f.server_omits) == (False, True)
    (applied,) = [a for a in client.override_report if "optional_fields" in a.entry]
    assert applied.reason == evidence


def test_optional_fields_go_stale_when_the_spec_no_longer_requires_the_field(doc: Any) -> None:
    entry = {"optional_fields": {"no_such_field": "seen", "settlement_bounds_type": "seen"}}
    doc = dict(doc, components=dict(doc["components"]))
    schemas = dict(doc["components"]["schemas"])
    market = dict(schemas["Market"])
    market["required"] = [r for r in market["required"] if r != "settlement_bounds_type"]
    schemas["Market"] = market
    doc["components"]["schemas"] = schemas
    with pytest.raises(GeneratorError) as caught:
        build(doc, {"models": {"Market": {**entry, "reason": "what the server omits"}}})
    text = str(caught.value)
    assert "models.Market.optional_fields.no_such_field" in text
    assert "no longer requires Market.settlement_bounds_type" in text


def test_blank_evidence_is_refused() -> None:
    with pytest.raises(ValueError, match="optional_fields"):
        Overrides.model_validate(
            {"models": {"Market": {"optional_fields": {"x": " "}, "reason": "why"}}}
        )


def test_fallback_keys_are_read_after_the_spec_key(doc: Any) -> None:
    client = build(
        doc,
        {
            "models": {
                "GetMarketOrderbookResponse": {
                    "fallback_keys": {"orderbook_fp": ["orderbook"]},
                    "reason": "legacy key",
                }
            }
        },
    )
    f = field(client, "GetMarketOrderbookResponse", "orderbook_fp")
    assert f.fallback_keys == ("orderbook",)


def test_fallback_keys_are_refused_for_money_and_counts(doc: Any) -> None:
    """A legacy key of a fixed-point field is in other units (cents): reading it is a 100x bug."""
    with pytest.raises(GeneratorError, match="fixed-point value; a legacy key would read it"):
        build(
            doc,
            {
                "models": {
                    "Market": {
                        "fallback_keys": {"yes_bid_dollars": ["yes_bid"]},
                        "reason": "would read cents as dollars",
                    }
                }
            },
        )


def test_tuple_types_map_fixed_length_arrays_and_go_stale_when_the_shape_changes(
    doc: Any,
) -> None:
    entry = {"items": ["dollars", "count"], "reason": "[price, size]"}
    client = build(doc, {"types": {"PriceLevelDollarsCountFp": entry}})
    book = field(client, "OrderbookCountFp", "yes_dollars")
    assert book.type == ir.ListOf(ir.TupleOf((ir.Primitive("dollars"), ir.Primitive("count"))))
    with pytest.raises(GeneratorError, match="no longer an array of exactly 3 items"):
        build(doc, {"types": {"PriceLevelDollarsCountFp": {**entry, "items": ["dollars"] * 3}}})
    with pytest.raises(ValueError, match="exactly one of `python` and `items`"):
        Overrides.model_validate({"types": {"X": {"python": "dollars", **entry}}})

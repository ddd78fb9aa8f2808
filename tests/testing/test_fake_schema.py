"""The fake's JSON-schema validator and example synthesiser on the OpenAPI subset Kalshi
uses, on small schemas, and over every schema of the spec."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from kalshi.testing._contract import SCHEMAS
from kalshi.testing._schema import SchemaError, SchemaSet

COMPONENTS: dict[str, dict[str, Any]] = {
    "Money": {"type": "string", "example": "0.5600"},
    "Side": {"type": "string", "enum": ["yes", "no"]},
    "Order": {
        "type": "object",
        "required": ["side", "count"],
        "properties": {
            "side": {"$ref": "#/components/schemas/Side"},
            "count": {"type": "integer", "minimum": 1, "maximum": 10},
            "price": {"$ref": "#/components/schemas/Money", "nullable": True},
            "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
            "anything": {"type": "array"},
            "labels": {"type": "object", "additionalProperties": {"type": "integer"}},
            "when": {"type": "string", "format": "date-time"},
        },
    },
    "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
    "Closed": {
        "type": "object",
        "properties": {"a": {"type": "integer"}},
        "additionalProperties": False,
    },
}
S = SchemaSet(COMPONENTS)


def problems(value: object, schema: dict[str, Any], *, strict: bool = True) -> list[str]:
    return [str(p) for p in S.validate(value, schema, "body", strict=strict)]


def test_ref_with_nullable_sibling_is_nullable_and_bare_ref_is_not() -> None:
    assert problems(None, {"$ref": "#/components/schemas/Money", "nullable": True}) == []
    assert (
        problems(None, {"allOf": [{"$ref": "#/components/schemas/Money"}], "nullable": True}) == []
    )
    assert problems(None, {"$ref": "#/components/schemas/Money"}) == ["body: must not be null"]


def test_ref_with_sibling_type_and_description_is_the_referenced_type() -> None:
    schema = {"$ref": "#/components/schemas/Side", "type": "string", "description": "x"}
    assert problems("yes", schema) == []
    assert problems("maybe", schema) == ["body: must be one of 'yes', 'no' (got 'maybe')"]


def test_openapi_31_type_lists() -> None:
    schema = {"type": ["integer", "null"]}
    assert problems(None, schema) == [] and problems(3, schema) == []
    assert problems("3", schema) == ["body: expected integer, got string '3'"]


def test_objects_required_unknown_and_nested_paths() -> None:
    order = {"$ref": "#/components/schemas/Order"}
    assert problems({"side": "yes", "count": 1}, order) == []
    assert problems({"count": 0, "bogus": 1, "tags": ["a", 2]}, order) == [
        "body.side: required field is missing",
        "body.count: must be >= 1 (got 0)",
        "body.bogus: unknown field",
        "body.tags[1]: expected string, got integer 2",
    ]
    # not strict: unknown fields are fine (responses)
    assert problems({"side": "no", "count": 2, "bogus": 1}, order, strict=False) == []


def test_allof_merges_properties_and_required_without_calling_the_parts_unknown() -> None:
    schema = {
        "allOf": [{"$ref": "#/components/schemas/Base"}],
        "properties": {"extra": {"type": "boolean"}},
    }
    assert problems({"id": "x", "extra": True}, schema) == []
    assert problems({"extra": 1}, schema) == [
        "body.id: required field is missing",
        "body.extra: expected boolean, got integer 1",
    ]


def test_additional_properties() -> None:
    order = {"$ref": "#/components/schemas/Order"}
    base = {"side": "yes", "count": 1}
    assert problems({**base, "labels": {"a": 1}}, order) == []
    assert problems({**base, "labels": {"a": "1"}}, order) == [
        "body.labels.a: expected integer, got string '1'"
    ]
    closed = {"$ref": "#/components/schemas/Closed"}
    assert problems({"a": 1, "b": 2}, closed, strict=False) == ["body.b: unknown field"]


def test_arrays_without_items_take_anything_and_bounds_are_checked() -> None:
    order = {"$ref": "#/components/schemas/Order"}
    base = {"side": "yes", "count": 1}
    assert problems({**base, "anything": [1, "a", None, {}]}, order) == []
    assert problems({**base, "tags": ["a", "b", "c"]}, order) == [
        "body.tags: must have at most 2 item(s) (got 3)"
    ]


def test_booleans_are_not_integers_and_integers_are_not_floats() -> None:
    assert problems(True, {"type": "integer"}) == ["body: expected integer, got boolean True"]
    assert problems(1.5, {"type": "integer"}) == ["body: expected integer, got number 1.5"]
    assert problems(True, {"enum": [1, 60]}) == ["body: must be one of 1, 60 (got True)"]
    assert problems(2, {"type": "number"}) == []


def test_formats() -> None:
    assert problems("2024-01-01T00:00:00Z", {"type": "string", "format": "date-time"}) == []
    assert problems("2024-01-01T00:00:00.5+01:00", {"type": "string", "format": "date-time"}) == []
    assert problems("yesterday", {"type": "string", "format": "date-time"}) == [
        "body: is not a valid date-time: 'yesterday'"
    ]
    assert problems("not-a-uuid", {"type": "string", "format": "uuid"}) != []
    assert problems("1.5", {"type": "string", "format": "decimal"}) == []
    assert problems("1,5", {"type": "string", "format": "decimal"}) != []


def test_examples_follow_the_spec_and_are_deterministic() -> None:
    example = S.example({"$ref": "#/components/schemas/Order"})
    assert example == {
        "side": "yes",
        "count": 1,
        "price": "0.5600",
        "tags": ["string"],
        "anything": ["string"],
        "labels": {"key": 0},
        "when": "2024-01-01T00:00:00Z",
    }
    assert S.example(
        {"type": "object", "properties": {"cursor": {"type": "string", "example": "abc"}}}
    ) == {"cursor": ""}
    assert S.example({"type": "integer", "minimum": 5, "default": 7}) == 7
    assert S.example({"type": "string", "example": 3}) == "string"  # an invalid example is ignored
    assert Decimal(S.example({"$ref": "#/components/schemas/Money"})) == Decimal("0.56")


def test_text_values_of_query_and_path_parameters() -> None:
    assert S.parse_text("10", {"type": "integer"}) == 10
    assert S.parse_text("true", {"type": "boolean"}) is True
    assert S.parse_text("1.5", {"type": "number"}) == 1.5
    assert S.parse_text("x", {"$ref": "#/components/schemas/Side"}) == "x"
    with pytest.raises(ValueError, match="expected integer, got 'ten'"):
        S.parse_text("ten", {"type": "integer"})


def test_bad_refs_are_schema_errors() -> None:
    with pytest.raises(SchemaError, match="unknown schema"):
        S.validate(1, {"$ref": "#/components/schemas/Nope"})
    with pytest.raises(SchemaError, match="unsupported"):
        S.validate(1, {"$ref": "other.yaml#/X"})
    looped = SchemaSet({"A": {"$ref": "#/components/schemas/A"}})
    with pytest.raises(SchemaError, match="circular"):
        looped.validate(1, {"$ref": "#/components/schemas/A"})


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_schema_of_the_spec_has_a_valid_example(name: str) -> None:
    spec = SchemaSet(SCHEMAS)
    schema = {"$ref": f"#/components/schemas/{name}"}
    example = spec.example(schema)
    assert spec.validate(example, schema, strict=True) == []
    assert spec.example(schema) == example  # deterministic

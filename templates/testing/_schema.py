"""A small JSON-schema validator and example synthesiser for the OpenAPI subset Kalshi uses.

Keywords understood: `type` (also OpenAPI 3.1 lists such as `["string", "null"]`), `format`
(date-time, date, uuid, decimal; others are documentation), `enum`, `nullable`, `$ref`
(local `#/components/schemas/...`, with sibling keys), `allOf` (merged), `properties`,
`required`, `items` (missing: anything), `additionalProperties`, `minimum` / `maximum`
(and their exclusive forms), `minItems` / `maxItems`, `minLength` / `maxLength`, `example`
and `default`. Everything else (descriptions, `x-*` extensions) is ignored.

`$ref` and `allOf` parts are merged into one flat schema: sibling keys win over the
referenced schema (`{"$ref": X, "nullable": true}` is a nullable X), `properties` merge and
`required` lists add up.
"""

from __future__ import annotations

import copy
import math
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["Problem", "SchemaError", "SchemaSet"]

REF_PREFIX = "#/components/schemas/"
_MAX_DEPTH = 10  # deeper than this, examples carry required fields only
_HARD_DEPTH = 40
_DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:?\d{2})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INTEGER = re.compile(r"^[+-]?\d+$")
_TYPES = ("string", "integer", "number", "boolean", "array", "object", "null")
_STRING_EXAMPLES = {
    "date-time": "2024-01-01T00:00:00Z",
    "date": "2024-01-01",
    "uuid": "00000000-0000-4000-8000-000000000000",
    "decimal": "0",
}


class SchemaError(Exception):
    """The schema itself is unusable (an unknown or circular `$ref`)."""


@dataclass(frozen=True)
class Problem:
    """One way a value breaks its schema; `path` names the field (`orders[0].ticker`)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True)
class _Flat:
    """A schema with `$ref` and `allOf` merged in."""

    keys: Mapping[str, Any]
    types: tuple[str, ...]  # declared or implied JSON types without "null"; () = any
    nullable: bool

    def get(self, key: str, default: Any = None) -> Any:
        return self.keys.get(key, default)


def _describe(value: object) -> str:
    kind = _json_type(value)
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return kind if kind in ("object", "array", "null") else f"{kind} {text}"


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, Mapping):
        return "object"
    if isinstance(value, (list, tuple)):
        return "array"
    return type(value).__name__


def _json_equal(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def _is_type(value: object, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return (
            isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        )
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "array":
        return isinstance(value, (list, tuple))
    if kind == "object":
        return isinstance(value, Mapping)
    return kind == "null" and value is None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class SchemaSet:
    """Validates values against, and synthesises examples of, schemas that may `$ref`
    into `schemas` (components/schemas by name)."""

    def __init__(self, schemas: Mapping[str, Mapping[str, Any]]) -> None:
        self._schemas = schemas
        self._flat: dict[int, tuple[object, _Flat]] = {}

    # ------------------------------------------------------------------ structure

    def resolve(self, ref: str) -> Mapping[str, Any]:
        """The component schema a `$ref` points at."""
        if not isinstance(ref, str) or not ref.startswith(REF_PREFIX):
            raise SchemaError(f"unsupported $ref {ref!r} (only {REF_PREFIX}...)")
        name = ref[len(REF_PREFIX) :].replace("~1", "/").replace("~0", "~")
        try:
            return self._schemas[name]
        except KeyError:
            raise SchemaError(f"unknown schema in $ref {ref!r}") from None

    def _flatten(self, schema: object) -> _Flat:
        cached = self._flat.get(id(schema))
        if cached is not None and cached[0] is schema:
            return cached[1]
        flat = self._merge(schema, ())
        self._flat[id(schema)] = (schema, flat)
        return flat

    def _merge(self, schema: object, seen: tuple[str, ...]) -> _Flat:
        if not isinstance(schema, Mapping):  # `true` / `{}`-like: anything goes
            return _Flat({}, (), True)
        parts: list[_Flat] = []
        ref = schema.get("$ref")
        if ref is not None:
            if ref in seen:
                raise SchemaError(f"circular $ref {ref!r}")
            parts.append(self._merge(self.resolve(ref), (*seen, ref)))
        for part in schema.get("allOf") or ():
            parts.append(self._merge(part, seen))
        own = {k: v for k, v in schema.items() if k not in ("$ref", "allOf")}
        keys: dict[str, Any] = {}
        for source in [*(p.keys for p in parts), own]:
            for key, value in source.items():
                if key == "properties" and isinstance(value, Mapping):
                    keys["properties"] = {**keys.get("properties", {}), **value}
                elif key == "required" and isinstance(value, Sequence):
                    keys["required"] = list(dict.fromkeys([*keys.get("required", []), *value]))
                else:
                    keys[key] = value
        declared = own.get("type")
        own_types: list[Any] = []
        if isinstance(declared, str):
            own_types = [declared]
        elif isinstance(declared, Sequence):
            own_types = list(declared)
        if own_types:
            types = tuple(t for t in own_types if t != "null" and t in _TYPES)
        else:
            types = next((p.types for p in parts if p.types), ())
        if not types:
            if "properties" in keys or "required" in keys or "additionalProperties" in keys:
                types = ("object",)
            elif "items" in keys:
                types = ("array",)
        if "nullable" in own:
            nullable = own["nullable"] is True
        elif "null" in own_types:
            nullable = True
        elif parts:
            nullable = all(p.nullable for p in parts)
        else:
            nullable = not types and "enum" not in keys
        if isinstance(keys.get("enum"), list) and None in keys["enum"]:
            nullable = True
        return _Flat(keys, types, nullable)

    # ------------------------------------------------------------------ validation

    def validate(
        self, value: object, schema: object, path: str = "", *, strict: bool = False
    ) -> list[Problem]:
        """Every problem of `value` against `schema`; [] when it is valid.

        `strict` also refuses fields an object schema with `properties` does not name
        (unless `additionalProperties` allows them), as the client's request models do.
        """
        problems: list[Problem] = []
        self._check(value, schema, path, strict, problems)
        return problems

    def _check(
        self, value: object, schema: object, path: str, strict: bool, out: list[Problem]
    ) -> None:
        flat = self._flatten(schema)
        if value is None:
            if not flat.nullable:
                out.append(Problem(path, "must not be null"))
            return
        if flat.types and not any(_is_type(value, t) for t in flat.types):
            expected = " or ".join(flat.types)
            out.append(Problem(path, f"expected {expected}, got {_describe(value)}"))
            return
        enum = flat.get("enum")
        if isinstance(enum, list) and not any(_json_equal(value, e) for e in enum):
            allowed = ", ".join(repr(e) for e in enum if e is not None)
            out.append(Problem(path, f"must be one of {allowed} (got {value!r})"))
            return
        if isinstance(value, str):
            self._check_string(value, flat, path, out)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            self._check_number(value, flat, path, out)
        elif isinstance(value, (list, tuple)):
            self._check_array(value, flat, path, strict, out)
        elif isinstance(value, Mapping):
            self._check_object(value, flat, path, strict, out)

    @staticmethod
    def _check_string(value: str, flat: _Flat, path: str, out: list[Problem]) -> None:
        fmt = flat.get("format")
        bad = False
        if fmt == "date-time":
            bad = not _DATE_TIME.match(value)
        elif fmt == "date":
            bad = not _DATE.match(value)
        elif fmt == "uuid":
            try:
                uuid.UUID(value)
            except ValueError:
                bad = True
        elif fmt == "decimal":
            try:
                bad = not Decimal(value).is_finite()
            except InvalidOperation:
                bad = True
        if bad:
            out.append(Problem(path, f"is not a valid {fmt}: {value!r}"))
        min_length, max_length = flat.get("minLength"), flat.get("maxLength")
        if isinstance(min_length, int) and len(value) < min_length:
            out.append(Problem(path, f"must be at least {min_length} characters long"))
        if isinstance(max_length, int) and len(value) > max_length:
            out.append(Problem(path, f"must be at most {max_length} characters long"))

    @staticmethod
    def _check_number(value: float, flat: _Flat, path: str, out: list[Problem]) -> None:
        low, high = flat.get("minimum"), flat.get("maximum")
        ex_low, ex_high = flat.get("exclusiveMinimum"), flat.get("exclusiveMaximum")
        if isinstance(ex_low, (int, float)) and not isinstance(ex_low, bool):
            low, ex_low = ex_low, True  # OpenAPI 3.1: the bound itself
        if isinstance(ex_high, (int, float)) and not isinstance(ex_high, bool):
            high, ex_high = ex_high, True
        if isinstance(low, (int, float)) and (value <= low if ex_low else value < low):
            out.append(Problem(path, f"must be {'>' if ex_low else '>='} {low} (got {value!r})"))
        if isinstance(high, (int, float)) and (value >= high if ex_high else value > high):
            out.append(Problem(path, f"must be {'<' if ex_high else '<='} {high} (got {value!r})"))

    def _check_array(
        self, value: Sequence[object], flat: _Flat, path: str, strict: bool, out: list[Problem]
    ) -> None:
        low, high = flat.get("minItems"), flat.get("maxItems")
        if isinstance(low, int) and len(value) < low:
            out.append(Problem(path, f"must have at least {low} item(s) (got {len(value)})"))
        if isinstance(high, int) and len(value) > high:
            out.append(Problem(path, f"must have at most {high} item(s) (got {len(value)})"))
        items = flat.get("items")
        if items is not None:
            for i, item in enumerate(value):
                self._check(item, items, f"{path}[{i}]", strict, out)

    def _check_object(
        self, value: Mapping[Any, object], flat: _Flat, path: str, strict: bool, out: list[Problem]
    ) -> None:
        properties: Mapping[str, Any] = flat.get("properties") or {}
        required = [str(name) for name in flat.get("required") or ()]
        for name in required:
            if name not in value:
                out.append(Problem(_join(path, name), "required field is missing"))
        extra = flat.get("additionalProperties")
        for key, item in value.items():
            name = str(key)
            if name in properties:
                self._check(item, properties[name], _join(path, name), strict, out)
            elif name in required:
                continue  # required but not described: any value
            elif extra is False or (strict and properties and extra is None):
                out.append(Problem(_join(path, name), "unknown field"))
            elif isinstance(extra, Mapping):
                self._check(item, extra, _join(path, name), strict, out)

    # ------------------------------------------------------------------ text values

    def parse_text(self, text: str, schema: object) -> object:
        """A query or path value (always text on the wire) as the JSON value its schema
        means: "10" -> 10 for an integer, "true" -> True for a boolean. ValueError if the
        text cannot be one; the caller validates the result against the schema."""
        flat = self._flatten(schema)
        types = flat.types or ("string",)
        if "string" in types:
            return text
        if "integer" in types and _INTEGER.match(text):
            return int(text)
        if "number" in types:
            try:
                number = float(text)
            except ValueError:
                pass
            else:
                if math.isfinite(number):
                    return int(number) if _INTEGER.match(text) else number
        if "boolean" in types and text in ("true", "false"):
            return text == "true"
        raise ValueError(f"expected {' or '.join(types)}, got {text!r}")

    def item_schema(self, schema: object) -> object | None:
        """The `items` schema when `schema` is an array (a repeated query key); else None."""
        flat = self._flatten(schema)
        if "array" not in flat.types:
            return None
        items: object = flat.get("items", {})
        return items

    # ------------------------------------------------------------------ examples

    def example(self, schema: object, *, name: str = "", depth: int = 0) -> Any:
        """A deterministic value valid against `schema`.

        The spec's own `example` when it is valid, else the first `enum` value, else a
        valid `default`, else a value built from the type: "string" (or a format's
        example), the minimum or 0, one-item arrays, objects with every property (only
        the required ones deeper down; a required name without a schema gets null). A
        property named `cursor` or `next_cursor` is "" so that pagination stops.
        """
        if depth > _HARD_DEPTH:
            raise SchemaError(f"example too deep at {name!r}: a recursive required field?")
        flat = self._flatten(schema)
        if name in ("cursor", "next_cursor") and (not flat.types or "string" in flat.types):
            return ""
        example = flat.get("example")
        if example is not None and not self.validate(example, schema):
            return copy.deepcopy(example)
        enum = flat.get("enum")
        if isinstance(enum, list) and any(e is not None for e in enum):
            return next(e for e in enum if e is not None)
        default = flat.get("default")
        if default is not None and not self.validate(default, schema):
            return copy.deepcopy(default)
        kind = flat.types[0] if flat.types else None
        if kind == "object":
            return self._example_object(flat, depth)
        if kind == "array":
            return self._example_array(flat, depth)
        if kind in ("integer", "number"):
            return self._example_number(flat, kind)
        if kind == "boolean":
            return False
        return self._example_string(flat)

    def _example_object(self, flat: _Flat, depth: int) -> dict[str, Any]:
        properties: Mapping[str, Any] = flat.get("properties") or {}
        required = set(flat.get("required") or ())
        out: dict[str, Any] = {}
        for prop, schema in properties.items():
            if depth < _MAX_DEPTH or prop in required:
                out[prop] = self.example(schema, name=prop, depth=depth + 1)
        for prop in flat.get("required") or ():
            if prop not in out:  # required but not described (a spec slip): any value
                out[str(prop)] = None
        extra = flat.get("additionalProperties")
        if not properties and isinstance(extra, Mapping) and depth < _MAX_DEPTH:
            out["key"] = self.example(extra, name="key", depth=depth + 1)
        return out

    def _example_array(self, flat: _Flat, depth: int) -> list[Any]:
        low, high = flat.get("minItems"), flat.get("maxItems")
        count = low if isinstance(low, int) and low > 0 else 1
        if depth >= _MAX_DEPTH and not (isinstance(low, int) and low > 0):
            count = 0
        if isinstance(high, int):
            count = min(count, high)
        items = flat.get("items")
        return [
            "string" if items is None else self.example(items, depth=depth + 1)
            for _ in range(count)
        ]

    @staticmethod
    def _example_number(flat: _Flat, kind: str) -> int | float:
        value: float = 0
        low, high = flat.get("minimum"), flat.get("maximum")
        ex_low = flat.get("exclusiveMinimum")
        if isinstance(ex_low, (int, float)) and not isinstance(ex_low, bool):
            low, ex_low = ex_low, True
        if isinstance(low, (int, float)) and not isinstance(low, bool):
            value = low + (1 if ex_low is True else 0)
        elif isinstance(high, (int, float)) and not isinstance(high, bool) and high < 0:
            value = high
        if kind == "integer":
            return math.ceil(value)
        return float(value)

    @staticmethod
    def _example_string(flat: _Flat) -> str:
        fmt = flat.get("format")
        text = _STRING_EXAMPLES.get(fmt, "string") if isinstance(fmt, str) else "string"
        min_length, max_length = flat.get("minLength"), flat.get("maxLength")
        if isinstance(min_length, int) and len(text) < min_length:
            text = text + "x" * (min_length - len(text))
        if isinstance(max_length, int) and len(text) > max_length:
            text = text[:max_length]
        return text

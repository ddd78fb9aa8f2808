"""The spec's constraints on values (`minimum`, `maxLength`, `pattern`, `minItems`, ...) as
pydantic `Field` keywords (ir.Constraints).

They are read for every property and parameter; only request bodies and parameters render
them (responses stay tolerant of what the server sends: kalshi/_decode.py). A keyword is kept
only where pydantic supports it for the value's type: numeric bounds on int, float and
Decimal values, lengths and `pattern` on strings, item counts on arrays. Anything else is
ignored with a warning, so a constraint pydantic would refuse at import time never breaks the
generated client. A `pattern` must compile in Python's `re` and in pydantic-core's regex
engine (the one that checks it); ECMA-only syntax (`(?<name>...)`, `\\p{L}` in `re`, lookaround
in pydantic-core) is skipped with a warning.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, TypeGuard

from .. import ir
from ..schemas.resolve import COMPONENT_PREFIX, Resolver, Schema

_NUMERIC = frozenset({"int", "float", "decimal", "dollars", "count"})
# JSON Schema keyword -> the pydantic keyword, for each kind of value
_NUMBER_KEYS = {"multipleOf": "multiple_of"}
_STRING_KEYS = {"minLength": "min_length", "maxLength": "max_length"}
_ARRAY_KEYS = {"minItems": "min_length", "maxItems": "max_length"}
_ORDER = ("ge", "gt", "le", "lt", "multiple_of", "min_length", "max_length", "pattern")
KEYWORDS = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "pattern",
     *_STRING_KEYS, *_ARRAY_KEYS}
)  # fmt: skip


def constraints_of(resolver: Resolver, schema: Any, kind: ir.TypeRef, where: str) -> ir.Constraints:
    """The checks `schema` puts on a value of `kind` (and on its items, for an array)."""
    own = _gathered(resolver, schema)
    base = ir.non_null(kind)
    checks: dict[str, int | float | str] = {}
    if isinstance(base, ir.Primitive) and base.name in _NUMERIC:
        checks = _bounds(resolver, own, where)
    elif isinstance(base, ir.Primitive) and base.name == "str":
        checks = _lengths(resolver, own, _STRING_KEYS, where)
        pattern = _pattern(resolver, own, where)
        if pattern is not None:
            checks["pattern"] = pattern
    elif isinstance(base, ir.ListOf):
        checks = _lengths(resolver, own, _ARRAY_KEYS, where)
    elif not isinstance(base, ir.TupleOf):  # a tuple's length is its type
        unused = sorted(KEYWORDS & set(own))
        if unused:
            resolver.warn(where, f"{', '.join(unused)} cannot apply to this type; ignored")
    items = None
    if isinstance(base, ir.ListOf) and isinstance(own.get("items"), (dict, bool)):
        items = constraints_of(resolver, own["items"], base.item, f"{where}/items") or None
    return ir.Constraints(tuple((k, checks[k]) for k in _ORDER if k in checks), items)


def _gathered(resolver: Resolver, schema: Any) -> Schema:
    """The schema's keywords, those of the scalar components it refers to beneath its own
    (an inlined alias keeps its constraints); object models and enums add nothing."""
    merged: Schema = {}
    seen: set[str] = set()
    while isinstance(schema, dict):
        for key, value in schema.items():
            merged.setdefault(key, value)
        ref = resolver.single_ref(schema)
        if not isinstance(ref, str) or not ref.startswith(COMPONENT_PREFIX):
            break
        name = resolver.schema_name(ref, "")  # resolved before: the type is known
        if name in seen or name not in resolver.schemas:
            break
        seen.add(name)
        schema = resolver.schemas[name]
        if "enum" in schema or resolver.is_object(schema, component=True):
            break
    return merged


def _number(value: Any) -> TypeGuard[int | float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _bounds(resolver: Resolver, own: Schema, where: str) -> dict[str, int | float | str]:
    checks: dict[str, int | float | str] = {}
    for key, inclusive, exclusive, flag in (
        ("minimum", "ge", "gt", "exclusiveMinimum"),
        ("maximum", "le", "lt", "exclusiveMaximum"),
    ):
        bound, strict = own.get(key), own.get(flag)
        if _number(strict):  # OpenAPI 3.1: the exclusive bound itself
            checks[exclusive] = strict
        elif strict not in (None, True, False):
            resolver.warn(where, f"`{flag}` is not a number or a boolean; ignored")
        if _number(bound):  # 3.0: `exclusiveMinimum: true` makes `minimum` exclusive
            checks[exclusive if strict is True else inclusive] = bound
        elif bound is not None:
            resolver.warn(where, f"`{key}` is not a number ({bound!r}); ignored")
    step = own.get("multipleOf")
    if step is not None:
        if _number(step) and step > 0:
            checks["multiple_of"] = step
        else:
            resolver.warn(where, f"`multipleOf` must be a positive number, not {step!r}; ignored")
    return checks


def _lengths(
    resolver: Resolver, own: Schema, keys: dict[str, str], where: str
) -> dict[str, int | float | str]:
    checks: dict[str, int | float | str] = {}
    for key, keyword in keys.items():
        value = own.get(key)
        if value is None:
            continue
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            checks[keyword] = value
        else:
            resolver.warn(where, f"`{key}` must be a whole number >= 0, not {value!r}; ignored")
    return checks


def _pattern(resolver: Resolver, own: Schema, where: str) -> str | None:
    pattern = own.get("pattern")
    if pattern is None:
        return None
    if not isinstance(pattern, str):
        resolver.warn(where, f"`pattern` is not a string ({pattern!r}); ignored")
        return None
    problem = pattern_problem(pattern)
    if problem is not None:
        resolver.warn(where, f"`pattern` {pattern!r} is not checked: {problem}")
        return None
    return pattern


def pattern_problem(pattern: str) -> str | None:
    """Why the client cannot check `pattern`, or None when it can."""
    try:
        re.compile(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"Python's re does not compile it ({exc})"
    from pydantic import Field, TypeAdapter
    from pydantic_core import SchemaError

    try:
        TypeAdapter(Annotated[str, Field(pattern=pattern)])
    except SchemaError as exc:  # pydantic-core's regex engine refuses it
        first = str(exc).strip().splitlines()[-1].strip()
        return f"pydantic's regex engine does not compile it ({first})"
    return None

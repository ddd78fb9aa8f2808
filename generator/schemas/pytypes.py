"""IR types -> Python annotations, and the imports they need.

Request side (method keywords, request bodies): enums are closed `Literal`s, so a typo is
caught by the type checker and by pydantic before anything is sent. Response side: enums are
`Literal[...] | str`, so a value the exchange adds later never fails a whole page. Request-side
datetimes are `AwareDatetime`: a naive one is refused before sending.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .. import ir
from ..emit.pysource import py_literal

Side = Literal["request", "response"]

_PRIMITIVES = {
    "str": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "bytes": "bytes",
    "datetime": "datetime.datetime",
    "date": "datetime.date",
    "dollars": "FixedPointDollars",
    "count": "FixedPointCount",
    "decimal": "DecimalNumber",
    "secret": "SecretString",
}
# annotations defined by kalshi._models
_RUNTIME_TYPES = frozenset(
    {"FixedPointDollars", "FixedPointCount", "DecimalNumber", "SecretString"}
)


@dataclass
class Imports:
    """What a generated module needs, collected while its annotations are written."""

    stdlib: set[str] = field(default_factory=set)  # "datetime"
    typing: set[str] = field(default_factory=set)  # "Any", "Literal"
    runtime: set[str] = field(default_factory=set)  # names from kalshi._models
    pydantic: set[str] = field(default_factory=set)  # names from pydantic ("Field")
    base_client: set[str] = field(default_factory=set)  # names from kalshi._base_client
    models: dict[str, set[str]] = field(default_factory=dict)  # module -> model names
    # resources have a method named `list`, which hides the builtin inside their classes
    list_name: str = "list"


def annotation(kind: ir.TypeRef, side: Side, models: dict[str, ir.Model], imports: Imports) -> str:
    if isinstance(kind, ir.Nullable):
        return f"{annotation(kind.inner, side, models, imports)} | None"
    if isinstance(kind, ir.Primitive):
        if kind.name == "datetime" and side == "request":
            # refused without a timezone: it would go out without an offset (not RFC 3339)
            imports.runtime.add("AwareDatetime")
            return "AwareDatetime"
        if kind.name == "secret" and side == "request":
            return "str"  # the caller's own value, sent as given (field_types.py)
        text = _PRIMITIVES[kind.name]
        if text.startswith("datetime."):
            imports.stdlib.add("datetime")
        elif text in _RUNTIME_TYPES:
            imports.runtime.add(text)
        return text
    if isinstance(kind, ir.ListOf):
        return f"{imports.list_name}[{annotation(kind.item, side, models, imports)}]"
    if isinstance(kind, ir.TupleOf):
        return f"tuple[{', '.join(annotation(item, side, models, imports) for item in kind.items)}]"
    if isinstance(kind, ir.DictOf):
        return f"dict[str, {annotation(kind.value, side, models, imports)}]"
    if isinstance(kind, ir.LiteralOf):
        imports.typing.add("Literal")
        text = f"Literal[{', '.join(py_literal(v, python_repr=True) for v in kind.values)}]"
        return _open(text, kind.values) if side == "response" else text
    if isinstance(kind, ir.AnyValue):
        imports.typing.add("Any")
        return "Any"
    model = models[kind.name]
    imports.models.setdefault(model.module, set()).add(model.name)
    if model.kind == "enum" and side == "response":
        return _open(model.name, model.enum_values)
    return model.name


def checked_annotation(
    kind: ir.TypeRef,
    constraints: ir.Constraints,
    models: dict[str, ir.Model],
    imports: Imports,
) -> str:
    """The request-side annotation with the checks on array items written in
    (`list[Annotated[str, Field(max_length=200)]]`); the value's own checks are `Field`
    keywords beside it (field_checks)."""
    base = ir.non_null(kind)
    items = constraints.items
    if items is None or not isinstance(base, ir.ListOf):
        return annotation(kind, "request", models, imports)
    item = checked_annotation(base.item, items, models, imports)
    if items.checks:
        item = annotated(item, items, imports)
    text = f"{imports.list_name}[{item}]"
    return f"{text} | None" if isinstance(kind, ir.Nullable) else text


def annotated(text: str, constraints: ir.Constraints, imports: Imports) -> str:
    """`Annotated[int, Field(ge=1, le=1000)]`: a type with its own checks."""
    imports.typing.add("Annotated")
    imports.pydantic.add("Field")
    return f"Annotated[{text}, Field({field_checks(constraints)})]"


def field_checks(constraints: ir.Constraints) -> str:
    """`ge=1, le=1000`: the checks as `Field` keywords."""
    return ", ".join(f"{key}={py_literal(value)}" for key, value in constraints.checks)


def _open(text: str, values: tuple[object, ...]) -> str:
    """A response-side enum also takes values the exchange adds later (`Side | str`)."""
    if all(isinstance(v, str) for v in values):
        return f"{text} | str"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return f"{text} | int"
    return text


def referenced_models(kind: ir.TypeRef) -> list[str]:
    if isinstance(kind, ir.Nullable):
        return referenced_models(kind.inner)
    if isinstance(kind, ir.ListOf):
        return referenced_models(kind.item)
    if isinstance(kind, ir.DictOf):
        return referenced_models(kind.value)
    if isinstance(kind, ir.TupleOf):
        return [name for item in kind.items for name in referenced_models(item)]
    if isinstance(kind, ir.ModelRef):
        return [kind.name]
    return []

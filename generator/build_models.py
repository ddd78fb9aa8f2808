"""Stage 3a: the models of the IR: object and enum schemas, Python field names, modules.

Fixed-point fields get short names (`yes_bid` for `yes_bid_dollars`), the wire name kept as
alias; a model used by one resource lives in that resource's module, others in `common`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from . import ir
from .naming import field_name
from .resolve import Resolver


def build_models(resolver: Resolver) -> dict[str, ir.Model]:
    """Object and enum models of the component schemas, plus inline objects they use."""
    models: dict[str, ir.Model] = {}
    for name, schema in resolver.schemas.items():
        if name in resolver.mapped_types:
            continue
        where = f"#/components/schemas/{name}"
        if "enum" in schema:
            models[name] = _enum_model(name, schema)
        elif resolver.is_object(schema, component=True):
            models[name] = _object_model(resolver, name, schema, where)
    # inline object schemas register more as they are built
    done: set[str] = set()
    while set(resolver.inline_models) - done:
        for name in sorted(set(resolver.inline_models) - done):
            done.add(name)
            if name in models:
                continue
            schema, where = resolver.inline_models[name]
            models[name] = _object_model(resolver, name, schema, where)
    return models


def _enum_model(name: str, schema: dict[str, Any]) -> ir.Model:
    return ir.Model(
        name=name,
        kind="enum",
        description=str(schema.get("description") or "").strip(),
        enum_values=tuple(v for v in schema["enum"] if v is not None),
    )


def _object_model(resolver: Resolver, name: str, schema: dict[str, Any], where: str) -> ir.Model:
    props, required = resolver.merged_properties(schema, where)
    for missing in sorted(required - set(props)):
        resolver.warn(where, f"required property {missing!r} is not defined; ignored")
    kinds = {
        str(wire): resolver.type_of(
            prop if isinstance(prop, dict) else {},
            f"{where}/properties/{wire}",
            name_hint=f"{name}_{wire}",
        )
        for wire, prop in props.items()
    }
    short_names = _short_names(kinds)
    fields: list[ir.Field] = []
    for wire, prop in props.items():
        wire = str(wire)
        prop = prop if isinstance(prop, dict) else {}
        fields.append(
            ir.Field(
                wire_name=wire,
                py_name=short_names.get(wire) or field_name(wire),
                type=kinds[wire],
                required=wire in required,
                description=str(prop.get("description") or "").strip(),
                deprecated=bool(prop.get("deprecated")),
            )
        )
    extra = schema.get("additionalProperties")
    return ir.Model(
        name=name,
        kind="object",
        description=str(schema.get("description") or "").strip(),
        fields=fields,
        additional_properties=(
            resolver.type_of(extra, f"{where}/additionalProperties", name_hint=f"{name}Value")
            if isinstance(extra, dict) and extra
            else None
        ),
        deprecated=bool(schema.get("deprecated")),
    )


def assign_model_modules(operations: list[ir.Operation], models: dict[str, ir.Model]) -> None:
    """A model lives in its resource's module when one resource uses it, else in `common`."""
    users: dict[str, set[str]] = {name: set() for name in models}
    request_side: set[str] = set()
    response_side: set[str] = set()
    for op in operations:
        roots_in: list[ir.TypeRef] = [p.type for p in op.params]
        if op.body is not None:
            roots_in.append(ir.ModelRef(op.body.model))
        roots_out: list[ir.TypeRef] = [op.response] if op.response is not None else []
        for side, roots in ((request_side, roots_in), (response_side, roots_out)):
            for name in _reachable(roots, models):
                users[name].add(op.resource)
                side.add(name)
    for name, model in models.items():
        model.module = next(iter(users[name])) if len(users[name]) == 1 else "common"
        model.role = "request" if name in request_side and name not in response_side else "response"
    # what a common model refers to is common too, so modules never import in a circle
    pending = [name for name, model in models.items() if model.module == "common"]
    while pending:
        for dep in _reachable([ir.ModelRef(pending.pop())], models):
            if models[dep].module != "common":
                models[dep].module = "common"
                pending.append(dep)


def _short_names(kinds: dict[str, ir.TypeRef]) -> dict[str, str]:
    """`yes_bid_dollars` -> `yes_bid`, `contracts_limit_fp` -> `contracts_limit` for Decimal
    fields, unless the short name is taken by another field or by another short name."""
    candidates: dict[str, str] = {}
    for wire, kind in kinds.items():
        if ir.is_decimal(kind) and wire.endswith(ir.FIXED_POINT_SUFFIXES):
            candidates[wire] = field_name(wire.rsplit("_", 1)[0])
    taken = {field_name(w) for w in kinds} | set(kinds)
    counts = Counter(candidates.values())
    return {
        w: short for w, short in candidates.items() if short not in taken and counts[short] == 1
    }


def _reachable(roots: list[ir.TypeRef], models: dict[str, ir.Model]) -> set[str]:
    found: set[str] = set()
    stack = list(roots)
    while stack:
        kind = stack.pop()
        if isinstance(kind, ir.Nullable):
            stack.append(kind.inner)
        elif isinstance(kind, ir.ListOf):
            stack.append(kind.item)
        elif isinstance(kind, ir.DictOf):
            stack.append(kind.value)
        elif isinstance(kind, ir.TupleOf):
            stack.extend(kind.items)
        elif isinstance(kind, ir.ModelRef) and kind.name not in found and kind.name in models:
            found.add(kind.name)
            model = models[kind.name]
            stack.extend(f.type for f in model.fields)
            if model.additional_properties is not None:
                stack.append(model.additional_properties)
    return found

"""Stage 3a: the models of the IR: object and enum schemas, Python field names, modules.

Fixed-point fields get short names (`yes_bid` for `yes_bid_dollars`), the wire name kept as
alias; a model used by one resource lives in that resource's module, others in `common`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from .. import ir
from ..naming import field_name, model_field_names
from ..openapi.constraints import constraints_of
from ..schemas.field_types import field_type
from ..schemas.resolve import Resolver


def build_models(
    resolver: Resolver, components: Iterable[str] | None = None
) -> dict[str, ir.Model]:
    """Object and enum models of the component schemas, plus inline objects they use.

    `components`: only these component schemas, the inline objects resolved so far and every
    component they refer to (an AsyncAPI document's payload `msg`s are inline objects, and
    its frame schemas are not models); None: every component schema (OpenAPI)."""
    models: dict[str, ir.Model] = {}
    for name in resolver.schemas if components is None else components:
        _component_model(resolver, name, models)
    # inline object schemas register more as they are built
    done: set[str] = set()
    while set(resolver.inline_models) - done:
        for name in sorted(set(resolver.inline_models) - done):
            done.add(name)
            if name in models:
                continue
            schema, where = resolver.inline_models[name]
            models[name] = _object_model(resolver, name, schema, where)
        if components is not None:
            _add_referenced(resolver, models)
    return models


def _add_referenced(resolver: Resolver, models: dict[str, ir.Model]) -> None:
    """The component schemas the models refer to, and theirs, until none is new."""
    tried: set[str] = set()
    while True:
        missing = sorted(
            _reachable(_refs_of(models), models, known_only=False) - set(models) - tried
        )
        if not missing:
            return
        for name in missing:
            tried.add(name)
            _component_model(resolver, name, models)


def _component_model(resolver: Resolver, name: str, models: dict[str, ir.Model]) -> None:
    if name in resolver.mapped_types or name not in resolver.schemas:
        return
    schema = resolver.schemas[name]
    where = f"#/components/schemas/{name}"
    cls = resolver.model_names.components.get(name, name)  # its Python class name
    if "enum" in schema and resolver.enum_values(schema, where):
        models[name] = _enum_model(cls, schema, resolver.enum_values(schema, where))
    elif resolver.is_object(schema, component=True):
        models[name] = _object_model(resolver, cls, schema, where)


def _refs_of(models: dict[str, ir.Model]) -> list[ir.TypeRef]:
    return [kind for model in models.values() for kind in ir.field_types(model)]


def _enum_model(
    name: str, schema: dict[str, Any], values: tuple[str | int | bool, ...]
) -> ir.Model:
    return ir.Model(
        name=name,
        kind="enum",
        description=str(schema.get("description") or "").strip(),
        enum_values=values,
    )


def _object_model(resolver: Resolver, name: str, schema: dict[str, Any], where: str) -> ir.Model:
    props, required = resolver.merged_properties(schema, where)
    for missing in sorted(required - set(props)):
        resolver.warn(where, f"required property {missing!r} is not defined; ignored")
    kinds = {
        str(wire): field_type(
            str(wire),
            prop,
            resolver.type_of(
                {} if prop is None else prop,
                f"{where}/properties/{wire}",
                name_hint=f"{name}_{wire}",
            ),
        )
        for wire, prop in props.items()
    }
    short_names = _short_names(kinds)
    wires = [str(wire) for wire in props]
    candidates = [short_names.get(w) or field_name(w) for w in wires]
    py_names = dict(zip(wires, model_field_names(wires, candidates)))
    for wire, candidate in zip(wires, candidates):
        if py_names[wire] != candidate:
            resolver.warn(
                where,
                f"property {wire!r} would be the attribute {candidate!r}, which another "
                f"property has; named {py_names[wire]!r} (rename it with `rename_fields`)",
            )
    fields: list[ir.Field] = []
    for wire, prop in props.items():
        wire = str(wire)
        prop = prop if isinstance(prop, dict) else {}
        fields.append(
            ir.Field(
                wire_name=wire,
                py_name=py_names[wire],
                type=kinds[wire],
                required=wire in required,
                description=str(prop.get("description") or "").strip(),
                deprecated=bool(prop.get("deprecated")),
                constraints=constraints_of(
                    resolver, prop, kinds[wire], f"{where}/properties/{wire}"
                ),
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
                users[name].add(op.resource.partition(".")[0])  # the module of its resource
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


def _reachable(
    roots: list[ir.TypeRef], models: dict[str, ir.Model], *, known_only: bool = True
) -> set[str]:
    """The models `roots` reach; with `known_only=False` also names not (yet) in `models`."""
    found: set[str] = set()
    pending = ir.model_names_in(roots)
    while pending:
        name = pending.pop()
        if name in found or (name not in models and known_only):
            continue
        found.add(name)
        if name in models:
            pending |= ir.model_names_in(ir.field_types(models[name]))
    return found


def models_to_rebuild(order: list[ir.Model], models: dict[str, ir.Model]) -> list[str]:
    """The class names of the object models of one module (`order`: as the module defines
    them) that pydantic cannot finish when their class statement runs: they refer, directly
    or through other models of the module, to a model defined after them (a forward reference
    or a cycle), or to one that is itself unfinished. The module calls `model_rebuild()` on
    each, in `order`, after its last class, so that every model is complete at import.

    Models of other modules need nothing: a model refers only to its own module and `common`
    (assign_model_modules), which is imported, and so complete, first."""
    key_of = {id(model): key for key, model in models.items()}
    keys = [key_of[id(m)] for m in order if m.kind == "object" and id(m) in key_of]
    position = {key: i for i, key in enumerate(keys)}
    direct = {key: {d for d in _model_refs(models[key]) if d in position} for key in keys}
    reach: dict[str, set[str]] = {}
    for key in keys:
        found: set[str] = set()
        stack = list(direct[key])
        while stack:
            dep = stack.pop()
            if dep not in found:
                found.add(dep)
                stack.extend(direct[dep])
        reach[key] = found
    forward = {k for k in keys if any(position[d] > position[k] for d in reach[k])}
    unfinished = forward | {k for k in keys if reach[k] & forward}
    return [models[k].name for k in keys if k in unfinished]


def _model_refs(model: ir.Model) -> set[str]:
    return ir.model_names_in(ir.field_types(model))

"""The API change report between two OpenAPI documents, written for a user of the client.

Operations are matched by operationId (the client's method names derive from it), parameters
by (in, name), schemas by component name. Every change has a kind, and `BREAKS_ON` (the one
rule table) says on which side, request or response, that kind breaks code written against
the old client. A change in a component schema counts on the sides from which operations
reach that schema, in either document.

This module only compares; `generator.diff_report` renders a `ChangeReport` as Markdown or
JSON (its two functions are re-exported here).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, Literal

from ..errors import GeneratorError
from ..specdiff.report import report_to_json, report_to_markdown  # rendering; re-exported

__all__ = [
    "BREAKS_ON",
    "Change",
    "ChangeReport",
    "Endpoint",
    "OperationDiff",
    "Rename",
    "SchemaDiff",
    "describe_type",
    "diff_documents",
    "is_breaking",
    "report_to_json",
    "report_to_markdown",
]

Side = Literal["request", "response"]
_REQ: frozenset[Side] = frozenset({"request"})
_RESP: frozenset[Side] = frozenset({"response"})
_BOTH: frozenset[Side] = _REQ | _RESP
_NEVER: frozenset[Side] = frozenset()

# kind -> the sides on which a change of that kind breaks client code.
# Request side: code that sends must change (new required input, input removed or narrowed).
# Response side: code that reads may break (data removed or retyped, None where a value was).
# The client's enums are open, so a new value never breaks; a removed one breaks senders only.
BREAKS_ON: dict[str, frozenset[Side]] = {
    "added": _NEVER,  # optional parameter/field, operation, schema, response body
    "added_required": _REQ,
    "removed": _BOTH,
    "retyped": _BOTH,
    "made_nullable": _RESP,  # a wider input is fine; an output may now be None
    "made_non_nullable": _REQ,
    "made_required": _REQ,
    "made_optional": _RESP,
    "enum_values_added": _NEVER,
    "enum_values_removed": _REQ,
    "enum_constraint_added": _REQ,  # a free value is now restricted to a list
    "enum_constraint_removed": _NEVER,
    "moved": _NEVER,  # same operationId on another method/path: the client follows it
    "deprecated": _NEVER,
}

# The side a change of each element of an operation is on.
_OPERATION_SIDES: dict[str, frozenset[Side]] = {
    "operation": _BOTH,
    "parameter": _REQ,
    "request body": _REQ,
    "body field": _REQ,
    "response": _RESP,
    "response field": _RESP,
}
_ELEMENT_ORDER = (
    "operation",
    "parameter",
    "request body",
    "body field",
    "response",
    "response field",
    "schema",
    "field",
)
_HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_MAX_DEPTH = 8  # nested inline objects compared this deep; refs are compared by name


def is_breaking(kind: str, sides: Iterable[Side]) -> bool:
    return not BREAKS_ON[kind].isdisjoint(sides)


@dataclass(frozen=True)
class Change:
    """One change to one element of an operation or schema."""

    element: str  # see _ELEMENT_ORDER
    name: str  # "query.status", "orders[].ticker", "200"; "" for the subject itself
    kind: str  # a key of BREAKS_ON
    old: str | None = None  # type descriptions or "METHOD /path"
    new: str | None = None
    values: tuple[str, ...] = ()  # enum values added/removed
    breaking: bool = False

    @property
    def text(self) -> str:
        what = _element_text(self)
        how = _kind_text(self)
        return f"{what} {how}" if what else how


@dataclass(frozen=True)
class Endpoint:
    operation_id: str
    method: str  # upper case
    path: str

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True)
class OperationDiff:
    endpoint: Endpoint  # as in the new document
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Rename:
    """A removed + added pair that is the same endpoint under a new operationId."""

    old: Endpoint
    new: Endpoint
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class SchemaDiff:
    name: str
    used_in: tuple[Side, ...]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class ChangeReport:
    old_version: str
    new_version: str
    operations_added: tuple[Endpoint, ...]
    operations_removed: tuple[Endpoint, ...]
    operations_changed: tuple[OperationDiff, ...]
    renamed: tuple[Rename, ...]
    schemas_added: tuple[str, ...]
    schemas_removed: tuple[str, ...]
    schemas_changed: tuple[SchemaDiff, ...]
    breaking: tuple[str, ...]  # human-readable, sorted


# --- entry point -------------------------------------------------------------------------


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> ChangeReport:
    old_ops, new_ops = _operations(old), _operations(new)
    added = tuple(new_ops[i].endpoint for i in sorted(new_ops.keys() - old_ops.keys()))
    removed = tuple(old_ops[i].endpoint for i in sorted(old_ops.keys() - new_ops.keys()))
    changed = []
    for op_id in sorted(old_ops.keys() & new_ops.keys()):
        changes = _compare_operation((old, new), old_ops[op_id], new_ops[op_id])
        if changes:
            changed.append(OperationDiff(new_ops[op_id].endpoint, changes))
    renamed = tuple(
        Rename(
            o, n, _compare_operation((old, new), old_ops[o.operation_id], new_ops[n.operation_id])
        )
        for o, n in _match_renames(removed, added)
    )

    old_schemas, new_schemas = _components(old, "schemas"), _components(new, "schemas")
    old_sides, new_sides = _schema_sides(old), _schema_sides(new)
    schemas_changed = []
    for name in sorted(old_schemas.keys() & new_schemas.keys()):
        sides = old_sides.get(name, _NEVER) | new_sides.get(name, _NEVER)
        changes = _classified(
            _compare_schema((old, new), old_schemas[name], new_schemas[name]),
            {"schema": sides, "field": sides},
        )
        if changes:
            schemas_changed.append(SchemaDiff(name, _sorted_sides(sides), changes))
    schemas_removed = tuple(sorted(old_schemas.keys() - new_schemas.keys()))

    breaking = _breaking_lines(
        removed, renamed, changed, schemas_removed, old_sides, schemas_changed
    )
    return ChangeReport(
        old_version=_version(old),
        new_version=_version(new),
        operations_added=added,
        operations_removed=removed,
        operations_changed=tuple(changed),
        renamed=renamed,
        schemas_added=tuple(sorted(new_schemas.keys() - old_schemas.keys())),
        schemas_removed=schemas_removed,
        schemas_changed=tuple(schemas_changed),
        breaking=breaking,
    )


def _breaking_lines(
    removed: Iterable[Endpoint],
    renamed: Iterable[Rename],
    changed: Iterable[OperationDiff],
    schemas_removed: Iterable[str],
    old_sides: dict[str, frozenset[Side]],
    schemas_changed: Iterable[SchemaDiff],
) -> tuple[str, ...]:
    renamed_to = {r.old.operation_id: r.new.operation_id for r in renamed}
    lines = []
    for ep in removed:
        note = (
            f"; renamed to `{renamed_to[ep.operation_id]}`" if ep.operation_id in renamed_to else ""
        )
        lines.append(f"operation `{ep.operation_id}` removed ({ep.route}){note}")
    for op in changed:
        lines += [
            f"operation `{op.endpoint.operation_id}`: {c.text}" for c in op.changes if c.breaking
        ]
    for name in schemas_removed:
        sides = old_sides.get(name, _NEVER)
        if is_breaking("removed", sides):
            lines.append(f"schema `{name}` removed (used in {', '.join(_sorted_sides(sides))})")
    for schema in schemas_changed:
        lines += [f"schema `{schema.name}`: {c.text}" for c in schema.changes if c.breaking]
    return tuple(sorted(lines))


# --- reading a document --------------------------------------------------------------------


@dataclass(frozen=True)
class _Operation:
    endpoint: Endpoint
    op: dict[str, Any]
    shared_parameters: list[Any]  # the path item's parameters


def _version(doc: dict[str, Any]) -> str:
    info = doc.get("info")
    return str(info.get("version", "")) if isinstance(info, dict) else ""


def _components(doc: dict[str, Any], kind: str) -> dict[str, Any]:
    components = doc.get("components")
    section = components.get(kind) if isinstance(components, dict) else None
    return {str(k): v for k, v in section.items()} if isinstance(section, dict) else {}


def _operations(doc: dict[str, Any]) -> dict[str, _Operation]:
    result: dict[str, _Operation] = {}
    paths = doc.get("paths")
    for path, item in sorted((paths or {}).items()) if isinstance(paths, dict) else []:
        if not isinstance(item, dict):
            continue
        shared = item.get("parameters") or []
        for method in _HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                # Without an operationId the route is the only identity there is.
                op_id = str(op.get("operationId") or f"{method.upper()} {path}")
                result.setdefault(
                    op_id, _Operation(Endpoint(op_id, method.upper(), str(path)), op, shared)
                )
    return result


def _deref(doc: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s (#/components/...) until a node without one."""
    for _ in range(32):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        ref = node["$ref"]
        target: Any = doc
        if not ref.startswith("#/"):
            raise GeneratorError(f"only local $ref are supported, got {ref!r}")
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise GeneratorError(f"unresolvable $ref {ref!r}")
            target = target[part]
        node = target
    raise GeneratorError(f"$ref cycle at {node.get('$ref')!r}")


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _parameters(doc: dict[str, Any], operation: _Operation) -> dict[tuple[str, str], Any]:
    result: dict[tuple[str, str], Any] = {}
    for raw in [*operation.shared_parameters, *(operation.op.get("parameters") or [])]:
        param = _deref(doc, raw)  # operation-level entries override path-level ones
        if isinstance(param, dict) and "name" in param and "in" in param:
            result[(str(param["in"]), str(param["name"]))] = param
    return result


def _media_schema(content: Any) -> Any:
    """The JSON body schema of a content map; None when there is no body."""
    if not isinstance(content, dict) or not content:
        return None
    media = content.get("application/json", content[min(content)])
    schema = media.get("schema") if isinstance(media, dict) else None
    return {} if schema is None else schema


def _request_body(doc: dict[str, Any], op: dict[str, Any]) -> _Slot:
    body = _deref(doc, op.get("requestBody"))
    if not isinstance(body, dict):
        return _Slot(None, required=False)
    return _Slot(_media_schema(body.get("content")), required=body.get("required") is True)


def _success_response(doc: dict[str, Any], op: dict[str, Any]) -> tuple[str, _Slot]:
    """(status, body schema or None) of the response the client returns: the first 2xx."""
    raw = op.get("responses")
    # YAML may have parsed the status codes as ints.
    responses = {str(k): v for k, v in raw.items()} if isinstance(raw, dict) else {}
    found = [
        (status, _media_schema(_deref(doc, responses[status]).get("content")))
        for status in sorted(responses)
        if status.startswith("2")
    ]
    with_body = [pair for pair in found if pair[1] is not None]
    status, schema = (with_body or found or [("2xx", None)])[0]
    return status, _Slot(schema)


# --- describing types and enums -----------------------------------------------------------


def describe_type(schema: Any) -> str:
    """A short type string: "string", "integer(int64)", "array[Order]", "Order", "string|null"."""
    if not isinstance(schema, dict):
        return "any"
    parts = _type_parts(schema)
    nullable = schema.get("nullable") is True or "null" in parts
    base = [p for p in dict.fromkeys(parts) if p != "null"] or (["null"] if parts else ["any"])
    text = "|".join(base)
    return f"{text}|null" if nullable and text != "null" else text


def _type_parts(schema: dict[str, Any]) -> list[str]:
    if isinstance(schema.get("$ref"), str):
        return [_ref_name(schema["$ref"])]
    all_of = schema.get("allOf")
    if isinstance(all_of, list) and all_of:
        if len(all_of) == 1:  # `allOf: [$ref]` + description/nullable is just the ref
            return [describe_type(all_of[0])]
        return ["&".join(describe_type(member) for member in all_of)]
    for key in ("oneOf", "anyOf"):
        members = schema.get(key)
        if isinstance(members, list) and members:
            return [p for m in members for p in describe_type(m).split("|")]
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]  # OpenAPI 3.1: type: [string, "null"]
    return [_single_type(str(k) if k is not None else None, schema) for k in kinds]


def _single_type(kind: str | None, schema: dict[str, Any]) -> str:
    if kind == "array":
        return f"array[{describe_type(schema.get('items'))}]"  # 3.6.0 has one without items
    if kind == "object" or (kind is None and "properties" in schema):
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict) and not schema.get("properties"):
            return f"map[{describe_type(extra)}]"
        return "object"
    if kind is None:
        return "any"
    fmt = schema.get("format")
    return f"{kind}({fmt})" if fmt else kind


def _split_null(type_text: str) -> tuple[str, bool]:
    return (type_text[: -len("|null")], True) if type_text.endswith("|null") else (type_text, False)


def _enum_of(doc: dict[str, Any], schema: Any) -> tuple[str | None, frozenset[str] | None]:
    """(component it comes from, values as text) of the enum constraining a schema or its
    array items; (None, None) when unconstrained."""
    for node in (schema, schema.get("items") if isinstance(schema, dict) else None):
        ref = _single_ref(node)
        resolved = _deref(doc, {"$ref": ref}) if ref else node
        values = resolved.get("enum") if isinstance(resolved, dict) else None
        if isinstance(values, list):
            return ref, frozenset(v if isinstance(v, str) else json.dumps(v) for v in values)
    return None, None


def _single_ref(schema: Any) -> str | None:
    """The $ref of `{$ref: X}` or `{allOf: [{$ref: X}]}` (siblings like nullable aside)."""
    if not isinstance(schema, dict):
        return None
    all_of = schema.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1:
        schema = all_of[0]
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref if isinstance(ref, str) else None


# --- comparing -------------------------------------------------------------------------------

_Docs = tuple[dict[str, Any], dict[str, Any]]  # (old document, new document)


@dataclass(frozen=True)
class _Slot:
    """One parameter, field or body in one document: what _compare_slot compares."""

    schema: Any
    required: bool = True
    deprecated: bool = False


def _compare_operation(docs: _Docs, old: _Operation, new: _Operation) -> tuple[Change, ...]:
    changes: list[Change] = []
    if old.endpoint.route != new.endpoint.route:
        changes.append(Change("operation", "", "moved", old.endpoint.route, new.endpoint.route))
    if new.op.get("deprecated") is True and old.op.get("deprecated") is not True:
        changes.append(Change("operation", "", "deprecated"))
    changes += _compare_parameters(docs, _parameters(docs[0], old), _parameters(docs[1], new))
    old_body, new_body = _request_body(docs[0], old.op), _request_body(docs[1], new.op)
    changes += _compare_body(docs, "request body", old_body, new_body, "body field")
    old_status, old_resp = _success_response(docs[0], old.op)
    new_status, new_resp = _success_response(docs[1], new.op)
    status = new_status if new_resp.schema is not None else old_status
    changes += _compare_body(docs, "response", old_resp, new_resp, "response field", status)
    return _classified(changes, _OPERATION_SIDES)


def _compare_parameters(
    docs: _Docs, old: dict[tuple[str, str], Any], new: dict[tuple[str, str], Any]
) -> Iterator[Change]:
    for key in sorted(old.keys() | new.keys()):
        name = ".".join(key)
        if key not in old:
            after = _param_slot(new[key])
            kind = "added_required" if after.required else "added"
            yield Change("parameter", name, kind, new=describe_type(after.schema))
        elif key not in new:
            yield Change(
                "parameter", name, "removed", old=describe_type(_param_slot(old[key]).schema)
            )
        else:
            yield from _compare_slot(
                docs, "parameter", name, _param_slot(old[key]), _param_slot(new[key])
            )


def _param_slot(param: dict[str, Any]) -> _Slot:
    schema = param["schema"] if "schema" in param else _media_schema(param.get("content"))
    return _Slot(
        schema,
        required=param.get("in") == "path" or param.get("required") is True,
        deprecated=param.get("deprecated") is True,
    )


def _compare_body(
    docs: _Docs, element: str, old: _Slot, new: _Slot, field_element: str, name: str = ""
) -> Iterator[Change]:
    """A request or response body: presence, type, and the fields of an inline object."""
    if old.schema is None and new.schema is None:
        return
    if old.schema is None:
        kind = "added_required" if new.required else "added"
        yield Change(element, name, kind, new=describe_type(new.schema))
    elif new.schema is None:
        yield Change(element, name, "removed", old=describe_type(old.schema))
    else:
        yield from _compare_slot(docs, element, name, old, new)
        if _is_inline_object(old.schema) and _is_inline_object(new.schema):
            yield from _compare_fields(docs, old.schema, new.schema, field_element, "", 0)


def _compare_schema(docs: _Docs, old: Any, new: Any) -> Iterator[Change]:
    if _is_object(old) and _is_object(new):
        yield from _compare_fields(docs, old, new, "field", "", 0)
    else:
        yield from _compare_slot(docs, "schema", "", _Slot(old), _Slot(new))
    if _deprecated(new) and not _deprecated(old):
        yield Change("schema", "", "deprecated")


def _compare_fields(
    docs: _Docs, old: Any, new: Any, element: str, prefix: str, depth: int
) -> Iterator[Change]:
    old_props, old_required = _fields(docs[0], old, frozenset())
    new_props, new_required = _fields(docs[1], new, frozenset())
    for prop in sorted(old_props.keys() | new_props.keys()):
        name = prefix + prop
        if prop not in old_props:
            kind = "added_required" if prop in new_required else "added"
            yield Change(element, name, kind, new=describe_type(new_props[prop]))
        elif prop not in new_props:
            yield Change(element, name, "removed", old=describe_type(old_props[prop]))
        else:
            before, after = old_props[prop], new_props[prop]
            yield from _compare_slot(
                docs,
                element,
                name,
                _Slot(before, prop in old_required, _deprecated(before)),
                _Slot(after, prop in new_required, _deprecated(after)),
            )
            if depth < _MAX_DEPTH:
                for inner_old, inner_new, suffix in _inline_children(before, after):
                    yield from _compare_fields(
                        docs, inner_old, inner_new, element, f"{name}{suffix}.", depth + 1
                    )


def _compare_slot(docs: _Docs, element: str, name: str, old: _Slot, new: _Slot) -> Iterator[Change]:
    """Type, required-ness, enum values and deprecation of one parameter/field/body."""
    old_type, new_type = describe_type(old.schema), describe_type(new.schema)
    if old_type != new_type:
        old_base, new_base, new_null = _split_null(old_type)[0], *_split_null(new_type)
        if old_base != new_base:
            kind = "retyped"
        else:
            kind = "made_nullable" if new_null else "made_non_nullable"
        yield Change(element, name, kind, old_type, new_type)
    if old.required != new.required:
        yield Change(element, name, "made_required" if new.required else "made_optional")
    yield from _compare_enums(docs, element, name, old.schema, new.schema)
    if new.deprecated and not old.deprecated:
        yield Change(element, name, "deprecated")


def _compare_enums(docs: _Docs, element: str, name: str, old: Any, new: Any) -> Iterator[Change]:
    (old_ref, old_enum), (new_ref, new_enum) = _enum_of(docs[0], old), _enum_of(docs[1], new)
    if old_ref is not None and old_ref == new_ref:
        return  # the same component on both sides: its own schema diff reports the values
    if old_enum is None and new_enum is not None:
        yield Change(element, name, "enum_constraint_added", values=tuple(sorted(new_enum)))
    elif old_enum is not None and new_enum is None:
        yield Change(element, name, "enum_constraint_removed", values=tuple(sorted(old_enum)))
    elif old_enum is not None and new_enum is not None:
        if added := new_enum - old_enum:
            yield Change(element, name, "enum_values_added", values=tuple(sorted(added)))
        if removed := old_enum - new_enum:
            yield Change(element, name, "enum_values_removed", values=tuple(sorted(removed)))


def _deprecated(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("deprecated") is True


def _is_object(schema: Any) -> bool:
    if not isinstance(schema, dict) or "$ref" in schema:
        return False
    all_of = schema.get("allOf")
    return (
        "properties" in schema
        or (isinstance(all_of, list) and len(all_of) > 1)
        or (
            schema.get("type") == "object"
            and not isinstance(schema.get("additionalProperties"), dict)
        )
    )


def _is_inline_object(schema: Any) -> bool:
    return _is_object(schema) and bool(schema.get("properties") or schema.get("allOf"))


def _inline_children(old: Any, new: Any) -> Iterator[tuple[Any, Any, str]]:
    """Inline object schemas below a field, compared in place (refs are separate schemas)."""
    if _is_inline_object(old) and _is_inline_object(new):
        yield old, new, ""
    elif (
        isinstance(old, dict)
        and isinstance(new, dict)
        and _is_inline_object(old.get("items"))
        and _is_inline_object(new.get("items"))
    ):
        yield old["items"], new["items"], "[]"


def _fields(
    doc: dict[str, Any], schema: Any, seen: frozenset[str]
) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names of an object schema, allOf members merged in."""
    if not isinstance(schema, dict):
        return {}, set()
    props: dict[str, Any] = {}
    required: set[str] = set()
    for member in schema.get("allOf") or []:
        ref = member.get("$ref") if isinstance(member, dict) else None
        if isinstance(ref, str) and ref in seen:
            continue
        inner = _fields(doc, _deref(doc, member), seen | {ref} if isinstance(ref, str) else seen)
        props.update(inner[0])
        required |= inner[1]
    raw_props = schema.get("properties")
    if isinstance(raw_props, dict):
        props.update({str(k): v for k, v in raw_props.items()})  # "yes"/"no" stay strings
    required |= {str(r) for r in schema.get("required") or []}
    return props, required


def _classified(
    changes: Iterable[Change], sides: Mapping[str, frozenset[Side]]
) -> tuple[Change, ...]:
    """Mark each change breaking or not and put them in a stable order."""
    marked = [replace(c, breaking=is_breaking(c.kind, sides[c.element])) for c in changes]
    return tuple(sorted(marked, key=lambda c: (_ELEMENT_ORDER.index(c.element), c.name, c.kind)))


# --- which side uses a schema, and renames -------------------------------------------------


def _schema_sides(doc: dict[str, Any]) -> dict[str, frozenset[Side]]:
    """Component schema name -> the sides from which some operation reaches it."""
    roots: dict[Side, list[Any]] = {"request": [], "response": []}
    for operation in _operations(doc).values():
        roots["request"] += [
            *operation.shared_parameters,
            operation.op.get("parameters"),
            operation.op.get("requestBody"),
        ]
        roots["response"].append(operation.op.get("responses"))
    sides: dict[str, frozenset[Side]] = {}
    for side, nodes in roots.items():
        for name in _reachable_schemas(doc, nodes):
            sides[name] = sides.get(name, _NEVER) | {side}
    return sides


def _reachable_schemas(doc: dict[str, Any], nodes: list[Any]) -> set[str]:
    found: set[str] = set()
    seen_refs: set[str] = set()
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack += node
        elif isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref not in seen_refs:
                seen_refs.add(ref)
                if ref.startswith("#/components/schemas/"):
                    found.add(_ref_name(ref))
                stack.append(_deref(doc, {"$ref": ref}))
            stack += [v for k, v in node.items() if k != "$ref"]
    return found


def _route_key(path: str) -> str:
    # /LIVE_data/{type} and /live_data/{kind} are the same route for rename purposes.
    return re.sub(r"\{[^}]*\}", "{}", path).lower().rstrip("/")


def _match_renames(
    removed: Iterable[Endpoint], added: Iterable[Endpoint]
) -> list[tuple[Endpoint, Endpoint]]:
    """Pair a removed and an added operation with the same method and the same route or
    case-insensitively the same operationId, when the pairing is unambiguous."""

    def keys(ep: Endpoint) -> set[tuple[str, str, str]]:
        return {
            ("route", ep.method, _route_key(ep.path)),
            ("id", ep.method, ep.operation_id.lower()),
        }

    candidates = list(added)
    pairs = []
    for old in removed:
        matches = [new for new in candidates if keys(old) & keys(new)]
        if len(matches) == 1:
            pairs.append((old, matches[0]))
            candidates.remove(matches[0])
    return pairs


def _sorted_sides(sides: Iterable[Side]) -> tuple[Side, ...]:
    return tuple(sorted(sides))


# --- text ----------------------------------------------------------------------------------


def _element_text(change: Change) -> str:
    if change.element == "parameter":
        location, _, name = change.name.partition(".")
        return f"{location} parameter `{name}`"
    if change.element == "response":
        return f"response {change.name}".rstrip()
    if change.element in ("operation", "schema"):
        return ""
    if change.element == "request body":
        return "request body"
    return f"{change.element} `{change.name}`"


def _kind_text(change: Change) -> str:
    values = ", ".join(change.values)
    texts = {
        "added": f"added ({change.new})",
        "added_required": f"added as required ({change.new})",
        "removed": f"removed (was {change.old})",
        "retyped": f"retyped {change.old} -> {change.new}",
        "made_nullable": f"made nullable ({change.old} -> {change.new})",
        "made_non_nullable": f"no longer nullable ({change.old} -> {change.new})",
        "made_required": "made required",
        "made_optional": "made optional",
        "enum_values_added": f"enum values added: {values}",
        "enum_values_removed": f"enum values removed: {values}",
        "enum_constraint_added": f"restricted to enum values: {values}",
        "enum_constraint_removed": f"no longer restricted to enum values: {values}",
        "moved": f"moved {change.old} -> {change.new}",
        "deprecated": "deprecated",
    }
    return texts[change.kind]

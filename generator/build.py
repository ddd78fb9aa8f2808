"""Stage 3: the resolved spec plus overrides -> the IR (resources, operations, models)."""

from __future__ import annotations

import builtins
import itertools
from dataclasses import dataclass
from typing import Any

from . import ir
from .build_models import assign_model_modules, build_models
from .customize import customize
from .environments import default_servers, read_servers
from .errors import GeneratorError
from .naming import (
    RESERVED_METHOD_KWARGS,
    class_name_for_resource,
    method_name,
    resource_for_tag,
    safe_identifier,
    singular,
    snake_preserving,
    words,
)
from .overlay import apply_overlay
from .overrides import OperationOverride, Overrides, TypeMapping
from .resolve import Resolver
from .security import accepted_credentials
from .tracker import OverrideTracker

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_BUILTINS = frozenset(dir(builtins))


@dataclass
class _RawOperation:
    operation_id: str
    http_method: str
    path: str
    spec: dict[str, Any]
    path_level_params: list[Any]
    where: str


def build_ir(
    doc: dict[str, Any],
    overrides: Overrides,
    *,
    source: str,
    tracker: OverrideTracker | None = None,
) -> ir.ClientIR:
    """The conventional client, with the naming and typing entries of overrides.yaml applied.

    The remaining entries (bodies, wire quirks, notes, extra fields) are applied by
    `customize.py`; stale entries are collected in `tracker`.
    """
    tracker = tracker if tracker is not None else OverrideTracker()
    doc = apply_overlay(doc, overrides.overlay, tracker)
    client = _Builder(doc, overrides, source=source, tracker=tracker).build()
    customize(client, overrides, tracker)
    tracker.raise_if_stale()
    client.override_report = list(tracker.applied)
    return client


def _mapped_type(
    name: str, mapping: TypeMapping, schema: Any, tracker: OverrideTracker
) -> ir.TypeRef | None:
    """The IR type a `types:` entry gives a component schema; None (and stale) if it no
    longer fits the spec."""
    entry = f"types.{name}"
    if not isinstance(schema, dict):
        tracker.stale(
            entry, f"the spec has no schema {name!r} any more; remove or rename the entry"
        )
        return None
    if mapping.python is not None:
        tracker.record(
            entry, f"schema {name}", f"read as decimal.Decimal ({mapping.python})", mapping.reason
        )
        return ir.Primitive(mapping.python)
    items = mapping.items or []
    size = len(items)
    if (
        schema.get("type") != "array"
        or schema.get("minItems") != size
        or schema.get("maxItems") != size
    ):
        tracker.stale(
            entry,
            f"{name} is no longer an array of exactly {size} items; update or remove `items`",
        )
        return None
    tracker.record(
        entry,
        f"schema {name}",
        f"read as a tuple of decimal.Decimal ({', '.join(items)})",
        mapping.reason,
    )
    return ir.TupleOf(tuple(ir.Primitive(kind) for kind in items))


class _Builder:
    def __init__(
        self, doc: dict[str, Any], overrides: Overrides, *, source: str, tracker: OverrideTracker
    ) -> None:
        self.doc = doc
        self.overrides = overrides
        self.source = source
        self.tracker = tracker
        schemas = (doc.get("components") or {}).get("schemas") or {}
        mapped: dict[str, ir.TypeRef] = {}
        for name, mapping in overrides.types.items():
            kind = _mapped_type(name, mapping, schemas.get(name), tracker)
            if kind is not None:
                mapped[name] = kind
        self.resolver = Resolver(doc, source=source, mapped_types=mapped)

    # ------------------------------------------------------------------ entry

    def build(self) -> ir.ClientIR:
        raw_ops = self._collect_operations()
        placement = self._place(raw_ops)
        operations = [
            self._operation(
                raw,
                placement[raw.operation_id],
                [r for r in raw_ops if placement[r.operation_id] == placement[raw.operation_id]],
            )
            for raw in raw_ops
        ]
        models = build_models(self.resolver)
        for op in operations:
            self._finish_operation(op, models)
        assign_model_modules(operations, models)
        resources = self._resources(operations)
        self._check_unused_operation_overrides(raw_ops)
        info = self.doc.get("info") or {}
        servers = read_servers(self.doc, source=self.source)
        defaults = default_servers(servers, self.overrides.environments, self.tracker)
        return ir.ClientIR(
            title=str(info.get("title", "")),
            spec_version=str(info.get("version", "")),
            server_url=defaults.get("production", servers[0].url if servers else ""),
            resources=resources,
            models=dict(sorted(models.items())),
            warnings=self.resolver.warnings,
            schemas=dict(self.resolver.schemas),
            servers=servers,
            default_servers=defaults,
        )

    # ------------------------------------------------------------------ operations

    def _collect_operations(self) -> list[_RawOperation]:
        ops: list[_RawOperation] = []
        seen: dict[str, str] = {}
        for path, item in self.doc["paths"].items():
            item = self.resolver.follow(item, f"paths/{path}")
            for http_method in HTTP_METHODS:
                spec = item.get(http_method)
                if spec is None:
                    continue
                where = f"paths/{path}/{http_method}"
                op_id = spec.get("operationId")
                if not op_id:
                    raise GeneratorError(
                        "operation has no operationId", where=f"{self.source}: {where}"
                    )
                if op_id in seen:
                    raise GeneratorError(
                        f"operationId {op_id!r} is used twice (also at {seen[op_id]})",
                        where=f"{self.source}: {where}",
                    )
                seen[op_id] = where
                ops.append(
                    _RawOperation(
                        op_id, http_method.upper(), path, spec, item.get("parameters") or [], where
                    )
                )
        return ops

    def _place(self, raw_ops: list[_RawOperation]) -> dict[str, str]:
        """operationId -> resource attribute (convention, then placement overrides)."""
        path_words = {
            w for raw in raw_ops for seg in _literal_segments(raw.path) for w in words(seg)
        }
        moved_by: dict[str, int] = {}  # operationId -> index of the resources rule that moved it
        placement: dict[str, str] = {}
        for raw in raw_ops:
            tags = raw.spec.get("tags") or [(_literal_segments(raw.path) or ["default"])[0]]
            resource = resource_for_tag(str(tags[0]), path_words)
            conventional, best_prefix, rule_index = resource, -1, None
            for index, rule in enumerate(self.overrides.resources):
                if rule.tag is not None and rule.tag == tags[0] and best_prefix < 0:
                    resource, best_prefix, rule_index = rule.resource, 0, index
                prefix = rule.path_prefix
                if prefix is not None and _under(raw.path, prefix) and len(prefix) > best_prefix:
                    resource, best_prefix, rule_index = rule.resource, len(prefix), index
            override = self.overrides.operations.get(raw.operation_id)
            if override is not None and override.resource:
                chosen = self.tracker.choose(
                    f"operations.{raw.operation_id}.resource",
                    raw.operation_id,
                    f"client.{resource}",
                    f"client.{override.resource}",
                    override.reason,
                )
                resource = chosen.removeprefix("client.")
            elif rule_index is not None and resource != conventional:
                moved_by[raw.operation_id] = rule_index
            placement[raw.operation_id] = resource
        for index, rule in enumerate(self.overrides.resources):
            what = f"tag {rule.tag!r}" if rule.tag else f"path prefix {rule.path_prefix!r}"
            entry = f"resources[{index}] ({what})"
            moved = sorted(op_id for op_id, i in moved_by.items() if i == index)
            if not moved:
                self.tracker.stale(
                    entry,
                    f"no operation with {what} goes to {rule.resource!r} by it any more; remove or update the entry",
                )
            else:
                self.tracker.record(
                    entry, ", ".join(moved), f"placed on client.{rule.resource}", rule.reason
                )
        return placement

    def _operation(
        self, raw: _RawOperation, resource: str, siblings: list[_RawOperation]
    ) -> ir.Operation:
        spec = raw.spec
        override = self.overrides.operations.get(raw.operation_id) or OperationOverride(
            reason="no override"
        )
        segments = _literal_segments(raw.path)
        nouns = [
            words(resource),
            *(words(str(t)) for t in spec.get("tags") or []),
            words(segments[0]) if segments else [],
        ]
        name = method_name(
            raw.operation_id,
            nouns=nouns,
            path=raw.path,
            sub_collections=self._sub_collections(siblings, resource),
        )
        if override.method is not None:
            self.tracker.choose(
                f"operations.{raw.operation_id}.method",
                f"{raw.http_method} {raw.path}",
                f"{resource}.{name}",
                f"{resource}.{override.method}",
                override.reason,
            )
            name = override.method
        params = self._parameters(raw, resource, override)
        response = self._response(raw)
        security = accepted_credentials(
            spec.get("security", self.doc.get("security")),
            (self.doc.get("components") or {}).get("securitySchemes") or {},
            where=raw.where,
            source=self.source,
            warn=self.resolver.warn,
        )
        return ir.Operation(
            operation_id=raw.operation_id,
            http_method=raw.http_method,
            path=raw.path,
            summary=str(spec.get("summary") or "").strip(),
            description=str(spec.get("description") or "").strip(),
            resource=resource,
            method_name=name,
            path_params=[p for p in params if p.location == "path"],
            query_params=[p for p in params if p.location == "query"],
            body=self._body(raw),
            response=response,
            security=security,
            deprecated=bool(spec.get("deprecated")),
            wire=self._wire_contract(raw),
        )

    # ------------------------------------------------------------------ the operation's spec parts

    def _spec_parameters(self, raw: _RawOperation) -> dict[tuple[str, str], dict[str, Any]]:
        """(in, name) -> parameter, refs followed; operation-level ones override path-level."""
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for i, param in enumerate([*raw.path_level_params, *(raw.spec.get("parameters") or [])]):
            param = self.resolver.follow(param, f"{raw.where}/parameters/{i}")
            merged[(param.get("in", ""), param.get("name", ""))] = param
        return merged

    def _spec_body(self, raw: _RawOperation) -> dict[str, Any] | None:
        body = raw.spec.get("requestBody")
        return None if body is None else self.resolver.follow(body, f"{raw.where}/requestBody")

    def _spec_success(self, raw: _RawOperation) -> tuple[int, dict[str, Any] | None]:
        """The first 2xx status and its JSON media object (None when it has no JSON content)."""
        responses = raw.spec.get("responses") or {}
        for code in sorted(responses, key=str):
            if str(code).startswith("2"):
                response = self.resolver.follow(responses[code], f"{raw.where}/responses/{code}")
                return int(code), (response.get("content") or {}).get("application/json")
        return 200, None

    def _wire_contract(self, raw: _RawOperation) -> ir.WireContract:
        merged = self._spec_parameters(raw)
        parameters = [
            {
                "name": name,
                "in": where,
                "required": bool(p.get("required")) or where == "path",
                "schema": p.get("schema") or {},
            }
            for (where, name), p in merged.items()
        ]
        body = self._spec_body(raw)
        request_media = (body.get("content") or {}).get("application/json") if body else None
        status, response_media = self._spec_success(raw)
        return ir.WireContract(
            status,
            parameters,
            (request_media or {}).get("schema"),
            (response_media or {}).get("schema"),
        )

    def _sub_collections(self, raw_ops: list[_RawOperation], resource: str) -> set[str]:
        """Literal path segments followed by a parameter: collections with items of their own."""
        found: set[str] = set()
        for raw in raw_ops:
            parts = [p for p in raw.path.split("/") if p]
            for here, nxt in itertools.pairwise(parts):
                if not here.startswith("{") and nxt.startswith("{"):
                    found.add(snake_preserving(here.replace("-", "_")))
        return found - {resource}

    def _parameters(
        self, raw: _RawOperation, resource: str, override: OperationOverride
    ) -> list[ir.Parameter]:
        merged = self._spec_parameters(raw)
        out: list[ir.Parameter] = []
        renames = dict(override.params)
        for (location, wire), param in merged.items():
            where = f"{raw.where}/parameters/{wire}"
            if location not in ("path", "query"):
                self.resolver.warn(where, f"{location} parameter not supported; skipped")
                continue
            py_name = self._param_name(wire, resource)
            if wire in renames:
                py_name = self.tracker.choose(
                    f"operations.{raw.operation_id}.params.{wire}",
                    f"{raw.operation_id} {location} parameter {wire!r}",
                    py_name,
                    renames.pop(wire),
                    override.reason,
                )
            schema = param.get("schema") or {}
            out.append(
                ir.Parameter(
                    wire_name=wire,
                    py_name=py_name,
                    location="path" if location == "path" else "query",
                    type=self.resolver.type_of(
                        schema, where, name_hint=f"{raw.operation_id}_{wire}"
                    ),
                    required=bool(param.get("required")) or location == "path",
                    description=str(param.get("description") or "").strip(),
                    deprecated=bool(param.get("deprecated")),
                )
            )
        for wire in sorted(renames):
            self.tracker.stale(
                f"operations.{raw.operation_id}.params.{wire}",
                f"{raw.operation_id} has no parameter {wire!r} any more; remove or update the entry",
            )
        names = [p.py_name for p in out]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise GeneratorError(
                f"two parameters would both be named {min(dupes)!r}; rename one in overrides.yaml",
                where=f"{self.source}: {raw.where}",
            )
        return out

    @staticmethod
    def _param_name(wire: str, resource: str) -> str:
        name = safe_identifier(snake_preserving(wire))
        if name in _BUILTINS or name in RESERVED_METHOD_KWARGS:
            # `type` would shadow the builtin: name it after the resource (`milestone_type`)
            name = f"{singular(words(resource)[-1])}_{name}"
        return name

    def _body(self, raw: _RawOperation) -> ir.Body | None:
        body = self._spec_body(raw)
        if body is None:
            return None
        content = body.get("content") or {}
        media = content.get("application/json")
        if media is None:
            raise GeneratorError(
                f"request body media types {sorted(content)} are not supported (application/json only)",
                where=f"{self.source}: {raw.where}/requestBody",
            )
        schema = media.get("schema") or {}
        kind = self.resolver.type_of(
            schema, f"{raw.where}/requestBody", name_hint=f"{raw.operation_id}Request"
        )
        if not isinstance(kind, ir.ModelRef):
            raise GeneratorError(
                "request body is not an object schema",
                where=f"{self.source}: {raw.where}/requestBody",
            )
        required = bool(body.get("required"))
        return ir.Body(
            model=kind.name,
            required=required,
            fields=[],
        )

    def _response(self, raw: _RawOperation) -> ir.TypeRef | None:
        status, media = self._spec_success(raw)
        if media is None or "schema" not in media:
            return None  # 204 and friends: the method returns None
        return self.resolver.type_of(
            media["schema"],
            f"{raw.where}/responses/{status}",
            name_hint=f"{raw.operation_id}Response",
        )

    def _finish_operation(self, op: ir.Operation, models: dict[str, ir.Model]) -> None:
        """What needs the models: flattened body fields, unwrapping, pagination."""
        if op.body is not None:
            op.body.fields = list(models[op.body.model].fields)
            for clash in sorted(
                {f.py_name for f in op.body.fields} & {p.py_name for p in op.params}
            ):
                self.resolver.warn(
                    f"operation {op.operation_id}",
                    f"body field {clash!r} has the name of a parameter; it is offered only through request=",
                )
        response_model = (
            models.get(op.response.name) if isinstance(op.response, ir.ModelRef) else None
        )
        wire_query = {p.wire_name for p in op.query_params}
        cursor_field = next(
            (
                f
                for name in ("cursor", "next_cursor")
                if (f := _field(response_model, name)) is not None
            ),
            None,
        )
        if "cursor" in wire_query and response_model is not None and cursor_field is not None:
            lists = [f for f in response_model.fields if ir.list_item(f.type) is not None]
            chosen = self.overrides.operations.get(op.operation_id)
            if chosen is not None and chosen.page_items is not None:
                entry = f"operations.{op.operation_id}.page_items"
                lists = [f for f in lists if chosen.page_items in (f.wire_name, f.py_name)]
                if not lists:
                    self.tracker.stale(
                        entry, f"the response has no list field {chosen.page_items!r} any more"
                    )
                else:
                    self.tracker.record(
                        entry, op.operation_id, f"iterates {chosen.page_items}", chosen.reason
                    )
            elif len(lists) > 1:  # prefer the list named like the resource (GetEvents -> events)
                lists = [f for f in lists if f.wire_name == op.resource] or lists
            if len(lists) == 1:
                item = ir.list_item(lists[0].type)
                assert item is not None
                all_name = "list_all" if op.method_name == "list" else f"{op.method_name}_all"
                op.pagination = ir.Pagination(
                    all_name, lists[0].py_name, item, cursor_field.py_name
                )
            else:
                self.resolver.warn(
                    f"operation {op.operation_id}",
                    f"cursor-paginated but the response has {len(lists)} list fields; no iterator",
                )

    def _check_unused_operation_overrides(self, raw_ops: list[_RawOperation]) -> None:
        known = {raw.operation_id for raw in raw_ops}
        for op_id in self.overrides.operations:
            if op_id not in known:
                self.tracker.stale(
                    f"operations.{op_id}",
                    f"the spec has no operation {op_id!r} any more; remove or rename the entry",
                )

    # ------------------------------------------------------------------ resources

    def _resources(self, operations: list[ir.Operation]) -> list[ir.Resource]:
        by_resource: dict[str, list[ir.Operation]] = {}
        for op in operations:
            by_resource.setdefault(op.resource, []).append(op)
        tag_docs = {
            str(t.get("name")): str(t.get("description") or "") for t in self.doc.get("tags") or []
        }
        resources: list[ir.Resource] = []
        for attr in sorted(by_resource):
            ops = by_resource[attr]
            self._settle_convention_clashes(attr, ops)
            taken: dict[str, str] = {}
            for op in ops:
                for name in filter(
                    None, [op.method_name, op.pagination.method_name if op.pagination else None]
                ):
                    if name in taken:
                        raise GeneratorError(
                            f"operations {taken[name]} and {op.operation_id} would both be "
                            f"`{attr}.{name}`; give one a `method:` in overrides.yaml",
                            where=f"{self.source}: paths/{op.path}",
                        )
                    taken[name] = op.operation_id
            tags = [
                str(t)
                for op in ops
                for t in (self.doc["paths"][op.path][op.http_method.lower()].get("tags") or [])
            ]
            description = next((tag_docs[t] for t in tags if tag_docs.get(t)), "")
            resources.append(
                ir.Resource(
                    attr=attr,
                    class_name=class_name_for_resource(attr),
                    description=description.strip(),
                    operations=ops,
                )
            )
        return resources

    def _settle_convention_clashes(self, attr: str, ops: list[ir.Operation]) -> None:
        """Two conventional names clash: the shortest operationId keeps it, the others take
        their full snake_case operationId (`get_series_list`) and a warning says so.
        Names chosen in overrides.yaml are never changed here; their clashes are errors."""
        by_name: dict[str, list[ir.Operation]] = {}
        for op in ops:
            chosen = self.overrides.operations.get(op.operation_id)
            if chosen is None or chosen.method is None:
                by_name.setdefault(op.method_name, []).append(op)
        for name, clashing in by_name.items():
            if len(clashing) < 2:
                continue
            ranked = sorted(clashing, key=lambda o: (_clash_rank(o, attr), o.operation_id))
            best, second = _clash_rank(ranked[0], attr), _clash_rank(ranked[1], attr)
            keep = ranked[0] if best < second else None
            for op in clashing:
                if op is keep:
                    continue
                op.method_name = "_".join(words(op.operation_id))
                if op.pagination is not None:
                    op.pagination.method_name = f"{op.method_name}_all"
                self.resolver.warn(
                    f"operation {op.operation_id}",
                    f"`{attr}.{name}` is taken; named `{attr}.{op.method_name}` "
                    "(choose a name with `method:` in overrides.yaml)",
                )


# ---------------------------------------------------------------------- helpers


def _clash_rank(op: ir.Operation, resource: str) -> tuple[bool, int]:
    """Lower wins a clash: named after the resource's own noun (GetMarket), then shortest."""
    op_words = words(op.operation_id)
    noun = singular(words(resource)[-1])
    return noun not in {singular(w) for w in op_words}, len(op_words)


def _literal_segments(path: str) -> list[str]:
    return [p for p in path.split("/") if p and not p.startswith("{")]


def _under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith(prefix.rstrip("/") + "/")


def _field(model: ir.Model | None, name: str, *, by_wire: bool = False) -> ir.Field | None:
    if model is None:
        return None
    for field in model.fields:
        if (field.wire_name if by_wire else field.py_name) == name or field.wire_name == name:
            return field
    return None

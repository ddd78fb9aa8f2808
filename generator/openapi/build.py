"""Stage 3: the resolved spec plus overrides -> the IR (resources, operations, models)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from .. import ir
from ..errors import GeneratorError
from ..naming import (
    body_keywords,
    bump,
    class_name_for_resource,
    iterator_name,
    method_identifier,
    method_name,
    operation_words,
    param_name,
    resource_for_tag,
    resource_identifier,
    singular,
    snake_preserving,
    stripped_words,
    unique,
    words,
)
from ..openapi.check import check_overlaid
from ..openapi.constraints import constraints_of
from ..openapi.customize import customize
from ..openapi.environments import default_servers, read_servers
from ..openapi.nesting import nested_placement
from ..openapi.overlay import apply_overlay
from ..openapi.param_style import list_style
from ..openapi.security import SIGNATURE, SIGNER_HEADERS, accepted_credentials, bearer_parts
from ..overrides.schema import OperationOverride, Overrides, TypeMapping
from ..overrides.tracker import OverrideTracker
from ..schemas.field_types import parameter_type
from ..schemas.models import assign_model_modules, build_models
from ..schemas.resolve import Resolver

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_LOCATIONS = ("path", "query", "header", "cookie")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")  # `{}` too: a placeholder without a name
# Header parameters the client never takes as keywords: OpenAPI says Accept, Content-Type and
# Authorization parameters SHALL be ignored; the KALSHI-ACCESS-* headers are the signer's.
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})
_FORM_MEDIA = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})


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
    overrides_source: str = "overrides.yaml",
) -> ir.ClientIR:
    """The conventional client, with the naming and typing entries of overrides.yaml applied.

    The remaining entries (bodies, wire quirks, notes, extra fields) are applied by
    `customize.py`; stale entries are collected in `tracker`.

    Return types: a single-object envelope (a response model with exactly one field, an
    object model) is unwrapped, `markets.get("X") -> Market`; a cursor-paginated method
    returns `kalshi.Page[Item, Envelope]`; every other method returns its response model.
    The rule and its overrides (`unwrap:`) are in `envelopes.py`, applied by `customize.py`
    once the model entries have settled the fields.
    """
    # stale entries name the overrides file of this document (one per target)
    tracker = tracker if tracker is not None else OverrideTracker(source=overrides_source)
    if overrides.overlay:
        # what the overlay made is checked like a spec, and errors say they are its doing
        doc = apply_overlay(doc, overrides.overlay, tracker)
        source = f"{source} after {overrides_source} overlay"
        check_overlaid(doc, source=source)
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
        # the document's product words (`naming: strip_words`), never part of a method name
        self.strip = frozenset(overrides.naming.strip_words if overrides.naming else ())
        # each operation's parameters, read and checked once (by `where`: unique per operation)
        self._parameters_read: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}

    # ------------------------------------------------------------------ entry

    def build(self) -> ir.ClientIR:
        raw_ops = self._collect_operations()
        self._raw_ops = {raw.operation_id: raw for raw in raw_ops}
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
        resources = self._resources(operations, {m.name for m in models.values()})
        self._check_unused_operation_overrides(raw_ops)
        info = self.doc.get("info") or {}
        servers = read_servers(self.doc, source=self.source)
        defaults = default_servers(servers, self.overrides.environments, self.tracker)
        return ir.ClientIR(
            title=str(info.get("title", "")),
            spec_version=str(info.get("version", "")),
            resources=resources,
            models=dict(sorted(models.items())),
            warnings=self.resolver.warnings,
            schemas=dict(self.resolver.schemas),
            servers=servers,
            default_servers=defaults,
            bearer_parts=bearer_parts(
                (self.doc.get("components") or {}).get("securitySchemes") or {}
            ),
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
        """operationId -> resource path (the tag by convention, `resources:` rules, nested
        sub-resources from the paths (nesting.py), then `operations.X.resource`)."""
        path_words = {
            w for raw in raw_ops for seg in _literal_segments(raw.path) for w in words(seg)
        }
        moved_by: dict[str, int] = {}  # operationId -> index of the resources rule that moved it
        placement: dict[str, str] = {}
        for raw in raw_ops:
            first_segment = (_literal_segments(raw.path) or ["default"])[0]
            tags = raw.spec.get("tags") or [first_segment]
            resource = resource_for_tag(str(tags[0]), path_words, fallback=first_segment)
            conventional, best_prefix, rule_index = resource, -1, None
            for index, rule in enumerate(self.overrides.resources):
                if rule.tag is not None and rule.tag == tags[0] and best_prefix < 0:
                    resource, best_prefix, rule_index = rule.resource, 0, index
                prefix = rule.path_prefix
                if prefix is not None and _under(raw.path, prefix) and len(prefix) > best_prefix:
                    resource, best_prefix, rule_index = rule.resource, len(prefix), index
            if rule_index is not None and resource != conventional and not self._moved(raw):
                moved_by[raw.operation_id] = rule_index
            if resource != conventional:
                _check_chosen_name(
                    resource, resource_identifier, what="resource", where=self.tracker.source
                )
            placement[raw.operation_id] = resource
        # the paths of every operation shape the nesting; `operations.X.resource` then places
        # one exactly where it says
        placement = _nest(placement, raw_ops)
        for raw in raw_ops:
            override = self.overrides.operations.get(raw.operation_id)
            if override is not None and override.resource:
                resource = placement[raw.operation_id]
                chosen = self.tracker.choose(
                    f"operations.{raw.operation_id}.resource",
                    raw.operation_id,
                    f"client.{resource}",
                    f"client.{override.resource}",
                    override.reason,
                )
                placement[raw.operation_id] = chosen.removeprefix("client.")
                if placement[raw.operation_id] != resource:
                    _check_chosen_name(
                        placement[raw.operation_id],
                        resource_identifier,
                        what="resource",
                        where=self.tracker.source,
                    )
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

    def _moved(self, raw: _RawOperation) -> bool:
        """Placed by an `operations.X.resource` override."""
        override = self.overrides.operations.get(raw.operation_id)
        return override is not None and bool(override.resource)

    def _operation(
        self, raw: _RawOperation, resource: str, siblings: list[_RawOperation]
    ) -> ir.Operation:
        spec = raw.spec
        override = self.overrides.operations.get(raw.operation_id) or OperationOverride(
            reason="no override"
        )
        segments = _literal_segments(raw.path)
        *parents, own = resource.split(".")  # a nested resource is named after its own part
        nouns = [
            words(own),
            *(words(str(t)) for t in spec.get("tags") or []),
            words(segments[0]) if segments else [],
        ]
        name = method_name(
            raw.operation_id,
            nouns=nouns,
            path=raw.path,
            sub_collections=self._sub_collections(siblings, own),
            scopes=[words(parent) for parent in parents],
            strip=self.strip,
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
            _check_chosen_name(name, method_identifier, what="method", where=self.tracker.source)
        params = self._parameters(raw, resource, override)
        response, raw_response = self._response(raw)
        security = accepted_credentials(
            spec.get("security", self.doc.get("security")),
            (self.doc.get("components") or {}).get("securitySchemes") or {},
            where=raw.where,
            source=self.source,
            warn=self.resolver.warn,
        )
        if not security and self._signs_itself(raw):
            security = (SIGNATURE,)
        return ir.Operation(
            operation_id=raw.operation_id,
            http_method=raw.http_method,
            path=raw.path,
            summary=str(spec.get("summary") or "").strip(),
            description=str(spec.get("description") or "").strip(),
            resource=resource,
            method_name=name,
            path_params=_in_path_order(raw.path, [p for p in params if p.location == "path"]),
            query_params=[p for p in params if p.location == "query"],
            header_params=[p for p in params if p.location == "header"],
            body=self._body(raw),
            response=response,
            raw_response=raw_response,
            security=security,
            deprecated=bool(spec.get("deprecated")),
            wire=self._wire_contract(raw),
        )

    # ------------------------------------------------------------------ the operation's spec parts

    def _all_parameters(self, raw: _RawOperation) -> dict[tuple[str, str], dict[str, Any]]:
        """(in, name) -> parameter, refs followed and checked once per operation;
        operation-level ones override path-level (header names compare case-insensitively).
        What the client cannot send is refused."""
        if raw.where in self._parameters_read:
            return self._parameters_read[raw.where]
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for i, param in enumerate([*raw.path_level_params, *(raw.spec.get("parameters") or [])]):
            param = self.resolver.follow(param, f"{raw.where}/parameters/{i}")
            location, name = str(param.get("in", "")), str(param.get("name", ""))
            self._check_parameter(raw, location, name, param)
            key = (location, name.lower() if location == "header" else name)
            merged.pop(key, None)  # keep the operation's spelling of a header name
            merged[key] = param
        self._check_placeholders(raw, merged)
        self._parameters_read[raw.where] = merged
        return merged

    def _spec_parameters(self, raw: _RawOperation) -> dict[tuple[str, str], dict[str, Any]]:
        """The parameters the client offers: all but the headers it sets itself
        (`_client_header`), keyed (in, name as the spec spells it)."""
        return {
            (location, str(p.get("name", ""))): p
            for (location, name), p in self._all_parameters(raw).items()
            if not (location == "header" and _client_header(name))
        }

    def _check_parameter(
        self, raw: _RawOperation, location: str, name: str, param: dict[str, Any]
    ) -> None:
        """Refuse, naming the operation, a parameter the client cannot send."""
        where = f"{self.source}: {raw.where}/parameters/{name}"
        if location not in _LOCATIONS:
            raise GeneratorError(
                f"{raw.operation_id}: parameter {name!r} has an unknown location `in: {location}` "
                f"(OpenAPI has {', '.join(_LOCATIONS)})",
                where=where,
            )
        if location == "cookie":
            raise GeneratorError(
                f"{raw.operation_id}: cookie parameter {name!r} is not supported "
                "(the client sends no cookies)",
                where=where,
            )
        if "schema" not in param and "content" in param:
            raise GeneratorError(
                f"{raw.operation_id}: parameter {name!r} is described by `content:`, "
                "which is not supported (give it a `schema:`)",
                where=where,
            )

    def _check_placeholders(
        self, raw: _RawOperation, merged: dict[tuple[str, str], dict[str, Any]]
    ) -> None:
        """Every `{placeholder}` of the path has an `in: path` parameter, and the other way round."""
        placeholders = _PLACEHOLDER.findall(raw.path)
        declared = [name for (location, name) in merged if location == "path"]
        missing = [name for name in placeholders if name not in declared]
        unused = [name for name in declared if name not in placeholders]
        if missing:
            problem = f"{{{missing[0]}}} has no `in: path` parameter"
        elif unused:
            problem = f"path parameter {unused[0]!r} is not one of its {{placeholders}}"
        else:
            return
        raise GeneratorError(
            f"{raw.operation_id}: path {raw.path!r}: {problem}", where=f"{self.source}: {raw.where}"
        )

    def _signs_itself(self, raw: _RawOperation) -> bool:
        """A required KALSHI-ACCESS-* header parameter: the operation is signed, whatever
        its `security` says (the signer sends those headers, never a keyword)."""
        return any(
            location == "header" and param.get("required") and _auth_header(name)
            for (location, name), param in self._all_parameters(raw).items()
        )

    def _spec_body(self, raw: _RawOperation) -> dict[str, Any] | None:
        body = raw.spec.get("requestBody")
        return None if body is None else self.resolver.follow(body, f"{raw.where}/requestBody")

    def _spec_success(self, raw: _RawOperation) -> _Success:
        """The success response: the lowest explicit 2xx code, else `2XX`, else `default`
        (read as the success shape). Its status is 200 for `2XX`, `default` or none."""
        responses = raw.spec.get("responses") or {}
        key = _success_key(responses)
        if key is None:
            return _Success(200, "200", {})
        where = f"{raw.where}/responses/{key}"
        response = self.resolver.follow(responses[key], where)
        content = response.get("content") if isinstance(response, dict) else None
        status = int(str(key)) if str(key).isdigit() else 200
        return _Success(status, str(key), content if isinstance(content, dict) else {})

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
        request_media = _json_media(body.get("content") or {}) if body else None
        success = self._spec_success(raw)
        response_media = _json_media(success.content)
        raw_media = _raw_media(success.content) if response_media is None else ()
        response_schema = (response_media or (None, {}))[1].get("schema")
        if raw_media:  # the fake answers a string example as the body's text
            media = success.content[raw_media[0]]
            described = media.get("schema") if isinstance(media, dict) else None
            response_schema = described or {"type": "string"}
        return ir.WireContract(
            success.status,
            parameters,
            (request_media or (None, {}))[1].get("schema"),
            response_schema,
            response_media=raw_media[0] if raw_media else None,
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
        chosen: list[bool] = []  # named by overrides.yaml
        for (location, wire), param in merged.items():
            where = f"{raw.where}/parameters/{wire}"
            py_name = self._param_name(wire, resource)
            chosen.append(wire in renames)
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
                    location=cast(ir.ParamLocation, location),  # checked by _check_parameter
                    type=self.resolver.type_of(
                        schema, where, name_hint=f"{raw.operation_id}_{wire}"
                    ),
                    required=bool(param.get("required")) or location == "path",
                    description=str(param.get("description") or "").strip(),
                    deprecated=bool(param.get("deprecated")),
                )
            )
            out[-1].type = parameter_type(wire, out[-1].type)
            out[-1].constraints = constraints_of(self.resolver, schema, out[-1].type, where)
            if location == "query":
                out[-1].list_style = list_style(param, out[-1].type)
        for wire in sorted(renames):
            self.tracker.stale(
                f"operations.{raw.operation_id}.params.{wire}",
                f"{raw.operation_id} has no parameter {wire!r} any more; remove or update the entry",
            )
        # conventional names are unique by construction: the later of two equal ones takes
        # `_2`; a clash with a name overrides.yaml chose is an error below
        conventional = [p for p, by_override in zip(out, chosen) if not by_override]
        unique_names = unique(
            [p.py_name for p in conventional],
            exact=[p.py_name == p.wire_name for p in conventional],
            avoid=[p.py_name for p, by_override in zip(out, chosen) if by_override],
        )
        for p, name in zip(conventional, unique_names):
            if name != p.py_name:
                self.resolver.warn(
                    f"{raw.where}/parameters/{p.wire_name}",
                    f"{p.location} parameter {p.wire_name!r} would be the keyword {p.py_name!r}, "
                    f"which another parameter has; named {name!r} (choose one with `params:`)",
                )
                p.py_name = name
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
        # `type` would shadow the builtin: named after the resource (`milestone_type`)
        return param_name(wire, resource)

    def _body(self, raw: _RawOperation) -> ir.Body | None:
        body = self._spec_body(raw)
        if body is None:
            return None
        content = body.get("content") or {}
        found = _json_media(content)
        if found is None:
            forms = sorted(m for m in content if _essence(m) in _FORM_MEDIA)
            what = (
                f"request body media type {forms[0]} is not supported"
                if forms
                else f"request body media types {sorted(content)} are not supported"
            )
            raise GeneratorError(
                f"{raw.operation_id}: {what} (JSON bodies only)",
                where=f"{self.source}: {raw.where}/requestBody",
            )
        schema = found[1].get("schema") or {}
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
            empty_json_when_absent=not required and raw.http_method in EMPTY_JSON_METHODS,
        )

    def _response(self, raw: _RawOperation) -> tuple[ir.TypeRef | None, ir.RawBody | None]:
        """The success body's type (JSON), or how its raw body is returned (text or bytes);
        (None, None) when it has no content."""
        success = self._spec_success(raw)
        found = _json_media(success.content)
        if found is None:
            media = _raw_media(success.content)
            if not media:
                return None, None  # 204 and friends: the method returns None
            text = all(_essence(m).startswith("text/") for m in media)
            return None, ir.RawBody("text" if text else "bytes", media)
        if "schema" not in found[1]:
            return None, None
        return (
            self.resolver.type_of(
                found[1]["schema"],
                f"{raw.where}/responses/{success.key}",
                name_hint=f"{raw.operation_id}Response",
            ),
            None,
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
            keywords = body_keywords(
                [f.py_name for f in op.body.fields], {p.py_name for p in op.params}, op.resource
            )
            for body_field, keyword in zip(op.body.fields, keywords):
                if keyword is not None and keyword != body_field.py_name:
                    self.resolver.warn(
                        f"operation {op.operation_id}",
                        f"body field {body_field.wire_name!r} is the keyword {keyword!r} "
                        f"({body_field.py_name!r} is taken by the method itself or another "
                        "keyword)",
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
                own = op.resource.rpartition(".")[2]
                lists = [f for f in lists if f.wire_name == own] or lists
            if len(lists) == 1:
                item = ir.list_item(lists[0].type)
                assert item is not None
                op.pagination = ir.Pagination(
                    iterator_name(op.method_name), lists[0].py_name, item, cursor_field.py_name
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

    def _resources(
        self, operations: list[ir.Operation], class_names: set[str] | None = None
    ) -> list[ir.Resource]:
        class_names = set() if class_names is None else class_names  # models' and resources'

        by_resource: dict[str, list[ir.Operation]] = {}
        for op in operations:
            by_resource.setdefault(op.resource, []).append(op)
            parts = op.resource.split(".")
            for depth in range(1, len(parts)):  # a parent holding only sub-resources
                by_resource.setdefault(".".join(parts[:depth]), [])
        tag_docs = {
            str(t.get("name")): str(t.get("description") or "") for t in self.doc.get("tags") or []
        }
        resources: dict[str, ir.Resource] = {}
        for attr in sorted(by_resource):
            ops = by_resource[attr]
            self._settle_convention_clashes(attr, ops)
            self._unique_methods(attr, ops)
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
                str(t) for op in ops for t in self._raw_ops[op.operation_id].spec.get("tags") or []
            ]
            # the tag describes the whole resource, not one of its sub-resources
            description = next((tag_docs[t] for t in tags if tag_docs.get(t)), "")
            description = "" if "." in attr else description
            class_name = class_name_for_resource(attr, class_names)
            if class_name != class_name_for_resource(attr):
                self.resolver.warn(
                    f"resource {attr}",
                    f"the class name {class_name_for_resource(attr)!r} is taken by a model; "
                    f"named {class_name!r}",
                )
            class_names |= {class_name, f"Async{class_name}"}
            resources[attr] = ir.Resource(
                attr=attr.rpartition(".")[2],
                class_name=class_name,
                description=description.strip(),
                operations=ops,
                path=attr,
            )
        for path, resource in resources.items():  # sorted: a parent before its children
            parent_path, _, attr = path.rpartition(".")
            if parent_path:
                parent = resources[parent_path]
                if attr in parent.method_names:
                    raise GeneratorError(
                        f"`{parent_path}.{attr}` would be both a method and the sub-resource "
                        f"`{path}`; give the method another name with `method:` in overrides.yaml",
                        where=self.source,
                    )
                parent.children.append(resource)
        return [r for path, r in resources.items() if "." not in path]

    def _settle_convention_clashes(self, attr: str, ops: list[ir.Operation]) -> None:
        """Two conventional names clash: the shortest operationId keeps it, the others take
        their full snake_case operationId (`get_series_list`) and a warning says so.
        Names chosen in overrides.yaml are never changed here; their clashes are errors.
        The full name is without the product words (`naming: strip_words`) unless two of the
        clashing operationIds differ only by them (GetOrders, GetMarginOrders): then the
        word stays in the loser's name (`get_margin_orders`); the one without it ranks first."""
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
            full = {o.operation_id: operation_words(o.operation_id, self.strip) for o in clashing}
            for op in clashing:
                if op is keep:
                    continue
                dropped = stripped_words(op.operation_id, self.strip)
                twins = [o for o in clashing if full[o.operation_id] == full[op.operation_id]]
                kept = bool(dropped) and len(twins) > 1  # stripping the word made them one name
                spelled = words(op.operation_id) if kept else full[op.operation_id]
                op.method_name = method_identifier("_".join(spelled))
                if op.pagination is not None:
                    op.pagination.method_name = iterator_name(op.method_name)
                why = ""
                if dropped:
                    listed = ", ".join(f"`{w}`" for w in dict.fromkeys(dropped))
                    why = f"; naming.strip_words drops {listed} from it"
                    why += ", kept here since the names are equal without it" if kept else ""
                self.resolver.warn(
                    f"operation {op.operation_id}",
                    f"`{attr}.{name}` is taken; named `{attr}.{op.method_name}`{why} "
                    "(choose a name with `method:` in overrides.yaml)",
                )

    def _unique_methods(self, attr: str, ops: list[ir.Operation]) -> None:
        """Conventional names still equal after `_settle_convention_clashes` (or equal to an
        iterator's `*_all`) take `_2`, with a warning; names from overrides.yaml keep theirs
        (their clashes stay errors)."""
        by_override = {
            op.operation_id
            for op in ops
            if (chosen := self.overrides.operations.get(op.operation_id)) is not None
            and chosen.method is not None
        }
        fixed = {op.method_name for op in ops if op.operation_id in by_override}
        used: set[str] = set()  # a clash with a chosen name stays an error (in _resources)
        for op in ops:
            if op.operation_id not in by_override:
                name = (
                    bump(op.method_name, used | fixed) if op.method_name in used else op.method_name
                )
                if name != op.method_name:
                    self.resolver.warn(
                        f"operation {op.operation_id}",
                        f"`{attr}.{op.method_name}` is taken; named `{attr}.{name}` "
                        "(choose a name with `method:` in overrides.yaml)",
                    )
                    op.method_name = name
                    if op.pagination is not None:
                        op.pagination.method_name = iterator_name(name)
                used.add(op.method_name)
        for op in ops:
            if op.pagination is not None and op.operation_id not in by_override:
                clash = op.pagination.method_name in used
                name = (
                    bump(op.pagination.method_name, used | fixed)
                    if clash
                    else op.pagination.method_name
                )
                if name != op.pagination.method_name:
                    self.resolver.warn(
                        f"operation {op.operation_id}",
                        f"`{attr}.{op.pagination.method_name}` is taken; its iterator is "
                        f"`{attr}.{name}`",
                    )
                    op.pagination.method_name = name
            if op.pagination is not None:
                used.add(op.pagination.method_name)


# ---------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Success:
    status: int  # what the fake answers with: the code, or 200 for `2XX` / `default`
    key: str  # the key under `responses:`
    content: dict[str, Any]  # media type -> media object


# Wire rule: an optional JSON body of these methods goes out as `{}` when no field is given;
# the demo server rejects such a PUT or POST without a body (kalshi-sdk saw it on reset,
# trigger, subaccounts.create and the confirm/accept calls). An operation without a
# requestBody sends none. overrides.yaml `empty_json_body: false` opts one out.
EMPTY_JSON_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _success_key(responses: dict[Any, Any]) -> Any:
    """The lowest explicit 2xx code (an int or a string key), else `2XX`, else `default`."""
    codes = [k for k in responses if str(k).isdigit() and 200 <= int(str(k)) < 300]
    if codes:
        return min(codes, key=lambda k: int(str(k)))
    ranges = [k for k in responses if str(k).upper() == "2XX"]
    if ranges:
        return ranges[0]
    return "default" if "default" in responses else None


def _essence(media_type: object) -> str:
    """`Application/JSON; charset=utf-8` -> `application/json`: the type without parameters."""
    return str(media_type).split(";", 1)[0].strip().lower()


def _json_rank(media_type: object, media: object) -> int | None:
    """How JSON a media type is: 0 `application/json`, 1 a `+json` suffix, 2 a wildcard with
    a schema; None for anything else."""
    essence = _essence(media_type)
    if essence == "application/json":
        return 0
    if "/" in essence and essence.endswith("+json"):
        return 1
    if essence in ("*/*", "application/*") and isinstance(media, dict) and "schema" in media:
        return 2
    return None


def _json_media(content: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The JSON media type of a request body's or response's `content` and its media object
    (the most specific one when several are), else None."""
    ranked = [
        (rank, media_type)
        for media_type, media in content.items()
        if (rank := _json_rank(media_type, media)) is not None
    ]
    if not ranked:
        return None
    media_type = min(ranked, key=lambda item: item[0])[1]
    media = content[media_type]
    return media_type, media if isinstance(media, dict) else {}


def _raw_media(content: dict[str, Any]) -> tuple[str, ...]:
    """The media types of a response without JSON, as the spec lists them (its Accept)."""
    return tuple(str(m) for m in content)


def _auth_header(name: str) -> bool:
    return name.lower() in SIGNER_HEADERS


def _client_header(name: str) -> bool:
    """A header the client sets itself, never offered as a keyword."""
    return name.lower() in _IGNORED_HEADERS or _auth_header(name)


def _clash_rank(op: ir.Operation, resource: str) -> tuple[bool, int]:
    """Lower wins a clash: named after the resource's own noun (GetMarket), then shortest."""
    op_words = words(op.operation_id)
    noun = singular(words(resource)[-1])
    return noun not in {singular(w) for w in op_words}, len(op_words)


def _check_chosen_name(
    name: str, convention: Callable[[str], str], *, what: str, where: str
) -> None:
    """A name overrides.yaml chooses must be one the convention could give: an identifier
    that shadows nothing (`close`, `base_url`, `class` would break the client)."""
    for part in name.split("."):
        if convention(part) != part:
            raise GeneratorError(
                f"overrides.yaml chooses the {what} name {name!r}, which is not a usable Python "
                f"name or shadows the client ({part!r} -> {convention(part)!r} by the convention)",
                where=where,
            )


def _in_path_order(path: str, params: list[ir.Parameter]) -> list[ir.Parameter]:
    """Path parameters in the order their placeholders appear in the path: the positional
    arguments, whatever order the spec lists them in."""
    placeholders = _PLACEHOLDER.findall(path)
    return sorted(params, key=lambda p: placeholders.index(p.wire_name))


def _nest(placement: dict[str, str], raw_ops: list[_RawOperation]) -> dict[str, str]:
    """operationId -> its resource path once each resource is split into the sub-resources
    its paths show (nesting.py): `communications` -> `communications.rfq_batches.quotes`."""
    by_resource: dict[str, dict[str, str]] = {}
    for raw in raw_ops:
        by_resource.setdefault(placement[raw.operation_id], {})[raw.operation_id] = raw.path
    nested: dict[str, str] = {}
    for resource, paths in by_resource.items():
        for op_id, chain in nested_placement(paths).items():
            nested[op_id] = ".".join([resource, *chain])
    return nested


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

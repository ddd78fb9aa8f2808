"""Stage 3b: the generator-level entries of overrides.yaml that reshape operations and models.

Each entry is checked against the spec first: an entry whose quirk the spec no longer has
(the missing parameter now exists, the field is now documented, the endpoint now requires
auth) is reported stale, so the reviewer of a spec update is told to remove it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from .. import ir
from ..naming import field_name, words
from ..openapi import envelopes
from ..openapi.security import SIGNATURE
from ..overrides.schema import (
    AddedField,
    AddedParameter,
    ModelOverride,
    Naming,
    OperationOverride,
    Overrides,
)
from ..overrides.tracker import OverrideTracker
from ..schemas import field_types

_ADDED_TYPES: dict[str, ir.TypeRef] = {
    "string": ir.Primitive("str"),
    "integer": ir.Primitive("int"),
    "boolean": ir.Primitive("bool"),
    "count": ir.Primitive("count"),
    "dollars": ir.Primitive("dollars"),
}


def customize(client: ir.ClientIR, overrides: Overrides, tracker: OverrideTracker) -> None:
    ops = {op.operation_id: op for op in client.operations}
    if overrides.naming is not None:
        _report_naming(client.operations, overrides.naming, tracker)
    # model entries first: an unwrapped envelope's type depends on them
    for name, model_entry in overrides.models.items():
        model = client.models.get(name)
        if model is None or model.kind != "object":
            tracker.stale(
                f"models.{name}",
                f"the spec has no object schema {name!r} any more; remove or rename the entry",
            )
            continue
        _customize_model(model, model_entry, tracker)
    # the envelope convention reads the final fields; operation entries may overrule it
    envelopes.apply_convention(client.operations, client.models)
    for op_id, op_entry in overrides.operations.items():
        op = ops.get(op_id)
        if op is not None:
            _customize_operation(op, op_entry, client.models, tracker)
    resources = {r.attr: r for r in client.resources}
    for attr, docs in overrides.docs.items():
        resource = resources.get(attr)
        if resource is None:
            tracker.stale(
                f"docs.{attr}",
                f"the client has no resource {attr!r} any more; remove or rename the entry",
            )
            continue
        resource.intro = (docs.intro or "").strip()
        resource.example = (docs.example or "").strip()
        resource.notes = [ir.Note(n.title, n.text.strip()) for n in docs.notes]
        tracker.record(
            f"docs.{attr}", f"docs/{attr}.md", "introduction, notes and example", docs.reason
        )


# ---------------------------------------------------------------------- naming


def _report_naming(
    operations: list[ir.Operation], naming: Naming, tracker: OverrideTracker
) -> None:
    """`naming.strip_words` (applied by the convention, build.py): each word names the
    operations it was dropped from, or is stale when no operationId has it any more."""
    for word in naming.strip_words:
        entry = f"naming.strip_words[{word}]"
        hit = [op.operation_id for op in operations if word in words(op.operation_id)]
        if not hit:
            tracker.stale(
                entry,
                f"no operationId has the word {word!r} any more; remove it from strip_words",
            )
            continue
        tracker.record(
            entry,
            ", ".join(sorted(hit)),
            f"`{word}` dropped from the method names ({len(hit)} operations)",
            naming.reason,
        )


# ---------------------------------------------------------------------- operations


def _customize_operation(
    op: ir.Operation,
    entry: OperationOverride,
    models: dict[str, ir.Model],
    tracker: OverrideTracker,
) -> None:
    key = f"operations.{op.operation_id}"
    where = f"{op.resource}.{op.method_name} ({op.http_method} {op.path})"
    spec_names = {p.wire_name for p in op.params} | {
        f.wire_name for f in (models[op.body.model].fields if op.body else [])
    }

    if entry.auth is not None:
        if entry.auth == op.auth:
            tracker.stale(f"{key}.auth", f"the spec now says auth={op.auth} itself; remove `auth:`")
        else:
            op.security = (SIGNATURE,) if entry.auth else ()
            tracker.record(
                f"{key}.auth",
                where,
                "signed request" if entry.auth else "sent unsigned",
                entry.reason,
            )

    if entry.empty_json_body is not None:
        _choose_empty_json_body(op, entry.empty_json_body, entry.reason, tracker, key, where)

    for name in entry.absent_params:
        if name in spec_names:
            tracker.stale(
                f"{key}.absent_params[{name}]",
                f"the spec now defines {name!r} on {op.operation_id}; remove it from absent_params "
                "(and the note that explains its absence) so the method offers it",
            )
        else:
            tracker.record(
                f"{key}.absent_params[{name}]",
                where,
                f"no `{name}` keyword, on purpose",
                entry.reason,
            )

    for added in entry.add_params:
        _add_parameter(
            op, added, spec_names, models, tracker, f"{key}.add_params[{added.name}]", where
        )

    if op.body is not None and (entry.hidden_body_fields or entry.required_body_fields):
        _shape_body_keywords(op, entry, tracker, key, where)

    if entry.unwrap is not None:
        _unwrap(op, entry.unwrap, entry.reason, models, tracker, f"{key}.unwrap", where)

    for note in entry.notes:
        op.notes.append(ir.Note(note.title, note.text))
        tracker.record(f"{key}.notes", where, f"documentation note {note.title!r}", entry.reason)


def _choose_empty_json_body(
    op: ir.Operation, wanted: bool, reason: str, tracker: OverrideTracker, key: str, where: str
) -> None:
    """`empty_json_body`: whether an empty optional body goes out as `{}`, against the rule
    (build.EMPTY_JSON_METHODS); an entry that agrees with the rule is redundant."""
    entry = f"{key}.empty_json_body"
    if op.body is None:
        tracker.stale(entry, "the operation has no request body any more; remove the entry")
    elif op.body.required:
        tracker.stale(entry, "the spec now requires the body; remove the entry")
    elif op.body.empty_json_when_absent == wanted:
        sends = "sends `{}`" if wanted else "sends no body"
        tracker.stale(
            entry,
            f"redundant: the rule for an optional {op.http_method} body already {sends}; "
            "remove the entry",
        )
    else:
        op.body.empty_json_when_absent = wanted
        change = "sends `{}` when no body field is given" if wanted else "sends no body when empty"
        tracker.record(entry, where, change, reason)


def _unwrap(
    op: ir.Operation,
    chosen: str | Literal[False],
    reason: str,
    models: dict[str, ir.Model],
    tracker: OverrideTracker,
    entry: str,
    where: str,
) -> None:
    """`unwrap: <field>` returns that field of the response, `unwrap: false` the envelope;
    redundant where the convention (envelopes.py) already does the same."""
    if chosen is False:
        if op.unwrap is None:
            tracker.stale(
                entry, "redundant: the convention already returns the envelope; remove the entry"
            )
            return
        tracker.record(
            entry, where, f"returns the envelope, not its `{op.unwrap}` (convention)", reason
        )
        op.unwrap, op.unwrap_type = None, None
        return
    response = models.get(op.response.name) if isinstance(op.response, ir.ModelRef) else None
    field = (
        next((f for f in response.fields if chosen in (f.py_name, f.wire_name)), None)
        if response
        else None
    )
    if field is None:
        tracker.stale(
            entry, f"the response has no field {chosen!r} any more; remove or update the entry"
        )
    elif op.unwrap == field.py_name:
        tracker.stale(
            entry,
            f"redundant: the convention already returns the response's `{field.py_name}`; "
            "remove the entry",
        )
    else:
        envelopes.unwrap(op, field)
        tracker.record(
            entry,
            where,
            f"returns the response's `{field.py_name}` instead of the envelope",
            reason,
        )


def _add_parameter(
    op: ir.Operation,
    added: AddedParameter,
    spec_names: set[str],
    models: dict[str, ir.Model],
    tracker: OverrideTracker,
    entry: str,
    where: str,
) -> None:
    if added.name in spec_names:
        tracker.stale(
            entry,
            f"redundant: the spec now defines {added.name!r} on {op.operation_id}, and its definition "
            "wins; remove this add_params entry",
        )
        return
    kind = _ADDED_TYPES[added.type]
    description = added.description.strip()
    if added.location == "query":
        op.query_params.append(
            ir.Parameter(
                wire_name=added.name,
                py_name=field_name(added.name),
                location="query",
                type=kind,
                required=False,
                description=description,
                source="override",
            )
        )
    else:
        if op.body is None:
            tracker.stale(entry, f"{op.operation_id} has no request body to add {added.name!r} to")
            return
        field = ir.Field(
            wire_name=added.name,
            py_name=field_name(added.name),
            type=kind,
            required=False,
            description=description,
            source="override",
        )
        models[op.body.model].fields.append(field)
        op.body.fields.append(field)
    tracker.record(
        entry, where, f"adds optional {added.location} parameter `{added.name}`", added.reason
    )


def _shape_body_keywords(
    op: ir.Operation, entry: OperationOverride, tracker: OverrideTracker, key: str, where: str
) -> None:
    assert op.body is not None
    by_name = {f.wire_name: f for f in op.body.fields}
    for name in [*entry.hidden_body_fields, *entry.required_body_fields]:
        if name not in by_name:
            tracker.stale(
                f"{key}",
                f"the request body has no field {name!r} any more; update hidden_body_fields / required_body_fields",
            )
            return
    required = set(entry.required_body_fields)
    hidden = set(entry.hidden_body_fields)
    op.body.fields = [
        replace(f, required=f.required or f.wire_name in required)
        for f in op.body.fields
        if f.wire_name not in hidden
    ]
    if hidden:
        tracker.record(
            f"{key}.hidden_body_fields",
            where,
            f"{', '.join(sorted(hidden))} only through request=",
            entry.reason,
        )
    if required:
        tracker.record(
            f"{key}.required_body_fields",
            where,
            f"keyword {', '.join(sorted(required))} required",
            entry.reason,
        )


# ---------------------------------------------------------------------- models


def _customize_model(model: ir.Model, entry: ModelOverride, tracker: OverrideTracker) -> None:
    key = f"models.{model.name}"
    fields = {f.wire_name: f for f in model.fields}
    for wire, py_name in entry.rename_fields.items():
        field = fields.get(wire)
        if field is None:
            tracker.stale(
                f"{key}.rename_fields.{wire}",
                f"{model.name} has no field {wire!r} any more; remove the entry",
            )
            continue
        field.py_name = py_name
        tracker.record(
            f"{key}.rename_fields.{wire}",
            f"{model.name}.{wire}",
            f"attribute `{py_name}` (wire name `{wire}`)",
            entry.reason,
        )
    for wire, added in entry.add_fields.items():
        _add_field(model, wire, added, fields, tracker, f"{key}.add_fields.{wire}")
    for wire, evidence in entry.optional_fields.items():
        field = fields.get(wire)
        if field is None or not field.required:
            now = "does not define" if field is None else "no longer requires"
            tracker.stale(
                f"{key}.optional_fields.{wire}",
                f"the spec {now} {model.name}.{wire}; remove the entry",
            )
            continue
        field.required = False
        field.server_omits = True
        tracker.record(
            f"{key}.optional_fields.{wire}",
            f"{model.name}.{wire}",
            "optional: the server omits it although the spec requires it",
            evidence,
        )
    for wire, keys in entry.fallback_keys.items():
        _add_fallback_keys(model, fields.get(wire), wire, keys, fields, entry.reason, tracker)
    for wire, secret in entry.secret_fields.items():
        _choose_secret(model, fields.get(wire), wire, secret, entry.reason, tracker, key)
    for wire, money in entry.money_fields.items():
        _type_money(model, fields.get(wire), wire, money, entry.reason, tracker, key)


def _type_money(
    model: ir.Model,
    field: ir.Field | None,
    wire: str,
    money: ir.PrimitiveName,
    reason: str,
    tracker: OverrideTracker,
    key: str,
) -> None:
    """`money_fields`: a fixed-point string the spec leaves plain (or a map or list of them)
    read as decimal.Decimal; stale when the spec types it itself or it is no string. The
    field takes the short name a FixedPointDollars one would (`maintenance_margin_fp` ->
    `maintenance_margin`), unless renamed or taken."""
    entry = f"{key}.money_fields.{wire}"
    if field is None:
        tracker.stale(entry, f"{model.name} has no field {wire!r} any more; remove the entry")
        return
    base = ir.non_null(field.type)
    inner = base.value if isinstance(base, ir.DictOf) else base
    inner = inner.item if isinstance(inner, ir.ListOf) and inner is base else inner
    if ir.is_decimal(inner):
        tracker.stale(
            entry, f"redundant: the spec now types {model.name}.{wire} as a fixed-point value"
        )
        return
    if inner != ir.Primitive("str"):
        tracker.stale(entry, f"{model.name}.{wire} is not a string any more; remove the entry")
        return
    made: ir.TypeRef = ir.Primitive(money)
    if isinstance(base, ir.DictOf):
        made = ir.DictOf(made)
    elif isinstance(base, ir.ListOf):
        made = ir.ListOf(made)
    field.type = ir.Nullable(made) if isinstance(field.type, ir.Nullable) else made
    if field.py_name == field_name(wire) and wire.endswith(ir.FIXED_POINT_SUFFIXES):
        short = field_name(wire.rsplit("_", 1)[0])
        others = [f for f in model.fields if f is not field]
        taken = {f.py_name for f in others} | {f.wire_name for f in others}
        if short not in taken | {field_name(f.wire_name) for f in others}:
            field.py_name = short
    attribute = "" if field.py_name == wire else f", attribute `{field.py_name}`"
    tracker.record(
        entry,
        f"{model.name}.{wire}",
        f"read as decimal.Decimal ({money}){attribute}",
        reason,
    )


def _choose_secret(
    model: ir.Model,
    field: ir.Field | None,
    wire: str,
    secret: bool,
    reason: str,
    tracker: OverrideTracker,
    key: str,
) -> None:
    """`secret_fields`: a string the name rule misjudges is made a secret, or a plain str."""
    entry = f"{key}.secret_fields.{wire}"
    old: ir.PrimitiveName = "str" if secret else "secret"
    new: ir.PrimitiveName = "secret" if secret else "str"
    if field is None:
        tracker.stale(entry, f"{model.name} has no field {wire!r} any more; remove the entry")
    elif ir.non_null(field.type) == ir.Primitive(new):
        state = "a secret" if secret else "not a secret"
        tracker.stale(entry, f"redundant: the rule already makes {wire!r} {state}; remove it")
    elif ir.non_null(field.type) != ir.Primitive(old):
        tracker.stale(entry, f"{model.name}.{wire} is not a string; remove the entry")
    else:
        field.type = field_types.retyped(field.type, old, new)
        change = "a secret (SecretStr, hidden in repr)" if secret else "a plain str"
        tracker.record(entry, f"{model.name}.{wire}", change, reason)


def _add_fallback_keys(
    model: ir.Model,
    field: ir.Field | None,
    wire: str,
    keys: list[str],
    fields: dict[str, ir.Field],
    reason: str,
    tracker: OverrideTracker,
) -> None:
    entry = f"models.{model.name}.fallback_keys.{wire}"
    if field is None:
        tracker.stale(entry, f"{model.name} has no field {wire!r} any more; remove the entry")
        return
    scalar = isinstance(ir.non_null(field.type), ir.Primitive)
    if ir.is_decimal(field.type) or (scalar and wire.endswith(ir.FIXED_POINT_SUFFIXES)):
        # a legacy key of a money or count field is in other units (cents): never read it
        tracker.stale(
            entry,
            f"{model.name}.{wire} is a fixed-point value; a legacy key would read it in other "
            "units, so fallback keys are refused for it",
        )
        return
    documented = [k for k in keys if k in fields]
    if documented:
        tracker.stale(
            entry,
            f"{model.name} now defines {documented[0]!r} itself; remove it from fallback_keys",
        )
        return
    field.fallback_keys = tuple(keys)
    tracker.record(
        entry,
        f"{model.name}.{wire}",
        f"also read from {', '.join(f'`{k}`' for k in keys)} when `{wire}` is absent",
        reason,
    )


def _add_field(
    model: ir.Model,
    wire: str,
    added: AddedField,
    fields: dict[str, ir.Field],
    tracker: OverrideTracker,
    entry: str,
) -> None:
    names = [wire, *added.wire_names]
    documented = [n for n in names if n in fields]
    if documented:
        tracker.stale(
            entry,
            f"the spec now documents {model.name}.{documented[0]}; remove this add_fields entry",
        )
        return
    model.fields.append(
        ir.Field(
            wire_name=wire,
            py_name=field_name(wire),
            type=_ADDED_TYPES[added.type],
            required=False,
            description=added.description.strip()
            + " (Not in the spec; declared in overrides.yaml.)",
            source="override",
        )
    )
    tracker.record(
        entry,
        f"{model.name}.{wire}",
        f"optional {added.type} field the spec does not document",
        added.reason,
    )

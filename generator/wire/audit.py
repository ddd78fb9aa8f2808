"""`kalshi-codegen audit DIR`: how recorded server responses deviate from spec + overrides.

Each success body is walked against its operation's response type in the IR (the same
models the client is generated from) and every deviation is classified:

| kind | covered by |
|---|---|
| missing_required | an `optional_fields` entry (else: uncovered, an entry is suggested) |
| null_array | the parsing policy: null where an array belongs reads as [] |
| null | uncovered: null where the spec allows none (an overlay making it nullable is suggested) |
| empty_fixed_point | the policy, where the field may be None ("" reads as None); else uncovered |
| wrong_type / malformed_fixed_point | uncovered: the client would drop or refuse the value |
| legacy_field | the policy: a legacy key beside a fixed-point field is never read |
| fallback_key | a `fallback_keys` entry: the field came under an older key |
| unknown_key | the policy: responses keep unknown keys in `model_extra` |

Exit 1 when anything is uncovered, 0 otherwise (bad input: 2, from the CLI).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .. import ir
from ..wire.recordings import Recorded, match_path

# the runtime's bound on fixed-point strings (templates/runtime/_models.py)
_FIXED_POINT = re.compile(r"^-?[0-9]{1,18}(\.[0-9]{1,10})?$")

POLICY = "parsing policy"


@dataclass(frozen=True)
class Finding:
    model: str
    field: str
    kind: str
    covered_by: str | None  # an overrides.yaml entry, POLICY, or None (uncovered)


@dataclass
class Row:
    finding: Finding
    bodies: set[Path] = field(default_factory=set)
    occurrences: int = 0
    example: str = ""  # file and location of the first occurrence


@dataclass
class AuditReport:
    rows: dict[Finding, Row] = field(default_factory=dict)
    audited: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)

    @property
    def uncovered(self) -> list[Row]:
        return [r for r in self.sorted_rows() if r.finding.covered_by is None]

    def sorted_rows(self) -> list[Row]:
        return sorted(
            self.rows.values(),
            key=lambda r: (
                r.finding.covered_by is not None,
                r.finding.kind,
                r.finding.model,
                r.finding.field,
            ),
        )


def audit(recordings: list[Recorded], client: ir.ClientIR) -> AuditReport:
    report = AuditReport()
    for recorded in recordings:
        if not recorded.success:
            report.skipped.append((recorded.source, f"status {recorded.status}"))
            continue
        op = _operation(client, recorded)
        if op is None:
            report.skipped.append(
                (
                    recorded.source,
                    f"{recorded.method} {recorded.path}: not an operation of the spec",
                )
            )
            continue
        if op.response is None:
            report.skipped.append((recorded.source, f"{op.operation_id} has no JSON response"))
            continue
        report.audited.append(recorded.source)
        walker = _Walker(client.models)
        walker.value(op.response, recorded.body, "", owner=(op.operation_id, "<body>"))
        for finding, where in walker.found:
            row = report.rows.setdefault(finding, Row(finding))
            row.occurrences += 1
            row.bodies.add(recorded.source)
            row.example = row.example or f"{recorded.source.name} at {where or '<body>'}"
    return report


def _operation(client: ir.ClientIR, recorded: Recorded) -> ir.Operation | None:
    fits = [
        op
        for op in client.operations
        if op.http_method == recorded.method and match_path(op.path, recorded.path) is not None
    ]
    return min(fits, key=lambda op: op.path.count("{"), default=None)


class _Walker:
    def __init__(self, models: dict[str, ir.Model]) -> None:
        self.models = models
        self.found: list[tuple[Finding, str]] = []

    def note(self, owner: tuple[str, str], kind: str, where: str, covered_by: str | None) -> None:
        self.found.append((Finding(owner[0], owner[1], kind, covered_by), where))

    def value(
        self,
        kind: ir.TypeRef,
        value: Any,
        where: str,
        owner: tuple[str, str],
        *,
        optional: bool = False,
    ) -> None:
        nullable = isinstance(kind, ir.Nullable)
        kind = ir.non_null(kind)
        if isinstance(kind, ir.AnyValue):
            return
        if value is None:
            if nullable:
                return
            if isinstance(kind, ir.ListOf):
                self.note(owner, "null_array", where, POLICY)
            else:
                self.note(owner, "null", where, None)
            return
        if isinstance(kind, ir.Primitive):
            self._primitive(kind, value, where, owner, nullable or optional)
        elif isinstance(kind, ir.ModelRef):
            self._model(self.models[kind.name], value, where, owner)
        elif isinstance(kind, ir.ListOf):
            if not isinstance(value, list):
                self.note(owner, "wrong_type", where, None)
                return
            for i, item in enumerate(value):
                self.value(kind.item, item, f"{where}[{i}]", owner)
        elif isinstance(kind, ir.TupleOf):
            if not isinstance(value, list) or len(value) != len(kind.items):
                self.note(owner, "wrong_type", where, None)
                return
            for i, (item_kind, item) in enumerate(zip(kind.items, value)):
                self.value(item_kind, item, f"{where}[{i}]", owner)
        elif isinstance(kind, ir.DictOf):
            if not isinstance(value, dict):
                self.note(owner, "wrong_type", where, None)
                return
            for key, item in value.items():
                self.value(kind.value, item, f"{where}.{key}", owner)
        # LiteralOf and AnyValue: response enums are open, Any takes anything

    def _primitive(
        self, kind: ir.Primitive, value: Any, where: str, owner: tuple[str, str], may_be_none: bool
    ) -> None:
        if kind.name in ("dollars", "count"):
            if value == "":
                self.note(owner, "empty_fixed_point", where, POLICY if may_be_none else None)
            elif isinstance(value, bool) or not (
                (isinstance(value, str) and _FIXED_POINT.match(value))
                or (isinstance(value, int) and abs(value) < 10**18)
            ):
                self.note(owner, "malformed_fixed_point", where, None)
            return
        ok = {
            "str": isinstance(value, str),
            "int": isinstance(value, int) and not isinstance(value, bool),
            "float": isinstance(value, (int, float)) and not isinstance(value, bool),
            "decimal": isinstance(value, (int, float)) and not isinstance(value, bool),
            "secret": isinstance(value, str),
            "bool": isinstance(value, bool),
            "datetime": isinstance(value, str) and _is_datetime(value),
            "date": isinstance(value, str),
            "bytes": isinstance(value, str),
        }[kind.name]
        if not ok:
            self.note(owner, "wrong_type", where, None)

    def _model(self, model: ir.Model, value: Any, where: str, owner: tuple[str, str]) -> None:
        if model.kind == "enum":
            return  # open on the response side
        if model.kind == "alias" and model.alias_of is not None:
            self.value(model.alias_of, value, where, owner)
            return
        if not isinstance(value, dict):
            self.note(owner, "wrong_type", where, None)
            return
        known: set[str] = set()
        for f in model.fields:
            keys = (f.wire_name, *f.fallback_keys)
            known.update(keys)
            here = f"{where}.{f.wire_name}" if where else f.wire_name
            key = next((k for k in keys if k in value), None)
            field_owner = (model.name, f.wire_name)
            if key is None:
                if f.required:
                    self.note(field_owner, "missing_required", here, None)
                elif f.server_omits:
                    entry = f"models.{model.name}.optional_fields.{f.wire_name}"
                    self.note(field_owner, "missing_required", here, entry)
                continue
            if key != f.wire_name:
                entry = f"models.{model.name}.fallback_keys.{f.wire_name}"
                self.note(field_owner, "fallback_key", here, entry)
            self.value(f.type, value[key], here, field_owner, optional=not f.required)
        decimals = {f.wire_name for f in model.fields if ir.is_decimal(f.type)}
        for key in value:
            if key in known:
                continue
            legacy = any(key + suffix in decimals for suffix in ir.FIXED_POINT_SUFFIXES)
            kind = "legacy_field" if legacy else "unknown_key"
            here = f"{where}.{key}" if where else key
            self.note((model.name, key), kind, here, POLICY)


def _is_datetime(text: str) -> bool:
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


# --------------------------------------------------------------------------- report


def report_to_markdown(report: AuditReport, source: str) -> str:
    lines = [
        f"# Audit of recorded responses: {source}",
        "",
        (
            f"{len(report.audited)} success bodies audited against the spec plus "
            f"overrides.yaml; {len(report.skipped)} skipped; "
            f"{len(report.uncovered)} deviation(s) not yet covered."
        ),
        "",
        "| model | field | kind | bodies | occurrences | example | covered by |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in report.sorted_rows():
        f = row.finding
        lines.append(
            f"| {f.model} | `{f.field}` | {f.kind} | {len(row.bodies)} | {row.occurrences} "
            f"| {row.example} | {_covered(f.covered_by)} |"
        )
    suggestions = list(_suggestions(report))
    if suggestions:
        lines += [
            "",
            "## overrides.yaml entries that would absorb the uncovered ones",
            "",
            "```yaml",
        ]
        lines += suggestions
        lines += ["```"]
    if report.skipped:
        lines += ["", "## Skipped", ""]
        lines += [f"- {path.name}: {why}" for path, why in report.skipped]
    return "\n".join(lines) + "\n"


def _covered(by: str | None) -> str:
    if by is None:
        return "**not covered**"
    return by if by == POLICY else f"`{by}`"


def _suggestions(report: AuditReport) -> Iterator[str]:
    missing: dict[str, list[Row]] = {}
    for row in report.uncovered:
        if row.finding.kind == "missing_required":
            missing.setdefault(row.finding.model, []).append(row)
    if missing:
        yield "models:"
    for model, rows in sorted(missing.items()):
        yield f"  {model}:"
        yield "    optional_fields:"
        for row in rows:
            yield (
                f"      {row.finding.field}: absent from {len(row.bodies)} recorded "
                f"response(s), e.g. {row.example.split(' at ')[0]}"
            )
        yield f"    reason: Fields of {model} the server omits although the spec requires them."
    nulls = [r for r in report.uncovered if r.finding.kind == "null"]
    if nulls:
        yield "overlay:"
    for row in nulls:
        f = row.finding
        yield f"  - target: $.components.schemas.{f.model}.properties.{f.field}"
        yield "    update: {nullable: true}"
        yield f"    reason: The server sends null ({len(row.bodies)} recorded response(s), e.g. {row.example.split(' at ')[0]})."
    for row in report.uncovered:
        if row.finding.kind not in ("missing_required", "null"):
            f = row.finding
            yield f"# {f.model}.{f.field}: {f.kind} ({row.example}): no override absorbs this; report it"

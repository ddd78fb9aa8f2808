"""The API change report as text: Markdown for the pull request, JSON for machines.

`generator.diff` compares two documents into a `ChangeReport`; this module only renders it.
Both renderings are deterministic (every list sorted), so equal inputs give equal output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for annotations: generator.diff re-exports the two renderers
    from ..specdiff.diff import Change, ChangeReport, Endpoint, Rename

__all__ = ["report_to_json", "report_to_markdown"]


def _change_json(change: Change) -> dict[str, Any]:
    data: dict[str, Any] = {
        "element": change.element,
        "name": change.name,
        "change": change.kind,
        "breaking": change.breaking,
        "text": change.text,
    }
    if change.old is not None:
        data["from"] = change.old
    if change.new is not None:
        data["to"] = change.new
    if change.values:
        data["values"] = list(change.values)
    return data


def report_to_json(report: ChangeReport) -> dict[str, Any]:
    """The machine-readable report; every list is sorted, so equal inputs give equal output."""
    return {
        "versions": {"old": report.old_version, "new": report.new_version},
        "summary": _counts(report),
        "operations": {
            "added": [ep.operation_id for ep in report.operations_added],
            "removed": [ep.operation_id for ep in report.operations_removed],
            "endpoints": {
                ep.operation_id: ep.route
                for ep in (*report.operations_added, *report.operations_removed)
            },
            "renamed": [
                {
                    "from": r.old.operation_id,
                    "to": r.new.operation_id,
                    "from_route": r.old.route,
                    "to_route": r.new.route,
                    "changes": [_change_json(c) for c in r.changes],
                }
                for r in report.renamed
            ],
            "changed": {
                op.endpoint.operation_id: {
                    "method": op.endpoint.method,
                    "path": op.endpoint.path,
                    "changes": [_change_json(c) for c in op.changes],
                }
                for op in report.operations_changed
            },
        },
        "schemas": {
            "added": list(report.schemas_added),
            "removed": list(report.schemas_removed),
            "changed": {
                s.name: {
                    "used_in": list(s.used_in),
                    "changes": [_change_json(c) for c in s.changes],
                }
                for s in report.schemas_changed
            },
        },
        "breaking": list(report.breaking),
    }


def _counts(report: ChangeReport) -> dict[str, int]:
    return {
        "operations_added": len(report.operations_added),
        "operations_removed": len(report.operations_removed),
        "operations_renamed": len(report.renamed),
        "operations_changed": len(report.operations_changed),
        "schemas_added": len(report.schemas_added),
        "schemas_removed": len(report.schemas_removed),
        "schemas_changed": len(report.schemas_changed),
        "breaking": len(report.breaking),
    }


_RENAME_NOTE = (
    "Same endpoint, new operationId: each is counted above as one removed and one added operation."
)
_COLLAPSE_OVER = 10  # longer lists go into a <details> block so the PR body stays readable


def report_to_markdown(report: ChangeReport, old_label: str, new_label: str) -> str:
    """The pull-request body: counts, breaking changes first, then the details."""
    n = _counts(report)
    out = [
        f"## API changes: {old_label} -> {new_label}",
        "",
        "| | Added | Removed | Changed |",
        "|---|---:|---:|---:|",
        _count_row("Operations", n, "operations"),
        _count_row("Schemas", n, "schemas"),
        "",
        *_headline(n),
    ]
    if report.breaking:
        out += [f"### Breaking changes ({n['breaking']})", ""]
        out += [*(f"- {line}" for line in report.breaking), ""]
    out += _operations_table("Added operations", report.operations_added)
    out += _operations_table("Removed operations", report.operations_removed)
    out += _renamed_section(report.renamed)
    if report.operations_changed:
        body = []
        for op in report.operations_changed:
            body.append(f"- `{op.endpoint.operation_id}` ({op.endpoint.route})")
            body += [f"  - {_md_change(c)}" for c in op.changes]
        count = len(report.operations_changed)
        out += _section(f"Changed operations ({count})", count, body)
    out += _schema_sections(report)
    return "\n".join(out).rstrip("\n") + "\n"


def _headline(n: dict[str, int]) -> list[str]:
    breaking = n["breaking"]
    lines = [
        (
            f"**{breaking} breaking change{'s' if breaking != 1 else ''}** for code using the client."
            if breaking
            else "**No breaking changes** for code using the client."
        )
    ]
    if renamed := n["operations_renamed"]:
        lines.append(
            f"{renamed} renamed operation{'s' if renamed != 1 else ''} "
            "(each counted as one removed and one added)."
        )
    return [" ".join(lines), ""]


def _renamed_section(renamed: tuple[Rename, ...]) -> list[str]:
    if not renamed:
        return []
    out = [f"### Renamed operations ({len(renamed)})", "", _RENAME_NOTE, ""]
    out += ["| From | To | Method | Path |", "|---|---|---|---|"]
    out += [_rename_row(r) for r in renamed] + [""]
    notes = []
    for rename in renamed:  # what else changed under the new name; the path is in the table
        changes = [c for c in rename.changes if c.kind != "moved"]
        if changes:
            notes.append(f"- `{rename.old.operation_id}` -> `{rename.new.operation_id}`")
            notes += [f"  - {_md_change(c)}" for c in changes]
    return out + (notes + [""] if notes else [])


def _rename_row(rename: Rename) -> str:
    old, new = rename.old, rename.new
    moved = "" if old.path == new.path else f" (was `{old.path}`)"
    return f"| `{old.operation_id}` | `{new.operation_id}` | {new.method} | `{new.path}`{moved} |"


def _count_row(title: str, counts: dict[str, int], prefix: str) -> str:
    cells = " | ".join(str(counts[f"{prefix}_{k}"]) for k in ("added", "removed", "changed"))
    return f"| {title} | {cells} |"


def _md_change(change: Change) -> str:
    return f"**breaking:** {change.text}" if change.breaking else change.text


def _operations_table(title: str, endpoints: tuple[Endpoint, ...]) -> list[str]:
    if not endpoints:
        return []
    rows = [
        "| operationId | Method | Path |",
        "|---|---|---|",
        *(f"| `{ep.operation_id}` | {ep.method} | `{ep.path}` |" for ep in endpoints),
    ]
    return _section(f"{title} ({len(endpoints)})", len(endpoints), rows)


def _schema_sections(report: ChangeReport) -> list[str]:
    if not (report.schemas_added or report.schemas_removed or report.schemas_changed):
        return []
    out = ["### Schema changes", ""]
    for title, names in (("Added", report.schemas_added), ("Removed", report.schemas_removed)):
        if names:
            out += _details(
                f"{title} schemas ({len(names)})",
                len(names),
                [", ".join(f"`{name}`" for name in names)],
            )
    if report.schemas_changed:
        body = []
        for schema in report.schemas_changed:
            used = " and ".join(schema.used_in) or "no operation"
            body.append(f"- `{schema.name}` (used in {used})")
            body += [f"  - {_md_change(c)}" for c in schema.changes]
        out += _details(
            f"Changed schemas ({len(report.schemas_changed)})", len(report.schemas_changed), body
        )
    return out


def _section(title: str, count: int, body: list[str]) -> list[str]:
    """A `###` heading whose body collapses when long."""
    if count > _COLLAPSE_OVER:
        return [
            f"### {title}",
            "",
            "<details><summary>Show</summary>",
            "",
            *body,
            "",
            "</details>",
            "",
        ]
    return [f"### {title}", "", *body, ""]


def _details(summary: str, count: int, body: list[str]) -> list[str]:
    if count > _COLLAPSE_OVER:
        return [f"<details><summary>{summary}</summary>", "", *body, "", "</details>", ""]
    return [f"**{summary}**", "", *body, ""]

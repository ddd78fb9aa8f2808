"""The WebSocket API change report as text: Markdown for the pull request, JSON for machines.

`generator.specdiff.asyncapi` compares two AsyncAPI documents into an `AsyncAPIChangeReport`;
this module only renders it, with the OpenAPI report's conventions (report.py): counts first,
breaking changes next, then the details, long lists collapsed. Every list is sorted, so equal
inputs give equal output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .report import _change_json, _details, _md_change

if TYPE_CHECKING:
    from .asyncapi import AsyncAPIChangeReport, Section

__all__ = ["report_to_json", "report_to_markdown"]

# report attribute, title, what `about` holds for an added or removed one
_PARTS = (
    ("servers", "Servers", "URL"),
    ("channels", "Channels", "address"),
    ("messages", "Messages", "forms"),
    ("commands", "Commands", "forms"),
)


def _sections(report: AsyncAPIChangeReport) -> list[tuple[str, str, str, Section]]:
    return [(key, title, about, getattr(report, key)) for key, title, about in _PARTS]


def report_to_json(report: AsyncAPIChangeReport) -> dict[str, Any]:
    """The machine-readable report; `kind` tells it from the OpenAPI one."""
    data: dict[str, Any] = {
        "kind": "asyncapi",
        "versions": {"old": report.old_version, "new": report.new_version},
        "summary": _counts(report),
    }
    for key, _, _, section in _sections(report):
        data[key] = {
            "added": list(section.added),
            "removed": list(section.removed),
            "about": dict(sorted(section.about.items())),
            "changed": {
                item.name: {"changes": [_change_json(c) for c in item.changes]}
                for item in section.changed
            },
        }
    data["breaking"] = list(report.breaking)
    return data


def _counts(report: AsyncAPIChangeReport) -> dict[str, int]:
    counts = {}
    for key, _, _, section in _sections(report):
        counts[f"{key}_added"] = len(section.added)
        counts[f"{key}_removed"] = len(section.removed)
        counts[f"{key}_changed"] = len(section.changed)
    counts["breaking"] = len(report.breaking)
    return counts


def report_to_markdown(report: AsyncAPIChangeReport, old_label: str, new_label: str) -> str:
    """The pull-request body: counts, breaking changes first, then each part's details."""
    breaking = len(report.breaking)
    out = [
        f"## WebSocket API changes: {old_label} -> {new_label}",
        "",
        "| | Added | Removed | Changed |",
        "|---|---:|---:|---:|",
        *(
            f"| {title} | {len(s.added)} | {len(s.removed)} | {len(s.changed)} |"
            for _, title, _, s in _sections(report)
        ),
        "",
        (
            f"**{breaking} breaking change{'s' if breaking != 1 else ''}** for code using the client."
            if breaking
            else "**No breaking changes** for code using the client."
        ),
        "",
    ]
    if report.breaking:
        out += [f"### Breaking changes ({breaking})", ""]
        out += [*(f"- {line}" for line in report.breaking), ""]
    for _, title, about, section in _sections(report):
        out += _part(title, about, section)
    return "\n".join(out).rstrip("\n") + "\n"


def _part(title: str, about: str, section: Section) -> list[str]:
    if not (section.added or section.removed or section.changed):
        return []
    singular = title[:-1].lower()
    out = [f"### {title}", ""]
    for how, names in (("Added", section.added), ("Removed", section.removed)):
        if names:
            rows = [f"| {singular} | {about} |", "|---|---|"]
            rows += [f"| `{name}` | {section.about[name]} |" for name in names]
            out += _details(f"{how} {title.lower()} ({len(names)})", len(names), rows)
    if section.changed:
        body = []
        for item in section.changed:
            body.append(f"- `{item.name}`")
            body += [f"  - {_md_change(c)}" for c in item.changes]
        count = len(section.changed)
        out += _details(f"Changed {title.lower()} ({count})", count, body)
    return out

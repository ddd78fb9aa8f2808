"""Stage 2a: the Overlay-shaped section of overrides.yaml, applied to the spec document.

A small, strict applier (existing Python overlay tools silently skip unmatched targets,
remove on `remove: false`, and append to enums on update). Targets are a JSONPath subset:
`$`, `.name`, `['name']` / `["name"]` and `[*]`. Rules:
- a target that matches nothing is an error (the spec changed under the entry);
- `update` merges mappings key by key and REPLACES lists and scalars;
- `remove: true` deletes the matched nodes; `remove: false` does nothing.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from ..overrides.schema import OverlayAction
from ..overrides.tracker import OverrideTracker

_TOKEN = re.compile(
    r"""\.(?P<name>[A-Za-z0-9_\-]+)|\[(?P<quote>['"])(?P<quoted>.*?)(?P=quote)\]|\[(?P<star>\*)\]"""
)


def parse_target(target: str) -> list[str | None]:
    """`$.paths['/x'].get` -> ["paths", "/x", "get"]; None stands for `[*]`."""
    if not target.startswith("$"):
        raise ValueError(f"target must start with `$`: {target!r}")
    steps: list[str | None] = []
    pos = 1
    while pos < len(target):
        match = _TOKEN.match(target, pos)
        if match is None:
            raise ValueError(f"cannot read target {target!r} at character {pos + 1}")
        steps.append(None if match.group("star") else match.group("name") or match.group("quoted"))
        pos = match.end()
    return steps


def _matches(doc: Any, steps: list[str | None]) -> list[tuple[Any, str | int | None]]:
    """(parent, key) pairs of the matched nodes; (None, None) for the root."""
    current: list[tuple[Any, str | int | None, Any]] = [(None, None, doc)]
    for step in steps:
        following: list[tuple[Any, str | int | None, Any]] = []
        for _, _, node in current:
            if step is None:
                if isinstance(node, dict):
                    following.extend((node, k, v) for k, v in node.items())
                elif isinstance(node, list):
                    following.extend((node, i, v) for i, v in enumerate(node))
            elif isinstance(node, dict) and step in node:
                following.append((node, step, node[step]))
        current = following
    return [(parent, key) for parent, key, _ in current]


def _merge(node: Any, update: Any) -> Any:
    if isinstance(node, dict) and isinstance(update, dict):
        merged = dict(node)
        for key, value in update.items():
            merged[key] = _merge(node.get(key), value) if key in node else copy.deepcopy(value)
        return merged
    return copy.deepcopy(update)


def apply_overlay(
    doc: dict[str, Any], actions: list[OverlayAction], tracker: OverrideTracker
) -> dict[str, Any]:
    """A patched copy of `doc`; the input is not modified."""
    if not actions:
        return doc
    doc = copy.deepcopy(doc)
    for index, action in enumerate(actions):
        entry = f"overlay[{index}] ({action.target})"
        try:
            steps = parse_target(action.target)
        except ValueError as exc:
            tracker.stale(entry, str(exc))
            continue
        found = _matches(doc, steps)
        if not found:
            tracker.stale(
                entry, "the target matches nothing in the spec any more; update or remove the entry"
            )
            continue
        if action.remove:
            for parent, key in sorted(found, key=lambda pk: str(pk[1]), reverse=True):
                if parent is None:
                    tracker.stale(entry, "cannot remove the whole document")
                elif isinstance(parent, list):
                    parent.pop(int(key))  # type: ignore[arg-type]
                else:
                    del parent[key]
            tracker.record(entry, action.target, f"removed {len(found)} node(s)", action.reason)
        elif action.update is not None:
            for parent, key in found:
                if parent is None:
                    doc = _merge(doc, action.update)
                else:
                    parent[key] = _merge(parent[key], action.update)
            tracker.record(entry, action.target, f"updated {len(found)} node(s)", action.reason)
    return doc

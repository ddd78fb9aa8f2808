"""Scratch copies of the project: the tests of setup.sh and spec-update.sh run in one.

A scratch copy builds only the targets its test is about: `write_targets` writes a
targets.yaml holding those rows of the project's own (generator/ reads the targets.yaml beside
it, so the copy's documents, locks and commands are exactly these).
"""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def write_targets(repo: Path, *names: str) -> dict[str, dict[str, str]]:
    """repo/targets.yaml with the project's targets `names` alone; returns their entries."""
    project = yaml.safe_load((REPO / "targets.yaml").read_text(encoding="utf-8"))
    unknown = set(names) - set(project["targets"])
    assert not unknown, f"not targets of targets.yaml: {sorted(unknown)}"
    rows = {name: project["targets"][name] for name in names}
    (repo / "targets.yaml").write_text(
        yaml.safe_dump({"version": project["version"], "targets": rows}, sort_keys=False),
        encoding="utf-8",
    )
    return rows

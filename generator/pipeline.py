"""The whole pipeline, top to bottom: load -> check -> overrides -> IR -> render -> format -> write."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from . import ir
from .build import build_ir
from .load import load_document
from .overrides import load_overrides
from .render import render_client
from .spec import check_document
from .write import changed_files, staged_tree, swap_into_place


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    _last: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = now - self._last
        self._last = now

    @property
    def total(self) -> float:
        return sum(self.stages.values())


@dataclass
class Result:
    client: ir.ClientIR
    files: dict[str, str]
    changed: list[str]
    timings: Timings


def build_client(
    spec_path: Path,
    overrides_path: Path,
    timings: Timings | None = None,
    *,
    checked: bool = False,
) -> tuple[ir.ClientIR, dict[str, str]]:
    """Spec + overrides -> IR and the rendered (unformatted) files.

    `checked`: the document is the locked one (speclock.verify_lock), which sync-spec already
    ran through check_document; otherwise it is checked here.
    """
    timings = timings or Timings()
    doc = load_document(spec_path)
    timings.lap("load")
    if not checked:
        check_document(doc, source=str(spec_path))
    overrides = load_overrides(overrides_path)
    timings.lap("validate")
    client = build_ir(doc, overrides, source=str(spec_path))
    timings.lap("normalise")
    files = render_client(client)
    timings.lap("render")
    return client, files


def generate(
    spec_path: Path,
    overrides_path: Path,
    output: Path,
    *,
    check: bool = False,
    checked: bool = False,
) -> Result:
    """Generate into `output` (atomically), or with `check` only list what would change."""
    timings = Timings()
    client, files = build_client(spec_path, overrides_path, timings, checked=checked)
    with staged_tree(files, output) as stage:
        timings.lap("format")
        changed = changed_files(stage, output)
        if not check and changed:
            swap_into_place(stage, output)
        timings.lap("write")
    return Result(client=client, files=files, changed=changed, timings=timings)

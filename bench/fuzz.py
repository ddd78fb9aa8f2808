"""Fuzz campaign: how often does `kalshi-codegen generate` break its contract?

    .venv/bin/python bench/fuzz.py [--cases 800] [--seed 0] [--jobs 2] [--mypy-sample 0]
                                   [--spec spec/openapi.yaml] [--overrides overrides.yaml]

Mutates the spec + overrides --cases times, rotating through every class of
tests/fuzz/mutations.py, runs each case through tests/fuzz/harness.py and prints a table:
cases per mutation class and verdict, and one example (mutation + first line of the message)
per failure class. A measurement: it always exits 0 (2 when it cannot start at all).

The generator measured is whatever `import generator` finds: PYTHONPATH=/other/checkout
measures another checkout (a worktree of a previous commit, say) with this harness.
`--mypy-sample K` also runs `mypy --strict` on K of the cases that generate (slow: ~20 s each
on the real spec).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# tests/fuzz is imported as the package `fuzz`; this script's own folder must not shadow it
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT / "tests"))

from fuzz import mutations
from fuzz.harness import FAILURES, OK, Harness, Result, load_inputs

_HARNESS: Harness | None = None
_BASE: mutations.Inputs | None = None


def _init(spec: str, overrides: str | None, workdir: str, timeout: float) -> None:
    global _HARNESS, _BASE
    _BASE = load_inputs(Path(spec), Path(overrides) if overrides else None)
    folder = Path(tempfile.mkdtemp(prefix=f"worker-{os.getpid()}-", dir=workdir))
    _HARNESS = Harness(_BASE, folder, timeout=timeout)


def _run(task: tuple[int, str, int, bool]) -> Result | None:
    _index, name, seed, mypy = task
    assert _HARNESS is not None and _BASE is not None
    case = mutations.mutate(name, _BASE, seed)
    if case is None:
        return None
    result = _HARNESS.run(case, mypy=mypy)
    result.detail = f"[seed {seed}] {result.detail}"
    return result


def _close() -> None:
    if _HARNESS is not None:
        _HARNESS.close()


def table(results: list[Result], skipped: Counter[str]) -> str:
    verdicts = [*OK, *FAILURES]
    per_class: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results:
        per_class[r.mutation][r.verdict] += 1
    short = {v: v.replace("exit 0, ", "0:").replace("ok: ", "ok:") for v in verdicts}
    used = [v for v in verdicts if any(c[v] for c in per_class.values())]
    width = max(len(n) for n in mutations.catalogue())
    head = (
        f"{'mutation class':<{width}} "
        + " ".join(f"{short[v]:>{max(len(short[v]), 4)}}" for v in used)
        + "  n/a"
    )
    lines = [head, "-" * len(head)]
    for name in mutations.catalogue():
        counts = per_class.get(name, Counter())
        cells = " ".join(f"{counts[v] or '.':>{max(len(short[v]), 4)}}" for v in used)
        lines.append(f"{name:<{width}} {cells}  {skipped[name] or '.':>3}")
    totals = Counter(r.verdict for r in results)
    lines.append("-" * len(head))
    lines.append(
        f"{'total':<{width}} " + " ".join(f"{totals[v]:>{max(len(short[v]), 4)}}" for v in used)
    )
    lines.append("")
    failed = sum(totals[v] for v in FAILURES)
    lines.append(
        f"{len(results)} cases: {totals[OK[0]]} generated, {totals[OK[1]]} refused, {failed} broke the contract"
    )
    for verdict in FAILURES:
        mine = [r for r in results if r.verdict == verdict]
        if not mine:
            continue
        lines.append(
            f"\n{verdict}: {len(mine)} case(s) in {len({r.mutation for r in mine})} class(es)"
        )
        seen: set[str] = set()
        for r in mine:  # one example per mutation class
            if r.mutation in seen:
                continue
            seen.add(r.mutation)
            lines.append(f"  {r.mutation}: {r.detail}\n      {r.message[:240]}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--cases",
        type=int,
        default=806,
        help="number of cases (default: %(default)s, 26 per class)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument(
        "--mypy-sample",
        type=int,
        default=0,
        metavar="K",
        help="run mypy --strict on K generating cases",
    )
    parser.add_argument("--spec", type=Path, default=ROOT / "spec" / "openapi.yaml")
    parser.add_argument(
        "--overrides",
        type=Path,
        default=None,
        help="default: overrides.yaml beside the real spec, none for other specs",
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per generate / probe")
    parser.add_argument(
        "--only", action="append", default=[], help="run only this mutation class (repeatable)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failing case")
    args = parser.parse_args(argv)
    if not args.spec.is_file():
        print(
            f"fuzz: {args.spec}: not found (run ./scripts/setup.sh, or pass --spec)",
            file=sys.stderr,
        )
        return 2
    overrides = args.overrides
    if overrides is None and args.spec.resolve() == (ROOT / "spec" / "openapi.yaml").resolve():
        overrides = ROOT / "overrides.yaml"
    import generator

    print(
        f"generator: {Path(generator.__file__).parent}; spec: {args.spec}; overrides: {overrides}"
    )
    names = args.only or mutations.catalogue()
    unknown = set(names) - set(mutations.catalogue())
    if unknown:
        print(f"fuzz: unknown mutation class(es): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    import random

    master = random.Random(args.seed)
    tasks: list[tuple[int, str, int, bool]] = []
    for i in range(args.cases):
        tasks.append((i, names[i % len(names)], master.randrange(2**32), False))
    # mypy on a spread of cases (only those that generate get it)
    for i in range(min(args.mypy_sample, len(tasks))):
        j = ((i * len(tasks)) // args.mypy_sample + i) % len(tasks)  # + i: not all one class
        tasks[j] = (*tasks[j][:3], True)

    workdir = tempfile.mkdtemp(prefix="kalshi-fuzz-")
    init = (str(args.spec), str(overrides) if overrides else None, workdir, args.timeout)
    results: list[Result] = []
    skipped: Counter[str] = Counter()
    start = time.perf_counter()
    step = max(1, args.cases // 20)
    try:
        if args.jobs <= 1:
            _init(*init)
            iterator: Any = map(_run, tasks)
        else:
            pool = multiprocessing.get_context("fork").Pool(
                args.jobs, initializer=_init, initargs=init
            )
            iterator = pool.imap(_run, tasks, chunksize=1)
        for (index, name, _, _), result in zip(tasks, iterator):
            if result is None:
                skipped[name] += 1
            else:
                results.append(result)
                if args.verbose and result.failed:
                    print(f"  {result.line()[:300]}", flush=True)
            done = index + 1
            if done % step == 0 or done == len(tasks):
                bad = sum(r.failed for r in results)
                elapsed = time.perf_counter() - start
                print(
                    f"[{done}/{len(tasks)}] {elapsed:.0f} s, {bad} contract failures so far",
                    flush=True,
                )
        if args.jobs > 1:
            pool.close()
            pool.join()
        else:
            _close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print()
    print(table(results, skipped))
    print(f"\n{time.perf_counter() - start:.0f} s wall, {args.jobs} job(s), seed {args.seed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

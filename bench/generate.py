"""Generation speed and memory: kalshi-codegen vs openapi-python-client on Kalshi spec 3.13.0.

    python bench/generate.py [--runs 7] [--spec PATH] [--json FILE]

Measures, in one run on this machine, interleaved so that drift hits both tools alike:
- a full generation with ours (`python -m generator.cli generate`, a fresh output folder
  each run, from the document as the project uses it: synced with `sync-spec` into a spec
  folder with its lock, like the default `spec/openapi.yaml`; the generator's own cache in the
  bench cache dir, warmed by the first run) and with openapi-python-client (pip-installed by this script into a throwaway
  venv under the cache dir; `--meta none`, its default ruff post-hooks on, fresh output);
  wall time and peak RSS (wait4 rusage of the child: the largest of it and its children);
- ours two more ways: the same document given by another path (not the locked one: the full
  openapi-pydantic check runs) and with the generator's cache off (`KALSHI_CODEGEN_CACHE=off`);
- `generate --check` on an unchanged (just generated) tree;
- every target of the checkout's targets.yaml (`generate` with no --spec: the main REST API,
  kalshi.ws, kalshi.perps with its streaming package, kalshi.klear, from the checkout's locked
  documents), against openapi-python-client on the main document alone (goal: below 1.0x);
- where our time goes: the per-stage timings printed by `-v`, the rest being interpreter
  start-up and imports (split by timing `import generator.cli` in a fresh interpreter and
  `-X importtime`).
Goal: ours <= 0.25 of openapi-python-client's wall time. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from _common import (  # bench/ is sys.path[0] when run as a script
    ROOT,
    BenchError,
    Stats,
    bench_env,
    cache_dir,
    ensure_venv,
    find_spec,
    fresh_import_times,
    importtime,
    importtime_report,
    load_note,
    main_guard,
    overrides_for,
    ratio_line,
    run_measured,
    table,
)

OPC_VERSION = "0.29.1"  # the version GUIDE.md section 8 measured
GOAL = "<= 0.25"
STAGES = ("load", "validate", "normalise", "render", "format", "write")
_STAGE_RE = re.compile(r"(\w+) (\d+\.\d+)s")


def _check_generator_importable(python: str) -> None:
    res = run_measured(
        [python, "-c", "import generator.cli, jinja2, openapi_pydantic, yaml, ruff"],
        env=bench_env(),
        cwd=ROOT,
    )
    if res.returncode != 0:
        raise BenchError(
            f"{python} cannot run the generator (missing dependencies?); run ./scripts/setup.sh "
            f"and use .venv/bin/python bench/generate.py\n{res.stderr.strip()[-800:]}"
        )


def _stages(stderr: str) -> dict[str, float]:
    for line in stderr.splitlines():
        found = {k: float(v) for k, v in _STAGE_RE.findall(line)}
        if set(STAGES) <= set(found):
            return found
    return {}


def _count(root: Path) -> tuple[int, int]:
    files = [p for p in root.rglob("*.py") if "__pycache__" not in p.parts]
    lines = sum(p.read_text(encoding="utf-8").count("\n") for p in files)
    return len(files), lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs per tool (default 7)")
    parser.add_argument("--spec", help="the Kalshi 3.13.0 document (default ../shared/spec/...)")
    parser.add_argument(
        "--overrides",
        type=Path,
        help="overrides file for the spec (default: the checkout's overrides.yaml when the spec "
        "is the locked document, else none)",
    )
    parser.add_argument("--opc-version", default=OPC_VERSION, help="openapi-python-client version")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if args.runs < 1:
        raise BenchError("--runs must be at least 1")

    spec = find_spec(args.spec)
    ours_py = sys.executable
    print(f"spec {spec}\nours: {ours_py} -m generator.cli (cwd {ROOT})")
    _check_generator_importable(ours_py)
    venv = ensure_venv(
        f"venv-opc-{args.opc_version}",
        sys.executable,
        [f"openapi-python-client=={args.opc_version}"],
    )
    opc = venv / "bin" / "openapi-python-client"
    print(f"theirs: openapi-python-client {args.opc_version} ({venv})")
    print(f"before: {load_note()}\n")

    codegen_cache = cache_dir() / "codegen-cache"  # the generator's own cache (G3/G4)
    shutil.rmtree(codegen_cache, ignore_errors=True)
    env = bench_env({"KALSHI_CODEGEN_CACHE": str(codegen_cache)})
    cold_env = bench_env({"KALSHI_CODEGEN_CACHE": "off"})
    # openapi-python-client runs its post-hooks (`ruff check --fix`, `ruff format`) through
    # PATH: put its own venv first so it uses the ruff it depends on.
    opc_env = bench_env({"PATH": f"{venv / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"})
    work = Path(tempfile.mkdtemp(prefix="gen-", dir=cache_dir()))
    overrides, chosen = overrides_for(spec, args.overrides, work)
    print(f"overrides: {chosen}")
    try:
        # The document as the project uses it: synced into a spec folder with its lock.
        locked = work / "spec" / "openapi.yaml"
        done = run_measured(
            [
                ours_py,
                "-m",
                "generator.cli",
                "sync-spec",
                "--from",
                spec,
                "--spec-dir",
                locked.parent,
            ],
            env=env,
            cwd=ROOT,
        )
        if done.returncode != 0:
            raise BenchError(f"sync-spec failed:\n{done.stderr.strip()[-2000:]}")

        def ours(
            i: int,
            *extra: str,
            out: Path | None = None,
            document: Path = locked,
            environ: dict[str, str] = env,
        ):
            out = out or work / f"ours-{i}" / "generated"
            return run_measured(
                [
                    ours_py,
                    "-m",
                    "generator.cli",
                    "generate",
                    "--spec",
                    document,
                    "--overrides",
                    overrides,
                    "--output",
                    out,
                    "-v",
                    *extra,
                ],
                env=environ,
                cwd=ROOT,
            )

        def theirs(i: int):
            return run_measured(
                [
                    opc,
                    "generate",
                    "--path",
                    spec,
                    "--output-path",
                    work / f"opc-{i}",
                    "--overwrite",
                    "--meta",
                    "none",
                ],
                env=opc_env,
                cwd=work,
            )

        ours_wall, ours_rss, theirs_wall, theirs_rss = Stats(), Stats(), Stats(), Stats()
        ours_cpu, theirs_cpu = Stats(), Stats()
        unlocked_wall, cold_wall, all_targets_wall = Stats(), Stats(), Stats()

        def every_target(i: int):
            out = work / f"all-{i}" / "generated"
            return run_measured(
                [ours_py, "-m", "generator.cli", "generate", "--output", out, "-v"],
                env=env,
                cwd=ROOT,
            )

        stages: dict[str, Stats] = {s: Stats() for s in STAGES}
        in_process = Stats()
        for i in range(args.runs + 1):  # run 0 warms the bytecode caches, not counted
            for name, fn in (
                ("ours", ours),
                ("openapi-python-client", theirs),
                ("ours, unlocked document", lambda i: ours(i, document=Path(spec))),
                ("ours, cache off", lambda i: ours(i, environ=cold_env)),
                ("ours, every target", every_target),
            ):
                res = fn(i)
                if res.returncode != 0:
                    raise BenchError(
                        f"{name} generation failed (exit {res.returncode}):\n"
                        f"{(res.stderr or res.stdout).strip()[-2000:]}"
                    )
                if i == 0:
                    continue
                if name == "ours, unlocked document":
                    unlocked_wall.add(res.wall)
                elif name == "ours, cache off":
                    cold_wall.add(res.wall)
                elif name == "ours, every target":
                    all_targets_wall.add(res.wall)
                elif name == "ours":
                    ours_wall.add(res.wall)
                    ours_rss.add(res.maxrss)
                    ours_cpu.add(res.cpu)
                    found = _stages(res.stderr)
                    for s in STAGES:
                        stages[s].add(found.get(s, float("nan")))
                    in_process.add(sum(found.get(s, 0.0) for s in STAGES))
                else:
                    theirs_wall.add(res.wall)
                    theirs_rss.add(res.maxrss)
                    theirs_cpu.add(res.cpu)
            shutil.rmtree(work / f"ours-{i}", ignore_errors=True)
            shutil.rmtree(work / f"all-{i}", ignore_errors=True)
            if i < args.runs:
                shutil.rmtree(work / f"opc-{i}", ignore_errors=True)

        # --check on an unchanged tree: generate once, then check it repeatedly
        tree = work / "check" / "generated"
        ours(0, out=tree)
        ours_files, ours_lines = _count(tree)
        theirs_files, theirs_lines = _count(work / f"opc-{args.runs}")
        check_wall = Stats()
        for i in range(args.runs + 1):
            res = ours(i, "--check", out=tree)
            if res.returncode != 0:
                raise BenchError(
                    f"generate --check on an unchanged tree exited {res.returncode}:\n"
                    f"{(res.stdout + res.stderr).strip()[-2000:]}"
                )
            if i:
                check_wall.add(res.wall)

        # interpreter start-up and imports of ours, in a fresh interpreter
        bare_wall = Stats()
        for _ in range(args.runs):
            bare_wall.add(run_measured([ours_py, "-c", "pass"], env=env).wall)
        imp, _ = fresh_import_times(
            ours_py, "generator.cli", args.runs, env | {"PYTHONPATH": str(ROOT)}
        )
        imports = importtime(ours_py, "generator.cli", env | {"PYTHONPATH": str(ROOT)})
    finally:
        shutil.rmtree(work, ignore_errors=True)

    mib = 1 / (1024 * 1024)
    rows = [
        ["full generation, ours (wall)", ours_wall.fmt()],
        [f"full generation, openapi-python-client {args.opc_version} (wall)", theirs_wall.fmt()],
        [
            "ratio ours / openapi-python-client",
            f"{ours_wall.median / theirs_wall.median:.2f}x (goal {GOAL})",
        ],
        ["full generation, ours (CPU user+sys)", ours_cpu.fmt()],
        ["full generation, openapi-python-client (CPU user+sys)", theirs_cpu.fmt()],
        ["full generation, ours, unlocked document (full check; wall)", unlocked_wall.fmt()],
        ["full generation, ours, `KALSHI_CODEGEN_CACHE=off` (wall)", cold_wall.fmt()],
        ["`generate --check`, unchanged tree (wall)", check_wall.fmt()],
        ["every target of targets.yaml, ours (wall)", all_targets_wall.fmt()],
        ["peak RSS, ours", ours_rss.fmt("MiB", mib)],
        ["peak RSS, openapi-python-client", theirs_rss.fmt("MiB", mib)],
        ["output: .py files / lines, ours", f"{ours_files} / {ours_lines:,}"],
        ["output: .py files / lines, openapi-python-client", f"{theirs_files} / {theirs_lines:,}"],
    ]
    print(table(rows, ["generation (Kalshi spec 3.13.0)", "median (min, max, n)"]))
    print()
    print(ratio_line("ours / openapi-python-client, wall", ours_wall, theirs_wall, GOAL))
    print(
        f"  (ratio of the minimums, the least disturbed runs: "
        f"{ours_wall.min / theirs_wall.min:.2f}x)"
    )
    print(ratio_line("ours / openapi-python-client, CPU time", ours_cpu, theirs_cpu, GOAL))
    print(
        ratio_line(
            "ours, every target / openapi-python-client, main document only",
            all_targets_wall,
            theirs_wall,
            "< 1.0",
        )
    )
    print(ratio_line("ours / openapi-python-client, peak RSS", ours_rss, theirs_rss))
    print(f"after: {load_note()}")
    print()
    other = ours_wall.median - in_process.median
    split = [[s, stages[s].fmt()] for s in STAGES]
    split += [
        ["sum of the stages (in-process)", in_process.fmt()],
        ["rest of the wall time: interpreter + imports + exit", f"{other * 1e3:.1f} ms"],
        ["  of which: bare interpreter (`python -c pass`)", bare_wall.fmt()],
        ["  of which: `import generator.cli` (fresh interpreter)", imp.fmt()],
    ]
    print(table(split, ["where our time goes (generate -v)", "median (min, max, n)"]))
    print()
    for line in importtime_report(imports, "generator.cli"):
        print(line)

    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "ours_wall": ours_wall.to_json(),
                    "all_targets_wall": all_targets_wall.to_json(),
                    "theirs_wall": theirs_wall.to_json(),
                    "check_wall": check_wall.to_json(),
                    "ours_unlocked_wall": unlocked_wall.to_json(),
                    "ours_cache_off_wall": cold_wall.to_json(),
                    "ours_rss": ours_rss.to_json(),
                    "theirs_rss": theirs_rss.to_json(),
                    "ours_cpu": ours_cpu.to_json(),
                    "theirs_cpu": theirs_cpu.to_json(),
                    "in_process": in_process.to_json(),
                    "stages": {s: stages[s].to_json() for s in STAGES},
                    "import_generator_cli": imp.to_json(),
                    "bare_interpreter": bare_wall.to_json(),
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    main_guard(main)

"""Evidence for the proposed speed-ups: each applied to a throwaway copy, then timed.

    python bench/proposals.py [--runs 7] [--only generator,import,calls,parse]

The benchmarks found goals not reached (see bench/README.md). The changes that would reach
them are outside bench/, so this script does not make them: it copies the code (generator/
and templates/ of the checkout; the installed generated client of bench/client.py) into the
cache dir, applies each proposed change there as a text patch, cumulatively, and times every
variant side by side in the same run. A patch that no longer applies (already made, or the
code moved) is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from _common import (  # bench/ is sys.path[0] when run as a script
    ROOT,
    BenchError,
    Stats,
    bench_env,
    cache_dir,
    ensure_venv,
    find_spec,
    load_note,
    main_guard,
    overrides_for,
    run_measured,
    table,
    venv_python,
)

Patch = tuple[str, str, str]  # (file, old text, new text)


def _cache(name: str) -> str:
    return str(cache_dir() / "proposals" / name)


# --- the generator: cumulative steps ------------------------------------------------------------

# G1-G4 were made in generator/ (see bench/README.md, "What we changed"); G5 is still open.
GENERATOR_STEPS: list[tuple[str, list[Patch]]] = [
    ("as is", []),
    (
        "G5 one ruff process: skip `ruff check --fix` (upper bound: templates emit sorted imports)",
        [
            (
                "generator/emit/format.py",
                "        done = subprocess.run([ruff, *args]",
                '        if args[0] == "check":\n            continue\n        done = subprocess.run([ruff, *args]',
            ),
        ],
    ),
]

# --- the generated client: patches of the installed copy ------------------------------------------

# C1-C6 were made in templates/runtime/ (see bench/README.md): no client change is pending.
# Add a step as (label, [(file under kalshi/, old text, new text), ...]) to time a new one.
IMPORT_STEPS: list[tuple[str, list[Patch]]] = [("as is", [])]
CALL_STEPS: list[tuple[str, list[Patch]]] = [("as is", [])]
PARSE_STEPS: list[tuple[str, list[Patch]]] = [("as is", [])]

_IMPORT_CODE = "import time; t = time.perf_counter(); import kalshi; print(time.perf_counter() - t)"
_READY_CODE = (
    "import time; t = time.perf_counter(); import kalshi; "
    "c = kalshi.KalshiClient(base_url='http://127.0.0.1:9/trade-api/v2'); c.markets; "
    "from kalshi.models.common import GetMarketsResponse; print(time.perf_counter() - t)"
)
_CALL_CODE = r"""
import json, time, httpx, kalshi
pem = open(KEY).read()
OG = "og_3f1c2b9e-7a41-4d2e-9b1a-5c8d2e6f0a17"
GROUP = b'{"is_auto_cancel_enabled":true,"contracts_limit_fp":"100.00","orders":["a","b","c","d","e"]}'
def handler(request):
    if request.method == "POST":
        return httpx.Response(201, content=b'{"order_group_id":"%s","subaccount":0}' % OG.encode())
    if request.url.path.endswith("/markets"):
        assert request.url.params.get("limit") == "5", str(request.url)
        return httpx.Response(200, content=b'{"markets":[],"cursor":""}')
    return httpx.Response(200, content=GROUP)
c = kalshi.KalshiClient(key_id="k", private_key=pem, base_url="http://127.0.0.1:1/trade-api/v2",
                        transport=httpx.MockTransport(handler))
ops = {"signed GET": lambda: c.order_groups.get(OG),
       "signed POST": lambda: c.order_groups.create(contracts_limit=10),
       "signed GET with query": lambda: c.markets.list(limit=5, status="open")}
out = {}
for name, fn in ops.items():
    for _ in range(200):
        fn()
    t = time.perf_counter()
    for _ in range(CALLS):
        fn()
    out[name] = (time.perf_counter() - t) / CALLS
print(json.dumps(out))
"""
_PARSE_CODE = r"""
import json, time
from kalshi.models.common import GetMarketsResponse
body = open(BODY, "rb").read()
fns = {"json.loads + model_validate": lambda: GetMarketsResponse.model_validate(json.loads(body)),
       "model_validate_json (the runtime since C6)":
           lambda: GetMarketsResponse.model_validate_json(body)}
a, b = (f() for f in fns.values())
assert a == b and len(a.markets) == 1000
out = {}
for name, fn in fns.items():
    fn()
    t = time.perf_counter()
    for _ in range(10):
        fn()
    out[name] = (time.perf_counter() - t) / 10
print(json.dumps(out))
"""


def _apply(root: Path, patches: list[Patch], label: str, notes: list[str]) -> bool:
    texts: dict[Path, str] = {}
    for rel, old, new in patches:
        path = root / rel
        text = texts.get(path, path.read_text(encoding="utf-8"))
        if old not in text:
            notes.append(
                f"skipped {label.split()[0]}: its patch no longer applies to {rel} "
                "(already made, or the code moved)"
            )
            return False
        texts[path] = text.replace(old, new, 1)
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    return True


def _variants(steps: list[tuple[str, list[Patch]]], make_copy, notes: list[str]) -> dict[str, Path]:
    """One copy per step, each with the patches of every applied step so far."""
    applied: list[tuple[str, list[Patch]]] = []
    out: dict[str, Path] = {}
    for i, (label, patches) in enumerate(steps):
        base = Path(cache_dir() / "proposals" / f"v{i}")
        shutil.rmtree(base, ignore_errors=True)
        make_copy(base)
        ok = all(_apply(base, p, lbl, []) for lbl, p in applied) and _apply(
            base, patches, label, notes
        )
        if ok:
            applied.append((label, patches))
            out[label if i == 0 else f"+ {label}"] = base
    return out


def _generator(runs: int, spec: Path, overrides: Path, notes: list[str]) -> list[list[str]]:
    def copy(base: Path) -> None:
        for sub in ("generator", "templates", "spec"):
            shutil.copytree(
                ROOT / sub, base / sub, ignore=shutil.ignore_patterns("__pycache__", "openapi.yaml")
            )
        shutil.copy2(overrides, base / "overrides.yaml")

    shutil.rmtree(_cache("jinja"), ignore_errors=True)
    shutil.rmtree(_cache("yaml"), ignore_errors=True)
    variants = _variants(GENERATOR_STEPS, copy, notes)
    env = bench_env()
    wall = {k: Stats() for k in variants}
    cpu = {k: Stats() for k in variants}
    for i in range(runs + 1):
        for label, base in variants.items():
            out = base / "out"
            shutil.rmtree(out, ignore_errors=True)
            res = run_measured(
                [
                    sys.executable,
                    "-m",
                    "generator.cli",
                    "generate",
                    "--spec",
                    spec,
                    "--output",
                    out,
                    "-v",
                ],
                env=env,
                cwd=base,
            )
            if res.returncode != 0:
                raise BenchError(
                    f"generator variant {label!r} failed:\n{res.stderr.strip()[-1500:]}"
                )
            if i:
                wall[label].add(res.wall)
                cpu[label].add(res.cpu)
    return _rows(wall, cpu)


def _rows(
    wall: dict[str, Stats],
    cpu: dict[str, Stats] | None = None,
    unit: str = "ms",
    scale: float = 1e3,
    digits: int = 1,
) -> list[list[str]]:
    rows, prev = [], None
    for label, s in wall.items():
        delta = "" if prev is None else f"{(s.median - prev) * scale:+.{digits}f} {unit}"
        row = [label, s.fmt(unit, scale, digits), delta]
        if cpu is not None:
            row.insert(2, cpu[label].fmt(unit, scale, digits))
        rows.append(row)
        prev = s.median
    return rows


def _client_copies(
    steps: list[tuple[str, list[Patch]]], target: Path, notes: list[str]
) -> dict[str, Path]:
    def copy(base: Path) -> None:
        shutil.copytree(
            target / "kalshi", base / "kalshi", ignore=shutil.ignore_patterns("__pycache__")
        )

    return _variants(
        [(lbl, [(f"kalshi/{f}", o, n) for f, o, n in p]) for lbl, p in steps], copy, notes
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per variant (default 7)")
    parser.add_argument("--only", default="generator,import,calls,parse")
    parser.add_argument("--spec", help="the Kalshi 3.13.0 document (default ../shared/spec/...)")
    parser.add_argument("--python312", help="the Python 3.12 of bench/client.py's venv")
    parser.add_argument(
        "--overrides",
        type=Path,
        help="overrides file for the spec (default: the checkout's overrides.yaml when the spec "
        "is the locked document, else none)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    parts = set(args.only.split(","))
    if not parts <= {"generator", "import", "calls", "parse"} or args.runs < 1:
        raise BenchError("--only takes generator, import, calls, parse; --runs must be >= 1")
    spec = find_spec(args.spec)
    print(f"before: {load_note()}")
    notes: list[str] = []
    results: dict[str, list[list[str]]] = {}

    if "generator" in parts:
        scratch = cache_dir() / "proposals"
        scratch.mkdir(parents=True, exist_ok=True)
        overrides, chosen = overrides_for(spec, args.overrides, scratch)
        print(f"overrides: {chosen}")
        rows = _generator(args.runs, spec, overrides, notes)
        results["generator"] = rows
        print(
            "\n"
            + table(
                rows,
                ["full generation of 3.13.0 (cumulative changes)", "wall", "CPU", "wall delta"],
            )
        )

    if parts & {"import", "calls", "parse"}:
        import client as bench_client  # the same venv and install as bench/client.py

        py312 = bench_client.find_python312(args.python312)
        venv = ensure_venv(
            f"venv-sdk-{bench_client.SDK_VERSION}-py{py312.parent.parent.name}",
            py312,
            [f"kalshi-sdk=={bench_client.SDK_VERSION}"],
        )
        python = venv_python(venv)
        target = bench_client.install_ours(python, venv)

        def timed(variants: dict[str, Path], code: str, runs: int) -> dict[str, dict[str, Stats]]:
            out: dict[str, dict[str, Stats]] = {}
            for i in range(runs + 1):
                for label, base in variants.items():
                    res = run_measured(
                        [python, "-c", code], env=bench_env({"PYTHONPATH": str(base)})
                    )
                    if res.returncode != 0:
                        raise BenchError(f"variant {label!r} failed:\n{res.stderr.strip()[-1500:]}")
                    if i:
                        value = json.loads(res.stdout.strip().splitlines()[-1])
                        for key, v in value.items() if isinstance(value, dict) else [("", value)]:
                            out.setdefault(key, {}).setdefault(label, Stats()).add(v)
            return out

        if "import" in parts:
            variants = _client_copies(IMPORT_STEPS, target, notes)
            imp = timed(variants, _IMPORT_CODE, max(args.runs, 15))[""]
            ready = timed(variants, _READY_CODE, args.runs)[""]
            rows = [r + [ready[r[0]].fmt()] for r in _rows(imp)]
            results["import"] = rows
            print(
                "\n"
                + table(
                    rows,
                    [
                        "`import kalshi`, fresh Python 3.12 (cumulative changes)",
                        "import",
                        "delta",
                        "import + client + first resource + models",
                    ],
                )
            )
        if "calls" in parts:
            variants = _client_copies(CALL_STEPS, target, notes)
            code = f"KEY = {str(bench_client.KEY_PATH)!r}\nCALLS = 2000\n" + _CALL_CODE
            for op, stats in timed(variants, code, args.runs).items():
                rows = _rows(stats, unit="us", scale=1e6)
                results[f"calls/{op}"] = rows
                print("\n" + table(rows, [f"{op}, in-memory transport, per call", "time", "delta"]))
        if "parse" in parts:
            body = cache_dir() / "proposals" / "markets.json"
            body.write_bytes(bench_client.make_bodies(spec)["markets"])
            variants = _client_copies(PARSE_STEPS, target, notes)
            code = f"BODY = {str(body)!r}\n" + _PARSE_CODE
            for how, stats in timed(variants, code, args.runs).items():
                rows = _rows(stats, digits=2)
                results[f"parse/{how}"] = rows
                print("\n" + table(rows, [f"parse 1,000 markets, {how}", "time", "delta"]))

    for note in notes:
        print(f"note: {note}")
    print(f"\nafter: {load_note()}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    main_guard(main)

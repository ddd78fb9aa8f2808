"""Shared helpers of the benchmark scripts: timing, statistics, throwaway environments.

Standard library only: the client benchmark's worker processes import this module from
interpreters that have neither the generator nor its dependencies installed.

Conventions every script follows:
- a figure is the median of several runs, printed with its min and max;
- a comparison prints the ratio ours / reference next to its goal, never an assertion;
- throwaway environments and bytecode live under the cache dir (KALSHI_BENCH_CACHE or
  ~/.cache/kalshi-codegen-bench), never in the repository.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the kalshi-codegen checkout
SPEC_VERSION = "3.13.0"


class BenchError(RuntimeError):
    """A setup problem the user must fix; printed as one line, exit status 2."""


# --- statistics ---------------------------------------------------------------------------


@dataclass
class Stats:
    """Median / min / max of a list of samples (seconds, bytes, ...)."""

    samples: list[float] = field(default_factory=list)

    def add(self, value: float) -> None:
        self.samples.append(value)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def min(self) -> float:
        return min(self.samples)

    @property
    def max(self) -> float:
        return max(self.samples)

    @property
    def n(self) -> int:
        return len(self.samples)

    def fmt(self, unit: str = "ms", scale: float = 1e3, digits: int = 1) -> str:
        """'12.3 ms (min 11.9, max 13.0, n=7)'."""
        if not self.samples:
            return "n/a"
        m, lo, hi = (v * scale for v in (self.median, self.min, self.max))
        return f"{m:.{digits}f} {unit} (min {lo:.{digits}f}, max {hi:.{digits}f}, n={self.n})"

    def to_json(self) -> dict[str, float]:
        return {"median": self.median, "min": self.min, "max": self.max, "n": self.n}


def ratio_line(label: str, ours: Stats, ref: Stats, goal: str | None = None) -> str:
    """'label: 0.23x  (goal <= 0.25: met)' from the medians; goal like '<= 0.25' or '>= 3'."""
    r = ours.median / ref.median
    text = f"{label}: {r:.2f}x"
    if goal:
        op, limit = goal.split()
        met = {
            "<=": r <= float(limit),
            "<": r < float(limit),
            ">=": r >= float(limit),
            ">": r > float(limit),
        }[op]
        text += f"  (goal {goal}: {'met' if met else 'NOT met'})"
    return text


def time_calls(fn: Callable[[], object], calls: int) -> float:
    """Mean seconds per call of `fn` over `calls` back-to-back calls."""
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) / calls


def table(rows: Sequence[Sequence[str]], header: Sequence[str]) -> str:
    """A Markdown table (also readable as plain text)."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths)) + " |"

    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), sep, *(line(r) for r in rows)])


# --- processes ----------------------------------------------------------------------------


@dataclass
class ProcResult:
    returncode: int
    wall: float  # seconds
    maxrss: int  # bytes: the largest resident set of the process or any child it waited for
    cpu: float  # seconds of user + system CPU of the process and the children it waited for
    stdout: str
    stderr: str


def run_measured(
    cmd: Sequence[str | os.PathLike[str]],
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    timeout: float = 300.0,
) -> ProcResult:
    """Run `cmd`, returning its wall time and peak RSS (wait4's rusage of this child alone)."""
    out_path = Path(_scratch()) / f"out-{os.getpid()}-{time.monotonic_ns()}"
    err_path = out_path.with_suffix(".err")
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [os.fspath(c) for c in cmd],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=dict(env) if env is not None else None,
            cwd=cwd,
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.002)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    try:
        stdout = out_path.read_text(errors="replace")
        stderr = err_path.read_text(errors="replace")
    finally:
        out_path.unlink(missing_ok=True)
        err_path.unlink(missing_ok=True)
    # ru_maxrss is in KiB on Linux
    cpu = usage.ru_utime + usage.ru_stime
    return ProcResult(proc.returncode, wall, usage.ru_maxrss * 1024, cpu, stdout, stderr)


def load_note() -> str:
    """The 1-minute load average and core count, with a warning when others compete for CPU."""
    try:
        load1 = os.getloadavg()[0]
    except OSError:  # pragma: no cover
        return "load average unknown"
    cores = os.cpu_count() or 1
    note = f"load average {load1:.2f} on {cores} cores"
    if load1 > 0.5 * cores:
        note += (
            " -- WARNING: other processes compete for the CPU; wall times are inflated and noisy"
        )
    return note


def _scratch() -> Path:
    path = cache_dir() / "scratch"
    path.mkdir(parents=True, exist_ok=True)
    return path


def bench_env(
    extra: Mapping[str, str] | None = None, *, drop: Iterable[str] = ()
) -> dict[str, str]:
    """The environment of a measured process.

    Bytecode is written, but under the cache dir (PYTHONPYCACHEPREFIX): every tool runs with
    warm .pyc files after its first (unmeasured) run, as on a user's machine, and nothing is
    written into the checkout. PYTHONDONTWRITEBYTECODE (set on this machine) is dropped.
    """
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", *drop)}
    env["PYTHONPYCACHEPREFIX"] = str(cache_dir() / "pycache")
    env.pop("PYTHONPATH", None)
    env.update(extra or {})
    return env


def fresh_import_times(
    python: str | os.PathLike[str],
    module: str,
    runs: int,
    env: Mapping[str, str],
) -> tuple[Stats, Stats]:
    """(import seconds measured inside the interpreter, whole-process wall seconds)."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    inner, wall = Stats(), Stats()
    for i in range(runs + 1):
        res = run_measured([python, "-c", code], env=env)
        if res.returncode != 0:
            raise BenchError(
                f"`{python} -c 'import {module}'` failed:\n{res.stderr.strip()[-2000:]}"
            )
        if i == 0:
            continue  # the first run writes the bytecode cache
        inner.add(float(res.stdout.strip().splitlines()[-1]))
        wall.add(res.wall)
    return inner, wall


_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


@dataclass
class ImportEntry:
    name: str
    self_us: int
    cumulative_us: int
    depth: int


def importtime(
    python: str | os.PathLike[str], module: str, env: Mapping[str, str]
) -> list[ImportEntry]:
    """`python -X importtime -c 'import module'`, parsed (warm bytecode: run twice)."""
    entries: list[ImportEntry] = []
    for _ in range(2):
        res = run_measured([python, "-X", "importtime", "-c", f"import {module}"], env=env)
        if res.returncode != 0:
            raise BenchError(f"importtime of {module} failed:\n{res.stderr.strip()[-2000:]}")
        entries = []
        for line in res.stderr.splitlines():
            m = _IMPORTTIME.match(line)
            if m:
                entries.append(ImportEntry(m[4], int(m[1]), int(m[2]), len(m[3]) // 2))
    return entries


def importtime_report(entries: list[ImportEntry], root: str, top: int = 8) -> list[str]:
    """Lines: the root's cumulative time, its direct imports, self time per top-level package."""
    lines: list[str] = []
    idx = next((i for i, e in enumerate(entries) if e.name == root), None)
    if idx is None:
        return [f"{root} not found in the -X importtime output"]
    root_entry = entries[idx]
    lines.append(
        f"`import {root}`: {root_entry.cumulative_us / 1000:.1f} ms cumulative (-X importtime)"
    )
    # importtime prints children before their parent: the root's direct imports are the
    # entries just above it, one level deeper, back to the previous entry at the root's depth
    children: list[ImportEntry] = []
    for e in reversed(entries[:idx]):
        if e.depth <= root_entry.depth:
            break
        if e.depth == root_entry.depth + 1:
            children.append(e)
    children.sort(key=lambda e: -e.cumulative_us)
    lines.append(
        f"direct imports of {root} (cumulative): "
        + ", ".join(f"{e.name} {e.cumulative_us / 1000:.1f} ms" for e in children[:top])
    )
    own: dict[str, int] = {}
    for e in entries[: idx + 1]:
        if e.depth >= root_entry.depth:
            pkg = e.name.split(".")[0]
            own[pkg] = own.get(pkg, 0) + e.self_us
    ranked = sorted(own.items(), key=lambda kv: -kv[1])[:top]
    lines.append(
        "self time by top-level package (adds up to the total): "
        + ", ".join(f"{pkg} {us / 1000:.1f} ms" for pkg, us in ranked)
    )
    return lines


# --- throwaway environments -----------------------------------------------------------------


def cache_dir() -> Path:
    base = os.environ.get("KALSHI_BENCH_CACHE") or str(
        Path.home() / ".cache" / "kalshi-codegen-bench"
    )
    path = Path(base)
    path.mkdir(parents=True, exist_ok=True)
    return path


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def ensure_venv(
    name: str, base_python: str | os.PathLike[str], requirements: Sequence[str]
) -> Path:
    """A venv under the cache dir with `requirements` pip-installed; reused while they match."""
    venv = cache_dir() / name
    marker = venv / ".bench-requirements.json"
    wanted = {"python": os.fspath(base_python), "requirements": list(requirements)}
    if marker.is_file() and json.loads(marker.read_text()) == wanted and venv_python(venv).exists():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    print(f"  setting up {venv} ({', '.join(requirements)}) ...", flush=True)
    done = subprocess.run(
        [os.fspath(base_python), "-m", "venv", os.fspath(venv)],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BenchError(f"cannot create a venv with {base_python}: {done.stderr.strip()[-1000:]}")
    pip_install(venv_python(venv), list(requirements))
    marker.write_text(json.dumps(wanted))
    return venv


def pip_install(python: str | os.PathLike[str], args: Sequence[str]) -> None:
    """`python -m pip install -q ARGS`; a download or build failure is a BenchError naming it."""
    cmd = [os.fspath(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]
    done = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        noise = "is ignored: it is neither a file nor a directory"
        err = "\n".join(line for line in done.stderr.splitlines() if noise not in line)
        raise BenchError(
            f"pip install {' '.join(args)} failed (is the package index reachable?):\n{err.strip()[-2000:]}"
        )


def tree_digest(root: Path, pattern: str = "**/*") -> str:
    """sha256 over the paths and bytes of the files under `root`."""
    h = hashlib.sha256()
    for path in sorted(root.glob(pattern)):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def find_spec(spec: str | None) -> Path:
    """The Kalshi 3.13.0 document: --spec, or $SPEC_SOURCE/, or ../shared/spec/ beside the checkout."""
    if spec:
        path = Path(spec)
    else:
        source = Path(os.environ.get("SPEC_SOURCE") or ROOT.parent / "shared" / "spec")
        path = source / f"kalshi-openapi-{SPEC_VERSION}.yaml"
    if not path.is_file():
        raise BenchError(
            f"spec not found: {path}. The benchmarks need Kalshi's OpenAPI document "
            f"{SPEC_VERSION}: put ../shared/spec/ beside the checkout, set SPEC_SOURCE=DIR, "
            "or pass --spec PATH."
        )
    return path


def overrides_for(spec: Path, explicit: Path | None, scratch: Path) -> tuple[Path, str]:
    """(overrides file, how it was chosen) for generating `spec`.

    overrides.yaml is written for the locked release (spec/openapi.lock.json): given another
    release (the benchmarks' 3.13.0 once the lock moved on) it would name operations that are
    not there, and the generator refuses stale overrides. Then an empty file is used, as the
    tests do for other releases; --overrides PATH picks one explicitly.
    """
    if explicit is not None:
        return explicit.resolve(), "--overrides"
    lock = ROOT / "spec" / "openapi.lock.json"
    try:
        locked = json.loads(lock.read_text(encoding="utf-8"))["sha256"]
    except (OSError, ValueError, KeyError):
        locked = None
    if locked == hashlib.sha256(spec.read_bytes()).hexdigest():
        return ROOT / "overrides.yaml", "the checkout's overrides.yaml (the spec is the locked one)"
    empty = scratch / "empty-overrides.yaml"
    empty.write_text("", encoding="utf-8")
    return empty, (
        "none (an empty file): the checkout's overrides.yaml is for the locked release, "
        "not this one; pass --overrides to use another"
    )


def main_guard(main: Callable[[], int]) -> None:
    """Run `main`, turning a BenchError into one line on stderr and exit status 2."""
    try:
        sys.exit(main())
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)

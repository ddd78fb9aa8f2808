"""Run one mutated case through `kalshi-codegen generate` and classify it against the contract.

The contract: for every spec + overrides, `generate` either
  (a) exits 0, and the client compiles, imports, passes the mutation's oracle and (slow mode)
      `mypy --strict`; or
  (b) exits 2 with exactly one line on stderr, no traceback, naming a place, and the output
      folder untouched (same bytes; no staging folder left beside it).

`Harness.run(mutated)` writes the inputs into a fresh folder, fills the output folder with a
generation of the unmutated inputs (so "untouched" means something), runs the CLI entry
function in this process (stdout/stderr captured, SystemExit and escaping exceptions caught),
and for exit 0 runs probe.py in a subprocess with PYTHONPATH=<output>. The generator is
whatever `import generator` finds (PYTHONPATH first: point it at another checkout to measure
that one).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typing_extensions import Self

from .mutations import EITHER, REFUSE, Inputs, Mutated

# verdicts: the two good outcomes, then the failure classes
OK_GENERATED = "ok: generated"
OK_REFUSED = "ok: refused"
CRASH = "crash"  # a traceback, an exception escaping main, or an exit code other than 0/2
BROKEN_CLIENT = "exit 0, broken client"  # does not compile / import / pass mypy --strict
WRONG_AT_RUN_TIME = "exit 0, wrong at run time"  # the mutation's oracle (or the client check) fails
ACCEPTED_BAD_INPUT = "exit 0, must be refused"  # cookie params, multipart, duplicate keys, ...
FORMATTER_FAILED = "formatter failed"  # an exit-2 message about ruff/black: never a user's problem
BAD_ERROR = "multi-line/unnamed error"
OUTPUT_TOUCHED = "output touched on failure"
HANG = "hang"  # generate did not finish within the time limit

OK = (OK_GENERATED, OK_REFUSED)
FAILURES = (
    CRASH,
    BROKEN_CLIENT,
    WRONG_AT_RUN_TIME,
    ACCEPTED_BAD_INPUT,
    FORMATTER_FAILED,
    BAD_ERROR,
    OUTPUT_TOUCHED,
    HANG,
)

PROBE = Path(__file__).with_name("probe.py")
TRACEBACK = "Traceback (most recent call last)"
_FORMATTER = re.compile(r"\b(ruff|black)\b.*\b(format|check|failed)", re.IGNORECASE)


@dataclass
class Result:
    mutation: str
    detail: str
    verdict: str
    exit_code: int | None
    message: str  # the first line that explains the verdict
    seconds: float
    stderr: str = ""

    @property
    def failed(self) -> bool:
        return self.verdict not in OK

    def line(self) -> str:
        return f"{self.mutation}: {self.verdict} (exit {self.exit_code}): {self.detail} -- {self.message}"


class _Timeout(BaseException):
    """Raised by SIGALRM inside the generator; a BaseException so `except Exception` misses it."""


@dataclass
class Run:
    code: int | None
    stdout: str
    stderr: str
    escaped: str | None  # an exception that escaped main, with where it was raised


def tree_hash(root: Path) -> str:
    """sha256 over every path, file content and symlink target under `root`."""
    digest = hashlib.sha256()
    if not root.exists():
        return "absent"
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        digest.update(f"d {rel}\n".encode())
        for name in sorted(filenames):
            path = Path(dirpath, name)
            digest.update(f"f {rel}/{name}\n".encode())
            if path.is_symlink():
                digest.update(os.readlink(path).encode())
            else:
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


@contextlib.contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def fire(*_: Any) -> None:
        raise _Timeout()

    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _environment(cwd: Path, env: dict[str, str]) -> Iterator[None]:
    old_cwd, old_env = os.getcwd(), {k: os.environ.get(k) for k in env}
    os.chdir(cwd)
    os.environ.update(env)
    try:
        yield
    finally:
        os.chdir(old_cwd)
        for key, value in old_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_cli(argv: list[str], *, cwd: Path, env: dict[str, str], timeout: float) -> Run:
    """`kalshi-codegen ARGV` in this process: exit code, captured output, escaped exception."""
    from generator import cli  # here: PYTHONPATH decides which checkout is measured

    out, err = io.StringIO(), io.StringIO()
    code: int | None = None
    escaped = None
    with _environment(cwd, env), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with _alarm(timeout):
                code = cli.main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except _Timeout:
            escaped = "timeout"
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # noqa: BLE001 - exactly what the contract forbids
            frames = traceback.extract_tb(exc.__traceback__)
            where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
            escaped = f"{type(exc).__name__}: {first_line(str(exc))}{where}"
    return Run(code, out.getvalue(), err.getvalue(), escaped)


class Harness:
    """Runs cases of one base input (a spec + overrides) under `workdir`."""

    def __init__(
        self,
        base: Inputs,
        workdir: Path,
        *,
        python: str = sys.executable,
        timeout: float = 120.0,
        keep: bool = False,
    ) -> None:
        self.base, self.workdir, self.python = base, workdir, python
        self.timeout, self.keep = timeout, keep
        self.env = {"KALSHI_CODEGEN_CACHE": str(workdir / "codegen-cache")}
        self._baseline: Path | None = None
        self._probe: ProbeServer | None = None

    def baseline(self) -> Path:
        """The unmutated inputs generated once: the previous output every case starts from."""
        if self._baseline is None:
            folder = self.workdir / "baseline"
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            spec, overrides = self._write(folder, self.base)
            out = folder / "out"
            run = run_cli(
                self._argv(spec, overrides, out), cwd=folder, env=self.env, timeout=self.timeout
            )
            if run.code != 0:
                raise RuntimeError(
                    f"the unmutated inputs do not generate: {first_line(run.stderr) or run.escaped}"
                )
            self._baseline = out
        return self._baseline

    @staticmethod
    def _write(folder: Path, inputs: Inputs) -> tuple[Path, Path]:
        spec, overrides = folder / "spec.yaml", folder / "overrides.yaml"
        spec.write_bytes(inputs.spec_bytes())
        overrides.write_bytes(inputs.overrides_bytes())
        return spec, overrides

    @staticmethod
    def _argv(spec: Path, overrides: Path, out: Path) -> list[str]:
        return [
            "generate",
            "--spec",
            str(spec),
            "--overrides",
            str(overrides),
            "--output",
            str(out),
        ]

    def run(self, case: Mutated, *, mypy: bool = False) -> Result:
        start = time.perf_counter()
        baseline = self.baseline()
        folder = Path(tempfile.mkdtemp(prefix=f"{case.name}-", dir=self.workdir))
        try:
            spec, overrides = self._write(folder, case.inputs)
            out = folder / "out"
            shutil.copytree(baseline, out, symlinks=True)
            before, beside = tree_hash(out), sorted(os.listdir(folder))
            run = run_cli(
                self._argv(spec, overrides, out), cwd=folder, env=self.env, timeout=self.timeout
            )
            verdict, message = self._classify(case, run, folder, out, before, beside, mypy=mypy)
        finally:
            if not self.keep:
                shutil.rmtree(folder, ignore_errors=True)
        return Result(
            case.name,
            case.detail,
            verdict,
            run.code,
            message,
            time.perf_counter() - start,
            run.stderr,
        )

    def _classify(
        self,
        case: Mutated,
        run: Run,
        folder: Path,
        out: Path,
        before: str,
        beside: list[str],
        *,
        mypy: bool,
    ) -> tuple[str, str]:
        if run.escaped == "timeout":
            return HANG, f"generate did not finish in {self.timeout:.0f} s"
        if run.escaped is not None:
            return CRASH, run.escaped
        text = run.stdout + run.stderr
        if TRACEBACK in text:
            lines = [line for line in run.stderr.strip().splitlines() if line.strip()]
            return CRASH, lines[-1].strip() if lines else "a traceback on stdout"
        lines = [line for line in run.stderr.splitlines() if line.strip()]
        if run.code == 2:
            message = lines[0] if lines else ""
            if _FORMATTER.search(run.stderr):
                return FORMATTER_FAILED, message
            # one line, or the stale-overrides report: a one-line summary, then one
            # `  - entry: what to do` line per entry (scripts/spec-update.sh reads them)
            listed = all(line.startswith("  - ") for line in lines[1:])
            if len(lines) != 1 and not (listed and "no longer match the spec" in message):
                return BAD_ERROR, f"{len(lines)} lines on stderr: {message[:200]}"
            if not self._names_a_place(case, message, folder, out):
                return BAD_ERROR, f"names no place: {message}"
            if tree_hash(out) != before:
                return OUTPUT_TOUCHED, f"output changed; {message}"
            left = sorted(set(os.listdir(folder)) - set(beside))
            if left:
                return OUTPUT_TOUCHED, f"left beside the output: {', '.join(left)}; {message}"
            return OK_REFUSED, message
        if run.code != 0:
            return CRASH, f"exit {run.code}: {lines[0] if lines else first_line(run.stdout)}"
        if case.expect == REFUSE:
            return ACCEPTED_BAD_INPUT, f"exit 0; must exit 2 naming one of {', '.join(case.places)}"
        verdict, message = self.probe(out, case.oracle)
        if verdict == OK_GENERATED and mypy:
            verdict, message = self.mypy(out, folder)
        return verdict, message

    @staticmethod
    def _names_a_place(case: Mutated, message: str, folder: Path, out: Path) -> bool:
        """A REFUSE class must name one of its places (`spec` / `overrides` match the file);
        any other refusal must name a file of the run or one of the places."""
        lowered = message.lower()
        named = any(place.lower() in lowered for place in case.places if place)
        if case.expect == REFUSE and case.places:
            return named
        return named or any(
            n in message for n in ("spec.yaml", "overrides.yaml", str(out), str(folder))
        )

    def probe(self, out: Path, oracle: dict[str, Any] | None) -> tuple[str, str]:
        if self._probe is None:
            self._probe = ProbeServer(self.python, self.workdir)
        try:
            report = self._probe.check(out, oracle, timeout=self.timeout)
        except ProbeDied as exc:
            self.close()
            return BROKEN_CLIENT, f"probe: {exc}"
        if report["ok"]:
            return OK_GENERATED, ""
        stage = report["stage"]
        verdict = BROKEN_CLIENT if stage in ("compile", "import") else WRONG_AT_RUN_TIME
        return verdict, f"{stage}: {report['message']}"

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
            self._probe = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def mypy(self, out: Path, folder: Path) -> tuple[str, str]:
        done = subprocess.run(
            [
                self.python,
                "-m",
                "mypy",
                "--strict",
                "--cache-dir",
                str(folder / ".mypy_cache"),
                "kalshi",
            ],
            capture_output=True,
            text=True,
            cwd=out,
            check=False,
        )
        if done.returncode == 0:
            return OK_GENERATED, ""
        errors = [line for line in done.stdout.splitlines() if ": error:" in line]
        return (
            BROKEN_CLIENT,
            f"mypy --strict: {len(errors)} error(s): {errors[0] if errors else first_line(done.stdout + done.stderr)}",
        )


class ProbeDied(Exception):
    """The probe process exited or hung (a generated module that kills or blocks it)."""


class ProbeServer:
    """`python probe.py --serve`: one long-lived interpreter checking tree after tree, so the
    third-party imports are paid once per worker, not once per case."""

    def __init__(self, python: str, cwd: Path) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "KALSHI_"))}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        self.process = subprocess.Popen(
            [python, str(PROBE), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
            cwd=cwd,
        )

    def check(self, out: Path, oracle: dict[str, Any] | None, *, timeout: float) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write(json.dumps({"out": str(out), "oracle": oracle}) + "\n")
            self.process.stdin.flush()
        except OSError as exc:
            raise ProbeDied(f"cannot reach the probe: {exc}") from None
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        if not ready:
            raise ProbeDied(f"no answer in {timeout:.0f} s")
        line = self.process.stdout.readline()
        if not line:
            raise ProbeDied(f"the probe exited ({self.process.poll()}) while importing the client")
        result: dict[str, Any] = json.loads(line)
        return result

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()


def load_inputs(spec: Path, overrides: Path | None) -> Inputs:
    """The base documents, parsed the plain way (the generator's loader is what is tested)."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    spec_doc = yaml.load(spec.read_text(encoding="utf-8"), Loader=loader)
    text = overrides.read_text(encoding="utf-8") if overrides is not None else ""
    over_doc = yaml.load(text, Loader=loader) if text.strip() else {}
    return Inputs(spec=spec_doc, overrides=over_doc or {})


__all__ = ["EITHER", "FAILURES", "OK", "Harness", "Result", "load_inputs", "tree_hash"]

"""`kalshi-codegen` as the tests run it: in-process, or as a real process.

`codegen(...)` calls generator.cli.main in this process, with the given working folder and
stdout/stderr captured, and returns what a process would have: a CompletedProcess with the
exit code, stdout and stderr (an exception escaping main() is exit 1 with its traceback on
stderr, as the interpreter would print it). That is the contract of most CLI tests, at a
fraction of the cost: no interpreter start-up and no imports per run.

`codegen_process(...)` runs `python -m generator.cli`: for what only a process shows (the
interpreter's own exit status, a closed stdout pipe, anything printed at import time).
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import traceback
from pathlib import Path

from generator import cli

REPO = Path(__file__).resolve().parents[1]


def codegen(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`kalshi-codegen ARGS` run by generator.cli.main in this process, in `cwd`."""
    argv = [str(a) for a in args]
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = _exit_status(exc, err)
            except Exception:  # noqa: BLE001 - what the interpreter prints for an uncaught one
                traceback.print_exc(file=err)
                code = 1
    finally:
        os.chdir(here)
    return subprocess.CompletedProcess(
        ["kalshi-codegen", *argv], code, out.getvalue(), err.getvalue()
    )


def codegen_process(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """`python -m generator.cli ARGS` as a real process, in `cwd`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)  # the generator from this checkout, from any cwd
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def _exit_status(exc: SystemExit, err: io.StringIO) -> int:
    """The status `sys.exit(code)` gives a process: None is 0, a message is printed and 1."""
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=err)
    return 1

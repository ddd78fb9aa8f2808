"""The generator's own code: typed (mypy --strict) and lint-clean, like the code it emits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_generator_is_mypy_strict_clean() -> None:
    done = run("mypy", "--strict", "generator")
    assert done.returncode == 0, done.stdout + done.stderr


def test_project_is_ruff_clean() -> None:
    done = run("ruff", "check", "generator", "tests", "bench", "templates")
    assert done.returncode == 0, done.stdout + done.stderr

"""Stage 5: format the rendered Python with ruff, in one process for the whole tree.

ruff is pinned in pyproject.toml: the same version formats the same way on every machine,
which keeps the output byte-identical. Black is not on this path (it is ~300x slower);
a test checks that the output is black-stable too. `--no-cache`: ruff would otherwise leave a
.ruff_cache in the caller's current folder.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from ..errors import GeneratorError
from ..targets import ROOT_PACKAGE

# The root package is first-party by name: ruff would otherwise guess it from the folders it
# sees, and order imports differently when one target's files are formatted alone.
RUFF_ARGS = [
    "--isolated",
    "--no-cache",
    "--line-length",
    "100",
    "--target-version",
    "py310",
    "--config",
    f'lint.isort.known-first-party = ["{ROOT_PACKAGE}"]',
]


def ruff_executable() -> str:
    try:
        from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - ruff is a dependency
        raise GeneratorError("ruff is not installed; run `pip install -e .`") from None
    return str(find_ruff_bin())


def format_tree(root: Path) -> None:
    """Fix import order and format every .py file under `root` in place."""
    ruff = ruff_executable()
    for args in (
        [
            "check",
            "--fix-only",
            "--select",
            "I,F401,UP,RUF022",
            "--exit-zero",
            "-q",
            *RUFF_ARGS,
            str(root),
        ],
        ["format", "-q", *RUFF_ARGS, str(root)],
    ):
        try:
            done = subprocess.run(
                [ruff, *args],
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                check=False,
            )
        except OSError as exc:
            raise GeneratorError(f"cannot run ruff: {exc.strerror or exc}", where=ruff) from None
        if done.returncode != 0:
            raise GeneratorError(
                f"ruff {args[0]} failed on the generated code: {_first_line(done.stderr)}"
            )


def _first_line(text: str) -> str:
    """ruff's first line of complaint, bounded: the error stays one line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else "no message"
    more = f" (and {len(lines) - 1} more line(s))" if len(lines) > 1 else ""
    return first[:300] + more

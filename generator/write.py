"""Stage 6: put the generated tree in place atomically, or compare it (`--check`).

Files are written and formatted in a temporary folder beside the output; only a complete,
formatted tree replaces the old one, so a failure leaves the output folder as it was.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .format import format_tree


@contextmanager
def staged_tree(files: dict[str, str], near: Path) -> Iterator[Path]:
    """Write and format `files` in a temporary folder next to `near`; removed afterwards."""
    parent = near.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{near.name}-", dir=parent))
    try:
        for rel, text in sorted(files.items()):
            target = stage / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        format_tree(stage)
        yield stage
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def tree_files(root: Path) -> dict[str, bytes]:
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not _is_cache(p.relative_to(root))
    }


def _is_cache(rel: Path) -> bool:
    """Tool caches (__pycache__, .mypy_cache, .ruff_cache, ...) are not generator output."""
    return any(part == "__pycache__" or part.startswith(".") for part in rel.parts)


def changed_files(stage: Path, output: Path) -> list[str]:
    """Relative paths that differ between the staged tree and the output (added, changed, removed)."""
    new, old = tree_files(stage), tree_files(output)
    return sorted(p for p in new.keys() | old.keys() if new.get(p) != old.get(p))


def swap_into_place(stage: Path, output: Path) -> None:
    """Replace `output` by `stage` with two renames; the old tree is removed last."""
    output = output.resolve()
    backup = output.with_name(f".{output.name}-old")
    shutil.rmtree(backup, ignore_errors=True)
    if output.exists():
        output.rename(backup)
    try:
        stage.rename(output)
    except OSError:
        if backup.exists():
            backup.rename(output)
        raise
    shutil.rmtree(backup, ignore_errors=True)


def manifest(root: Path) -> str:
    """`sha256  path` for every file: the snapshot reviewers read first."""
    return "".join(
        f"{hashlib.sha256(data).hexdigest()}  {path}\n" for path, data in tree_files(root).items()
    )

"""The generator's on-disk cache: compiled templates and parsed spec documents.

Only a speed-up, never a source of truth:
- where: `$KALSHI_CODEGEN_CACHE`, else `$XDG_CACHE_HOME/kalshi-codegen`, else
  `~/.cache/kalshi-codegen`; `KALSHI_CODEGEN_CACHE=off` turns it off;
- any OSError reading or writing it (read-only home, full disk, a file where the folder should
  be) means "no cache" for that entry, silently; a corrupt entry is a miss;
- entries are keyed by the sha256 of their input plus a tag of the code that produced them
  (FORMAT, the library versions, the Python version, the producing module's own source), so a
  changed document, template, loader or generator never meets a stale entry;
- writes are atomic (a temp file + os.replace), so concurrent runs never read half an entry.

The output does not depend on it: a test generates with the cache off and on and compares.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

FORMAT = "1"  # bump when the layout or meaning of entries changes
ENV_VAR = "KALSHI_CODEGEN_CACHE"
MAX_DOCUMENTS = 32  # parsed documents kept (one per distinct spec text); the oldest go first


def root() -> Path | None:
    """The cache folder, or None when the cache is off."""
    setting = os.environ.get(ENV_VAR, "").strip()
    if setting.lower() == "off":
        return None
    if setting:
        return Path(setting).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    try:
        base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return base / "kalshi-codegen"


def directory(kind: str) -> Path | None:
    """root()/kind, created; None when the cache is off or the folder cannot be made."""
    base = root()
    if base is None:
        return None
    path = base / kind
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path


def source_tag(*parts: str | Path) -> str:
    """A digest of `parts`: strings as they are, paths by their bytes (e.g. a module's source).

    Raises OSError when a file cannot be read; callers then go without the cache.
    """
    digest = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}".encode())
    for part in parts:
        digest.update(b"\0")
        digest.update(part.read_bytes() if isinstance(part, Path) else part.encode())
    return digest.hexdigest()[:16]


def entry_key(content: bytes, tag: str) -> str:
    """The name of the entry for `content` as produced by the code described by `tag`."""
    return hashlib.sha256(tag.encode() + b"\0" + content).hexdigest()


def read(kind: str, key: str) -> bytes | None:
    folder = directory(kind)
    if folder is None:
        return None
    try:
        return (folder / key).read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, data: bytes, *, keep: int = MAX_DOCUMENTS) -> None:
    """Store an entry atomically, then drop the oldest beyond `keep`; errors are ignored."""
    folder = directory(kind)
    if folder is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{key[:16]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / key)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        entries = sorted(
            (p.stat().st_mtime_ns, p) for p in folder.iterdir() if not p.name.startswith(".")
        )
        for _, old in entries[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """jinja2's file cache, where an unreadable, unwritable or corrupt entry is a miss."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def template_cache(configured_by: Path) -> jinja2.BytecodeCache | None:
    """A bytecode cache for an environment configured in the module `configured_by`.

    jinja2 keys entries by template name and checks the template source's checksum; the file
    names here add the jinja2 version and the configuring module's source, since options such
    as trim_blocks change the compiled code without changing the template.
    """
    folder = directory("templates")
    if folder is None:
        return None
    try:
        tag = source_tag(jinja2.__version__, configured_by)
    except OSError:
        return None
    return _TemplateCache(str(folder), pattern=f"__jinja2_{tag}_%s.cache")

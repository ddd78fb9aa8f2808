"""The spec lock: which Kalshi document the committed client was generated from.

The document itself is Kalshi's and is never committed; `sync_spec` copies or downloads it to
the git-ignored `spec/openapi.yaml` and records its version and sha256 in the committed
`spec/openapi.lock.json`. `verify_lock` lets `generate` refuse a document that drifted from the
lock, so the committed client always matches the locked spec.

`sync_spec` fully checks a document (`check_document`) before it writes the spec and the lock,
so a document whose sha256 is the lock's is a checked one: `verify_lock` says so, and
`generate` skips the check (and the ~90 ms import of openapi-pydantic) for it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..documents.load import parse_document
from ..errors import GeneratorError
from ..openapi.check import check_document

SPEC_NAME = "openapi.yaml"
LOCK_NAME = "openapi.lock.json"
# Kalshi's document is ~300 KiB; anything this large is not an OpenAPI document we want.
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024


class SpecLock(BaseModel):
    """The committed record of the synced document (spec/openapi.lock.json)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(description="info.version of the document")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    source: str = Field(description="the path or URL given to sync-spec")
    synced: date
    openapi: str = Field(description="the document's OpenAPI version, e.g. 3.0.0")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sync_spec(
    source: str, spec_dir: Path, *, timeout: float = 30.0, today: date | None = None
) -> SpecLock:
    """Copy or download `source` to spec_dir/openapi.yaml and rewrite the lock beside it.

    Nothing on disk changes unless the document is a valid OpenAPI 3.x document (the full
    `check_document`): a locked document is always a checked one.
    """
    raw = _fetch(source, timeout=timeout)
    openapi, version = _validate(raw, source)
    lock = SpecLock(
        version=version,
        sha256=hashlib.sha256(raw).hexdigest(),
        source=source,
        synced=today or date.today(),
        openapi=openapi,
    )
    previous = read_lock(spec_dir)
    if previous is not None and previous.sha256 == lock.sha256:
        lock = previous  # the same document: the committed lock stays byte-identical
    spec_dir.mkdir(parents=True, exist_ok=True)
    # The spec first: a crash in between leaves a lock mismatch that verify_lock reports.
    _write_atomic(spec_dir / SPEC_NAME, raw)
    _write_atomic(spec_dir / LOCK_NAME, lock_to_json(lock).encode("utf-8"))
    return lock


def lock_to_json(lock: SpecLock) -> str:
    """The lock file's exact text: pretty, sorted keys, trailing newline (stable diffs)."""
    return json.dumps(lock.model_dump(mode="json"), indent=2, sort_keys=True) + "\n"


def read_lock(spec_dir: Path) -> SpecLock | None:
    path = spec_dir / LOCK_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise GeneratorError(f"cannot read: {exc.strerror}", where=str(path)) from None
    try:
        return SpecLock.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise GeneratorError(f"invalid lock file: {loc}: {first['msg']}", where=str(path)) from None


def verify_lock(spec_path: Path, spec_dir: Path) -> bool:
    """Refuse a synced spec whose sha256 differs from the lock; True when it is the locked one.

    Only spec_dir/openapi.yaml is checked: other documents (test fixtures, a path given
    explicitly) are not what the lock describes, and give False, as does a missing lock.
    True means sync_spec already ran `check_document` on these very bytes.
    """
    locked_path = spec_dir / SPEC_NAME
    if spec_path.resolve() != locked_path.resolve():
        return False
    lock = read_lock(spec_dir)
    if lock is None:
        return False
    fix = f"run `kalshi-codegen sync-spec --from {lock.source}`"
    if not spec_path.is_file():
        raise GeneratorError(
            f"the locked spec {lock.version} has not been synced yet; {fix}", where=str(spec_path)
        )
    actual = sha256_file(spec_path)
    if actual != lock.sha256:
        raise GeneratorError(
            f"sha256 {actual[:12]}... does not match the lock ({lock.version}, "
            f"sha256 {lock.sha256[:12]}...); {fix} to restore the locked document, "
            "or sync the new one to update the lock",
            where=str(spec_path),
        )
    return True


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _fetch(source: str, *, timeout: float) -> bytes:
    if _is_url(source):
        return _download(source, timeout=timeout)
    if "://" in source:
        raise GeneratorError(f"unsupported URL scheme in {source!r}: use http(s) or a file path")
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise GeneratorError("file not found", where=source) from None
    except OSError as exc:
        raise GeneratorError(f"cannot read: {exc.strerror}", where=source) from None


def _download(url: str, *, timeout: float) -> bytes:
    import urllib.error  # here, not at module level: only sync-spec from a URL needs them
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": "kalshi-codegen sync-spec"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw: bytes = response.read(MAX_DOWNLOAD_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise GeneratorError(f"cannot download {url}: HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        # urlopen wraps connect-time timeouts in URLError; read-time ones arrive bare below.
        if isinstance(exc.reason, TimeoutError):
            raise GeneratorError(f"cannot download {url}: timed out after {timeout:g} s") from None
        reason = exc.reason
        why = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise GeneratorError(f"cannot download {url}: {why} (offline?)") from None
    except TimeoutError:
        raise GeneratorError(f"cannot download {url}: timed out after {timeout:g} s") from None
    except OSError as exc:
        raise GeneratorError(f"cannot download {url}: {exc}") from None
    if len(raw) > MAX_DOWNLOAD_BYTES:
        raise GeneratorError(f"cannot download {url}: larger than {MAX_DOWNLOAD_BYTES} bytes")
    return raw


def _validate(raw: bytes, source: str) -> tuple[str, str]:
    """(openapi, info.version) of a valid OpenAPI 3.x document, else GeneratorError.

    The quick checks come first, for their specific messages; then the full `check_document`.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise GeneratorError("not UTF-8 text", where=source) from None
    doc = parse_document(text, source=source)
    openapi = doc.get("openapi")
    # A bare `openapi: 3.1` is a YAML float; insisting on a string keeps "3.10" from becoming 3.1.
    if not isinstance(openapi, str) or not openapi.startswith("3."):
        raise GeneratorError(
            f"not an OpenAPI 3.x document (openapi: {_show(openapi)})", where=source
        )
    info = doc.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    if not isinstance(version, str) or not version.strip():
        raise GeneratorError(
            f"info.version must be a non-empty string, got {_show(version)}", where=source
        )
    check_document(doc, source=source)
    return openapi, version.strip()


def _show(value: Any) -> str:
    return "missing" if value is None else repr(value)


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temp file in the same directory + os.replace: readers never see half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; these are ordinary project files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

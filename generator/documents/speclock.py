"""The spec lock: which Kalshi documents the committed client was generated from.

The documents themselves are Kalshi's and are never committed; `sync_spec` copies or downloads
one to its git-ignored file in spec/ (`spec/openapi.yaml`, `spec/asyncapi.yaml`) and records
its version and sha256 in its committed lock beside it (`spec/openapi.lock.json`,
`spec/asyncapi.lock.json`). `verify_lock` lets `generate` refuse a document that drifted from
its lock, so the committed client always matches the locked documents. `DOCUMENTS` is the
table of locked documents, one per target of targets.yaml; each function takes a row of it
(the main OpenAPI one by default).

`sync_spec` fully checks a document (its kind's check, the table's `checker`) before it writes
the spec and the lock, so a document whose sha256 is the lock's is a checked one: `verify_lock`
says so, and `generate` skips the check (and the ~90 ms import of openapi-pydantic) for it.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..documents.load import parse_document
from ..errors import GeneratorError
from ..targets import Target, project_root, project_streaming, project_targets


@dataclass(frozen=True)
class LockedDocument:
    """One document the project locks: its files in spec/ and how it is checked."""

    name: str  # its target in targets.yaml: `sync-spec --target NAME`
    kind: str  # its top-level format key (`openapi: 3.0.0`), also the lock's field for it
    title: str  # in messages: "OpenAPI", "AsyncAPI"
    spec_name: str  # the git-ignored document in spec/
    lock_name: str  # its committed lock beside it
    shared_name: str  # its file in ../shared/spec/ (scripts/setup.sh), {version} filled in
    checker: str  # "module:function", the full check of this kind: function(doc, *, source=...)

    def shared_file(self, version: str) -> str:
        return self.shared_name.format(version=version)

    @property
    def sync_command(self) -> str:
        """`kalshi-codegen sync-spec`, with the option naming this document unless it is the
        default one."""
        option = "" if self.name == DEFAULT_TARGET else f" --target {self.name}"
        return f"kalshi-codegen sync-spec{option}"


# What each kind of document is called in messages, and its full check.
KINDS: Final = {
    "openapi": ("OpenAPI", "generator.openapi.check:check_document"),
    "asyncapi": ("AsyncAPI", "generator.asyncapi.check:check_asyncapi"),
}


def locked_document(target: Target) -> LockedDocument:
    """A target's row of the lock table."""
    title, checker = KINDS[target.kind]
    return LockedDocument(
        name=target.name,
        kind=target.kind,
        title=title,
        spec_name=target.spec.name,
        lock_name=target.lock.name,
        shared_name=target.shared,
        checker=checker,
    )


# Every target's document, from targets.yaml. The root target's is the default; `openapi` and
# `asyncapi`, the names sync-spec had before targets, stay as aliases of the root's two.
DOCUMENTS: Final[dict[str, LockedDocument]] = {
    name: locked_document(target) for name, target in project_targets().items()
}
_ROOT_WS = project_streaming(project_root())
DEFAULT_TARGET: Final = project_root().name
ALIASES: Final = {"openapi": DEFAULT_TARGET} | ({"asyncapi": _ROOT_WS.name} if _ROOT_WS else {})
OPENAPI: Final = DOCUMENTS[DEFAULT_TARGET]
ASYNCAPI: Final = DOCUMENTS[_ROOT_WS.name] if _ROOT_WS else None  # the root's streaming one
DEFAULT: Final = OPENAPI

SPEC_NAME = OPENAPI.spec_name  # the default document's files
LOCK_NAME = OPENAPI.lock_name
# Kalshi's documents are ~300 KiB; anything this large is not a document we want.
MAX_DOWNLOAD_BYTES = 64 * 1024 * 1024


class SpecLock(BaseModel):
    """The committed record of one synced document (spec/openapi.lock.json and the others).

    The document's kind is whichever of `openapi` / `asyncapi` is set, holding the version of
    that format (3.0.0): the OpenAPI lock keeps the shape it always had."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(description="info.version of the document")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    source: str = Field(description="the path or URL given to sync-spec")
    synced: date
    openapi: str | None = Field(default=None, description="an OpenAPI document's version, 3.0.0")
    asyncapi: str | None = Field(default=None, description="an AsyncAPI document's version")

    @model_validator(mode="after")
    def _one_kind(self) -> SpecLock:
        if (self.openapi is None) == (self.asyncapi is None):
            raise ValueError("exactly one of `openapi` and `asyncapi` must be set")
        return self

    @property
    def kind(self) -> str:
        return "openapi" if self.openapi is not None else "asyncapi"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sync_spec(
    source: str,
    spec_dir: Path,
    *,
    document: LockedDocument = DEFAULT,
    timeout: float = 30.0,
    today: date | None = None,
) -> SpecLock:
    """Copy or download `source` to spec_dir/<document's file> and rewrite its lock beside it.

    Nothing on disk changes unless the document is a valid one of the document's kind (its
    full check): a locked document is always a checked one.
    """
    raw = _fetch(source, timeout=timeout)
    format_version, version = _validate(raw, source, document)
    lock = SpecLock.model_validate(
        {
            "version": version,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "source": source,
            "synced": today or date.today(),
            document.kind: format_version,
        }
    )
    previous = read_lock(spec_dir, document)
    if previous is not None and previous.sha256 == lock.sha256:
        lock = previous  # the same document: the committed lock stays byte-identical
    spec_dir.mkdir(parents=True, exist_ok=True)
    # The spec first: a crash in between leaves a lock mismatch that verify_lock reports.
    _write_atomic(spec_dir / document.spec_name, raw)
    _write_atomic(spec_dir / document.lock_name, lock_to_json(lock).encode("utf-8"))
    return lock


def lock_to_json(lock: SpecLock) -> str:
    """The lock file's exact text: pretty, sorted keys, trailing newline (stable diffs)."""
    data = lock.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def read_lock(spec_dir: Path, document: LockedDocument = DEFAULT) -> SpecLock | None:
    path = spec_dir / document.lock_name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise GeneratorError(f"cannot read: {exc.strerror}", where=str(path)) from None
    try:
        lock = SpecLock.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise GeneratorError(f"invalid lock file: {loc}: {first['msg']}", where=str(path)) from None
    if lock.kind != document.kind:
        raise GeneratorError(
            f"invalid lock file: it locks an {lock.kind} document, not an {document.kind} one",
            where=str(path),
        )
    return lock


def verify_lock(spec_path: Path, spec_dir: Path, document: LockedDocument = DEFAULT) -> bool:
    """Refuse a synced spec whose sha256 differs from its lock; True when it is the locked one.

    Only spec_dir/<document's file> is checked: other documents (test fixtures, a path given
    explicitly) are not what the lock describes, and give False, as does a missing lock.
    True means sync_spec already ran the kind's full check on these very bytes.
    """
    locked_path = spec_dir / document.spec_name
    if spec_path.resolve() != locked_path.resolve():
        return False
    lock = read_lock(spec_dir, document)
    if lock is None:
        return False
    fix = f"run `{document.sync_command} --from {lock.source}`"
    if not spec_path.is_file():
        raise GeneratorError(
            f"the locked {document.title} document {lock.version} has not been synced yet; {fix}",
            where=str(spec_path),
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


def _validate(raw: bytes, source: str, document: LockedDocument) -> tuple[str, str]:
    """(format version, info.version) of a valid 3.x document of the document's kind, else
    GeneratorError. The quick checks come first, for their specific messages; then the kind's
    full check."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise GeneratorError("not UTF-8 text", where=source) from None
    doc = parse_document(text, source=source)
    found = doc.get(document.kind)
    # A bare `openapi: 3.1` is a YAML float; insisting on a string keeps "3.10" from becoming 3.1.
    if not isinstance(found, str) or not found.startswith("3."):
        raise GeneratorError(
            f"not an {document.title} 3.x document ({document.kind}: {_show(found)})",
            where=source,
        )
    info = doc.get("info")
    version = info.get("version") if isinstance(info, dict) else None
    if not isinstance(version, str) or not version.strip():
        raise GeneratorError(
            f"info.version must be a non-empty string, got {_show(version)}", where=source
        )
    module, _, function = document.checker.partition(":")
    check = getattr(importlib.import_module(module), function)
    check(doc, source=source)
    return found, version.strip()


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

"""sync-spec and the lock: copy/download, validation before writing, drift detection."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from shared_specs import SHARED_SPEC, real_spec_path

from generator import pipeline
from generator.documents.speclock import (
    SpecLock,
    read_lock,
    sha256_file,
    sync_spec,
    verify_lock,
)
from generator.errors import GeneratorError

DAY = date(2025, 1, 31)
SMALL_DOC = (
    b"openapi: 3.0.3\ninfo:\n  title: t\n  version: 9.9.9\n"
    b"paths:\n  /ping:\n    get:\n      operationId: Ping\n"
    b"      responses:\n        '200': {description: ok}\n"
)


def published_sha256(version: str) -> str:
    """The digest from the SHA256SUMS file that ships beside the documents."""
    sums = (SHARED_SPEC / "SHA256SUMS").read_text().split("\n")
    return next(line.split()[0] for line in sums if line.endswith(f"kalshi-openapi-{version}.yaml"))


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def synced(tmp_path: Path) -> tuple[Path, Path]:
    """A spec dir holding a synced copy of SMALL_DOC: (source file, spec dir)."""
    source = tmp_path / "doc.yaml"
    source.write_bytes(SMALL_DOC)
    spec_dir = tmp_path / "spec"
    sync_spec(str(source), spec_dir, today=DAY)
    return source, spec_dir


def test_sync_real_spec_from_a_local_path(tmp_path: Path) -> None:
    source = real_spec_path("3.13.0")
    spec_dir = tmp_path / "spec"
    lock = sync_spec(str(source), spec_dir, today=DAY)

    digest = published_sha256("3.13.0")
    assert lock == SpecLock(
        version="3.13.0", sha256=digest, source=str(source), synced=DAY, openapi="3.0.0"
    )
    assert (spec_dir / "openapi.yaml").read_bytes() == source.read_bytes()
    assert sha256_file(spec_dir / "openapi.yaml") == digest
    assert (spec_dir / "openapi.lock.json").read_text() == (
        "{\n"
        '  "openapi": "3.0.0",\n'
        f'  "sha256": "{digest}",\n'
        f'  "source": "{source}",\n'
        '  "synced": "2025-01-31",\n'
        '  "version": "3.13.0"\n'
        "}\n"
    )
    assert read_lock(spec_dir) == lock
    assert sorted(p.name for p in spec_dir.iterdir()) == ["openapi.lock.json", "openapi.yaml"]
    verify_lock(spec_dir / "openapi.yaml", spec_dir)  # in sync: no error


def test_resync_to_a_newer_release_updates_the_lock(tmp_path: Path) -> None:
    spec_dir = tmp_path / "spec"
    sync_spec(str(real_spec_path("3.13.0")), spec_dir, today=DAY)
    lock = sync_spec(str(real_spec_path("3.31.0")), spec_dir, today=date(2025, 2, 1))
    assert (lock.version, lock.sha256, lock.synced) == (
        "3.31.0",
        published_sha256("3.31.0"),
        date(2025, 2, 1),
    )
    assert read_lock(spec_dir) == lock
    verify_lock(spec_dir / "openapi.yaml", spec_dir)


def test_sync_defaults_to_today(tmp_path: Path) -> None:
    source = tmp_path / "doc.yaml"
    source.write_bytes(SMALL_DOC)
    assert sync_spec(str(source), tmp_path / "spec").synced == date.today()


def test_verify_lock_fails_after_the_spec_changes(synced: tuple[Path, Path]) -> None:
    source, spec_dir = synced
    spec = spec_dir / "openapi.yaml"
    spec.write_bytes(SMALL_DOC + b"# edited\n")
    with pytest.raises(GeneratorError) as excinfo:
        verify_lock(spec, spec_dir)
    message = str(excinfo.value)
    assert "sync-spec" in message
    assert f"kalshi-codegen sync-spec --from {source}" in message
    assert "9.9.9" in message


def test_verify_lock_fails_when_the_locked_spec_was_never_synced(
    synced: tuple[Path, Path],
) -> None:
    _, spec_dir = synced
    (spec_dir / "openapi.yaml").unlink()  # e.g. a fresh clone: the spec is git-ignored
    with pytest.raises(GeneratorError, match="sync-spec"):
        verify_lock(spec_dir / "openapi.yaml", spec_dir)


def test_verify_lock_ignores_other_documents_and_missing_locks(
    synced: tuple[Path, Path], tmp_path: Path
) -> None:
    source, spec_dir = synced
    source.write_bytes(b"openapi: 3.0.0\n")  # differs from the lock, but is not spec/openapi.yaml
    verify_lock(source, spec_dir)
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "openapi.yaml").write_bytes(b"anything")
    verify_lock(bare / "openapi.yaml", bare)  # fixture specs have no lock
    assert read_lock(bare) is None


def test_verify_lock_is_true_only_for_the_synced_unchanged_document(
    synced: tuple[Path, Path], tmp_path: Path
) -> None:
    source, spec_dir = synced
    spec = spec_dir / "openapi.yaml"
    assert verify_lock(spec, spec_dir)
    assert not verify_lock(source, spec_dir)  # the same bytes, but not spec_dir/openapi.yaml
    spec.write_bytes(SMALL_DOC + b"# edited\n")
    with pytest.raises(GeneratorError, match="sync-spec"):
        verify_lock(spec, spec_dir)  # drifted: refused, never taken as checked
    bare = tmp_path / "bare"
    bare.mkdir()
    (bare / "openapi.yaml").write_bytes(SMALL_DOC)
    assert not verify_lock(bare / "openapi.yaml", bare)  # no lock
    (bare / "openapi.lock.json").write_text("{not json")
    with pytest.raises(GeneratorError, match="invalid lock file"):
        verify_lock(bare / "openapi.yaml", bare)  # an invalid lock is an error, not "checked"


def test_generate_checks_the_document_unless_it_is_the_locked_one(
    synced: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """sync_spec checked the locked document: build_client does not check it again."""
    source, spec_dir = synced
    checked: list[str] = []
    monkeypatch.setattr(pipeline, "check_document", lambda doc, *, source: checked.append(source))
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text("")
    spec = spec_dir / "openapi.yaml"
    pipeline.build_client(spec, overrides, checked=verify_lock(spec, spec_dir))
    assert checked == []
    pipeline.build_client(source, overrides, checked=verify_lock(source, spec_dir))
    assert checked == [str(source)]
    pipeline.build_client(spec, overrides)  # not vouched for by the lock: checked
    assert checked == [str(source), str(spec)]


def test_invalid_lock_file_is_a_generator_error(synced: tuple[Path, Path]) -> None:
    _, spec_dir = synced
    lock = json.loads((spec_dir / "openapi.lock.json").read_text())
    lock["sha256"] = "not-a-digest"
    (spec_dir / "openapi.lock.json").write_text(json.dumps(lock))
    with pytest.raises(GeneratorError, match="invalid lock file: sha256"):
        read_lock(spec_dir)


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"openapi: [3.0.0\n", "invalid YAML"),
        (b"- just\n- a list\n", "expected a mapping"),
        (b"info: {version: 1.0.0}\npaths: {}\n", "not an OpenAPI 3.x document"),
        (b"swagger: '2.0'\nopenapi: 2.0.0\ninfo: {version: 1.0.0}\n", "not an OpenAPI 3.x"),
        (b"openapi: 3.1\ninfo: {version: 1.0.0}\n", "not an OpenAPI 3.x"),
        (b"openapi: 3.0.0\ninfo: {title: t}\n", "info.version"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
        # the full check_document, as `generate` runs it on an unlocked document
        (b"openapi: 3.0.0\ninfo: {title: t, version: 1.0.0}\npaths: {}\n", "has no paths"),
        (
            b"openapi: 3.0.0\ninfo: {version: 1.0.0}\npaths: {/x: {get: {responses: {}}}}\n",
            "not a valid OpenAPI 3.0.0 document: Field required",
        ),
    ],
)
def test_invalid_document_leaves_spec_and_lock_untouched(
    synced: tuple[Path, Path], tmp_path: Path, content: bytes, error: str
) -> None:
    _, spec_dir = synced
    before = snapshot(spec_dir)
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(content)
    with pytest.raises(GeneratorError, match=error):
        sync_spec(str(bad), spec_dir, today=date(2030, 1, 1))
    assert snapshot(spec_dir) == before  # same files (no temp files left), same bytes


def test_missing_local_file(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="file not found"):
        sync_spec(str(tmp_path / "nope.yaml"), tmp_path / "spec")
    assert not (tmp_path / "spec").exists()


def test_unsupported_url_scheme(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError, match="ftp://example.com/x.yaml"):
        sync_spec("ftp://example.com/x.yaml", tmp_path / "spec")


def test_unreachable_url_fails_fast_and_names_the_url(synced: tuple[Path, Path]) -> None:
    _, spec_dir = synced
    before = snapshot(spec_dir)
    url = "http://127.0.0.1:9/x.yaml"
    started = time.monotonic()
    with pytest.raises(GeneratorError) as excinfo:
        sync_spec(url, spec_dir, timeout=2)
    assert time.monotonic() - started < 5
    assert url in str(excinfo.value)
    assert snapshot(spec_dir) == before


def test_a_silent_server_times_out(tmp_path: Path) -> None:
    # A listening socket nobody accepts from: the connection opens, the response never comes.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/openapi.yaml"
        started = time.monotonic()
        with pytest.raises(GeneratorError) as excinfo:
            sync_spec(url, tmp_path / "spec", timeout=0.5)
        assert time.monotonic() - started < 5
    assert str(excinfo.value) == f"cannot download {url}: timed out after 0.5 s"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def http_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server: (base URL, the directory it serves)."""
    root = tmp_path / "www"
    root.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_download_over_http(http_root: tuple[str, Path], tmp_path: Path) -> None:
    base, root = http_root
    (root / "openapi.yaml").write_bytes(SMALL_DOC)
    url = f"{base}/openapi.yaml"
    lock = sync_spec(url, tmp_path / "spec", today=DAY)
    assert lock == SpecLock(
        version="9.9.9",
        sha256=hashlib.sha256(SMALL_DOC).hexdigest(),
        source=url,
        synced=DAY,
        openapi="3.0.3",
    )
    assert (tmp_path / "spec" / "openapi.yaml").read_bytes() == SMALL_DOC
    # The lock names the URL, so the drift message tells how to re-download it.
    (tmp_path / "spec" / "openapi.yaml").write_bytes(b"changed")
    with pytest.raises(GeneratorError, match=f"sync-spec --from {url}"):
        verify_lock(tmp_path / "spec" / "openapi.yaml", tmp_path / "spec")


def test_http_error_names_the_url_and_status(
    http_root: tuple[str, Path], synced: tuple[Path, Path]
) -> None:
    base, _ = http_root
    _, spec_dir = synced
    before = snapshot(spec_dir)
    url = f"{base}/missing.yaml"
    with pytest.raises(GeneratorError) as excinfo:
        sync_spec(url, spec_dir, timeout=5)
    assert str(excinfo.value) == f"cannot download {url}: HTTP 404 File not found"
    assert snapshot(spec_dir) == before

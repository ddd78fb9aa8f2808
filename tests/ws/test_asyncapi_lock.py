"""The spec lock covers the AsyncAPI document: sync-spec --document asyncapi, drift refused,
setup.sh syncing the locked version from ../shared/spec like the OpenAPI one.

The document is read from ../shared/spec/ (never copied into the repo); mutated copies are
built in tmp_path.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml
from cli_runner import codegen
from scratch_project import write_targets
from shared_specs import SHARED_SPEC, locked_spec_path, unavailable

from generator.documents.load import load_document
from generator.documents.speclock import (
    ALIASES,
    ASYNCAPI,
    DOCUMENTS,
    OPENAPI,
    SpecLock,
    lock_to_json,
    read_lock,
    sync_spec,
    verify_lock,
)
from generator.errors import GeneratorError
from generator.targets import project_targets

REPO = Path(__file__).resolve().parents[2]
WS_VERSION = "2.0.0"
DAY = date(2025, 1, 31)


def ws_document() -> Path:
    """../shared/spec/kalshi-ws-asyncapi-2.0.0.yaml; skip (fail in CI) when it is missing."""
    path = SHARED_SPEC / ASYNCAPI.shared_file(WS_VERSION)
    if not path.is_file():
        unavailable(f"{path} is missing: the real Kalshi documents live in ../shared/spec/")
    return path


def published_sha256(name: str) -> str:
    """The digest SHA256SUMS (shipped beside the documents) gives for `name`."""
    for line in (SHARED_SPEC / "SHA256SUMS").read_text().splitlines():
        if line.endswith(f"  {name}"):
            return line.split()[0]
    raise AssertionError(f"{name} is not in SHA256SUMS")


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


@pytest.fixture
def synced(tmp_path: Path) -> tuple[Path, Path]:
    """A spec dir holding the synced AsyncAPI document: (source, spec dir)."""
    source = ws_document()
    spec_dir = tmp_path / "spec"
    sync_spec(str(source), spec_dir, document=ASYNCAPI, today=DAY)
    return source, spec_dir


def test_the_table_locks_every_target_beside_each_other() -> None:
    assert list(DOCUMENTS) == list(project_targets())  # one row per target, in file order
    assert (ASYNCAPI.name, ASYNCAPI.kind) == ("ws", "asyncapi")  # the root's streaming one
    assert (ASYNCAPI.spec_name, ASYNCAPI.lock_name) == ("asyncapi.yaml", "asyncapi.lock.json")
    assert ASYNCAPI.shared_file("2.0.0") == "kalshi-ws-asyncapi-2.0.0.yaml"
    perps_ws = DOCUMENTS["perps-ws"]
    assert (perps_ws.spec_name, perps_ws.lock_name) == (
        "perps-asyncapi.yaml",
        "perps-asyncapi.lock.json",
    )
    assert OPENAPI.sync_command == "kalshi-codegen sync-spec"  # the default needs no option
    assert ASYNCAPI.sync_command == "kalshi-codegen sync-spec --target ws"
    assert ALIASES == {"openapi": "trade", "asyncapi": "ws"}  # the names before targets


def test_sync_writes_the_document_and_a_lock_of_the_same_shape(tmp_path: Path) -> None:
    source = ws_document()
    spec_dir = tmp_path / "spec"
    lock = sync_spec(str(source), spec_dir, document=ASYNCAPI, today=DAY)

    digest = published_sha256(source.name)
    assert lock == SpecLock(
        version=WS_VERSION, sha256=digest, source=str(source), synced=DAY, asyncapi="3.0.0"
    )
    assert lock.kind == "asyncapi"
    assert (spec_dir / "asyncapi.yaml").read_bytes() == source.read_bytes()
    assert (spec_dir / "asyncapi.lock.json").read_text() == (
        "{\n"
        '  "asyncapi": "3.0.0",\n'
        f'  "sha256": "{digest}",\n'
        f'  "source": "{source}",\n'
        '  "synced": "2025-01-31",\n'
        f'  "version": "{WS_VERSION}"\n'
        "}\n"
    )
    # the OpenAPI files are another row of the table: untouched, not created
    assert sorted(p.name for p in spec_dir.iterdir()) == ["asyncapi.lock.json", "asyncapi.yaml"]
    assert read_lock(spec_dir, ASYNCAPI) == lock
    assert read_lock(spec_dir) is None  # no OpenAPI lock here
    assert verify_lock(spec_dir / "asyncapi.yaml", spec_dir, ASYNCAPI)


def test_sync_again_is_idempotent(synced: tuple[Path, Path]) -> None:
    source, spec_dir = synced
    before = snapshot(spec_dir)
    lock = sync_spec(str(source), spec_dir, document=ASYNCAPI, today=date(2030, 1, 1))
    assert lock.synced == DAY  # the same document: the committed lock stays byte-identical
    assert snapshot(spec_dir) == before

    args = ("sync-spec", "--document", "asyncapi", "--from", source, "--spec-dir", spec_dir)
    first, second = codegen(*args), codegen(*args)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    digest = published_sha256(source.name)[:12]
    line = (
        f"{spec_dir / 'asyncapi.yaml'}: Kalshi AsyncAPI document {WS_VERSION} "
        f"(sha256 {digest}...), lock {spec_dir / 'asyncapi.lock.json'}\n"
    )
    assert first.stdout == second.stdout == line
    assert snapshot(spec_dir) == before


def test_a_drifted_document_is_refused_naming_the_sync_command(synced: tuple[Path, Path]) -> None:
    source, spec_dir = synced
    spec = spec_dir / "asyncapi.yaml"
    spec.write_bytes(spec.read_bytes() + b"# edited\n")
    with pytest.raises(GeneratorError) as excinfo:
        verify_lock(spec, spec_dir, ASYNCAPI)
    message = str(excinfo.value)
    assert "does not match the lock (2.0.0" in message
    assert f"`kalshi-codegen sync-spec --target ws --from {source}`" in message
    # the OpenAPI row does not look at it
    assert not verify_lock(spec, spec_dir)


def test_generate_refuses_a_drifted_or_missing_asyncapi_document(
    synced: tuple[Path, Path], tmp_path: Path
) -> None:
    """Before anything is read or written: one line naming the file and the command to run."""
    source, spec_dir = synced
    ws = spec_dir / "asyncapi.yaml"
    out = tmp_path / "out"
    generate = ("generate", "--spec", spec_dir / "openapi.yaml", "--output", out)
    fix = f"run `kalshi-codegen sync-spec --target ws --from {source}`"

    ws.write_bytes(ws.read_bytes() + b"# edited\n")
    drifted = codegen(*generate)
    assert drifted.returncode == 2
    assert drifted.stderr.startswith(f"kalshi-codegen: error: {ws}: sha256 ")
    assert f"does not match the lock (2.0.0, sha256 {published_sha256(source.name)[:12]}...)" in (
        drifted.stderr
    )
    assert fix in drifted.stderr and drifted.stderr.count("\n") == 1

    ws.unlink()
    missing = codegen(*generate)
    assert missing.returncode == 2
    assert missing.stderr == (
        f"kalshi-codegen: error: {ws}: the locked AsyncAPI document 2.0.0 has not been "
        f"synced yet; {fix}\n"
    )
    assert not out.exists()


def test_a_locked_document_never_synced_is_refused(synced: tuple[Path, Path]) -> None:
    _, spec_dir = synced
    (spec_dir / "asyncapi.yaml").unlink()  # a fresh clone: the document is git-ignored
    with pytest.raises(GeneratorError, match="AsyncAPI document 2.0.0 has not been synced yet"):
        verify_lock(spec_dir / "asyncapi.yaml", spec_dir, ASYNCAPI)


def test_other_paths_and_a_missing_lock_are_not_the_locked_document(
    synced: tuple[Path, Path], tmp_path: Path
) -> None:
    source, spec_dir = synced
    assert not verify_lock(source, spec_dir, ASYNCAPI)  # same bytes, another path
    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copy(source, bare / "asyncapi.yaml")
    assert not verify_lock(bare / "asyncapi.yaml", bare, ASYNCAPI)


def test_a_document_of_the_other_kind_is_refused_and_nothing_written(
    synced: tuple[Path, Path],
) -> None:
    source, spec_dir = synced
    before = snapshot(spec_dir)
    with pytest.raises(
        GeneratorError, match=r"not an AsyncAPI 3\.x document \(asyncapi: missing\)"
    ):
        sync_spec(str(locked_spec_path()), spec_dir, document=ASYNCAPI)
    with pytest.raises(GeneratorError, match=r"not an OpenAPI 3\.x document \(openapi: missing\)"):
        sync_spec(str(source), spec_dir)  # the default row is the OpenAPI one
    assert snapshot(spec_dir) == before


def test_a_lock_of_the_other_kind_is_an_invalid_lock(synced: tuple[Path, Path]) -> None:
    _, spec_dir = synced
    lock = json.loads((spec_dir / "asyncapi.lock.json").read_text())
    lock["openapi"] = lock.pop("asyncapi")
    (spec_dir / "asyncapi.lock.json").write_text(json.dumps(lock))
    with pytest.raises(GeneratorError, match="it locks an openapi document, not an asyncapi one"):
        read_lock(spec_dir, ASYNCAPI)
    del lock["openapi"]
    (spec_dir / "asyncapi.lock.json").write_text(json.dumps(lock))
    with pytest.raises(GeneratorError, match="exactly one of `openapi` and `asyncapi`"):
        read_lock(spec_dir, ASYNCAPI)


def test_an_invalid_document_leaves_spec_and_lock_untouched(
    synced: tuple[Path, Path], tmp_path: Path
) -> None:
    """sync runs the AsyncAPI check in full before writing: a locked document is a checked one."""
    source, spec_dir = synced
    before = snapshot(spec_dir)
    doc = load_document(source)
    doc["channels"]["ticker"]["messages"]["ticker"] = {"$ref": "#/components/messages/nope"}
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    with pytest.raises(GeneratorError, match="channels.ticker"):
        sync_spec(str(bad), spec_dir, document=ASYNCAPI, today=date(2030, 1, 1))
    assert snapshot(spec_dir) == before


def test_unknown_document_is_a_usage_error(tmp_path: Path) -> None:
    done = codegen(
        "sync-spec", "--document", "nope", "--from", ws_document(), "--spec-dir", tmp_path
    )
    assert done.returncode == 2
    assert f"unknown target 'nope' (known: {', '.join(DOCUMENTS)})" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_committed_lock_is_the_shared_document() -> None:
    lock = read_lock(REPO / "spec", ASYNCAPI)
    assert lock is not None, "spec/asyncapi.lock.json is missing"
    assert lock.kind == "asyncapi"
    name = ASYNCAPI.shared_file(lock.version)
    assert lock.sha256 == published_sha256(name)
    assert (REPO / "spec" / "asyncapi.lock.json").read_text() == lock_to_json(lock)
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", "spec/asyncapi.yaml"], cwd=REPO, check=False
    )
    assert ignored.returncode == 0, "spec/asyncapi.yaml must be git-ignored, as spec/openapi.yaml"


# --- scripts/setup.sh ------------------------------------------------------------------------


def setup_scratch(tmp_path: Path) -> Path:
    """A copy of what setup.sh reads, with a stand-in .venv that runs this interpreter (pip is
    skipped: the stamp says pyproject.toml is installed) and both documents locked."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "scripts" / "setup.sh", repo / "scripts")
    shutil.copytree(
        REPO / "generator", repo / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", repo)
    write_targets(repo, "trade", "ws")
    venv = repo / ".venv"
    (venv / "bin").mkdir(parents=True)
    for name, command in (("python", ""), ("kalshi-codegen", " -m generator.cli")):
        script = venv / "bin" / name
        script.write_text(f'#!/bin/sh\nexec "{sys.executable}"{command} "$@"\n')
        script.chmod(0o755)
    stamp = hashlib.sha256((repo / "pyproject.toml").read_bytes()).hexdigest()
    (venv / "kalshi-codegen-installed.sha256").write_text(stamp + "\n")
    spec = repo / "spec"
    sync_spec(str(locked_spec_path()), spec, today=DAY)
    sync_spec(str(ws_document()), spec, document=ASYNCAPI, today=DAY)
    for document in (OPENAPI, ASYNCAPI):
        (spec / document.spec_name).unlink()  # a fresh clone: only the locks
    return repo


def run_setup(repo: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable, "SPEC_SOURCE": str(SHARED_SPEC)}
    env["PYTHONPATH"] = str(repo)
    return subprocess.run(
        ["bash", str(repo / "scripts" / "setup.sh"), "--no-generate"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_setup_syncs_the_locked_asyncapi_document_like_the_openapi_one(tmp_path: Path) -> None:
    ws_document()
    repo = setup_scratch(tmp_path)
    spec = repo / "spec"
    locks = {
        name: (spec / name).read_bytes() for name in ("openapi.lock.json", "asyncapi.lock.json")
    }
    rest_lock = read_lock(spec)
    assert rest_lock is not None

    done = run_setup(repo)

    assert done.returncode == 0, done.stdout + done.stderr
    rest_synced = (
        f"spec/openapi.yaml: Kalshi spec {rest_lock.version} "
        f"(sha256 {rest_lock.sha256[:12]}...), lock spec/openapi.lock.json"
    )
    ws_synced = (
        f"spec/asyncapi.yaml: Kalshi AsyncAPI document {WS_VERSION} "
        f"(sha256 {published_sha256(ws_document().name)[:12]}...), lock spec/asyncapi.lock.json"
    )
    assert done.stdout.splitlines()[1:] == [
        f"==> syncing the locked spec ({rest_lock.version}) from {SHARED_SPEC}",
        rest_synced,
        f"==> syncing the locked Kalshi WebSocket API (ws) document ({WS_VERSION}) from {SHARED_SPEC}",
        ws_synced,
    ]
    assert (spec / "asyncapi.yaml").read_bytes() == ws_document().read_bytes()
    assert (spec / "openapi.yaml").read_bytes() == locked_spec_path().read_bytes()
    assert {name: (spec / name).read_bytes() for name in locks} == locks  # the locks unchanged

    # in sync: nothing to do; a drifted AsyncAPI document alone is synced back
    again = run_setup(repo)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[1:] == [
        "==> spec/openapi.yaml matches the lock",
        "==> spec/asyncapi.yaml matches the lock",
    ]
    (spec / "asyncapi.yaml").write_bytes(b"asyncapi: 3.0.0\n")
    drifted = run_setup(repo)
    assert drifted.returncode == 0, drifted.stderr
    assert drifted.stdout.splitlines()[1:3] == [
        "==> spec/openapi.yaml matches the lock",
        f"==> syncing the locked Kalshi WebSocket API (ws) document ({WS_VERSION}) from {SHARED_SPEC}",
    ]
    assert (spec / "asyncapi.yaml").read_bytes() == ws_document().read_bytes()


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_setup_fails_when_the_locked_asyncapi_document_cannot_be_had(tmp_path: Path) -> None:
    ws_document()
    repo = setup_scratch(tmp_path)
    source = tmp_path / "only-openapi"
    source.mkdir()
    shutil.copy(locked_spec_path(), source)
    env_source = str(source)

    done = subprocess.run(
        ["bash", str(repo / "scripts" / "setup.sh"), "--no-generate"],
        cwd=repo,
        env={**os.environ, "PYTHON": sys.executable, "SPEC_SOURCE": env_source},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert done.returncode == 2, done.stdout + done.stderr
    missing = source / ASYNCAPI.shared_file(WS_VERSION)
    assert done.stderr.strip().splitlines()[-1] == (
        f"kalshi-codegen: error: {missing}: file not found"
    )
    assert not (repo / "spec" / "asyncapi.yaml").exists()


# --- scripts/spec-update.sh --document asyncapi ----------------------------------------------


def spec_update_scratch(tmp_path: Path) -> Path:
    """A copy of the project locked to the shared OpenAPI and AsyncAPI documents, its client
    generated from them (no .venv: the script runs `python -m generator.cli`)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("generator", "templates", "scripts"):
        shutil.copytree(REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "overrides.yaml", "overrides-ws.yaml"):
        shutil.copy(REPO / name, repo)
    write_targets(repo, "trade", "ws")
    sync_spec(str(locked_spec_path()), repo / "spec", today=DAY)
    sync_spec(str(ws_document()), repo / "spec", document=ASYNCAPI, today=DAY)
    done = run_in(repo, sys.executable, "-m", "generator.cli", "generate")
    assert done.returncode == 0, done.stderr
    return repo


def run_in(repo: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_OUTPUT"}
    env.update(PYTHON=sys.executable, PYTHONPATH=str(repo), WIRE_SAMPLES=str(repo / "none"))
    return subprocess.run(
        [str(a) for a in args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_spec_update_moves_the_asyncapi_document(tmp_path: Path) -> None:
    repo = spec_update_scratch(tmp_path)
    script = repo / "scripts" / "spec-update.sh"
    spec = repo / "spec"
    rest_lock = (spec / "openapi.lock.json").read_bytes()

    same = run_in(repo, "bash", script, ws_document(), "--document", "asyncapi", "--out", "out")
    assert same.returncode == 0, same.stdout + same.stderr
    assert "nothing to update" in same.stdout
    assert (repo / "out" / "status").read_text() == "unchanged\n"

    # 2.0.1: an optional field on ticker frames
    doc = load_document(ws_document())
    doc["info"]["version"] = "2.0.1"
    ticker = doc["components"]["schemas"]["tickerPayload"]["properties"]["msg"]["properties"]
    ticker["volume_24h_fp"] = {"type": "string"}
    new = tmp_path / "kalshi-ws-asyncapi-2.0.1.yaml"
    new.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")

    done = run_in(repo, "bash", script, new, "--document", "asyncapi", "--out", "out")

    assert done.returncode == 0, done.stdout + done.stderr
    out = repo / "out"
    assert (out / "old-asyncapi.yaml").read_bytes() == ws_document().read_bytes()
    assert (spec / "asyncapi.yaml").read_bytes() == new.read_bytes()
    lock = read_lock(spec, ASYNCAPI)
    assert lock is not None and (lock.version, lock.source) == ("2.0.1", str(new))
    assert (spec / "openapi.lock.json").read_bytes() == rest_lock  # the other document stays
    changes = (out / "changes.md").read_text()
    assert changes.startswith("## WebSocket API changes: 2.0.0 -> 2.0.1\n")
    assert "  - field `msg.volume_24h_fp` added (string)" in changes
    assert (spec / "changes" / "ws-2.0.0-to-2.0.1.md").read_text() == changes  # the target's
    report = json.loads((out / "changes.json").read_text())
    assert list(report["messages"]["changed"]) == ["ticker"] and report["breaking"] == []
    body = (out / "pr-body.md").read_text()
    assert body.startswith("# Kalshi WebSocket API (ws) document 2.0.0 -> 2.0.1\n")
    assert changes in body
    assert (out / "status").read_text() == "updated\n"
    # setup.sh syncs every locked document from one folder: the new one beside the other
    assert sorted(p.name for p in (out / "spec-source").iterdir()) == [
        locked_spec_path().name,
        "kalshi-ws-asyncapi-2.0.1.yaml",
    ]
    assert f"SPEC_SOURCE={out}/spec-source ./scripts/test.sh --snapshot-update" in done.stdout
    assert "commit together: generated/ spec/asyncapi.lock.json" in done.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_spec_update_asks_for_the_asyncapi_source_and_knows_its_documents(tmp_path: Path) -> None:
    repo = tmp_path / "repo"  # both stop before reading or writing anything
    for name in ("generator", "scripts"):
        shutil.copytree(REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    write_targets(repo, "trade", "ws")
    script = repo / "scripts" / "spec-update.sh"

    no_source = run_in(repo, "bash", script, "--document", "asyncapi")
    assert no_source.returncode == 2
    assert no_source.stderr == (
        "spec-update: --target ws needs the new document's PATH_OR_URL (see --help)\n"
    )
    unknown = run_in(repo, "bash", script, ws_document(), "--document=perps")  # not here
    assert unknown.returncode == 2
    assert unknown.stderr == (
        "spec-update: unknown target 'perps' (known targets: trade, ws) (see --help)\n"
    )
    assert sorted(p.name for p in repo.iterdir()) == ["generator", "scripts", "targets.yaml"]

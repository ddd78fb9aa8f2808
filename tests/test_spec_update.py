"""scripts/spec-update.sh end to end, in a scratch copy of the project.

The scratch copy holds what the script needs (generator/, templates/, pyproject.toml,
scripts/, a targets.yaml of the trade target alone, a spec/ lock) and no .venv, so the script runs `python -m generator.cli`. The tiny
API of tests/fixtures/update/ comes in two releases: v1 (locked first) and v2 (DeleteWidget
removed, ArchiveWidget added); v2_stale.yaml also defines the `verbose` parameter that
overrides.yaml keeps absent. The last tests use the real Kalshi documents in ../shared/spec/.
"""

from __future__ import annotations

import compileall
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from scratch_project import write_targets
from shared_specs import real_spec_path

from generator.cli import main as codegen
from generator.documents.load import load_document

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "update"
SCRIPT = Path("scripts") / "spec-update.sh"
STALE_FIXTURE_ENTRY = "operations.GetWidget.absent_params[verbose]"
# overrides.yaml as it was while the client was locked to 3.13.0 (kept as a fixture since the
# move to 3.31.0), and what generating 3.31.0 with it must name, each checked against the
# document in test_the_stale_entries_for_3_31_0_are_really_stale.
OVERRIDES_3_13_0 = FIXTURES / "overrides-3.13.0.yaml"
STALE_FOR_3_31_0 = [
    "operations.CreateOrderGroup.add_params[exchange_index]",
    "operations.DeleteOrderGroup.add_params[exchange_index]",
    "operations.UpdateOrderGroupLimit.absent_params[subaccount]",
]

pytestmark = [
    pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash"),
    pytest.mark.slow,  # scratch copies of the project, several processes per script run
]


# --- helpers ---------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): sha256(p) for p in sorted(root.rglob("*")) if p.is_file()}


def run(
    repo: Path, *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "GITHUB_OUTPUT"}
    environ.update(PYTHON=sys.executable, PYTHONPATH=str(repo), **(env or {}))
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd or repo,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def scratch_repo(tmp_path: Path, locked: Path, overrides: Path) -> Path:
    """A copy of the project locked to `locked`, with its client generated from it."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("generator", "templates", "scripts"):
        shutil.copytree(REPO / name, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
    # compiled once here, not by each `python -m generator.cli` the script runs (they write no
    # bytecode under PYTHONDONTWRITEBYTECODE)
    compileall.compile_dir(repo / "generator", quiet=1)
    shutil.copy(REPO / "pyproject.toml", repo)
    shutil.copy(overrides, repo / "overrides.yaml")
    write_targets(repo, "trade")
    (repo / "spec").mkdir()
    for command in (("sync-spec", "--from", locked), ("generate",)):
        done = run(repo, sys.executable, "-m", "generator.cli", *command)
        assert done.returncode == 0, done.stderr
    return repo


def spec_update(
    repo: Path, *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run(repo, "bash", repo / SCRIPT, *args, cwd=cwd, env=env)


def stale_entries(message: str) -> list[str]:
    """The entry names of the generator's stale-override message, one `  - entry: why` a line."""
    return sorted(
        line[4:].split(": ", 1)[0] for line in message.splitlines() if line.startswith("  - ")
    )


@pytest.fixture(scope="session")
def scratch_repo_v1(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scratch copy locked to v1, built once: each test gets a copy of it (`repo`)."""
    return scratch_repo(
        tmp_path_factory.mktemp("scratch-v1"), FIXTURES / "v1.yaml", FIXTURES / "overrides.yaml"
    )


@pytest.fixture
def repo(tmp_path: Path, scratch_repo_v1: Path) -> Path:
    """A scratch copy of the project locked to v1, this test's own."""
    copy = tmp_path / "repo"
    shutil.copytree(scratch_repo_v1, copy, symlinks=True)
    return copy


# --- the fixture API ---------------------------------------------------------------------------


def test_update_syncs_compares_regenerates_and_writes_the_pr_body(repo: Path) -> None:
    before = tree_digest(repo / "generated")
    surface_before = (repo / "generated" / "SURFACE.txt").read_text()
    new = FIXTURES / "v2.yaml"

    done = spec_update(repo, new)

    assert done.returncode == 0, done.stderr
    out = repo / ".spec-update"
    # (a) the old document is kept, (b) the new one is synced and locked
    assert (out / "old-openapi.yaml").read_bytes() == (FIXTURES / "v1.yaml").read_bytes()
    assert (repo / "spec" / "openapi.yaml").read_bytes() == new.read_bytes()
    lock = json.loads((repo / "spec" / "openapi.lock.json").read_text())
    assert (lock["version"], lock["sha256"], lock["source"]) == ("2.0.0", sha256(new), str(new))
    # (c) the change report, in both formats, and the copy to commit
    report = json.loads((out / "changes.json").read_text())
    assert report["operations"]["added"] == ["ArchiveWidget"]
    assert report["operations"]["removed"] == ["DeleteWidget"]
    assert report["breaking"] == ["operation `DeleteWidget` removed (DELETE /widgets/{widget_id})"]
    changes = (out / "changes.md").read_text()
    assert changes.startswith("## API changes: 1.0.0 -> 2.0.0\n")
    assert "| `ArchiveWidget` | POST | `/widgets/{widget_id}/archive` |" in changes
    assert "| `DeleteWidget` | DELETE | `/widgets/{widget_id}` |" in changes
    assert (repo / "spec" / "changes" / "1.0.0-to-2.0.0.md").read_text() == changes
    # (d) generated/ moved with the spec
    after = tree_digest(repo / "generated")
    assert after != before
    surface = (repo / "generated" / "SURFACE.txt").read_text()
    assert "widgets.delete(" in surface_before and "widgets.delete(" not in surface
    assert "widgets.archive(" in surface
    # (e) the override report and the pull-request body with both reports
    overrides = (out / "OVERRIDES.md").read_text()
    assert overrides == (repo / "generated" / "OVERRIDES.md").read_text()
    body = (out / "pr-body.md").read_text()
    assert body.startswith("# Kalshi spec 1.0.0 -> 2.0.0\n")
    assert changes in body
    assert "## Override report" in body and f"`{STALE_FIXTURE_ENTRY}`" in body
    assert (out / "status").read_text() == "updated\n"
    assert not (out / "overrides-stale.md").exists()
    # what to do next; setup.sh (run by test.sh) syncs the new version from SPEC_SOURCE
    assert (out / "spec-source" / "kalshi-openapi-2.0.0.yaml").read_bytes() == new.read_bytes()
    assert f"SPEC_SOURCE={out}/spec-source ./scripts/test.sh --snapshot-update" in done.stdout
    assert "git diff" in done.stdout and "spec/changes/1.0.0-to-2.0.0.md" in done.stdout


def test_the_same_document_again_is_nothing_to_update(repo: Path) -> None:
    assert spec_update(repo, FIXTURES / "v2.yaml").returncode == 0
    lock_text = (repo / "spec" / "openapi.lock.json").read_text()
    generated = tree_digest(repo / "generated")

    done = spec_update(repo, FIXTURES / "v2.yaml")

    assert done.returncode == 0, done.stderr
    assert "nothing to update" in done.stdout
    assert (repo / ".spec-update" / "status").read_text() == "unchanged\n"
    assert not (repo / ".spec-update" / "pr-body.md").exists()  # no stale body from the last run
    assert (repo / "spec" / "openapi.lock.json").read_text() == lock_text
    assert tree_digest(repo / "generated") == generated


def test_stale_override_stops_the_update_and_names_the_entry(repo: Path) -> None:
    generated = tree_digest(repo / "generated")
    new = FIXTURES / "v2_stale.yaml"

    done = spec_update(repo, new, "--out", "reports")

    assert done.returncode == 3, done.stdout + done.stderr
    assert "STOPPED" in done.stderr and "edit overrides.yaml" in done.stderr
    out = repo / "reports"
    stale = (out / "overrides-stale.md").read_text()
    assert f"- `{STALE_FIXTURE_ENTRY}`: the spec now defines 'verbose' on GetWidget" in stale
    assert "1 entry of `overrides.yaml` no longer matches" in stale
    assert "## API changes: 1.0.0 -> 2.0.0" in stale  # the draft PR keeps the change report
    assert (out / "status").read_text() == "stale\n"
    assert not (out / "pr-body.md").exists()
    assert tree_digest(repo / "generated") == generated  # nothing half-generated
    assert json.loads((repo / "spec" / "openapi.lock.json").read_text())["sha256"] == sha256(new)

    # A person fixes overrides.yaml; the same command continues the update from 1.0.0.
    (repo / "overrides.yaml").write_text("version: 1\n")
    again = spec_update(repo, new, "--out", "reports")

    assert again.returncode == 0, again.stderr
    assert "continuing the update" in again.stdout
    body = (out / "pr-body.md").read_text()
    assert "## API changes: 1.0.0 -> 2.0.0" in body
    assert "query parameter `verbose` added (boolean)" in body
    assert (
        "widgets.get(widget_id: str, *, verbose: bool | None = None)"
        in (repo / "generated" / "SURFACE.txt").read_text()
    )
    assert (out / "status").read_text() == "updated\n"


def test_relative_paths_are_read_from_the_callers_directory(repo: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(FIXTURES / "v2.yaml", elsewhere / "next.yaml")

    done = spec_update(repo, "next.yaml", "--out", "out", cwd=elsewhere)

    assert done.returncode == 0, done.stderr
    assert (elsewhere / "out" / "pr-body.md").is_file()
    assert not (repo / "out").exists()
    assert json.loads((repo / "spec" / "openapi.lock.json").read_text())["version"] == "2.0.0"


def test_github_outputs_tell_the_workflow_what_happened(repo: Path, tmp_path: Path) -> None:
    outputs = tmp_path / "github_output"
    done = spec_update(repo, FIXTURES / "v2.yaml", env={"GITHUB_OUTPUT": str(outputs)})

    assert done.returncode == 0, done.stderr
    values = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
    out = repo / ".spec-update"
    assert values["status"] == "updated"
    assert (values["old_version"], values["new_version"]) == ("1.0.0", "2.0.0")
    assert Path(values["body"]) == out / "pr-body.md"
    assert Path(values["spec_source"]) == out / "spec-source"


def test_without_the_locked_document_there_is_nothing_to_compare(repo: Path) -> None:
    (repo / "spec" / "openapi.yaml").unlink()
    generated = tree_digest(repo / "generated")

    done = spec_update(repo, FIXTURES / "v2.yaml")

    assert done.returncode == 1
    assert "spec/openapi.yaml (the locked document, 1.0.0) is missing" in done.stderr
    assert "./scripts/setup.sh --no-generate" in done.stderr
    assert json.loads((repo / "spec" / "openapi.lock.json").read_text())["version"] == "1.0.0"
    assert tree_digest(repo / "generated") == generated

    degraded = spec_update(repo, FIXTURES / "v2.yaml", "--allow-missing-old")
    assert degraded.returncode == 0, degraded.stderr
    assert "No change report" in (repo / ".spec-update" / "pr-body.md").read_text()


def test_bad_arguments(repo: Path) -> None:
    assert spec_update(repo, "--bogus").returncode == 2
    assert spec_update(repo, "a.yaml", "b.yaml").returncode == 2
    missing = spec_update(repo, "no-such-file.yaml")
    assert missing.returncode == 1 and "no such file: no-such-file.yaml" in missing.stderr
    offline = spec_update(repo, "ftp://example.invalid/openapi.yaml")
    assert offline.returncode == 2 and "unsupported URL" in offline.stderr
    assert "Exit codes" in spec_update(repo, "--help").stdout


# --- the real Kalshi documents -----------------------------------------------------------------


def test_the_stale_entries_for_3_31_0_are_really_stale() -> None:
    """Each entry the generator names is stale in the document itself, not by accident."""
    doc = load_document(real_spec_path("3.31.0"))
    ops = {
        op["operationId"]: (item, op)
        for item in doc["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    }

    def param_names(op_id: str) -> set[str]:
        item, op = ops[op_id]
        params = [*(item.get("parameters") or []), *(op.get("parameters") or [])]
        resolved = [
            doc["components"]["parameters"][p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p
            for p in params
        ]
        return {p["name"] for p in resolved}

    create_body = ops["CreateOrderGroup"][1]["requestBody"]["content"]["application/json"]["schema"]
    create_fields = doc["components"]["schemas"][create_body["$ref"].rsplit("/", 1)[1]][
        "properties"
    ]
    assert "exchange_index" in create_fields  # CreateOrderGroup.add_params[exchange_index]
    assert "exchange_index" in param_names("DeleteOrderGroup")  # DeleteOrderGroup.add_params[...]
    assert "subaccount" in param_names("UpdateOrderGroupLimit")  # .absent_params[subaccount]


def test_generating_3_31_0_with_the_3_13_0_overrides_names_every_stale_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = real_spec_path("3.31.0")
    output = tmp_path / "generated"

    code = codegen(
        [
            "generate",
            "--spec",
            str(spec),
            "--overrides",
            str(OVERRIDES_3_13_0),
            "--output",
            str(output),
        ]
    )

    message = capsys.readouterr().err
    assert code == 2, message
    assert "override(s) no longer match the spec" in message
    assert stale_entries(message) == STALE_FOR_3_31_0
    assert not output.exists()


def test_spec_update_from_3_13_0_to_3_31_0_stops_on_the_stale_overrides(tmp_path: Path) -> None:
    repo = scratch_repo(tmp_path, real_spec_path("3.13.0"), OVERRIDES_3_13_0)
    generated = tree_digest(repo / "generated")

    done = spec_update(repo, real_spec_path("3.31.0"))

    assert done.returncode == 3, done.stdout + done.stderr
    stale = (repo / ".spec-update" / "overrides-stale.md").read_text()
    section = stale.split("## Entries to change\n", 1)[1].split("## What to do", 1)[0]
    named = [line.split("`")[1] for line in section.splitlines() if line.startswith("- `")]
    assert named == STALE_FOR_3_31_0  # one line per entry, sorted
    assert "3 entries of `overrides.yaml` no longer match" in stale
    report = json.loads((repo / ".spec-update" / "changes.json").read_text())
    assert (len(report["operations"]["added"]), len(report["operations"]["removed"])) == (37, 9)
    assert tree_digest(repo / "generated") == generated


def test_the_current_overrides_fit_the_locked_spec(tmp_path: Path) -> None:
    """After the move, the repository's overrides.yaml generates the locked release cleanly."""
    lock = json.loads((REPO / "spec" / "openapi.lock.json").read_text())
    code = codegen(
        [
            "generate",
            "--spec",
            str(real_spec_path(lock["version"])),
            "--overrides",
            str(REPO / "overrides.yaml"),
            "--output",
            str(tmp_path / "generated"),
        ]
    )
    assert code == 0


def test_the_pr_body_carries_the_audit_of_recorded_responses(repo: Path, tmp_path: Path) -> None:
    samples = tmp_path / "recordings"
    samples.mkdir()
    recording = {
        "format": "kalshi-recording/1",
        "method": "GET",
        "path": "/widgets",
        "query": [],
        "status": 200,
        "content_type": "application/json",
        "body": {"widgets": [{"widget_id": "w1"}]},  # the server omits the required name
        "text": None,
    }
    (samples / "0001-GET-widgets.json").write_text(json.dumps(recording))

    done = spec_update(repo, FIXTURES / "v2.yaml", env={"WIRE_SAMPLES": str(samples)})

    assert done.returncode == 0, done.stderr
    audit = (repo / ".spec-update" / "audit.md").read_text()
    assert "| Widget | `name` | missing_required | 1 | 1 |" in audit
    body = (repo / ".spec-update" / "pr-body.md").read_text()
    assert "recorded responses deviate in ways overrides.yaml does not cover yet" in body
    assert "      name: absent from 1 recorded response(s)" in body
    assert "0. recorded responses deviate from 2.0.0" in done.stdout

    # The maintainer adds the suggested entry and runs the script again: it continues the
    # same update (the 1.0.0 document is still the old side) and the audit is clean.
    overrides = repo / "overrides.yaml"
    overrides.write_text(
        overrides.read_text()
        + "models:\n  Widget:\n    optional_fields:\n"
        + "      name: absent from 1 objects in 1 recorded responses (test)\n"
        + "    reason: The test server omits it.\n"
    )
    again = spec_update(repo, FIXTURES / "v2.yaml", env={"WIRE_SAMPLES": str(samples)})

    assert again.returncode == 0, again.stderr
    assert "continuing the update that stopped on recorded responses" in again.stdout
    assert "0. recorded responses deviate" not in again.stdout
    assert "0 deviation(s) not yet covered" in (repo / ".spec-update" / "audit.md").read_text()
    assert (repo / "spec" / "changes" / "1.0.0-to-2.0.0.md").is_file()
    body = (repo / ".spec-update" / "pr-body.md").read_text()
    assert "every deviation of the recorded responses is covered" in body
    assert "| `ArchiveWidget` | POST |" in body

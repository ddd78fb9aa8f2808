"""The command line contract of `kalshi-codegen generate` (issue 2).

Bad input (a missing file, invalid YAML, an unresolvable $ref, an unsupported OpenAPI version,
two methods with one name): exit code 2, one line on stderr naming the file and the location,
and the output folder exactly as it was. `--check`: exit 0 and nothing written on an
up-to-date tree, exit 1 and the changed files listed otherwise. One summary line.

Exit codes, stdout and stderr are the contract: the CLI runs in-process (generator.cli.main,
see tests/cli_runner.py; ruff still runs as a subprocess of it), and as a real process
(`python -m generator.cli`) where the interpreter's exit status is the point: bad input and
a usage error.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from cli_runner import codegen as cli
from cli_runner import codegen_process
from scratch_project import write_targets

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "tests" / "fixtures" / "specs"
BAD = SPECS / "bad"
SUMMARY = re.compile(r"(\d+) operations, (\d+) models, (\d+) files, (\d+\.\d+)s")


def state(folder: Path) -> dict[str, tuple[str, bytes | None]]:
    """Every entry under `folder` (files with bytes and mtime, folders, links), recursively."""
    found: dict[str, tuple[str, bytes | None]] = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = ("link", os.readlink(path).encode())
        elif path.is_dir():
            found[rel] = ("dir", None)
        else:
            found[rel] = (f"file mtime={path.stat().st_mtime_ns}", path.read_bytes())
    return found


@pytest.fixture
def empty_overrides(tmp_path: Path) -> Path:
    path = tmp_path / "overrides.yaml"
    path.write_text("", encoding="utf-8")
    return path


@pytest.fixture
def populated_output(tmp_path: Path) -> Path:
    """An output folder with a previous generation's look: it must survive bad input untouched."""
    out = tmp_path / "work" / "generated"
    (out / "kalshi" / "resources").mkdir(parents=True)
    (out / "pyproject.toml").write_text("# previous generation\n")
    (out / "kalshi" / "__init__.py").write_text('"""previous"""\n')
    (out / "kalshi" / "resources" / "old.py").write_bytes(b"x = 1\r\n\x00binary-ish\n")
    (out / "hand-written-note.txt").write_text("not generated, must stay\n")
    return out


# ---------------------------------------------------------------------- bad input

BAD_INPUTS: dict[str, tuple[str, str | None, str]] = {
    # id: (spec, overrides or None for an empty file, what the location part must match)
    "missing-spec": ("does-not-exist.yaml", None, r"does-not-exist\.yaml"),
    "invalid-yaml": ("bad/invalid_yaml.yaml", None, r"invalid_yaml\.yaml:\d+:\d+"),
    "unresolvable-ref": (
        "bad/unresolvable_ref.yaml",
        None,
        r"unresolvable_ref\.yaml: paths/+things/get/responses/200",
    ),
    "swagger-2.0": ("bad/swagger2.yaml", None, r"swagger2\.yaml: openapi"),
    "openapi-4.0": ("bad/openapi4.yaml", None, r"openapi4\.yaml: openapi"),
    "clashing-method-names": (
        "bad/clash.yaml",
        "bad/clash.overrides.yaml",
        r"clash\.yaml: paths/.*things",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_exits_2_with_one_line_and_leaves_output_alone(
    case: str, populated_output: Path, empty_overrides: Path
) -> None:
    spec, overrides, location = BAD_INPUTS[case]
    before = state(populated_output)
    parent_before = sorted(p.name for p in populated_output.parent.iterdir())

    done = codegen_process(
        "generate",
        "--spec",
        SPECS / spec,
        "--overrides",
        SPECS / overrides if overrides else empty_overrides,
        "--output",
        populated_output,
    )

    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{done.stderr}"
    assert "Traceback" not in done.stderr
    assert re.search(location, lines[0]), f"{lines[0]!r} does not name the file and location"
    assert str(SPECS / spec) in lines[0] or Path(spec).name in lines[0]
    assert state(populated_output) == before
    # no staging folder or backup left beside it either
    assert sorted(p.name for p in populated_output.parent.iterdir()) == parent_before


def test_bad_input_messages_say_what_is_wrong(empty_overrides: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    expected = {
        "does-not-exist.yaml": "file not found",
        "bad/invalid_yaml.yaml": "invalid YAML",
        "bad/unresolvable_ref.yaml": "unresolvable $ref '#/components/schemas/Missing'",
        "bad/swagger2.yaml": "unsupported OpenAPI version",
        "bad/openapi4.yaml": "unsupported OpenAPI version ('4.0.0')",
    }
    for spec, words in expected.items():
        done = cli(
            "generate", "--spec", SPECS / spec, "--overrides", empty_overrides, "--output", out
        )
        assert words in done.stderr, (spec, done.stderr)
    clash = cli(
        "generate",
        "--spec",
        BAD / "clash.yaml",
        "--overrides",
        BAD / "clash.overrides.yaml",
        "--output",
        out,
    )
    assert "GetThings" in clash.stderr and "GetThing " in clash.stderr
    assert "`things.fetch`" in clash.stderr
    assert not out.exists()  # never created on bad input


def test_missing_overrides_file_is_bad_input(populated_output: Path) -> None:
    before = state(populated_output)
    done = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        SPECS / "no-such-overrides.yaml",
        "--output",
        populated_output,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no-such-overrides.yaml" in done.stderr
    assert state(populated_output) == before


def test_a_late_failure_leaves_output_alone(
    populated_output: Path, empty_overrides: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the files were rendered and staged (here: formatting) still leaves the
    output folder as it was, and no staging folder behind: the tree is swapped in only whole."""
    from generator import pipeline
    from generator.emit import write
    from generator.errors import GeneratorError

    def broken_formatter(root: Path) -> None:
        raise GeneratorError("ruff format failed on the generated code (simulated)")

    monkeypatch.setattr(write, "format_tree", broken_formatter)
    before = state(populated_output)
    parent_before = sorted(p.name for p in populated_output.parent.iterdir())
    with pytest.raises(GeneratorError, match="simulated"):
        pipeline.generate(SPECS / "crud.yaml", empty_overrides, populated_output)
    assert state(populated_output) == before
    assert sorted(p.name for p in populated_output.parent.iterdir()) == parent_before


# ---------------------------------------------------------------------- a good run and --check


@pytest.fixture
def fresh_tree(tmp_path: Path, empty_overrides: Path) -> Path:
    out = tmp_path / "out"
    done = cli(
        "generate", "--spec", SPECS / "crud.yaml", "--overrides", empty_overrides, "--output", out
    )
    assert done.returncode == 0, done.stderr
    return out


def test_generate_prints_one_summary_line(tmp_path: Path, empty_overrides: Path) -> None:
    out = tmp_path / "out"
    done = cli(
        "generate", "--spec", SPECS / "crud.yaml", "--overrides", empty_overrides, "--output", out
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1, done.stdout
    match = SUMMARY.search(lines[0])
    assert match, lines[0]
    operations, models, files, _seconds = match.groups()
    assert int(operations) == 5  # crud.yaml: list, create, get, update, delete
    assert int(models) == 7
    assert int(files) == sum(1 for p in out.rglob("*") if p.is_file())
    assert done.stderr == ""  # no warnings for this spec, none printed without -v anyway


def test_verbose_prints_warnings_and_stage_timings(tmp_path: Path, empty_overrides: Path) -> None:
    done = cli(
        "generate",
        "--spec",
        SPECS / "yaml11.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        tmp_path / "out",
        "-v",
    )
    assert done.returncode == 0, done.stderr
    assert "warning: #/components/schemas/PriceLevels: array without `items`" in done.stderr
    assert re.search(r"load \d+\.\d+s", done.stderr)
    quiet = cli(
        "generate",
        "--spec",
        SPECS / "yaml11.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        tmp_path / "out2",
    )
    assert "warning(s) (-v)" in quiet.stdout and quiet.stderr == ""


def test_check_on_an_up_to_date_tree_exits_0_and_writes_nothing(
    fresh_tree: Path, empty_overrides: Path
) -> None:
    before = state(fresh_tree)
    parent_before = sorted(p.name for p in fresh_tree.parent.iterdir())
    done = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        fresh_tree,
        "--check",
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout
    assert SUMMARY.search(done.stdout)
    assert state(fresh_tree) == before  # same bytes and the same mtimes: nothing rewritten
    assert sorted(p.name for p in fresh_tree.parent.iterdir()) == parent_before


def test_check_after_a_hand_edit_exits_1_and_lists_the_file(
    fresh_tree: Path, empty_overrides: Path
) -> None:
    edited = fresh_tree / "kalshi" / "resources" / "widgets.py"
    edited.write_text(edited.read_text() + "\n# a hand edit\n")
    before = state(fresh_tree)
    done = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        fresh_tree,
        "--check",
    )
    assert done.returncode == 1, done.stdout + done.stderr
    listed = [line.strip() for line in done.stdout.splitlines() if line.startswith("  ")]
    assert listed == ["kalshi/resources/widgets.py"]
    assert SUMMARY.search(done.stdout)
    assert state(fresh_tree) == before  # --check never repairs


def test_check_lists_missing_and_extra_files(fresh_tree: Path, empty_overrides: Path) -> None:
    (fresh_tree / "kalshi" / "models" / "widgets.py").unlink()
    (fresh_tree / "kalshi" / "stray.py").write_text("x = 1\n")
    done = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        fresh_tree,
        "--check",
    )
    assert done.returncode == 1
    listed = [line.strip() for line in done.stdout.splitlines() if line.startswith("  ")]
    assert listed == ["kalshi/models/widgets.py", "kalshi/stray.py"]


@pytest.mark.parametrize("cache", ["__pycache__", ".mypy_cache", ".ruff_cache"])
def test_check_ignores_tool_caches_in_the_output(
    cache: str, fresh_tree: Path, empty_overrides: Path
) -> None:
    """Running python, mypy or ruff inside generated/ leaves git-ignored caches there; they
    are not generated files, so `--check` must not report them."""
    (fresh_tree / cache).mkdir(exist_ok=True)
    (fresh_tree / cache / "CACHEDIR.TAG").write_text(
        "Signature: 8a477f597d28d172789f06886806bc55\n"
    )
    done = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        fresh_tree,
        "--check",
    )
    assert done.returncode == 0, done.stdout


def test_check_on_a_missing_output_exits_1(tmp_path: Path, empty_overrides: Path) -> None:
    out = tmp_path / "never-generated"
    done = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        out,
        "--check",
    )
    assert done.returncode == 1
    assert "kalshi/client.py" in done.stdout
    assert not out.exists()


def test_regenerating_replaces_stale_files(fresh_tree: Path, empty_overrides: Path) -> None:
    """A file of an earlier generation (its manifest lists it) that this one no longer writes
    is removed; the manifest changes with it. (Files it never wrote are kept: see
    tests/test_output_safety.py.)"""
    (fresh_tree / "kalshi" / "stray.py").write_text("x = 1\n")
    manifest = fresh_tree / ".kalshi-codegen-manifest"
    manifest.write_text(manifest.read_text() + "kalshi/stray.py\n")
    done = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        fresh_tree,
    )
    assert done.returncode == 0
    assert "2 file(s) changed" in done.stdout  # kalshi/stray.py and the manifest
    assert not (fresh_tree / "kalshi" / "stray.py").exists()
    assert "kalshi/stray.py" not in manifest.read_text()
    again = cli(
        "generate",
        "--spec",
        SPECS / "crud.yaml",
        "--overrides",
        empty_overrides,
        "--output",
        fresh_tree,
    )
    assert "no changes" in again.stdout


@pytest.mark.parametrize("args", [["--help"], ["generate", "--help"]])
def test_help(args: list[str]) -> None:
    done = cli(*args)
    assert done.returncode == 0
    assert "kalshi-codegen" in done.stdout
    if "generate" in args:
        for option in ("--spec", "--overrides", "--output", "--check"):
            assert option in done.stdout
    else:
        assert "generate" in done.stdout


def test_without_a_targets_file_generate_says_what_to_pass(tmp_path: Path) -> None:
    done = cli("generate", cwd=tmp_path)
    assert done.returncode == 2
    assert "targets.yaml: file not found" in done.stderr and "--spec" in done.stderr


def test_defaults_are_the_repo_layout(tmp_path: Path) -> None:
    """Without options: targets.yaml, the locked documents it names and generated/, relative
    to the cwd."""
    write_targets(tmp_path, "trade")
    (tmp_path / "overrides.yaml").write_text("")
    missing = cli("generate", cwd=tmp_path)
    assert missing.returncode == 2 and "run `kalshi-codegen sync-spec`" in missing.stderr
    synced = cli("sync-spec", "--from", str(SPECS / "crud.yaml"), cwd=tmp_path)
    assert synced.returncode == 0, synced.stderr
    done = cli("generate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "generated" / "pyproject.toml").is_file()
    assert (tmp_path / "generated" / "kalshi" / "resources" / "widgets.py").is_file()


def test_no_command_is_a_usage_error() -> None:
    done = codegen_process()
    assert done.returncode == 2
    assert "usage:" in done.stderr


def test_console_script_is_declared(repo: Path) -> None:
    """`kalshi-codegen` (pip install -e .) points at generator.cli:main."""
    text = (repo / "pyproject.toml").read_text()
    assert 'kalshi-codegen = "generator.cli:main"' in text

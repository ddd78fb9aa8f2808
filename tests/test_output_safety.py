"""`kalshi-codegen generate` never destroys what it did not write (issue 11, sections 1 and 2).

Output ownership: the generator replaces only a tree it can prove it wrote (its
`.kalshi-codegen-manifest`, or the header of a tree from before the manifest); a non-empty
folder it did not write, a file, the current folder or a parent of it, a folder holding `.git`:
exit 2, one line naming the path, everything left byte-identical. Files it did not write inside
its own tree (build artefacts of `pip install`, caches, a note) are kept, and `--check` lists
them as foreign, not as changes. Permissions of the output folder are kept; staging folders of a
killed run are removed by the next one; ruff leaves no .ruff_cache in the caller's folder.

Errors: filesystem errors (permission denied, read-only, disk full), a folder where a file is
expected, a file that is not UTF-8: exit 2 and one line naming the path and the cause. We run as
root, which ignores permission bits, so those errors are simulated by making the os functions
raise. `generate --check | head` prints no BrokenPipeError.

The CLI runs in-process (tests/cli_runner.py); as a real process where the process is the
point: the refused current folder (its cwd), a closed stdout pipe, `--version`.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runner import codegen, codegen_process

from generator import cli
from generator.emit import write
from generator.emit.write import MANIFEST_NAME

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "tests" / "fixtures" / "specs"
CRUD = SPECS / "crud.yaml"


# ---------------------------------------------------------------------- helpers


def run(*args: str | Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """The CLI in `cwd`: exit code, stdout and stderr (in-process: tests/cli_runner.py)."""
    return codegen(*args, cwd=cwd)


def gen(output: Path, overrides: Path, *extra: str) -> list[str]:
    return [
        "generate",
        "--spec",
        str(CRUD),
        "--overrides",
        str(overrides),
        "--output",
        str(output),
        *extra,
    ]


def state(folder: Path) -> dict[str, tuple[str, bytes | None]]:
    """Every entry under `folder` (and the folder): kind, permissions, bytes; links by target."""
    found: dict[str, tuple[str, bytes | None]] = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        rel = path.relative_to(folder).as_posix()
        mode = oct(stat.S_IMODE(path.lstat().st_mode))
        if path.is_symlink():
            found[rel] = ("link", os.readlink(path).encode())
        elif path.is_dir():
            found[rel] = (f"dir {mode}", None)
        else:
            found[rel] = (f"file {mode}", path.read_bytes())
    return found


def one_error_line(err: str, *names: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got:\n{err}"
    assert "Traceback" not in err
    for name in names:
        assert name in lines[0], f"{lines[0]!r} does not name {name!r}"
    return lines[0]


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def dead_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


@pytest.fixture
def overrides(tmp_path: Path) -> Path:
    path = tmp_path / "overrides.yaml"
    path.write_text("", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def generated_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """crud.yaml generated once for the module (the output does not depend on where the
    empty overrides file is); `tree` hands each test a copy."""
    root = tmp_path_factory.mktemp("generated")
    empty = root / "overrides.yaml"
    empty.write_text("", encoding="utf-8")
    out = root / "out"
    assert cli.main(gen(out, empty)) == 0
    return out


@pytest.fixture
def tree(tmp_path: Path, generated_tree: Path) -> Path:
    """A tree the generator wrote (with its manifest), this test's own."""
    out = tmp_path / "work" / "out"
    out.parent.mkdir()
    shutil.copytree(generated_tree, out, symlinks=True)
    assert (out / MANIFEST_NAME).is_file()
    return out


def touch_generated(out: Path) -> None:
    """A hand edit of a generated file: the next run has something to swap in."""
    client = out / "kalshi" / "client.py"
    client.write_text(client.read_text() + "# a hand edit\n")


# ---------------------------------------------------------------------- refused outputs


def test_the_current_folder_is_refused_and_kept(tmp_path: Path, overrides: Path) -> None:
    """`generate --output .` in a copy of the checkout deleted the whole tree, .git included."""
    checkout = tmp_path / "checkout"
    (checkout / ".git" / "objects").mkdir(parents=True)
    (checkout / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (checkout / "README.md").write_text("# mine\n")
    (checkout / "generator").mkdir()
    (checkout / "generator" / "cli.py").write_text("print('hi')\n")
    before = state(checkout)
    done = codegen_process(*gen(Path("."), overrides), cwd=checkout)
    assert done.returncode == 2, done.stdout + done.stderr
    one_error_line(done.stderr, "current folder")
    assert state(checkout) == before
    assert siblings(checkout) == ["checkout", "overrides.yaml"]


def test_a_parent_of_the_current_folder_is_refused(tmp_path: Path, overrides: Path) -> None:
    top = tmp_path / "top"
    (top / "a" / "b").mkdir(parents=True)
    (top / "keep.txt").write_text("keep\n")
    before = state(top)
    done = run(*gen(top, overrides), cwd=top / "a" / "b")
    assert done.returncode == 2
    one_error_line(done.stderr, str(top), "parents")
    assert state(top) == before


@pytest.mark.parametrize("with_manifest", [False, True])
def test_a_folder_holding_git_is_refused(
    with_manifest: bool, tmp_path: Path, tree: Path, overrides: Path
) -> None:
    """Never, even when the generator wrote the rest of it."""
    target = tree if with_manifest else tmp_path / "repo"
    (target / ".git").mkdir(parents=True)
    (target / ".git" / "config").write_text("[core]\n")
    (target / "mine.txt").write_text("mine\n")
    before = state(target)
    done = run(*gen(target, overrides))
    assert done.returncode == 2
    one_error_line(done.stderr, str(target), ".git")
    assert state(target) == before


def test_a_folder_it_did_not_write_is_refused(tmp_path: Path, overrides: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "kalshi").mkdir(parents=True)
    (mine / "notes.txt").write_text("my notes\n")
    (mine / "kalshi" / "client.py").write_text("# my own client\n")
    before = state(mine)
    done = run(*gen(mine, overrides))
    assert done.returncode == 2
    line = one_error_line(done.stderr, str(mine))
    assert "did not write" in line
    assert state(mine) == before
    assert siblings(mine) == ["mine", "overrides.yaml"]
    # --check compares nothing it does not own either, and writes nothing
    checked = run(*gen(mine, overrides, "--check"))
    assert checked.returncode == 2
    one_error_line(checked.stderr, str(mine))
    assert state(mine) == before


def test_a_file_is_refused(tmp_path: Path, overrides: Path) -> None:
    target = tmp_path / "out"
    target.write_bytes(b"my data\x00\n")
    done = run(*gen(target, overrides))
    assert done.returncode == 2
    one_error_line(done.stderr, str(target), "is a file")
    assert target.read_bytes() == b"my data\x00\n"
    assert siblings(target) == ["out", "overrides.yaml"]


def test_a_read_only_folder_it_did_not_write_is_refused(tmp_path: Path, overrides: Path) -> None:
    mine = tmp_path / "ro"
    mine.mkdir()
    (mine / "data.csv").write_text("a,b\n")
    mine.chmod(0o555)
    try:
        before = state(mine)
        done = run(*gen(mine, overrides))
        assert done.returncode == 2
        one_error_line(done.stderr, str(mine))
        assert state(mine) == before  # the 0o555 included
    finally:
        mine.chmod(0o755)


def test_a_manifest_it_did_not_write_is_refused(tree: Path, overrides: Path) -> None:
    (tree / MANIFEST_NAME).write_text("some other tool's list\n")
    before = state(tree)
    assert run(*gen(tree, overrides)).returncode == 2
    assert state(tree) == before


def test_a_manifest_entry_outside_the_tree_is_refused(tree: Path, overrides: Path) -> None:
    outside = tree.parent / "precious.txt"
    outside.write_text("precious\n")
    manifest = tree / MANIFEST_NAME
    manifest.write_text(manifest.read_text() + "../precious.txt\n")
    touch_generated(tree)
    done = run(*gen(tree, overrides))
    assert done.returncode == 2
    one_error_line(done.stderr, MANIFEST_NAME, "../precious.txt")
    assert outside.read_text() == "precious\n"


# ---------------------------------------------------------------------- foreign files are kept


def test_foreign_files_in_its_own_tree_are_kept_and_listed_as_foreign(
    tree: Path, overrides: Path
) -> None:
    (tree / "notes.md").write_text("my notes\n")
    (tree / "kalshi" / "my_helpers.py").write_text("X = 1\n")
    (tree / ".gitignore").write_text("build/\n")
    checked = run(*gen(tree, overrides, "--check"))
    assert checked.returncode == 0, checked.stdout  # nothing a regeneration would change
    assert "would change" not in checked.stdout
    assert "3 foreign file(s)" in checked.stdout
    listed = [line.strip() for line in checked.stdout.splitlines() if line.startswith("  ")]
    assert listed == [".gitignore", "kalshi/my_helpers.py", "notes.md"]

    touch_generated(tree)
    inode = (tree / "notes.md").stat().st_ino
    done = run(*gen(tree, overrides))
    assert done.returncode == 0, done.stderr
    assert "1 file(s) changed" in done.stdout and "3 foreign file(s) kept" in done.stdout
    assert (tree / "notes.md").read_text() == "my notes\n"
    assert (tree / "notes.md").stat().st_ino == inode  # the very file, not a copy
    assert (tree / "kalshi" / "my_helpers.py").read_text() == "X = 1\n"
    assert (tree / ".gitignore").read_text() == "build/\n"
    assert "# a hand edit" not in (tree / "kalshi" / "client.py").read_text()


def test_check_tells_changes_from_foreign_files(tree: Path, overrides: Path) -> None:
    (tree / "kalshi" / "models" / "widgets.py").unlink()
    (tree / "kalshi" / "stray.py").write_text("x = 1\n")
    done = run(*gen(tree, overrides, "--check"))
    assert done.returncode == 1
    changes, foreign = done.stdout.split("foreign file(s)")
    assert "kalshi/models/widgets.py" in changes and "stray.py" not in changes
    assert "kalshi/stray.py" in foreign


def test_a_tree_from_before_the_manifest_is_recognised_and_nothing_removed(
    tree: Path, overrides: Path
) -> None:
    """The committed generated/ has no manifest yet: its pyproject.toml header proves it."""
    (tree / MANIFEST_NAME).unlink()
    (tree / "kalshi" / "old_resource.py").write_text("# from an older generation\n")
    assert (tree / "pyproject.toml").read_text().startswith("# Generated by kalshi-codegen")
    checked = run(*gen(tree, overrides, "--check"))
    assert checked.returncode == 1
    assert f"  {MANIFEST_NAME}" in checked.stdout.split("foreign")[0]
    done = run(*gen(tree, overrides))
    assert done.returncode == 0, done.stderr
    assert (tree / MANIFEST_NAME).is_file()
    assert (tree / "kalshi" / "old_resource.py").read_text() == "# from an older generation\n"
    again = run(*gen(tree, overrides, "--check"))
    assert again.returncode == 0, again.stdout
    assert "kalshi/old_resource.py" in again.stdout  # listed as foreign


def test_a_foreign_file_where_a_generated_folder_goes_stops_the_run(
    tree: Path, overrides: Path
) -> None:
    widgets = tree / "kalshi" / "resources" / "widgets.py"
    widgets.unlink()
    widgets.mkdir()
    (widgets / "mine.txt").write_text("mine\n")
    before = state(tree)
    done = run(*gen(tree, overrides))
    assert done.returncode == 2
    one_error_line(done.stderr, "widgets.py")
    assert state(tree) == before
    assert siblings(tree) == ["out"]


def test_a_foreign_file_at_a_path_it_now_generates_stops_the_run(
    tree: Path, overrides: Path
) -> None:
    """A file the manifest does not list, where this generation writes one: never overwritten."""
    manifest = tree / MANIFEST_NAME
    manifest.write_text(
        "".join(
            f"{line}\n"
            for line in manifest.read_text().splitlines()
            if line != "kalshi/resources/widgets.py"
        )
    )
    (tree / "kalshi" / "resources" / "widgets.py").write_text("# my own widgets\n")
    before = state(tree)
    for extra in ((), ("--check",)):
        done = run(*gen(tree, overrides, *extra))
        assert done.returncode == 2, done.stdout
        one_error_line(done.stderr, str(tree), "kalshi/resources/widgets.py")
        assert state(tree) == before
    assert siblings(tree) == ["out"]


@pytest.mark.parametrize(
    "artefact",
    [
        "build/lib/kalshi/client.py",
        "kalshi_generated.egg-info/PKG-INFO",
        "kalshi/__pycache__/client.cpython-311.pyc",
        ".pytest_cache/v/cache/lastfailed",
        ".mypy_cache/3.11/kalshi/client.data.json",
    ],
)
def test_pip_install_artefacts_are_no_change_and_kept(
    artefact: str, tree: Path, overrides: Path
) -> None:
    """`pip install ./generated` leaves build/ and *.egg-info there: not a change, never removed."""
    path = tree / artefact
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"built\x00\n")
    checked = run(*gen(tree, overrides, "--check"))
    assert checked.returncode == 0, checked.stdout
    assert "foreign" not in checked.stdout and "would change" not in checked.stdout
    touch_generated(tree)
    done = run(*gen(tree, overrides))
    assert done.returncode == 0 and "1 file(s) changed" in done.stdout, done.stdout
    assert path.read_bytes() == b"built\x00\n"
    assert "foreign" not in done.stdout


def test_tree_files_ignores_build_artefacts(tree: Path) -> None:
    before = write.tree_files(tree)
    (tree / "build" / "lib").mkdir(parents=True)
    (tree / "build" / "lib" / "x.py").write_text("x = 1\n")
    (tree / "kalshi_generated.egg-info").mkdir()
    (tree / "kalshi_generated.egg-info" / "PKG-INFO").write_text("Name: kalshi\n")
    assert write.tree_files(tree) == before


# ---------------------------------------------------------------------- the manifest


def test_the_manifest_lists_every_generated_file_and_is_deterministic(
    tmp_path: Path, overrides: Path
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert cli.main(gen(first, overrides)) == 0
    assert cli.main(gen(second, overrides)) == 0
    text = (first / MANIFEST_NAME).read_bytes()
    assert text == (second / MANIFEST_NAME).read_bytes()
    listed = [line for line in text.decode().splitlines() if not line.startswith("#")]
    on_disk = sorted(
        p.relative_to(first).as_posix()
        for p in first.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME
    )
    assert listed == on_disk


# ---------------------------------------------------------------------- permissions


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o711])
def test_permissions_of_an_existing_output_are_kept(mode: int, tree: Path, overrides: Path) -> None:
    tree.chmod(mode)
    touch_generated(tree)
    assert cli.main(gen(tree, overrides)) == 0
    assert "# a hand edit" not in (tree / "kalshi" / "client.py").read_text()  # it was swapped
    assert stat.S_IMODE(tree.stat().st_mode) == mode


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_a_new_output_gets_the_umask_mode(umask: int, tmp_path: Path, overrides: Path) -> None:
    out = tmp_path / "new"
    old = os.umask(umask)
    try:
        assert cli.main(gen(out, overrides)) == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~umask
    assert stat.S_IMODE((out / "kalshi").stat().st_mode) == 0o777 & ~umask
    assert stat.S_IMODE((out / "pyproject.toml").stat().st_mode) == 0o666 & ~umask


# ---------------------------------------------------------------------- interrupted runs


def test_an_interrupted_run_leaves_no_staging_folder(
    tree: Path, overrides: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(root: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(write, "format_tree", interrupted)
    touch_generated(tree)
    before = state(tree)
    assert cli.main(gen(tree, overrides)) == cli.EXIT_INTERRUPTED
    assert "Traceback" not in capsys.readouterr().err
    assert state(tree) == before
    assert siblings(tree) == ["out"]


def test_staging_folders_of_a_killed_run_are_removed_by_the_next(
    tree: Path, overrides: Path
) -> None:
    parent = tree.parent
    dead, alive = dead_pid(), os.getppid()  # this test's parent outlives the run below
    stale = parent / f".out.kalshi-codegen-new-{dead}-0a1b2c3d"
    (stale / "kalshi").mkdir(parents=True)
    (stale / "kalshi" / "client.py").write_text("# half written\n")
    stale_backup = parent / f".out.kalshi-codegen-old-{dead}-0a1b2c3e"
    shutil.copytree(tree, stale_backup)
    live = parent / f".out.kalshi-codegen-new-{alive}-0a1b2c3f"
    live.mkdir()
    # the format before the manifest: `.out-xxxxxxxx` (tempfile.mkdtemp) and `.out-old`
    legacy_stage = parent / ".out-k2j4_x9a"
    (legacy_stage / "kalshi").mkdir(parents=True)
    (legacy_stage / "kalshi" / "client.py").write_text("# half written\n")
    legacy_backup = parent / ".out-old"
    shutil.copytree(tree, legacy_backup, ignore=shutil.ignore_patterns(MANIFEST_NAME))
    users = parent / ".out-mystuff1"  # the same shape, but not provably ours
    users.mkdir()
    (users / "diary.txt").write_text("dear diary\n")

    done = run(*gen(tree, overrides))
    assert done.returncode == 0, done.stderr
    assert siblings(tree) == sorted([users.name, live.name, "out"])
    assert (users / "diary.txt").read_text() == "dear diary\n"


def test_a_run_killed_between_the_two_renames_is_repaired(tree: Path, overrides: Path) -> None:
    """The old tree was renamed to the backup, the new one not yet into place: the next run puts
    the backup back (with the files the generator did not write) and then proceeds."""
    (tree / "notes.md").write_text("my notes\n")
    backup = tree.parent / f".out.kalshi-codegen-old-{dead_pid()}-00aa11bb"
    tree.rename(backup)
    done = run(*gen(tree, overrides))
    assert done.returncode == 0, done.stderr
    assert (tree / "notes.md").read_text() == "my notes\n"
    assert siblings(tree) == ["out"]


def test_a_stale_backup_holding_files_found_nowhere_else_is_kept(
    tree: Path, overrides: Path
) -> None:
    """A backup is removed only when every file in it that the generator did not write is in
    the output too; otherwise it may be the only copy left."""
    backup = tree.parent / f".out.kalshi-codegen-old-{dead_pid()}-00aa11cc"
    shutil.copytree(tree, backup)
    (backup / "only-copy.txt").write_text("the only copy\n")
    legacy_backup = tree.parent / ".out-old"  # the format before the manifest
    shutil.copytree(tree, legacy_backup, ignore=shutil.ignore_patterns(MANIFEST_NAME))
    (legacy_backup / "only-copy.txt").write_text("the only copy\n")
    done = run(*gen(tree, overrides))
    assert done.returncode == 0, done.stderr
    assert (backup / "only-copy.txt").read_text() == "the only copy\n"
    assert (legacy_backup / "only-copy.txt").read_text() == "the only copy\n"


def test_no_ruff_cache_in_the_callers_folder(tmp_path: Path, overrides: Path) -> None:
    here = tmp_path / "caller"
    here.mkdir()
    done = run(*gen(tmp_path / "out", overrides), cwd=here)
    assert done.returncode == 0, done.stderr
    assert list(here.iterdir()) == []
    assert not (tmp_path / "out" / ".ruff_cache").exists()
    checked = run(*gen(tmp_path / "out", overrides, "--check"), cwd=here)
    assert checked.returncode == 0
    assert list(here.iterdir()) == []


def test_check_writes_nothing_beside_the_output(tree: Path, overrides: Path) -> None:
    touch_generated(tree)
    before = state(tree.parent)
    assert run(*gen(tree, overrides, "--check")).returncode == 1
    assert state(tree.parent) == before


# ---------------------------------------------------------------------- filesystem errors


def _raising(error: OSError, when=lambda *args: True):  # type: ignore[no-untyped-def]
    def fail(original):  # type: ignore[no-untyped-def]
        def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
            if when(*args):
                raise error
            return original(*args, **kwargs)

        return wrapper

    return fail


def test_permission_denied_beside_the_output_is_one_line(
    tree: Path, overrides: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    denied = PermissionError(errno.EACCES, "Permission denied", str(tree.parent / ".out.x"))
    monkeypatch.setattr(os, "mkdir", _raising(denied)(os.mkdir))
    touch_generated(tree)
    before = state(tree)
    assert cli.main(gen(tree, overrides)) == 2
    one_error_line(capsys.readouterr().err, str(tree), "Permission denied")
    monkeypatch.undo()
    assert state(tree) == before


def test_a_full_disk_is_one_line_and_leaves_the_output_alone(
    tree: Path, overrides: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = Path.write_text

    def full(self: Path, *args: object, **kwargs: object) -> int:
        if self.name == "widgets.py":
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "write_text", full)
    touch_generated(tree)
    before = state(tree)
    assert cli.main(gen(tree, overrides)) == 2
    one_error_line(capsys.readouterr().err, str(tree), "No space left on device")
    monkeypatch.undo()
    assert state(tree) == before
    assert siblings(tree) == ["out"]


@pytest.mark.parametrize("which", ["first", "second"])
def test_a_read_only_filesystem_at_the_swap_is_one_line(
    which: str,
    tree: Path,
    overrides: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """EROFS on the rename of the old tree away (first) or of the new one into place (second):
    exit 2, and the old tree is back where it was."""
    rofs = OSError(errno.EROFS, "Read-only file system", str(tree))
    marker = ".kalshi-codegen-old-" if which == "first" else ".kalshi-codegen-new-"
    monkeypatch.setattr(
        os, "rename", _raising(rofs, lambda src, dst: marker in str(dst) + str(src))(os.rename)
    )
    (tree / "notes.md").write_text("my notes\n")
    touch_generated(tree)
    before = state(tree)
    assert cli.main(gen(tree, overrides)) == 2
    one_error_line(capsys.readouterr().err, str(tree), "Read-only file system")
    monkeypatch.undo()
    assert state(tree) == before
    assert siblings(tree) == ["out"]


def test_an_unreadable_output_file_in_check_is_one_line(
    tree: Path, overrides: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    original = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self.parent.parent == tree and self.name == "client.py":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert cli.main(gen(tree, overrides, "--check")) == 2
    one_error_line(capsys.readouterr().err, str(tree), "Permission denied")


def test_an_overrides_path_that_is_a_folder_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "overrides.yaml"
    folder.mkdir()
    done = run(*gen(tmp_path / "out", folder))
    assert done.returncode == 2
    one_error_line(done.stderr, str(folder), "folder")
    assert not (tmp_path / "out").exists()


def test_unreadable_overrides_is_one_line(
    tmp_path: Path,
    overrides: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    original = Path.read_text

    def denied(self: Path, *args: object, **kwargs: object) -> str:
        if self == overrides:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", denied)
    assert cli.main(gen(tmp_path / "out", overrides)) == 2
    one_error_line(capsys.readouterr().err, str(overrides), "Permission denied")


@pytest.mark.parametrize("which", ["overrides", "spec"])
def test_a_file_in_a_wrong_encoding_is_one_line(which: str, tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.yaml"
    spec = tmp_path / "spec.yaml"
    overrides.write_text("", encoding="utf-8")
    spec.write_bytes(CRUD.read_bytes())
    bad = overrides if which == "overrides" else spec
    bad.write_bytes(b"# caf\xe9 (latin-1)\n" + bad.read_bytes())
    done = run("generate", "--spec", spec, "--overrides", overrides, "--output", tmp_path / "out")
    assert done.returncode == 2
    line = one_error_line(done.stderr, str(bad), "UTF-8")
    assert re.search(r"line 1\b", line), line


def test_a_lock_file_in_a_wrong_encoding_is_one_line(tmp_path: Path, overrides: Path) -> None:
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    (spec_dir / "openapi.yaml").write_bytes(CRUD.read_bytes())
    lock = spec_dir / "openapi.lock.json"
    lock.write_bytes(b'{"version": "\xff"}\n')
    done = run(
        "generate",
        "--spec",
        spec_dir / "openapi.yaml",
        "--overrides",
        overrides,
        "--output",
        tmp_path / "out",
    )
    assert done.returncode == 2
    one_error_line(done.stderr, str(lock), "UTF-8")


def test_any_os_error_is_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The last line of defence in main(): an OSError of any command, not only generate."""

    def broken(args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", "/some/where")

    monkeypatch.setattr(cli, "_diff", broken)
    assert cli.main(["diff", "a.yaml", "b.yaml"]) == 2
    assert one_error_line(capsys.readouterr().err, "/some/where", "Permission denied")


# ---------------------------------------------------------------------- stdout and --version


def test_check_into_a_closed_pipe_prints_no_traceback(tmp_path: Path, overrides: Path) -> None:
    """`kalshi-codegen generate --check | head`: the reader is gone before the listing."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *gen(tmp_path / "missing", overrides, "--check")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `head` exiting
    err = proc.stderr.read().decode()
    code = proc.wait(timeout=120)
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert err == ""
    assert code == 1  # the answer of --check still: files would change


def test_version() -> None:
    done = codegen_process("--version")
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"kalshi-codegen \d+\.\d+\.\d+\S*\n", done.stdout), done.stdout
    assert cli.version() in done.stdout

"""The generator's on-disk cache (generator/documents/cache.py): compiled templates and parsed documents.

The cache is a speed-up only: the output is byte-identical with it off, cold and warm; a
corrupt or unusable cache is a miss, never an error; entries are keyed by the input's sha256
and the producing code, so a changed document or loader never reads a stale entry.
"""

from __future__ import annotations

import json
import marshal
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest

from generator import pipeline
from generator.documents import cache, load
from generator.emit import render
from generator.emit.write import tree_files

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "tests" / "fixtures" / "specs"
ALIASES = b"""\
openapi: 3.0.0
info: {title: t, version: 1.0.0}
x-shared: &shared {type: string, enum: [yes, no, on]}
x-again: *shared
paths:
  /a:
    get: {operationId: GetA, responses: {'200': {description: ok}}}
"""


def _render(env: jinja2.Environment) -> str:
    return env.get_template("version.py.jinja").render(
        version="9.9.9", client=SimpleNamespace(spec_version="1.2.3")
    )


@pytest.fixture
def cache_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The cache, in a folder of this test's own."""
    root = tmp_path / "cache"
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", str(root))
    return root


def _generate(tmp_path: Path, spec: Path, name: str) -> dict[str, bytes]:
    overrides = SPECS / f"{spec.stem}.overrides.yaml"
    if not overrides.is_file():
        overrides = tmp_path / "empty-overrides.yaml"
        overrides.write_text("")
    pipeline.generate(spec, overrides, tmp_path / name)
    return tree_files(tmp_path / name)


@pytest.mark.parametrize("spec", ["crud", "fixed_point", "yaml11", "openapi31"])
def test_output_is_byte_identical_with_the_cache_off_cold_and_warm(
    spec: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = SPECS / f"{spec}.yaml"
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", "off")
    off = _generate(tmp_path, path, "off")
    root = tmp_path / "cache"
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", str(root))
    cold = _generate(tmp_path, path, "cold")
    assert sorted(p.name for p in (root / "documents").iterdir())  # something was cached
    assert sorted(p.name for p in (root / "templates").iterdir())
    warm = _generate(tmp_path, path, "warm")
    assert off == cold == warm
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", "off")
    assert _generate(tmp_path, path, "off-again") == off


def test_a_cached_document_is_the_parsed_document(cache_root: Path) -> None:
    text = ALIASES.decode()
    fresh = load.parse_document(text, source="a.yaml")  # a miss: parsed and stored
    (entry,) = (cache_root / "documents").iterdir()
    cached = load.parse_document(text, source="a.yaml")  # a hit
    assert cached == fresh and cached is not fresh
    assert json.dumps(cached) == json.dumps(fresh)  # same key order, same types
    assert cached["x-shared"]["enum"] == ["yes", "no", "on"]  # still the YAML 1.2 loader's
    assert cached["x-again"] is cached["x-shared"]  # an alias stays one object, as from YAML
    assert marshal.loads(entry.read_bytes()) == fresh


def test_a_corrupt_entry_is_a_miss_and_is_replaced(cache_root: Path) -> None:
    text = ALIASES.decode()
    fresh = load.parse_document(text, source="a.yaml")
    (entry,) = (cache_root / "documents").iterdir()
    for junk in (b"", b"\xff\x00garbage", marshal.dumps(["not", "a", "mapping"])):
        entry.write_bytes(junk)
        assert load.parse_document(text, source="a.yaml") == fresh
        assert marshal.loads(entry.read_bytes()) == fresh


def test_a_changed_text_or_loader_is_a_new_entry(
    cache_root: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = ALIASES.decode()
    load.parse_document(text, source="a.yaml")
    load.parse_document(text + "# edited\n", source="a.yaml")
    assert len(list((cache_root / "documents").iterdir())) == 2
    changed_loader = tmp_path / "load.py"
    changed_loader.write_text(Path(load.__file__).read_text() + "# a change to the loader\n")
    monkeypatch.setattr(load, "__file__", str(changed_loader))
    load.parse_document(text, source="a.yaml")
    assert len(list((cache_root / "documents").iterdir())) == 3


def test_values_marshal_refuses_are_parsed_but_not_cached(cache_root: Path) -> None:
    doc = load.parse_document("when: 2025-01-31\n", source="a.yaml")  # a YAML timestamp
    assert str(doc["when"]) == "2025-01-31"
    assert not list((cache_root / "documents").iterdir())


def test_errors_are_reported_the_same_with_a_warm_cache(cache_root: Path) -> None:
    for _ in range(2):
        with pytest.raises(Exception, match="expected a mapping"):
            load.parse_document("- a list\n", source="a.yaml")
        with pytest.raises(Exception, match=r"invalid YAML"):
            load.parse_document("a: [1\n", source="a.yaml")
    assert not list((cache_root / "documents").iterdir())


def test_old_documents_are_dropped_beyond_the_limit(cache_root: Path) -> None:
    for i in range(5):
        cache.write("documents", f"key{i}", b"x", keep=3)
    assert len(list((cache_root / "documents").iterdir())) == 3


def test_an_unusable_cache_folder_means_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", str(blocker))  # mkdir fails: OSError
    assert cache.directory("documents") is None
    assert render.environment().bytecode_cache is None
    assert load.parse_document(ALIASES.decode(), source="a.yaml")["info"]["version"] == "1.0.0"
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "documents").write_text("a file where the folder should be")
    assert load.parse_document(ALIASES.decode(), source="a.yaml")["info"]["version"] == "1.0.0"


def test_a_corrupt_or_unwritable_template_cache_is_a_miss(
    cache_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _render(render.environment())
    entries = list((cache_root / "templates").iterdir())
    assert entries
    for entry in entries:
        entry.write_bytes(b"j2 garbage")
    assert _render(render.environment()) == (expected)
    for entry in (cache_root / "templates").iterdir():
        entry.unlink()

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("jinja2.bccache.tempfile.NamedTemporaryFile", full_disk)
    assert _render(render.environment()) == expected  # dumping failed, silently
    assert not list((cache_root / "templates").iterdir())


def test_where_the_cache_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", str(tmp_path / "mine"))
    assert cache.root() == tmp_path / "mine"
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", " OFF ")
    assert cache.root() is None and cache.directory("documents") is None
    monkeypatch.delenv("KALSHI_CODEGEN_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.root() == tmp_path / "xdg" / "kalshi-codegen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: only absolute
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.root() == tmp_path / "home" / ".cache" / "kalshi-codegen"


def test_cache_off_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KALSHI_CODEGEN_CACHE", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    load.parse_document(ALIASES.decode(), source="a.yaml")
    _render(render.environment())
    assert not list(tmp_path.iterdir())

"""targets.yaml: what is generated is data. Its schema, the families it groups targets into,
which family owns each output file, and `generate --target NAME`, which regenerates one family
and keeps every other family's files of the output as they are."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from cli_runner import REPO, codegen

from generator.emit.site import nav_sections
from generator.errors import GeneratorError
from generator.pipeline import families, owner
from generator.targets import TARGETS_FILE, load_targets

PROJECT = load_targets(REPO / TARGETS_FILE)


def test_the_project_generates_five_targets_in_three_families() -> None:
    assert list(PROJECT) == ["trade", "ws", "perps", "perps-ws", "klear"]
    groups = {f.rest.name: f.ws.name if f.ws else None for f in families(PROJECT)}
    assert groups == {"trade": "ws", "perps": "perps-ws", "klear": None}
    perps = PROJECT["perps"]
    assert (perps.package_dir, perps.client, perps.async_client, perps.fake) == (
        "kalshi/perps",
        "PerpsClient",
        "AsyncPerpsClient",
        "FakePerps",
    )
    assert perps.lock == REPO / "spec" / "perps-openapi.lock.json"
    assert PROJECT["perps-ws"].fake == "FakePerpsWS"


@pytest.mark.parametrize(
    ("path", "family"),
    [
        ("kalshi/perps/resources/orders.py", "perps"),
        ("kalshi/perps/ws/client.py", "perps"),  # the streaming package of perps
        ("docs/perps/orders.md", "perps"),
        ("SURFACE-perps.txt", "perps"),
        ("OVERRIDES-klear.md", "klear"),
        ("kalshi/klear/client.py", "klear"),
        ("kalshi/ws/_session.py", "trade"),  # the one runtime: the root family's
        ("kalshi/_base_client.py", "trade"),
        ("kalshi/resources/orders.py", "trade"),
        ("docs/orders.md", "trade"),
        ("pyproject.toml", "trade"),
        ("kalshi/perpsx/thing.py", "trade"),  # a prefix of a name is not the package
    ],
)
def test_each_output_file_has_one_owner(path: str, family: str) -> None:
    assert owner(path, families(PROJECT)).rest.name == family


def _write(tmp_path: Path, targets: dict[str, object]) -> Path:
    path = tmp_path / TARGETS_FILE
    path.write_text(yaml.safe_dump({"version": 1, "targets": targets}), encoding="utf-8")
    return path


def _entry(**changes: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "kind": "openapi",
        "spec": "spec/openapi.yaml",
        "shared": "kalshi-openapi-{version}.yaml",
        "overrides": "overrides.yaml",
        "package": "kalshi",
        "client": "KalshiClient",
        "title": "Kalshi Trade API",
    }
    entry.update(changes)
    return entry


@pytest.mark.parametrize(
    ("targets", "message"),
    [
        ({"a": _entry(package="kalshi.a")}, "exactly one openapi target must be the package"),
        ({"a": _entry(), "b": _entry()}, "exactly one openapi target"),
        (
            {"a": _entry(), "b": _entry(kind="asyncapi", package="kalshi.b")},
            "b: `rest:` must name an openapi target",
        ),
        ({"a": _entry(), "b": _entry(package="kalshi.b", rest="a")}, "`rest:` is for asyncapi"),
        ({"a": _entry(colour="red")}, "targets.a.colour: Extra inputs are not permitted"),
        ({"a": _entry(package="other")}, "targets.a.package"),
        ({"a": _entry(client="not a class")}, "targets.a.client"),
        ({"a": _entry(shared="kalshi.yaml")}, "targets.a.shared"),
        ({"A b": _entry()}, "targets.A b"),
    ],
)
def test_a_bad_targets_file_is_refused_naming_the_entry(
    tmp_path: Path, targets: dict[str, object], message: str
) -> None:
    path = _write(tmp_path, targets)
    with pytest.raises(GeneratorError, match="") as caught:
        load_targets(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_a_bad_targets_file_is_one_line_from_the_cli(tmp_path: Path) -> None:
    path = _write(tmp_path, {"a": _entry(colour="red")})
    done = codegen("generate", "--targets", path, "--output", tmp_path / "out")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "targets.a.colour" in done.stderr
    assert not (tmp_path / "out").exists()


def test_an_unknown_target_is_one_line_naming_the_known_ones(tmp_path: Path) -> None:
    done = codegen("generate", "--target", "nope", "--output", tmp_path / "out")
    assert done.returncode == 2
    assert "unknown target 'nope' (known: trade, ws, perps, perps-ws, klear)" in done.stderr
    assert done.stderr.count("\n") == 1


def test_target_and_spec_exclude_each_other(tmp_path: Path) -> None:
    done = codegen("generate", "--target", "perps", "--spec", "spec/openapi.yaml")
    assert done.returncode == 2 and "--target and --spec exclude each other" in done.stderr


def test_the_site_lists_every_family_s_pages_in_name_order() -> None:
    files = {
        "docs/index.md": "",
        "docs/streaming.md": "",
        "docs/orders.md": "",
        "docs/account.md": "",
        "docs/stylesheets/extra.css": "",
        "docs/perps/index.md": "",
        "docs/perps/streaming.md": "",
        "docs/perps/orders.md": "",
        "docs/klear/index.md": "",
        "docs/klear/margin.md": "",
    }
    rest = [t for t in PROJECT.values() if t.kind == "openapi"]
    sections = nav_sections(files, rest)
    assert [s.overview for s in sections] == ["index.md", "perps/index.md", "klear/index.md"]
    assert [s.streaming for s in sections] == ["streaming.md", "perps/streaming.md", None]
    assert sections[0].resources == [
        ("client.account", "account.md"),
        ("client.orders", "orders.md"),
    ]
    assert sections[1].resources == [("client.orders", "perps/orders.md")]
    del files["docs/klear/index.md"]  # a family not generated (yet) has no section
    assert [s.title for s in nav_sections(files, rest)][-1] == "Kalshi Perps API"


@pytest.fixture
def output_copy(tmp_path: Path) -> Path:
    out = tmp_path / "generated"
    shutil.copytree(REPO / "generated", out)
    return out


def test_one_target_regenerates_its_family_and_keeps_the_others_files(output_copy: Path) -> None:
    klear = output_copy / "kalshi" / "klear" / "client.py"
    trade = output_copy / "kalshi" / "resources" / "orders.py"
    perps_page = output_copy / "docs" / "perps" / "orders.md"
    klear_text, trade_text = klear.read_text(), trade.read_text()
    klear.write_text(klear_text + "\n# edited\n")
    trade.write_text(trade_text + "\n# edited\n")
    perps_page.unlink()

    done = codegen("generate", "--target", "klear", "--output", output_copy)

    assert done.returncode == 0, done.stderr
    assert "klear" in done.stdout and "trade" not in done.stdout.split(";")[0]
    assert klear.read_text() == klear_text  # its own family: regenerated
    assert trade.read_text() == trade_text + "\n# edited\n"  # another family's: kept as is
    assert not perps_page.exists()  # not regenerated either
    # and the site's navigation follows the pages that are there
    assert "perps/orders.md" not in (output_copy / "mkdocs.yml").read_text()
    assert "klear/margin.md" in (output_copy / "mkdocs.yml").read_text()


def test_every_target_is_up_to_date_and_each_alone_too() -> None:
    assert codegen("generate", "--check").returncode == 0
    for name in ("ws", "perps", "perps-ws", "klear"):
        done = codegen("generate", "--check", "--target", name)
        assert done.returncode == 0, (name, done.stdout, done.stderr)
        assert "is up to date" in done.stdout

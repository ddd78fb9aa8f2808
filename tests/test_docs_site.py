"""The reference pages are a docs site (issue 12 §6): generated/mkdocs.yml builds them with
`mkdocs build --strict`, the index covers setup to testing, and every page's example runs
against kalshi.testing.FakeKalshi, whatever the spec calls its methods."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import pipeline
from generator.emit import render

ROOT = Path(__file__).resolve().parents[1]
TEST_KEY = ROOT / "tests" / "runtime" / "fixtures" / "test_key.pem"


@pytest.fixture(scope="module")
def tree(locked_tree: Path) -> Path:
    return locked_tree


GUIDE_PAGES = ("index.md", "streaming.md")  # the others are resource reference pages


def pages(tree: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((tree / "docs").glob("*.md"))}


def resource_pages(tree: Path) -> dict[str, str]:
    return {name: page for name, page in pages(tree).items() if name not in GUIDE_PAGES}


def python_blocks(page: str) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", page, flags=re.DOTALL | re.MULTILINE)


# ---------------------------------------------------------------------- the configuration


def test_the_nav_lists_the_index_and_every_resource_page(tree: Path) -> None:
    config = yaml.safe_load((tree / "mkdocs.yml").read_text(encoding="utf-8"))
    nav = config["nav"]
    assert nav[0] == {"Overview": "index.md"}
    assert nav[1] == {"Streaming": "streaming.md"}  # kalshi.ws, from the AsyncAPI document
    resources = nav[2]["Resources"]
    listed = [next(iter(entry.values())) for entry in resources]
    assert listed == list(resource_pages(tree))
    assert [next(iter(entry)) for entry in resources] == [
        f"client.{name.removesuffix('.md')}" for name in listed
    ]
    python = config["plugins"][1]["mkdocstrings"]["handlers"]["python"]
    assert python["paths"] == ["."]  # the generated package beside mkdocs.yml
    assert config["theme"]["name"] == "material"
    assert "admonition" in config["markdown_extensions"]


def test_the_docs_extra_pins_what_builds_the_site() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^docs = \[(.*?)^\]", pyproject, flags=re.DOTALL | re.MULTILINE)
    assert block, "no docs extra in pyproject.toml"
    docs = re.findall(r'^\s*"([^"]+)"', block.group(1), flags=re.MULTILINE)
    names = {re.split(r"==", req)[0] for req in docs}
    assert {"mkdocs", "mkdocs-material", "mkdocstrings-python"} <= names
    assert all("==" in req for req in docs), "pinned: the versions decide the site"
    assert ".[test,docs]" in (ROOT / "scripts" / "setup.sh").read_text(encoding="utf-8")


@pytest.mark.slow
def test_mkdocs_build_strict(
    tmp_path: Path,
    tree: Path,
    repo: Path,
    repo_overrides: Path,
    locked_ws: pipeline.WsInput,
    prerequisite_missing: Callable[[str], None],
) -> None:
    """About 15 to 45 s: mkdocstrings renders every resource class. The site lands in the
    tree's site/, which the generator keeps and does not count as a change."""
    try:
        import material  # noqa: F401
        import mkdocstrings_handlers.python  # noqa: F401
    except ImportError as exc:
        prerequisite_missing(f"{exc.name} is not installed (pip install -e '.[docs]')")
    tree = shutil.copytree(tree, tmp_path / "out", symlinks=True)  # the site lands inside
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=tree,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    site = tree / "site"
    page = (site / "order_groups" / "index.html").read_text(encoding="utf-8")
    assert 'class="admonition info"' in page  # the notes, as admonitions
    assert "Non-standard create path" in page
    for name in ("OrderGroupsResource", "AsyncOrderGroupsResource"):  # mkdocstrings rendered
        assert f'id="kalshi.resources.order_groups.{name}"' in page
    assert 'id="kalshi.resources.order_groups.OrderGroupsResource.create"' in page
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    assert "must omit this field or pass their locked subaccount" in text
    for name in pages(tree):
        assert (site / name.removesuffix(".md").replace("index", "") / "index.html").is_file()
    check = pipeline.generate(
        repo / "spec" / "openapi.yaml", repo_overrides, tree, check=True, ws=locked_ws
    )
    assert check.changed == [] and check.foreign == []


# ---------------------------------------------------------------------- the pages


def test_the_index_covers_setup_to_testing(tree: Path) -> None:
    index = pages(tree)["index.md"]
    for heading in (
        "## Install",
        "## Keys and environments",
        "## Errors",
        "## Retries and timeouts",
        "## Pagination",
        "## Async",
        "## Testing offline: FakeKalshi",
        "## Record and replay",
        "## Resources",
    ):
        assert f"\n{heading}\n" in index, heading
    assert index.index("demo=True") < index.index("from_env")  # demo first
    for word in (
        "KALSHI_DEMO",
        "KALSHI_KEY_ID",
        "KALSHI_PRIVATE_KEY_PATH",
        "KALSHI_PRIVATE_KEY`",
        "KALSHI_API_BASE_URL",
        "KALSHI_OAUTH_TOKEN",
        "KALSHI_ALLOW_UNKNOWN_HOST",
        "allow_unknown_host=True",
        "base_url=",
        "oauth_token=",
        "RecordingTransport",
        "ReplayTransport",
        "ReplayMissError",
        "KalshiAuthRequiredError",
    ):
        assert word in index, word


def test_the_index_states_the_runtime_numbers(tree: Path, run_json_in_tree: Any) -> None:
    """The figures the index gives are the runtime's constants."""
    constants = run_json_in_tree(
        tree,
        """
        import json
        from kalshi import _constants as c
        print(json.dumps([c.DEFAULT_MAX_RETRIES, c.BACKOFF_BASE, c.BACKOFF_MAX,
                          c.RETRY_AFTER_CAP, c.DEFAULT_TIMEOUT, c.MAX_EMPTY_PAGES]))
        """,
    )
    retries, base, most, cap, timeout, empty = constants
    index = " ".join(pages(tree)["index.md"].split())
    assert f"(default {retries})" in index
    assert f"({base:g} s doubling, at most {most:g} s)" in index
    assert f"capped at {cap:g} s" in index
    assert f"(seconds, default {timeout:g})" in index
    assert f"stops after {empty} empty pages in a row" in index


def test_every_resource_page_has_its_table_notes_and_an_example(tree: Path) -> None:
    for name, page in resource_pages(tree).items():
        attr = name.removesuffix(".md")
        assert "| Method | Endpoint |" in page, name
        blocks = python_blocks(page)
        assert blocks, f"{name} has no example"
        assert f"client.{attr}." in blocks[0], f"{name}'s example does not call client.{attr}"
        assert f"::: kalshi.resources.{attr}." in page, name


def test_args_continuation_lines_stay_in_their_column(tree: Path) -> None:
    """A wrapped argument description continues under its entry, never at the docstring's
    margin ("must omit this field or" / "pass" / "their locked subaccount" was the glitch)."""
    for module in sorted((tree / "kalshi" / "resources").glob("*.py")):
        lines = module.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.strip() != "Args:":
                continue
            margin = len(line) - len(line.lstrip())
            for entry in lines[i + 1 :]:
                if not entry.strip():
                    break
                indent = len(entry) - len(entry.lstrip())
                assert indent >= margin + 4, f"{module.name}:{i + 1}: {entry!r}"


def test_docstring_wrapping_keeps_the_indentation() -> None:
    text = "Summary.\n\nArgs:\n    subaccount: " + "word " * 30
    entry = render.docstring_text(text).splitlines()[3:]
    assert len(entry) > 1
    for line in entry:
        assert line.startswith("    ") and len(line) <= 88


# every page's examples, run in one interpreter on the generated tree: the network is a
# stateless FakeKalshi (each answer spec-valid, every request checked against the spec),
# KALSHI_* point at the test key, and `kalshi.pem` is in the working directory
RUN_EXAMPLES = """
import contextlib, functools, io, json, os, sys, httpx
from kalshi._base_client import AsyncAPIClient, SyncAPIClient
from kalshi._environments import DEMO_BASE_URL
from kalshi.testing import FakeKalshi

pages = json.loads(sys.stdin.read())
os.chdir(pages.pop("__cwd__"))
os.environ.update(KALSHI_KEY_ID="docs-key", KALSHI_PRIVATE_KEY_PATH="kalshi.pem")
if DEMO_BASE_URL is not None:  # as the pages say: demo first, where the spec has one
    os.environ["KALSHI_DEMO"] = "1"
fake = FakeKalshi(stateful=False)

def on_the_fake(init):
    @functools.wraps(init)
    def wrapped(self, *args, **kwargs):
        if kwargs.get("transport") is None:
            kwargs["transport"] = fake.transport
        init(self, *args, **kwargs)
    return wrapped

SyncAPIClient.__init__ = on_the_fake(SyncAPIClient.__init__)
AsyncAPIClient.__init__ = on_the_fake(AsyncAPIClient.__init__)
httpx.HTTPTransport = lambda *a, **k: fake.transport  # what RecordingTransport wraps
httpx.AsyncHTTPTransport = lambda *a, **k: fake.transport
report = {}
for name, blocks in pages.items():
    for number, code in enumerate(blocks):
        before = len(fake.requests)
        namespace = {"__name__": "docs_example"}
        with contextlib.redirect_stdout(io.StringIO()):  # the examples print
            exec(compile(code, f"{name}[{number}]", "exec"), namespace)
            tests = [v for k, v in namespace.items() if k.startswith("test_") and callable(v)]
            for test in tests:  # a test of the reader's code, on a fake of its own
                test()
        report[f"{name}[{number}]"] = {
            "calls": [(r.operation_id, r.status) for r in fake.requests[before:]],
            "tests": len(tests),
        }
print(json.dumps(report))
"""


def run_page_examples(
    tree: Path, tmp_path: Path, run_in_tree: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    tmp_path.mkdir(exist_ok=True)
    shutil.copy(TEST_KEY, tmp_path / "kalshi.pem")
    blocks = {  # streaming.md's example runs on FakeKalshiWS (tests/ws/test_ws_docs.py)
        name: python_blocks(page) for name, page in pages(tree).items() if name != "streaming.md"
    }
    stdin = json.dumps({**blocks, "__cwd__": str(tmp_path)})
    done = run_in_tree(tree, RUN_EXAMPLES.replace("sys.stdin.read()", repr(stdin)))
    assert done.returncode == 0, done.stderr[-5000:]
    report: dict[str, dict[str, Any]] = json.loads(done.stdout)
    assert len(report) == sum(len(b) for b in blocks.values())
    for example, ran in report.items():
        calls = ran["calls"]
        assert calls or ran["tests"], f"{example} sent no request"
        assert all(op is not None for op, _ in calls), f"{example}: unrouted {calls}"
        refused = [(op, status) for op, status in calls if status >= 400 and status != 404]
        assert not refused, f"{example}: the fake refused {refused}"


def test_every_page_example_runs_against_the_fake(
    tree: Path, tmp_path: Path, run_in_tree: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    run_page_examples(tree, tmp_path, run_in_tree)


@pytest.mark.parametrize(
    "spec",
    ["crud.yaml", "constraints/constraints.yaml", "nesting/nesting.yaml", "shapes/operations.yaml"],
)
def test_the_examples_of_other_specs_run_too(
    spec: str,
    tmp_path: Path,
    fixture_specs: Path,
    generate_into: Callable[..., Path],
    run_in_tree: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    """Examples come from the IR, so a spec with other resources and names gets runnable
    ones as well (fixture specs that name a server: FakeKalshi serves the spec's)."""
    tree = generate_into(tmp_path, fixture_specs / spec)
    run_page_examples(tree, tmp_path / "run", run_in_tree)

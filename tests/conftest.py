"""Shared fixtures of the generator tests: paths, the real Kalshi specs, generating in-process,
and importing a generated `kalshi` package in a subprocess.

Several generated trees are tested in one session (the fixture specs, three Kalshi releases)
and each is a package named `kalshi`, so they are only ever imported in subprocesses and never
clash in this process's sys.modules (tests/client and tests/runtime import the committed
generated/kalshi in-process).

Test modules use the helpers through the fixtures below: conftest.py files outside packages
all share the module name `conftest`, so `from conftest import ...` would find whichever
conftest pytest loaded last.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from file_lock import held
from shared_specs import SHARED_SPEC, real_spec_path, unavailable

from generator import pipeline

REPO = Path(__file__).resolve().parents[1]
FIXTURE_SPECS = REPO / "tests" / "fixtures" / "specs"
REPO_OVERRIDES = REPO / "overrides.yaml"
LOCK = REPO / "spec" / "openapi.lock.json"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: takes seconds: type checkers over whole generated trees, virtualenvs, "
        "scripts/spec-update.sh end to end, the fuzz property "
        "(deselect with -m 'not slow' while iterating; CI runs them)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (--dist loadfile, --no-loadscope-reorder), the modules holding slow
    tests come first: the workers start on them and the quick modules fill in around them,
    instead of one slow module running alone at the end. Otherwise the order is as collected."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return
    slow = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow)  # stable: the rest keep their order


# ---------------------------------------------------------------------- prerequisites


def read_locked_version() -> str:
    """The Kalshi release the committed generated/ was built from (spec/openapi.lock.json)."""
    return str(json.loads(LOCK.read_text(encoding="utf-8"))["version"])


# ---------------------------------------------------------------------- generating


def empty_overrides(directory: Path) -> Path:
    path = directory / "empty-overrides.yaml"
    path.write_text("", encoding="utf-8")
    return path


def locked_ws_input() -> pipeline.WsInput:
    """The locked AsyncAPI document (spec/asyncapi.yaml, synced by setup.sh) and
    overrides-ws.yaml: what `generate` adds to the committed client as kalshi.ws."""
    return pipeline.WsInput(REPO / "spec" / "asyncapi.yaml", REPO / "overrides-ws.yaml")


def generate_with_result(
    tmp_path: Path,
    spec: Path,
    overrides: Path | None = None,
    *,
    name: str = "out",
    ws: pipeline.WsInput | None = None,
) -> tuple[Path, pipeline.Result]:
    """The whole pipeline, in-process, into tmp_path/<name>; `overrides=None` is an empty file;
    `ws`: with kalshi.ws from that AsyncAPI document."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    output = tmp_path / name
    result = pipeline.generate(
        spec, overrides if overrides is not None else empty_overrides(tmp_path), output, ws=ws
    )
    return output, result


def generate_into_dir(
    tmp_path: Path,
    spec: Path,
    overrides: Path | None = None,
    *,
    name: str = "out",
    ws: pipeline.WsInput | None = None,
) -> Path:
    return generate_with_result(tmp_path, spec, overrides, name=name, ws=ws)[0]


# ---------------------------------------------------------------------- importing a tree


def run_code_in_tree(
    tree: Path, code: str, *, python: str = sys.executable, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter where `kalshi` is tree/kalshi (asserted first)."""
    prelude = textwrap.dedent(f"""\
        import sys
        sys.path.insert(0, {str(tree)!r})
        import kalshi
        from pathlib import Path as _Path
        _want = _Path({str(tree / "kalshi")!r}).resolve()
        assert _Path(kalshi.__file__).resolve().parent == _want, kalshi.__file__
        """)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KALSHI_", "PYTHON"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"  # leave the tree as generated
    return subprocess.run(
        [python, "-c", prelude + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def run_json_in_tree_(tree: Path, code: str, *, python: str = sys.executable) -> Any:
    """run_code_in_tree for a script that prints one JSON document; fails the test otherwise."""
    done = run_code_in_tree(tree, code, python=python)
    if done.returncode != 0:
        pytest.fail(
            f"script in {tree} ({python}) exited {done.returncode}:\n{done.stderr[-4000:]}",
            pytrace=False,
        )
    return json.loads(done.stdout)


def run_commands_in_parallel(
    commands: dict[str, tuple[list[str], Path]], *, timeout: float = 600
) -> dict[str, subprocess.CompletedProcess[str]]:
    """Run {key: (argv, cwd)} a few at a time (one per CPU); their results by key."""
    from concurrent.futures import ThreadPoolExecutor

    def run(
        item: tuple[str, tuple[list[str], Path]],
    ) -> tuple[str, subprocess.CompletedProcess[str]]:
        key, (argv, cwd) = item
        done = subprocess.run(
            argv, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False
        )
        return key, done

    with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
        return dict(pool.map(run, commands.items()))


# The third-party modules the generated runtime imports; checked once into a base cache that
# every tree's own mypy cache starts from (pydantic and httpx are most of mypy's time).
_MYPY_WARM_UP = """\
import httpx
import pydantic
import typing_extensions
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
"""


def warm_mypy_cache(directory: Path, python_version: str = "3.10") -> Path:
    """A mypy cache holding only third-party modules (no `kalshi`), for mypy_command."""
    directory.mkdir(parents=True, exist_ok=True)
    module = directory / "kalshi_codegen_mypy_warm_up.py"
    module.write_text(_MYPY_WARM_UP, encoding="utf-8")
    cache = directory / "cache"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--python-version",
            python_version,
            "--cache-dir",
            str(cache),
            str(module),
        ],
        cwd=directory,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return cache


def shared_once(directory: Path, build: Callable[[Path], Path]) -> Path:
    """build(directory/"work"), done by the first of the processes that ask; the others wait
    for it, then get the same result (for what the pytest-xdist workers of one run share)."""
    done = directory / "built"
    with held(directory / "lock"):
        if not done.is_file():
            done.write_text(str(build(directory / "work")), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))


def mypy_command(tree: Path, base_cache: Path | None = None) -> tuple[list[str], Path]:
    """`mypy --strict kalshi` in the tree (its pyproject.toml has [tool.mypy]), with a cache of
    its own beside it (mypy's cache is keyed by module name, and every tree is `kalshi`),
    seeded from `base_cache` when given."""
    cache = tree.parent / f".mypy_cache-{tree.name}"
    if base_cache is not None and base_cache.is_dir() and not cache.exists():
        shutil.copytree(base_cache, cache)
    return [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), "kalshi"], tree


# ---------------------------------------------------------------------- fixtures


@pytest.fixture(scope="session", autouse=True)
def each_pem_key_parsed_once() -> Iterator[None]:
    """OpenSSL checks an RSA private key on every load (~50 ms for 2048 bits), and the
    in-process client tests build hundreds of clients and fakes from the one test key: parse
    each distinct PEM once per session. The same bytes give the same key; a PEM that fails
    is not remembered, so it fails every time."""
    from cryptography.hazmat.primitives import serialization

    load = serialization.load_pem_private_key
    parsed: dict[tuple[Any, ...], Any] = {}

    def load_once(data: bytes, *args: Any, **kwargs: Any) -> Any:
        key = (bytes(data), args, tuple(sorted(kwargs.items())))
        if key not in parsed:
            parsed[key] = load(data, *args, **kwargs)
        return parsed[key]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(serialization, "load_pem_private_key", load_once)
        yield


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def fixture_specs() -> Path:
    return FIXTURE_SPECS


@pytest.fixture(scope="session")
def prerequisite_missing() -> Callable[[str], None]:
    """prerequisite_missing(reason): skip on a developer machine, fail when CI is set."""
    return unavailable


@pytest.fixture(scope="session")
def shared_spec() -> Path:
    """../shared/spec/, the real Kalshi documents (skip, or fail in CI, when missing)."""
    if not SHARED_SPEC.is_dir():
        unavailable(f"{SHARED_SPEC} is missing: the real Kalshi specs live in ../shared/spec/")
    return SHARED_SPEC


@pytest.fixture(scope="session")
def real_spec() -> Callable[[str], Path]:
    """real_spec("3.13.0") -> ../shared/spec/kalshi-openapi-3.13.0.yaml (or skip / fail)."""
    return real_spec_path


@pytest.fixture(scope="session")
def locked_version() -> str:
    return read_locked_version()


@pytest.fixture(scope="session")
def repo_overrides() -> Path:
    return REPO_OVERRIDES


@pytest.fixture(scope="session")
def generate_into() -> Callable[..., Path]:
    """generate_into(tmp_path, spec, overrides=None, *, name="out") -> the output folder."""
    return generate_into_dir


@pytest.fixture(scope="session")
def locked_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The locked spec with overrides.yaml, generated once per session into a temporary folder
    (not generated/, so a stale committed tree cannot hide a generator change). Read only:
    a test that writes into it copies it first."""
    return generate_into_dir(
        tmp_path_factory.mktemp("locked"),
        REPO / "spec" / "openapi.yaml",
        REPO_OVERRIDES,
        ws=locked_ws_input(),
    )


@pytest.fixture(scope="session")
def locked_ws() -> pipeline.WsInput:
    """The locked AsyncAPI document and overrides-ws.yaml (generate_into(..., ws=locked_ws))."""
    return locked_ws_input()


@pytest.fixture(scope="session")
def generate_result() -> Callable[..., tuple[Path, pipeline.Result]]:
    """Like generate_into, returning (output folder, pipeline.Result) for the IR and warnings."""
    return generate_with_result


@pytest.fixture(scope="session")
def run_in_tree() -> Callable[..., subprocess.CompletedProcess[str]]:
    """run_in_tree(tree, code, python=sys.executable): `code` with `kalshi` from tree/kalshi."""
    return run_code_in_tree


@pytest.fixture(scope="session")
def run_parallel() -> Callable[..., dict[str, subprocess.CompletedProcess[str]]]:
    """run_parallel({key: (argv, cwd)}) -> {key: CompletedProcess}, one process per CPU."""
    return run_commands_in_parallel


@pytest.fixture(scope="session")
def mypy_strict(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[Path], tuple[list[str], Path]]:
    """mypy_strict(tree) -> (argv, cwd) of `mypy --strict kalshi`, for run_parallel.

    The warm-up cache is built once per run: under pytest-xdist the first worker to need it
    builds it in the run's shared temporary folder while the others wait for it."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        base = warm_mypy_cache(tmp_path_factory.mktemp("mypy-warm-up"))
    else:
        base = shared_once(tmp_path_factory.getbasetemp().parent / "mypy-warm-up", warm_mypy_cache)
    return lambda tree: mypy_command(tree, base)


@pytest.fixture(scope="session")
def run_json_in_tree() -> Callable[..., Any]:
    """run_json_in_tree(tree, code, python=...): the JSON document the script prints."""
    return run_json_in_tree_

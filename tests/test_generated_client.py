"""The generated client from the real Kalshi specs: committed output up to date, reproducible,
complete (every operation of the document on both clients), `mypy --strict` / ruff / black
clean, and importable on Python 3.10 to 3.13.

Trees: the locked release (spec/openapi.lock.json, 3.13.0 today) with the repo's overrides.yaml,
and 3.6.0 and 3.31.0 with an EMPTY overrides file (the generator must work on any 3.x release
unchanged). Each tree is generated once per module; mypy runs once per tree, in parallel.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from file_lock import held

from generator.emit.write import tree_files

REPO = Path(__file__).resolve().parents[1]
LOCKED = json.loads((REPO / "spec" / "openapi.lock.json").read_text())["version"]
HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")

# tree id -> (Kalshi release, overrides: "repo" = overrides.yaml, "empty" = an empty file)
TREES: dict[str, tuple[str, str]] = {
    f"{LOCKED}-repo-overrides": (LOCKED, "repo"),
    "3.6.0-empty-overrides": ("3.6.0", "empty"),
    "3.31.0-empty-overrides": ("3.31.0", "empty"),
}
MAIN = f"{LOCKED}-repo-overrides"
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
VENV_CACHE = Path(
    os.environ.get("KALSHI_CODEGEN_PYVERS_CACHE", Path.home() / ".cache" / "kalshi-codegen-pyvers")
)


# ---------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def generations(
    tmp_path_factory: pytest.TempPathFactory,
    generate_result: Callable[..., tuple[Path, Any]],
    real_spec: Callable[[str], Path],
    repo_overrides: Path,
) -> Callable[[str], tuple[Path, list[str]]]:
    """generations(id) -> (folder, generator warnings) for TREES[id], generated on first use."""
    cache: dict[str, tuple[Path, list[str]]] = {}

    def get(tree_id: str) -> tuple[Path, list[str]]:
        if tree_id not in cache:
            version, overrides = TREES[tree_id]
            root, result = generate_result(
                tmp_path_factory.mktemp(tree_id),
                real_spec(version),
                repo_overrides if overrides == "repo" else None,
                name="generated",
            )
            cache[tree_id] = (root, [str(w) for w in result.client.warnings])
        return cache[tree_id]

    return get


@pytest.fixture(scope="module")
def tree(generations: Callable[[str], tuple[Path, list[str]]]) -> Callable[[str], Path]:
    """tree(id) -> the folder generated for TREES[id]."""
    return lambda tree_id: generations(tree_id)[0]


@pytest.fixture(scope="module")
def mypy_runs(
    tree: Callable[[str], Path],
    run_parallel: Callable[..., dict[str, subprocess.CompletedProcess[str]]],
    mypy_strict: Callable[[Path], tuple[list[str], Path]],
) -> dict[str, subprocess.CompletedProcess[str]]:
    """`mypy --strict kalshi` once per tree, in parallel."""
    return run_parallel({tree_id: mypy_strict(tree(tree_id)) for tree_id in TREES})


def spec_operations(spec: Path) -> list[dict[str, Any]]:
    """Every operation of the document, read from its `paths` (not from the generator)."""
    doc = yaml.load(
        spec.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )

    def resolve(obj: Any) -> Any:
        while isinstance(obj, dict) and "$ref" in obj:
            node: Any = doc
            for part in obj["$ref"].removeprefix("#/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            obj = node
        return obj

    ops: list[dict[str, Any]] = []
    for path, item in doc["paths"].items():
        item = resolve(item)
        for method in HTTP_METHODS:
            if method not in item:
                continue
            op = item[method]
            params = [
                resolve(p) for p in [*(item.get("parameters") or []), *(op.get("parameters") or [])]
            ]
            success = {str(c): r for c, r in (op.get("responses") or {}).items()}
            codes = sorted(c for c in success if c.startswith("2"))
            response = resolve(success[codes[0]]) if codes else {}
            schema = resolve(
                ((response.get("content") or {}).get("application/json") or {}).get("schema") or {}
            )
            ops.append(
                {
                    "operation_id": op["operationId"],
                    "http_method": method.upper(),
                    "path": path,
                    "path_params": re.findall(r"\{([^}]+)\}", path),
                    "required_query": sorted(
                        {p["name"] for p in params if p.get("in") == "query" and p.get("required")}
                    ),
                    # GUIDE 4: a `cursor` query parameter and a cursor in the response
                    # (`cursor`, or `next_cursor` as GetIncentivePrograms names it)
                    "cursor": any(
                        p.get("in") == "query" and p.get("name") == "cursor" for p in params
                    )
                    and bool({"cursor", "next_cursor"} & set(schema.get("properties") or {})),
                }
            )
    return ops


# The check runs in a subprocess where `kalshi` is the tree under test.
COMPLETENESS_SCRIPT = """
import asyncio, inspect, json
from operator import attrgetter
from kalshi import AsyncKalshiClient, KalshiClient
from kalshi._operations import OPERATIONS

spec_ops = json.loads(SPEC_OPS)
by_id = {info.operation_id: info for info in OPERATIONS}
problems = []
sync_client, async_client = KalshiClient(), AsyncKalshiClient()
for op in spec_ops:
    op_id = op["operation_id"]
    info = by_id.get(op_id)
    if info is None:
        problems.append(f"{op_id}: not in kalshi._operations.OPERATIONS")
        continue
    if (info.http_method, info.path) != (op["http_method"], op["path"]):
        problems.append(f"{op_id}: OPERATIONS says {info.http_method} {info.path}")
    for client, is_async in ((sync_client, False), (async_client, True)):
        side = type(client).__name__
        try:  # a nested sub-resource is a dotted path: communications.rfq_batches.quotes
            resource = attrgetter(info.resource)(client)
        except AttributeError:
            resource = None
        method = getattr(resource, info.method, None) if resource is not None else None
        if not callable(method):
            problems.append(f"{op_id}: {side}.{info.resource}.{info.method} is missing")
            continue
        if inspect.iscoroutinefunction(method) != is_async:
            problems.append(f"{op_id}: {side}.{info.resource}.{info.method} async={not is_async}")
        params = inspect.signature(method).parameters.values()
        positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        if len(positional) != len(op["path_params"]):
            problems.append(f"{op_id}: {side} positional {positional} != path {op['path_params']}")
        required_kw = [p.name for p in params if p.kind is p.KEYWORD_ONLY and p.default is p.empty]
        if len(required_kw) != len(op["required_query"]):
            problems.append(f"{op_id}: {side} required keywords {required_kw} != {op['required_query']}")
        names = {p.name for p in params}
        if not {"extra_headers", "timeout"} <= names:
            problems.append(f"{op_id}: {side} lacks extra_headers= / timeout=")
        if info.paginator is not None:
            pager = getattr(resource, info.paginator, None)
            if not callable(pager):
                problems.append(f"{op_id}: {side}.{info.resource}.{info.paginator} is missing")
                continue
            if inspect.iscoroutinefunction(pager):
                problems.append(f"{op_id}: {side} paginator must return an iterator, not a coroutine")
            returns = str(inspect.signature(pager).return_annotation)
            if not returns.startswith("AsyncIterator[" if is_async else "Iterator["):
                problems.append(f"{op_id}: {side} paginator returns {returns}")
spec_ids = {op["operation_id"] for op in spec_ops}
problems += [f"{op_id}: in OPERATIONS but not in the spec" for op_id in sorted(set(by_id) - spec_ids)]
sync_client.close()
asyncio.run(async_client.aclose())
print(json.dumps({
    "problems": problems,
    "operations": len(OPERATIONS),
    "paginated": sorted(i.operation_id for i in OPERATIONS if i.paginator),
}))
"""

# Every module imports; every model's annotations resolve; both clients build every resource.
IMPORT_SCRIPT = """
import asyncio, importlib, json, pkgutil, sys
from operator import attrgetter
from pydantic import BaseModel
import kalshi
import kalshi.models
from kalshi._operations import OPERATIONS

modules = sorted(m.name for m in pkgutil.walk_packages(kalshi.__path__, "kalshi."))
for name in modules:
    importlib.import_module(name)
models = 0
for name in kalshi.models.__all__:
    obj = getattr(kalshi.models, name)
    assert getattr(kalshi, name) is obj, name
    if isinstance(obj, type) and issubclass(obj, BaseModel):
        obj.model_rebuild(force=True, raise_errors=True)
        obj.model_json_schema()
        models += 1
sync_client, async_client = kalshi.KalshiClient(), kalshi.AsyncKalshiClient()
for info in OPERATIONS:
    attrgetter(f"{info.resource}.{info.method}")(sync_client)
    attrgetter(f"{info.resource}.{info.method}")(async_client)
sync_client.close()
asyncio.run(async_client.aclose())
print(json.dumps({
    "python": "%d.%d" % sys.version_info[:2],
    "modules": len(modules),
    "models": models,
    "spec": kalshi.SPEC_VERSION,
}))
"""


# ---------------------------------------------------------------------- the committed tree


def test_lock_names_the_shared_spec(real_spec: Callable[[str], Path]) -> None:
    """The document generated below is byte for byte the one spec/openapi.lock.json locks."""
    lock = json.loads((REPO / "spec" / "openapi.lock.json").read_text())
    spec = real_spec(LOCKED)
    assert hashlib.sha256(spec.read_bytes()).hexdigest() == lock["sha256"]


def test_committed_generated_is_exactly_the_generator_output() -> None:
    """`kalshi-codegen generate --check` on main: generated/ is what the generator writes from
    every target's locked document (targets.yaml)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(REPO)
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, (
        "generated/ is not the generator's output; run `kalshi-codegen generate` and commit:\n"
        + done.stdout
        + done.stderr
    )


def test_two_generations_are_byte_identical(
    tree: Callable[[str], Path],
    tmp_path: Path,
    generate_into: Callable[..., Path],
    real_spec: Callable[[str], Path],
    repo_overrides: Path,
) -> None:
    first = tree_files(tree(MAIN))
    second = tree_files(generate_into(tmp_path, real_spec(LOCKED), repo_overrides, name="again"))
    assert sorted(first) == sorted(second)
    differ = [path for path in first if first[path] != second[path]]
    assert not differ, f"not reproducible: {differ}"


# ---------------------------------------------------------------------- complete


@pytest.mark.parametrize("tree_id", list(TREES))
def test_every_spec_operation_is_a_method_on_both_clients(
    tree_id: str,
    generations: Callable[[str], tuple[Path, list[str]]],
    real_spec: Callable[[str], Path],
    run_json_in_tree: Callable[..., Any],
) -> None:
    version, _ = TREES[tree_id]
    ops = spec_operations(real_spec(version))
    assert len(ops) > 50  # the real document, not a stub
    root, warnings = generations(tree_id)
    report = run_json_in_tree(
        root, f"SPEC_OPS = {json.dumps(json.dumps(ops))}\n" + COMPLETENESS_SCRIPT
    )
    assert report["problems"] == []
    assert report["operations"] == len(ops)
    # a `cursor` query parameter and a `cursor` in the response: a `*_all` iterator, or a
    # warning that says why not (the response has several list fields)
    cursor_ops = {op["operation_id"] for op in ops if op["cursor"]}
    assert set(report["paginated"]) <= cursor_ops
    unexplained = [
        op_id
        for op_id in sorted(cursor_ops - set(report["paginated"]))
        if not any(w.startswith(f"operation {op_id}: cursor-paginated") for w in warnings)
    ]
    assert unexplained == []


def test_known_operation_counts(real_spec: Callable[[str], Path]) -> None:
    """The facts of GUIDE section 2, so a wrong document is noticed before anything else."""
    assert len(spec_operations(real_spec("3.13.0"))) == 89
    assert len(spec_operations(real_spec("3.31.0"))) == 117


# ---------------------------------------------------------------------- clean


@pytest.mark.slow
@pytest.mark.parametrize("tree_id", list(TREES))
def test_mypy_strict_clean(
    tree_id: str, mypy_runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    done = mypy_runs[tree_id]
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "Success: no issues found" in done.stdout


@pytest.mark.parametrize("tree_id", list(TREES))
def test_ruff_check_clean(tree_id: str, tree: Callable[[str], Path]) -> None:
    """`ruff check` with the generated pyproject.toml's own [tool.ruff] settings."""
    root = tree(tree_id)
    done = subprocess.run(
        [ruff(), "check", "--no-cache", "."], cwd=root, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format_is_stable(tree: Callable[[str], Path]) -> None:
    done = subprocess.run(
        [ruff(), "format", "--check", "--no-cache", "."],
        cwd=tree(MAIN),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_black_compatible(tree: Callable[[str], Path]) -> None:
    """The generator formats with ruff; black (same line length and target) must agree."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "black",
            "--check",
            "--line-length",
            "100",
            "--target-version",
            "py310",
            ".",
        ],
        cwd=tree(MAIN),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def ruff() -> str:
    from ruff.__main__ import find_ruff_bin

    return str(find_ruff_bin())


# ---------------------------------------------------------------------- importable


@pytest.mark.parametrize("tree_id", list(TREES))
def test_importable(
    tree_id: str, tree: Callable[[str], Path], run_json_in_tree: Callable[..., Any]
) -> None:
    report = run_json_in_tree(tree(tree_id), IMPORT_SCRIPT)
    assert report["spec"] == TREES[tree_id][0]
    assert report["models"] > 100


def find_python(version: str) -> str | None:
    """The newest ~/.pyenv/versions/<version>.*/bin/python, else python<version> on PATH."""
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    found = sorted(
        glob.glob(str(pyenv / f"{version}.*" / "bin" / "python")),
        key=lambda p: [int(x) if x.isdigit() else 0 for x in Path(p).parents[1].name.split(".")],
    )
    return found[-1] if found else shutil.which(f"python{version}")


def runtime_requirements(generated: Path) -> list[str]:
    """[project].dependencies of the generated pyproject.toml, plus its build-system's
    requirements (it is built without isolation)."""
    text = (generated / "pyproject.toml").read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        block = re.search(r"^dependencies = \[(.*?)^\]", text, re.DOTALL | re.MULTILINE)
        assert block, "no [project].dependencies in the generated pyproject.toml"
        deps = re.findall(r'"([^"]+)"', block.group(1))
        build = re.search(r"^requires = \[(.*?)\]", text, re.MULTILINE)
        assert build, "no [build-system].requires in the generated pyproject.toml"
        build_deps = re.findall(r'"([^"]+)"', build.group(1))
    else:
        toml = tomllib.loads(text)
        deps = list(toml["project"]["dependencies"])
        build_deps = list(toml["build-system"]["requires"])
    return [*deps, *build_deps, "wheel"]


def build_venv(version: str, requirements: list[str]) -> str:
    """A cached virtualenv of Python <version> with the generated client's dependencies;
    returns its python, or raises RuntimeError naming what went wrong."""
    interpreter = find_python(version)
    if interpreter is None:
        raise LookupError(f"no Python {version} (looked in ~/.pyenv/versions and on PATH)")
    # one builder at a time: the pytest-xdist workers and other test runs share the cache
    with held(VENV_CACHE / f"py{version}.lock"):
        return _cached_venv(VENV_CACHE / f"py{version}", interpreter, requirements)


def _cached_venv(venv: Path, interpreter: str, requirements: list[str]) -> str:
    python = venv / "bin" / "python"
    stamp = venv / "kalshi-codegen-requirements.txt"
    wanted = "\n".join([interpreter, *requirements]) + "\n"
    if python.exists() and stamp.is_file() and stamp.read_text() == wanted:
        return str(python)
    shutil.rmtree(venv, ignore_errors=True)
    for argv in (
        [interpreter, "-m", "venv", str(venv)],
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *requirements,
        ],
    ):
        done = subprocess.run(argv, capture_output=True, text=True, timeout=900, check=False)
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(argv)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}"
            )
    stamp.write_text(wanted)
    return str(python)


@pytest.fixture(scope="module")
def venvs(tree: Callable[[str], Path]) -> dict[str, str | BaseException]:
    """One virtualenv per Python version (cached across runs), built in parallel."""
    from concurrent.futures import ThreadPoolExecutor

    requirements = runtime_requirements(tree(MAIN))

    def build(version: str) -> tuple[str, str | BaseException]:
        try:
            return version, build_venv(version, requirements)
        except (LookupError, RuntimeError, subprocess.TimeoutExpired) as exc:
            return version, exc

    with ThreadPoolExecutor(max_workers=len(PYTHONS)) as pool:
        return dict(pool.map(build, PYTHONS))


@pytest.mark.slow
@pytest.mark.parametrize("python_version", PYTHONS)
def test_pip_install_and_import_on_python(
    python_version: str,
    venvs: dict[str, str | BaseException],
    tree: Callable[[str], Path],
    tmp_path: Path,
    run_json_in_tree: Callable[..., Any],
    prerequisite_missing: Callable[[str], None],
) -> None:
    """`pip install generated/` works and `import kalshi` (every module, every model) works on
    Python 3.10 to 3.13. A missing interpreter is a skip on a developer machine, a failure in CI."""
    python = venvs[python_version]
    if isinstance(python, LookupError):
        prerequisite_missing(str(python))
    if isinstance(python, BaseException):
        pytest.fail(
            f"could not build the Python {python_version} virtualenv: {python}", pytrace=False
        )
    source = tmp_path / "src"  # pip builds in the source folder: not in the shared tree
    shutil.copytree(tree(MAIN), source)
    site = tmp_path / "site"
    done = subprocess.run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            "--target",
            str(site),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert (site / "kalshi" / "py.typed").is_file()  # typed package data is installed
    report = run_json_in_tree(site, IMPORT_SCRIPT, python=python)
    assert report["python"] == python_version
    assert report["spec"] == LOCKED

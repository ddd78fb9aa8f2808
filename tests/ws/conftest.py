"""Shared fixtures of the WebSocket tests, and the `kalshi` package they import.

The package is the generated tree (generated/kalshi/, with kalshi/ws/) or, set
KALSHI_GENERATED=<dir>, another generated tree, as tests/runtime does. The runtime's own
tests use hand-written channels (ws_support.py); the others use the generated ones.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WS_RUNTIME = ROOT / "templates" / "runtime" / "ws"
GENERATED = Path(os.environ.get("KALSHI_GENERATED") or ROOT / "generated").resolve()
KEY_PATH = ROOT / "tests" / "runtime" / "fixtures" / "test_key.pem"


def _install_kalshi() -> str:
    if "kalshi" not in sys.modules:
        if not (GENERATED / "kalshi" / "_base_client.py").is_file():
            raise pytest.UsageError(f"{GENERATED} has no generated kalshi/ package")
        sys.path.insert(0, str(GENERATED))
    import kalshi

    where = Path(kalshi.__file__ or "?").parent
    if not (where / "ws" / "_session.py").is_file():
        raise pytest.UsageError(f"{where} has no kalshi/ws/: generate with the AsyncAPI document")
    return str(where)


KALSHI_UNDER_TEST = _install_kalshi()


def pytest_report_header() -> str:
    return f"kalshi (ws) under test: {KALSHI_UNDER_TEST}"


@pytest.fixture
def key_pem() -> str:
    return KEY_PATH.read_text()


# ---------------------------------------------------------------------- kalshi.perps.ws

PERPS_PACKAGES = ("kalshi", "kalshi.perps", "kalshi.perps.testing")


@pytest.fixture(scope="session")
def perps_ws(tmp_path_factory: pytest.TempPathFactory) -> str:
    """kalshi.perps.ws importable: the tree under test's own, or (a tree generated before the
    perps targets) the perps-ws target rendered from the locked document and grafted onto
    the imported `kalshi`, with the perps REST servers it pairs with. Returns where it is."""
    try:
        import kalshi.perps.testing._ws_fake
        import kalshi.perps.ws.client

        return str(Path(kalshi.perps.ws.client.__file__ or "?").parent)
    except ImportError:
        pass
    return str(_graft_perps_ws(tmp_path_factory.mktemp("perps-ws")))


def _graft_perps_ws(root: Path) -> Path:
    import importlib

    from ws_documents import REPO, build_perps

    from generator import ir
    from generator.documents.load import load_document
    from generator.emit.ws import render_ws
    from generator.targets import project_target

    rest = ir.ClientIR(title="", spec_version="", resources=[], models={})
    files = render_ws(build_perps(), rest, project_target("perps-ws"), project_target("perps"))
    for rel, text in files.items():
        if rel.startswith("kalshi/perps/"):
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
    environments = root / "kalshi" / "perps" / "_environments.py"
    servers = load_document(_perps_rest_document(REPO)).get("servers") or []
    rows = [(s["url"].rstrip("/"), "demo" if "demo" in s["url"] else "production") for s in servers]
    environments.write_text(
        "from typing import NamedTuple\n\n\nclass Server(NamedTuple):\n    url: str\n"
        "    environment: str\n    description: str\n\n\n"
        f"SERVERS = tuple(Server(url, env, '') for url, env in {rows!r})\n",
        encoding="utf-8",
    )
    for name in PERPS_PACKAGES:  # packages imported already take the graft as a portion
        module = sys.modules.get(name)
        if module is not None and hasattr(module, "__path__"):
            module.__path__.append(str(root.joinpath(*name.split("."))))
    importlib.invalidate_caches()
    import kalshi.perps.testing._ws_fake
    import kalshi.perps.ws.client

    return Path(kalshi.perps.ws.client.__file__ or "?").parent


def _perps_rest_document(repo: Path) -> Path:
    """The perps OpenAPI document: the locked copy, else its release in ../shared/spec/."""
    import json

    from shared_specs import SHARED_SPEC

    locked = repo / "spec" / "perps-openapi.yaml"
    if locked.is_file():
        return locked
    lock = repo / "spec" / "perps-openapi.lock.json"
    version = json.loads(lock.read_text(encoding="utf-8"))["version"] if lock.is_file() else "0.0.1"
    return SHARED_SPEC / f"kalshi-perps-openapi-{version}.yaml"

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

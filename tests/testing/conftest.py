"""Tests of kalshi.testing (FakeKalshi) and contract tests of every generated operation.

They import the committed generated/kalshi; set KALSHI_GENERATED=<dir> to run them against
another generated tree (e.g. one built from a newer spec), in a session of its own.
Helpers live in fake_support.py (conftest.py files share one module name, see
tests/conftest.py).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED = Path(os.environ.get("KALSHI_GENERATED") or ROOT / "generated").resolve()
TEST_KEY = ROOT / "tests" / "runtime" / "fixtures" / "test_key.pem"

if "kalshi" not in sys.modules and str(GENERATED) not in sys.path:
    sys.path.insert(0, str(GENERATED))


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[float]]:
    """Retry waits of every client, recorded instead of slept."""
    from kalshi._base_client import AsyncAPIClient, SyncAPIClient

    waited: list[float] = []

    def sleep(self: object, seconds: float) -> None:
        waited.append(seconds)

    async def async_sleep(self: object, seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(SyncAPIClient, "_sleep", sleep)
    monkeypatch.setattr(AsyncAPIClient, "_sleep", async_sleep)
    yield waited

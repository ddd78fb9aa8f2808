"""The generated client's runtime modules are verbatim copies of templates/runtime/.

Of generated/ (the committed tree), or of the tree KALSHI_GENERATED names (see conftest.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "templates" / "runtime"
GENERATED = Path(os.environ.get("KALSHI_GENERATED") or ROOT / "generated").resolve() / "kalshi"
# kalshi/*.py and py.typed, and kalshi/ws/*.py (the WebSocket runtime, templates/runtime/ws/)
FILES = sorted(
    p.relative_to(RUNTIME).as_posix()
    for p in RUNTIME.rglob("*")
    if p.is_file() and (p.suffix == ".py" or p.name == "py.typed")
)


def test_the_websocket_runtime_is_among_them() -> None:
    assert "ws/_session.py" in FILES


@pytest.mark.parametrize("name", FILES)
def test_generated_copy_is_current(name: str) -> None:
    generated = GENERATED / name
    assert generated.is_file(), f"{generated} is missing"
    assert (
        generated.read_bytes() == (RUNTIME / name).read_bytes()
    ), f"{generated} differs from templates/runtime/{name}; re-run the generator"

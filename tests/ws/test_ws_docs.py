"""The streaming page (docs/streaming.md): it lists every channel with its method, and its
FakeKalshiWS example runs unchanged on the generated tree; the perps page's FakePerpsWS one too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GENERATED = Path(os.environ.get("KALSHI_GENERATED") or ROOT / "generated").resolve()

PAGE = GENERATED / "docs" / "streaming.md"
CHANNELS = GENERATED / "kalshi" / "ws" / "channels.py"


def python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_the_page_lists_every_channel_and_its_method() -> None:
    text = PAGE.read_text()
    names = re.findall(
        r'^    "([a-z0-9_]+)": ChannelSpec\(', CHANNELS.read_text(), flags=re.MULTILINE
    )
    assert len(names) == 13
    for name in names:
        assert f"| `{name}` | `subscribe_{name}` |" in text, name


@pytest.mark.parametrize(
    ("page", "fake"),
    [(PAGE, "FakeKalshiWS"), (GENERATED / "docs" / "perps" / "streaming.md", "FakePerpsWS")],
    ids=["kalshi.ws", "kalshi.perps.ws"],
)
def test_the_fake_example_runs(tmp_path: Path, page: Path, fake: str) -> None:
    example = python_blocks(page.read_text())[-1]
    assert fake in example
    script = tmp_path / "example.py"
    script.write_text(example)
    done = subprocess.run(
        [sys.executable, str(script)],
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(GENERATED), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_site_links_the_page() -> None:
    assert "  - Streaming: streaming.md\n" in (GENERATED / "mkdocs.yml").read_text()

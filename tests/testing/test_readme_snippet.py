"""The README's offline test of a trading function, kept here so it cannot rot.

Between the markers is exactly what README.md shows (test_readme_snippet_matches_the_readme
checks it once the README has the section).
"""

from __future__ import annotations

import re
from pathlib import Path

# --- README snippet: start ---
from kalshi.testing import FakeKalshi


def cap_orders(client):  # the trading code under test
    return client.order_groups.create(contracts_limit=100).order_group_id


def test_cap_orders():
    fake = FakeKalshi()
    fake.respond("CreateOrderGroup", update={"order_group_id": "og_1"})
    with fake.client() as client:
        assert cap_orders(client) == "og_1"
    assert fake.requests[0].json == {"contracts_limit": 100}


# --- README snippet: end ---

README = Path(__file__).resolve().parents[2] / "README.md"


def snippet() -> str:
    text = Path(__file__).read_text(encoding="utf-8")
    body = text.split("# --- README snippet: start ---\n", 1)[1].split(
        "# --- README snippet: end ---", 1
    )[0]
    return body.strip()


def _normalise(code: str) -> str:
    return re.sub(r"\n\s*\n+", "\n", code).strip()  # blank lines do not count


def test_readme_snippet_matches_the_readme() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "kalshi.testing" in readme, "README.md lost its offline-testing section"
    blocks = re.findall(r"```python\n(.*?)```", readme, flags=re.DOTALL)
    assert any(
        _normalise(snippet()) == _normalise(block) for block in blocks
    ), "README.md's FakeKalshi example differs from tests/testing/test_readme_snippet.py"

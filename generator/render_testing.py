"""Stage 4b: kalshi.testing, the spec-driven fake exchange (FakeKalshi)."""

from __future__ import annotations

import jinja2

from . import ir


def render_testing(client: ir.ClientIR, env: jinja2.Environment) -> dict[str, str]:
    """Files of generated/kalshi/testing/, by relative path."""
    return {}

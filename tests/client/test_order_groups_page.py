"""generated/docs/order_groups.md carries every fact of the seed page (shared/seed/order_groups.txt)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = (ROOT / "generated" / "docs" / "order_groups.md").read_text(encoding="utf-8")


def test_intro_and_auth() -> None:
    assert "A rolling contracts-limit bucket that several orders can share." in PAGE
    assert "can be reset() or trigger()ed manually." in PAGE
    assert "Auth required throughout." in PAGE


def test_method_table_rows() -> None:
    rows = {
        "list(*, subaccount=None)": "GET /portfolio/order_groups",
        "get(order_group_id, *, subaccount=None": "GET /portfolio/order_groups/{order_group_id}",
        "create(*, contracts_limit, subaccount=None, exchange_index=None)": "POST /portfolio/order_groups/create",
        "delete(order_group_id, *, subaccount=None, exchange_index=None)": "DELETE /portfolio/order_groups/{order_group_id}",
        "reset(order_group_id, *, subaccount=None": "PUT /portfolio/order_groups/{order_group_id}/reset",
        "trigger(order_group_id, *, subaccount=None": "PUT /portfolio/order_groups/{order_group_id}/trigger",
        "update_limit(order_group_id, *, contracts_limit": "PUT /portfolio/order_groups/{order_group_id}/limit",
    }
    for signature, endpoint in rows.items():
        assert re.search(
            rf"\| `{re.escape(signature)}[^`]*` \| `{re.escape(endpoint)}` \|", PAGE
        ), signature


def test_admonitions() -> None:
    assert '!!! info "Non-standard create path"' in PAGE
    assert "create() POSTs to /portfolio/order_groups/create, not /portfolio/order_groups." in PAGE
    assert '!!! info "Delete is not server-idempotent"' in PAGE
    assert "KalshiNotFoundError" in PAGE
    assert "plain list[OrderGroup], no cursor" in PAGE
    assert "Only exchange_index=0 is supported today" in PAGE
    assert (
        "reserved for future multi-shard\n    fanout" in PAGE
        or "reserved for future multi-shard fanout" in PAGE
    )


def test_subaccount_on_update_limit_is_explained() -> None:
    """Before 3.31.0 the spec had no subaccount on update_limit and the page said why; since
    3.31.0 the method takes it and the page says it was added. Either way, the row and the
    note agree."""
    row = next(line for line in PAGE.splitlines() if line.startswith("| `update_limit("))
    if "subaccount=None" in row:
        assert '!!! info "update_limit takes subaccount= since spec 3.31.0"' in PAGE
        assert "No subaccount= on update_limit" not in PAGE
    else:
        assert '!!! info "No subaccount= on update_limit"' in PAGE


def test_example_is_python_and_covers_the_seed_steps() -> None:
    example = PAGE.split("```python\n", 1)[1].split("```", 1)[0]
    ast.parse(example)
    for step in (
        "client.order_groups.create(contracts_limit=100)",
        "client.orders.create_v2(",
        "client.order_groups.get(group.order_group_id)",
        "client.order_groups.reset(group.order_group_id)",
        "client.order_groups.trigger(group.order_group_id)",
        "client.order_groups.delete(group.order_group_id)",
        "for g in client.order_groups.list():",
        'client.order_groups.update_limit("og_abc", contracts_limit=200)',
        "client.order_groups.create(contracts_limit=100, exchange_index=0)",
        'client.order_groups.delete("og_abc", exchange_index=0)',
        "except KalshiNotFoundError:",
    ):
        assert step in example, step


def test_mkdocstrings_references() -> None:
    assert "::: kalshi.resources.order_groups.OrderGroupsResource" in PAGE
    assert "::: kalshi.resources.order_groups.AsyncOrderGroupsResource" in PAGE

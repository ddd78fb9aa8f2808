"""How a query parameter's list goes on the wire: repeated keys or one comma-separated value.

OpenAPI's query default, `style: form` with `explode: true`, repeats the key (`?ids=a&ids=b`);
`explode: false` joins the items with commas (`?ids=a,b`). Kalshi also types several list
filters as a plain string and documents the commas in prose ("Comma-separated list of market
tickers"): the server reads one joined value there, never repeated keys, so those take a
sequence too and send it joined.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .. import ir

_COMMA_SEPARATED = re.compile(r"\bcomma[- ]separated\b", re.IGNORECASE)


def list_style(param: Mapping[str, Any], kind: ir.TypeRef) -> ir.ListStyle:
    """The wire style of query parameter `param` (the spec's object) of type `kind`."""
    item = ir.list_item(kind)
    if item is not None:
        unexploded = param.get("style", "form") == "form" and param.get("explode") is False
        return "comma" if unexploded else "repeat"
    if ir.non_null(kind) == ir.Primitive("str") and _COMMA_SEPARATED.search(
        str(param.get("description") or "")
    ):
        return "comma"
    return "repeat"

"""Spec text -> text that is safe where the templates put it.

Every string taken from the spec (or overrides.yaml) that ends up in generated code goes
through one of these, registered as jinja filters in render.py:

- `py_literal` (filter `pyrepr`): a Python literal. Strings are JSON strings, which Python
  reads back unchanged: quotes, backslashes, control characters, non-ASCII and lone
  surrogates all escaped. Also valid as a TOML basic string (pyproject.toml).
- `docstring` (filter `docstring`): the inside of a `\"\"\"...\"\"\"` docstring: NUL and other
  control characters dropped, backslashes doubled (`\\N`, `\\x`, a trailing backslash are
  text, not escapes), `\"\"\"` and a trailing `"` escaped.
- `clean_text` / `one_line` / `md_cell` (filters `text`, `line`, `cell`): Markdown pages,
  SURFACE.txt and comments: control characters dropped; `line` also folds line breaks
  (a comment or a listing line stays one line), `cell` also escapes `|` (a table cell).
"""

from __future__ import annotations

import json
import math
import re

# Line breaks as str.splitlines sees them, other than "\n".
_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# C0 and C1 control characters (except tab and newline), DEL, lone surrogates: never useful
# in prose, and NUL or a surrogate makes the file unreadable or unwritable.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")


def py_literal(value: object, *, python_repr: bool = False) -> str:
    """A Python literal of a str, int, bool, None, float (non-finite floats included) or a
    tuple of them.

    A str is a JSON string (`"..."`, non-ASCII escaped), or with `python_repr` Python's own
    repr (`'...'`, as annotations in SURFACE.txt have always been spelled); both are exact.
    """
    if isinstance(value, str):
        return repr(value) if python_repr else json.dumps(value)
    if isinstance(value, float) and not math.isfinite(value):
        return f'float("{value}")'
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, tuple):
        items = [py_literal(item, python_repr=python_repr) for item in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    raise TypeError(f"no Python literal for {type(value).__name__}")


# A Markdown link to a page of the API's documentation site, written site-relative in the
# spec (`[Rate Limits](/getting_started/rate_limits)`): broken anywhere but on that site.
_SITE_LINK = re.compile(r"\]\(/(?!/)")
DOCS_SITE = "https://docs.kalshi.com"  # also the distribution's documentation URL


def clean_text(text: object) -> str:
    """The text with `\\n` line breaks only, no control characters, and site-relative links
    made absolute (they resolve against DOCS_SITE)."""
    cleaned = _CONTROL.sub("", _BREAKS.sub("\n", str(text)))
    return _SITE_LINK.sub(f"]({DOCS_SITE}/", cleaned)


def one_line(text: object) -> str:
    return " ".join(clean_text(text).split("\n"))


def md_cell(text: object) -> str:
    return one_line(text).replace("|", "\\|")


def escape_docstring(text: str) -> str:
    """Backslashes and triple quotes escaped (the text already clean)."""
    return text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"')


def docstring(text: object) -> str:
    """Safe anywhere inside a triple-quoted docstring, including right before its end."""
    body = escape_docstring(clean_text(text))
    if body.endswith('"'):
        head = body[:-1]
        if (len(head) - len(head.rstrip("\\"))) % 2 == 0:  # not escaped yet
            body = head + '\\"'
    return body

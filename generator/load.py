"""Stage 1: read a YAML/JSON document from disk into plain Python data.

The loader is YAML 1.2-ish on purpose: PyYAML's default (YAML 1.1) turns unquoted
`yes:` / `no:` / `on:` / `off:` keys into booleans, and Kalshi 3.6.0 has properties
named `yes` and `no`. Only `true`/`false` are booleans here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from .errors import GeneratorError

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is absent
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader whose booleans are only true/false (YAML 1.2 core schema)."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.copy().items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def load_document(path: Path) -> dict[str, Any]:
    """Read `path` as a mapping; GeneratorError (naming the file and line) on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GeneratorError("file not found", where=str(path)) from None
    except OSError as exc:
        raise GeneratorError(f"cannot read: {exc.strerror}", where=str(path)) from None
    return parse_document(text, source=str(path))


def parse_document(text: str, *, source: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=_Yaml12Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        raise GeneratorError(f"invalid YAML: {exc.problem}", where=where) from None
    except yaml.YAMLError as exc:
        raise GeneratorError(f"invalid YAML: {exc}", where=source) from None
    if not isinstance(data, dict):
        raise GeneratorError("expected a mapping at the top level", where=source)
    return data

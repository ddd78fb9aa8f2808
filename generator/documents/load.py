"""Stage 1: read a YAML/JSON document from disk into plain Python data.

The loader is YAML 1.2-ish on purpose: PyYAML's default (YAML 1.1) turns unquoted
`yes:` / `no:` / `on:` / `off:` keys into booleans, and Kalshi 3.6.0 has properties
named `yes` and `no`. Only `true`/`false` are booleans here.

Parsing Kalshi's document takes 30-50 ms even with libyaml; the parsed data is cached
(generator/documents/cache.py) as marshal bytes keyed by the text's sha256 and this module's source, and
loads from there in ~1 ms.
"""

from __future__ import annotations

import marshal
import re
from pathlib import Path
from typing import Any

import yaml

from ..documents import cache
from ..errors import GeneratorError

try:  # the C loader is ~10x faster; fall back to pure Python where libyaml is absent
    _BaseLoader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


class _Yaml12Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """SafeLoader whose booleans are only true/false (YAML 1.2 core schema), and which refuses
    a key given twice in one mapping: PyYAML keeps the last one, so a second `operations:`
    in overrides.yaml would silently drop every entry of the first."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                break  # `<<:` merges may repeat keys on purpose
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark)
            except TypeError:
                continue  # an unhashable key: the base constructor reports it
            if first is not key_node.start_mark:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"duplicate key {key!r} (first at line {first.line + 1})",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]


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
    key = _cache_key(text)
    cached = cache.read("documents", key) if key else None
    if cached is not None:
        try:
            data = marshal.loads(cached)
        except (EOFError, ValueError, TypeError):
            data = None  # a corrupt entry: parse again, and overwrite it below
        if isinstance(data, dict):
            return data
    data = _parse(text, source=source)
    if key:
        try:
            blob = marshal.dumps(data)
        except ValueError:  # e.g. a YAML timestamp (datetime): not cached
            pass
        else:
            cache.write("documents", key, blob)
    return data


def _cache_key(text: str) -> str | None:
    """The text's cache entry; this module's source is part of the key, so that a change to
    the loader never reads data parsed by the old one. None when the cache is off."""
    if cache.root() is None:
        return None
    try:
        tag = cache.source_tag(yaml.__version__, _BaseLoader.__name__, Path(__file__))
    except OSError:
        return None
    return cache.entry_key(text.encode("utf-8", "surrogatepass"), tag)


def _parse(text: str, *, source: str) -> dict[str, Any]:
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
    check_nesting(data, source=source)
    return data


# Mappings and lists nested deeper than this are refused: the generator and the code it writes
# walk schemas recursively (the FakeKalshi contract holds them as Python literals, and Python's
# parser allows 200 nested brackets). 60 levels of inline objects are ~125; no real API is close.
MAX_NESTING = 160


def check_nesting(data: Any, *, source: str, limit: int = MAX_NESTING) -> None:
    """GeneratorError naming the first place nested deeper than `limit` (iteratively)."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > limit:
            shown = "/".join(str(p) for p in path[:8])
            raise GeneratorError(
                f"nested more than {limit} levels deep (a schema inside a schema ...)",
                where=f"{source}: {shown}/...",
            )
        if isinstance(node, dict):
            stack.extend((value, (*path, key)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, (*path, i)) for i, value in enumerate(node))

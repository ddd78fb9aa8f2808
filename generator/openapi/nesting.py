"""Nested sub-resources, read from the paths: one tag that spans several collections.

A resource whose paths share a namespace segment (`/communications`, never followed by an
`/{id}` of its own) and that holds two or more collections directly under it is split, one
child resource per collection: `communications.rfqs`, `communications.quotes`. Operations
outside every collection stay on it (`communications.get_id`). Inside a child, a collection
under its items nests the same way, one level down
(`/communications/rfq_batches/{rfq_batch_id}/quotes/{batch_quote_id}` ->
`communications.rfq_batches.quotes`), since the child's own `get`, `list`, `delete` are taken.

A collection is a literal segment that is addressed itself (an operation on `.../rfqs`) and
has items of its own (a path continues `.../rfqs/{rfq_id}`); a segment the paths only pass
through (`/series/{series_ticker}/events/{ticker}/candlesticks`) is a scope, not a
collection. A tag that is one collection (`markets`, `series`) or holds at most one
(`portfolio`, `historical`) stays flat, as kalshi-sdk keeps it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from ..naming import method_identifier, snake_preserving

_ITEM = "{}"  # any path placeholder: `/rfqs/{rfq_id}` and `/rfqs/{id}/quotes` share the item

Segments = tuple[str, ...]


def nested_placement(paths: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """operationId -> the child resources (attributes, outermost first) its operation goes to,
    for the operations of one resource and their paths; `()` stays on the resource."""
    split = {op_id: _segments(path) for op_id, path in paths.items()}
    every = set(split.values())
    root = _common_prefix(list(every))
    flat: dict[str, tuple[str, ...]] = {op_id: () for op_id in paths}
    if not root or root[-1] == _ITEM or any(_starts(s, (*root, _ITEM)) for s in every):
        return flat  # no namespace: the resource is one collection (or a single path)
    if len(_collections(root, every)) < 2:
        return flat
    return {op_id: _descend(root, segments, every) for op_id, segments in split.items()}


def child_attr(segment: str) -> str:
    """The attribute of a child resource on its parent: `block-trade-proposals` ->
    `block_trade_proposals`."""
    return method_identifier(snake_preserving(segment.replace("-", "_")))


def _descend(prefix: Segments, segments: Segments, every: Collection[Segments]) -> tuple[str, ...]:
    """The chain of collections `segments` lies in, below `prefix`."""
    chain: list[str] = []
    while True:
        here = len(prefix)
        if len(segments) <= here or segments[here] not in _collections(prefix, every):
            return tuple(chain)
        chain.append(child_attr(segments[here]))
        if len(segments) <= here + 1 or segments[here + 1] != _ITEM:
            return tuple(chain)
        prefix = segments[: here + 2]  # inside an item: `/rfq_batches/{rfq_batch_id}`


def _collections(prefix: Segments, every: Collection[Segments]) -> set[str]:
    """Literal segments right under `prefix` that are addressed and have items."""
    here = len(prefix)
    addressed = {s[here] for s in every if len(s) == here + 1 and _starts(s, prefix)}
    with_items = {
        s[here] for s in every if len(s) > here + 1 and _starts(s, prefix) and s[here + 1] == _ITEM
    }
    return (addressed & with_items) - {_ITEM}


def _segments(path: str) -> Segments:
    return tuple(_ITEM if p.startswith("{") else p for p in path.split("/") if p)


def _starts(segments: Segments, prefix: Segments) -> bool:
    return segments[: len(prefix)] == prefix


def _common_prefix(every: list[Segments]) -> Segments:
    if not every:
        return ()
    first = every[0]
    size = len(first)
    for other in every[1:]:
        size = min(size, len(other))
        size = next((i for i in range(size) if first[i] != other[i]), size)
    return first[:size]

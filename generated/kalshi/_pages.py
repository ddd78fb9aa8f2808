"""One page of a cursor-paginated list: what every list method returns, sync and async."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Generic, TypeVar, overload

__all__ = ["Page"]

ItemT = TypeVar("ItemT")
ResponseT = TypeVar("ResponseT")


class Page(Sequence[ItemT], Generic[ItemT, ResponseT]):
    """A page of items: a sequence (`len()`, iteration, indexing) of `items`.

    `cursor` asks for the next page (`client.markets.list(cursor=page.cursor)`); it is None on
    the last page, also when the server sends `""`. `response` is the whole parsed response,
    so nothing the server sent is lost (`events.list()`'s `milestones`). The `*_all` methods
    iterate the items of every page instead.
    """

    __slots__ = ("cursor", "items", "response")

    def __init__(self, items: list[ItemT] | None, cursor: str | None, response: ResponseT) -> None:
        self.items: list[ItemT] = [] if items is None else items
        self.cursor: str | None = cursor or None
        self.response: ResponseT = response

    @property
    def has_next(self) -> bool:
        """Whether the server says there is a next page."""
        return self.cursor is not None

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[ItemT]:
        return iter(self.items)

    @overload
    def __getitem__(self, index: int) -> ItemT: ...

    @overload
    def __getitem__(self, index: slice) -> list[ItemT]: ...

    def __getitem__(self, index: int | slice) -> ItemT | list[ItemT]:
        return self.items[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Page):
            return NotImplemented
        mine = (self.items, self.cursor, self.response)
        return mine == (other.items, other.cursor, other.response)

    def __repr__(self) -> str:
        return f"Page({len(self.items)} items, cursor={self.cursor!r})"

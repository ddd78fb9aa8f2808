"""Local order books, rebuilt from a book channel's snapshots and deltas (Decimal only).

Books belong to one subscription and one market: two subscriptions to the same ticker each
keep their own book from their own frames, so no delta is ever applied twice. A snapshot
replaces the market's book; a side it leaves out is empty (the server omits empty sides);
a delta adds to the level's quantity and a level that reaches 0 is removed. `clock` keeps
the exchange clock of the last snapshot or delta that carried one (None until then: the
server does not send it today).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from operator import attrgetter
from typing import Any

from ._channel import BookSpec

__all__ = ["BookError", "OrderBook", "field_getter", "reader"]

_ZERO = Decimal(0)


class BookError(ValueError):
    """A snapshot or delta that cannot be applied (unknown side, a level that is not a
    [price, quantity] pair, a number that is not a Decimal)."""


class OrderBook:
    """One market's book: for each side, price -> resting quantity."""

    __slots__ = (
        "_sides",
        "_spec",
        "clock",
        "market",
        "negative_levels",
        "synced",
    )

    def __init__(self, market: str, spec: BookSpec) -> None:
        self.market = market
        self._spec = spec
        self._sides: dict[str, dict[Decimal, Decimal]] = {side: {} for side in spec.sides}
        self.clock: int | None = None
        self.synced = False  # True once a snapshot was applied (since the last reset)
        self.negative_levels = 0  # deltas that took a level below 0 (a missed frame)

    @property
    def sides(self) -> tuple[str, ...]:
        return tuple(self._sides)

    def levels(self, side: str) -> list[tuple[Decimal, Decimal]]:
        """(price, quantity) pairs of `side`, ascending by price."""
        return sorted(self._side(side).items())

    def best(self, side: str) -> tuple[Decimal, Decimal] | None:
        """The best level of `side`: the highest price of a bid side (both sides of a yes/no
        book are bids), the lowest of an ask side (BookSpec.ask_sides)."""
        levels = self._side(side)
        if not levels:
            return None
        price = min(levels) if side in self._spec.ask_sides else max(levels)
        return price, levels[price]

    def quantity(self, side: str, price: Decimal) -> Decimal:
        return self._side(side).get(price, _ZERO)

    def reset(self) -> None:
        """Empty and not synced: waiting for a fresh snapshot."""
        for levels in self._sides.values():
            levels.clear()
        self.synced = False
        self.clock = None

    def apply_snapshot(self, msg: Any) -> None:
        """Replace the book with a snapshot's `msg` (a model or a dict of wire names)."""
        spec = self._spec
        read = reader(type(msg), (*spec.sides.values(), spec.clock_field))
        values = read(msg)
        self._sides = {side: _levels(side, levels) for side, levels in zip(spec.sides, values)}
        clock = values[-1]
        self.clock = clock if isinstance(clock, int) else None
        self.synced = True

    def apply_delta(self, msg: Any) -> None:
        """Apply a delta's `msg`: the level's quantity changes by the delta."""
        spec = self._spec
        keys = (spec.side_field, spec.price_field, spec.delta_field, spec.clock_field)
        side, price, delta, clock = reader(type(msg), keys)(msg)
        self.add(side, price, delta, clock)

    def add(self, side: str, price: Any, delta: Any, clock: int | None = None) -> None:
        """Change the quantity at `price` on `side` by `delta` (Decimal, int or str)."""
        levels = self._sides.get(side)
        if levels is None:
            raise BookError(f"{self.market}: delta on unknown side {side!r}")
        if type(price) is not Decimal or type(delta) is not Decimal:
            price, delta = _decimal(price, "price"), _decimal(delta, "delta")
        quantity = levels.get(price, _ZERO) + delta
        if quantity > _ZERO:
            levels[price] = quantity
        else:
            levels.pop(price, None)
            if quantity < _ZERO:
                self.negative_levels += 1
        if clock is not None:
            self.clock = clock

    def copy(self) -> OrderBook:
        twin = OrderBook(self.market, self._spec)
        twin._sides = {side: dict(levels) for side, levels in self._sides.items()}
        twin.clock = self.clock
        twin.synced = self.synced
        twin.negative_levels = self.negative_levels
        return twin

    def _side(self, side: str) -> dict[Decimal, Decimal]:
        try:
            return self._sides[side]
        except KeyError:
            raise BookError(f"unknown side {side!r}; the book has {self.sides}") from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OrderBook):
            return NotImplemented
        return self.market == other.market and self._sides == other._sides

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        depth = ", ".join(f"{side}={len(levels)}" for side, levels in self._sides.items())
        return f"OrderBook({self.market!r}, {depth}, clock={self.clock!r}, synced={self.synced})"


def _levels(side: str, levels: Iterable[Any] | None) -> dict[Decimal, Decimal]:
    book: dict[Decimal, Decimal] = {}
    for level in levels or ():
        try:
            price, quantity = level
        except (TypeError, ValueError):
            raise BookError(f"{side} level {level!r} is not a [price, quantity] pair") from None
        price, quantity = _decimal(price, "price"), _decimal(quantity, "quantity")
        if quantity > _ZERO:
            book[price] = quantity
    return book


def _decimal(value: object, what: str) -> Decimal:
    # never a float: it would put binary rounding into money
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except ArithmeticError:
            pass
    raise BookError(f"{what} {value!r} is not a decimal value")


_readers: dict[tuple[type, tuple[str | None, ...]], Callable[[Any], tuple[Any, ...]]] = {}
_getters: dict[tuple[type, str], Callable[[Any], Any]] = {}


def reader(cls: type, keys: tuple[str | None, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """Reads wire keys (None: always None) from a message of class `cls`: a dict, or a
    pydantic model whose field for a key may have another Python name (an alias)."""
    read = _readers.get((cls, keys))
    if read is None:
        read = _readers[cls, keys] = _make_reader(cls, keys)
    return read


def _make_reader(cls: type, keys: tuple[str | None, ...]) -> Callable[[Any], tuple[Any, ...]]:
    if issubclass(cls, Mapping):
        return lambda msg: tuple(None if k is None else msg.get(k) for k in keys)
    fields: Mapping[str, Any] = getattr(cls, "model_fields", {})
    by_wire = {(info.alias or name): name for name, info in fields.items()}
    names = [None if k is None else by_wire.get(k, k) for k in keys]
    if all(name in fields for name in names):  # the common case: one C call per message
        return attrgetter(*names)  # type: ignore[arg-type]

    def read(msg: Any) -> tuple[Any, ...]:
        return tuple(None if name is None else getattr(msg, name, None) for name in names)

    return read


def field_getter(cls: type, key: str) -> Callable[[Any], Any]:
    """Reads one wire key from a message of class `cls` (a dict or a pydantic model)."""
    get = _getters.get((cls, key))
    if get is None:
        get = _getters[cls, key] = _make_getter(cls, key)
    return get


def _make_getter(cls: type, key: str) -> Callable[[Any], Any]:
    if issubclass(cls, Mapping):
        return lambda msg: msg.get(key)
    fields: Mapping[str, Any] = getattr(cls, "model_fields", {})
    by_wire = {(info.alias or name): name for name, info in fields.items()}
    name = by_wire.get(key, key)
    if name in fields:
        return attrgetter(name)
    return lambda msg: getattr(msg, name, None)

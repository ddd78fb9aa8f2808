"""Subscription handles: async iterators over one channel subscription's frames and events.

A handle outlives the connection: after a reconnect or a resync the server gives the
subscription a new `sid`, and the same handle carries on (`.sid` is the current one).

What the iterator yields, in the order the connection received it: frames of the channel
(typed models), UntypedFrame for a `type` the document does not define, and events
(`SequenceGap`, `Resynced`, `Reconnected`, see `kalshi.ws._events`). It raises:
KalshiWSSubscriptionError when the server ends the subscription with a terminal error (10,
25), KalshiWSConnectionError when the session gives up reconnecting, KalshiWSOverflowError
on an "error"-policy channel whose queue filled up, KalshiWSDecodeError at a frame the
tolerance policy refuses (iteration may go on after it). It stops (StopAsyncIteration)
after `unsubscribe()`, when the session closes, or when the server unsubscribes it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, Union

from ._books import BookError, OrderBook, field_getter, reader
from ._channel import BookSpec, ChannelSpec
from ._errors import KalshiWSError, KalshiWSOverflowError
from ._events import Reconnected, Resynced, SequenceGap
from ._frames import Frame, UntypedFrame

if TYPE_CHECKING:
    from ._session import AsyncSession

__all__ = ["AsyncBookSubscription", "AsyncSubscription", "SubscriptionInfo"]

log = logging.getLogger("kalshi.ws")

T = TypeVar("T")
Item: TypeAlias = Union[T, SequenceGap, Resynced, Reconnected, UntypedFrame]  # noqa: UP007


@dataclass(frozen=True)
class SubscriptionInfo:
    """One subscription the server reports (list_subscriptions)."""

    channel: str
    sid: int


class _Failure:
    """Queued in place of a frame: the iterator raises `error` when it gets there."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


class AsyncSubscription(Generic[T]):
    """One channel subscription; `async for item in subscription` reads it."""

    def __init__(
        self, session: AsyncSession, spec: ChannelSpec, params: dict[str, Any], queue_size: int
    ) -> None:
        self._session = session
        self.spec = spec
        self._params = params  # wire names; kept current by update() so resubscribing restores it
        self.sid: int | None = None  # the server's id of it now; None while (re)subscribing
        self._queue: deque[Any] = deque()
        self._queue_size = queue_size
        self._data_types = frozenset(spec.messages)
        self._waiter: asyncio.Future[None] | None = None
        self._last_seq: int | None = None
        self._ended = False
        self._closing = False  # unsubscribe() was called
        self._resyncing = False
        self._overflow_logged = False
        self._bound: asyncio.Future[None] | None = None  # done at the first subscribe reply
        self._bound_now = asyncio.Event()  # set while the subscription has a live sid
        self.dropped = 0  # frames dropped by the overflow policy
        self.duplicates = 0  # book frames dropped because their seq came again
        self.untyped = 0  # UntypedFrames delivered

    # --- what users call -----------------------------------------------------------

    @property
    def channel(self) -> str:
        return self.spec.name

    @property
    def params(self) -> Mapping[str, Any]:
        """The subscribe parameters (wire names) as they are now, after any update()."""
        return MappingProxyType(self._params)

    @property
    def markets(self) -> list[str]:
        """The market tickers subscribed to now (empty for channels not keyed by market)."""
        tickers = self._params.get("market_tickers")
        if tickers is not None:
            return list(tickers)
        single = self._params.get("market_ticker")
        return [single] if single is not None else []

    @property
    def closed(self) -> bool:
        """No more items will arrive (queued ones may remain to be read)."""
        return self._ended

    async def unsubscribe(self) -> None:
        """End the subscription on the server and here; the iterator stops."""
        await self._session._unsubscribe(self)

    async def update(
        self,
        *,
        add_markets: Sequence[str] | None = None,
        delete_markets: Sequence[str] | None = None,
    ) -> None:
        """Add or remove markets (update_subscription add_markets / delete_markets)."""
        if add_markets is None and delete_markets is None:
            raise TypeError("update() needs add_markets= or delete_markets=")
        for action, markets in (("add_markets", add_markets), ("delete_markets", delete_markets)):
            if markets is not None:
                tickers = _tickers(markets, action)
                await self._session._update(self, action, {"market_tickers": tickers})

    async def snapshot(self, markets: Sequence[str] | None = None) -> Frame:
        """Ask for fresh snapshots (update_subscription get_snapshot) of `markets`, default
        all subscribed; the snapshots arrive on the iterator (and rebuild the books). Returns
        the server's reply."""
        tickers = self.markets if markets is None else _tickers(markets, "snapshot")
        return await self._session._update(self, "get_snapshot", {"market_tickers": tickers})

    async def send_action(self, action: str, **params: Any) -> Frame:
        """Any other update_subscription action the channel accepts (cfbenchmarks'
        subscribe_indices, pyth's subscribe_underlyings, ...); returns the server's reply."""
        return await self._session._update(self, action, params)

    def __aiter__(self) -> AsyncSubscription[T]:
        return self

    async def __anext__(self) -> Item[T]:
        queue = self._queue
        while True:
            if queue:
                item = queue.popleft()
                if type(item) is _Failure:
                    raise item.error
                return item  # type: ignore[no-any-return]
            if self._ended:
                raise StopAsyncIteration
            if self._waiter is not None:
                raise RuntimeError("another task is already iterating this subscription")
            waiter = self._waiter = asyncio.get_running_loop().create_future()
            try:
                await waiter
            finally:
                if self._waiter is waiter:
                    self._waiter = None

    async def _next_batch(self, limit: int) -> list[Any]:
        """Up to `limit` items (at least one), for the sync bridge: one thread hop per batch.
        A failure is raised when it is first in line, else left for the next call."""
        first = await self.__anext__()
        batch = [first]
        queue = self._queue
        while queue and len(batch) < limit and type(queue[0]) is not _Failure:
            batch.append(queue.popleft())
        return batch

    def __repr__(self) -> str:
        state = "ended" if self._ended else f"sid={self.sid}"
        return f"{type(self).__name__}({self.channel!r}, {state}, params={self._params!r})"

    # --- what the session calls (from the reader: no awaits) --------------------------

    def _receive(self, frame: Frame) -> None:
        """A frame of this subscription's sid, in arrival order."""
        seq = frame.seq
        if seq is not None:
            last = self._last_seq
            if last is None or seq == last + 1:
                self._last_seq = seq
            elif not self._out_of_sequence(frame, last, seq):
                return
        if frame.type in self._data_types:
            self._data(frame)
        else:
            self._session._control(self, frame)

    def _out_of_sequence(self, frame: Frame, last: int, seq: int) -> bool:
        """A seq that does not follow `last`; True to go on with the frame. Non-book
        channels: the gap is surfaced as a SequenceGap before the frame, which follows.
        A seq of 1 after a higher one is a reset (numbering restarted); any other seq at or
        below the last is a duplicate."""
        if seq == last:
            kind = "duplicate"
        elif seq > last:
            kind = "gap"
            self._last_seq = seq
        elif seq == 1:  # last > 1 here
            kind = "reset"
            self._last_seq = seq
        else:
            kind = "duplicate"
        assert self.sid is not None
        self._put(SequenceGap(self.spec.name, self.sid, last + 1, seq, kind))  # type: ignore[arg-type]
        return True

    def _data(self, frame: Frame) -> None:
        self._put(frame)

    def _consume_seq(self, seq: int | None) -> None:
        """A frame that could not be decoded still used its seq (no false gap after it)."""
        if seq is not None and (self._last_seq is None or seq > self._last_seq):
            self._last_seq = seq

    def _put(self, item: Any) -> None:
        queue = self._queue
        if len(queue) >= self._queue_size and not self._make_room():
            return
        queue.append(item)
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.done():
                waiter.set_result(None)

    def _make_room(self) -> bool:
        """The queue is full: apply the channel's overflow policy; True to queue the item."""
        policy = self.spec.overflow
        queue = self._queue
        if policy == "drop_oldest":
            queue.popleft()
            self.dropped += 1
            self._log_overflow("dropping the oldest frames")
            return True
        if policy == "resync":
            self.dropped += len(queue)
            queue.clear()
            queue.append(Resynced(self.spec.name, "overflow"))
            self._log_overflow("dropped the queued frames and resynced")
            return True
        self.dropped += 1
        error = KalshiWSOverflowError(
            f"the {self.spec.name} subscription's queue of {self._queue_size} items is full: "
            "the consumer fell behind the feed; the subscription is ended (a larger "
            "queue_size= or a faster consumer helps)",
            channel=self.spec.name,
            dropped=self.dropped,
        )
        self._session._abandon(self, error)
        return False

    def _log_overflow(self, what: str) -> None:
        if not self._overflow_logged:
            self._overflow_logged = True
            log.warning(
                "%s subscription (sid %s): queue of %d items full, %s; counted on .dropped "
                "(logged once)",
                self.spec.name,
                self.sid,
                self._queue_size,
                what,
            )

    def _end(self, error: BaseException | None = None, *, discard: bool = False) -> None:
        """No more items: the iterator drains the queue (unless `discard`), then raises
        `error` or stops."""
        if self._ended:
            return
        self._ended = True
        self._bound_now.set()  # wake update()/snapshot() waiting for a sid
        if discard:
            self._queue.clear()
        if error is not None:
            self._queue.append(_Failure(error))
        waiter = self._waiter
        if waiter is not None:
            self._waiter = None
            if not waiter.done():
                waiter.set_result(None)

    def _bind(self, sid: int) -> None:
        self.sid = sid
        self._last_seq = None
        self._resyncing = False
        self._bound_now.set()
        if self._bound is not None and not self._bound.done():
            self._bound.set_result(None)

    def _unbind(self) -> None:
        self.sid = None
        self._last_seq = None
        self._bound_now.clear()

    def _reset(self) -> None:
        """Before resubscribing: the new sid starts a new stream."""

    def _adopt_lists(self, msg: Any) -> bool:
        """An `ok` reply's lists (the full market_tickers, market_ids, index_ids, ...
        after an update) become the params a resubscribe sends; True if any did. Only lists
        the reply carries: a model's `[]` default is not the server saying "none"."""
        adopted = False
        for key in self.spec.params:
            value = _sent(msg, key)
            if isinstance(value, list):
                self._params[key] = list(value)
                adopted = True
                single = {"market_tickers": "market_ticker", "market_ids": "market_id"}.get(key)
                if single is not None:
                    self._params.pop(single, None)
        return adopted

    def _apply_update(self, action: str, params: Mapping[str, Any], reply: Any) -> None:
        """What an update changed: the reply's lists when it has them, else computed. The
        listing actions (`indexlist`, `underlying_list`) change nothing: their reply lists
        what is available, not what is subscribed."""
        if not action.startswith(_CHANGING_ACTIONS):
            return
        if self._adopt_lists(reply):
            return
        tickers = params.get("market_tickers")
        if tickers is None or action not in ("add_markets", "delete_markets"):
            return
        current = self.markets
        if action == "add_markets":
            current += [t for t in tickers if t not in current]
        else:
            current = [t for t in current if t not in tickers]
        self._params.pop("market_ticker", None)
        self._params["market_tickers"] = current


class AsyncBookSubscription(AsyncSubscription[T]):
    """A subscription to an order book channel, with a local book per market.

    The books are kept by the connection's reader as frames arrive, whatever the consumer
    does: `book(market)` is the newest consistent state (it may be ahead of the frame the
    iterator last yielded). After a gap, a reset, a delta without a snapshot or a reconnect
    the books are reset (`synced` False, no levels) and rebuilt from fresh snapshots, and
    the iterator yields Resynced; a book is never left with a delta missing or applied twice.
    """

    def __init__(
        self, session: AsyncSession, spec: ChannelSpec, params: dict[str, Any], queue_size: int
    ) -> None:
        super().__init__(session, spec, params, queue_size)
        assert spec.book is not None
        self._book_spec: BookSpec = spec.book
        self._books: dict[str, OrderBook] = {}
        self._removed: set[str] = set()  # deleted markets: their deltas in flight are ignored
        self._delta_type = spec.book.delta_type
        self._delta_class: type | None = None
        self._read_delta: Callable[[Any], tuple[Any, ...]] = tuple

    def book(self, market: str) -> OrderBook:
        """The local book of `market` (KeyError before its first snapshot)."""
        try:
            return self._books[market]
        except KeyError:
            raise KeyError(
                f"no order book for {market!r} on this subscription yet (books: "
                f"{sorted(self._books)})"
            ) from None

    @property
    def books(self) -> Mapping[str, OrderBook]:
        return MappingProxyType(self._books)

    def _out_of_sequence(self, frame: Frame, last: int, seq: int) -> bool:
        if seq <= last and (seq != 1 or last == 1):
            self.duplicates += 1  # already applied: applying it again would double it
            return False
        self._session._resync(self, "gap" if seq > last else "reset")
        return False

    def _data(self, frame: Frame) -> None:
        msg: Any = getattr(frame, "msg", None)
        if frame.type == self._delta_type:
            if type(msg) is not self._delta_class:  # one reader per message class, built once
                spec = self._book_spec
                fields = (spec.market_field, spec.side_field, spec.price_field, spec.delta_field)
                self._read_delta = reader(type(msg), (*fields, spec.clock_field))
                self._delta_class = type(msg)
            market, side, price, delta, clock = self._read_delta(msg)
            book = self._books.get(market)
            if book is None or not book.synced:
                if market not in self._removed:
                    self._session._resync(self, "delta_before_snapshot")
                return
            try:
                book.add(side, price, delta, clock)
            except BookError as exc:
                self._put(_Failure(KalshiWSError(f"order book delta cannot be applied: {exc}")))
                self._session._resync(self, "decode_error")
                return
        elif frame.type == self._book_spec.snapshot_type:
            market = field_getter(type(msg), self._book_spec.market_field)(msg)
            book = self._books.get(market)
            if book is None:
                book = self._books[market] = OrderBook(market, self._book_spec)
            try:
                book.apply_snapshot(msg)
            except BookError as exc:
                book.reset()
                self._put(_Failure(KalshiWSError(f"order book snapshot cannot be applied: {exc}")))
                self._session._resync(self, "decode_error")
                return
        self._put(frame)

    def _reset(self) -> None:
        for book in self._books.values():
            book.reset()

    def _apply_update(self, action: str, params: Mapping[str, Any], reply: Any) -> None:
        super()._apply_update(action, params, reply)
        tickers = params.get("market_tickers") or ()
        if action == "delete_markets":
            for ticker in tickers:
                self._books.pop(ticker, None)
                self._removed.add(ticker)
        elif action == "add_markets":
            self._removed.difference_update(tickers)


# update_subscription actions that change what a subscription covers (add_markets,
# delete_markets, subscribe_indices, unsubscribe_underlyings, ...); the others only ask
_CHANGING_ACTIONS = ("add_", "delete_", "subscribe_", "unsubscribe_")


def _sent(msg: Any, key: str) -> Any:
    """The value of wire key `key` in a reply's msg, or None when the server did not send it."""
    if isinstance(msg, Mapping):
        return msg.get(key)
    fields = getattr(type(msg), "model_fields", {})  # a pydantic model (not imported here)
    for name, info in fields.items():
        if key in (name, info.alias) and name in msg.model_fields_set:
            return getattr(msg, name)
    return None


def _tickers(markets: Sequence[str], what: str) -> list[str]:
    if isinstance(markets, str):
        raise TypeError(f"{what}: pass a list of market tickers, not one string")
    tickers = list(markets)
    if not tickers or not all(isinstance(t, str) and t for t in tickers):
        raise ValueError(f"{what}: market tickers must be non-empty strings, got {tickers!r}")
    return tickers

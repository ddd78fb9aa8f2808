"""The synchronous API: one AsyncSession on a private event-loop thread.

There is one implementation of the protocol, the async one. SyncSession starts a daemon
thread running its own event loop, and every call hands a coroutine to it
(`asyncio.run_coroutine_threadsafe`) and waits for the result. A sync Subscription is an
iterator that fetches items in batches (one thread hop for up to 256 queued items), so a
fast feed does not pay a hop per frame. Order books are read on the loop thread and handed
out as copies, so a book is never read while the reader changes it. `close()` closes the
session, stops the loop and joins the thread; `with KalshiWS(...) as ws:` does it too.
"""

from __future__ import annotations

import asyncio
import os
import threading
import weakref
from collections import deque
from collections.abc import Callable, Coroutine, Iterator, Mapping, Sequence
from concurrent.futures import CancelledError as FutureCancelledError
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from typing_extensions import Self

from ._books import OrderBook
from ._channel import ChannelSpec
from ._errors import KalshiWSError
from ._frames import Frame
from ._session import (
    DEFAULT_COMMAND_TIMEOUT,
    DEFAULT_HEARTBEAT_TIMEOUT,
    DEFAULT_MAX_RECONNECT_ATTEMPTS,
    DEFAULT_QUEUE_SIZE,
    AsyncSession,
    protocol_of,
)
from ._subscription import AsyncBookSubscription, AsyncSubscription, Item, SubscriptionInfo
from ._transport import Connector, ConnectorName

if TYPE_CHECKING:
    from .._auth import RequestSigner

__all__ = ["BookSubscription", "Subscription", "SyncSession"]

T = TypeVar("T")
R = TypeVar("R")

_BATCH = 256
_JOIN_TIMEOUT = 5.0
# sync session class -> the async session class bound to its protocol (SyncSession._session_class)
_bound: dict[type, type[AsyncSession]] = {}


class SyncSession:
    """A Kalshi WebSocket session for synchronous code (the generated KalshiWS adds typed
    subscribe_* methods). Takes the same arguments as the async session."""

    # the async session it runs; left as AsyncSession, one bound to this class's protocol
    # (the generated channels module beside it: kalshi.ws._session.protocol_of)
    _async_session_class: ClassVar[type[AsyncSession]] = AsyncSession

    def __init__(
        self,
        *,
        key_id: str | None = None,
        private_key: str | bytes | None = None,
        private_key_path: str | os.PathLike[str] | None = None,
        demo: bool = False,
        url: str | None = None,
        allow_unknown_host: bool | None = None,
        strict_messages: bool | None = None,
        reconnect: bool = True,
        max_reconnect_attempts: int | None = DEFAULT_MAX_RECONNECT_ATTEMPTS,
        heartbeat_timeout: float | None = DEFAULT_HEARTBEAT_TIMEOUT,
        queue_size: int = DEFAULT_QUEUE_SIZE,
        connector: Connector | ConnectorName | None = None,
        command_timeout: float = DEFAULT_COMMAND_TIMEOUT,
        signer: RequestSigner | None = None,
    ) -> None:
        # built here, in the caller's thread: a bad argument raises before a thread starts
        session = self._session_class()(
            key_id=key_id,
            private_key=private_key,
            private_key_path=private_key_path,
            demo=demo,
            url=url,
            allow_unknown_host=allow_unknown_host,
            strict_messages=strict_messages,
            reconnect=reconnect,
            max_reconnect_attempts=max_reconnect_attempts,
            heartbeat_timeout=heartbeat_timeout,
            queue_size=queue_size,
            connector=connector,
            command_timeout=command_timeout,
            signer=signer,
        )
        self._adopt(session)

    @classmethod
    def from_env(cls, **overrides: Any) -> Self:
        """As AsyncSession.from_env: the KALSHI_* environment variables; keywords win."""
        return cls._wrap(cls._session_class().from_env(**overrides))

    @classmethod
    def from_client(cls, client: Any, **overrides: Any) -> Self:
        """As AsyncSession.from_client: a REST client's signer and environment."""
        return cls._wrap(cls._session_class().from_client(client, **overrides))

    @classmethod
    def _session_class(cls) -> type[AsyncSession]:
        """The async session class to run: `_async_session_class`, or for a class that left it
        as AsyncSession a subclass bound to the protocol of the module defining `cls`."""
        chosen = cls._async_session_class
        if chosen is not AsyncSession:
            return chosen
        bound = _bound.get(cls)
        if bound is None:
            protocol = protocol_of(cls)
            bound = _bound.setdefault(
                cls, type(f"_Async{cls.__name__}", (AsyncSession,), {"_protocol": protocol})
            )
        return bound

    @classmethod
    def _wrap(cls, session: AsyncSession) -> Self:
        self = cls.__new__(cls)
        self._adopt(session)
        return self

    def _adopt(self, session: AsyncSession) -> None:
        self._session = session
        self._handles: dict[int, Subscription[Any]] = {}
        self._closed = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=_run_loop, args=(self._loop,), name="kalshi-ws", daemon=True
        )
        self._thread.start()
        # an unclosed session still stops its thread when it is garbage collected
        self._finalizer = weakref.finalize(self, _stop_loop, self._loop, self._thread)

    # --- running coroutines on the loop thread ---------------------------------------

    def _call(self, coro: Coroutine[Any, Any, R]) -> R:
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("the sync WebSocket API cannot be called from its own loop")
        if self._closed or self._loop.is_closed():
            coro.close()
            raise KalshiWSError("the session is closed")
        future = asyncio.run_coroutine_threadsafe(coro, self._loop)
        try:
            return future.result()
        except FutureCancelledError:
            raise KalshiWSError("the session is closed") from None
        except BaseException:
            future.cancel()  # Ctrl-C while waiting: stop the coroutine too
            raise

    def _call_fn(self, fn: Callable[[], R]) -> R:
        async def run() -> R:
            return fn()

        return self._call(run())

    # --- public API ------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self._session.url

    @property
    def is_authenticated(self) -> bool:
        return self._session.is_authenticated

    @property
    def connected(self) -> bool:
        return self._session.connected

    @property
    def subscriptions(self) -> tuple[Subscription[Any], ...]:
        live = {id(s) for s in self._call_fn(lambda: self._session.subscriptions)}
        return tuple(h for key, h in self._handles.items() if key in live)

    def connect(self) -> None:
        self._call(self._session.connect())

    def list_subscriptions(self) -> list[SubscriptionInfo]:
        return self._call(self._session.list_subscriptions())

    def close(self) -> None:
        """Close the session, stop its loop and join its thread; iterators stop."""
        if self._closed:
            return
        try:
            if self._loop.is_running():
                self._call(self._session.close())
        finally:
            self._closed = True
            self._finalizer()

    def __enter__(self) -> Self:
        self.connect()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return repr(self._session).replace(type(self._session).__name__, type(self).__name__, 1)

    # --- what the generated subscribe_* methods call ---------------------------------

    def _subscribe_sync(
        self, channel: ChannelSpec, params: Mapping[str, object]
    ) -> Subscription[Any]:
        sub = self._call(self._session._subscribe(channel, params))
        kind = BookSubscription if isinstance(sub, AsyncBookSubscription) else Subscription
        handle: Subscription[Any] = kind(self, sub)
        self._handles[id(sub)] = handle
        return handle

    def _subscribe_book_sync(
        self, channel: ChannelSpec, params: Mapping[str, object]
    ) -> BookSubscription[Any]:
        handle = self._subscribe_sync(channel, params)
        assert isinstance(handle, BookSubscription)
        return handle


class Subscription(Generic[T]):
    """A subscription for synchronous code: `for item in subscription` reads it (the same
    items as the async iterator, see kalshi.ws._subscription)."""

    def __init__(self, owner: SyncSession, subscription: AsyncSubscription[T]) -> None:
        self._owner = owner
        self._async = subscription
        self._batch: deque[Any] = deque()

    @property
    def channel(self) -> str:
        return self._async.channel

    @property
    def spec(self) -> ChannelSpec:
        return self._async.spec

    @property
    def sid(self) -> int | None:
        return self._async.sid

    @property
    def params(self) -> dict[str, Any]:
        return self._owner._call_fn(lambda: dict(self._async.params))

    @property
    def markets(self) -> list[str]:
        return self._owner._call_fn(lambda: self._async.markets)

    @property
    def dropped(self) -> int:
        return self._async.dropped

    @property
    def duplicates(self) -> int:
        return self._async.duplicates

    @property
    def closed(self) -> bool:
        return self._async.closed and not self._batch

    def unsubscribe(self) -> None:
        self._owner._call(self._async.unsubscribe())
        self._batch.clear()

    def update(
        self,
        *,
        add_markets: Sequence[str] | None = None,
        delete_markets: Sequence[str] | None = None,
    ) -> None:
        self._owner._call(
            self._async.update(add_markets=add_markets, delete_markets=delete_markets)
        )

    def snapshot(self, markets: Sequence[str] | None = None) -> Frame:
        return self._owner._call(self._async.snapshot(markets))

    def send_action(self, action: str, **params: Any) -> Frame:
        return self._owner._call(self._async.send_action(action, **params))

    def __iter__(self) -> Iterator[Item[T]]:
        return self

    def __next__(self) -> Item[T]:
        if self._batch:
            return self._batch.popleft()  # type: ignore[no-any-return]
        try:
            items = self._owner._call(self._async._next_batch(_BATCH))
        except StopAsyncIteration:
            raise StopIteration from None
        except KalshiWSError:
            if self._owner._closed:
                raise StopIteration from None
            raise
        self._batch.extend(items[1:])
        return items[0]  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return repr(self._async)


class BookSubscription(Subscription[T]):
    """An order book subscription: `book(market)` is a copy of the local book, taken on the
    loop thread (the reader keeps changing the original)."""

    _async: AsyncBookSubscription[T]

    def book(self, market: str) -> OrderBook:
        return self._owner._call_fn(lambda: self._async.book(market).copy())

    @property
    def books(self) -> dict[str, OrderBook]:
        return self._owner._call_fn(
            lambda: {market: book.copy() for market, book in self._async.books.items()}
        )


def _run_loop(loop: asyncio.AbstractEventLoop) -> None:
    asyncio.set_event_loop(loop)
    try:
        loop.run_forever()
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.close()


def _stop_loop(loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
    try:
        loop.call_soon_threadsafe(loop.stop)
    except RuntimeError:  # already closed
        pass
    if thread is not threading.current_thread():
        thread.join(_JOIN_TIMEOUT)

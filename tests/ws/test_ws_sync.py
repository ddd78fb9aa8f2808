"""The sync API: one AsyncSession on a private loop thread, bridged iterators, closing."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from decimal import Decimal
from typing import Any, TypeVar

import pytest
from kalshi.ws._errors import KalshiWSCommandError
from kalshi.ws._events import Reconnected
from kalshi.ws._transport import websockets_connector
from ws_support import (
    KEY_ID,
    WS,
    Conn,
    LoopbackServer,
    OrderbookDelta,
    OrderbookSnapshot,
    SyncWS,
    Ticker,
    delta_msg,
)

T = TypeVar("T")
TICKER = {"market_ticker": "M", "market_id": "id-M", "price_dollars": "0.5600"}


class ServerThread:
    """A LoopbackServer running on its own loop thread, for tests written in sync code."""

    def __init__(self, **kwargs: Any) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.server = LoopbackServer(**kwargs)
        self.call(self.server.__aenter__())

    def call(self, coro: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(5)

    def push(self, channel: str, kind: str, msg: Any, **kwargs: Any) -> None:
        conn = self.server.conn
        self.call(conn.push(conn.sub(channel), kind, msg, **kwargs))

    def close(self) -> None:
        self.call(self.server.__aexit__())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)
        self.loop.close()


@pytest.fixture
def server() -> Iterator[ServerThread]:
    running = ServerThread()
    yield running
    running.close()


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    async def sleep(self: object, seconds: float) -> None:
        await asyncio.sleep(0)

    monkeypatch.setattr(WS, "_sleep", sleep)


def sync_session(server: ServerThread, key_pem: str, **kwargs: Any) -> SyncWS:
    return SyncWS(
        url=server.server.url,
        connector=websockets_connector,
        key_id=KEY_ID,
        private_key=key_pem,
        **kwargs,
    )


def test_sync_iteration_books_and_commands(server: ServerThread, key_pem: str) -> None:
    with sync_session(server, key_pem) as ws:
        assert isinstance(ws._session, WS)  # the one async implementation underneath
        tickers = ws.subscribe_ticker(market_ticker="M")
        books = ws.subscribe_orderbook(market_ticker="M")
        for price in ("0.5600", "0.5700", "0.5800"):
            server.push("ticker", "ticker", {**TICKER, "price_dollars": price}, seq=None)
        got = [next(tickers) for _ in range(3)]
        assert all(isinstance(t, Ticker) for t in got)
        assert [t.msg.price_dollars for t in got] == [
            Decimal("0.56"),
            Decimal("0.57"),
            Decimal("0.58"),
        ]
        server.push("orderbook_delta", "orderbook_delta", delta_msg("M", "yes", "0.4000", "2"))
        snapshot, delta = next(books), next(books)
        assert isinstance(snapshot, OrderbookSnapshot) and isinstance(delta, OrderbookDelta)
        book = books.book("M")
        assert book.levels("yes") == [(Decimal("0.4"), Decimal(12))]
        book.apply_delta(delta_msg("M", "yes", "0.4000", "5"))  # a copy: the session's is untouched
        assert books.book("M").quantity("yes", Decimal("0.4")) == 12
        assert set(books.books) == {"M"}
        tickers.update(add_markets=["N"])
        assert tickers.markets == ["M", "N"]
        assert {i.channel for i in ws.list_subscriptions()} == {"ticker", "orderbook_delta"}
        tickers.unsubscribe()
        with pytest.raises(StopIteration):
            next(tickers)
        assert ws.subscriptions == (books,)
    assert not ws._thread.is_alive()


def test_errors_reach_the_calling_thread(server: ServerThread, key_pem: str) -> None:
    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        await conn.error(command["id"], 8, "Unknown channel name")
        return True

    server.server.handler = handler
    ws = sync_session(server, key_pem)
    with pytest.raises(KalshiWSCommandError, match="Unknown channel name") as caught:
        ws.subscribe_ticker(market_ticker="M")
    assert caught.value.code == 8
    with pytest.raises(TypeError):
        ws.subscribe_ticker(nonsense=1)
    ws.close()
    ws.close()  # twice is fine


def test_close_ends_an_iterator_blocked_in_another_thread(
    server: ServerThread, key_pem: str
) -> None:
    ws = sync_session(server, key_pem)
    tickers = ws.subscribe_ticker(market_ticker="M")
    items: list[Any] = []
    reader = threading.Thread(target=lambda: items.extend(tickers))
    reader.start()
    server.push("ticker", "ticker", TICKER, seq=None)
    server.call(server.server.wait_for(lambda: tickers.sid is not None))
    for _ in range(100):
        if items:
            break
        threading.Event().wait(0.01)
    ws.close()
    reader.join(2)
    assert not reader.is_alive() and len(items) == 1
    assert not ws._thread.is_alive()


def test_a_reconnect_shows_up_in_sync_iteration(server: ServerThread, key_pem: str) -> None:
    with sync_session(server, key_pem) as ws:
        tickers = ws.subscribe_ticker(market_ticker="M")
        first_sid = tickers.sid
        server.loop.call_soon_threadsafe(server.server.conn.ws.transport.abort)
        assert next(tickers) == Reconnected(1)
        assert tickers.sid != first_sid
        server.push("ticker", "ticker", TICKER, seq=None)
        assert isinstance(next(tickers), Ticker)


def test_an_unclosed_session_stops_its_thread_when_collected(key_pem: str) -> None:
    ws = SyncWS(key_id=KEY_ID, private_key=key_pem)
    thread = ws._thread
    assert thread.is_alive()
    del ws
    import gc

    gc.collect()
    thread.join(2)
    assert not thread.is_alive()

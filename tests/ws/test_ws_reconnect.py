"""Reconnecting: backoff, resubscribing behind stable handles, the heartbeat watch, permanent
failures that fail fast, and bounded retries."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Any

import pytest
from kalshi._retry import backoff_delay
from kalshi.ws._channel import ErrorCode, ProtocolSpec
from kalshi.ws._errors import (
    KalshiWSConnectionError,
    KalshiWSError,
    KalshiWSSubscriptionError,
)
from kalshi.ws._events import Reconnected, Resynced
from kalshi.ws._transport import websockets_connector
from ws_support import (
    CHANNELS,
    KEY_ID,
    PROTOCOL,
    WS,
    Conn,
    LoopbackServer,
    OrderbookDelta,
    OrderbookSnapshot,
    Ticker,
    delta_msg,
    run,
    take,
)

D = Decimal
TICKER = {"market_ticker": "M", "market_id": "id-M", "price_dollars": "0.5600"}


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Reconnect backoff sleeps, recorded instead of waited."""
    recorded: list[float] = []

    async def sleep(self: object, seconds: float) -> None:
        recorded.append(seconds)
        await asyncio.sleep(0)

    monkeypatch.setattr(WS, "_sleep", sleep)
    return recorded


def keyed(server: LoopbackServer, key_pem: str, **kwargs: Any) -> WS:
    return WS(
        url=server.url, connector=websockets_connector, key_id=KEY_ID, private_key=key_pem, **kwargs
    )


def test_a_drop_reconnects_resubscribes_and_remaps_sids(key_pem: str, sleeps: list[float]) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            tickers = await ws.subscribe_ticker(market_tickers=["A"])
            books = await ws.subscribe_orderbook(market_ticker="M")
            await tickers.update(add_markets=["B"])
            first = server.conn
            await first.push(
                first.sub("orderbook_delta"), "orderbook_delta", delta_msg("M", "yes", "0.4", "5")
            )
            await take(books, 2)
            assert books.book("M").quantity("yes", D("0.4")) == 15
            old_sids = (tickers.sid, books.sid)
            server.books["M"] = {"no_dollars_fp": [["0.5000", "2"]]}
            first.ws.transport.abort()  # the network goes away
            second = await server.wait_conns(2)
            await server.wait_for(lambda: len(second.subs) == 2)
            assert sorted(c["params"]["channels"][0] for c in second.commands) == [
                "orderbook_delta",
                "ticker",
            ]
            resent = {c["params"]["channels"][0]: c["params"] for c in second.commands}
            assert resent["ticker"] == {"channels": ["ticker"], "market_tickers": ["A", "B"]}
            assert resent["orderbook_delta"] == {
                "channels": ["orderbook_delta"],
                "market_ticker": "M",
            }
            reconnected, resynced, snapshot = await take(books, 3)
            assert reconnected == Reconnected(1)
            assert resynced == Resynced("orderbook_delta", "reconnect")
            assert isinstance(snapshot, OrderbookSnapshot)
            book = books.book("M")  # rebuilt from the new snapshot, nothing of the old one
            assert book.levels("yes") == [] and book.levels("no") == [(D("0.5"), D(2))]
            assert (tickers.sid, books.sid) == (
                second.sub("ticker").sid,
                second.sub("orderbook_delta").sid,
            )
            assert (tickers.sid, books.sid) != old_sids
            await second.push(second.sub("ticker"), "ticker", TICKER, seq=None)
            event, ticker = await take(tickers, 2)
            assert event == Reconnected(1) and isinstance(ticker, Ticker)
            await second.push(
                second.sub("orderbook_delta"), "orderbook_delta", delta_msg("M", "no", "0.5", "1")
            )
            (delta,) = await take(books, 1)
            assert isinstance(delta, OrderbookDelta) and book.quantity("no", D("0.5")) == 3
            assert sleeps == [pytest.approx(sleeps[0])] and 0.25 <= sleeps[0] <= 0.5

    run(main())


def test_a_dead_connection_is_noticed_by_the_heartbeat_watch(
    key_pem: str, sleeps: list[float]
) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem, heartbeat_timeout=0.3) as ws:
            tickers = await ws.subscribe_ticker(market_ticker="A")
            server.conn.ws.transport.pause_reading()  # no pong, no frame: silence
            second = await server.wait_conns(2, timeout=3)
            await server.wait_for(lambda: len(second.subs) == 1)
            (event,) = await take(tickers, 1)
            assert event == Reconnected(1)

    run(main())


def test_a_quiet_but_live_connection_is_kept(key_pem: str, sleeps: list[float]) -> None:
    """The server sends nothing for longer than the timeout; the watch pings, the pong answers."""

    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem, heartbeat_timeout=0.2) as ws:
            await ws.subscribe_ticker(market_ticker="A")
            await asyncio.sleep(0.7)
            assert len(server.conns) == 1 and ws.connected

    run(main())


def test_a_permanent_close_code_fails_fast(key_pem: str, sleeps: list[float]) -> None:
    async def main() -> None:
        async with LoopbackServer() as server:
            ws = keyed(server, key_pem)
            tickers = await ws.subscribe_ticker(market_ticker="A")
            await server.conn.ws.close(1008, "policy violation")
            with pytest.raises(KalshiWSConnectionError, match="1008") as caught:
                await asyncio.wait_for(tickers.__anext__(), 2)
            assert caught.value.close_code == 1008
            assert len(server.conns) == 1 and sleeps == []
            with pytest.raises(KalshiWSConnectionError):
                await ws.subscribe_ticker(market_ticker="B")
            await ws.close()

    run(main())


@pytest.mark.parametrize("status", [401, 403])
def test_a_refused_handshake_fails_fast(key_pem: str, sleeps: list[float], status: int) -> None:
    async def main() -> None:
        async with LoopbackServer(reject_status=status) as server:
            ws = keyed(server, key_pem)
            with pytest.raises(KalshiWSConnectionError, match=str(status)) as caught:
                await ws.subscribe_ticker(market_ticker="A")
            assert caught.value.status == status and len(server.handshakes) == 1
            assert sleeps == []
            await ws.close()

    run(main())


def test_retries_are_bounded_with_backoff(key_pem: str, sleeps: list[float]) -> None:
    async def main() -> None:
        async with LoopbackServer(reject_status=503) as server:
            ws = keyed(server, key_pem, max_reconnect_attempts=3)
            with pytest.raises(KalshiWSConnectionError, match="after 4 attempt") as caught:
                await ws.connect()
            assert "503" in str(caught.value)
            assert len(server.handshakes) == 4 and len(sleeps) == 3
            for attempt, slept in enumerate(sleeps):  # the REST policy: kalshi._retry
                step = backoff_delay(attempt, None, rand=lambda: 1.0)
                assert step / 2 <= slept <= step
            await ws.close()

    run(main())


def test_connection_refused_is_retried_then_fails(sleeps: list[float]) -> None:
    async def main() -> None:
        ws = WS(
            url="ws://127.0.0.1:9/trade-api/ws/v2",
            connector=websockets_connector,
            max_reconnect_attempts=2,
        )
        with pytest.raises(KalshiWSConnectionError, match="after 3 attempt"):
            await ws.subscribe_ticker(market_ticker="A")
        assert len(sleeps) == 2
        await ws.close()

    run(main())


def test_reconnect_false_ends_the_iterators(key_pem: str, sleeps: list[float]) -> None:
    async def main() -> None:
        async with LoopbackServer() as server:
            ws = keyed(server, key_pem, reconnect=False)
            tickers = await ws.subscribe_ticker(market_ticker="A")
            server.conn.ws.transport.abort()
            with pytest.raises(KalshiWSConnectionError, match="reconnect=False"):
                await asyncio.wait_for(tickers.__anext__(), 2)
            assert len(server.conns) == 1
            await ws.close()

    run(main())


def test_a_subscription_the_server_refuses_after_reconnect_ends_alone(
    key_pem: str, sleeps: list[float]
) -> None:
    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        refuse = len(conn.server.conns) > 1 and command["params"].get("channels") == ["fill"]
        if refuse:
            await conn.error(command["id"], 9, "Authentication required")
        return refuse

    async def main() -> None:
        async with LoopbackServer(handler=handler) as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill(market_ticker="A")
            tickers = await ws.subscribe_ticker(market_ticker="A")
            server.conn.ws.transport.abort()
            with pytest.raises(KalshiWSSubscriptionError, match="could not be restored") as caught:
                await take(fills, 1)
            assert caught.value.code == 9
            (event,) = await take(tickers, 1)
            assert event == Reconnected(1) and ws.subscriptions == (tickers,)

    run(main())


def test_commands_during_a_drop_fail_or_wait_never_hang(key_pem: str, sleeps: list[float]) -> None:
    hold = asyncio.Event()

    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        if command["cmd"] == "update_subscription" and len(conn.server.conns) == 1:
            conn.ws.transport.abort()  # the reply never comes
            return True
        if len(conn.server.conns) > 1 and not hold.is_set():
            await hold.wait()
        return False

    async def main() -> None:
        async with LoopbackServer(handler=handler) as server, keyed(server, key_pem) as ws:
            tickers = await ws.subscribe_ticker(market_ticker="A")
            with pytest.raises(KalshiWSConnectionError, match="before the reply"):
                await tickers.update(add_markets=["B"])
            assert tickers.markets == ["A"]  # restored as it was
            # a subscribe while reconnecting waits for the new connection
            late = asyncio.ensure_future(ws.subscribe_trade(market_ticker="C"))
            await server.wait_conns(2)
            await asyncio.sleep(0.05)
            assert not late.done()
            hold.set()
            trades = await asyncio.wait_for(late, 2)
            assert trades.sid is not None and tickers.sid is not None

    run(main())


def test_terminal_codes_come_from_the_error_code_table(key_pem: str) -> None:
    class Custom(WS):
        _protocol = ProtocolSpec(
            channels=CHANNELS,
            replies=PROTOCOL.replies,
            error_codes={27: ErrorCode(27, "Too many requests", "", True)},
            servers=PROTOCOL.servers,
            known_urls=PROTOCOL.known_urls,
            ws_path=PROTOCOL.ws_path,
        )

    async def main() -> None:
        async with LoopbackServer() as server:
            ws = Custom(url=server.url, connector=websockets_connector)
            tickers = await ws.subscribe_ticker(market_ticker="A")
            await server.conn.error(None, 25, "not terminal here", sid=tickers.sid)
            await server.conn.error(None, 27, "terminal here", sid=tickers.sid)
            with pytest.raises(KalshiWSSubscriptionError) as caught:
                await take(tickers, 1)
            assert caught.value.code == 27
            await ws.close()
            with pytest.raises(KalshiWSError):
                await ws.list_subscriptions()

    run(main())


def test_a_server_that_closes_every_new_connection_exhausts_the_retries(
    key_pem: str, sleeps: list[float]
) -> None:
    """Connections that deliver nothing do not reset the backoff: the retries stay bounded."""

    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        if len(conn.server.conns) == 1:
            return False
        await conn.ws.close(1000, "go away")
        return True

    async def main() -> None:
        async with LoopbackServer(handler=handler) as server:
            ws = keyed(server, key_pem, max_reconnect_attempts=2)
            tickers = await ws.subscribe_ticker(market_ticker="A")
            server.conn.ws.transport.abort()
            with pytest.raises(KalshiWSConnectionError, match="after 3 attempt"):
                await asyncio.wait_for(tickers.__anext__(), 3)
            assert len(server.conns) == 3 and len(sleeps) == 2
            assert sleeps[1] >= backoff_delay(1, None, rand=lambda: 0.0)  # it grew
            await ws.close()

    run(main())

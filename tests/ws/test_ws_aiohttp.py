"""The aiohttp connector (`connector="aiohttp"`) against FakeKalshiWS: the signed handshake,
frames, the server's heartbeat pings (answered, and counted as signs of life), close codes,
refused and redirected handshakes, reconnecting, the sync API, and what happens without
aiohttp installed. aiohttp is optional: the tests that connect are skipped without it."""

from __future__ import annotations

import asyncio
import gc
import logging
import subprocess
import sys
import warnings
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import asynccontextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from kalshi.testing import FakeKalshiWS
from kalshi.ws import (
    AsyncKalshiWS,
    KalshiWSConnectionError,
    OrderbookDelta,
    OrderbookSnapshot,
    Reconnected,
    Resynced,
    Ticker,
    _transport,
)
from kalshi.ws._transport import (
    HandshakeRejected,
    TransportClosed,
    WSConnection,
    aiohttp_connector,
    resolve_connector,
    websockets_connector,
)
from websockets.frames import Frame, Opcode

try:
    import aiohttp  # noqa: F401

    HAVE_AIOHTTP = True
except ImportError:  # pragma: no cover - depends on the environment
    HAVE_AIOHTTP = False

needs_aiohttp = pytest.mark.skipif(
    not HAVE_AIOHTTP, reason="aiohttp is not installed (optional: pip install aiohttp)"
)

T = TypeVar("T")
D = Decimal
WRONG_KEY = Path(__file__).resolve().parents[2] / "tests" / "runtime" / "fixtures" / "test_key.pem"
MARKET = "KXBTCD-26JUL0317-T60499.99"


def run(coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
    """asyncio.run, bounded, with aiohttp's "Unclosed client session" warnings made failures."""

    async def bounded() -> T:
        return await asyncio.wait_for(coro, timeout)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        result = asyncio.run(bounded())
        gc.collect()
    unclosed = [str(w.message) for w in caught if "nclosed" in str(w.message)]
    assert not unclosed, unclosed
    return result


async def take(sub: Any, count: int, timeout: float = 3.0) -> list[Any]:
    async def collect() -> list[Any]:
        items = []
        async for item in sub:
            items.append(item)
            if len(items) == count:
                break
        return items

    return await asyncio.wait_for(collect(), timeout)


@pytest.fixture(autouse=True)
def no_backoff(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reconnect backoff without the wait (the policy itself is tested with websockets)."""

    async def sleep(self: object, seconds: float) -> None:
        await asyncio.sleep(0)

    monkeypatch.setattr(AsyncKalshiWS, "_sleep", sleep)


@pytest.fixture
def fake() -> Iterator[FakeKalshiWS]:
    with FakeKalshiWS.verifying(heartbeat_interval=None) as server:
        yield server


@asynccontextmanager
async def raw_connection(fake: FakeKalshiWS) -> AsyncIterator[WSConnection]:
    """The connector on its own, unsigned, subscribed to ticker (so pushes have a target)."""
    conn = await aiohttp_connector(fake.url, {})
    try:
        await conn.send('{"id":1,"cmd":"subscribe","params":{"channels":["ticker"]}}')
        assert b'"subscribed"' in _bytes(await asyncio.wait_for(conn.recv(), 2))
        yield conn
    finally:
        await conn.close()


def _bytes(data: bytes | str) -> bytes:
    return data if isinstance(data, bytes) else data.encode()


# ---------------------------------------------------------------------- the handshake


@needs_aiohttp
def test_the_handshake_is_signed_and_verified(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with fake.async_client(connector="aiohttp") as ws:
            fills = await ws.subscribe_fill()  # a private channel: needs the signed handshake
            assert fills.sid is not None

    run(main())
    (handshake,) = fake.handshakes
    assert handshake.status == 101 and handshake.authenticated
    assert handshake.path == "/trade-api/ws/v2"
    assert handshake.headers["KALSHI-ACCESS-KEY"] == fake.key_id


@needs_aiohttp
def test_a_wrong_key_is_refused_at_once_with_its_status(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        ws = fake.async_client(connector="aiohttp", private_key=WRONG_KEY.read_text())
        with pytest.raises(KalshiWSConnectionError) as caught:
            await ws.connect()
        await ws.close()
        assert caught.value.status == 401 and "check key_id" in str(caught.value)

    run(main())
    assert [h.status for h in fake.handshakes] == [401]  # refused for good: no retry


@needs_aiohttp
def test_a_refused_handshake_carries_status_and_body(fake: FakeKalshiWS) -> None:
    fake.reject_next_handshake(503, body="down for maintenance")

    async def main() -> HandshakeRejected:
        with pytest.raises(HandshakeRejected) as caught:
            await aiohttp_connector(fake.url, {})
        return caught.value

    refused = run(main())
    assert refused.status == 503 and refused.body == "down for maintenance"


@needs_aiohttp
def test_a_redirect_is_not_followed(fake: FakeKalshiWS) -> None:
    """The signed headers would go to the redirect's host: refused, never followed."""
    with FakeKalshiWS(heartbeat_interval=None) as elsewhere:
        fake.reject_next_handshake(302, headers={"Location": elsewhere.url})

        async def main() -> int:
            with pytest.raises(HandshakeRejected) as caught:
                await aiohttp_connector(fake.url, {"KALSHI-ACCESS-KEY": "k"})
            return caught.value.status

        assert run(main()) == 302
        assert elsewhere.handshakes == []


# ---------------------------------------------------------------------- frames


@needs_aiohttp
def test_frames_arrive_typed_and_books_are_kept(fake: FakeKalshiWS) -> None:
    fake.set_book(MARKET, yes=[("0.4000", "10.00")], no=[("0.5500", "3.00")])

    async def main() -> None:
        async with fake.async_client(connector="aiohttp") as ws:
            tickers = await ws.subscribe_ticker(market_tickers=[MARKET])
            books = await ws.subscribe_orderbook_delta(market_tickers=[MARKET])
            fake.push("ticker", "ticker", market_ticker=MARKET, price_dollars="0.5600")
            (tick,) = await take(tickers, 1)
            assert isinstance(tick, Ticker) and tick.msg.price == D("0.5600")
            fake.push_delta(MARKET, "yes", "0.4000", "-4")
            fake.push_delta(MARKET, "no", "0.6000", "2")
            snapshot, *deltas = await take(books, 3)
            assert isinstance(snapshot, OrderbookSnapshot)
            assert all(isinstance(d, OrderbookDelta) for d in deltas)
            book = books.book(MARKET)
            assert book.levels("yes") == [(D("0.4000"), D("6.00"))]
            assert book.levels("no") == [(D("0.5500"), D("3.00")), (D("0.6000"), D("2.00"))]

    run(main())


@needs_aiohttp
def test_text_frames_come_as_bytes_or_text_and_pings_pass_through(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw_connection(fake) as conn:
            before = conn.last_received
            fake.push_raw('{"type":"mystery","msg":{}}')
            data = await asyncio.wait_for(conn.recv(), 2)
            assert _bytes(data) == b'{"type":"mystery","msg":{}}'
            assert conn.last_received >= before

    run(main())


# ---------------------------------------------------------------------- the heartbeat


class _PongLog(logging.Handler):
    """The fake's side of the connection (websockets' server logger): pongs it received."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.pongs: list[bytes] = []

    def emit(self, record: logging.LogRecord) -> None:
        frame = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if isinstance(frame, Frame) and frame.opcode is Opcode.PONG and record.msg == "< %s":
            self.pongs.append(bytes(frame.data))


class _NoPings:
    """A connection whose own pings are never sent: only the server's pings keep it alive."""

    def __init__(self, conn: WSConnection) -> None:
        self._conn = conn
        self.pings = 0

    @property
    def last_received(self) -> float:
        return self._conn.last_received

    async def send(self, message: str) -> None:
        await self._conn.send(message)

    async def recv(self) -> bytes | str:
        return await self._conn.recv()

    async def ping(self) -> None:
        self.pings += 1

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await self._conn.close(code, reason)

    def abort(self) -> None:
        self._conn.abort()


@needs_aiohttp
def test_the_servers_pings_are_answered_and_count_as_signs_of_life() -> None:
    log = _PongLog()
    server_log = logging.getLogger("websockets.server")
    level = server_log.level
    server_log.setLevel(logging.DEBUG)  # setLevel, not .level: it clears the logger's cache
    server_log.addHandler(log)
    opened: list[_NoPings] = []

    async def connector(url: str, headers: Any) -> WSConnection:
        opened.append(_NoPings(await aiohttp_connector(url, headers)))
        return opened[-1]

    try:
        with FakeKalshiWS.verifying(heartbeat_interval=0.05) as fake:

            async def main() -> None:
                async with fake.async_client(connector=connector, heartbeat_timeout=0.3) as ws:
                    await ws.subscribe_ticker(market_tickers=[MARKET])
                    await asyncio.sleep(1.0)  # more than 3 heartbeat timeouts
                    assert ws.connected

            run(main())
    finally:
        server_log.removeHandler(log)
        server_log.setLevel(level)
    assert len(opened) == 1  # never taken for dead: the server's pings were counted
    assert len(log.pongs) >= 5 and set(log.pongs) == {b"heartbeat"}  # ... and answered
    assert opened[0].pings == 0  # the server's pings kept it busy: no need to ping it


@needs_aiohttp
def test_a_silent_server_is_noticed_and_replaced(fake: FakeKalshiWS) -> None:
    """freeze(): TCP open, nothing read or sent (no pongs either): the watch aborts the
    connection and the session reconnects and resubscribes."""

    async def main() -> None:
        async with fake.async_client(connector="aiohttp", heartbeat_timeout=0.3) as ws:
            tickers = await ws.subscribe_ticker(market_tickers=[MARKET])
            fake.freeze()
            # within 1.5 s: 0.3 s of silence, then abort() ends the reader at once (a reader
            # left waiting would hold the reconnect for the session's 2 s close timeout)
            (event,) = await take(tickers, 1, timeout=1.5)
            assert event == Reconnected(1)
            await fake.wait_for_subscription_async("ticker", connection=1)
            fake.push("ticker", "ticker", market_ticker=MARKET, connection=1)
            (tick,) = await take(tickers, 1)
            assert isinstance(tick, Ticker)

    run(main())
    assert fake.connections == 2


# ---------------------------------------------------------------------- closing


@needs_aiohttp
@pytest.mark.parametrize(("code", "reason"), [(4001, "bye"), (1000, ""), (1012, "restart")])
def test_close_codes_reach_the_session_as_sent(fake: FakeKalshiWS, code: int, reason: str) -> None:
    async def main() -> None:
        async with raw_connection(fake) as conn:
            fake.close(code, reason)
            for _ in range(2):  # and again: closed stays closed, with the same code
                with pytest.raises(TransportClosed) as caught:
                    await asyncio.wait_for(conn.recv(), 2)
                assert (caught.value.code, caught.value.reason) == (code, reason)
            with pytest.raises(TransportClosed):
                await conn.send("{}")
            with pytest.raises(TransportClosed):
                await conn.ping()

    run(main())


@needs_aiohttp
def test_a_drop_without_a_close_frame_is_abnormal(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw_connection(fake) as conn:
            fake.drop()
            with pytest.raises(TransportClosed) as caught:
                await asyncio.wait_for(conn.recv(), 2)
            assert caught.value.code == 1006

    run(main())


@needs_aiohttp
def test_a_permanent_close_code_fails_fast(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with fake.async_client(connector="aiohttp") as ws:
            tickers = await ws.subscribe_ticker(market_tickers=[MARKET])
            fake.close(1008, "policy violation")
            with pytest.raises(KalshiWSConnectionError) as caught:
                await take(tickers, 1)
            assert caught.value.close_code == 1008 and "policy violation" in str(caught.value)

    run(main())
    assert fake.connections == 1


# ---------------------------------------------------------------------- reconnecting


@needs_aiohttp
@pytest.mark.parametrize("how", ["drop", "close 1012"])
def test_reconnect_resubscribes_and_remaps_sids(fake: FakeKalshiWS, how: str) -> None:
    fake.set_book(MARKET, yes=[("0.4000", "10.00")])

    async def main() -> None:
        async with fake.async_client(connector="aiohttp") as ws:
            tickers = await ws.subscribe_ticker(market_tickers=[MARKET])
            books = await ws.subscribe_orderbook_delta(market_tickers=[MARKET])
            assert isinstance((await take(books, 1))[0], OrderbookSnapshot)
            if how == "drop":
                fake.drop()
            else:
                fake.close(1012, "restart")
            assert await take(tickers, 1) == [Reconnected(1)]
            again = await take(books, 3)
            assert again[:2] == [Reconnected(1), Resynced("orderbook_delta", "reconnect")]
            assert isinstance(again[2], OrderbookSnapshot) and books.book(MARKET).synced
            assert tickers.sid is not None and books.sid is not None
            fake.push(tickers.sid, "ticker", market_ticker=MARKET, connection=1)
            (tick,) = await take(tickers, 1)
            assert isinstance(tick, Ticker)
            assert fake.connections == 2  # the handles carry connection 1's sids now

    run(main())
    subscribes = [c for c in fake.commands if c.cmd == "subscribe"]
    assert [c.connection for c in subscribes] == [0, 0, 1, 1]
    assert all(h.authenticated for h in fake.handshakes)


# ---------------------------------------------------------------------- the sync API


@needs_aiohttp
def test_the_sync_client_runs_on_aiohttp_too(fake: FakeKalshiWS) -> None:
    with fake.client(connector="aiohttp") as ws:
        tickers = ws.subscribe_ticker(market_tickers=[MARKET])
        for price in ("0.5100", "0.5200"):
            fake.push("ticker", "ticker", market_ticker=MARKET, price_dollars=price)
        iterator = iter(tickers)
        items = [next(iterator) for _ in range(2)]
        assert [i.msg.price for i in items if isinstance(i, Ticker)] == [D("0.5100"), D("0.5200")]
    assert fake.handshakes[0].authenticated


# ---------------------------------------------------------------------- choosing a connector


def test_connectors_by_name_keep_the_url_check() -> None:
    assert resolve_connector(None) is websockets_connector
    assert resolve_connector("websockets") is websockets_connector
    assert resolve_connector("aiohttp") is aiohttp_connector
    assert _transport.builtin_name(aiohttp_connector) == "aiohttp"
    with pytest.raises(ValueError, match='"websockets", "aiohttp"'):
        resolve_connector("picows")
    with pytest.raises(ValueError, match="not one of Kalshi's WebSocket servers"):
        AsyncKalshiWS(url="wss://kalshi.example.com/trade-api/ws/v2", connector="aiohttp")
    # a Connector object decides where it connects (a test double, custom options)
    custom = AsyncKalshiWS(url="ws://127.0.0.1:1/trade-api/ws/v2", connector=aiohttp_connector)
    assert custom.url.startswith("ws://127.0.0.1")


def test_without_aiohttp_the_error_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "aiohttp", None)  # import aiohttp -> ImportError
    monkeypatch.setattr("importlib.util.find_spec", lambda name, *a: None)  # not installed
    _transport._aiohttp.cache_clear()
    try:
        with pytest.raises(ImportError, match="pip install aiohttp"):  # at construction
            AsyncKalshiWS(connector="aiohttp")

        async def main() -> None:
            with pytest.raises(ImportError, match="pip install aiohttp"):
                await aiohttp_connector("ws://127.0.0.1:1/trade-api/ws/v2", {})
            # a connector that raises it at the first connection: connect() says so, no hang
            ws = AsyncKalshiWS(url="ws://127.0.0.1:1/trade-api/ws/v2", connector=aiohttp_connector)
            with pytest.raises(ImportError, match="pip install aiohttp"):
                await ws.connect()
            await ws.close()

        run(main())
    finally:
        _transport._aiohttp.cache_clear()


def test_a_connector_that_fails_unexpectedly_fails_the_session() -> None:
    async def broken(url: str, headers: Any) -> WSConnection:
        raise RuntimeError("a bug in the connector")

    async def main() -> None:
        ws = AsyncKalshiWS(url="ws://127.0.0.1:1/trade-api/ws/v2", connector=broken)
        with pytest.raises(KalshiWSConnectionError, match="a bug in the connector"):
            await ws.connect()
        await ws.close()

    run(main())


def test_import_kalshi_ws_does_not_load_aiohttp() -> None:
    """Choosing aiohttp imports it at the first connection, not before."""
    import kalshi

    root = str(Path(kalshi.__file__ or "").parents[1])
    overlays = [p for p in kalshi.__path__ if not p.startswith(root)]  # conftest's, if any
    code = f"""
import sys
sys.path.insert(0, {root!r})
import kalshi
kalshi.__path__.extend({overlays!r})
from kalshi.ws import AsyncKalshiWS, KalshiWS
AsyncKalshiWS(connector="aiohttp")
KalshiWS(connector="aiohttp").close()
assert "aiohttp" not in sys.modules, sorted(m for m in sys.modules if "aiohttp" in m)
"""
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr

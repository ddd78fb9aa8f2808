"""The WebSocket session: routing by id and sid, decoding, seq on non-book channels, commands,
terminal errors, queues, auth and configuration (kalshi.ws._session and friends)."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from kalshi.errors import KalshiAuthRequiredError, KalshiError
from kalshi.ws._errors import (
    KalshiWSCommandError,
    KalshiWSConnectionError,
    KalshiWSDecodeError,
    KalshiWSOverflowError,
    KalshiWSSubscriptionError,
)
from kalshi.ws._events import Resynced, SequenceGap
from kalshi.ws._frames import UntypedFrame, decode_frame
from kalshi.ws._subscription import SubscriptionInfo
from kalshi.ws._transport import websockets_connector
from ws_support import (
    DEMO,
    KEY_ID,
    PRODUCTION,
    REPLIES,
    WS,
    Conn,
    Fill,
    LoopbackServer,
    Ok,
    Ticker,
    Trade,
    public_key_of,
    run,
    take,
)

FILL = {
    "trade_id": "t1",
    "order_id": "o1",
    "market_ticker": "M",
    "side": "yes",
    "yes_price_dollars": "0.1700",
    "count_fp": "5.52",
}
TICKER = {"market_ticker": "M", "market_id": "id-M", "price_dollars": "0.5600"}
TRADE = {
    "trade_id": "t1",
    "market_ticker": "M",
    "yes_price_dollars": "0.8900",
    "count_fp": "3.00",
    "taker_side": "yes",
}


def fill(n: int) -> dict[str, Any]:
    return {**FILL, "trade_id": f"t{n}"}


def session(server: LoopbackServer, **kwargs: Any) -> WS:
    kwargs.setdefault("connector", websockets_connector)
    return WS(url=server.url, **kwargs)


def keyed(server: LoopbackServer, key_pem: str, **kwargs: Any) -> WS:
    return session(server, key_id=KEY_ID, private_key=key_pem, **kwargs)


# --------------------------------------------------------------------------- routing


def test_frames_of_a_live_subscription_are_kept_while_another_subscribe_waits(
    key_pem: str,
) -> None:
    """kalshi-sdk threw away fills that arrived while a second subscribe waited for its ack."""
    release = asyncio.Event()

    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        if command["cmd"] == "subscribe" and command["params"]["channels"] == ["ticker"]:
            fills = conn.sub("fill")
            for n in range(5):
                await conn.push(fills, "fill", fill(n), seq=None)
            await release.wait()
            await conn.reply_default(command)
            await conn.push(fills, "fill", fill(5), seq=None)
            return True
        return False

    async def main() -> None:
        async with LoopbackServer(handler=handler) as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            pending = asyncio.ensure_future(ws.subscribe_ticker(market_ticker="M"))
            first = await take(fills, 5)  # delivered while the ticker subscribe waits
            assert not pending.done()
            release.set()
            tickers = await pending
            assert [f.msg.trade_id for f in first] == [f"t{n}" for n in range(5)]
            (last,) = await take(fills, 1)
            assert isinstance(last, Fill) and last.msg.trade_id == "t5"
            assert tickers.sid != fills.sid and tickers.channel == "ticker"

    run(main())


def test_replies_out_of_id_order_reach_their_commands(key_pem: str) -> None:
    held: list[dict[str, Any]] = []

    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        if command["cmd"] != "subscribe":
            return False
        held.append(command)
        if len(held) == 3:  # answer the three subscribes last-first
            for waiting in reversed(held):
                await conn.reply_default(waiting)
        return True

    async def main() -> None:
        async with LoopbackServer(handler=handler) as server, keyed(server, key_pem) as ws:
            subs = await asyncio.gather(
                ws.subscribe_ticker(market_ticker="A"),
                ws.subscribe_trade(market_ticker="B"),
                ws.subscribe_fill(market_ticker="C"),
            )
            conn = server.conn
            by_channel = {s.channel: s.sid for s in conn.subs.values()}
            assert [(s.channel, s.sid) for s in subs] == [
                ("ticker", by_channel["ticker"]),
                ("trade", by_channel["trade"]),
                ("fill", by_channel["fill"]),
            ]
            assert subs[0].sid == 3  # the last subscribe was answered first
            await conn.push(conn.sub("trade"), "trade", TRADE)
            (trade,) = await take(subs[1], 1)
            assert isinstance(trade, Trade)

    run(main())


def test_an_error_reply_raises_from_its_own_command(key_pem: str) -> None:
    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        if command["params"].get("market_ticker") == "BAD":
            await asyncio.sleep(0.05)  # the other command's reply comes first
            await conn.error(command["id"], 11, "Invalid parameter")
            return True
        return False

    async def main() -> None:
        async with LoopbackServer(handler=handler) as server, keyed(server, key_pem) as ws:
            bad, good = await asyncio.gather(
                ws.subscribe_ticker(market_ticker="BAD"),
                ws.subscribe_ticker(market_ticker="GOOD"),
                return_exceptions=True,
            )
            assert isinstance(bad, KalshiWSCommandError)
            assert (bad.code, bad.command) == (11, "subscribe")
            assert "Invalid parameter" in str(bad) and isinstance(bad, KalshiError)
            assert not isinstance(good, BaseException) and good.sid is not None
            assert ws.subscriptions == (good,)

    run(main())


# --------------------------------------------------------------------------- decoding


def test_a_frame_missing_a_required_field_still_arrives_and_is_logged(
    key_pem: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> list[Any]:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            partial = {k: v for k, v in FILL.items() if k != "order_id"}
            await server.conn.push(server.conn.sub("fill"), "fill", partial, seq=None)
            return await take(fills, 1)

    with caplog.at_level(logging.WARNING):
        (frame,) = run(main())
    assert isinstance(frame, Fill) and frame.msg.order_id is None
    assert frame.msg.count_fp == Decimal("5.52")
    assert "FillMsg.order_id" in caplog.text


def test_a_malformed_money_value_is_refused_loudly_and_iteration_goes_on(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            conn = server.conn
            await conn.push(conn.sub("fill"), "fill", {**FILL, "count_fp": "1e999999999"}, seq=None)
            await conn.push(conn.sub("fill"), "fill", fill(2), seq=None)
            with pytest.raises(KalshiWSDecodeError, match="count_fp") as caught:
                await fills.__anext__()
            assert caught.value.frame_type == "fill" and caught.value.sid == fills.sid
            (after,) = await take(fills, 1)
            assert after.msg.trade_id == "t2"

    run(main())


@pytest.mark.parametrize("how", ["argument", "environment"])
def test_strict_messages_raise_on_a_deviation(
    key_pem: str, how: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kwargs: dict[str, Any] = {}
    if how == "argument":
        kwargs["strict_messages"] = True
    else:
        monkeypatch.setenv("KALSHI_STRICT_RESPONSES", "1")

    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem, **kwargs) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            partial = {k: v for k, v in FILL.items() if k != "order_id"}
            await server.conn.push(server.conn.sub("fill"), "fill", partial, seq=None)
            with pytest.raises(KalshiWSDecodeError, match="order_id"):
                await take(fills, 1)

    run(main())


def test_decode_frame_one_pass_and_fallbacks() -> None:
    models = {"ticker": Ticker, "trade": Trade, **REPLIES}
    raw = json.dumps({"type": "ticker", "sid": 1, "msg": TICKER}).encode()
    frame = decode_frame(raw, models, strict=False)
    assert isinstance(frame, Ticker) and frame.msg.price_dollars == Decimal("0.5600")
    # another key order goes through the discriminated union
    reordered = json.dumps({"sid": 1, "msg": TICKER, "type": "ticker"})
    assert isinstance(decode_frame(reordered, models, strict=False), Ticker)
    ok = decode_frame(b'{"id":3,"sid":1,"seq":4,"type":"ok","msg":{}}', models, strict=False)
    assert isinstance(ok, Ok) and (ok.id, ok.sid, ok.seq) == (3, 1, 4)
    unknown = decode_frame(
        b'{"type":"brand_new","sid":2,"seq":9,"msg":{"a":1}}', models, strict=False
    )
    assert isinstance(unknown, UntypedFrame)
    assert (unknown.type, unknown.sid, unknown.seq, unknown.msg) == ("brand_new", 2, 9, {"a": 1})
    with pytest.raises(KalshiWSDecodeError, match="not valid JSON"):
        decode_frame(b"{nope", models, strict=False)
    with pytest.raises(KalshiWSDecodeError, match="not an object"):
        decode_frame(b"[1]", models, strict=False)


def test_an_unknown_type_is_delivered_untyped_and_reported_once(
    key_pem: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> list[Any]:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            conn = server.conn
            for n in range(2):
                await conn.push(conn.sub("fill"), "fill_v2", {"n": n}, seq=None)
            await conn.send({"type": "announcement", "msg": {"text": "hi"}})  # no sid
            await conn.push(conn.sub("fill"), "fill", fill(3), seq=None)
            items = await take(fills, 3)
            assert fills.untyped == 2
            return items

    with caplog.at_level(logging.WARNING, logger="kalshi.ws"):
        first, second, last = run(main())
    assert isinstance(first, UntypedFrame) and first.msg == {"n": 0} and second.msg == {"n": 1}
    assert b'"fill_v2"' in first.raw and isinstance(last, Fill)
    assert caplog.text.count("'fill_v2'") == 1
    assert "'announcement'" in caplog.text


# --------------------------------------------------------------------------- seq (non-book)


def test_seq_gaps_duplicates_and_resets_are_surfaced_on_other_channels() -> None:
    async def main() -> None:
        async with LoopbackServer() as server, session(server) as ws:
            trades = await ws.subscribe_trade(market_ticker="M")
            conn = server.conn
            sub = conn.sub("trade")
            for seq in (1, 2, 5, 5, 6, 1, 2):
                await conn.push(sub, "trade", TRADE, seq=seq)
            items = await take(trades, 10)
            kinds = [
                (i.kind, i.expected, i.got) if isinstance(i, SequenceGap) else i.seq for i in items
            ]
            assert kinds == [
                1,
                2,
                ("gap", 3, 5),
                5,
                ("duplicate", 6, 5),
                5,
                6,
                ("reset", 7, 1),
                1,
                2,
            ]
            assert all(isinstance(i, Trade) for i in items if not isinstance(i, SequenceGap))

    run(main())


def test_ok_replies_consume_seq_so_no_false_gap_is_seen() -> None:
    async def main() -> None:
        async with LoopbackServer() as server, session(server) as ws:
            trades = await ws.subscribe_trade(market_ticker="M")
            conn = server.conn
            sub = conn.sub("trade")
            await conn.push(sub, "trade", TRADE)  # seq 1
            await trades.update(add_markets=["N"])  # the ok takes seq 2
            await conn.push(sub, "trade", TRADE)  # seq 3
            items = await take(trades, 2)
            assert [i.seq for i in items] == [1, 3]
            assert trades.markets == ["M", "N"]

    run(main())


# --------------------------------------------------------------------------- commands


def test_unsubscribe_update_snapshot_and_list_subscriptions(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            tickers = await ws.subscribe_ticker(market_tickers=["A", "B"])
            fills = await ws.subscribe_fill(market_ticker="C")
            infos = await ws.list_subscriptions()
            assert sorted(infos, key=lambda i: i.sid) == [
                SubscriptionInfo("ticker", tickers.sid or 0),
                SubscriptionInfo("fill", fills.sid or 0),
            ]
            await tickers.update(add_markets=["D"], delete_markets=["A"])
            assert tickers.markets == ["B", "D"]
            assert tickers.params == {"market_tickers": ["B", "D"]}
            sid = tickers.sid
            await tickers.unsubscribe()
            with pytest.raises(StopAsyncIteration):
                await tickers.__anext__()
            assert ws.subscriptions == (fills,)
            commands = [(c["cmd"], c.get("params")) for c in server.commands]
            assert ("unsubscribe", {"sids": [sid]}) in commands
            updates = [p for c, p in commands if c == "update_subscription"]
            assert updates == [
                {"sid": sid, "action": "add_markets", "market_tickers": ["D"]},
                {"sid": sid, "action": "delete_markets", "market_tickers": ["A"]},
            ]
            assert ("list_subscriptions", None) in commands
            with pytest.raises(ValueError, match="does not accept the update action"):
                await fills.snapshot(["C"])

    run(main())


def test_closing_the_session_ends_every_iterator() -> None:
    async def main() -> None:
        async with LoopbackServer() as server:
            ws = session(server)
            tickers = await ws.subscribe_ticker(market_ticker="A")
            trades = await ws.subscribe_trade(market_ticker="A")

            async def drain(sub: Any) -> int:
                return len([item async for item in sub])

            readers = [asyncio.ensure_future(drain(s)) for s in (tickers, trades)]
            await asyncio.sleep(0.02)
            await ws.close()
            assert await asyncio.wait_for(asyncio.gather(*readers), 1) == [0, 0]
            with pytest.raises(KalshiError, match="closed"):
                await ws.subscribe_ticker(market_ticker="B")
            await ws.close()  # twice is fine

    run(main())


def test_subscribe_params_are_checked_before_anything_is_sent() -> None:
    async def main() -> None:
        async with LoopbackServer() as server:
            ws = session(server)
            with pytest.raises(TypeError, match="'market_id'"):
                await ws.subscribe_trade(market_id="x")
            assert server.conns == []  # not even connected
            tickers = await ws.subscribe_ticker(market_ticker="A", market_id=None)
            assert server.commands[-1]["params"] == {"channels": ["ticker"], "market_ticker": "A"}
            assert tickers.params == {"market_ticker": "A"}
            await ws.close()

    run(main())


# --------------------------------------------------------------------------- terminal errors


@pytest.mark.parametrize("code", [10, 25])
def test_a_terminal_error_ends_only_its_iterator(key_pem: str, code: int) -> None:
    """kalshi-sdk's iterator hung forever after error 25."""

    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            tickers = await ws.subscribe_ticker(market_ticker="M")
            conn = server.conn
            await conn.push(conn.sub("fill"), "fill", fill(1), seq=None)
            await conn.error(None, code, "Subscription buffer overflow", sid=fills.sid)
            (first,) = await take(fills, 1)  # what came before the error is delivered
            assert first.msg.trade_id == "t1"
            with pytest.raises(KalshiWSSubscriptionError) as caught:
                await asyncio.wait_for(fills.__anext__(), 1)
            assert (caught.value.code, caught.value.channel) == (code, "fill")
            with pytest.raises(StopAsyncIteration):
                await fills.__anext__()
            await conn.push(conn.sub("ticker"), "ticker", TICKER, seq=None)
            (ticker,) = await take(tickers, 1)
            assert isinstance(ticker, Ticker)
            assert ws.subscriptions == (tickers,)

    run(main())


def test_a_non_terminal_subscription_error_is_logged(
    key_pem: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            conn = server.conn
            await conn.error(None, 11, "odd", sid=fills.sid)
            await conn.push(conn.sub("fill"), "fill", fill(1), seq=None)
            (item,) = await take(fills, 1)
            assert isinstance(item, Fill)

    with caplog.at_level(logging.WARNING, logger="kalshi.ws"):
        run(main())
    assert "error 11: odd" in caplog.text


# --------------------------------------------------------------------------- queues


def test_drop_oldest_counts_what_it_drops(caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, session(server, queue_size=3) as ws:
            tickers = await ws.subscribe_ticker(market_ticker="M")
            conn = server.conn
            for n in range(6):
                await conn.push(
                    conn.sub("ticker"),
                    "ticker",
                    {**TICKER, "price_dollars": f"0.0{n}00"},
                    seq=None,
                )
            await conn.push(conn.sub("ticker"), "ticker", TICKER, seq=None)
            await server.wait_for(lambda: tickers.dropped == 4)
            items = await take(tickers, 3)
            assert [i.msg.price_dollars for i in items] == [
                Decimal("0.04"),
                Decimal("0.05"),
                Decimal("0.56"),
            ]

    with caplog.at_level(logging.WARNING, logger="kalshi.ws"):
        run(main())
    assert caplog.text.count("queue of 3 items full") == 1


def test_an_error_policy_queue_overflow_is_loud(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem, queue_size=3) as ws:
            fills = await ws.subscribe_fill(market_ticker="M")
            conn = server.conn
            for n in range(5):
                await conn.push(conn.sub("fill"), "fill", fill(n), seq=None)
            await server.wait_for(lambda: fills.closed)
            items = await take(fills, 3)
            assert [i.msg.trade_id for i in items] == ["t0", "t1", "t2"]
            with pytest.raises(KalshiWSOverflowError) as caught:
                await fills.__anext__()
            assert caught.value.channel == "fill" and caught.value.dropped >= 1
            await server.wait_for(lambda: any(c["cmd"] == "unsubscribe" for c in server.commands))

    run(main())


def test_a_resync_policy_queue_overflow_yields_resynced(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem, queue_size=3) as ws:
            groups = await ws.subscribe_order_groups()
            conn = server.conn
            sub = conn.sub("order_group_updates")
            for n in range(5):
                await conn.push(
                    sub, "order_group_updates", {"event_type": "x", "order_group_id": str(n)}
                )
            await server.wait_for(lambda: groups.dropped == 3)
            first, *rest = await take(groups, 3)
            assert first == Resynced("order_group_updates", "overflow")
            assert [i.msg.order_group_id for i in rest] == ["3", "4"]

    run(main())


# --------------------------------------------------------------------------- auth and config


def test_the_handshake_is_signed_like_rest(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer(public_key=public_key_of(key_pem)) as server:
            async with keyed(server, key_pem) as ws:
                await ws.subscribe_fill(market_ticker="M")
            assert server.handshakes[0]["KALSHI-ACCESS-KEY"] == KEY_ID
            # a wrong key is refused at the handshake: fail fast, no retries
            other = WS(
                url=server.url, connector=websockets_connector, key_id="other", private_key=key_pem
            )
            with pytest.raises(KalshiWSConnectionError, match="401") as caught:
                await other.subscribe_fill(market_ticker="M")
            assert caught.value.status == 401
            assert len(server.handshakes) == 2
            await other.close()

    run(main())


def test_the_signature_never_reaches_a_log(key_pem: str, caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            await ws.subscribe_fill(market_ticker="M")
            return server.handshakes[0]["KALSHI-ACCESS-SIGNATURE"]

    with caplog.at_level(logging.DEBUG):
        signature = run(main())
    client = "\n".join(  # what the client side logged (the test server logs its own view)
        r.getMessage() for r in caplog.records if not r.name.startswith("websockets.server")
    )
    assert "KALSHI-ACCESS-KEY" in client  # websockets logged the handshake...
    assert signature not in client and "KALSHI-ACCESS-SIGNATURE: <redacted>" in client
    assert key_pem.splitlines()[1] not in client


def test_public_channels_work_without_a_key_and_auth_channels_fail_before_sending() -> None:
    async def main() -> None:
        async with LoopbackServer() as server:
            ws = session(server)
            assert not ws.is_authenticated
            with pytest.raises(KalshiAuthRequiredError, match="'fill' requires an API key"):
                await ws.subscribe_fill(market_ticker="M")
            assert server.conns == []
            tickers = await ws.subscribe_ticker(market_ticker="M")
            assert "KALSHI-ACCESS-KEY" not in server.handshakes[0]
            await server.conn.push(server.conn.sub("ticker"), "ticker", TICKER, seq=None)
            (ticker,) = await take(tickers, 1)
            assert isinstance(ticker, Ticker)
            await ws.close()

    run(main())


def test_urls_environments_and_unknown_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KALSHI_ALLOW_UNKNOWN_HOST", raising=False)
    assert WS().url == PRODUCTION
    assert WS(demo=True).url == DEMO
    assert WS(url=DEMO + "/").url == DEMO + "/"
    with pytest.raises(ValueError, match="not one of Kalshi's WebSocket servers"):
        WS(url="wss://evil.example/trade-api/ws/v2")
    assert WS(url="ws://127.0.0.1:1/x", allow_unknown_host=True).url == "ws://127.0.0.1:1/x"
    monkeypatch.setenv("KALSHI_ALLOW_UNKNOWN_HOST", "1")
    assert WS(url="ws://127.0.0.1:1/x").url == "ws://127.0.0.1:1/x"
    monkeypatch.delenv("KALSHI_ALLOW_UNKNOWN_HOST")
    # an injected connector decides where it connects: no opt-in needed
    assert WS(url="ws://127.0.0.1:1/x", connector=websockets_connector).url.startswith("ws://")
    with pytest.raises(ValueError, match="ws:// or wss://"):
        WS(url="https://api.elections.kalshi.com/trade-api/ws/v2")
    for bad in ({"queue_size": 0}, {"heartbeat_timeout": -1}, {"max_reconnect_attempts": -1}):
        with pytest.raises(ValueError):
            WS(**bad)


def test_from_env_reads_the_rest_variables(monkeypatch: pytest.MonkeyPatch, key_pem: str) -> None:
    for name in ("KALSHI_DEMO", "KALSHI_API_BASE_URL", "KALSHI_WS_URL", "KALSHI_PRIVATE_KEY_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KALSHI_KEY_ID", KEY_ID)
    monkeypatch.setenv("KALSHI_PRIVATE_KEY", key_pem)
    ws = WS.from_env()
    assert ws.is_authenticated and ws.url == PRODUCTION and KEY_ID in repr(ws)
    assert "PRIVATE" not in repr(ws)
    monkeypatch.setenv("KALSHI_DEMO", "1")
    assert WS.from_env().url == DEMO
    monkeypatch.delenv("KALSHI_DEMO")
    monkeypatch.setenv("KALSHI_API_BASE_URL", "https://demo-api.kalshi.co/trade-api/v2")
    assert WS.from_env().url == DEMO
    monkeypatch.setenv("KALSHI_WS_URL", PRODUCTION)
    assert WS.from_env().url == PRODUCTION
    assert WS.from_env(demo=True).url == DEMO


def test_from_client_reuses_the_signer_and_the_environment(key_pem: str) -> None:
    from kalshi import AsyncKalshiClient, KalshiClient

    client = KalshiClient(key_id=KEY_ID, private_key=key_pem, demo=True, strict_responses=True)
    ws = WS.from_client(client)
    assert ws.url == DEMO and ws._signer is client._signer and ws._strict
    public = WS.from_client(AsyncKalshiClient())
    assert public.url == PRODUCTION and not public.is_authenticated
    stranger = KalshiClient(base_url="https://proxy.example/trade-api/v2", allow_unknown_host=True)
    with pytest.raises(ValueError, match="pass url="):
        WS.from_client(stranger)
    assert WS.from_client(stranger, url=DEMO).url == DEMO
    client.close()
    stranger.close()


def test_import_kalshi_ws_does_not_load_websockets() -> None:
    """`import kalshi.ws` (and a session without a key) loads neither websockets nor
    cryptography; the first connection imports websockets."""
    import kalshi

    root = str(Path(kalshi.__file__ or "").parents[1])
    overlays = [p for p in kalshi.__path__ if not p.startswith(root)]  # conftest's, if any
    code = f"""
import sys
sys.path.insert(0, {root!r})
import kalshi
kalshi.__path__.extend({overlays!r})
import kalshi.ws, kalshi.ws._session, kalshi.ws._sync, kalshi.ws._transport
from kalshi.ws._channel import ProtocolSpec
class WS(kalshi.ws._session.AsyncSession):
    _protocol = ProtocolSpec({{}}, {{}}, {{}}, {{"production": "wss://x/y"}}, frozenset(), "/y")
WS()
assert "websockets" not in sys.modules, sorted(m for m in sys.modules if "websockets" in m)
assert "cryptography" not in sys.modules
kalshi.ws._transport._websockets()
assert "websockets" in sys.modules
"""
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr

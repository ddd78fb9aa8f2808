"""Local order books: the OrderBook rules, books per subscription and market, and recovery
from gaps, duplicates, resets and overflow on the order book channel."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from kalshi.ws._books import BookError, OrderBook
from kalshi.ws._events import Resynced, SequenceGap
from kalshi.ws._transport import websockets_connector
from shared_specs import SHARED_SPEC, unavailable
from ws_support import (
    BOOK,
    KEY_ID,
    WS,
    Conn,
    DeltaMsg,
    LoopbackServer,
    OrderbookDelta,
    OrderbookSnapshot,
    SnapshotMsg,
    delta_msg,
    run,
    take,
)

D = Decimal
RECORDED_SESSION = SHARED_SPEC.parent / "ws-samples" / "frames" / "008.jsonl"


def book_of(**msg: Any) -> OrderBook:
    book = OrderBook("M", BOOK)
    book.apply_snapshot(SnapshotMsg.model_validate({"market_ticker": "M", "market_id": "i", **msg}))
    return book


def delta(side: str, price: str, change: str, **extra: Any) -> DeltaMsg:
    return DeltaMsg.model_validate({**delta_msg("M", side, price, change), **extra})


# --------------------------------------------------------------------------- OrderBook


def test_one_sided_and_empty_snapshots_are_legal() -> None:
    book = book_of(yes_dollars_fp=[["0.4000", "10.00"], ["0.3900", "5"]])
    assert book.synced and book.levels("yes") == [(D("0.39"), D(5)), (D("0.40"), D(10))]
    assert book.levels("no") == [] and book.best("no") is None
    empty = book_of()
    assert empty.synced and empty.levels("yes") == empty.levels("no") == []
    book.apply_snapshot(SnapshotMsg.model_validate({"market_ticker": "M", "market_id": "i"}))
    assert book.levels("yes") == []  # a snapshot replaces everything, absent sides too


def test_deltas_add_remove_at_zero_and_stay_decimal() -> None:
    book = book_of(no_dollars_fp=[["0.5500", "1.10"]])
    book.apply_delta(delta("no", "0.5500", "2.20"))
    assert book.levels("no") == [(D("0.55"), D("3.30"))]  # exact: 1.10 + 2.20, no float
    assert all(type(v) is Decimal for level in book.levels("no") for v in level)
    book.apply_delta(delta("yes", "0.1000", "4"))
    book.apply_delta(delta("no", "0.5500", "-3.30"))
    assert book.levels("no") == [] and book.best("yes") == (D("0.1"), D(4))
    book.apply_delta(delta("yes", "0.1000", "-5"))  # below zero: removed, and counted
    assert book.levels("yes") == [] and book.negative_levels == 1
    with pytest.raises(BookError, match="unknown side"):
        book.levels("maybe")


def test_clock_is_kept_when_present() -> None:
    book = book_of(clock=7)
    assert book.clock == 7
    book.apply_delta(delta("yes", "0.2000", "1"))
    assert book.clock == 7  # the server sends no clock today: the last one stays
    book.apply_delta(delta("yes", "0.2000", "1", clock=9))
    assert book.clock == 9
    assert book_of().clock is None


def test_books_accept_plain_dicts_and_refuse_floats() -> None:
    book = OrderBook("M", BOOK)
    book.apply_snapshot({"yes_dollars_fp": [["0.30", "2"]], "clock": 3})
    book.apply_delta({"side": "yes", "price_dollars": "0.30", "delta_fp": "1"})
    assert book.levels("yes") == [(D("0.30"), D(3))] and book.clock == 3
    with pytest.raises(BookError, match="not a decimal"):
        book.apply_delta({"side": "yes", "price_dollars": 0.3, "delta_fp": "1"})
    with pytest.raises(BookError, match="pair"):
        book.apply_snapshot({"yes_dollars_fp": [["0.30"]]})
    twin = book.copy()
    assert twin == book and twin is not book
    twin.apply_delta({"side": "yes", "price_dollars": "0.30", "delta_fp": "1"})
    assert twin != book


# --------------------------------------------------------------------------- through a session


def keyed(server: LoopbackServer, key_pem: str, **kwargs: Any) -> WS:
    return WS(
        url=server.url,
        connector=websockets_connector,
        key_id=KEY_ID,
        private_key=key_pem,
        **kwargs,
    )


def test_two_subscriptions_to_one_ticker_never_apply_a_delta_twice(key_pem: str) -> None:
    """kalshi-sdk kept books by ticker, so each delta was applied once per subscription."""

    async def main() -> None:
        books = {"M": {"yes_dollars_fp": [["0.4000", "10.00"]]}}
        async with LoopbackServer(books=books) as server, keyed(server, key_pem) as ws:
            first = await ws.subscribe_orderbook(market_ticker="M")
            second = await ws.subscribe_orderbook(market_tickers=["M"])
            conn = server.conn
            for sub in conn.subs.values():
                await conn.push(sub, "orderbook_delta", delta_msg("M", "yes", "0.4000", "5"))
            for handle in (first, second):
                items = await take(handle, 2)
                assert [type(i) for i in items] == [OrderbookSnapshot, OrderbookDelta]
                assert handle.book("M").levels("yes") == [(D("0.4"), D(15))]
            assert first.book("M") is not second.book("M")

    run(main())


def test_a_gap_resubscribes_and_the_book_is_never_inconsistent(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            books = await ws.subscribe_orderbook(market_ticker="M")
            conn = server.conn
            old = conn.sub("orderbook_delta")
            await conn.push(old, "orderbook_delta", delta_msg("M", "yes", "0.4000", "1"))
            await conn.push(old, "orderbook_delta", delta_msg("M", "yes", "0.4000", "2"), seq=9)
            # frames of the old sid in flight after the gap are never applied
            await conn.push(old, "orderbook_delta", delta_msg("M", "yes", "0.4000", "100"))
            server.books["M"] = {"no_dollars_fp": [["0.6000", "3"]]}
            items = await take(books, 4)
            assert [type(i) for i in items] == [
                OrderbookSnapshot,
                OrderbookDelta,
                Resynced,
                OrderbookSnapshot,
            ]
            assert items[2] == Resynced("orderbook_delta", "gap")
            assert books.sid != old.sid and books.sid == conn.sub("orderbook_delta").sid
            book = books.book("M")
            assert (
                book.synced and book.levels("yes") == [] and book.levels("no") == [(D("0.6"), D(3))]
            )
            commands = [(c["cmd"], c["params"]) for c in conn.commands]
            assert ("unsubscribe", {"sids": [old.sid]}) in commands
            assert commands[-1] == (
                "subscribe",
                {"channels": ["orderbook_delta"], "market_ticker": "M"},
            )

    run(main())


def test_a_duplicate_seq_is_dropped_never_applied_twice(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            books = await ws.subscribe_orderbook(market_ticker="M")
            conn = server.conn
            sub = conn.sub("orderbook_delta")
            # the snapshot (seq 1) again: a duplicate, not a reset
            await conn.send(
                {
                    "type": "orderbook_snapshot",
                    "sid": sub.sid,
                    "seq": 1,
                    "msg": {"market_ticker": "M", "market_id": "i"},
                }
            )
            await conn.push(sub, "orderbook_delta", delta_msg("M", "yes", "0.4000", "1"), seq=2)
            await conn.push(sub, "orderbook_delta", delta_msg("M", "yes", "0.4000", "1"), seq=2)
            await conn.push(sub, "orderbook_delta", delta_msg("M", "yes", "0.4000", "1"), seq=3)
            items = await take(books, 3)
            assert [i.seq for i in items] == [1, 2, 3]
            assert not any(isinstance(i, (Resynced, SequenceGap)) for i in items)
            assert books.book("M").levels("yes") == [(D("0.4"), D(12))] and books.duplicates == 2

    run(main())


@pytest.mark.parametrize("trigger", ["reset", "delta_before_snapshot"])
def test_a_reset_or_a_delta_without_snapshot_resyncs(key_pem: str, trigger: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            books = await ws.subscribe_orderbook(market_tickers=["M"])
            conn = server.conn
            sub = conn.sub("orderbook_delta")
            await conn.push(sub, "orderbook_delta", delta_msg("M", "yes", "0.4000", "1"))
            if trigger == "reset":
                await conn.push(sub, "orderbook_delta", delta_msg("M", "yes", "0.4000", "1"), seq=1)
            else:
                await conn.push(sub, "orderbook_delta", delta_msg("X", "yes", "0.4000", "1"))
            items = await take(books, 4)
            assert [type(i) for i in items] == [
                OrderbookSnapshot,
                OrderbookDelta,
                Resynced,
                OrderbookSnapshot,
            ]
            assert items[2] == Resynced("orderbook_delta", trigger)
            assert books.book("M").levels("yes") == [(D("0.4"), D(10))]  # the fresh snapshot

    run(main())


def test_a_bad_book_frame_raises_at_its_place_then_the_book_resyncs(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            books = await ws.subscribe_orderbook(market_ticker="M")
            conn = server.conn
            sub = conn.sub("orderbook_delta")
            await conn.push(sub, "orderbook_delta", delta_msg("M", "yes", "1e9", "1"))
            (snapshot,) = await take(books, 1)
            assert isinstance(snapshot, OrderbookSnapshot)
            with pytest.raises(Exception, match="price_dollars"):
                await books.__anext__()
            resynced, fresh = await take(books, 2)
            assert resynced == Resynced("orderbook_delta", "decode_error")
            assert isinstance(fresh, OrderbookSnapshot) and books.book("M").synced

    run(main())


def test_book_queue_overflow_resyncs_and_the_book_stays_correct(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem, queue_size=4) as ws:
            books = await ws.subscribe_orderbook(market_ticker="M")
            conn = server.conn
            sub = conn.sub("orderbook_delta")
            for _ in range(10):
                await conn.push(sub, "orderbook_delta", delta_msg("M", "no", "0.5000", "1"))
            await server.wait_for(lambda: books.book("M").quantity("no", D("0.5")) == 10)
            (first,) = await take(books, 1)
            assert first == Resynced("orderbook_delta", "overflow") and books.dropped > 0
            assert books.book("M").levels("no") == [(D("0.5"), D(10))]
            assert len(conn.commands) == 1  # no resubscribe needed: the reader kept the book

    run(main())


def test_update_snapshot_and_delete_markets_on_the_book(key_pem: str) -> None:
    async def main() -> None:
        async with LoopbackServer() as server, keyed(server, key_pem) as ws:
            books = await ws.subscribe_orderbook(market_ticker="A")
            await books.update(add_markets=["B"])
            await server.wait_for(lambda: "B" in books.books)
            assert books.markets == ["A", "B"]
            server.books["A"] = {"yes_dollars_fp": [["0.1000", "1"]]}
            reply = await books.snapshot(["A"])
            assert isinstance(reply, OrderbookSnapshot) and reply.msg.market_ticker == "A"
            assert books.book("A").levels("yes") == [(D("0.1"), D(1))]
            await books.update(delete_markets=["A"])
            assert books.markets == ["B"] and "A" not in books.books
            conn = server.conn
            # a delta for the deleted market still in flight is ignored, no resync
            await conn.push(
                conn.sub("orderbook_delta"), "orderbook_delta", delta_msg("A", "yes", "0.1", "1")
            )
            await conn.push(
                conn.sub("orderbook_delta"), "orderbook_delta", delta_msg("B", "yes", "0.4", "1")
            )
            items = await take(books, 4)  # snapshots of A, B, A again (get_snapshot), B's delta
            assert [(type(i), i.msg.market_ticker) for i in items] == [
                (OrderbookSnapshot, "A"),
                (OrderbookSnapshot, "B"),
                (OrderbookSnapshot, "A"),
                (OrderbookDelta, "B"),
            ]
            assert books.book("B").levels("yes") == [(D("0.4"), D(11))]
            with pytest.raises(KeyError, match="no order book for 'A'"):
                books.book("A")

    run(main())


# --------------------------------------------------------------------------- the recorded session


def test_the_recorded_session_rebuilds_consistent_books_with_no_false_gap(key_pem: str) -> None:
    """A 2,898-frame recorded session (snapshots, deltas, fills, and `ok` replies that take
    seq numbers) replayed through the loopback server: no gap, no resync, and every book equals
    the one rebuilt independently from the same frames."""
    if not RECORDED_SESSION.is_file():
        unavailable(f"{RECORDED_SESSION} is missing: the recorded frames live in ../shared/")
    lines = RECORDED_SESSION.read_text().splitlines()
    frames = [json.loads(line) for line in lines]
    expected = _rebuild(frames)
    markets = sorted(expected)

    async def handler(conn: Conn, command: dict[str, Any]) -> bool:
        channel = command.get("params", {}).get("channels", [None])[0]
        if command["cmd"] != "subscribe":
            return False
        if channel == "fill":
            await conn.send(
                {"id": command["id"], "type": "subscribed", "msg": {"channel": "fill", "sid": 2}}
            )
            return True
        await conn.send(
            {"id": command["id"], "type": "subscribed", "msg": {"channel": channel, "sid": 1}}
        )
        for line in lines:
            if '"type":"subscribed"' not in line:
                await conn.send(line)
        return True

    async def main() -> None:
        async with LoopbackServer(handler=handler) as server, keyed(server, key_pem) as ws:
            fills = await ws.subscribe_fill()
            books = await ws.subscribe_orderbook(market_tickers=markets)
            deltas = sum(f["type"] == "orderbook_delta" for f in frames)
            items = await take(books, deltas + 5, timeout=10)
            assert not any(isinstance(i, (Resynced, SequenceGap)) for i in items)
            assert books.duplicates == 0
            for market, sides in expected.items():
                book = books.book(market)
                assert {s: dict(book.levels(s)) for s in ("yes", "no")} == sides
                assert book.negative_levels == 0
            got_fills = await take(fills, 2)
            assert {f.msg.trade_id for f in got_fills} == {
                f["msg"]["trade_id"] for f in frames if f["type"] == "fill"
            }

    run(main(), timeout=20)


def _rebuild(frames: list[dict[str, Any]]) -> dict[str, dict[str, dict[Decimal, Decimal]]]:
    books: dict[str, dict[str, dict[Decimal, Decimal]]] = {}
    for frame in frames:
        msg = frame.get("msg") or {}
        if frame["type"] == "orderbook_snapshot":
            books[msg["market_ticker"]] = {
                side: {D(p): D(q) for p, q in msg.get(f"{side}_dollars_fp", [])}
                for side in ("yes", "no")
            }
        elif frame["type"] == "orderbook_delta":
            levels = books[msg["market_ticker"]][msg["side"]]
            price = D(msg["price_dollars"])
            quantity = levels.get(price, D(0)) + D(msg["delta_fp"])
            if quantity > 0:
                levels[price] = quantity
            else:
                levels.pop(price, None)
    return books

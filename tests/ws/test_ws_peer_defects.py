"""The defects GUIDE.md section 9 reproduced against kalshi-sdk 22.4.0's hand-written
`kalshi.ws`, tried against the generated client, plus what the recorded wire and a hostile
server do to it.

Adversarial on purpose: everything goes through the public API (`kalshi.ws`, and
`kalshi.testing.FakeKalshiWS` as the server), the expectations come from the AsyncAPI
document (read here, with its examples) and from GUIDE.md, never from the client's own
tables, and every wait is bounded so that a hang fails instead of stalling the run.
A test that fails because the client (or the fake) is wrong stays as it is and is marked
`xfail(strict=True, reason="BUG: ...")`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Callable, Coroutine, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from kalshi.errors import KalshiError
from kalshi.testing import FakeKalshiWS
from kalshi.ws import (
    AsyncKalshiWS,
    KalshiWS,
    KalshiWSAuthRequiredError,
    KalshiWSCommandError,
    KalshiWSConnectionError,
    KalshiWSDecodeError,
    KalshiWSSubscriptionError,
    KalshiWSTimeoutError,
    Reconnected,
    Resynced,
    SequenceGap,
    UntypedFrame,
)

T = TypeVar("T")
D = Decimal

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = ROOT / "spec" / "asyncapi.yaml"  # the pinned kalshi-ws-asyncapi-2.0.0.yaml
RECORDING = ROOT.parent / "shared" / "ws-samples" / "frames" / "008.jsonl"

# What GUIDE.md 9 and the document say, written out here rather than read from the client.
CHANNEL_TYPES: dict[str, tuple[str, ...]] = {
    "orderbook_delta": ("orderbook_snapshot", "orderbook_delta"),
    "ticker": ("ticker",),
    "trade": ("trade",),
    "fill": ("fill",),
    "market_positions": ("market_position",),
    "market_lifecycle_v2": ("market_lifecycle_v2", "event_lifecycle", "event_fee_update"),
    "multivariate_market_lifecycle": ("multivariate_market_lifecycle", "event_lifecycle"),
    "communications": (
        "rfq_created",
        "rfq_deleted",
        "quote_created",
        "quote_accepted",
        "quote_executed",
        "rfq_batch_created",
        "rfq_batch_deleted",
        "batch_quote_created",
        "rfq_batch_best_quotes",
        "batch_quote_accepted",
        "rfq_batch_executed",
        "batch_quote_executed",
    ),
    "order_group_updates": ("order_group_updates",),
    "user_orders": ("user_order",),
    "cfbenchmarks_value": ("cfbenchmarks_value", "cfbenchmarks_value_indexlist"),
    "cfbenchmarks_value_5hz": ("cfbenchmarks_value_5hz", "cfbenchmarks_value_5hz_indexlist"),
    "pyth_value": ("pyth_value", "pyth_value_underlying_list"),
}
UNSEQUENCED = frozenset({"ticker", "fill", "market_position", "user_order"})  # 4 of 30
PUBLIC = ("ticker", "trade", "market_lifecycle_v2", "multivariate_market_lifecycle")
PRIVATE = tuple(ch for ch in CHANNEL_TYPES if ch not in PUBLIC)
MONEY_KEY = re.compile(r"(_dollars|_fp|_dollars_fp)$|^(fee_cost|settlement_value)$")

TICKER = "FED-23DEC-T3.00"


# ---------------------------------------------------------------------- helpers


def run(coro: Coroutine[Any, Any, T], timeout: float = 8.0) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(coro, timeout)

    return asyncio.run(bounded())


async def nxt(sub: Any, timeout: float = 2.0) -> Any:
    try:
        return await asyncio.wait_for(sub.__anext__(), timeout)
    except asyncio.TimeoutError:
        raise AssertionError(f"{sub!r}: nothing within {timeout:g} s (hung?)") from None


async def take(sub: Any, count: int, timeout: float = 2.0) -> list[Any]:
    return [await nxt(sub, timeout) for _ in range(count)]


async def until(
    sub: Any,
    done: Callable[[Any], bool],
    *,
    timeout: float = 3.0,
    errors: tuple[type[BaseException], ...] = (),
) -> tuple[list[Any], list[BaseException]]:
    """Items up to and including the first for which `done` is true; `errors` raised by
    the iterator on the way are collected (iteration goes on after them)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    items: list[Any] = []
    raised: list[BaseException] = []
    while True:
        left = deadline - loop.time()
        if left <= 0:
            raise AssertionError(f"no final item within {timeout:g} s; got {_short(items, raised)}")
        try:
            item = await asyncio.wait_for(sub.__anext__(), left)
        except asyncio.TimeoutError:
            raise AssertionError(
                f"no final item within {timeout:g} s; got {_short(items, raised)}"
            ) from None
        except errors as exc:
            raised.append(exc)
            continue
        items.append(item)
        if done(item):
            return items, raised


def _short(*values: Any) -> str:
    text = repr(values)
    return text if len(text) < 2000 else f"{text[:1000]} ... {text[-1000:]}"


def in_thread(fn: Callable[[], T], timeout: float = 3.0) -> T:
    """Run blocking sync-API code with a bound: a hang fails the test (the client's close()
    at the end of the test then releases the thread)."""
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
            box["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise AssertionError(f"sync call did not return within {timeout:g} s (hung)")
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def sync_take(sub: Any, count: int, timeout: float = 3.0) -> list[Any]:
    it = iter(sub)
    return in_thread(lambda: [next(it) for _ in range(count)], timeout)


def events(items: Iterable[Any]) -> list[Any]:
    return [i for i in items if isinstance(i, (SequenceGap, Resynced, Reconnected))]


def frames_of(items: Iterable[Any], kind: str) -> list[Any]:
    return [i for i in items if getattr(i, "type", None) == kind]


def fake_book(fake: FakeKalshiWS, market: str) -> dict[str, list[tuple[Decimal, Decimal]]]:
    return {side: [(D(p), D(q)) for p, q in levels] for side, levels in fake.book(market).items()}


def client_book(book: Any) -> dict[str, list[tuple[Decimal, Decimal]]]:
    return {side: list(book.levels(side)) for side in ("yes", "no")}


def sid(sub: Any) -> int:
    """A subscription's current sid (it has one: it was just confirmed or restored)."""
    assert isinstance(sub.sid, int), sub
    return sub.sid


def trade_id() -> str:
    return str(uuid.uuid4())


def last_trade(tid: str) -> Callable[[Any], bool]:
    return lambda item: getattr(getattr(item, "msg", None), "trade_id", None) == tid


_examples: dict[str, list[dict[str, Any]]] | None = None


def document_examples() -> dict[str, list[dict[str, Any]]]:
    """Every example payload of the document's data messages, by `type`."""
    global _examples
    if _examples is None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        document = yaml.load(DOCUMENT.read_text(), Loader=loader)  # a safe loader, C if built
        data_types = {t for types in CHANNEL_TYPES.values() for t in types}
        found: dict[str, list[dict[str, Any]]] = {}
        for message in document["components"]["messages"].values():
            for example in message.get("examples") or ():
                payload = example.get("payload")
                if isinstance(payload, dict) and payload.get("type") in data_types:
                    found.setdefault(payload["type"], []).append(payload)
        _examples = found
    return _examples


def money_problems(wire: Any, decoded: Any, path: str = "msg") -> list[str]:
    """Money and count fields (by the document's naming: *_dollars, *_fp, fee_cost,
    settlement_value) of the wire example that did not decode to the same Decimal."""
    problems: list[str] = []
    if isinstance(wire, Mapping):
        if not isinstance(decoded, Mapping):
            return [f"{path}: decoded as {type(decoded).__name__}"]
        for key, value in wire.items():
            if key not in decoded:
                problems.append(f"{path}.{key}: missing after decoding")
                continue
            if MONEY_KEY.search(key):
                problems += _all_decimal(value, decoded[key], f"{path}.{key}")
            else:
                problems += money_problems(value, decoded[key], f"{path}.{key}")
    elif isinstance(wire, list) and isinstance(decoded, (list, tuple)):
        for i, (a, b) in enumerate(zip(wire, decoded)):
            problems += money_problems(a, b, f"{path}[{i}]")
    return problems


def _all_decimal(wire: Any, decoded: Any, path: str) -> list[str]:
    if isinstance(wire, list):
        if not isinstance(decoded, (list, tuple)) or len(decoded) != len(wire):
            return [f"{path}: {decoded!r} for {wire!r}"]
        return [p for i, (a, b) in enumerate(zip(wire, decoded)) for p in _all_decimal(a, b, path)]
    if wire is None:
        return []
    if type(decoded) is not Decimal or decoded != D(str(wire)):
        return [f"{path}: {decoded!r} ({type(decoded).__name__}) for {wire!r}"]
    return []


@pytest.fixture
def fake() -> Any:
    with FakeKalshiWS(heartbeat_interval=None) as server:
        yield server


# ---------------------------------------------------------------------- GUIDE 9, defect 1


def test_defect_01_all_12_communications_types_are_delivered(fake: FakeKalshiWS) -> None:
    """kalshi-sdk keyed them "communications", no type of the spec: all 12 were dropped."""
    examples = document_examples()
    pushed = [(t, ex) for t in CHANNEL_TYPES["communications"] for ex in examples[t]]
    assert len({t for t, _ in pushed}) == 12

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            comms = await ws.subscribe_communications()
            for kind, example in pushed:
                fake.push(sid(comms), kind, msg=example["msg"])
            items = await take(comms, len(pushed))
            assert [i.type for i in items] == [t for t, _ in pushed]
            assert not [i for i in items if isinstance(i, (UntypedFrame, SequenceGap))]

    run(main())


def test_defect_01_sync_communications(fake: FakeKalshiWS) -> None:
    with fake.client(command_timeout=2) as ws:
        comms = ws.subscribe_communications(user_filter="self")
        for kind in CHANNEL_TYPES["communications"]:
            fake.push(sid(comms), kind)
        items = sync_take(comms, 12)
        assert [i.type for i in items] == list(CHANNEL_TYPES["communications"])
        assert not [i for i in items if isinstance(i, UntypedFrame)]


# ---------------------------------------------------------------------- defect 2


def test_defect_02_all_30_data_types_decode_to_typed_models_with_decimal_money(
    fake: FakeKalshiWS,
) -> None:
    """kalshi-sdk mapped 15 of the 30. Every example of every data type of the document is
    pushed to its channel and must come back as a typed model, money as the same Decimal."""
    examples = document_examples()
    all_types = {t for types in CHANNEL_TYPES.values() for t in types}
    assert len(all_types) == 30 and set(examples) == all_types

    async def main() -> None:
        seen: set[str] = set()
        problems: list[str] = []
        async with fake.async_client(command_timeout=2) as ws:
            for channel, types in CHANNEL_TYPES.items():
                subscribe = getattr(ws, f"subscribe_{channel}")
                if channel == "orderbook_delta":
                    sub = await subscribe(market_tickers=[TICKER])
                    await nxt(sub)  # the subscription's own (empty) snapshot
                else:
                    sub = await subscribe()
                pushed = [(t, ex) for t in types for ex in examples[t]]
                for kind, example in pushed:
                    fake.push(sid(sub), kind, msg=example["msg"])
                items = await take(sub, len(pushed))
                for (kind, example), item in zip(pushed, items):
                    where = f"{channel}/{kind}"
                    assert not isinstance(item, (UntypedFrame, SequenceGap, Resynced)), (
                        where,
                        item,
                    )
                    assert item.type == kind, (where, item)
                    msg = item.msg
                    assert hasattr(msg, "model_dump") and not isinstance(msg, dict), (where, msg)
                    dumped = msg.model_dump(by_alias=True)
                    problems += [f"{where}: {p}" for p in money_problems(example["msg"], dumped)]
                    seen.add(kind)
        assert seen == all_types
        assert problems == []

    run(main(), timeout=15)


def test_defect_02_unknown_type_is_delivered_untyped_reported_and_uses_its_seq(
    fake: FakeKalshiWS, caplog: pytest.LogCaptureFixture
) -> None:
    """A type the document does not define is delivered (UntypedFrame), logged, and its
    seq counted: the next frame of the subscription is no false gap."""
    novel = f"brand_new_{uuid.uuid4().hex[:8]}"

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            trades = await ws.subscribe_trade()
            fake.push(sid(trades), "trade")  # seq 1
            raw = {"type": novel, "sid": trades.sid, "seq": 2, "msg": {"answer": 42}}
            fake.push_raw(json.dumps(raw, separators=(",", ":")))
            fake.inject_gap(sid(trades), 1)  # the fake's own counter skips the seq used above
            tid = trade_id()
            fake.push(sid(trades), "trade", trade_id=tid)  # seq 3
            items, _ = await until(trades, last_trade(tid))
            assert [type(i).__name__ for i in items] == ["Trade", "UntypedFrame", "Trade"], items
            untyped = items[1]
            assert untyped.type == novel and untyped.msg == {"answer": 42} and untyped.seq == 2
            assert events(items) == []

    with caplog.at_level(logging.WARNING, logger="kalshi.ws"):
        run(main())
    assert any(novel in r.getMessage() for r in caplog.records), caplog.text


# ---------------------------------------------------------------------- defect 3


def _one_sided_and_empty_setup(fake: FakeKalshiWS) -> None:
    fake.set_book("ONE-SIDED", yes=[("0.3900", "5.00"), ("0.4000", "10.00")])
    fake.set_book("EMPTY")


def _check_absent_sides(fake: FakeKalshiWS) -> None:
    snaps = {
        f["msg"]["market_ticker"]: f["msg"]
        for f in fake.sent_json()
        if isinstance(f, dict) and f.get("type") == "orderbook_snapshot"
    }
    # the test really sends what the server sends: absent sides, no clock
    assert "no_dollars_fp" not in snaps["ONE-SIDED"] and "yes_dollars_fp" in snaps["ONE-SIDED"]
    assert not {"yes_dollars_fp", "no_dollars_fp", "clock"} & set(snaps["EMPTY"])


def _push_deltas(fake: FakeKalshiWS) -> None:
    fake.push_delta("ONE-SIDED", "no", "0.5500", "3.00")  # onto the absent side
    fake.push_delta("EMPTY", "yes", "0.1000", "2.00")
    fake.push_delta("ONE-SIDED", "yes", "0.4000", "-10.00")  # a level goes
    fake.push_delta("EMPTY", "no", "0.9000", "1.50")


def test_defect_03_one_sided_and_empty_snapshots_build_books() -> None:
    """kalshi-sdk rejected a one-sided snapshot, then applied deltas to no book, no gap seen."""

    async def main() -> None:
        with FakeKalshiWS(heartbeat_interval=None, send_clock=False) as fake:
            _one_sided_and_empty_setup(fake)
            async with fake.async_client(command_timeout=2) as ws:
                books = await ws.subscribe_orderbook_delta(market_tickers=["ONE-SIDED", "EMPTY"])
                first = await take(books, 2)
                assert {i.type for i in first} == {"orderbook_snapshot"}
                _check_absent_sides(fake)
                assert books.book("ONE-SIDED").levels("no") == []
                assert books.book("EMPTY").synced and client_book(books.book("EMPTY")) == {
                    "yes": [],
                    "no": [],
                }
                _push_deltas(fake)
                items = await take(books, 4)
                assert [i.type for i in items] == ["orderbook_delta"] * 4
                assert events(first + items) == []
                for market in ("ONE-SIDED", "EMPTY"):
                    book = books.book(market)
                    assert book.synced and book.negative_levels == 0
                    assert client_book(book) == fake_book(fake, market), market
                    assert book.clock is None  # the server sends none
                assert books.duplicates == 0

    run(main())


def test_defect_03_sync_one_sided_and_empty_snapshots() -> None:
    with FakeKalshiWS(heartbeat_interval=None, send_clock=False) as fake:
        _one_sided_and_empty_setup(fake)
        with fake.client(command_timeout=2) as ws:
            books = ws.subscribe_orderbook_delta(market_tickers=["ONE-SIDED", "EMPTY"])
            _push_deltas(fake)
            items = sync_take(books, 6)
            assert [i.type for i in items] == ["orderbook_snapshot"] * 2 + ["orderbook_delta"] * 4
            for market in ("ONE-SIDED", "EMPTY"):
                assert client_book(books.book(market)) == fake_book(fake, market)


# ---------------------------------------------------------------------- defect 4


def test_defect_04_two_subscriptions_to_one_ticker_apply_each_delta_once(
    fake: FakeKalshiWS,
) -> None:
    """kalshi-sdk kept books by ticker: every delta applied once per subscription."""
    fake.set_book(TICKER, yes=[("0.4000", "10.00")], no=[("0.5500", "4.00")])

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            a = await ws.subscribe_orderbook_delta(market_tickers=[TICKER])
            b = await ws.subscribe_orderbook_delta(market_ticker=TICKER)
            assert a.sid != b.sid
            fake.push_delta(TICKER, "yes", "0.4000", "5.00")  # to both subscriptions
            fake.push_delta(TICKER, "no", "0.5500", "-1.00")
            for sub in (a, b):
                items = await take(sub, 3)
                assert [i.type for i in items] == [
                    "orderbook_snapshot",
                    "orderbook_delta",
                    "orderbook_delta",
                ]
                assert client_book(sub.book(TICKER)) == {
                    "yes": [(D("0.40"), D(15))],
                    "no": [(D("0.55"), D(3))],
                }
            assert a.book(TICKER) is not b.book(TICKER)
            # a gap on one of them resyncs that one only; the other never doubles anything
            fake.inject_gap(sid(a), 2)
            fake.push_delta(TICKER, "yes", "0.4000", "1.00")
            items_a, _ = await until(a, lambda i: getattr(i, "type", "") == "orderbook_snapshot")
            assert [type(i).__name__ for i in items_a] == ["Resynced", "OrderbookSnapshot"]
            items_b = await take(b, 1)
            assert events(items_b) == []
            for sub in (a, b):
                assert client_book(sub.book(TICKER)) == fake_book(fake, TICKER)
                assert sub.book(TICKER).levels("yes") == [(D("0.40"), D(16))]

    run(main())


def test_defect_04_sync_two_subscriptions_to_one_ticker(fake: FakeKalshiWS) -> None:
    fake.set_book(TICKER, yes=[("0.4000", "10.00")])
    with fake.client(command_timeout=2) as ws:
        a = ws.subscribe_orderbook_delta(market_tickers=[TICKER])
        b = ws.subscribe_orderbook_delta(market_tickers=[TICKER])
        fake.push_delta(TICKER, "yes", "0.4000", "5.00")
        for sub in (a, b):
            sync_take(sub, 2)
            assert sub.book(TICKER).levels("yes") == [(D("0.40"), D(15))]


# ---------------------------------------------------------------------- defect 5


def test_defect_05_frames_arriving_while_another_subscribe_waits_are_all_delivered(
    fake: FakeKalshiWS,
) -> None:
    """kalshi-sdk threw away frames of live subscriptions while a subscribe waited for its
    ack (a fill was lost). Here the ack is held back by the fake, fills stream meanwhile,
    then the ack comes late and that subscription works too."""

    async def main() -> None:
        async with fake.async_client(command_timeout=3) as ws:
            fills = await ws.subscribe_fill()
            fake.ignore_next("subscribe")
            waiting = asyncio.ensure_future(ws.subscribe_trade())
            command = await fake.wait_for_command_async("subscribe", count=2)
            ids = [trade_id() for _ in range(25)]
            for tid in ids:
                fake.push(sid(fills), "fill", trade_id=tid)
            got = await take(fills, len(ids))
            assert [f.msg.trade_id for f in got] == ids
            assert not waiting.done()  # the fills did not need the other subscribe
            late = {"type": "subscribed", "id": command.id, "msg": {"channel": "trade", "sid": 77}}
            fake.push_raw(json.dumps(late))
            trades = await asyncio.wait_for(waiting, 2)
            assert trades.sid == 77
            trade = {**fake.example("trade"), "sid": 77, "seq": 1}
            fake.push_raw(json.dumps(trade))
            assert (await nxt(trades)).type == "trade"
            fake.push(sid(fills), "fill")
            assert (await nxt(fills)).type == "fill"

    run(main())


def test_defect_05_a_subscribe_that_times_out_loses_no_fill(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with fake.async_client(command_timeout=0.5) as ws:
            fills = await ws.subscribe_fill()
            fake.ignore_next("subscribe")
            waiting = asyncio.ensure_future(ws.subscribe_trade())
            await fake.wait_for_command_async("subscribe", count=2)
            ids = [trade_id() for _ in range(10)]
            for tid in ids:
                fake.push(sid(fills), "fill", trade_id=tid)
            with pytest.raises(KalshiWSTimeoutError) as timed_out:
                await asyncio.wait_for(waiting, 2)
            assert isinstance(timed_out.value, KalshiError)
            for tid in ids[:3]:  # and after the timeout too
                fake.push(sid(fills), "fill", trade_id=tid)
            got = await take(fills, 13)
            assert [f.msg.trade_id for f in got] == ids + ids[:3]

    run(main())


# ---------------------------------------------------------------------- defect 6


@pytest.mark.parametrize("code", [25, 10])
@pytest.mark.parametrize("channel", ["trade", "fill", "orderbook_delta"])
def test_defect_06_terminal_error_ends_the_iterator_with_a_typed_error(
    fake: FakeKalshiWS, channel: str, code: int
) -> None:
    """kalshi-sdk's iterator hung forever after error 25. The iterator here is already
    waiting when the error comes; it must raise at once, then stop; others go on."""

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            other = await ws.subscribe_ticker()
            if channel == "orderbook_delta":
                sub = await ws.subscribe_orderbook_delta(market_tickers=[TICKER])
                await nxt(sub)
            else:
                sub = await getattr(ws, f"subscribe_{channel}")()
            waiting = asyncio.ensure_future(nxt(sub, 2))
            await asyncio.sleep(0.05)
            fake.send_error(code, sid=sid(sub))
            with pytest.raises(KalshiWSSubscriptionError) as ended:
                await asyncio.wait_for(waiting, 2)
            assert isinstance(ended.value, KalshiError)
            assert ended.value.code == code and ended.value.channel == channel
            with pytest.raises(StopAsyncIteration):
                await asyncio.wait_for(sub.__anext__(), 1)
            assert sub.closed
            fake.push(sid(other), "ticker")
            assert (await nxt(other)).type == "ticker"

    run(main())


@pytest.mark.parametrize("channel", ["trade", "orderbook_delta"])
def test_defect_06_error_25_after_lost_frames_never_hangs(fake: FakeKalshiWS, channel: str) -> None:
    """A buffer overflow drops frames, so the error's own seq may jump. A non-book channel
    shows the gap, then ends with the typed error; a book may resync instead, but then its
    book is consistent. Never a silent hang."""
    fake.set_book(TICKER, yes=[("0.4000", "10.00")])

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            if channel == "trade":
                sub: Any = await ws.subscribe_trade()
                fake.push(sid(sub), "trade")
                assert (await nxt(sub)).type == "trade"
            else:
                sub = await ws.subscribe_orderbook_delta(market_tickers=[TICKER])
                await nxt(sub)
            fake.inject_gap(sid(sub), 5)
            fake.send_error(25, sid=sid(sub))
            if channel == "trade":
                gap = await nxt(sub)
                assert isinstance(gap, SequenceGap) and gap.kind == "gap"
                with pytest.raises(KalshiWSSubscriptionError) as ended:
                    await nxt(sub)
                assert ended.value.code == 25
                return
            try:
                items, _ = await until(
                    sub, lambda i: getattr(i, "type", "") == "orderbook_snapshot", timeout=3
                )
            except KalshiWSSubscriptionError as error:
                assert error.code == 25
            else:
                assert any(isinstance(i, Resynced) for i in items)
                assert client_book(sub.book(TICKER)) == fake_book(fake, TICKER)

    run(main())


def test_defect_06_sync_terminal_error(fake: FakeKalshiWS) -> None:
    with fake.client(command_timeout=2) as ws:
        trades = ws.subscribe_trade()
        it = iter(trades)
        fake.send_error(25, sid=sid(trades))
        with pytest.raises(KalshiWSSubscriptionError):
            in_thread(lambda: next(it), 3)
        with pytest.raises(StopIteration):
            in_thread(lambda: next(it), 3)


# ---------------------------------------------------------------------- defect 7


def test_defect_07_pyth_value_can_be_subscribed(fake: FakeKalshiWS) -> None:
    """kalshi-sdk's allowed-params table made pyth_value unsubscribable."""
    examples = document_examples()

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            pyth = await ws.subscribe_pyth_value(underlying_tickers=["Metal.XAU/USD"])
            sent = fake.commands[-1]
            assert sent.ok and sent.params == {
                "channels": ["pyth_value"],
                "underlying_tickers": ["Metal.XAU/USD"],
            }
            for example in examples["pyth_value"]:
                fake.push(sid(pyth), "pyth_value", msg=example["msg"])
            items = await take(pyth, len(examples["pyth_value"]))
            assert [type(i).__name__ for i in items] == ["PythValue"] * len(items)
            reply = await pyth.send_action(
                "subscribe_underlyings", underlying_tickers=["Metal.XAG/USD"]
            )
            assert reply.type == "ok" and fake.commands[-1].ok
            assert sorted(pyth.params["underlying_tickers"]) == ["Metal.XAG/USD", "Metal.XAU/USD"]
            bare = await ws.subscribe_pyth_value()  # "omit to subscribe with no underlyings"
            assert fake.commands[-1].ok and bare.sid != pyth.sid

    run(main())


# ---------------------------------------------------------------------- defect 8


def test_defect_08_every_seq_bearing_non_book_type_is_gap_checked(fake: FakeKalshiWS) -> None:
    """kalshi-sdk checked seq on 3 of 26 types. Each of the 24 non-book sequenced types gets
    a gap (fake.inject_gap) and must surface it as a SequenceGap just before the frame."""
    sequenced = {
        ch: [t for t in types if t not in UNSEQUENCED]
        for ch, types in CHANNEL_TYPES.items()
        if ch != "orderbook_delta"
    }
    assert len({t for types in sequenced.values() for t in types}) == 24  # event_lifecycle twice

    async def main() -> None:
        checked: list[str] = []
        async with fake.async_client(command_timeout=2) as ws:
            for channel, types in sequenced.items():
                if not types:
                    continue
                sub = await getattr(ws, f"subscribe_{channel}")()
                for kind in types:
                    before = fake.push(sid(sub), kind)[0]["seq"]
                    fake.inject_gap(sid(sub), 2)
                    after = fake.push(sid(sub), kind)[0]["seq"]
                    assert after == before + 3
                    items = await take(sub, 3)
                    assert [getattr(i, "type", type(i).__name__) for i in items] == [
                        kind,
                        "SequenceGap",
                        kind,
                    ], (channel, kind, items)
                    gap = items[1]
                    assert (gap.channel, gap.sid, gap.expected, gap.got, gap.kind) == (
                        channel,
                        sub.sid,
                        before + 1,
                        after,
                        "gap",
                    )
                    checked.append(kind)
                await sub.unsubscribe()
        assert len(set(checked)) == 24 and len(checked) == 25

    run(main(), timeout=15)


def test_defect_08_duplicates_and_resets_are_surfaced_and_unsequenced_types_never_gap(
    fake: FakeKalshiWS,
) -> None:
    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            trades = await ws.subscribe_trade()
            fake.push(sid(trades), "trade")
            fake.push(sid(trades), "trade")
            fake.duplicate(sid(trades))  # seq 2 again
            fake.reset(sid(trades))  # numbering restarts at 1
            fake.push(sid(trades), "trade")
            items = await take(trades, 6)
            kinds = [getattr(i, "kind", None) or i.type for i in items]
            assert kinds == ["trade", "trade", "duplicate", "trade", "reset", "trade"], items
            assert [i.seq for i in items if isinstance(i, SequenceGap) is False] == [1, 2, 2, 1]
            fills = await ws.subscribe_fill()
            for _ in range(3):
                fake.push(sid(fills), "fill")
            assert events(await take(fills, 3)) == []

    run(main())


def test_defect_08_a_book_gap_resyncs_to_a_consistent_book(fake: FakeKalshiWS) -> None:
    fake.set_book(TICKER, yes=[("0.4000", "10.00")], no=[("0.5000", "2.00")])

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            books = await ws.subscribe_orderbook_delta(market_tickers=[TICKER])
            fake.push_delta(TICKER, "yes", "0.4000", "1.00")
            await take(books, 2)
            old_sid = books.sid
            fake.inject_gap(sid(books), 3)
            fake.push_delta(TICKER, "yes", "0.4100", "7.00")  # lost to the client's eyes
            items, _ = await until(books, lambda i: getattr(i, "type", "") == "orderbook_snapshot")
            assert [type(i).__name__ for i in items] == ["Resynced", "OrderbookSnapshot"], items
            assert items[0].reason == "gap" and books.sid != old_sid
            assert client_book(books.book(TICKER)) == fake_book(fake, TICKER)
            # a duplicate is dropped, never applied twice; a reset resyncs
            fake.push_delta(TICKER, "no", "0.5000", "1.00")
            await take(books, 1)
            fake.duplicate(sid(books))
            fake.reset(sid(books))
            fake.push_delta(TICKER, "no", "0.5000", "1.00")
            items, _ = await until(books, lambda i: getattr(i, "type", "") == "orderbook_snapshot")
            assert [type(i).__name__ for i in items] == ["Resynced", "OrderbookSnapshot"], items
            assert items[0].reason == "reset" and books.duplicates == 1
            assert client_book(books.book(TICKER)) == fake_book(fake, TICKER)
            assert books.book(TICKER).quantity("no", D("0.50")) == D(4)

    run(main())


# ---------------------------------------------------------------------- defect 9


def test_defect_09_public_channels_need_no_key_and_private_ones_fail_before_sending(
    fake: FakeKalshiWS,
) -> None:
    """kalshi-sdk crashed with auth=None on public channels."""

    async def main() -> None:
        async with AsyncKalshiWS(url=fake.url, allow_unknown_host=True, command_timeout=2) as ws:
            assert not ws.is_authenticated
            for channel in PRIVATE:  # before anything public: nothing may reach the server
                with pytest.raises(KalshiWSAuthRequiredError) as refused:
                    await getattr(ws, f"subscribe_{channel}")()
                assert isinstance(refused.value, KalshiError)
                assert channel in str(refused.value) and "key" in str(refused.value)
            assert fake.commands == []
            subs = {ch: await getattr(ws, f"subscribe_{ch}")() for ch in PUBLIC}
            for channel, sub in subs.items():
                kind = CHANNEL_TYPES[channel][0]
                fake.push(sid(sub), kind)
                assert (await nxt(sub)).type == kind
            with pytest.raises(KalshiWSAuthRequiredError):
                await ws.subscribe_fill()
        assert [c.params["channels"] for c in fake.commands if c.cmd == "subscribe"] == [
            [ch] for ch in PUBLIC
        ]
        shake = fake.handshakes[0]
        assert not shake.authenticated
        assert not [h for h in shake.headers if h.lower().startswith("kalshi-access")]

    run(main())


def test_defect_09_sync_public_channel_without_a_key(fake: FakeKalshiWS) -> None:
    with KalshiWS(url=fake.url, allow_unknown_host=True, command_timeout=2) as ws:
        with pytest.raises(KalshiWSAuthRequiredError):
            ws.subscribe_order_group_updates()
        trades = ws.subscribe_trade()
        fake.push(sid(trades), "trade")
        assert sync_take(trades, 1)[0].type == "trade"
    assert [c.params["channels"] for c in fake.commands] == [["trade"]]


# ---------------------------------------------------------------------- defect 10


def test_defect_10_unsubscribe_from_the_handle(fake: FakeKalshiWS) -> None:
    """kalshi-sdk's unsubscribe needed an id that subscribing never returned."""

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            trades = await ws.subscribe_trade()
            keep = await ws.subscribe_ticker()
            listed = await ws.list_subscriptions()
            assert {(s.channel, s.sid) for s in listed} == {
                ("trade", trades.sid),
                ("ticker", keep.sid),
            }
            tsid = trades.sid
            waiting = asyncio.ensure_future(trades.__anext__())
            await asyncio.sleep(0.05)
            await asyncio.wait_for(trades.unsubscribe(), 2)
            with pytest.raises(StopAsyncIteration):
                await asyncio.wait_for(waiting, 1)
            command = fake.commands[-1]
            assert command.cmd == "unsubscribe" and command.ok
            assert command.params == {"sids": [tsid]}
            assert [s.channel for s in fake.subscriptions()] == ["ticker"]
            assert [s.channel for s in await ws.list_subscriptions()] == ["ticker"]
            await trades.unsubscribe()  # again: nothing to do, no error
            # after a reconnect the handle unsubscribes its new sid
            fake.drop()
            assert isinstance(await nxt(keep, 3), Reconnected)
            await keep.unsubscribe()
            last = fake.commands[-1]
            assert last.cmd == "unsubscribe" and last.ok and last.connection == 1
            assert fake.subscriptions(connection=1) == []

    run(main())


def test_defect_10_sync_unsubscribe(fake: FakeKalshiWS) -> None:
    with fake.client(command_timeout=2) as ws:
        trades = ws.subscribe_trade()
        tsid = trades.sid
        in_thread(trades.unsubscribe, 3)
        assert fake.commands[-1].params == {"sids": [tsid]} and fake.commands[-1].ok
        with pytest.raises(StopIteration):
            in_thread(lambda: next(iter(trades)), 3)
        assert ws.list_subscriptions() == []


# ---------------------------------------------------------------------- the recorded wire


def _reference_books(frames: list[dict[str, Any]]) -> dict[str, dict[str, dict[Decimal, Decimal]]]:
    """The books of a recording computed here, independently of the client."""
    books: dict[str, dict[str, dict[Decimal, Decimal]]] = {}
    for frame in frames:
        msg = frame.get("msg") or {}
        if frame["type"] == "orderbook_snapshot":
            books[msg["market_ticker"]] = {
                side: {D(p): D(q) for p, q in msg.get(f"{side}_dollars_fp") or ()}
                for side in ("yes", "no")
            }
        elif frame["type"] == "orderbook_delta":
            levels = books[msg["market_ticker"]][msg["side"]]
            price = D(msg["price_dollars"])
            quantity = levels.get(price, D(0)) + D(msg["delta_fp"])
            assert quantity >= 0, frame  # the recording itself is consistent
            if quantity:
                levels[price] = quantity
            else:
                levels.pop(price, None)
    return books


@pytest.mark.skipif(not RECORDING.is_file(), reason="ws-samples/frames/008.jsonl not present")
def test_a_recorded_session_replayed_rebuilds_books_with_no_false_gap() -> None:
    """008.jsonl (2,898 frames: oks consuming seq, replies out of id order, no clock,
    snapshots with sides missing, fills) replayed through the fake in chunks; at every
    checkpoint the client's books equal the books computed here from the recording."""
    lines = RECORDING.read_text().splitlines()
    frames = [json.loads(line) for line in lines]
    markets = sorted(
        {f["msg"]["market_ticker"] for f in frames if f["type"] == "orderbook_snapshot"}
    )
    chunks = [lines[i : i + 700] for i in range(0, len(lines), 700)]

    async def main() -> None:
        with FakeKalshiWS(heartbeat_interval=None, auto_snapshots=False, send_clock=False) as fake:
            async with fake.async_client(command_timeout=2) as ws:
                books = await ws.subscribe_orderbook_delta(market_tickers=markets[:1])
                fills = await ws.subscribe_fill()
                done = 0
                for chunk in chunks:
                    fake.replay(chunk, sids={1: sid(books), 2: sid(fills)})
                    part = frames[done : done + len(chunk)]
                    done += len(chunk)
                    data = [f for f in part if f["type"].startswith("orderbook_")]
                    items = await take(books, len(data))
                    assert [i.type for i in items] == [f["type"] for f in data]
                    reference = _reference_books(frames[:done])
                    for market, sides in reference.items():
                        book = books.book(market)
                        assert book.negative_levels == 0 and book.clock is None
                        assert client_book(book) == {s: sorted(v.items()) for s, v in sides.items()}
                    recorded_fills = [f for f in part if f["type"] == "fill"]
                    got = await take(fills, len(recorded_fills))
                    for wire, fill in zip(recorded_fills, got):
                        assert fill.msg.fee_cost == D(wire["msg"]["fee_cost"])
                        assert fill.msg.trade_id == wire["msg"]["trade_id"]
                assert books.duplicates == 0
                assert sorted(books.markets) == markets  # the oks' full lists were kept
                # and nothing else is queued: no SequenceGap or Resynced came after all
                tail = asyncio.ensure_future(books.__anext__())
                await asyncio.sleep(0.1)
                assert not tail.done()
                tail.cancel()

    run(main(), timeout=20)


def _recorded_gaps(frames: list[dict[str, Any]]) -> int:
    last: dict[Any, int] = {}
    gaps = 0
    for frame in frames:
        seq = frame.get("seq")
        if isinstance(seq, int):
            key = frame.get("sid")
            gaps += key in last and seq != last[key] + 1
            last[key] = seq
    return gaps


@pytest.mark.skipif(not RECORDING.is_file(), reason="ws-samples/frames/ not present")
@pytest.mark.parametrize("name", ["001", "002", "003", "004", "005", "006"])
def test_the_other_recorded_sessions_arrive_typed_without_a_key(name: str) -> None:
    """Production ticker / trade / lifecycle frames of 2025-2026 (cent integers in the old
    ones, fields the document requires missing): every one arrives as its typed model on
    an unsigned connection, and a SequenceGap only where the recording has a gap."""
    path = RECORDING.with_name(f"{name}.jsonl")
    if not path.is_file():
        pytest.skip(f"{path.name} not present")
    lines = path.read_text().splitlines()
    frames = [json.loads(line) for line in lines]
    channels = {"ticker": "ticker", "trade": "trade", "market_lifecycle_v2": "market_lifecycle_v2"}

    async def main() -> None:
        with FakeKalshiWS(heartbeat_interval=None) as fake:
            async with AsyncKalshiWS(url=fake.url, allow_unknown_host=True) as ws:
                subs = {}
                for kind in dict.fromkeys(f["type"] for f in frames):
                    subs[kind] = await getattr(ws, f"subscribe_{channels[kind]}")()
                assert fake.replay(lines) == len(frames)
                got: list[Any] = []
                for kind, sub in subs.items():
                    wanted = sum(f["type"] == kind for f in frames)
                    while len(frames_of(got, kind)) < wanted:
                        got.append(await nxt(sub))  # a decode error would raise here
                data = [i for i in got if not isinstance(i, SequenceGap)]
                assert [i.type for i in data] == [k for k in subs for f in frames if f["type"] == k]
                assert not [i for i in data if isinstance(i, UntypedFrame)]
                gaps = [i for i in got if isinstance(i, SequenceGap)]
                assert len(gaps) == _recorded_gaps(frames)

    run(main())


def test_ok_replies_consume_seq_without_false_gaps(fake: FakeKalshiWS) -> None:
    fake.set_book("A-1", yes=[("0.1000", "1.00")])
    fake.set_book("B-1", no=[("0.2000", "2.00")])
    example = fake.example("trade")["msg"]

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            books = await ws.subscribe_orderbook_delta(market_tickers=["A-1"])
            await books.update(add_markets=["B-1"])  # ok (seq 2), B's snapshot (seq 3)
            fake.push_delta("A-1", "yes", "0.1000", "1.00")
            fake.push_delta("B-1", "no", "0.2000", "1.00")
            await books.update(delete_markets=["B-1"])  # another ok taking a seq
            fake.push_delta("A-1", "yes", "0.1000", "1.00")
            items = await take(books, 5)
            assert [i.type for i in items] == ["orderbook_snapshot"] * 2 + ["orderbook_delta"] * 3
            assert client_book(books.book("A-1")) == fake_book(fake, "A-1")
            assert books.markets == ["A-1"]
            trades = await ws.subscribe_trade(market_tickers=[example["market_ticker"]])
            fake.push(sid(trades), "trade")
            await trades.update(add_markets=["OTHER-1"])  # the ok takes the trade seq too
            tid = trade_id()
            fake.push(sid(trades), "trade", trade_id=tid)
            got, _ = await until(trades, last_trade(tid))
            assert events(got) == [] and len(got) == 2

    run(main())


def test_replies_out_of_id_order_reach_their_commands(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with fake.async_client(command_timeout=3) as ws:
            fake.ignore_next("subscribe", times=2)
            first = asyncio.ensure_future(ws.subscribe_trade())
            second = asyncio.ensure_future(ws.subscribe_ticker())
            commands = [await fake.wait_for_command_async("subscribe", count=n) for n in (1, 2)]
            by_channel = {c.params["channels"][0]: c.id for c in commands}
            for channel, sid in (("ticker", 42), ("trade", 41)):  # the later id first
                reply = {"type": "subscribed", "id": by_channel[channel]}
                fake.push_raw(json.dumps({**reply, "msg": {"channel": channel, "sid": sid}}))
            trades, tickers = await asyncio.wait_for(asyncio.gather(first, second), 2)
            assert (trades.sid, tickers.sid) == (41, 42)
            fake.push_raw(json.dumps({**fake.example("ticker"), "sid": 42}))
            fake.push_raw(json.dumps({**fake.example("trade"), "sid": 41, "seq": 1}))
            assert (await nxt(tickers)).type == "ticker" and (await nxt(trades)).type == "trade"
            # two updates answered in reverse order
            a = await ws.subscribe_ticker(market_tickers=["A-1"])
            b = await ws.subscribe_ticker(market_tickers=["B-1"])
            fake.ignore_next("update_subscription", times=2)
            ua = asyncio.ensure_future(a.update(add_markets=["A-2"]))
            ub = asyncio.ensure_future(b.update(add_markets=["B-2"]))
            ca, cb = [
                await fake.wait_for_command_async("update_subscription", count=n) for n in (1, 2)
            ]
            for command, sub, markets in ((cb, b, ["B-1", "B-2"]), (ca, a, ["A-1", "A-2"])):
                if command.params["sid"] != sub.sid:
                    sub, markets = (a, ["A-1", "A-2"]) if sub is b else (b, ["B-1", "B-2"])
                ok = {"type": "ok", "id": command.id, "sid": sub.sid}
                fake.push_raw(json.dumps({**ok, "msg": {"market_tickers": markets}}))
            await asyncio.wait_for(asyncio.gather(ua, ub), 2)
            assert a.markets == ["A-1", "A-2"] and b.markets == ["B-1", "B-2"]

    run(main())


def test_a_repeated_or_stale_reply_id_does_not_confuse_routing(fake: FakeKalshiWS) -> None:
    """Recorded: a client reused an id and got the same error twice. Stale and repeated
    replies must resolve nothing else; the client's own ids stay unique."""

    async def main() -> None:
        async with fake.async_client(command_timeout=3) as ws:
            trades = await ws.subscribe_trade()
            first = fake.commands[-1]
            fake.fail_next("subscribe", 27)
            with pytest.raises(KalshiWSCommandError) as refused:
                await ws.subscribe_ticker()
            assert refused.value.code == 27
            failed = fake.commands[-1]
            error = {"id": failed.id, "type": "error", "msg": {"code": 27, "msg": "Too many"}}
            fake.push_raw(json.dumps(error))  # the same error again
            stale = {"id": first.id, "type": "subscribed", "msg": {"channel": "trade", "sid": 99}}
            fake.push_raw(json.dumps(stale))  # a stale ack naming another sid
            fake.ignore_next("subscribe")
            waiting = asyncio.ensure_future(ws.subscribe_fill())
            pending = await fake.wait_for_command_async("subscribe", count=3)
            fake.push_raw(json.dumps(error))  # a stale error while a new command waits
            await asyncio.sleep(0.1)
            assert not waiting.done()
            ack = {"id": pending.id, "type": "subscribed", "msg": {"channel": "fill", "sid": 55}}
            fake.push_raw(json.dumps(ack))
            fills = await asyncio.wait_for(waiting, 2)
            assert fills.sid == 55
            assert trades.sid == next(s.sid for s in fake.subscriptions() if s.channel == "trade")
            tid = trade_id()
            fake.push(sid(trades), "trade", trade_id=tid)
            got, _ = await until(trades, last_trade(tid))
            assert events(got) == []
            ids = [c.id for c in fake.commands if c.id is not None]
            assert len(ids) == len(set(ids)), ids

    run(main())


# ---------------------------------------------------------------------- connections


def test_a_dropped_connection_resubscribes_with_new_sids_behind_the_same_handles(
    fake: FakeKalshiWS,
) -> None:
    fake.set_book(TICKER, yes=[("0.4000", "10.00")])

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            dummy = await ws.subscribe_ticker()  # shifts this connection's sids by one
            trades = await ws.subscribe_trade()
            fills = await ws.subscribe_fill()
            books = await ws.subscribe_orderbook_delta(market_tickers=[TICKER])
            await dummy.unsubscribe()
            await nxt(books)
            handles = (trades, fills, books)
            old = {h.channel: h.sid for h in handles}
            fake.drop()
            assert isinstance(await nxt(trades, 3), Reconnected)
            assert isinstance(await nxt(fills, 3), Reconnected)
            items = await take(books, 3, 3)
            assert [type(i).__name__ for i in items] == [
                "Reconnected",
                "Resynced",
                "OrderbookSnapshot",
            ]
            live = {s.channel: s.sid for s in fake.subscriptions(connection=1)}
            assert {h.channel: h.sid for h in handles} == live
            assert live != old and fake.connections == 2
            assert set(map(id, ws.subscriptions)) == set(map(id, handles))
            fake.push(sid(trades), "trade")
            fake.push(sid(fills), "fill")
            fake.push_delta(TICKER, "yes", "0.4000", "2.00")
            assert (await nxt(trades)).type == "trade" and (await nxt(fills)).type == "fill"
            assert (await nxt(books)).type == "orderbook_delta"
            assert books.book(TICKER).levels("yes") == [(D("0.40"), D(12))]

    run(main())


def test_a_subscribe_in_flight_when_the_connection_drops_completes_after_reconnecting(
    fake: FakeKalshiWS,
) -> None:
    async def main() -> None:
        async with fake.async_client(command_timeout=3) as ws:
            fills = await ws.subscribe_fill()
            fake.ignore_next("subscribe")
            waiting = asyncio.ensure_future(ws.subscribe_trade())
            await fake.wait_for_command_async("subscribe", count=2)
            fake.drop()  # before the ack
            trades = await asyncio.wait_for(waiting, 4)
            live = {s.channel: s.sid for s in fake.subscriptions(connection=1)}
            assert live == {"fill": fills.sid, "trade": trades.sid}
            assert isinstance(await nxt(fills, 3), Reconnected)
            fake.push(sid(trades), "trade")
            assert (await nxt(trades)).type == "trade"  # no Reconnected: it never had a sid

    run(main())


@pytest.mark.parametrize("channel", ["ticker", "orderbook_delta_skip_ack"])
def test_a_subscription_updated_before_a_drop_is_restored_with_its_markets(
    fake: FakeKalshiWS, channel: str
) -> None:
    """Found by this file (then fixed): the handle adopted list fields the `ok` reply did not
    carry (the model's [] default): market_ids=[] on ticker, market_tickers=[] with
    skip_ticker_ack, so the resubscribe after a reconnect was refused (error 11)."""

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            sub: Any
            if channel == "ticker":
                sub = await ws.subscribe_ticker(market_tickers=["A-1"])
            else:
                sub = await ws.subscribe_orderbook_delta(
                    market_tickers=["A-1"], skip_ticker_ack=True
                )
            await sub.update(add_markets=["B-1"])
            assert sub.markets == ["A-1", "B-1"]
            fake.drop()
            await until(sub, lambda i: isinstance(i, Reconnected))
            await fake.wait_for_subscription_async(sub.channel, connection=1)
            resent = fake.commands[-1]
            assert resent.cmd == "subscribe" and resent.ok, resent
            assert sorted(resent.params["market_tickers"]) == ["A-1", "B-1"]

    run(main())


def test_a_listing_action_does_not_change_what_is_subscribed(fake: FakeKalshiWS) -> None:
    """Found by this file (then fixed): the reply to `indexlist` / `underlying_list` lists
    what is available, and send_action() took it as what is subscribed: a reconnect then
    subscribed to every listed index or underlying."""

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            bench = await ws.subscribe_cfbenchmarks_value(index_ids=["BRTI"])
            pyth = await ws.subscribe_pyth_value(underlying_tickers=["Metal.XAU/USD"])
            await bench.send_action("indexlist")
            await pyth.send_action("underlying_list")
            fake.drop()
            await until(bench, lambda i: isinstance(i, Reconnected))
            await until(pyth, lambda i: isinstance(i, Reconnected))
            resent = {
                c.params["channels"][0]: c.params
                for c in fake.commands
                if c.cmd == "subscribe" and c.connection == 1
            }
            assert resent["cfbenchmarks_value"]["index_ids"] == ["BRTI"]
            assert resent["pyth_value"]["underlying_tickers"] == ["Metal.XAU/USD"]

    run(main())


def test_heartbeat_silence_reconnects_and_a_quiet_live_connection_is_kept() -> None:
    async def main() -> None:
        with FakeKalshiWS(heartbeat_interval=0.1) as fake:
            async with fake.async_client(command_timeout=2, heartbeat_timeout=0.6) as ws:
                trades = await ws.subscribe_trade()
                await asyncio.sleep(0.9)  # heartbeats only: kept
                assert fake.connections == 1
                fake.stop_heartbeats()
                await asyncio.sleep(0.9)  # silent but answering the client's pings: kept
                assert fake.connections == 1
                fake.freeze()  # a dead peer behind a live socket
                started = time.monotonic()
                assert isinstance(await nxt(trades, 3), Reconnected)
                assert time.monotonic() - started < 3 and fake.connections == 2
                fake.push(sid(trades), "trade")
                assert (await nxt(trades)).type == "trade"

    run(main())


def test_a_permanent_close_code_fails_fast_and_a_transient_one_reconnects(
    fake: FakeKalshiWS,
) -> None:
    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            trades = await ws.subscribe_trade()
            fills = await ws.subscribe_fill()
            fake.close(1012, "service restart")
            assert isinstance(await nxt(trades, 3), Reconnected)
            assert isinstance(await nxt(fills, 3), Reconnected)
            fake.close(1008, "policy violation")
            started = time.monotonic()
            for sub in (trades, fills):
                with pytest.raises(KalshiWSConnectionError) as failed:
                    await nxt(sub, 1)
                assert failed.value.close_code == 1008 and isinstance(failed.value, KalshiError)
            assert time.monotonic() - started < 1
            await asyncio.sleep(0.3)
            assert fake.connections == 2  # no attempt after 1008
            with pytest.raises(KalshiWSConnectionError):
                await asyncio.wait_for(ws.subscribe_ticker(), 1)

    run(main())


def test_a_permanent_close_code_fails_fast_sync(fake: FakeKalshiWS) -> None:
    with fake.client(command_timeout=2) as ws:
        trades = ws.subscribe_trade()
        fake.close(1008)
        with pytest.raises(KalshiWSConnectionError) as failed:
            in_thread(lambda: next(iter(trades)), 2)
        assert failed.value.close_code == 1008


# ---------------------------------------------------------------------- hostile frames


def test_hostile_frames_never_crash_the_reader_or_hang_an_iterator(fake: FakeKalshiWS) -> None:
    fake.set_book(TICKER, yes=[("0.4000", "10.00")])

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            trades = await ws.subscribe_trade()
            books = await ws.subscribe_orderbook_delta(market_tickers=[TICKER])
            await nxt(books)
            tsid = trades.sid
            example = fake.example("trade")["msg"]
            deep = "[" * 1000 + "]" * 1000
            hostile = [
                "not json",
                "",
                "{",
                "[]",
                "null",
                '"heartbeat"',
                "1e999999999",
                deep,
                "[" * 200_000 + "]" * 200_000,
                '{"a":' * 1000 + "1" + "}" * 1000,
                f'{{"type":"trade","sid":{tsid},"msg":{deep}}}',
                json.dumps(
                    {"type": "trade", "sid": tsid, "msg": {**example, "count_fp": "1e999999999"}}
                ),
                f'{{"type":"trade","sid":{tsid},"msg":{{"yes_price_dollars":1e999999999}}}}',
                json.dumps(
                    {"type": "trade", "sid": tsid, "msg": {**example, "trade_id": "x" * 2_000_000}}
                ),
                json.dumps({"type": 5, "sid": tsid}),
                json.dumps({"type": "trade", "sid": "sid", "seq": "seq"}),
                json.dumps({"type": "error", "msg": {"code": 25, "msg": "no sid"}}),
                json.dumps({"type": "subscribed", "id": 10**30, "msg": {"sid": -1}}),
                json.dumps({"type": "ok", "id": -5, "sid": 10**30, "seq": 10**30, "msg": []}),
            ]
            for text in hostile:
                fake.push_raw(text)
            tid = trade_id()
            fake.push(sid(trades), "trade", trade_id=tid)
            items, raised = await until(trades, last_trade(tid), errors=(KalshiWSDecodeError,))
            assert all(isinstance(e, KalshiError) for e in raised)
            money = [e for e in raised if "count_fp" in str(e) or "yes_price" in str(e)]
            assert len(money) == 2  # refused loudly, never a Decimal("1e999999999")
            for item in items:
                for name in ("count", "yes_price", "no_price"):
                    value = getattr(getattr(item, "msg", None), name, None)
                    assert value is None or abs(value) < D(10) ** 18
            # the book channel: hostile money in a delta resyncs, the book stays right
            seq = next(s.seq for s in fake.subscriptions() if s.sid == books.sid) + 1
            bad = {
                "type": "orderbook_delta",
                "sid": books.sid,
                "seq": seq,
                "msg": {
                    "market_ticker": TICKER,
                    "market_id": "x",
                    "price_dollars": "1e999999999",
                    "delta_fp": "1e999999999",
                    "side": "yes",
                },
            }
            fake.push_raw(json.dumps(bad))
            fake.inject_gap(sid(books), 1)
            fake.push_delta(TICKER, "yes", "0.4000", "1.00")
            got, _ = await until(
                books,
                lambda i: getattr(i, "type", "") == "orderbook_snapshot",
                errors=(KalshiError,),
            )
            assert any(isinstance(i, Resynced) for i in got)
            assert client_book(books.book(TICKER)) == fake_book(fake, TICKER)
            # and the session still works
            tickers = await ws.subscribe_ticker()
            fake.push(sid(tickers), "ticker")
            assert (await nxt(tickers)).type == "ticker"
            assert fake.connections == 1

    run(main(), timeout=15)


def test_a_frame_larger_than_the_frame_limit_costs_a_reconnect_not_the_session(
    fake: FakeKalshiWS,
) -> None:
    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            trades = await ws.subscribe_trade()
            huge = f'{{"type":"trade","sid":{trades.sid},"msg":{{"x":"{"y" * (17 * 2**20)}"}}}}'
            fake.push_raw(huge)
            await until(
                trades, lambda i: isinstance(i, Reconnected), timeout=5, errors=(KalshiError,)
            )
            fake.push(sid(trades), "trade")
            assert (await nxt(trades)).type == "trade"

    run(main(), timeout=12)


def test_a_subscribed_reply_reusing_a_live_sid_does_not_steal_its_frames(
    fake: FakeKalshiWS,
) -> None:
    """Found by this file (then fixed; a hostile server): a `subscribed` reply naming a sid
    another live handle holds was bound unchecked: that handle's fills went to the new one
    and its own iterator waited forever."""

    async def main() -> None:
        async with fake.async_client(command_timeout=2) as ws:
            fills = await ws.subscribe_fill()
            fake.ignore_next("subscribe")
            waiting = asyncio.ensure_future(ws.subscribe_ticker())
            command = await fake.wait_for_command_async("subscribe", count=2)
            ack = {"channel": "ticker", "sid": fills.sid}  # the fill subscription's sid
            fake.push_raw(json.dumps({"type": "subscribed", "id": command.id, "msg": ack}))
            try:
                tickers = await asyncio.wait_for(waiting, 2)
            except KalshiError:
                tickers = None  # refusing the reply is fine
            fake.push(sid(fills), "fill")
            assert (await nxt(fills, 1)).type == "fill"
            if tickers is not None:  # and no fill is delivered as a ticker frame
                stray = asyncio.ensure_future(tickers.__anext__())
                await asyncio.sleep(0.1)
                assert not (stray.done() and getattr(stray.result(), "type", "") == "fill")
                stray.cancel()

    run(main())

"""Streaming: the generated `kalshi.ws` vs kalshi-sdk 22.4.0's `kalshi.ws` vs the socket floors.

    python bench/ws.py [--rounds 7] [--frames 20000] [--tree PATH] [--only stream,book,startup]

Everything client-side runs in one interpreter, Python 3.12 (kalshi-sdk needs it), the venv
bench/client.py builds (kalshi-sdk==22.4.0 with its websockets, pydantic, cryptography), plus
aiohttp for a second receive-only floor. The generated client is pip-installed beside it into
a --target folder and put on PYTHONPATH (both distributions are named `kalshi`).

- One loopback WebSocket server (websockets.asyncio.server, its own process) answers a
  subscribe the way Kalshi does (`subscribed`, then for order books one snapshot per market,
  then deltas numbered by `seq`) and pushes the same frames to every contender in turn:
  (a) a ticker stream, (b) an orderbook_delta stream of ~278-byte frames. The frames are built
  at run time from recorded ones (../shared/ws-samples/frames/*.jsonl: their keys, order and
  value shapes) with prices, quantities and tickers varied; they are pre-framed once, so the
  server's cost per frame is a share of one big socket write and the clients are the limit.
- Contenders, each in its own long-lived worker process, taking turns round by round (the
  order rotating): the floors (plain `websockets` receiving only; aiohttp receiving only;
  websockets + json.loads; websockets + one pydantic `model_validate_json` of a tiny model
  with Decimal money; aiohttp + the same tiny model, to see what the socket library is
  worth), kalshi-sdk's `KalshiWebSocket` and ours (`kalshi.ws.AsyncKalshiWS`, on its default
  websockets connector and with `connector="aiohttp"`).
  Figures: frames decoded and dispatched to the user's iterator per second, and the client
  process's CPU time per frame over the same span (steadier than wall time on a shared
  machine), median of the rounds with min and max. After the book stream, each client's local books are compared with the
  books the frames imply. Goal: ours >= 3x kalshi-sdk.
- Book update cost in-process (no socket): one delta decoded and applied, applied only, and
  applied + best bid read; memory retained per 1,000-level book (tracemalloc).
- Start-up: `import kalshi` and `import kalshi.ws` in fresh interpreters, and whether either
  loads a WebSocket library. Goal: `import kalshi` < 100 ms.
Figures are printed with ratios and their goals, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from _common import (  # bench/ is sys.path[0] when run as a script
    ROOT,
    BenchError,
    Stats,
    bench_env,
    cache_dir,
    ensure_venv,
    fresh_import_times,
    load_note,
    main_guard,
    pip_install,
    ratio_line,
    run_measured,
    table,
    venv_python,
)

SDK_VERSION = "22.4.0"
AIOHTTP = "aiohttp==3.14.5"
KEY_PATH = ROOT / "tests" / "runtime" / "fixtures" / "test_key.pem"  # a throwaway test key
WS_PATH = "/trade-api/ws/v2"
TICKER_MARKETS = 8
BOOK_MARKETS = 5
DELTA_BYTES = 278  # GUIDE.md section 9 measured with frames of this size
BIG_BOOK_LEVELS = 1000  # 500 a side
MEMORY_BOOKS = 10
BOOK_DELTAS = 5000  # deltas per in-process book measurement
STREAM_TIMEOUT = 60.0  # seconds; a client that loses frames is reported, not waited for
CONTENDERS = (
    "floor",
    "aiohttp",
    "json",
    "pydantic",
    "aiohttp_pydantic",
    "sdk",
    "ours",
    "ours_aiohttp",
)
OURS = ("ours", "ours_aiohttp")  # the generated client, on websockets / on aiohttp
LABELS = {
    "floor": "floor: websockets, receive only",
    "aiohttp": "floor: aiohttp, receive only",
    "json": "floor + json.loads",
    "pydantic": "floor + tiny pydantic model_validate_json",
    "aiohttp_pydantic": "aiohttp + the same tiny model",
    "sdk": f"kalshi-sdk {SDK_VERSION} KalshiWebSocket",
    "ours": "ours: kalshi.ws.AsyncKalshiWS",
    "ours_aiohttp": 'ours, connector="aiohttp"',
}
STREAMS = {"ticker": "ticker", "book": "orderbook_delta"}  # bench name -> channel
WATCHED_MODULES = ("websockets", "aiohttp", "asyncio", "pydantic")  # which does an import load?


# --- frames, built from recorded ones (stdlib only) -------------------------------------------


def find_samples(explicit: str | None) -> Path:
    path = Path(explicit or os.environ.get("WS_SAMPLES") or ROOT.parent / "shared" / "ws-samples")
    if not (path / "frames").is_dir() or not any((path / "frames").glob("*.jsonl")):
        raise BenchError(
            f"recorded frames not found under {path}/frames/*.jsonl: put ../shared/ws-samples/ "
            "beside the checkout, set WS_SAMPLES=DIR, or pass --samples DIR"
        )
    return path


def load_templates(samples: Path) -> dict[str, dict[str, Any]]:
    """The first recorded frame of each needed type (tickers: one with fixed-point fields)."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted((samples / "frames").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                frame = json.loads(line)
            except ValueError:
                continue
            kind = frame.get("type") if isinstance(frame, dict) else None
            msg = frame.get("msg") if isinstance(frame, dict) else None
            modern = {"price_dollars", "volume_fp", "yes_bid_size_fp"}
            if kind == "ticker" and isinstance(msg, dict) and not modern <= msg.keys():
                continue  # the cent-integer era
            if kind in ("ticker", "orderbook_snapshot", "orderbook_delta", "subscribed"):
                found.setdefault(kind, frame)
    missing = {"ticker", "orderbook_snapshot", "orderbook_delta", "subscribed"} - found.keys()
    if missing:
        raise BenchError(f"{samples}/frames has no recorded {', '.join(sorted(missing))} frame")
    return found


def _dump(frame: dict[str, Any]) -> str:
    return json.dumps(frame, separators=(",", ":"))


def _money(value: Decimal) -> str:
    return f"{value:.4f}"


def _count(value: Decimal) -> str:
    return f"{value:.2f}"


def _market_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def ticker_frames(tpl: dict[str, Any], n: int, rng: random.Random) -> tuple[list[str], list[str]]:
    """(tickers, n ticker frames) shaped like the recorded one, prices and sizes varied.

    Only the recorded keys are set, plus `ts_ms` (unique, increasing: the last one marks the
    end of the stream), which the recordings lack: the document requires it, and kalshi-sdk
    refuses a ticker without it (all 314 recorded ticker frames; it would skip every one).
    """
    base = tpl["msg"]
    series, event = (base["market_ticker"].split("-") + ["X", "X"])[:2]
    tickers = [f"{series}-{event}-B{1.3899500 + 0.01 * i:.7f}" for i in range(TICKER_MARKETS)]
    ids = [_market_id(rng) for _ in tickers]
    volume = [rng.randint(1_000, 50_000) for _ in tickers]
    interest = [rng.randint(100, 5_000) for _ in tickers]
    ts0 = int(base.get("ts", 1770897976))
    clock0 = int(base.get("Clock", 13281241747))
    frames: list[str] = []
    for k in range(n):
        m = k % TICKER_MARKETS
        bid = rng.randint(1, 96)
        ask = bid + rng.randint(1, 3)
        price = rng.randint(bid, ask)
        volume[m] += rng.randint(0, 40)
        interest[m] += rng.randint(-3, 5)
        ts_ms = ts0 * 1000 + 5 * k  # one frame every 5 ms: unique, the last one marks the end
        ts = ts_ms // 1000
        values: dict[str, Any] = {
            "market_id": ids[m],
            "market_ticker": tickers[m],
            "price": price,
            "yes_bid": bid,
            "yes_ask": ask,
            "price_dollars": _money(Decimal(price) / 100),
            "yes_bid_dollars": _money(Decimal(bid) / 100),
            "yes_ask_dollars": _money(Decimal(ask) / 100),
            "volume": volume[m],
            "volume_fp": _count(Decimal(volume[m])),
            "open_interest": interest[m],
            "open_interest_fp": _count(Decimal(interest[m])),
            "dollar_volume": volume[m] // 2,
            "dollar_open_interest": interest[m] // 2,
            "yes_bid_size_fp": _count(Decimal(rng.randint(0, 20_000))),
            "yes_ask_size_fp": _count(Decimal(rng.randint(0, 20_000))),
            "last_trade_size_fp": _count(Decimal(rng.randint(0, 50))),
            "ts": ts,
            "Clock": clock0 + k,
        }
        msg = {key: values.get(key, value) for key, value in base.items()}
        msg["ts_ms"] = ts_ms
        frames.append(_dump({**tpl, "msg": msg}))
    return tickers, frames


class BookStream:
    """Snapshots then deltas for a few markets, with the books they imply at the end."""

    def __init__(
        self,
        snap_tpl: dict[str, Any],
        delta_tpl: dict[str, Any],
        n: int,
        rng: random.Random,
        pad: int = 0,
    ) -> None:
        self.tickers = self._tickers(snap_tpl, pad)
        ids = [_market_id(rng) for _ in self.tickers]
        books: list[dict[str, dict[Decimal, Decimal]]] = []
        self.snapshots: list[str] = []
        sid = int(snap_tpl.get("sid", 1))
        seq = 0
        for m, ticker in enumerate(self.tickers):
            book = {}
            for side in ("yes", "no"):
                levels = snap_tpl["msg"].get(f"{side}_dollars_fp") or []
                book[side] = {
                    Decimal(price): Decimal(count) * Decimal(rng.randint(50, 150)) / 100
                    for price, count in levels
                }
                book[side] = {p: q.quantize(Decimal("0.01")) for p, q in book[side].items()}
            books.append(book)
            seq += 1
            msg = dict(snap_tpl["msg"], market_ticker=ticker, market_id=ids[m])
            for side in ("yes", "no"):
                key = f"{side}_dollars_fp"
                msg[key] = [[_money(p), _count(q)] for p, q in sorted(book[side].items())]
            self.snapshots.append(_dump({**snap_tpl, "sid": sid, "seq": seq, "msg": msg}))
        base = delta_tpl["msg"]
        t0 = datetime(2026, 7, 1, 2, 31, 45, 308599, tzinfo=timezone.utc)
        steps = [Decimal(s) for s in ("1.84", "12.00", "250.00", "3.33", "40.00", "0.50")]
        self.deltas: list[str] = []
        for k in range(n):
            m = k % len(self.tickers)
            side = "yes" if rng.random() < 0.5 else "no"
            levels = books[m][side]
            roll = rng.random()
            if roll < 0.05 and len(levels) > 3:  # a level taken out
                price = rng.choice(list(levels))
                delta = -levels[price]
            elif roll < 0.10 or not levels:  # a new level
                lo, hi = (1, 60) if side == "yes" else (40, 99)
                price = Decimal(rng.randint(lo, hi)) / 100
                delta = steps[rng.randrange(len(steps))] * rng.randint(1, 20)
            else:
                price = rng.choice(list(levels))
                step = steps[rng.randrange(len(steps))]
                delta = -step if levels[price] > 2 * step else step
            quantity = levels.get(price, Decimal(0)) + delta
            if quantity > 0:
                levels[price] = quantity
            else:
                levels.pop(price, None)
            seq += 1
            ts = t0 + timedelta(microseconds=137 * k)
            values = {
                "market_ticker": self.tickers[m],
                "market_id": ids[m],
                "price_dollars": _money(price),
                "delta_fp": _count(delta),
                "side": side,
                "ts": ts.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "ts_ms": int(ts.timestamp() * 1000),
            }
            msg = {key: values.get(key, value) for key, value in base.items()}
            self.deltas.append(_dump({**delta_tpl, "sid": sid, "seq": seq, "msg": msg}))
        self.books = {
            ticker: {side: {_money(p): _count(q) for p, q in book[side].items()} for side in book}
            for ticker, book in zip(self.tickers, books)
        }

    @staticmethod
    def _tickers(snap_tpl: dict[str, Any], pad: int) -> list[str]:
        """The recorded market's ticker, its event code lengthened by `pad` characters."""
        parts = snap_tpl["msg"]["market_ticker"].split("-")
        series, event = parts[0], parts[1] if len(parts) > 1 else "26JUL"
        teams = ["MIA", "CLE", "GSW", "BOS", "DEN", "LAL", "NYK", "PHX"][:BOOK_MARKETS]
        event += "".join(chr(ord("A") + (i * 7) % 26) for i in range(pad))
        return [f"{series}-{event}-{team}" for team in teams]

    @classmethod
    def sized(
        cls, snap_tpl: dict[str, Any], delta_tpl: dict[str, Any], n: int, seed: int
    ) -> BookStream:
        """A stream whose deltas are DELTA_BYTES long on average (tickers lengthened to fit)."""
        probe = cls(snap_tpl, delta_tpl, min(n, 2000), random.Random(seed))
        pad = max(0, round(DELTA_BYTES - sum(map(len, probe.deltas)) / len(probe.deltas)))
        return cls(snap_tpl, delta_tpl, n, random.Random(seed), pad)


def big_snapshot(snap_tpl: dict[str, Any], ticker: str, rng: random.Random) -> str:
    """A 1,000-level snapshot (500 a side, prices a tenth of a cent apart)."""
    half = BIG_BOOK_LEVELS // 2
    msg = dict(snap_tpl["msg"], market_ticker=ticker, market_id=_market_id(rng))
    for side in ("yes", "no"):
        msg[f"{side}_dollars_fp"] = [
            [_money(Decimal(1 + i) / 1000), _count(Decimal(rng.randint(100, 10**8)) / 100)]
            for i in range(half)
        ]
    return _dump({**snap_tpl, "seq": 1, "msg": msg})


def ws_frame(payload: bytes) -> bytes:
    """One unmasked text frame (FIN), as a server sends it."""
    n = len(payload)
    if n < 126:
        head = bytes((0x81, n))
    elif n < 1 << 16:
        head = bytes((0x81, 126)) + n.to_bytes(2, "big")
    else:
        head = bytes((0x81, 127)) + n.to_bytes(8, "big")
    return head + payload


def write_work(work: Path, samples: Path, frames: int, seed: int) -> dict[str, Any]:
    """Build every frame once; the server and the workers read them from `work`."""
    tpl = load_templates(samples)
    rng = random.Random(seed)
    tickers, ticks = ticker_frames(tpl["ticker"], frames, rng)
    book = BookStream.sized(tpl["orderbook_snapshot"], tpl["orderbook_delta"], frames, seed)
    big = [
        big_snapshot(tpl["orderbook_snapshot"], f"KXBIGBOOK-26DEC31-B{i}", rng)
        for i in range(MEMORY_BOOKS)
    ]
    files = {
        "ticker.jsonl": ticks,
        "book_snapshots.jsonl": book.snapshots,
        "book_deltas.jsonl": book.deltas,
        "big_snapshots.jsonl": big,
    }
    for name, lines in files.items():
        (work / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (work / "ticker.wire").write_bytes(b"".join(ws_frame(f.encode()) for f in ticks))
    (work / "book.wire").write_bytes(
        b"".join(ws_frame(f.encode()) for f in [*book.snapshots, *book.deltas])
    )
    (work / "subscribed.json").write_text(_dump(tpl["subscribed"]), encoding="utf-8")
    meta = {
        "ticker_tickers": tickers,
        "book_tickers": book.tickers,
        "frames": frames,
        "ticker_bytes": sum(map(len, ticks)) / len(ticks),
        "delta_bytes": sum(map(len, book.deltas)) / len(book.deltas),
        "snapshot_bytes": sum(map(len, book.snapshots)) / len(book.snapshots),
        "big_snapshot_bytes": len(big[0]),
        "last": {
            "ticker": json.loads(ticks[-1])["msg"],
            "book": json.loads(book.deltas[-1])["msg"],
            "book_seq": json.loads(book.deltas[-1])["seq"],
        },
    }
    (work / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (work / "books.json").write_text(json.dumps(book.books), encoding="utf-8")
    return meta


# --- the server: runs in the 3.12 venv, its own process -----------------------------------------


def _serve(work: Path) -> int:  # pragma: no cover - runs in the venv
    import asyncio
    import threading
    from collections import Counter

    from websockets.asyncio.server import ServerConnection, serve
    from websockets.exceptions import ConnectionClosed

    wire = {
        "ticker": (work / "ticker.wire").read_bytes(),
        "orderbook_delta": (work / "book.wire").read_bytes(),
    }
    ack_tpl = json.loads((work / "subscribed.json").read_text(encoding="utf-8"))
    handshakes: Counter[str] = Counter()
    commands: Counter[str] = Counter()

    async def handler(conn: ServerConnection) -> None:
        assert conn.request is not None
        signed = all(
            conn.request.headers.get(f"KALSHI-ACCESS-{h}")
            for h in ("KEY", "SIGNATURE", "TIMESTAMP")
        )
        key = conn.request.headers.get("KALSHI-ACCESS-KEY", "-")
        handshakes[f"{key} {'signed' if signed else 'unsigned'} {conn.request.path}"] += 1
        try:
            await serve_commands(conn)
        except ConnectionClosed:
            pass  # a client that closes without a close frame: not the server's concern

    async def serve_commands(conn: ServerConnection) -> None:
        sid = 0
        async for message in conn:
            try:
                cmd = json.loads(message)
                name, cid, params = cmd.get("cmd"), cmd.get("id"), cmd.get("params") or {}
            except (ValueError, AttributeError):
                continue
            commands[str(name)] += 1
            if name == "subscribe":
                for channel in params.get("channels") or []:
                    sid += 1
                    if channel not in wire or sid != 1:  # the frames are built for sid 1
                        reply = {"id": cid, "type": "error", "msg": {"code": 6, "msg": "bench"}}
                        await conn.send(_dump(reply))
                        continue
                    ack = {**ack_tpl, "id": cid, "msg": {"channel": channel, "sid": sid}}
                    await conn.send(_dump(ack))
                    # the whole stream in one write after the ack, in order: the server's
                    # cost per frame is a share of one send(), the client is the limit
                    conn.transport.write(wire[channel])
            elif name == "unsubscribe":
                for s in params.get("sids") or []:
                    await conn.send(_dump({"id": cid, "sid": s, "type": "unsubscribed"}))
            elif name == "list_subscriptions":
                await conn.send(_dump({"id": cid, "type": "list_subscriptions", "msg": []}))
            else:
                reply = {"id": cid, "type": "error", "msg": {"code": 8, "msg": "Unknown command"}}
                await conn.send(_dump(reply))

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()

        def wait_stdin() -> None:
            sys.stdin.read()  # EOF: the orchestrator is done (or gone)
            loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=wait_stdin, daemon=True).start()
        async with serve(
            handler, "127.0.0.1", 0, compression=None, ping_interval=None, max_size=2**20
        ) as server:
            port = next(iter(server.sockets)).getsockname()[1]
            print(json.dumps({"port": port}), flush=True)
            await stop.wait()
        print(json.dumps({"handshakes": handshakes, "commands": commands}), flush=True)

    asyncio.run(main())
    return 0


# --- the workers: run in the 3.12 venv, one process per contender --------------------------------


def _tiny_models() -> dict[str, Any]:  # pragma: no cover - runs in the venv
    """The floor's decoding: one model_validate_json into small models with Decimal money."""
    from typing import Annotated, Literal

    from pydantic import BaseModel, Field, TypeAdapter

    class TickerMsg(BaseModel):
        market_ticker: str
        market_id: str
        price_dollars: Decimal
        yes_bid_dollars: Decimal
        yes_ask_dollars: Decimal
        volume_fp: Decimal
        open_interest_fp: Decimal
        yes_bid_size_fp: Decimal
        yes_ask_size_fp: Decimal
        last_trade_size_fp: Decimal
        ts: int
        ts_ms: int | None = None

    class Ticker(BaseModel):
        type: Literal["ticker"]
        sid: int
        seq: int | None = None
        msg: TickerMsg

    class SnapshotMsg(BaseModel):
        market_ticker: str
        market_id: str
        yes_dollars_fp: list[tuple[Decimal, Decimal]] = []
        no_dollars_fp: list[tuple[Decimal, Decimal]] = []

    class Snapshot(BaseModel):
        type: Literal["orderbook_snapshot"]
        sid: int
        seq: int
        msg: SnapshotMsg

    class DeltaMsg(BaseModel):
        market_ticker: str
        market_id: str
        price_dollars: Decimal
        delta_fp: Decimal
        side: Literal["yes", "no"]
        ts: str | None = None

    class Delta(BaseModel):
        type: Literal["orderbook_delta"]
        sid: int
        seq: int
        msg: DeltaMsg

    union = TypeAdapter(Annotated[Ticker | Snapshot | Delta, Field(discriminator="type")])
    return {"validate": union.validate_json}


class _Run:
    """Counts what a client hands to the user and when (the timed part of a stream).

    A stream ends with its n-th frame, or with its last frame (the last `seq` of the book
    stream, the last `ts_ms` of the ticker stream) when a client dropped some on the way.
    """

    def __init__(self, stream: str, n: int, snapshots: int, last: int) -> None:
        self.book = stream == "book"
        self.want = n  # data frames of the stream's own type (ticker / orderbook_delta)
        self.snapshots = snapshots if self.book else 0
        self.end = last
        self.main = 0
        self.other = 0  # snapshots (expected) and anything else
        self.events = 0  # events the client yields besides frames (gaps, resyncs)
        self.first = 0.0
        self.last = 0.0
        self.cpu_first = 0.0  # process CPU time: far less sensitive to other load than wall
        self.cpu_last = 0.0
        self.last_item: Any = None

    def frame(self, kind: str | None, item: Any = None) -> bool:
        """Count one frame; True when the stream is complete."""
        now = time.perf_counter()
        if not self.first:
            self.first = now
            self.cpu_first = time.process_time()
        self.last = now
        if kind not in ("ticker", "orderbook_delta"):
            self.other += 1
            return False
        self.main += 1
        self.last_item = item
        done = self.main >= self.want or (item is not None and self._marker(item) == self.end)
        if done:
            self.cpu_last = time.process_time()
        return done

    def _marker(self, item: Any) -> Any:
        if isinstance(item, dict):
            return item.get("seq") if self.book else item["msg"].get("ts_ms")
        return getattr(item, "seq", None) if self.book else getattr(item.msg, "ts_ms", None)

    def result(self) -> dict[str, Any]:
        count = self.main + self.other
        span = self.last - self.first
        cpu = self.cpu_last - self.cpu_first
        return {
            "fps": (count - 1) / span if span > 0 and count > 1 else 0.0,
            "cpu_per_frame": cpu / (count - 1) if count > 1 and cpu > 0 else None,
            "frames": count,
            "main": self.main,
            "other": self.other,
            "events": self.events,
            "complete": self.main >= self.want,
            "seconds": span,
        }


def _subscribe_cmd(stream: str, tickers: Sequence[str]) -> str:
    params: dict[str, Any] = {"channels": [STREAMS[stream]], "market_tickers": list(tickers)}
    if stream == "book":
        params["send_initial_snapshot"] = True
    return json.dumps({"id": 1, "cmd": "subscribe", "params": params})


async def _floor_stream(  # pragma: no cover - runs in the venv
    impl: str, url: str, stream: str, run: _Run, tickers: list[str], decode: Any
) -> None:
    from websockets.asyncio.client import connect

    async with connect(url) as ws:
        await ws.send(_subscribe_cmd(stream, tickers))
        while '"subscribed"' not in (await ws.recv()):
            pass
        total = run.want + run.snapshots
        if impl == "floor":
            for i in range(total):
                await ws.recv()
                run.frame("ticker" if i >= run.snapshots else None)
        elif impl == "json":
            loads = json.loads
            while not run.frame((data := loads(await ws.recv()))["type"], data):
                pass
        else:
            while not run.frame((model := decode(await ws.recv())).type, model):
                pass


async def _aiohttp_stream(
    url: str, stream: str, run: _Run, tickers: list[str], decode: Any
) -> None:  # pragma: no cover
    import aiohttp

    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(url, compress=0, max_msg_size=2**20) as ws,
    ):
        await ws.send_str(_subscribe_cmd(stream, tickers))
        while '"subscribed"' not in (await ws.receive()).data:
            pass
        if decode is not None:  # what the socket library changes for a decoding client
            while not run.frame((model := decode((await ws.receive()).data)).type, model):
                pass
            return
        for i in range(run.want + run.snapshots):
            msg = await ws.receive()
            if msg.type is not aiohttp.WSMsgType.TEXT:
                raise RuntimeError(f"aiohttp received {msg.type}: {msg.data!r}")
            run.frame("ticker" if i >= run.snapshots else None)


def _levels(pairs: Any) -> list[list[str]]:
    return [[_money(Decimal(p)), _count(Decimal(q))] for p, q in pairs]


async def _sdk_stream(  # pragma: no cover - runs in the venv
    url: str, port: int, stream: str, run: _Run, tickers: list[str], auth: Any, queue: int | None
) -> dict[str, Any]:
    from kalshi.config import KalshiConfig
    from kalshi.ws import KalshiWebSocket

    config = KalshiConfig(base_url=f"http://127.0.0.1:{port}/trade-api/v2", ws_base_url=url)
    extra = {"maxsize": queue} if queue else {}
    books: dict[str, Any] = {}
    async with KalshiWebSocket(auth=auth, config=config).connect() as session:
        if stream == "ticker":
            it = await session.subscribe_ticker(tickers=tickers, **extra)
        else:
            it = await session.subscribe_orderbook_delta(tickers=tickers, **extra)
        async for msg in it:
            if run.frame(msg.type, msg):
                break
        if stream == "book":
            for ticker in tickers:
                book = session._orderbook_mgr.get(ticker)
                books[ticker] = book and {
                    "yes": _levels((lv.price, lv.quantity) for lv in book.yes),
                    "no": _levels((lv.price, lv.quantity) for lv in book.no),
                }
    return books


def _ours_kwargs(url: str, pem: str, queue: int | None, connector: str | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "url": url,
        "allow_unknown_host": True,
        "key_id": "bench-ours",
        "private_key": pem,
    }
    if connector:
        kwargs["connector"] = connector
    if queue:
        kwargs["queue_size"] = queue
    return kwargs


async def _ours_stream(  # pragma: no cover - runs in the venv
    url: str,
    stream: str,
    run: _Run,
    tickers: list[str],
    pem: str,
    queue: int | None,
    connector: str | None = None,
) -> dict[str, Any]:
    from kalshi.ws import AsyncKalshiWS

    books: dict[str, Any] = {}
    async with AsyncKalshiWS(**_ours_kwargs(url, pem, queue, connector)) as ws:
        if stream == "ticker":
            sub: Any = await ws.subscribe_ticker(market_tickers=tickers)
        else:
            sub = await ws.subscribe_orderbook_delta(market_tickers=tickers)
        async for item in sub:
            kind = getattr(item, "type", None)
            if not isinstance(kind, str):  # SequenceGap / Resynced / Reconnected
                run.events += 1
                continue
            if run.frame(kind if type(item).__name__ != "UntypedFrame" else "untyped", item):
                break
        if stream == "book":
            for ticker in tickers:
                try:
                    book = sub.book(ticker)
                except KeyError:
                    book = None
                books[ticker] = book and {
                    side: _levels(book.levels(side)) for side in ("yes", "no")
                }
    return books


def _last_check(impl: str, stream: str, item: Any) -> dict[str, str] | None:
    """The last frame's ticker and price as the client decoded them (type and value)."""
    if item is None or impl in ("floor", "aiohttp"):
        return None
    msg = item["msg"] if isinstance(item, dict) else item.msg

    def get(key: str) -> Any:
        return msg.get(key) if isinstance(msg, dict) else getattr(msg, key, None)

    # json.loads keeps the wire name; the clients rename price_dollars to price
    value = get("price") if get("price") is not None and not isinstance(msg, dict) else None
    if value is None:
        value = get("price_dollars")
    return {"market_ticker": str(get("market_ticker")), "price": f"{type(value).__name__} {value}"}


def _stream_op(
    impl: str, ctx: dict[str, Any], cmd: dict[str, Any]
) -> dict[str, Any]:  # pragma: no cover
    import asyncio

    stream, n = cmd["stream"], int(cmd["n"])
    tickers = ctx["meta"]["ticker_tickers" if stream == "ticker" else "book_tickers"]
    last = ctx["meta"]["last"]
    end = last["book_seq"] if stream == "book" else last["ticker"]["ts_ms"]
    run = _Run(stream, n, len(tickers), end)
    url = f"ws://127.0.0.1:{ctx['port']}{WS_PATH}"
    queue = cmd.get("queue")
    books: dict[str, Any] = {}

    async def go() -> None:
        nonlocal books
        if impl in ("aiohttp", "aiohttp_pydantic"):
            await _aiohttp_stream(url, stream, run, tickers, ctx.get("decode"))
        elif impl in ("floor", "json", "pydantic"):
            await _floor_stream(impl, url, stream, run, tickers, ctx.get("decode"))
        elif impl == "sdk":
            books = await _sdk_stream(url, ctx["port"], stream, run, tickers, ctx["auth"], queue)
        else:
            connector = "aiohttp" if impl == "ours_aiohttp" else None
            books = await _ours_stream(url, stream, run, tickers, ctx["pem"], queue, connector)

    async def bounded() -> None:
        async with asyncio.timeout(STREAM_TIMEOUT):
            await go()

    error = None
    try:
        asyncio.run(bounded())
    except TimeoutError:
        error = f"timed out after {STREAM_TIMEOUT:.0f} s"
    except Exception as exc:  # noqa: BLE001 - reported, the orchestrator goes on
        error = f"{type(exc).__name__}: {exc}"[:1500]
    out = run.result()
    out.update(books=books or None, last=_last_check(impl, stream, run.last_item), error=error)
    return out


def _sdk_book_ops(ctx: dict[str, Any]) -> dict[str, Callable[[], Any]]:  # pragma: no cover
    """kalshi-sdk's book pipeline as its recv loop runs it, without the socket."""
    from kalshi.ws.models.orderbook_delta import OrderbookDeltaMessage, OrderbookSnapshotMessage
    from kalshi.ws.orderbook import OrderbookManager

    snaps, raws = ctx["snapshots"], ctx["deltas"][:BOOK_DELTAS]
    loads = json.loads
    validate_delta = OrderbookDeltaMessage.model_validate

    def fresh() -> Any:
        mgr = OrderbookManager()
        for raw in snaps:
            mgr._apply_snapshot_inplace(OrderbookSnapshotMessage.model_validate(loads(raw)), sid=1)
        return mgr

    decoded = [validate_delta(loads(r)) for r in raws]

    def decode_apply() -> None:
        apply = fresh()._apply_delta_inplace
        for raw in raws:  # what _process_frame does for a delta: json.loads, validate, apply
            apply(validate_delta(loads(raw)))

    def apply_only() -> None:
        apply = fresh()._apply_delta_inplace
        for delta in decoded:
            apply(delta)

    def apply_read() -> None:  # what its orderbook() iterator hands out per update
        mgr = fresh()
        apply, get = mgr._apply_delta_inplace, mgr.get
        for delta in decoded:
            apply(delta)
            book = get(delta.msg.market_ticker)
            assert book is not None
            book.yes[-1].price if book.yes else None

    def build_big(raw: str) -> Any:
        mgr = OrderbookManager()
        mgr._apply_snapshot_inplace(OrderbookSnapshotMessage.model_validate(loads(raw)), sid=1)
        return mgr

    def decode_only() -> None:
        for raw in raws:
            validate_delta(loads(raw))

    def json_only() -> None:  # a yardstick for this machine's speed (GUIDE.md 9 figures)
        for raw in raws:
            loads(raw)

    return {
        "decode_apply": decode_apply,
        "decode": decode_only,
        "apply": apply_only,
        "apply_read": apply_read,
        "json": json_only,
        "build_big": build_big,
    }


def _ours_book_ops(ctx: dict[str, Any]) -> dict[str, Callable[..., Any]]:  # pragma: no cover
    """Ours: the runtime's one-pass decode and the OrderBook, without the socket."""
    from kalshi.ws._books import OrderBook
    from kalshi.ws._frames import decode_frame
    from kalshi.ws.channels import CHANNELS

    channel = CHANNELS["orderbook_delta"]
    models = channel.messages
    spec = channel.book
    snaps, raws = ctx["snapshots"], ctx["deltas"][:BOOK_DELTAS]
    try:  # the decoder the session keeps per subscription, if the runtime has one
        from kalshi.ws._frames import FrameDecoder

        decode = FrameDecoder(models, strict=False).decode
    except ImportError:

        def decode(raw: str) -> Any:
            return decode_frame(raw, models, strict=False)

    def fresh() -> dict[str, Any]:
        books = {}
        for raw in snaps:
            frame = decode(raw)
            book = OrderBook(frame.msg.market_ticker, spec)
            book.apply_snapshot(frame.msg)
            books[frame.msg.market_ticker] = book
        return books

    decoded = [decode(r) for r in raws]

    def decode_apply() -> None:
        books = fresh()
        for raw in raws:
            msg = decode(raw).msg
            books[msg.market_ticker].apply_delta(msg)

    def apply_only() -> None:
        books = fresh()
        for frame in decoded:
            books[frame.msg.market_ticker].apply_delta(frame.msg)

    def apply_read() -> None:
        books = fresh()
        for frame in decoded:
            book = books[frame.msg.market_ticker]
            book.apply_delta(frame.msg)
            book.best("yes")

    def build_big(raw: str) -> Any:
        frame = decode(raw)
        book = OrderBook(frame.msg.market_ticker, spec)
        book.apply_snapshot(frame.msg)
        return book

    def decode_only() -> None:
        for raw in raws:
            decode(raw)

    return {
        "decode_apply": decode_apply,
        "decode": decode_only,
        "apply": apply_only,
        "apply_read": apply_read,
        "build_big": build_big,
    }


def _book_op(impl: str, ctx: dict[str, Any]) -> dict[str, Any]:  # pragma: no cover
    ops = ctx["book_ops"]
    out = {}
    n = len(ctx["deltas"][:BOOK_DELTAS])
    for name in ("decode_apply", "decode", "apply", "apply_read", "json"):
        if name not in ops:
            continue
        # each op builds its books first: 5 small snapshots, ~0.1% of the time of 5,000 deltas
        start = time.perf_counter()
        ops[name]()
        out[name] = (time.perf_counter() - start) / n
    return out


def _memory_op(ctx: dict[str, Any]) -> dict[str, Any]:  # pragma: no cover
    import gc
    import tracemalloc

    build = ctx["book_ops"]["build_big"]
    raws = list(ctx["big"])  # allocated before tracing starts: not counted
    build(raws[0])  # warm: lazily built validators and readers
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    kept = [build(raw) for raw in raws[1:]]
    gc.collect()
    current = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    kept.append(build(raws[0]))  # one more book: what building it needs beyond what stays
    gc.collect()
    after, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # the last book's share is the steady state; the average also carries one-time fills
    # (pydantic-core's cache of JSON strings, at most 16,384 of them, shared by all frames)
    return {
        "retained": after - current,
        "average": (after - base) / len(kept),
        "transient": peak - after,
        "books": len(kept),
    }


def _worker(impl: str, port: int, work: Path) -> int:  # pragma: no cover - runs in the venv
    ctx: dict[str, Any] = {"port": port, "pem": KEY_PATH.read_text()}
    ctx["meta"] = json.loads((work / "meta.json").read_text(encoding="utf-8"))
    ctx["snapshots"] = (work / "book_snapshots.jsonl").read_text(encoding="utf-8").splitlines()
    ctx["deltas"] = (work / "book_deltas.jsonl").read_text(encoding="utf-8").splitlines()
    ctx["big"] = (work / "big_snapshots.jsonl").read_text(encoding="utf-8").splitlines()
    hello: dict[str, Any] = {"python": sys.version.split()[0]}
    try:
        if impl in ("pydantic", "aiohttp_pydantic"):
            ctx["decode"] = _tiny_models()["validate"]
        elif impl == "sdk":
            from kalshi.auth import KalshiAuth

            ctx["auth"] = KalshiAuth.from_pem("bench-sdk", ctx["pem"])
            ctx["book_ops"] = _sdk_book_ops(ctx)
        elif impl in OURS:
            import kalshi.ws  # noqa: F401

            ctx["book_ops"] = _ours_book_ops(ctx)
        if impl in ("aiohttp", "aiohttp_pydantic", "ours_aiohttp"):
            import aiohttp  # noqa: F401
    except Exception as exc:  # noqa: BLE001 - "not available", reported
        hello["unavailable"] = f"{type(exc).__name__}: {exc}"[:1500]
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for dist in ("websockets", "aiohttp", "pydantic", "kalshi-sdk"):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            versions[dist] = None
    kalshi_mod = sys.modules.get("kalshi")
    hello.update(versions=versions, kalshi=getattr(kalshi_mod, "__file__", None), ready=True)
    print(json.dumps(hello), flush=True)
    for line in sys.stdin:
        cmd = json.loads(line)
        op = cmd.get("op")
        if op == "quit":
            break
        try:
            if op == "stream":
                reply = _stream_op(impl, ctx, cmd)
            elif op == "book":
                reply = _book_op(impl, ctx)
            elif op == "memory":
                reply = _memory_op(ctx)
            else:
                reply = {"error": f"unknown op {op}"}
        except Exception as exc:  # noqa: BLE001 - reported
            reply = {"error": f"{type(exc).__name__}: {exc}"[:1500]}
        print(json.dumps(reply, default=str), flush=True)
    return 0


# --- orchestration (any Python >= 3.10, standard library only) -----------------------------------


class _Proc:
    """A child of the venv's interpreter speaking one JSON object per line."""

    def __init__(self, name: str, cmd: list[str], env: dict[str, str], work: Path) -> None:
        self.name = name
        # stderr to a file, never a pipe nobody reads: a client logging a warning per frame
        # would fill the pipe and stall the process mid-measurement
        self.err_path = work / f"{name}.stderr"
        with open(self.err_path, "w") as err:
            self.proc = subprocess.Popen(
                cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, text=True, env=env
            )
        self.hello = self.read()

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            err = self.err_path.read_text(errors="replace").strip()[-2000:]
            return {"error": f"{self.name} exited {self.proc.wait()}: {err}"}
        return json.loads(line)

    def stderr_lines(self) -> list[str]:
        try:
            return self.err_path.read_text(errors="replace").splitlines()
        except OSError:
            return []

    def ask(self, cmd: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(cmd) + "\n")
        self.proc.stdin.flush()
        return self.read()

    def stop(self, quit_line: bool = True) -> dict[str, Any]:
        last: dict[str, Any] = {}
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                if quit_line:
                    self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
                self.proc.stdin.close()
                last = self.read() if not quit_line else {}
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired, ValueError):
                self.proc.kill()
                self.proc.wait()
        return last


def find_tree(explicit: Path | None) -> Path | None:
    """The generated tree with kalshi/ws/client.py: --tree, else generated/, else /tmp/gen/out."""
    if explicit is not None:
        if not (explicit / "kalshi" / "__init__.py").is_file():
            raise BenchError(f"--tree {explicit} has no kalshi/ package")
        return explicit
    for candidate in (ROOT / "generated", Path("/tmp/gen/out")):
        if (candidate / "kalshi" / "ws" / "client.py").is_file():
            return candidate
    return None


def ensure_module(python: Path, module: str, requirement: str) -> None:
    """pip-install `requirement` into the venv unless `module` imports already."""
    done = subprocess.run([str(python), "-c", f"import {module}"], check=False, capture_output=True)
    if done.returncode != 0:
        print(f"  installing {requirement} into the bench venv ...", flush=True)
        pip_install(python, [requirement])


def load_line() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:  # pragma: no cover
        return "load average unknown"
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} (1, 5, 15 min); {load_note()}"


def _fps(s: Stats | None) -> str:
    if s is None or not s.samples:
        return "n/a"
    return f"{s.median / 1e3:.1f}k/s ({s.min / 1e3:.1f}-{s.max / 1e3:.1f})"


def _us(s: Stats | None, digits: int = 2) -> str:
    if s is None or not s.samples:
        return "n/a"
    return f"{s.median * 1e6:.{digits}f} us ({s.min * 1e6:.{digits}f}-{s.max * 1e6:.{digits}f})"


def _same_books(got: dict[str, Any] | None, want: dict[str, Any]) -> str:
    if not got:
        return "no books"
    bad = []
    for ticker, sides in want.items():
        book = got.get(ticker)
        if not book:
            bad.append(f"{ticker}: none")
            continue
        for side, levels in sides.items():
            have = {Decimal(p): Decimal(q) for p, q in book[side]}
            expect = {Decimal(p): Decimal(q) for p, q in levels.items()}
            if have != expect:
                diff = len(set(have.items()) ^ set(expect.items()))
                bad.append(f"{ticker} {side}: {diff} levels differ")
    return "agree" if not bad else "DIFFER: " + "; ".join(bad[:3])


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds per stream (default 7)")
    parser.add_argument(
        "--frames", type=int, default=20_000, help="data frames per stream and round (20000)"
    )
    parser.add_argument("--only", default="stream,book,startup", help="comma list of parts")
    parser.add_argument(
        "--contenders",
        default=",".join(CONTENDERS),
        help=f"comma list of contenders (default all: {','.join(CONTENDERS)})",
    )
    parser.add_argument(
        "--tree",
        type=Path,
        help="the generated tree to measure as ours (default: generated/ or /tmp/gen/out, "
        "whichever has kalshi/ws/client.py)",
    )
    parser.add_argument("--samples", help="the recorded frames (default ../shared/ws-samples)")
    parser.add_argument("--python312", help="the Python 3.12 to build the venv from")
    parser.add_argument(
        "--queue-size",
        type=int,
        help="per-subscription queue size passed to both clients (default: each one's own)",
    )
    parser.add_argument(
        "--import-runs", type=int, default=10, help="fresh interpreters per import (10)"
    )
    parser.add_argument("--seed", type=int, default=13, help="for the varied prices and sizes")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--worker", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args()


class _Bench:
    """One run: the environment, the server and workers, the figures and the notes."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.parts = set(args.only.split(","))
        if not self.parts <= {"stream", "book", "startup"}:
            raise BenchError(f"--only takes stream, book, startup; got {args.only}")
        if min(args.rounds, args.frames, args.import_runs) < 1:
            raise BenchError("--rounds, --frames and --import-runs must be at least 1")
        wanted = args.contenders.split(",")
        if set(wanted) - set(CONTENDERS):
            raise BenchError(f"--contenders takes {', '.join(CONTENDERS)}; got {args.contenders}")
        self.chosen = [c for c in CONTENDERS if c in wanted]
        self.stats: dict[tuple[str, str], Stats] = {}
        self.results: dict[str, Any] = {"frames": args.frames, "rounds": args.rounds}
        self.notes: list[str] = []
        self.unavailable: dict[str, str] = {}
        self.workers: dict[str, _Proc] = {}

    def setup(self) -> None:
        from client import find_python312, install_ours  # the same venv and install

        args = self.args
        self.samples = find_samples(args.samples)
        if not KEY_PATH.is_file():
            raise BenchError(f"test key not found: {KEY_PATH}")
        py312 = find_python312(args.python312)
        venv = ensure_venv(
            f"venv-sdk-{SDK_VERSION}-py{py312.parent.parent.name}",
            py312,
            [f"kalshi-sdk=={SDK_VERSION}"],
        )
        self.python = venv_python(venv)
        ensure_module(self.python, "aiohttp", AIOHTTP)
        tree = find_tree(args.tree)
        self.rest_only = tree is None
        source = tree or ROOT / "generated"
        if (source / "pyproject.toml").is_file():
            # a target folder of its own (install_ours names it after its second argument),
            # so this and client.py do not reinstall over each other measuring two trees
            ours_path = install_ours(self.python, venv.with_name(venv.name + "-ws"), source)
        else:
            ours_path = source
        self.envs = {impl: bench_env() for impl in CONTENDERS}
        self.envs["ours"] = bench_env({"PYTHONPATH": str(ours_path)})
        self.envs["ours_aiohttp"] = self.envs["ours"]
        print(f"interpreter: {self.python} (from {py312})")
        missing = " -- no kalshi/ws/client.py there: ours' WebSocket figures are n/a"
        print(f"ours: {source}{missing if self.rest_only else ''}")
        print(f"before: {load_line()}")

    def run(self) -> None:
        work = Path(tempfile.mkdtemp(prefix="ws-", dir=cache_dir()))
        try:
            if self.parts & {"stream", "book"}:
                self._with_server(work)
            if "startup" in self.parts:
                self.measure_startup()
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _with_server(self, work: Path) -> None:
        meta = write_work(work, self.samples, self.args.frames, self.args.seed)
        self.want_books = json.loads((work / "books.json").read_text(encoding="utf-8"))
        print(
            f"frames (built from {self.samples}/frames): ticker {meta['ticker_bytes']:.0f} B, "
            f"orderbook_delta {meta['delta_bytes']:.0f} B, snapshot "
            f"{meta['snapshot_bytes']:.0f} B on average; {self.args.frames:,} data frames per "
            f"stream and round, {TICKER_MARKETS} ticker markets, {BOOK_MARKETS} books"
        )
        script = str(Path(__file__).resolve())
        server = _Proc(
            "server", [str(self.python), script, "--serve", "--work", str(work)], bench_env(), work
        )
        if "port" not in server.hello:
            raise BenchError(f"the WebSocket server did not start: {server.hello.get('error')}")
        try:
            self.start_workers(script, server.hello["port"], work)
            if "stream" in self.parts:
                self.measure_streams()
            if "book" in self.parts:
                self.measure_books()
        finally:
            for impl, w in self.workers.items():
                w.stop()
                self._note_stderr(impl, w)
            self.results["server"] = server.stop(quit_line=False)
            self._note_stderr("server", server)

    def _note_stderr(self, name: str, proc: _Proc) -> None:
        """What a process logged (kalshi-sdk logs skipped frames): counted, first lines kept."""
        lines = [line for line in proc.stderr_lines() if line.strip()]
        if lines:
            head = " | ".join(lines[:3])[:400]
            self.notes.append(f"{name} wrote {len(lines)} stderr lines, first: {head}")

    def start_workers(self, script: str, port: int, work: Path) -> None:
        for impl in self.chosen:
            if impl in OURS and self.rest_only:
                self.unavailable[impl] = "no generated kalshi/ws/client.py (pass --tree PATH)"
                continue
            cmd = [str(self.python), script, "--worker", impl, "--port", str(port)]
            w = _Proc(impl, [*cmd, "--work", str(work)], self.envs[impl], work)
            if "ready" not in w.hello:
                raise BenchError(f"{impl} worker failed to start: {w.hello.get('error')}")
            if "unavailable" in w.hello:
                self.unavailable[impl] = w.hello["unavailable"]
                w.stop()
                continue
            self.workers[impl] = w
            print(f"  {impl}: kalshi from {w.hello.get('kalshi')}, {w.hello['versions']}")
        for impl, why in self.unavailable.items():
            print(f"  {impl}: not available ({why})")

    def measure_streams(self) -> None:
        live = [c for c in CONTENDERS if c in self.workers]
        checks: dict[str, dict[str, Any]] = {}
        n = self.args.frames
        for r in range(self.args.rounds):
            for stream in STREAMS:
                for impl in live[r % len(live) :] + live[: r % len(live)]:  # rotate who is first
                    cmd = {"op": "stream", "stream": stream, "n": n, "queue": self.args.queue_size}
                    res = self.workers[impl].ask(cmd)
                    if res.get("error") or not res.get("complete"):
                        self.notes.append(
                            f"round {r + 1}, {stream}, {impl}: {res.get('error') or 'incomplete'} "
                            f"({res.get('main')} of {n} frames, {res.get('other')} other, "
                            f"{res.get('events')} events)"
                        )
                        continue
                    self.stats.setdefault((stream, impl), Stats()).add(res["fps"])
                    if res.get("cpu_per_frame"):
                        key = (f"cpu_{stream}", impl)
                        self.stats.setdefault(key, Stats()).add(res["cpu_per_frame"])
                    check = checks.setdefault(f"{stream}/{impl}", {})
                    check["events"] = check.get("events", 0) + res["events"]
                    check["last"] = res.get("last")
                    if stream == "book" and impl in ("sdk", *OURS):
                        check["books"] = _same_books(res.get("books"), self.want_books)
        self.results["checks"] = checks

    def measure_books(self) -> None:
        both = [i for i in ("sdk", "ours") if i in self.workers]
        for r in range(self.args.rounds):
            for impl in both[:: 1 if r % 2 else -1]:
                res = self.workers[impl].ask({"op": "book"})
                if res.get("error"):
                    self.notes.append(f"book cost, {impl}: {res['error']}")
                    continue
                for name, value in res.items():
                    self.stats.setdefault((f"book_{name}", impl), Stats()).add(value)
        for impl in both:
            res = self.workers[impl].ask({"op": "memory"})
            if res.get("error"):
                self.notes.append(f"memory, {impl}: {res['error']}")
                continue
            self.results[f"memory/{impl}"] = res

    def measure_startup(self) -> None:
        for impl, module in (
            ("sdk", "kalshi"),
            ("sdk", "kalshi.ws"),
            ("ours", "kalshi"),
            ("ours", "kalshi.ws"),
        ):
            if impl == "ours" and module == "kalshi.ws" and self.rest_only:
                continue
            env = self.envs[impl]
            try:
                inner, _wall = fresh_import_times(self.python, module, self.args.import_runs, env)
            except BenchError as exc:
                self.notes.append(f"import {module}, {impl}: {str(exc).splitlines()[-1]}")
                continue
            self.stats[(f"import {module}", impl)] = inner
            code = (
                f"import sys, {module}; print(sorted(m for m in "
                f"{WATCHED_MODULES!r} if m in sys.modules))"
            )
            res = run_measured([str(self.python), "-c", code], env=env)
            self.results[f"loaded/{module}/{impl}"] = res.stdout.strip()

    # --- the report ---------------------------------------------------------------------------

    def report(self) -> None:
        print()
        if any(k[0] in STREAMS for k in self.stats):
            self.report_streams()
        if any(k[0].startswith("book_") for k in self.stats):
            self.report_books()
        if any(k[0].startswith("import") for k in self.stats):
            self.report_startup()
        for note in self.notes:
            print(f"note: {note}")
        print(f"after: {load_line()}")
        if self.args.json:
            self.results["stats"] = {f"{k[0]}/{k[1]}": s.to_json() for k, s in self.stats.items()}
            self.args.json.write_text(json.dumps(self.results, indent=2, default=str))

    def report_streams(self) -> None:
        stats = self.stats
        floor = {s: stats.get((s, "floor")) for s in STREAMS}
        rows = []
        for impl in self.chosen:
            cells = [LABELS[impl]]
            for stream in STREAMS:
                s = stats.get((stream, impl))
                if s is None:
                    cells += ["not available" if impl in self.unavailable else "n/a", ""]
                    continue
                cells += [_fps(s), _us(stats.get((f"cpu_{stream}", impl)), 1)]
            rows.append(cells)
        header = [
            f"median (min-max) of {self.args.rounds} rounds x {self.args.frames:,} frames",
            "ticker frames/s",
            "ticker CPU/frame",
            "orderbook_delta frames/s",
            "orderbook_delta CPU/frame",
        ]
        print(table(rows, header))
        print()
        for stream in STREAMS:
            sdk, f = stats.get((stream, "sdk")), floor[stream]
            sdk_cpu = stats.get((f"cpu_{stream}", "sdk"))
            for impl in OURS:
                if impl not in self.chosen:
                    continue
                name = "ours" if impl == "ours" else 'ours (connector="aiohttp")'
                ours, ours_cpu = stats.get((stream, impl)), stats.get((f"cpu_{stream}", impl))
                label = f"{stream}: {name} / kalshi-sdk, frames/s"
                print(ratio_line(label, ours, sdk, ">= 3.0") if ours and sdk else f"{label}: n/a")
                if ours_cpu and sdk_cpu:  # the same goal by the client's CPU per frame
                    label = f"{stream}: kalshi-sdk / {name}, client CPU per frame"
                    print(ratio_line(label, sdk_cpu, ours_cpu, ">= 3.0"))
                if ours and sdk and ours_cpu and sdk_cpu:
                    # other load only ever slows a round down: the best rounds are the least
                    # disturbed
                    print(
                        f"  {stream}, best rounds: {name} / kalshi-sdk {ours.max / sdk.max:.2f}x "
                        f"by frames/s, {sdk_cpu.min / ours_cpu.min:.2f}x by CPU per frame"
                    )
            ratios = [
                f"{impl} {stats[(stream, impl)].median / f.median:.2f}x"
                for impl in CONTENDERS[1:]
                if f and (stream, impl) in stats
            ]
            if ratios:
                print(f"  {stream}, each / the websockets floor: " + ", ".join(ratios))
            if sdk and f:
                line = (
                    f"  {stream}: the websockets floor is {f.median / sdk.median:.2f}x kalshi-sdk"
                )
                aio = stats.get((stream, "aiohttp"))
                if aio:
                    line += f", the aiohttp floor {aio.median / sdk.median:.2f}x"
                print(line + " (3x kalshi-sdk needs a socket floor well above 3x)")
        for key, check in sorted(self.results.get("checks", {}).items()):
            bits = []
            if check.get("last"):
                bits.append(f"last frame decoded as {check['last']}")
            if "books" in check:
                bits.append(f"books after the stream {check['books']} with the frames")
            if check.get("events"):
                bits.append(f"{check['events']} events (gaps/resyncs) yielded")
            if bits:
                print(f"  check {key}: " + "; ".join(bits))
        server = self.results.get("server") or {}
        if server:
            print(
                f"  server saw handshakes {server.get('handshakes')}, commands {server.get('commands')}"
            )
        print()

    def report_books(self) -> None:
        rows = []
        for name, what in (
            ("book_decode_apply", "one delta: decode + apply to the local book"),
            ("book_decode", "one delta: decode only"),
            ("book_apply", "one delta: apply only (already decoded)"),
            ("book_apply_read", "one delta: apply + read the best yes bid"),
        ):
            sdk, ours = self.stats.get((name, "sdk")), self.stats.get((name, "ours"))
            ratio = f"{ours.median / sdk.median:.2f}x" if ours and sdk else "n/a"
            rows.append([what, _us(sdk), _us(ours), ratio])
        mem = {impl: self.results.get(f"memory/{impl}") for impl in ("sdk", "ours")}

        def kib(impl: str, key: str) -> str:
            m = mem[impl]
            return f"{m[key] / 1024:.1f} KiB" if m else "n/a"

        sdk_m, ours_m = mem["sdk"], mem["ours"]
        ratio = f"{ours_m['retained'] / sdk_m['retained']:.2f}x" if sdk_m and ours_m else "n/a"
        label = f"memory one more {BIG_BOOK_LEVELS:,}-level book keeps (tracemalloc)"
        rows.append([label, kib("sdk", "retained"), kib("ours", "retained"), ratio])
        label = f"the same, averaged over the first {MEMORY_BOOKS} books"
        rows.append([label, kib("sdk", "average"), kib("ours", "average"), ""])
        label = "transient peak building it, above what it keeps"
        rows.append([label, kib("sdk", "transient"), kib("ours", "transient"), ""])
        header = ["book, in-process (no socket)", f"kalshi-sdk {SDK_VERSION}", "ours", "ours / sdk"]
        print(table(rows, header))
        yardstick = self.stats.get(("book_json", "sdk"))
        if yardstick:
            print(
                f"yardstick of this machine: json.loads of one {DELTA_BYTES}-byte delta "
                f"{_us(yardstick)}; kalshi-sdk's decode above is its json.loads + model_validate "
                "(GUIDE.md 9 measured 13.4 us for it, 5.8 us for one model_validate_json)"
            )
        print()

    def report_startup(self) -> None:
        rows = []
        for module in ("kalshi", "kalshi.ws"):
            cells = [f"`import {module}`, fresh interpreter (n={self.args.import_runs})"]
            for impl in ("sdk", "ours"):
                s = self.stats.get((f"import {module}", impl))
                loaded = self.results.get(f"loaded/{module}/{impl}")
                cells.append(f"{s.fmt()}, loads {loaded}" if s else "n/a")
            rows.append(cells)
        header = [
            f"start-up (of {', '.join(WATCHED_MODULES)})",
            f"kalshi-sdk {SDK_VERSION}",
            "ours",
        ]
        print(table(rows, header))
        ours_imp = self.stats.get(("import kalshi", "ours"))
        if ours_imp:
            met = "met" if ours_imp.median < 0.100 else "NOT met"
            print(f"import kalshi, ours: {ours_imp.median * 1e3:.1f} ms (goal < 100 ms: {met})")
        if self.rest_only:
            print("  (ours is the REST-only tree: no kalshi.ws to import yet)")
        print()


def main() -> int:
    args = parse_args()
    if args.serve:
        return _serve(args.work)
    if args.worker:
        return _worker(args.worker, args.port, args.work)
    bench = _Bench(args)
    bench.setup()
    bench.run()
    bench.report()
    return 0


if __name__ == "__main__":
    main_guard(main)

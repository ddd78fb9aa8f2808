"""FakeKalshiWS: a fake Kalshi WebSocket exchange on loopback, driven by the AsyncAPI document.

    from kalshi.testing import FakeKalshiWS

    with FakeKalshiWS() as fake:                 # or `async with`
        with fake.client() as ws:                # KalshiWS(url=fake.url, key_id=..., ...)
            trades = ws.subscribe_trade(market_tickers=["FED-23DEC-T3.00"])
            fake.push("trade", "trade", market_ticker="FED-23DEC-T3.00", count_fp="3.00")
            print(next(iter(trades)))
        assert fake.commands[0].cmd == "subscribe"

It is a real WebSocket server (`websockets`) on its own event-loop thread, so sync and async
tests use it alike. Everything it knows comes from the document's contract
(`_ws_contract.py`, generated with the client): each command is checked against the
document's command schemas and the per-channel params, auth and update actions, and is
answered the way the server answers (one `subscribed` per channel with sids numbered per
connection, `ok` carrying the sid and taking that sid's next `seq`, `unsubscribed`,
`list_subscriptions`, or `error` with the document's code). Data frames are built from the
document's examples or from the test's values, validated against the message schema, and
numbered with `seq` per subscription. Faults: gaps, duplicates, seq resets, error codes,
dropped or closed connections, refused handshakes, a silent connection, heartbeats
stopped. With a public key it verifies the handshake signature (RSA-PSS over
`timestamp + "GET" + "/trade-api/ws/v2"`); an unsigned connection may subscribe to public
channels only. Everything received and sent is recorded.

Connections are numbered 0, 1, ... in the order their handshakes were accepted; methods that
take `connection=` default to the newest open one. A `target` is a sid (int) or a channel
name (str).

The server is `FakeWSServer`, bound by class attributes to one document's contract and its
generated clients: `FakeKalshiWS` to kalshi.ws's, and each other WebSocket target's fake
(`kalshi.perps.testing.FakePerpsWS`) to its own; the code is this one.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import enum
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Mapping
from decimal import Decimal
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar, cast

from typing_extensions import Self

try:
    from websockets.asyncio.server import Server, ServerConnection, serve
    from websockets.exceptions import ConcurrencyError, ConnectionClosed
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "FakeKalshiWS needs the `websockets` package: pip install 'websockets>=15'"
    ) from exc

from ..ws import AsyncKalshiWS, KalshiWS
from . import _ws_contract
from ._fake import FAKE_KEY_ID, PublicKeyLike, _load_public_key, _throwaway_key_pem
from ._ws_document import load_contract
from ._ws_exchange import (
    Conn,
    Exchange,
    Levels,
    Number,
    Out,
    Script,
    Sub,
    Target,
    _as_frame,
    _count,
    _decimal,
    _dumps,
    _is_int,
    _jsonable,
    _levels,
    _money,
    _side_levels,
)
from ._ws_records import Handshake, InvalidFrameError, RecordedCommand, SentFrame, SubscriptionInfo

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
    from websockets.http11 import Request, Response

    from ..ws._channel import BookSpec
    from ..ws._session import AsyncSession
    from ..ws._sync import SyncSession

__all__ = [
    "FakeKalshiWS",
    "FakeWSServer",
    "Handshake",
    "InvalidFrameError",
    "RecordedCommand",
    "SentFrame",
    "SubscriptionInfo",
]

WS_PATH: str = _ws_contract.WS_PATH  # kalshi.ws's; a fake's own is its `ws_path`
HEARTBEAT_SECONDS: float = float(_ws_contract.HEARTBEAT_SECONDS)
HEARTBEAT_BODY = b"heartbeat"  # the document's outgoingPing payload
AUTH_HEADERS = ("KALSHI-ACCESS-KEY", "KALSHI-ACCESS-TIMESTAMP", "KALSHI-ACCESS-SIGNATURE")

_T = TypeVar("_T")
_Sync = TypeVar("_Sync", bound="SyncSession")
_Async = TypeVar("_Async", bound="AsyncSession")


class _Default(enum.Enum):
    HEARTBEAT = "the document's heartbeat"


# ---------------------------------------------------------------------- the fake


class FakeWSServer(Exchange, Generic[_Sync, _Async]):
    """A fake Kalshi WebSocket server on 127.0.0.1 (see the module docstring) for the document
    of `contract`, whose generated clients are `clients` (`client()`, `async_client()`).
    FakeKalshiWS and the other targets' fakes set both.

    `public_key`: verify the KALSHI-ACCESS-* handshake headers with it (401 when they do not
    verify); without it, any complete set of headers counts as signed.
    `verifying()` makes one with a throwaway key pair that `client()` signs with.
    `require_auth`: refuse unsigned handshakes (401) instead of allowing public channels.
    `heartbeat_interval`: seconds between `heartbeat` pings (None: none; default: the
    document's); settable later.
    `auto_snapshots`: an order book subscription (and add_markets) gets a snapshot of each
    market, as the server sends. `send_clock`: book frames carry `clock` where the document
    has one (the server omits it).
    """

    contract: ClassVar[ModuleType]  # the generated _ws_contract module of the document
    clients: ClassVar[tuple[type[SyncSession], type[AsyncSession]]]  # its (sync, async) clients

    def __init__(
        self,
        public_key: PublicKeyLike | None = None,
        *,
        require_auth: bool = False,
        heartbeat_interval: float | None | Literal[_Default.HEARTBEAT] = _Default.HEARTBEAT,
        auto_snapshots: bool = True,
        send_clock: bool = True,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        document = load_contract(type(self).contract)
        super().__init__(document, auto_snapshots=auto_snapshots, send_clock=send_clock)
        self.ws_path = document.ws_path  # what the handshake is made to and signs
        if heartbeat_interval is _Default.HEARTBEAT:
            heartbeat_interval = document.heartbeat_seconds
        self._public_key: RSAPublicKey | None = (
            None if public_key is None else _load_public_key(public_key)
        )
        self.require_auth = require_auth
        self.heartbeat_interval = heartbeat_interval
        self._host, self._port = host, port
        self._handshakes: list[Handshake] = []
        # id(connection) -> (authenticated, key id, its Handshake) between request and response
        self._pending: dict[int, tuple[bool, str | None, Handshake]] = {}
        self._by_socket: dict[int, Conn] = {}  # id(connection) -> its state, until the handler
        self._rejections: deque[tuple[int, str, dict[str, str]]] = deque()
        self._heartbeats = True
        self._thread: threading.Thread | None = None
        self._server: Server | None = None
        self._startup_error: BaseException | None = None

    @classmethod
    def verifying(cls, **kwargs: Any) -> Self:
        """A fake that verifies signatures with the throwaway key `client()` signs with."""
        return cls(public_key=_throwaway_key_pem(), **kwargs)

    def __repr__(self) -> str:
        state = self.url if self._server is not None else "not started"
        verifying = "verifying signatures" if self._public_key is not None else "no key"
        return f"{type(self).__name__}({state}, {verifying}, {self.connections} connection(s))"

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Self:
        """Start serving on a thread of its own (the context managers call this)."""
        name = type(self).__name__
        if self._thread is not None:
            raise RuntimeError(f"{name} is already started")
        ready = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(ready,), name=name, daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError(f"{name} did not start within 10 s")
        if self._startup_error is not None:
            raise RuntimeError(f"{name} could not start") from self._startup_error
        return self

    def stop(self) -> None:
        """Close every connection (1001) and stop the server; idempotent."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
        finally:
            loop.call_soon_threadsafe(loop.stop)
            thread.join(10)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> Self:
        return await asyncio.to_thread(self.start)

    async def __aexit__(self, *exc_info: object) -> None:
        await asyncio.to_thread(self.stop)

    @property
    def url(self) -> str:
        """ws://127.0.0.1:<port><the document's path>, e.g. /trade-api/ws/v2"""
        if self._server is None:
            name = type(self).__name__
            raise RuntimeError(f"{name} is not started: use `with {name}() as fake:`")
        port = self._server.sockets[0].getsockname()[1]
        return f"ws://{self._host}:{port}{self.ws_path}"

    @property
    def key_id(self) -> str:
        """The key id `client()` signs with unless told otherwise."""
        return FAKE_KEY_ID

    @property
    def private_key_pem(self) -> str:
        """The throwaway private key `client()` signs with (matches `verifying()`)."""
        return _throwaway_key_pem()

    def client(self, *, signed: bool = True, **kwargs: Any) -> _Sync:
        """The sync client (`kalshi.ws.KalshiWS` for FakeKalshiWS) on this fake; keyword
        arguments go to it. `signed=False` connects without a key (public channels only)."""
        return cast("_Sync", self.clients[0](**self._client_kwargs(signed, kwargs)))

    def async_client(self, *, signed: bool = True, **kwargs: Any) -> _Async:
        """The async client (`kalshi.ws.AsyncKalshiWS` for FakeKalshiWS), like `client()`."""
        return cast("_Async", self.clients[1](**self._client_kwargs(signed, kwargs)))

    def _book_layout(self, channel: str) -> BookSpec:
        client = self.clients[1]
        spec = client._get_protocol().channels[channel].book
        if spec is None:
            raise ValueError(f"{client.__module__} keeps no order book for {channel!r}")
        return spec

    def _client_kwargs(self, signed: bool, kwargs: dict[str, Any]) -> dict[str, Any]:
        kwargs.setdefault("url", self.url)
        kwargs.setdefault("allow_unknown_host", True)
        if signed:
            kwargs.setdefault("key_id", FAKE_KEY_ID)
            if kwargs.get("private_key") is None and kwargs.get("private_key_path") is None:
                kwargs["private_key"] = _throwaway_key_pem()
        return kwargs

    # ------------------------------------------------------------------ what happened

    @property
    def commands(self) -> list[RecordedCommand]:
        """Every text frame received, oldest first (a copy)."""
        with self._lock:
            return list(self._commands)

    @property
    def sent(self) -> list[SentFrame]:
        """Everything sent (text frames, pings, closes, drops), oldest first (a copy)."""
        with self._lock:
            return list(self._sent)

    def sent_json(self, connection: int | None = None) -> list[Any]:
        """The text frames sent (on one connection, or all), decoded where they are JSON."""
        out: list[Any] = []
        for frame in self.sent:
            if frame.kind == "text" and connection in (None, frame.connection):
                try:
                    out.append(json.loads(frame.text))
                except ValueError:
                    out.append(frame.text)
        return out

    @property
    def handshakes(self) -> list[Handshake]:
        """Every opening handshake, accepted or refused (a copy)."""
        with self._lock:
            return list(self._handshakes)

    @property
    def connections(self) -> int:
        """How many connections were accepted so far."""
        with self._lock:
            return len(self._conns)

    def is_open(self, connection: int | None = None) -> bool:
        with self._lock:
            if connection is None:
                return any(c.open for c in self._conns)
            return self._conn_at(connection).open

    def subscriptions(self, connection: int | None = None) -> list[SubscriptionInfo]:
        """The live subscriptions (of one connection, or of every open one)."""
        with self._lock:
            conns = [self._conn_at(connection)] if connection is not None else self._conns
            return [self._info(c, s) for c in conns if c.open for s in c.subs.values()]

    def clear(self) -> None:
        """Forget recorded commands, sent frames and handshakes."""
        with self._lock:
            self._commands.clear()
            self._sent.clear()
            self._handshakes.clear()

    def wait_for_command(
        self,
        cmd: str | None = None,
        *,
        count: int = 1,
        connection: int | None = None,
        timeout: float = 2.0,
    ) -> RecordedCommand:
        """The `count`-th command received (of kind `cmd`, on `connection`), waiting for it."""

        def found() -> RecordedCommand | None:
            hits = [
                c
                for c in self._commands
                if cmd in (None, c.cmd) and connection in (None, c.connection)
            ]
            return hits[count - 1] if len(hits) >= count else None

        what = f"{count} {cmd or 'command'}(s)" + (
            f" on connection {connection}" if connection is not None else ""
        )
        return self._wait(found, timeout, what)

    async def wait_for_command_async(
        self,
        cmd: str | None = None,
        *,
        count: int = 1,
        connection: int | None = None,
        timeout: float = 2.0,
    ) -> RecordedCommand:
        """`wait_for_command` without blocking the caller's event loop."""
        return await asyncio.to_thread(
            self.wait_for_command, cmd, count=count, connection=connection, timeout=timeout
        )

    def wait_for_connections(self, count: int = 1, *, timeout: float = 2.0) -> int:
        """Wait until `count` connections were accepted; returns the newest one's number."""
        return self._wait(
            lambda: len(self._conns) - 1 if len(self._conns) >= count else None,
            timeout,
            f"{count} connection(s)",
        )

    async def wait_for_connections_async(self, count: int = 1, *, timeout: float = 2.0) -> int:
        return await asyncio.to_thread(self.wait_for_connections, count, timeout=timeout)

    def wait_for_subscription(
        self, channel: str, *, connection: int | None = None, timeout: float = 2.0
    ) -> SubscriptionInfo:
        """Wait until a live subscription to `channel` exists (on `connection`, default: the
        newest connection); returns the newest such one."""
        self._channel(channel)

        def found() -> SubscriptionInfo | None:
            conns = [c for c in self._conns if connection in (None, c.index)]
            if connection is None:
                conns = conns[-1:]
            subs = [(c, s) for c in conns if c.open for s in c.subs.values()]
            hits = [self._info(c, s) for c, s in subs if s.channel == channel]
            return hits[-1] if hits else None

        return self._wait(found, timeout, f"a subscription to {channel!r}")

    async def wait_for_subscription_async(
        self, channel: str, *, connection: int | None = None, timeout: float = 2.0
    ) -> SubscriptionInfo:
        return await asyncio.to_thread(
            self.wait_for_subscription, channel, connection=connection, timeout=timeout
        )

    def wait_closed(self, connection: int | None = None, *, timeout: float = 2.0) -> None:
        """Wait until a connection (default: the newest) has closed."""

        def found() -> bool | None:
            if not self._conns:
                return None
            conn = self._conns[-1] if connection is None else self._conn_at(connection)
            return True if not conn.open else None

        self._wait(found, timeout, "the connection to close")

    def _wait(self, found: Callable[[], _T | None], timeout: float, what: str) -> _T:
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                result = found()
                if result is not None:
                    return result
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = ", ".join(f"{c.cmd}@{c.connection}" for c in self._commands) or "none"
                    raise TimeoutError(
                        f"{type(self).__name__}: no {what} within {timeout:g} s "
                        f"({len(self._conns)} connection(s); commands: {seen})"
                    )
                self._changed.wait(left)

    # ------------------------------------------------------------------ scripting answers

    def fail_next(self, cmd: str, code: int, *, times: int = 1) -> None:
        """Answer the next `times` commands `cmd` with error `code` instead of doing them."""
        self._command(cmd)
        self._error_code(code)
        with self._lock:
            self._scripts.append(Script(cmd, code, times))

    def ignore_next(self, cmd: str, *, times: int = 1) -> None:
        """Leave the next `times` commands `cmd` unanswered (a client's command timeout)."""
        self._command(cmd)
        with self._lock:
            self._scripts.append(Script(cmd, None, times))

    def reject_next_handshake(
        self,
        status: int = 503,
        *,
        times: int = 1,
        body: str = "",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Refuse the next `times` opening handshakes with an HTTP `status` (e.g. 429 with
        headers={"Retry-After": "1"}, 401, 503)."""
        if not 300 <= status <= 599:
            raise ValueError(f"a refused handshake needs an HTTP status 300-599, not {status}")
        with self._lock:
            for _ in range(times):
                self._rejections.append((status, body, dict(headers or {})))

    # ------------------------------------------------------------------ pushing data

    def push(
        self,
        target: Target,
        message_type: str,
        /,
        msg: Mapping[str, Any] | None = None,
        *,
        omit: Collection[str] = (),
        validate: bool = True,
        connection: int | None = None,
        **fields: Any,
    ) -> list[dict[str, Any]]:
        """Send a data frame of `message_type` to a subscription; returns the frames sent.

        The payload (`msg`) is the document's example for the type unless `msg=` gives one;
        `fields` then set fields of it and `omit` removes fields (sent as the server does,
        without them: a missing required field there is allowed). Decimal values are sent as
        strings. The frame is validated against the message schema (InvalidFrameError naming
        the field) unless `validate=False`, and gets the subscription's sid and, when the
        type carries one, its next `seq`.

        `target` is a sid, or a channel name: then every live subscription to that channel on
        the connection whose markets include the frame's `market_ticker` gets it. Pushing
        order book frames here does not change the fake's books (see `push_delta`).
        """
        entry = self._message(message_type)
        with self._lock:
            conn = self._conn_at(connection)
            base = dict(msg) if msg is not None else self.example(message_type).get("msg", {})
            payload = {**(base if isinstance(base, Mapping) else {}), **fields}
            for name in omit:
                payload.pop(name, None)
            payload = _jsonable(payload)
            subs = self._targets(conn, target, message_type, payload)
            frame: dict[str, Any] = {"type": message_type, "sid": subs[0].sid}
            if entry["seq"]:
                frame["seq"] = 1
            frame["msg"] = payload
            if validate:
                self._check_frame(frame, message_type, {f"msg.{name}" for name in omit})
            return [self._send_data(conn, sub, message_type, payload) for sub in subs]

    def push_raw(self, text: str | bytes, *, connection: int | None = None) -> None:
        """Send a text frame exactly as given (malformed JSON, unknown types, hostile input)."""
        raw = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
        with self._lock:
            self._enqueue(self._conn_at(connection), Out("text", raw))

    def replay(
        self,
        frames: Iterable[Mapping[str, Any] | str | bytes],
        *,
        sids: Mapping[int, int] | None = None,
        skip_types: Collection[str] = ("subscribed",),
        drop_ids: bool = True,
        connection: int | None = None,
    ) -> int:
        """Send recorded server frames (dicts, or JSON lines of ws-samples/frames/*.jsonl) to
        the live subscriptions; returns how many were sent.

        A recorded sid is mapped to a live one: by `sids` ({recorded: live}), else by channel
        (a recorded `subscribed` frame names it, else the frame's type does), else to the
        only live subscription. `seq` is renumbered to continue the live subscription's run,
        keeping the recording's own gaps. Frames of `skip_types` are not sent; with
        `drop_ids`, `id`s are removed (they answer commands the live client never sent).
        Frames are sent as recorded otherwise, not validated; a line that is not a JSON
        object is sent raw.
        """
        sent = 0
        with self._lock:
            conn = self._conn_at(connection)
            mapping: dict[int, Sub] = {}
            for recorded, live in (sids or {}).items():
                mapping[int(recorded)] = self._sub(conn, live)
            channels: dict[int, str] = {}
            offsets: dict[int, int] = {}
            for item in frames:
                frame = _as_frame(item)
                if frame is None:
                    raw = item.decode("utf-8", "replace") if isinstance(item, bytes) else item
                    self._enqueue(conn, Out("text", str(raw)))
                    sent += 1
                    continue
                frame_type = frame.get("type")
                body = frame.get("msg")
                if (  # a recorded subscribe reply names the channel of its sid
                    frame_type == self._contract.reply_type("subscribed")
                    and isinstance(body, Mapping)
                    and _is_int(body.get("sid"))
                    and isinstance(body.get("channel"), str)
                ):
                    channels[body["sid"]] = body["channel"]
                if frame_type in skip_types:
                    continue
                recorded_sid = frame.get("sid")
                sub: Sub | None = None
                if isinstance(recorded_sid, int) and not isinstance(recorded_sid, bool):
                    sub = self._replay_sub(conn, recorded_sid, frame_type, mapping, channels)
                    frame["sid"] = sub.sid
                    seq = frame.get("seq")
                    if isinstance(seq, int) and not isinstance(seq, bool):
                        offset = offsets.setdefault(recorded_sid, sub.seq - (seq - 1))
                        frame["seq"] = seq + offset
                        sub.seq = max(sub.seq, frame["seq"])
                if drop_ids:
                    frame.pop("id", None)
                text = _dumps(frame)
                if sub is not None and "seq" in frame:
                    sub.last_seq_frame = text
                self._enqueue(conn, Out("text", text))
                sent += 1
        return sent

    # ------------------------------------------------------------------ order books

    def set_book(
        self, market_ticker: str, *, market_id: str | None = None, **sides: Levels | None
    ) -> None:
        """Set the exchange's book of a market (what the next snapshots show); sends nothing.
        One keyword per side of the document's book (`yes=`, `no=`; `bid=`, `ask=`), each
        (price in dollars, contracts) pairs; a side not given is empty."""
        with self._lock:
            book = self._book(market_ticker, market_id)
            levels = self._side_levels(sides)
            book.sides = {side: levels.get(side, {}) for side in book.sides}

    def book(self, market_ticker: str) -> dict[str, list[tuple[str, str]]]:
        """The exchange's book of a market as the snapshot lists it: side -> [(price, count)]
        ascending by price."""
        with self._lock:
            book = self._book(market_ticker)
            return {side: _side_levels(levels) for side, levels in book.sides.items()}

    def push_snapshot(
        self,
        market_ticker: str,
        *,
        target: Target | None = None,
        connection: int | None = None,
        **sides: Levels | None,
    ) -> list[dict[str, Any]]:
        """Send an order book snapshot of a market (setting the sides given first: `yes=` /
        `no=`, `bid=` / `ask=`, as in `set_book`) to every book subscription covering it (or
        to `target`); a side given as None stays as it is."""
        with self._lock:
            book = self._book(market_ticker)
            book.sides.update(self._side_levels(sides))
            conn = self._conn_at(connection)
            return [
                self._send_snapshot(conn, sub, market_ticker, None)
                for sub in self._book_targets(conn, target, market_ticker)
            ]

    def push_delta(
        self,
        market_ticker: str,
        side: str,
        price: Number,
        delta: Number,
        *,
        target: Target | None = None,
        connection: int | None = None,
        **fields: Any,
    ) -> list[dict[str, Any]]:
        """Change a level of the exchange's book by `delta` contracts (a level at 0 goes) and
        send the delta to every book subscription covering the market (or to `target`);
        `side` is one of the book's ("yes"/"no", "bid"/"ask"); `fields` add payload fields
        (client_order_id, ts, ...)."""
        self._check_side(side)
        level, change = _decimal(price, "price"), _decimal(delta, "delta")
        channel = self._book_spec()
        spec = channel.spec
        with self._lock:
            conn = self._conn_at(connection)
            subs = self._book_targets(conn, target, market_ticker)
            book = self._book(market_ticker)
            levels = book.sides[side]
            size = levels.get(level, Decimal(0)) + change
            if size > 0:
                levels[level] = size
            else:
                levels.pop(level, None)
            book.clock += 1
            payload: dict[str, Any] = {spec.market_field: market_ticker}
            if "market_id" in channel.delta_fields:
                payload["market_id"] = book.market_id
            payload[spec.price_field] = _money(level)
            payload[spec.delta_field] = _count(change)
            payload[spec.side_field] = side
            clock = spec.clock_field
            if self.send_clock and clock is not None:
                payload[clock] = book.clock
            payload.update(_jsonable(fields))
            frame = {"type": spec.delta_type, "sid": subs[0].sid, "seq": 1, "msg": payload}
            ignore = () if self.send_clock or clock is None else (f"msg.{clock}",)
            self._check_frame(frame, spec.delta_type, ignore)
            return [self._send_data(conn, sub, spec.delta_type, payload) for sub in subs]

    def _side_levels(self, sides: Mapping[str, Levels | None]) -> dict[str, dict[Decimal, Decimal]]:
        for side in sides:
            self._check_side(side)
        return {side: _levels(given, side) for side, given in sides.items() if given is not None}

    # ------------------------------------------------------------------ faults

    def inject_gap(self, target: Target, n: int = 1, *, connection: int | None = None) -> None:
        """Skip `n` seq numbers: the subscription's next frame arrives with seq + n + 1."""
        if n < 1:
            raise ValueError(f"n must be >= 1, not {n}")
        with self._lock:
            self._sub(self._conn_at(connection), target).seq += n

    def duplicate(self, target: Target, *, connection: int | None = None) -> None:
        """Send the subscription's last seq-carrying frame again, unchanged."""
        with self._lock:
            conn = self._conn_at(connection)
            sub = self._sub(conn, target)
            if sub.last_seq_frame is None:
                raise ValueError(f"sid {sub.sid} ({sub.channel}) has sent no frame with a seq yet")
            self._enqueue(conn, Out("text", sub.last_seq_frame))

    def reset(self, target: Target, *, connection: int | None = None) -> None:
        """Start the subscription's seq again: its next frame has seq 1."""
        with self._lock:
            self._sub(self._conn_at(connection), target).seq = 0

    def send_error(
        self,
        code: int,
        *,
        sid: int | None = None,
        id: int | None = None,
        message: str | None = None,
        connection: int | None = None,
    ) -> dict[str, Any]:
        """Send an `error` frame with a code of the document. With `sid` it is scoped to that
        subscription (with its next seq on a sequenced channel), and a terminal code (10, 25)
        ends the subscription, as the server does."""
        entry = self._error_code(code)
        with self._lock:
            conn = self._conn_at(connection)
            frame: dict[str, Any] = {}
            if id is not None:
                frame["id"] = id
            frame["type"] = self._contract.reply_type("error")
            if sid is not None:
                sub = self._sub(conn, sid)
                frame["sid"] = sub.sid
                if sub.sequenced:
                    frame["seq"] = sub.next_seq()
                if entry.get("terminal"):
                    del conn.subs[sub.sid]
            frame["msg"] = {"code": code, "msg": message or str(entry["name"])}
            self._send_frame(conn, frame)
            return frame

    def drop(self, *, connection: int | None = None) -> None:
        """Abort the TCP connection without a close frame (after what is queued)."""
        with self._lock:
            self._enqueue(self._conn_at(connection), Out("drop"))

    def close(self, code: int = 1000, reason: str = "", *, connection: int | None = None) -> None:
        """Close the connection with a close frame carrying `code` and `reason`."""
        if not (
            code in (1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014)
            or 3000 <= code <= 4999
        ):
            raise ValueError(f"{code} is not a close code a server may send")
        with self._lock:
            self._enqueue(self._conn_at(connection), Out("close", reason, code))

    def freeze(self, *, connection: int | None = None) -> None:
        """Go silent on the connection, keeping TCP open: nothing is read, answered (no pongs)
        or sent (no heartbeats), as a dead peer behind a live socket."""
        with self._lock:
            conn = self._conn_at(connection)
            conn.frozen = True
            self._enqueue(conn, Out("freeze"))

    def stop_heartbeats(self) -> None:
        """No more heartbeat pings, on any connection, until `start_heartbeats()`."""
        with self._lock:
            self._heartbeats = False

    def start_heartbeats(self) -> None:
        with self._lock:
            self._heartbeats = True

    # ------------------------------------------------------------------ the server's side

    def _run(self, ready: threading.Event) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop, self._loop_thread = loop, threading.get_ident()
        try:
            self._server = loop.run_until_complete(self._listen())
        except BaseException as exc:  # noqa: BLE001 - start() raises it in the caller's thread
            self._startup_error = exc
            ready.set()
            loop.close()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.close()

    async def _listen(self) -> Server:
        server: Server = await serve(
            self._handler,
            self._host,
            self._port,
            process_request=self._process_request,
            process_response=self._process_response,
            ping_interval=None,  # heartbeats are the fake's own, with body "heartbeat"
            compression=None,
            close_timeout=1,
            max_size=None,
        )
        return server

    async def _shutdown(self) -> None:
        server = self._server
        if server is None:
            return
        with self._lock:
            frozen = [c for c in self._conns if c.open and c.frozen]
        for conn in frozen:  # they would not answer a closing handshake
            conn.ws.transport.abort()
        server.close(close_connections=True)
        try:
            await asyncio.wait_for(server.wait_closed(), 5)
        except asyncio.TimeoutError:
            pass

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        headers = {name: value for name, value in request.headers.raw_items()}
        path = request.path.split("?", 1)[0]
        with self._changed:
            status, detail, authenticated, key_id = 101, "", False, None
            extra: dict[str, str] = {}
            if self._rejections:
                status, detail, extra = self._rejections.popleft()
                detail = detail or "refused by reject_next_handshake()"
            elif path != self.ws_path:
                status, detail = 404, f"no WebSocket endpoint at {path} (it is {self.ws_path})"
            else:
                refusal, key_id = self._check_signature(request)
                authenticated = refusal is None and key_id is not None
                if refusal is not None:
                    status, detail = 401, refusal
                elif self.require_auth and not authenticated:
                    status, detail = 401, "the handshake is not signed (KALSHI-ACCESS-* headers)"
            if status != 101:
                self._handshakes.append(Handshake(None, path, headers, status, False, detail))
                self._changed.notify_all()
                response = connection.respond(status, detail + "\n")
                for name, value in extra.items():
                    response.headers[name] = value
                return response
            handshake = Handshake(None, path, headers, 101, authenticated)
            self._pending[id(connection)] = (authenticated, key_id, handshake)
            self._handshakes.append(handshake)
            return None

    def _process_response(
        self, connection: ServerConnection, request: Request, response: Response
    ) -> None:
        """Register an accepted connection before its 101 goes out, so that a test may push
        as soon as its client is connected."""
        with self._changed:
            pending = self._pending.pop(id(connection), None)
            if pending is None or response.status_code != 101:
                return
            authenticated, key_id, handshake = pending
            conn = Conn(len(self._conns), connection, authenticated, key_id, asyncio.Event())
            self._conns.append(conn)
            self._by_socket[id(connection)] = conn
            for i, seen in enumerate(self._handshakes):
                if seen is handshake:
                    self._handshakes[i] = dataclasses.replace(handshake, connection=conn.index)
            self._changed.notify_all()

    def _check_signature(self, request: Request) -> tuple[str | None, str | None]:
        """(refusal, key id): no headers at all is an unsigned connection, not a refusal."""
        values = {name: request.headers.get(name) or "" for name in AUTH_HEADERS}
        present = [name for name, value in values.items() if value]
        if not present:
            return None, None
        missing = [name for name in AUTH_HEADERS if name not in present]
        if missing:
            return f"incomplete signature: {', '.join(missing)} missing", None
        key_id, timestamp, signature = (values[name] for name in AUTH_HEADERS)
        if not timestamp.isdigit():
            return f"{AUTH_HEADERS[1]} must be milliseconds, got {timestamp!r}", None
        if self._public_key is not None:
            from cryptography.exceptions import InvalidSignature
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import padding

            message = f"{timestamp}GET{self.ws_path}".encode()
            pss = padding.PSS(
                mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH
            )
            try:
                raw = base64.b64decode(signature, validate=True)
                self._public_key.verify(raw, message, pss, hashes.SHA256())
            except (binascii.Error, ValueError, InvalidSignature):
                why = (
                    f"{AUTH_HEADERS[2]} does not verify: expected an RSA-PSS SHA-256 "
                    f"signature of timestamp + GET + {self.ws_path} by the configured key"
                )
                return why, None
        return None, key_id

    async def _handler(self, ws: ServerConnection) -> None:
        with self._lock:
            conn = self._by_socket.pop(id(ws))
        writer = asyncio.create_task(self._writer(conn))
        beat = asyncio.create_task(self._heartbeat(conn))
        try:
            async for message in ws:
                text = message if isinstance(message, str) else message.decode("utf-8", "replace")
                self._on_command(conn, text)
        except ConnectionClosed:
            pass
        finally:
            with self._changed:
                conn.open = False
                self._changed.notify_all()
            beat.cancel()
            conn.wake.set()
            try:
                await asyncio.wait_for(writer, 2)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass

    async def _writer(self, conn: Conn) -> None:
        while True:
            await conn.wake.wait()
            conn.wake.clear()
            while True:
                with self._lock:
                    if not conn.outbox:
                        if not conn.open:
                            return
                        break
                    out = conn.outbox.popleft()
                try:
                    if out.kind == "text":
                        await conn.ws.send(out.text)
                    elif out.kind == "ping":
                        try:
                            await conn.ws.ping(out.text.encode())
                        except ConcurrencyError:
                            pass  # the previous heartbeat is still unanswered
                    elif out.kind == "freeze":
                        conn.ws.transport.pause_reading()
                    elif out.kind == "drop":
                        conn.ws.transport.abort()
                        return
                    else:
                        await conn.ws.close(out.code, out.text)
                        return
                except ConnectionClosed:
                    return

    async def _heartbeat(self, conn: Conn) -> None:
        while True:
            interval = self.heartbeat_interval
            await asyncio.sleep(interval if interval is not None else 0.05)
            with self._lock:
                if interval is not None and self._heartbeats and conn.open and not conn.frozen:
                    self._enqueue(conn, Out("ping", HEARTBEAT_BODY.decode()))


class FakeKalshiWS(FakeWSServer[KalshiWS, AsyncKalshiWS]):
    """A fake of the Kalshi WebSocket API (kalshi.ws) on 127.0.0.1: FakeWSServer bound to
    kalshi.ws's contract and clients (see the module docstring)."""

    contract: ClassVar[ModuleType] = _ws_contract
    clients = (KalshiWS, AsyncKalshiWS)

"""The protocol side of FakeKalshiWS: connections, subscriptions and order books, and how each
command is checked against the document and answered. No sockets here: `Exchange` decides what
to send and queues it per connection (`_enqueue`); FakeKalshiWS (`_ws_fake.py`) runs the server
and the writers, and adds the test's controls.

Everything runs under one lock, from the server's thread (commands) and the test's (pushes,
faults) alike, and each connection has one outgoing queue: so a seq is taken and its frame
queued in one step, and frames leave in seq order whoever made them.
"""

from __future__ import annotations

import asyncio
import copy
import difflib
import json
import threading
import uuid
from collections import deque
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, NamedTuple, TypeAlias, TypeGuard

from ._schema import Problem
from ._ws_document import Contract, alternatives
from ._ws_records import InvalidFrameError, RecordedCommand, SentFrame, SubscriptionInfo

if TYPE_CHECKING:
    from websockets.asyncio.server import ServerConnection

    from ..ws._channel import BookSpec

__all__ = ["Exchange", "Levels", "Number", "Target"]

_MARKET_PARAMS = ("market_ticker", "market_tickers", "market_id", "market_ids")
_MARKET_ACTIONS = ("add_markets", "delete_markets", "get_snapshot")
_MAX_PROBLEMS = 8  # problems listed in one error message

Number: TypeAlias = "Decimal | str | float"  # a price or count: "0.5600", Decimal("3"), 12
Target: TypeAlias = "int | str"  # a sid, or a channel name
Levels: TypeAlias = "Iterable[tuple[Number, Number]]"  # (price in dollars, contracts) pairs


class Refusal(Exception):
    """A command answered with an error reply."""

    def __init__(self, code: int, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass
class Out:
    """One thing for a connection's writer to do, in order."""

    kind: Literal["text", "ping", "close", "drop", "freeze"]
    text: str = ""
    code: int = 1000


@dataclass
class Sub:
    """A live subscription: its markets (or indices, underlyings) and its seq counter."""

    sid: int
    channel: str
    params: dict[str, Any]
    sequenced: bool
    tickers: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    indices: list[str] = field(default_factory=list)
    underlyings: list[str] = field(default_factory=list)
    seq: int = 0  # the last seq used
    last_seq_frame: str | None = None  # for duplicate()

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def covers(self, msg: Mapping[str, Any]) -> bool:
        """Whether a frame about `msg`'s market belongs to this subscription's markets."""
        ticker, market_id = msg.get("market_ticker"), msg.get("market_id")
        if self.tickers and isinstance(ticker, str):
            return ticker in self.tickers
        if self.ids and isinstance(market_id, str):
            return market_id in self.ids
        return True


@dataclass
class Conn:
    """One accepted connection: its auth, its subscriptions by sid and its outgoing queue."""

    index: int
    ws: ServerConnection
    authenticated: bool
    key_id: str | None
    wake: asyncio.Event
    subs: dict[int, Sub] = field(default_factory=dict)
    next_sid: int = 1
    outbox: deque[Out] = field(default_factory=deque)
    open: bool = True
    frozen: bool = False


@dataclass
class Book:
    """The exchange's order book of one market (what snapshots show, what deltas change):
    side (yes/no, bid/ask: the book channel's BookSpec) -> price -> size."""

    market_id: str
    sides: dict[str, dict[Decimal, Decimal]]
    clock: int = 0


class BookChannel(NamedTuple):
    """The document's order book channel and how its frames are laid out."""

    name: str
    spec: BookSpec
    snapshot_fields: frozenset[str]  # what the snapshot's msg may carry (market_id or not)
    delta_fields: frozenset[str]


@dataclass
class Script:
    """A scripted answer to the next command(s) of a kind (fail_next / ignore_next)."""

    cmd: str
    code: int | None  # None: no answer at all
    times: int


class Exchange:
    """Connections, subscriptions, books and the answers to commands (see the module doc)."""

    def __init__(self, contract: Contract, *, auto_snapshots: bool, send_clock: bool) -> None:
        self._contract = contract
        self.auto_snapshots = auto_snapshots
        self.send_clock = send_clock
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._conns: list[Conn] = []
        self._commands: list[RecordedCommand] = []
        self._sent: list[SentFrame] = []
        self._scripts: list[Script] = []
        self._books: dict[str, Book] = {}
        self._book_channel: BookChannel | None = None  # looked up on first use
        # the server's event loop and its thread (set by the server, see _wake)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None

    def example(self, message_type: str) -> dict[str, Any]:
        """The frame `push()` starts from: the document's first example of the type (or one
        synthesised from its schema)."""
        entry = self._message(message_type)
        examples = entry.get("examples") or []
        if examples:
            return copy.deepcopy(dict(examples[0]))
        schema = alternatives(entry["schema"])[0]
        value = self._contract.schemas.example(schema)
        return dict(value) if isinstance(value, Mapping) else {"type": message_type}

    def problems(self, frame: Mapping[str, Any]) -> list[Problem]:
        """What is wrong with a server frame (data or reply) against the document ([]: valid)."""
        frame_type = frame.get("type")
        schemas = self._contract.frame_schemas(frame_type) if isinstance(frame_type, str) else []
        if not schemas:
            return [Problem("type", f"no message or reply of type {frame_type!r}")]
        return self._contract.problems(_jsonable(frame), schemas)

    # ------------------------------------------------------------------ lookups

    def _channel(self, name: str) -> Mapping[str, Any]:
        spec = self._contract.channels.get(name)
        if spec is None:
            raise ValueError(f"unknown channel {name!r}{_hint(name, self._contract.channels)}")
        return spec

    def _message(self, message_type: str) -> Mapping[str, Any]:
        entry = self._contract.messages.get(message_type)
        if entry is None:
            hint = _hint(message_type, self._contract.messages)
            raise ValueError(f"{message_type!r} is no data message of the document{hint}")
        return entry

    def _command(self, cmd: str) -> None:
        if cmd not in self._contract.commands:
            raise ValueError(f"unknown command {cmd!r}{_hint(cmd, self._contract.commands)}")

    def _error_code(self, code: int) -> Mapping[str, Any]:
        entry = self._contract.error_codes.get(code)
        if entry is None:
            codes = ", ".join(str(c) for c in sorted(self._contract.error_codes))
            raise ValueError(f"{code} is no error code of the document ({codes})")
        return entry

    def _book_spec(self) -> BookChannel:
        """The document's order book channel, its frames' layout from the client's channels
        module (the generated BookSpec: which msg fields are the sides, price and size)."""
        found = self._book_channel
        if found is None:
            name = self._contract.book
            if name is None:
                raise ValueError("the document has no order book channel")
            spec = self._book_layout(name)
            found = self._book_channel = BookChannel(
                name,
                spec,
                self._contract.msg_fields(spec.snapshot_type),
                self._contract.msg_fields(spec.delta_type),
            )
        return found

    def _book_layout(self, channel: str) -> BookSpec:
        """The BookSpec of `channel` (FakeWSServer reads it from its client's protocol)."""
        raise NotImplementedError

    def _check_side(self, side: str) -> None:
        sides = list(self._book_spec().spec.sides)
        if side not in sides:
            raise ValueError(f"side must be one of {', '.join(map(repr, sides))}, not {side!r}")

    def _conn_at(self, connection: int | None) -> Conn:
        if connection is not None:
            if not 0 <= connection < len(self._conns):
                raise ValueError(f"no connection {connection} ({len(self._conns)} accepted)")
            return self._conns[connection]
        for conn in reversed(self._conns):
            if conn.open:
                return conn
        raise ValueError(
            f"no client is connected to FakeKalshiWS ({len(self._conns)} connection(s), all "
            "closed); wait_for_connections() first"
        )

    def _sub(self, conn: Conn, target: Target) -> Sub:
        """The one live subscription `target` names on the connection."""
        live = ", ".join(f"{s.sid}={s.channel}" for s in conn.subs.values()) or "none"
        if isinstance(target, int):
            sub = conn.subs.get(target)
            if sub is None:
                raise ValueError(f"no live sid {target} on connection {conn.index} (live: {live})")
            return sub
        self._channel(target)
        subs = [s for s in conn.subs.values() if s.channel == target]
        if len(subs) != 1:
            raise ValueError(
                f"{len(subs)} live subscriptions to {target!r} on connection {conn.index} "
                f"(live: {live}); pass the sid"
            )
        return subs[0]

    def _targets(
        self, conn: Conn, target: Target, message_type: str, payload: Mapping[str, Any]
    ) -> list[Sub]:
        channels = [str(c) for c in self._message(message_type)["channels"]]
        if isinstance(target, int):
            sub = self._sub(conn, target)
            if sub.channel not in channels:
                raise ValueError(
                    f"{message_type!r} is not a message of channel {sub.channel!r} (sid "
                    f"{sub.sid}); it belongs to {', '.join(channels)}"
                )
            return [sub]
        spec = self._channel(target)
        if message_type not in spec["messages"]:
            raise ValueError(
                f"{message_type!r} is not a message of channel {target!r} (its types: "
                f"{', '.join(spec['messages'])})"
            )
        subs = [s for s in conn.subs.values() if s.channel == target]
        covering = [s for s in subs if s.covers(payload)]
        if not covering:
            live = ", ".join(f"{s.sid}={s.channel}" for s in conn.subs.values()) or "none"
            market = payload.get("market_ticker") or payload.get("market_id")
            why = f" covering market {market!r}" if subs else ""
            raise ValueError(
                f"no live subscription to {target!r}{why} on connection {conn.index} (live: {live})"
            )
        return covering

    def _book_targets(self, conn: Conn, target: Target | None, ticker: str) -> list[Sub]:
        channel = self._book_spec().name
        if target is not None:
            sub = self._sub(conn, target)
            if sub.channel != channel:
                raise ValueError(f"sid {sub.sid} is a {sub.channel!r} subscription, not {channel}")
            return [sub]
        subs = [s for s in conn.subs.values() if s.channel == channel and ticker in s.tickers]
        if not subs:
            raise ValueError(
                f"no live {channel} subscription covers {ticker!r} on connection {conn.index}"
            )
        return subs

    def _book(self, ticker: str, market_id: str | None = None) -> Book:
        book = self._books.get(ticker)
        if book is None:
            sides: dict[str, dict[Decimal, Decimal]] = {s: {} for s in self._book_spec().spec.sides}
            uid = market_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"kalshi:{ticker}"))
            book = Book(uid, sides)
            self._books[ticker] = book
        elif market_id is not None:
            book.market_id = market_id
        return book

    def _replay_sub(
        self,
        conn: Conn,
        recorded: int,
        frame_type: object,
        mapping: dict[int, Sub],
        channels: Mapping[int, str],
    ) -> Sub:
        sub = mapping.get(recorded)
        if sub is not None:
            return sub
        channel = channels.get(recorded)
        if (
            channel is None
            and isinstance(frame_type, str)
            and frame_type in self._contract.messages
        ):
            channel = str(self._contract.messages[frame_type]["channels"][0])
        taken = {id(s) for s in mapping.values()}
        free = [s for s in conn.subs.values() if id(s) not in taken]
        if channel is not None:
            free = [s for s in free if s.channel == channel]
        elif len(free) > 1:
            free = []
        if not free:
            live = ", ".join(f"{s.sid}={s.channel}" for s in conn.subs.values()) or "none"
            raise ValueError(
                f"recorded sid {recorded} ({channel or frame_type}) has no live subscription "
                f"to map to on connection {conn.index} (live: {live}); subscribe first or "
                "pass sids={recorded: live}"
            )
        mapping[recorded] = free[0]
        return free[0]

    def _info(self, conn: Conn, sub: Sub) -> SubscriptionInfo:
        return SubscriptionInfo(
            conn.index,
            sub.sid,
            sub.channel,
            copy.deepcopy(sub.params),
            tuple(sub.tickers),
            tuple(sub.ids),
            sub.seq,
        )

    def _check_frame(
        self, frame: Mapping[str, Any], message_type: str, ignore: Collection[str]
    ) -> None:
        schemas = alternatives(self._message(message_type)["schema"])
        problems = self._contract.problems(frame, schemas, ignore=ignore)
        if problems:
            listed = "; ".join(str(p) for p in problems[:_MAX_PROBLEMS])
            raise InvalidFrameError(
                f"{message_type} frame is not valid against the document: {listed} "
                "(omit=[...] sends without a field; validate=False sends it anyway)",
                problems,
            )

    # ------------------------------------------------------------------ sending

    def _enqueue(self, conn: Conn, out: Out) -> None:
        """Queue an action for the connection's writer; call with the lock held. One queue per
        connection keeps everything (replies, pushes, faults) in the order it was decided."""
        if not conn.open or (conn.frozen and out.kind != "freeze"):
            return
        conn.outbox.append(out)
        code = out.code if out.kind == "close" else None
        self._sent.append(SentFrame(conn.index, out.kind, out.text, code))
        self._wake(conn)

    def _wake(self, conn: Conn) -> None:
        loop = self._loop
        if loop is None:
            return
        if threading.get_ident() == self._loop_thread:
            conn.wake.set()
        else:
            loop.call_soon_threadsafe(conn.wake.set)

    def _send_frame(self, conn: Conn, frame: Mapping[str, Any]) -> None:
        self._enqueue(conn, Out("text", _dumps(frame)))

    def _send_data(
        self,
        conn: Conn,
        sub: Sub,
        message_type: str,
        payload: Mapping[str, Any],
        command_id: int | None = None,
    ) -> dict[str, Any]:
        frame: dict[str, Any] = {"type": message_type}
        if command_id is not None:
            frame["id"] = command_id
        frame["sid"] = sub.sid
        carries_seq = bool(self._contract.messages[message_type]["seq"])
        if carries_seq:
            frame["seq"] = sub.next_seq()
        frame["msg"] = copy.deepcopy(dict(payload))
        text = _dumps(frame)
        if carries_seq:
            sub.last_seq_frame = text
        self._enqueue(conn, Out("text", text))
        return frame

    def _send_snapshot(
        self, conn: Conn, sub: Sub, ticker: str, command_id: int | None
    ) -> dict[str, Any]:
        channel = self._book_spec()
        spec = channel.spec
        book = self._book(ticker)
        payload: dict[str, Any] = {spec.market_field: ticker}
        if "market_id" in channel.snapshot_fields:
            payload["market_id"] = book.market_id
        if self.send_clock and spec.clock_field is not None:
            payload[spec.clock_field] = book.clock
        for side, levels in book.sides.items():
            if levels:  # an empty side is absent, as the server sends it
                payload[spec.sides[side]] = [list(level) for level in _side_levels(levels)]
        return self._send_data(conn, sub, spec.snapshot_type, payload, command_id)

    # ------------------------------------------------------------------ receiving

    def _on_command(self, conn: Conn, text: str) -> None:
        with self._changed:
            if conn.frozen:
                return
            data: Any = None
            try:
                data = json.loads(text)
            except ValueError:
                pass
            body = data if isinstance(data, dict) else {}
            raw_id = body.get("id")
            command_id = (
                raw_id if isinstance(raw_id, int) and not isinstance(raw_id, bool) else None
            )
            # the document: id 0 is the same as no id (and a negative one is refused)
            reply_id = command_id if command_id is not None and command_id > 0 else None
            cmd = body.get("cmd") if isinstance(body.get("cmd"), str) else None
            params = body.get("params")
            record = dict(params) if isinstance(params, dict) else {}
            code: int | None = None
            detail = ""
            try:
                script = self._next_script(cmd)
                if script is not None and script.code is not None:
                    raise Refusal(script.code, "scripted by fail_next()")
                if script is None:
                    self._answer(conn, data, reply_id)  # checks everything, then sends
            except Refusal as refusal:
                code, detail = refusal.code, refusal.detail
                self._send_frame(conn, self._error_frame(refusal, reply_id))
            self._commands.append(
                RecordedCommand(conn.index, text, data, command_id, cmd, record, code, detail)
            )
            self._changed.notify_all()

    def _next_script(self, cmd: str | None) -> Script | None:
        for script in self._scripts:
            if script.cmd == cmd:
                script.times -= 1
                if script.times <= 0:
                    self._scripts.remove(script)
                return script
        return None

    def _error_frame(self, refusal: Refusal, reply_id: int | None) -> dict[str, Any]:
        entry = self._contract.error_codes.get(refusal.code, {"name": "Error"})
        name = str(entry["name"])
        frame: dict[str, Any] = {}
        if reply_id is not None:
            frame["id"] = reply_id
        frame["type"] = self._contract.reply_type("error")
        text = f"{name}: {refusal.detail}" if refusal.detail else name
        frame["msg"] = {"code": refusal.code, "msg": text}
        return frame

    # ------------------------------------------------------------------ commands

    def _answer(self, conn: Conn, data: Any, reply_id: int | None) -> None:
        """Refuse (raise Refusal) before changing anything, or do the command and send."""
        if data is None:
            raise Refusal(1, "the frame is not JSON")
        if not isinstance(data, dict):
            raise Refusal(1, "a command is a JSON object")
        cmd = data.get("cmd")
        if cmd not in self._contract.commands:
            known = ", ".join(self._contract.commands)
            raise Refusal(5, f"{cmd!r} is not a command ({known})")
        params = data.get("params")
        if params is None and cmd != "list_subscriptions":
            raise Refusal(2, f"{cmd} needs a params object")
        if params is not None and not isinstance(params, dict):
            raise Refusal(11, "params must be a JSON object")
        params = params or {}
        if cmd == "subscribe":
            self._subscribe(conn, data, params, reply_id)
        elif cmd == "unsubscribe":
            self._unsubscribe(conn, data, params, reply_id)
        elif cmd == "update_subscription":
            self._update(conn, data, params, reply_id)
        elif cmd == "list_subscriptions":
            self._check_schema(str(cmd), data)
            listed = [{"channel": s.channel, "sid": s.sid} for s in conn.subs.values()]
            self._send_frame(conn, self._reply("list_subscriptions", reply_id, msg=listed))
        else:  # a command of a newer document
            raise Refusal(5, f"{cmd!r} is not answered by FakeKalshiWS")

    def _check_schema(self, cmd: str, data: Mapping[str, Any]) -> None:
        """The command against its schemas in the document (an absent id is accepted: the
        document says id 0 means none)."""
        problems = self._contract.problems(
            data, self._contract.commands[cmd], ignore=() if "id" in data else ("id",)
        )
        if problems:
            raise Refusal(11, "; ".join(str(p) for p in problems[:_MAX_PROBLEMS]))

    def _reply(
        self,
        reply: str,
        reply_id: int | None,
        *,
        sub: Sub | None = None,
        seq: bool = False,
        msg: Any = None,
    ) -> dict[str, Any]:
        frame: dict[str, Any] = {}
        if reply_id is not None:
            frame["id"] = reply_id
        frame["type"] = self._contract.reply_type(reply)
        if sub is not None:
            frame["sid"] = sub.sid
            if seq:
                frame["seq"] = sub.next_seq()
        if msg is not None:
            frame["msg"] = msg
        return frame

    def _subscribe(
        self, conn: Conn, data: Mapping[str, Any], params: Mapping[str, Any], reply_id: int | None
    ) -> None:
        channels = params.get("channels")
        if channels is None or channels == []:
            raise Refusal(3, "subscribe needs params.channels")
        if not isinstance(channels, list) or not all(isinstance(c, str) for c in channels):
            raise Refusal(11, "params.channels must be a list of channel names")
        unknown = [c for c in channels if c not in self._contract.channels]
        if unknown:
            raise Refusal(
                8,
                f"{', '.join(map(repr, unknown))} (channels: {', '.join(self._contract.channels)})",
            )
        private = [c for c in channels if self._contract.channels[c].get("auth")]
        if private and not conn.authenticated:
            raise Refusal(9, f"{', '.join(private)} needs a signed connection")
        accepted = {str(p) for c in channels for p in self._contract.channels[c]["params"]}
        extra = [k for k in params if k != "channels" and k not in accepted]
        if extra:
            raise Refusal(
                11,
                f"{', '.join(extra)} is not a parameter of {', '.join(channels)} (accepted: "
                f"{', '.join(sorted(accepted)) or 'none'})",
            )
        _check_markets(params)
        _check_shards(params)
        self._check_schema("subscribe", data)
        for channel in channels:
            sub = Sub(conn.next_sid, channel, dict(params), self._contract.sequenced[channel])
            conn.next_sid += 1
            sub.tickers = _tickers(params)
            sub.ids = _ids(params)
            sub.indices = list(params.get("index_ids") or [])
            sub.underlyings = list(params.get("underlying_tickers") or [])
            conn.subs[sub.sid] = sub
            reply = self._reply("subscribed", reply_id, msg={"channel": channel, "sid": sub.sid})
            self._send_frame(conn, reply)
            self._initial_frames(conn, sub, sub.tickers, params)

    def _initial_frames(
        self, conn: Conn, sub: Sub, tickers: Sequence[str], params: Mapping[str, Any]
    ) -> None:
        """What follows a subscribe / add_markets reply: a book snapshot per new market; a
        ticker frame per market with send_initial_snapshot."""
        sends_book = sub.channel == self._contract.book and self.auto_snapshots
        sends_ticker = (
            bool(params.get("send_initial_snapshot"))
            and "ticker" in (self._contract.channels[sub.channel]["messages"])
        )
        for ticker in tickers:
            if sends_book:
                self._send_snapshot(conn, sub, ticker, None)
            elif sends_ticker:
                payload = {**self.example("ticker").get("msg", {}), "market_ticker": ticker}
                self._send_data(conn, sub, "ticker", payload)

    def _unsubscribe(
        self, conn: Conn, data: Mapping[str, Any], params: Mapping[str, Any], reply_id: int | None
    ) -> None:
        sids = params.get("sids")
        if sids is None or sids == []:
            raise Refusal(4, "unsubscribe needs params.sids")
        if not isinstance(sids, list) or not all(_is_int(s) for s in sids):
            raise Refusal(11, "params.sids must be a list of sids")
        unknown = [s for s in sids if s not in conn.subs]
        if unknown:
            raise Refusal(7, f"sid {', '.join(map(str, unknown))} is not subscribed")
        self._check_schema("unsubscribe", data)
        for sid in dict.fromkeys(sids):
            sub = conn.subs.pop(sid)
            self._send_frame(conn, self._reply("unsubscribed", reply_id, sub=sub, seq=True))

    def _update(
        self, conn: Conn, data: Mapping[str, Any], params: Mapping[str, Any], reply_id: int | None
    ) -> None:
        action = params.get("action")
        if action is None or action == "":
            raise Refusal(15, "update_subscription needs params.action")
        sid = params.get("sid")
        sids = params.get("sids")
        if (sid is None) == (sids is None):
            raise Refusal(12, "give params.sid or params.sids (one sid), not both or neither")
        if sids is not None:
            if not isinstance(sids, list) or len(sids) != 1:
                raise Refusal(12, f"params.sids must hold exactly one sid, got {sids!r}")
            sid = sids[0]
        if not _is_int(sid):
            raise Refusal(11, f"a sid is an integer, got {sid!r}")
        sub = conn.subs.get(sid)
        if sub is None:
            raise Refusal(7, f"sid {sid} is not subscribed")
        actions = [str(a) for a in self._contract.channels[sub.channel]["update_actions"]]
        if action not in actions:
            raise Refusal(
                13, f"{action!r} on {sub.channel} (its actions: {', '.join(actions) or 'none'})"
            )
        accepted = {str(p) for p in self._contract.channels[sub.channel]["params"]}
        if action in _MARKET_ACTIONS:
            wrong = [p for p in _MARKET_PARAMS if p in params and p not in accepted]
            if wrong:
                raise Refusal(11, f"{', '.join(wrong)} is not a parameter of {sub.channel}")
            _check_markets(params)
            if not _tickers(params) and not _ids(params):
                raise Refusal(14, f"{action} needs market_ticker(s) or market_id(s)")
        list_key = "index_ids" if "indices" in action else "underlying_tickers"
        if action.endswith(("_indices", "_underlyings")) and not params.get(list_key):
            raise Refusal(24 if list_key == "index_ids" else 28, f"{action} needs {list_key}")
        listing = None
        if action in ("indexlist", "underlying_list"):
            types = [str(t) for t in self._contract.channels[sub.channel]["messages"]]
            listing = next((t for t in types if t.endswith(str(action))), None)
            if listing is None:
                raise Refusal(13, f"{sub.channel} has no message answering {action}")
        self._check_schema("update_subscription", data)
        if listing is not None:  # the channel's listing message answers, not an ok
            payload = self.example(listing).get("msg", {})
            self._send_data(conn, sub, listing, payload, reply_id)
        else:
            self._apply_update(conn, sub, str(action), params, reply_id)

    def _apply_update(
        self,
        conn: Conn,
        sub: Sub,
        action: str,
        params: Mapping[str, Any],
        reply_id: int | None,
    ) -> None:
        if action == "get_snapshot":  # snapshots answer it (with the id), not an ok
            for ticker in _tickers(params):
                self._send_snapshot(conn, sub, ticker, reply_id)
            return
        added: list[str] = []
        msg: dict[str, Any] = {}
        if action in ("add_markets", "delete_markets"):
            tickers, ids = _tickers(params), _ids(params)
            if action == "add_markets":
                added = [t for t in tickers if t not in sub.tickers]
                sub.tickers = sorted({*sub.tickers, *tickers})  # the server lists them sorted
                sub.ids = sorted({*sub.ids, *ids})
            else:
                sub.tickers = [t for t in sub.tickers if t not in tickers]
                sub.ids = [i for i in sub.ids if i not in ids]
            if not sub.params.get("skip_ticker_ack"):
                if sub.ids:
                    msg["market_ids"] = list(sub.ids)
                if sub.tickers or not sub.ids:
                    msg["market_tickers"] = list(sub.tickers)
        elif action.endswith("_indices"):
            sub.indices = _updated(sub.indices, params["index_ids"], action.startswith("sub"))
            msg["index_ids"] = list(sub.indices)
        else:  # subscribe_underlyings / unsubscribe_underlyings
            sub.underlyings = _updated(
                sub.underlyings, params["underlying_tickers"], action.startswith("sub")
            )
            msg["underlying_tickers"] = list(sub.underlyings)
        # an ok carrying the sid takes the sid's next seq on a sequenced channel, as on the wire
        self._send_frame(conn, self._reply("ok", reply_id, sub=sub, seq=sub.sequenced, msg=msg))
        self._initial_frames(conn, sub, added, params)


# ---------------------------------------------------------------------- helpers


def _hint(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=3)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _tickers(params: Mapping[str, Any]) -> list[str]:
    one, many = params.get("market_ticker"), params.get("market_tickers")
    out = [one] if isinstance(one, str) else []
    out += [t for t in many if isinstance(t, str)] if isinstance(many, list) else []
    return list(dict.fromkeys(out))


def _ids(params: Mapping[str, Any]) -> list[str]:
    one, many = params.get("market_id"), params.get("market_ids")
    out = [one] if isinstance(one, str) else []
    out += [t for t in many if isinstance(t, str)] if isinstance(many, list) else []
    return list(dict.fromkeys(out))


def _check_markets(params: Mapping[str, Any]) -> None:
    """The document's mutually exclusive market parameters."""
    given = [p for p in _MARKET_PARAMS if p in params]
    by_ticker = [p for p in given if p.startswith("market_ticker")]
    by_id = [p for p in given if p.startswith("market_id")]
    if len(by_ticker) > 1 or len(by_id) > 1 or (by_ticker and by_id):
        raise Refusal(11, f"{' and '.join(given)} are mutually exclusive")


def _check_shards(params: Mapping[str, Any]) -> None:
    factor, key = params.get("shard_factor"), params.get("shard_key")
    if key is not None and factor is None:
        raise Refusal(20, "shard_key was given without shard_factor")
    if factor is not None:
        if not _is_int(factor):
            raise Refusal(11, f"shard_factor must be an integer, got {factor!r}")
        if factor <= 0:
            raise Refusal(19, f"got {factor}")
        if factor > 100:
            raise Refusal(22, f"got {factor}")
        if key is not None and (not _is_int(key) or not 0 <= key < factor):
            raise Refusal(21, f"got shard_key {key!r} with shard_factor {factor}")


def _updated(current: Sequence[str], change: Sequence[str], add: bool) -> list[str]:
    if add:
        return list(dict.fromkeys([*current, *change]))
    return [item for item in current if item not in change]


def _decimal(value: Number, what: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"{what} must be a number, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"{what} must be finite, got {value!r}")
    return number


def _money(value: Decimal) -> str:
    return f"{value:.4f}"


def _count(value: Decimal) -> str:
    return f"{value:.2f}"


def _levels(levels: Levels, side: str) -> dict[Decimal, Decimal]:
    out: dict[Decimal, Decimal] = {}
    for price, size in levels:
        count = _decimal(size, f"{side} size")
        if count > 0:
            out[_decimal(price, f"{side} price")] = count
    return out


def _side_levels(levels: Mapping[Decimal, Decimal]) -> list[tuple[str, str]]:
    return [(_money(price), _count(levels[price])) for price in sorted(levels)]


def _jsonable(value: Any) -> Any:
    """Test values as JSON: Decimal as a string, tuples as lists."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def _dumps(frame: Mapping[str, Any]) -> str:
    return json.dumps(frame, separators=(",", ":"), ensure_ascii=False)


def _as_frame(item: Mapping[str, Any] | str | bytes) -> dict[str, Any] | None:
    if isinstance(item, Mapping):
        return copy.deepcopy(dict(item))
    try:
        value = json.loads(item)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None

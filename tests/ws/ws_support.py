"""Hand-written channels and a small loopback server for the WebSocket runtime's tests.

The channels mirror the AsyncAPI document's shapes for five channels (order book, ticker,
trade, fill, order group updates) and the replies; the session classes below bind them the
way the generated AsyncKalshiWS / KalshiWS do. `LoopbackServer` is a real WebSocket server
on 127.0.0.1 (websockets' asyncio server) that answers commands like Kalshi (sid, seq, `ok`
consuming seq, replies in any order when told), pushes frames, and fails on request.
kalshi.testing.FakeKalshiWS is the full fake; this one keeps the runtime testable alone.
"""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from http import HTTPStatus
from typing import Any, Literal, TypeVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from kalshi._models import FixedPointCount, FixedPointDollars, ResponseModel
from kalshi.ws._channel import BookSpec, ChannelSpec, ErrorCode, ProtocolSpec
from kalshi.ws._frames import Frame
from kalshi.ws._session import AsyncSession
from kalshi.ws._subscription import AsyncBookSubscription, AsyncSubscription
from kalshi.ws._sync import BookSubscription, Subscription, SyncSession
from typing_extensions import Self
from websockets.asyncio.server import ServerConnection, serve
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

KEY_ID = "test-key-id-0001"
WS_PATH = "/trade-api/ws/v2"
PRODUCTION = "wss://api.elections.kalshi.com/trade-api/ws/v2"
DEMO = "wss://demo-api.kalshi.co/trade-api/ws/v2"

T = TypeVar("T")

# --------------------------------------------------------------------------- models

Level = tuple[FixedPointDollars, FixedPointCount]


class SnapshotMsg(ResponseModel):
    market_ticker: str
    market_id: str
    yes_dollars_fp: list[Level] | None = None
    no_dollars_fp: list[Level] | None = None
    clock: int | None = None


class OrderbookSnapshot(Frame):
    type: Literal["orderbook_snapshot"]
    sid: int
    seq: int
    msg: SnapshotMsg


class DeltaMsg(ResponseModel):
    market_ticker: str
    market_id: str
    price_dollars: FixedPointDollars
    delta_fp: FixedPointCount
    side: Literal["yes", "no"]
    clock: int | None = None
    ts: str | None = None


class OrderbookDelta(Frame):
    type: Literal["orderbook_delta"]
    sid: int
    seq: int
    msg: DeltaMsg


class TickerMsg(ResponseModel):
    market_ticker: str
    market_id: str
    price_dollars: FixedPointDollars | None = None
    yes_bid_dollars: FixedPointDollars | None = None


class Ticker(Frame):
    type: Literal["ticker"]
    sid: int
    msg: TickerMsg


class TradeMsg(ResponseModel):
    trade_id: str
    market_ticker: str
    yes_price_dollars: FixedPointDollars
    count_fp: FixedPointCount
    taker_side: str


class Trade(Frame):
    type: Literal["trade"]
    sid: int
    seq: int
    msg: TradeMsg


class FillMsg(ResponseModel):
    trade_id: str
    order_id: str
    market_ticker: str
    side: str
    yes_price_dollars: FixedPointDollars
    count_fp: FixedPointCount


class Fill(Frame):
    type: Literal["fill"]
    sid: int
    msg: FillMsg


class OrderGroupMsg(ResponseModel):
    event_type: str
    order_group_id: str


class OrderGroupUpdate(Frame):
    type: Literal["order_group_updates"]
    sid: int
    seq: int
    msg: OrderGroupMsg


class SubscribedMsg(ResponseModel):
    channel: str
    sid: int


class Subscribed(Frame):
    type: Literal["subscribed"]
    msg: SubscribedMsg


class Ok(Frame):
    type: Literal["ok"]
    msg: Any = None


class Unsubscribed(Frame):
    type: Literal["unsubscribed"]


class ErrorMsg(ResponseModel):
    code: int
    msg: str


class ErrorReply(Frame):
    type: Literal["error"]
    msg: ErrorMsg


BOOK = BookSpec(
    snapshot_type="orderbook_snapshot",
    delta_type="orderbook_delta",
    market_field="market_ticker",
    sides={"yes": "yes_dollars_fp", "no": "no_dollars_fp"},
    side_field="side",
    price_field="price_dollars",
    delta_field="delta_fp",
    clock_field="clock",
)
MARKET_PARAMS = frozenset({"market_ticker", "market_tickers"})
CHANNELS: dict[str, ChannelSpec] = {
    "orderbook_delta": ChannelSpec(
        name="orderbook_delta",
        params=MARKET_PARAMS,
        update_actions=frozenset({"add_markets", "delete_markets", "get_snapshot"}),
        auth=True,
        messages={"orderbook_snapshot": OrderbookSnapshot, "orderbook_delta": OrderbookDelta},
        seq_types=frozenset({"orderbook_snapshot", "orderbook_delta"}),
        overflow="resync",
        book=BOOK,
    ),
    "ticker": ChannelSpec(
        name="ticker",
        params=MARKET_PARAMS | {"market_id", "market_ids", "send_initial_snapshot"},
        update_actions=frozenset({"add_markets", "delete_markets"}),
        auth=False,
        messages={"ticker": Ticker},
        seq_types=frozenset(),
        overflow="drop_oldest",
    ),
    "trade": ChannelSpec(
        name="trade",
        params=MARKET_PARAMS,
        update_actions=frozenset({"add_markets", "delete_markets"}),
        auth=False,
        messages={"trade": Trade},
        seq_types=frozenset({"trade"}),
        overflow="drop_oldest",
    ),
    "fill": ChannelSpec(
        name="fill",
        params=MARKET_PARAMS,
        update_actions=frozenset({"add_markets", "delete_markets"}),
        auth=True,
        messages={"fill": Fill},
        seq_types=frozenset(),
        overflow="error",
    ),
    "order_group_updates": ChannelSpec(
        name="order_group_updates",
        params=frozenset(),
        update_actions=frozenset(),
        auth=True,
        messages={"order_group_updates": OrderGroupUpdate},
        seq_types=frozenset({"order_group_updates"}),
        overflow="resync",
    ),
}
REPLIES: dict[str, type[Frame]] = {
    "subscribed": Subscribed,
    "ok": Ok,
    "unsubscribed": Unsubscribed,
    "error": ErrorReply,
}
ERROR_CODES = {
    code: ErrorCode(code, name, "", code in (10, 25))
    for code, name in [
        (2, "Params required"),
        (7, "Unknown subscription ID"),
        (8, "Unknown channel name"),
        (9, "Authentication required"),
        (10, "Channel error"),
        (11, "Invalid parameter"),
        (25, "Subscription buffer overflow"),
    ]
}
PROTOCOL = ProtocolSpec(
    channels=CHANNELS,
    replies=REPLIES,
    error_codes=ERROR_CODES,
    servers={"production": PRODUCTION, "demo": DEMO},
    known_urls=frozenset({PRODUCTION, DEMO}),
    ws_path=WS_PATH,
)


class WS(AsyncSession):
    """What the generated AsyncKalshiWS is, for the five channels above."""

    _protocol = PROTOCOL

    async def subscribe_orderbook(self, **params: Any) -> AsyncBookSubscription[Any]:
        return await self._subscribe_book(CHANNELS["orderbook_delta"], params)

    async def subscribe_ticker(self, **params: Any) -> AsyncSubscription[Ticker]:
        return await self._subscribe(CHANNELS["ticker"], params)

    async def subscribe_trade(self, **params: Any) -> AsyncSubscription[Trade]:
        return await self._subscribe(CHANNELS["trade"], params)

    async def subscribe_fill(self, **params: Any) -> AsyncSubscription[Fill]:
        return await self._subscribe(CHANNELS["fill"], params)

    async def subscribe_order_groups(self) -> AsyncSubscription[OrderGroupUpdate]:
        return await self._subscribe(CHANNELS["order_group_updates"], {})


class SyncWS(SyncSession):
    """What the generated KalshiWS is."""

    _async_session_class = WS

    def subscribe_orderbook(self, **params: Any) -> BookSubscription[Any]:
        return self._subscribe_book_sync(CHANNELS["orderbook_delta"], params)

    def subscribe_ticker(self, **params: Any) -> Subscription[Ticker]:
        return self._subscribe_sync(CHANNELS["ticker"], params)

    def subscribe_trade(self, **params: Any) -> Subscription[Trade]:
        return self._subscribe_sync(CHANNELS["trade"], params)


# --------------------------------------------------------------------------- the server


class ServerSub:
    """A subscription as the server keeps it."""

    def __init__(self, sid: int, channel: str, params: dict[str, Any]) -> None:
        self.sid = sid
        self.channel = channel
        self.params = params
        self.seq = 0
        self.markets: list[str] = list(params.get("market_tickers") or ())
        if "market_ticker" in params:
            self.markets.append(params["market_ticker"])

    def next_seq(self) -> int:
        self.seq += 1
        return self.seq


Handler = Callable[["Conn", dict[str, Any]], Awaitable[bool]]


class Conn:
    """One client connection, as the server sees it."""

    def __init__(self, server: LoopbackServer, ws: ServerConnection) -> None:
        self.server = server
        self.ws = ws
        self.subs: dict[int, ServerSub] = {}
        self.commands: list[dict[str, Any]] = []
        self.headers: Headers = ws.request.headers if ws.request else Headers()

    async def send(self, frame: Mapping[str, Any] | str) -> None:
        await self.ws.send(frame if isinstance(frame, str) else json.dumps(frame))

    def sub(self, channel: str, index: int = -1) -> ServerSub:
        """The connection's `index`-th subscription of `channel`."""
        return [s for s in self.subs.values() if s.channel == channel][index]

    async def push(
        self, sub: ServerSub, kind: str, msg: Any, *, seq: int | None | bool = True, **extra: Any
    ) -> None:
        """A data frame on `sub`; seq=True numbers it, an int sets it, None/False leaves it out."""
        frame: dict[str, Any] = {"type": kind, "sid": sub.sid}
        if seq is True:
            frame["seq"] = sub.next_seq()
        elif isinstance(seq, int) and seq is not False:
            frame["seq"] = seq
            sub.seq = seq
        frame["msg"] = msg
        frame.update(extra)
        await self.send(frame)

    async def reply_default(self, command: dict[str, Any]) -> None:
        """Answer a command as Kalshi does."""
        cid, cmd, params = command.get("id"), command.get("cmd"), command.get("params") or {}
        if cmd == "subscribe":
            for channel in params.get("channels", []):
                sid = self.server.new_sid()
                rest = {k: v for k, v in params.items() if k != "channels"}
                sub = self.subs[sid] = ServerSub(sid, channel, rest)
                await self.send(
                    {"id": cid, "type": "subscribed", "msg": {"channel": channel, "sid": sid}}
                )
                if channel == "orderbook_delta":
                    for market in sub.markets:
                        await self.push(sub, "orderbook_snapshot", self.server.snapshot(market))
        elif cmd == "unsubscribe":
            for sid in params.get("sids", []):
                sub = self.subs.pop(sid, None)
                if sub is None:
                    await self.error(cid, 7, "Unknown subscription ID")
                    return
                await self.send(
                    {"id": cid, "sid": sid, "seq": sub.next_seq(), "type": "unsubscribed"}
                )
        elif cmd == "update_subscription":
            sid = params.get("sid") or (params.get("sids") or [None])[0]
            sub = self.subs.get(sid)  # type: ignore[arg-type]
            if sub is None:
                await self.error(cid, 7, "Unknown subscription ID")
                return
            action, tickers = params.get("action"), params.get("market_tickers") or []
            if action == "add_markets":
                sub.markets += [t for t in tickers if t not in sub.markets]
            elif action == "delete_markets":
                sub.markets = [t for t in sub.markets if t not in tickers]
            if action == "get_snapshot":
                for market in tickers:
                    snapshot = self.server.snapshot(market)
                    await self.push(sub, "orderbook_snapshot", snapshot, id=cid)
                return
            await self.send(
                {
                    "id": cid,
                    "sid": sid,
                    "seq": sub.next_seq(),
                    "type": "ok",
                    "msg": {"market_tickers": list(sub.markets)},
                }
            )
            if action == "add_markets" and sub.channel == "orderbook_delta":
                for market in tickers:
                    await self.push(sub, "orderbook_snapshot", self.server.snapshot(market))
        elif cmd == "list_subscriptions":
            items = [{"channel": s.channel, "sid": s.sid} for s in self.subs.values()]
            await self.send({"id": cid, "type": "ok", "msg": items})
        else:
            await self.error(cid, 5, "Unknown command")

    async def error(self, cid: Any, code: int, message: str, **extra: Any) -> None:
        frame: dict[str, Any] = {"type": "error", "msg": {"code": code, "msg": message}, **extra}
        if cid is not None:
            frame["id"] = cid
        await self.send(frame)


class LoopbackServer:
    """A WebSocket server on 127.0.0.1 that talks like Kalshi (see the module docstring).

    `handler(conn, command) -> bool`: called first for each command; True means it answered.
    `reject_status`: answer every handshake with that HTTP status. `public_key`: check the
    handshake signature (401 when wrong or missing).
    """

    def __init__(
        self,
        *,
        handler: Handler | None = None,
        reject_status: int | None = None,
        public_key: rsa.RSAPublicKey | None = None,
        books: Mapping[str, dict[str, Any]] | None = None,
    ) -> None:
        self.handler = handler
        self.reject_status = reject_status
        self.public_key = public_key
        self.books = dict(books or {})
        self.conns: list[Conn] = []
        self.handshakes: list[Headers] = []
        self.connected = asyncio.Event()
        self.command_seen = asyncio.Event()
        self._sid = 0
        self._server: Any = None
        self.url = ""

    def new_sid(self) -> int:
        self._sid += 1
        return self._sid

    def snapshot(self, market: str) -> dict[str, Any]:
        levels = self.books.get(market, {"yes_dollars_fp": [["0.4000", "10.00"]]})
        return {"market_ticker": market, "market_id": f"id-{market}", **levels}

    @property
    def conn(self) -> Conn:
        return self.conns[-1]

    @property
    def commands(self) -> list[dict[str, Any]]:
        return [c for conn in self.conns for c in conn.commands]

    async def __aenter__(self) -> Self:
        self._server = await serve(
            self._serve,
            "127.0.0.1",
            0,
            process_request=self._process_request,
            ping_interval=None,
            compression=None,
        )
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}{WS_PATH}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        for conn in self.conns:  # a connection told to go silent would hold the close
            conn.ws.transport.abort()
        self._server.close()
        await self._server.wait_closed()

    def _process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        self.handshakes.append(request.headers)
        if self.reject_status is not None:
            return connection.respond(HTTPStatus(self.reject_status), "refused\n")
        if self.public_key is not None and not self._signed(request):
            return connection.respond(HTTPStatus.UNAUTHORIZED, "bad signature\n")
        return None

    def _signed(self, request: Request) -> bool:
        headers = request.headers
        try:
            message = f"{headers['KALSHI-ACCESS-TIMESTAMP']}GET{WS_PATH}".encode()
            assert self.public_key is not None
            self.public_key.verify(
                base64.b64decode(headers["KALSHI-ACCESS-SIGNATURE"]),
                message,
                padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
                hashes.SHA256(),
            )
        except (KeyError, ValueError, InvalidSignature):
            return False
        return headers.get("KALSHI-ACCESS-KEY") == KEY_ID

    async def _serve(self, ws: ServerConnection) -> None:
        conn = Conn(self, ws)
        self.conns.append(conn)
        self.connected.set()
        async for message in ws:
            command = json.loads(message)
            conn.commands.append(command)
            self.command_seen.set()
            if self.handler is not None and await self.handler(conn, command):
                continue
            await conn.reply_default(command)

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 2.0) -> None:
        """Until `predicate()` holds (checked as commands arrive and every 5 ms)."""

        async def poll() -> None:
            while not predicate():
                await asyncio.sleep(0.005)

        await asyncio.wait_for(poll(), timeout)

    async def wait_conns(self, count: int, timeout: float = 3.0) -> Conn:
        await self.wait_for(lambda: len(self.conns) >= count, timeout)
        return self.conns[count - 1]


# --------------------------------------------------------------------------- helpers


def run(coro: Coroutine[Any, Any, T], timeout: float = 8.0) -> T:
    """asyncio.run with a bound, so a test that would hang fails instead."""
    return asyncio.run(asyncio.wait_for(coro, timeout))


async def take(sub: AsyncSubscription[Any], count: int, timeout: float = 2.0) -> list[Any]:
    """The next `count` items of `sub`."""

    async def collect() -> list[Any]:
        items = []
        async for item in sub:
            items.append(item)
            if len(items) == count:
                break
        return items

    return await asyncio.wait_for(collect(), timeout)


def public_key_of(pem: str) -> rsa.RSAPublicKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key.public_key()


def snapshot_msg(
    market: str, yes: list[list[str]] | None = None, no: list[list[str]] | None = None
) -> dict[str, Any]:
    msg: dict[str, Any] = {"market_ticker": market, "market_id": f"id-{market}"}
    if yes is not None:
        msg["yes_dollars_fp"] = yes
    if no is not None:
        msg["no_dollars_fp"] = no
    return msg


def delta_msg(market: str, side: str, price: str, delta: str) -> dict[str, Any]:
    return {
        "market_ticker": market,
        "market_id": f"id-{market}",
        "price_dollars": price,
        "delta_fp": delta,
        "side": side,
    }

"""The socket seam: what a session needs from a WebSocket connection, and the two built in.

A connector is `async (url, headers) -> WSConnection`; anything that satisfies WSConnection
(picows, a test double) can be passed as `connector=`. Two come with the package:

- `websockets` (the default, a dependency): `make_websockets_connector()`.
- `aiohttp` (optional, `pip install aiohttp`): `AsyncKalshiWS(connector="aiohttp")`, or
  `make_aiohttp_connector(...)` for options. Its frame reader is compiled: receiving
  costs 2-4 us a frame against 8-13 us for websockets' pure-Python one, and a whole
  decoded, routed frame about a quarter less CPU (bench/ws.py): the choice for a busy
  feed. Same handshake (the signed headers, redirects never followed), same close codes
  and HandshakeRejected statuses, the server's pings answered and counted as signs of
  life. One difference: websockets follows the *_PROXY environment variables by default,
  aiohttp only an explicit `make_aiohttp_connector(proxy=...)`.

`connector="websockets" | "aiohttp"` (resolve_connector) keeps the session's check of the
URL against Kalshi's servers; a Connector object is trusted to decide where it connects.
Only this module knows the WebSocket libraries, and it imports one when the first
connection is opened, never at import time.

The connector raises HandshakeRejected for an HTTP answer instead of the upgrade (401, 403,
429, 5xx...), TransportError (or an OSError / TimeoutError) for a connection that could not
be made; recv() raises TransportClosed once the connection is gone.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from functools import cache
from typing import Any, Literal, Protocol

__all__ = [
    "Connector",
    "ConnectorName",
    "HandshakeRejected",
    "TransportClosed",
    "TransportError",
    "WSConnection",
    "aiohttp_connector",
    "builtin_name",
    "make_aiohttp_connector",
    "make_websockets_connector",
    "resolve_connector",
    "websockets_connector",
]

ABNORMAL_CLOSURE = 1006  # no close frame: the connection just went away


class TransportError(Exception):
    """The connection could not be opened or was broken (retried by the session)."""


class TransportClosed(TransportError):
    """The connection is closed; `code` is the close code the server sent (1006 if none)."""

    def __init__(self, code: int | None, reason: str = "") -> None:
        self.code = ABNORMAL_CLOSURE if code is None else code
        self.reason = reason
        super().__init__(f"connection closed ({self.code}{': ' + reason if reason else ''})")


class HandshakeRejected(TransportError):
    """The server answered the upgrade request with an HTTP status instead of accepting it."""

    def __init__(self, status: int, body: str = "") -> None:
        self.status = status
        self.body = body
        super().__init__(f"handshake rejected with HTTP {status}{': ' + body if body else ''}")


class WSConnection(Protocol):
    """One open WebSocket connection, as the session uses it."""

    @property
    def last_received(self) -> float:
        """time.monotonic() of the last bytes from the server (a frame, a ping, a pong)."""
        ...

    async def send(self, message: str) -> None: ...

    async def recv(self) -> bytes | str:
        """The next text (or binary) message; raises TransportClosed when closed."""
        ...

    async def ping(self) -> None:
        """Send a ping; the pong, when it comes, updates `last_received`."""
        ...

    async def close(self, code: int = 1000, reason: str = "") -> None: ...

    def abort(self) -> None:
        """Drop the connection at once, without a closing handshake (a dead peer)."""
        ...


Connector = Callable[[str, Mapping[str, str]], Awaitable[WSConnection]]


def _mark(connector: Connector, name: str) -> Connector:
    connector.kalshi_connector = name  # type: ignore[attr-defined]
    return connector


def builtin_name(connector: object) -> str | None:
    """The name ("websockets", "aiohttp") of a connector made here; None for any other."""
    name = getattr(connector, "kalshi_connector", None)
    return name if isinstance(name, str) else None


class _WebsocketsConnection:
    """websockets' ClientConnection behind the WSConnection seam."""

    __slots__ = ("_closed", "_ws")

    def __init__(self, ws: Any, closed: type[Exception]) -> None:
        self._ws = ws
        self._closed = closed

    @property
    def last_received(self) -> float:
        value: float = self._ws.last_received
        return value

    async def send(self, message: str) -> None:
        try:
            await self._ws.send(message)
        except self._closed as exc:
            raise _closed(exc) from None

    async def recv(self) -> bytes | str:
        try:
            data: bytes = await self._ws.recv(decode=False)  # bytes: pydantic reads them as is
        except self._closed as exc:
            raise _closed(exc) from None
        return data

    async def ping(self) -> None:
        try:
            await self._ws.ping()  # returns once sent; the pong is not awaited
        except self._closed as exc:
            raise _closed(exc) from None

    async def close(self, code: int = 1000, reason: str = "") -> None:
        await self._ws.close(code, reason)

    def abort(self) -> None:
        transport = self._ws.transport
        if transport is not None:
            transport.abort()


def _closed(exc: Any) -> TransportClosed:
    received = exc.rcvd
    if received is None:
        return TransportClosed(None)
    return TransportClosed(received.code, received.reason)


_SIGNATURE_HEADER = "kalshi-access-signature"


class _RedactSignature(logging.Filter):
    """websockets logs every handshake header at DEBUG: the signature never reaches a log."""

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if isinstance(args, tuple) and len(args) == 2 and str(args[0]).lower() == _SIGNATURE_HEADER:
            record.args = (args[0], "<redacted>")
        return True


def _websockets_logger() -> logging.Logger:
    logger = logging.getLogger("kalshi.ws.websockets")
    if not any(isinstance(f, _RedactSignature) for f in logger.filters):
        logger.addFilter(_RedactSignature())
    return logger


@cache
def _websockets() -> tuple[Any, Any, type[Exception], type[Exception], type[Exception]]:
    """websockets' pieces, imported on first use; a connection class that records when
    anything arrived (websockets answers pings itself and tells no one)."""
    from websockets.asyncio.client import ClientConnection, connect
    from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

    class TimedConnection(ClientConnection):
        last_received = 0.0

        def data_received(self, data: bytes) -> None:
            self.last_received = time.monotonic()
            super().data_received(data)

    class Connect(connect):
        def process_redirect(self, exc: Exception) -> Exception | str:
            # A redirect would carry the signed handshake to another host: never follow.
            return exc

    return TimedConnection, Connect, ConnectionClosed, InvalidStatus, InvalidHandshake


def make_websockets_connector(
    *,
    compression: str | None = None,
    open_timeout: float = 10.0,
    close_timeout: float = 2.0,
    max_size: int | None = 2**24,
    max_queue: int = 1024,
    **kwargs: Any,
) -> Connector:
    """A connector on `websockets` (asyncio API). Compression is off by default: inflating
    every frame costs more CPU than the bandwidth it saves on a market data feed; pass
    compression="deflate" to offer it. The session watches the heartbeat itself, so
    websockets' own keepalive pings are off. Other keywords go to websockets' connect()."""

    logger = kwargs.pop("logger", None)

    async def connect(url: str, headers: Mapping[str, str]) -> WSConnection:
        timed, connect_class, closed, invalid_status, invalid_handshake = _websockets()
        try:
            ws = await connect_class(
                url,
                additional_headers=dict(headers),
                compression=compression,
                open_timeout=open_timeout,
                close_timeout=close_timeout,
                ping_interval=None,
                max_size=max_size,
                max_queue=max_queue,
                create_connection=timed,
                logger=logger or _websockets_logger(),
                **kwargs,
            )
        except invalid_status as exc:
            response = exc.response  # type: ignore[attr-defined]
            body = bytes(response.body or b"")[:200].decode("utf-8", errors="replace")
            raise HandshakeRejected(response.status_code, " ".join(body.split())) from None
        except (invalid_handshake, closed) as exc:
            raise TransportError(f"handshake failed: {exc}") from exc
        ws.last_received = time.monotonic()
        return _WebsocketsConnection(ws, closed)

    return _mark(connect, "websockets")


websockets_connector: Connector = make_websockets_connector()


# --- aiohttp (optional) -------------------------------------------------------------------

_AIOHTTP_MISSING = (
    'connector="aiohttp" needs the aiohttp package, which is optional: pip install aiohttp '
    "(or leave connector= unset for the default, websockets)"
)
_BODY_CHARS = 200
_NO_STATUS = 1005  # a close frame without a code (aiohttp reports 0)


class _RedirectRefused(Exception):
    """Raised from aiohttp's redirect hook: the signed handshake never follows a redirect."""

    def __init__(self, status: int) -> None:
        self.status = status
        super().__init__(status)


class _Handshake:
    """What aiohttp's request hooks saw of the upgrade: its response, the body of a refusal."""

    __slots__ = ("body", "response")

    def __init__(self) -> None:
        self.response: Any = None
        self.body = ""


@cache
def _aiohttp() -> Any:
    """aiohttp, imported on first use; ImportError naming the package when it is missing."""
    try:
        import aiohttp
    except ImportError as exc:
        raise ImportError(_AIOHTTP_MISSING) from exc
    return aiohttp


def _trace_config(aiohttp: Any, handshake: _Handshake) -> Any:
    async def on_end(session: Any, context: Any, params: Any) -> None:
        response = params.response
        handshake.response = response
        if response.status != 101:  # a refusal: keep the start of its explanation
            try:
                body = await asyncio.wait_for(response.content.read(_BODY_CHARS), 1.0)
            except Exception:  # noqa: BLE001 - the status alone still says what happened
                body = b""
            handshake.body = " ".join(body.decode("utf-8", errors="replace").split())

    async def on_redirect(session: Any, context: Any, params: Any) -> None:
        params.response.close()
        raise _RedirectRefused(params.response.status)

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(on_end)
    trace.on_request_redirect.append(on_redirect)
    return trace


class _AiohttpConnection:
    """aiohttp's ClientWebSocketResponse behind the WSConnection seam.

    autoping is off so that the server's pings pass through recv(): each one is answered
    here and counts as a sign of life (aiohttp would answer it and tell no one). The
    connection owns its ClientSession, released when the connection ends."""

    __slots__ = (
        "_binary",
        "_close",
        "_closed",
        "_handshake",
        "_last",
        "_ping",
        "_pong",
        "_receive",
        "_session",
        "_text",
        "_ws",
    )

    def __init__(self, ws: Any, session: Any, handshake: _Handshake, kinds: Any) -> None:
        self._ws = ws
        self._session = session
        self._handshake = handshake
        self._receive = ws.receive
        self._text, self._binary = kinds.TEXT, kinds.BINARY
        self._ping, self._pong, self._close = kinds.PING, kinds.PONG, kinds.CLOSE
        self._last = time.monotonic()
        self._closed: TransportClosed | None = None

    @property
    def last_received(self) -> float:
        return self._last

    async def send(self, message: str) -> None:
        if self._closed is not None or self._ws.closed:
            raise self._closed or TransportClosed(self._ws.close_code)
        try:
            await self._ws.send_str(message)
        except (ConnectionError, RuntimeError) as exc:
            raise TransportClosed(None, str(exc)) from None

    async def recv(self) -> bytes | str:
        while True:
            msg = await self._receive()  # a WSMessage: (type, data, extra)
            kind = msg[0]
            self._last = time.monotonic()
            if kind is self._text or kind is self._binary:
                data: bytes | str = msg[1]
                return data
            if kind is self._ping:
                try:
                    await self._ws.pong(msg[1])  # the same body back ("heartbeat")
                except (ConnectionError, RuntimeError):
                    pass  # the connection is going: the next receive() says how
            elif kind is not self._pong:
                raise await self._ended(msg)

    async def _ended(self, msg: Any) -> TransportClosed:
        """CLOSE (the server's code and reason), CLOSING, CLOSED or ERROR: gone for good."""
        if self._closed is None:
            if msg[0] is self._close:  # aiohttp has answered it already (autoclose)
                self._closed = TransportClosed(msg[1] or _NO_STATUS, msg[2] or "")
            else:  # no close frame from the server: abnormal, whatever aiohttp recorded
                self._closed = TransportClosed(None, "" if msg[1] is None else str(msg[1]))
        await self._release()
        return self._closed

    async def ping(self) -> None:
        if self._closed is not None or self._ws.closed:
            raise self._closed or TransportClosed(self._ws.close_code)
        try:
            await self._ws.ping()  # returns once sent; the pong comes through recv()
        except (ConnectionError, RuntimeError) as exc:
            raise TransportClosed(None, str(exc)) from None

    async def close(self, code: int = 1000, reason: str = "") -> None:
        try:
            await self._ws.close(code=code, message=reason.encode("utf-8"))
        finally:
            await self._release()

    def abort(self) -> None:
        response = self._handshake.response
        connection = getattr(response, "connection", None)
        transport = getattr(connection, "transport", None)
        if transport is not None:
            transport.abort()
        if not self._session.closed:  # nobody may await the release after an abort
            task = asyncio.get_running_loop().create_task(self._release())
            _releasing.add(task)
            task.add_done_callback(_releasing.discard)

    async def _release(self) -> None:
        if not self._session.closed:
            await self._session.close()


_releasing: set[asyncio.Task[None]] = set()  # sessions closing after an abort (kept alive)


def make_aiohttp_connector(
    *,
    compress: int = 0,
    open_timeout: float = 10.0,
    close_timeout: float = 2.0,
    max_msg_size: int = 2**24,
    **kwargs: Any,
) -> Connector:
    """A connector on aiohttp (optional: `pip install aiohttp`), imported on the first
    connection. Compression is off by default (compress=15 offers it), as with websockets.
    The session watches the heartbeat itself, so aiohttp's heartbeat is off and its autoping
    too: the server's pings are answered by the connection and update `last_received`.
    Redirects are refused (HandshakeRejected with the 3xx status): the signed handshake
    stays on its host. aiohttp logs no handshake headers, so there is no signature to
    redact. Other keywords (proxy=, ssl=, ...) go to ClientSession.ws_connect()."""

    async def connect(url: str, headers: Mapping[str, str]) -> WSConnection:
        aiohttp = _aiohttp()
        handshake = _Handshake()
        session = aiohttp.ClientSession(
            trace_configs=[_trace_config(aiohttp, handshake)],
            timeout=aiohttp.ClientTimeout(total=None),
        )
        try:
            ws = await asyncio.wait_for(
                session.ws_connect(
                    url,
                    headers=dict(headers),
                    autoping=False,
                    autoclose=True,
                    heartbeat=None,
                    compress=compress,
                    max_msg_size=max_msg_size,
                    timeout=_ws_timeout(aiohttp, close_timeout),
                    **_no_decode(aiohttp),
                    **kwargs,
                ),
                open_timeout,
            )
        except _RedirectRefused as exc:
            await session.close()
            raise HandshakeRejected(exc.status, "redirect not followed") from None
        except aiohttp.WSServerHandshakeError as exc:
            await session.close()
            if exc.status == 101:  # upgraded, but not properly (headers, key): a broken peer
                raise TransportError(f"handshake failed: {exc.message}") from None
            raise HandshakeRejected(exc.status, handshake.body) from None
        except aiohttp.ClientConnectionError as exc:
            await session.close()
            raise TransportError(f"connection failed: {exc}") from exc
        except BaseException:
            await session.close()
            raise
        return _AiohttpConnection(ws, session, handshake, aiohttp.WSMsgType)

    return _mark(connect, "aiohttp")


def _ws_timeout(aiohttp: Any, close_timeout: float) -> Any:
    """The closing handshake's timeout (no receive timeout: the session watches silence)."""
    if hasattr(aiohttp, "ClientWSTimeout"):  # older aiohttp took a float for the same
        return aiohttp.ClientWSTimeout(ws_receive=None, ws_close=close_timeout)
    return close_timeout


@cache
def _no_decode(aiohttp: Any) -> dict[str, bool]:
    """decode_text=False where aiohttp has it (recent versions): text frames as bytes,
    which pydantic reads as they are, without a str in between."""
    import inspect

    params = inspect.signature(aiohttp.ClientSession.ws_connect).parameters
    return {"decode_text": False} if "decode_text" in params else {}


# --- choosing one ------------------------------------------------------------------------

ConnectorName = Literal["websockets", "aiohttp"]


def resolve_connector(connector: Connector | str | None) -> Connector:
    """The connector `connector=` names: None or "websockets" (the default), "aiohttp", or
    a Connector as it is. An unknown name raises ValueError, "aiohttp" without aiohttp
    installed ImportError (here, before anything connects; aiohttp itself is imported by
    the first connection)."""
    if connector is None:
        return websockets_connector
    if isinstance(connector, str):
        if connector == "websockets":
            return websockets_connector
        if connector == "aiohttp":
            import importlib.util

            if importlib.util.find_spec("aiohttp") is None:  # found, not imported
                raise ImportError(_AIOHTTP_MISSING)
            return aiohttp_connector
        raise ValueError(
            f'connector must be "websockets", "aiohttp" or a Connector, got {connector!r}'
        )
    if not callable(connector):
        raise TypeError(f"connector must be a name or a Connector, got {connector!r}")
    return connector


aiohttp_connector: Connector = make_aiohttp_connector()

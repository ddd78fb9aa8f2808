"""The WebSocket session: one connection, one reader, every subscription behind it.

How frames are routed: one reader task per connection decodes each frame once and routes
it synchronously, in arrival order: data by `sid` to its subscription's queue (a deque the
iterator drains), replies by `id` to the future of the command that waits for them. A
`subscribed` reply binds its sid to the subscription inside the reader, before the next
frame is read, so no frame of a live subscription is ever lost while another command
waits for its reply, and replies may come in any order.

Sequence numbers (`seq`, per sid, on every frame that carries one, `ok` replies included:
they consume the subscription's seq):
- order book channels: a duplicate (seq at or below the last) is dropped, never applied
  twice; a gap or a reset (seq back to 1) recovers by resubscribing behind the same handle:
  the old sid is unsubscribed, the books are reset, a new subscribe with the same params
  gets a new sid whose snapshots rebuild them, and the iterator yields Resynced first.
  Resubscribing rather than `get_snapshot`: after a gap or a reset the old sid's numbering
  can no longer be trusted, while a new sid starts a clean, fully numbered stream; the
  document leaves get_snapshot out of the channel's operations (its reply is not
  recorded); and it is the same path a reconnect takes, so one recovery is tested twice.
  A delta for a market without a snapshot, or one that cannot be applied, resyncs too.
- other channels: a SequenceGap event is yielded before the frame that showed it, and
  iteration goes on (there is nothing to recover: the frames are gone).

Connection: opened by the first subscribe (or `connect()` / `async with`), signed like REST
(`GET <ws path>`) when a key is configured; public channels work without one. When the
connection drops (or the heartbeat stops: nothing from the server, not even a ping, for
`heartbeat_timeout` seconds) it is reopened with backoff and jitter (kalshi._retry, the
REST policy), every subscription is subscribed again with its current params and remapped
to its new sid, books are rebuilt, and iterators yield Reconnected (and Resynced on book
channels). A handshake refused with 4xx (not 408/429) or a permanent close code (1008 ...)
fails at once with KalshiWSConnectionError, as does running out of `max_reconnect_attempts`;
the iterators then raise it. A terminal error (codes 10, 25) ends only its subscription,
with KalshiWSSubscriptionError. `close()` ends every iterator (StopAsyncIteration).
"""

from __future__ import annotations

import asyncio
import importlib
import json
import logging
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from threading import Lock
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from typing_extensions import Self

from .._base_client import ApiProfile, _env_flag, env_kwargs
from .._constants import (
    ENV_ALLOW_UNKNOWN_HOST,
    ENV_BASE_URL,
    ENV_KEY_ID,
    ENV_PRIVATE_KEY,
    ENV_PRIVATE_KEY_PATH,
    ENV_STRICT_RESPONSES,
)
from .._retry import backoff_delay
from ._channel import ChannelSpec, ProtocolSpec
from ._errors import (
    KalshiWSAuthRequiredError,
    KalshiWSCommandError,
    KalshiWSConnectionError,
    KalshiWSDecodeError,
    KalshiWSError,
    KalshiWSSubscriptionError,
    KalshiWSTimeoutError,
)
from ._events import Reconnected, Resynced
from ._frames import Frame, FrameDecoder, UntypedFrame, report_untyped
from ._subscription import AsyncBookSubscription, AsyncSubscription, SubscriptionInfo, _Failure
from ._transport import (
    Connector,
    ConnectorName,
    HandshakeRejected,
    TransportClosed,
    TransportError,
    WSConnection,
    resolve_connector,
)

if TYPE_CHECKING:
    from .._auth import RequestSigner

__all__ = ["ENV_WS_URL", "AsyncSession", "protocol_of"]

log = logging.getLogger("kalshi.ws")

ENV_WS_URL = "KALSHI_WS_URL"  # from_env(): the WebSocket URL, when not the environment's default
# (kalshi.ws's; another API's is its ProtocolSpec.ws_url_env)
DEFAULT_QUEUE_SIZE = 10_000
DEFAULT_HEARTBEAT_TIMEOUT = 30.0  # the server pings every 10 s: three missed pings
DEFAULT_COMMAND_TIMEOUT = 10.0
DEFAULT_MAX_RECONNECT_ATTEMPTS = 10
_CLOSE_TIMEOUT = 2.0
_BATCH = 32  # frames the reader routes before it lets the iterators run (see _read)
_UNKNOWN_SID = 7  # error code: the server no longer knows the sid (already gone)

S = TypeVar("S", bound="AsyncSession")


class _ConnectionLost(KalshiWSConnectionError):
    """The connection went away before a command's reply (the session reconnects)."""


@dataclass
class _Pending:
    """A command waiting for its reply."""

    command: str
    future: asyncio.Future[_Reply]
    conn: WSConnection
    bind: AsyncSubscription[Any] | None = None  # subscribe: the handle the new sid belongs to
    then: Any = None  # subscribe: the event to queue when bound (Reconnected / Resynced)
    target: AsyncSubscription[Any] | None = None  # update/unsubscribe: the handle concerned


@dataclass(frozen=True)
class _Reply:
    frame: Frame
    raw: bytes | str


@dataclass(frozen=True)
class _Outcome:
    """How a connection ended."""

    code: int | None
    reason: str
    established: bool  # it delivered a frame: the reconnect backoff starts over


_decoders: dict[tuple[int, bool], tuple[ProtocolSpec, FrameDecoder]] = {}
_decoders_lock = Lock()


def _decoder(protocol: ProtocolSpec, strict: bool) -> FrameDecoder:
    """One decoder per protocol and strictness: building the union costs milliseconds."""
    key = (id(protocol), strict)
    entry = _decoders.get(key)
    if entry is None or entry[0] is not protocol:
        with _decoders_lock:
            models: dict[str, type[Frame]] = {}
            for channel in protocol.channels.values():
                for name, model in channel.messages.items():
                    models.setdefault(name, model)
            for name, model in protocol.replies.items():
                models.setdefault(name, model)
            entry = (protocol, FrameDecoder(models, strict=strict))
            _decoders[key] = entry
    return entry[1]


class AsyncSession:
    """A Kalshi WebSocket session (the generated AsyncKalshiWS adds typed subscribe_*)."""

    _protocol: ClassVar[ProtocolSpec | None] = None  # the generated client sets it

    def __init__(
        self,
        *,
        key_id: str | None = None,
        private_key: str | bytes | None = None,
        private_key_path: str | os.PathLike[str] | None = None,
        demo: bool = False,
        url: str | None = None,
        allow_unknown_host: bool | None = None,
        strict_messages: bool | None = None,
        reconnect: bool = True,
        max_reconnect_attempts: int | None = DEFAULT_MAX_RECONNECT_ATTEMPTS,
        heartbeat_timeout: float | None = DEFAULT_HEARTBEAT_TIMEOUT,
        queue_size: int = DEFAULT_QUEUE_SIZE,
        connector: Connector | ConnectorName | None = None,
        command_timeout: float = DEFAULT_COMMAND_TIMEOUT,
        signer: RequestSigner | None = None,
    ) -> None:
        """Nothing is sent until the first subscribe (or connect()).

        `url`: the WebSocket URL, else the production (or `demo=True`) server's; a host the
        document does not name is refused unless `allow_unknown_host` (or
        KALSHI_ALLOW_UNKNOWN_HOST=1) or a Connector object is given. `connector`: the
        WebSocket library, "websockets" (the default) or "aiohttp" (optional, `pip install
        aiohttp`; its compiled frame reader takes about a quarter off the CPU per frame of
        a busy feed), or a Connector (kalshi.ws._transport: make_aiohttp_connector(...)
        with options, a test double), which decides where it connects.
        `strict_messages` (default KALSHI_STRICT_RESPONSES): a frame deviating from its
        model raises instead of being read leniently. `max_reconnect_attempts` (None: no
        limit) bounds the tries after a drop; `heartbeat_timeout` (None: not watched) is how
        long silence means a dead connection; `queue_size` bounds each subscription's
        queue; `command_timeout` how long a command waits for its reply. `signer` shares a
        REST client's RequestSigner.
        """
        protocol = self._get_protocol()
        self._spec = protocol
        if allow_unknown_host is None:
            name = _rest_profile(protocol).env(ENV_ALLOW_UNKNOWN_HOST)
            allow_unknown_host = _env_flag(name, os.environ.get(name, ""))
        self._url = _resolve_url(
            protocol,
            url,
            demo,
            allow_unknown_host=allow_unknown_host or not isinstance(connector, (str, type(None))),
        )
        if strict_messages is None:
            strict_messages = _env_flag(
                ENV_STRICT_RESPONSES, os.environ.get(ENV_STRICT_RESPONSES, "")
            )
        if not isinstance(strict_messages, bool):
            raise TypeError(f"strict_messages must be a bool, got {strict_messages!r}")
        self._strict = strict_messages
        self._reconnect = bool(reconnect)
        self._max_attempts = _check_count("max_reconnect_attempts", max_reconnect_attempts)
        self._heartbeat_timeout = _check_seconds("heartbeat_timeout", heartbeat_timeout)
        timeout = _check_seconds("command_timeout", command_timeout)
        if timeout is None:
            raise ValueError("command_timeout must be a positive number of seconds, not None")
        self._command_timeout = timeout
        if isinstance(queue_size, bool) or not isinstance(queue_size, int) or queue_size < 1:
            raise ValueError(f"queue_size must be a positive int, got {queue_size!r}")
        self._queue_size = queue_size
        self._connector: Connector = resolve_connector(connector)
        has_key = key_id is not None or private_key is not None or private_key_path is not None
        if signer is not None and has_key:
            raise ValueError("pass either signer= or key_id=/private_key=, not both")
        if signer is None and has_key:
            from .._auth import make_signer  # cryptography loads only when a key is used

            signer = make_signer(key_id, private_key, private_key_path)
        self._signer = signer
        self._decoder = _decoder(protocol, self._strict)
        self._ambiguous = _ambiguous_types(protocol)
        self._channel_decoders: dict[tuple[str, str], FrameDecoder] = {}
        self._terminal = protocol.terminal_codes
        self._replies = frozenset(protocol.replies)

        self._subs: dict[int, AsyncSubscription[Any]] = {}  # by id(): every live handle
        self._by_sid: dict[int, AsyncSubscription[Any]] = {}  # the current connection's sids
        self._retired: set[int] = set()  # sids given up on this connection: frames dropped
        self._warned_sids: set[int] = set()
        self._pending: dict[int, _Pending] = {}
        self._next_id = 0
        self._conn: WSConnection | None = None
        self._supervisor: asyncio.Task[None] | None = None
        self._connected: asyncio.Future[None] | None = None  # the first connection is up
        self._up = asyncio.Event()  # set while connected
        self._tasks: set[asyncio.Task[Any]] = set()
        self._failure: BaseException | None = None
        self._closed = False
        self._frames_read = 0  # on the current connection (0 or 1: did it deliver anything)

    # --- construction from the environment or a REST client ------------------------

    @classmethod
    def from_env(cls, **overrides: Any) -> Self:
        """A session configured from the environment variables its REST package's client
        reads (KALSHI_KEY_ID, KALSHI_PRIVATE_KEY or KALSHI_PRIVATE_KEY_PATH, KALSHI_DEMO,
        KALSHI_API_BASE_URL for the environment; KALSHI_PERPS_* for kalshi.perps) and
        KALSHI_WS_URL (the API's own variable: ProtocolSpec.ws_url_env); keywords win."""
        protocol = cls._get_protocol()
        url_env = protocol.ws_url_env
        profile = _rest_profile(protocol)
        kwargs = env_kwargs(
            {k: v for k, v in overrides.items() if k not in ("url", "demo")}, profile
        )
        kwargs.pop("oauth_token", None)  # the handshake is signed with the key only
        base_url = kwargs.pop("base_url", None)
        if "url" in overrides or "demo" in overrides:
            kwargs.update({k: overrides[k] for k in ("url", "demo") if k in overrides})
        elif os.environ.get(url_env, "").strip():
            kwargs["url"] = os.environ[url_env].strip()
        elif "demo" not in kwargs and base_url is not None:
            environment = _rest_environment(protocol, base_url)
            if environment is None:
                raise ValueError(
                    f"{profile.env(ENV_BASE_URL)}={base_url!r} is not a known Kalshi server, so the "
                    f"WebSocket server is unknown; set {url_env}"
                )
            kwargs["demo"] = environment == "demo"
        return cls(**kwargs)

    @classmethod
    def from_client(cls, client: Any, **overrides: Any) -> Self:
        """A session with the paired REST client's (KalshiClient's, or its async twin's) key
        and environment: the same signer, the demo or production server by its base URL, and
        its strict_responses as strict_messages. Keywords win."""
        if "url" not in overrides and "demo" not in overrides:
            environment = _rest_environment(cls._get_protocol(), client.base_url)
            if environment is None:
                raise ValueError(
                    f"the client's base_url {client.base_url!r} is not a known Kalshi server, "
                    "so the WebSocket server is unknown; pass url="
                )
            overrides["demo"] = environment == "demo"
        overrides.setdefault("strict_messages", client.strict_responses)
        signer = getattr(client, "_signer", None)
        keys = ("key_id", "private_key", "private_key_path", "signer")
        if signer is not None and not any(k in overrides for k in keys):
            overrides["signer"] = signer
        return cls(**overrides)

    @classmethod
    def _get_protocol(cls) -> ProtocolSpec:
        if cls._protocol is None:
            cls._protocol = protocol_of(cls)
        return cls._protocol

    # --- public API ------------------------------------------------------------------

    @property
    def url(self) -> str:
        return self._url

    @property
    def is_authenticated(self) -> bool:
        return self._signer is not None

    @property
    def connected(self) -> bool:
        return self._conn is not None

    @property
    def subscriptions(self) -> tuple[AsyncSubscription[Any], ...]:
        """The live subscription handles of this session."""
        return tuple(self._subs.values())

    async def connect(self) -> None:
        """Open the connection now (the first subscribe opens it otherwise)."""
        self._check_open()
        self._start()
        assert self._connected is not None
        await asyncio.shield(self._connected)

    async def list_subscriptions(self) -> list[SubscriptionInfo]:
        """The subscriptions the server has for this connection."""
        conn = await self._connection()
        reply = await self._command(conn, "list_subscriptions", None)
        return _subscription_infos(reply)

    async def close(self) -> None:
        """Close the connection; every iterator stops, pending commands fail."""
        if self._closed:
            return
        self._closed = True
        error = KalshiWSError("the session is closed")
        for sub in list(self._subs.values()):
            self._forget(sub, None, discard=True, waiting=error)
        self._fail_pending(error, None)
        if self._connected is not None and not self._connected.done():
            self._connected.set_exception(error)
            self._connected.exception()  # retrieved: nobody may be waiting
        conn = self._conn
        if conn is not None:
            try:
                await asyncio.wait_for(conn.close(1000, "client closed"), _CLOSE_TIMEOUT)
            except (TransportError, OSError, asyncio.TimeoutError):
                conn.abort()
        current = asyncio.current_task()
        tasks = [t for t in (self._supervisor, *self._tasks) if t is not None and t is not current]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._conn = None

    async def __aenter__(self) -> Self:
        await self.connect()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    def __repr__(self) -> str:
        key_id = None if self._signer is None else self._signer.key_id
        return f"{type(self).__name__}(url={self._url!r}, key_id={key_id!r})"

    # --- what the generated subscribe_* methods call ---------------------------------

    async def _subscribe(
        self, channel: ChannelSpec, params: Mapping[str, object]
    ) -> AsyncSubscription[Any]:
        """Subscribe to `channel`; returns once the server confirmed it (has a sid)."""
        self._check_open()
        wire = _subscribe_params(channel, params)
        if channel.auth and self._signer is None:
            env = _rest_profile(self._spec).env
            raise KalshiWSAuthRequiredError(
                f"channel {channel.name!r} requires an API key; pass key_id= and private_key= "
                f"(or private_key_path=), or set {env(ENV_KEY_ID)} and {env(ENV_PRIVATE_KEY)} "
                f"(or {env(ENV_PRIVATE_KEY_PATH)}) and use from_env(), or from_client(client)"
            )
        kind = AsyncBookSubscription if channel.book is not None else AsyncSubscription
        sub: AsyncSubscription[Any] = kind(self, channel, wire, self._queue_size)
        self._start()
        sub._bound = asyncio.get_running_loop().create_future()
        self._subs[id(sub)] = sub
        try:
            conn = self._conn
            if conn is not None:  # else the connection, once up, subscribes every handle
                try:
                    await self._command(conn, "subscribe", self._subscribe_body(sub), bind=sub)
                except _ConnectionLost:
                    pass  # the reconnect subscribes it
            await asyncio.shield(sub._bound)
        except BaseException:
            if not sub._ended:
                self._abandon(sub, None)
            raise
        return sub

    async def _subscribe_book(
        self, channel: ChannelSpec, params: Mapping[str, object]
    ) -> AsyncBookSubscription[Any]:
        sub = await self._subscribe(channel, params)
        assert isinstance(sub, AsyncBookSubscription)
        return sub

    # --- commands --------------------------------------------------------------------

    async def _command(
        self,
        conn: WSConnection,
        command: str,
        params: Mapping[str, Any] | None,
        *,
        bind: AsyncSubscription[Any] | None = None,
        then: Any = None,
        target: AsyncSubscription[Any] | None = None,
    ) -> _Reply:
        if conn is not self._conn:
            raise _ConnectionLost("the connection was lost before the command was sent")
        self._next_id += 1
        command_id = self._next_id
        future: asyncio.Future[_Reply] = asyncio.get_running_loop().create_future()
        self._pending[command_id] = _Pending(command, future, conn, bind, then, target)
        body: dict[str, Any] = {"id": command_id, "cmd": command}
        if params is not None:
            body["params"] = params
        try:
            await conn.send(json.dumps(body, separators=(",", ":")))
        except (TransportError, OSError):
            self._pending.pop(command_id, None)
            raise _ConnectionLost(f"the connection was lost while sending {command}") from None
        try:
            return await asyncio.wait_for(future, self._command_timeout)
        except asyncio.TimeoutError:
            raise KalshiWSTimeoutError(
                f"no reply to {command} (id {command_id}) within {self._command_timeout:g} s"
            ) from None
        finally:
            if future.cancelled():  # timed out, or the caller was cancelled: a late reply is stray
                self._pending.pop(command_id, None)

    def _subscribe_body(self, sub: AsyncSubscription[Any]) -> dict[str, Any]:
        return {"channels": [sub.spec.name], **sub._params}

    async def _connection(self) -> WSConnection:
        """The live connection, waiting (up to command_timeout) while it is re-opened."""
        self._check_open()
        self._start()
        assert self._connected is not None
        await asyncio.shield(self._connected)
        if self._conn is None:
            try:
                await asyncio.wait_for(self._up.wait(), self._command_timeout)
            except asyncio.TimeoutError:
                raise KalshiWSConnectionError("not connected (reconnecting)") from None
            self._check_open()
        assert self._conn is not None
        return self._conn

    async def _unsubscribe(self, sub: AsyncSubscription[Any]) -> None:
        if sub._ended or sub._closing:
            return
        sub._closing = True
        self._subs.pop(id(sub), None)
        sid, conn = sub.sid, self._conn
        try:
            if conn is not None and sid is not None:
                try:
                    await self._command(conn, "unsubscribe", {"sids": [sid]}, target=sub)
                except _ConnectionLost:
                    pass
                except KalshiWSCommandError as exc:
                    if exc.code != _UNKNOWN_SID:
                        raise
        finally:
            self._retire(sub)
            sub._end(discard=True)

    async def _update(
        self, sub: AsyncSubscription[Any], action: str, params: Mapping[str, Any]
    ) -> Frame:
        if action not in sub.spec.update_actions:
            accepted = ", ".join(sorted(sub.spec.update_actions)) or "none"
            raise ValueError(
                f"channel {sub.channel!r} does not accept the update action {action!r} "
                f"(it accepts: {accepted})"
            )
        body = {k: list(v) if isinstance(v, tuple) else v for k, v in params.items()}
        if not sub._bound_now.is_set():  # resyncing or reconnecting: wait for the new sid
            try:
                await asyncio.wait_for(sub._bound_now.wait(), self._command_timeout)
            except asyncio.TimeoutError:
                raise KalshiWSTimeoutError(
                    f"the {sub.channel} subscription got no sid within "
                    f"{self._command_timeout:g} s (reconnecting)"
                ) from None
        if sub._ended or sub.sid is None or self._conn is None:
            raise KalshiWSError(f"the {sub.channel} subscription has ended")
        try:
            reply = await self._command(
                self._conn,
                "update_subscription",
                {"sid": sub.sid, "action": action, **body},
                target=sub,
            )
        except _ConnectionLost:
            raise KalshiWSConnectionError(
                f"the connection was lost before the reply to {action}; after reconnecting "
                "the subscription has its markets as before the update"
            ) from None
        sub._apply_update(action, body, getattr(reply.frame, "msg", None))
        return reply.frame

    # --- the connection loop ---------------------------------------------------------

    def _start(self) -> None:
        if self._supervisor is None:
            self._connected = asyncio.get_running_loop().create_future()
            self._supervisor = asyncio.get_running_loop().create_task(self._supervise())

    def _handshake_headers(self) -> dict[str, str]:
        if self._signer is None:
            return {}
        return self._signer.headers("GET", self._spec.ws_path, time.time_ns() // 1_000_000)

    async def _sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def _supervise(self) -> None:
        failures = 0  # connection attempts since the last connection that worked
        ever_connected = False
        last_error = ""
        while not self._closed and self._failure is None:
            try:
                conn = await self._connector(self._url, self._handshake_headers())
            except HandshakeRejected as exc:
                if 400 <= exc.status < 500 and exc.status not in (408, 429):
                    hint = " (check key_id and the private key)" if exc.status in (401, 403) else ""
                    self._fail(
                        KalshiWSConnectionError(
                            f"the server refused the WebSocket connection: {exc}{hint}",
                            status=exc.status,
                        )
                    )
                    return
                last_error = str(exc)
            except (TransportError, OSError, asyncio.TimeoutError) as exc:
                last_error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            except ImportError as exc:  # the connector's library is missing: say so, never hang
                self._fail(exc)
                return
            except Exception as exc:  # a connector that cannot work at all: fail loudly
                log.exception("WebSocket connector failed")
                self._fail(KalshiWSConnectionError(f"the connector failed: {exc!r}"))
                return
            else:
                outcome = await self._serve(conn, failures if ever_connected else 0)
                ever_connected = True
                if self._closed or self._failure is not None:
                    return
                if outcome.code in self._spec.permanent_close_codes:
                    self._fail(
                        KalshiWSConnectionError(
                            f"the server closed the connection with code {outcome.code}"
                            f"{': ' + outcome.reason if outcome.reason else ''}; not "
                            "reconnecting (the code is permanent)",
                            close_code=outcome.code,
                        )
                    )
                    return
                if outcome.established:
                    failures = 0
                last_error = f"connection closed ({outcome.code} {outcome.reason})".rstrip()
                if not self._reconnect:
                    self._fail(
                        KalshiWSConnectionError(
                            f"{last_error}; reconnect=False", close_code=outcome.code
                        )
                    )
                    return
            failures += 1
            if not self._reconnect or (
                self._max_attempts is not None and failures > self._max_attempts
            ):
                tries = f"{failures} attempt(s)" if self._reconnect else "one attempt"
                self._fail(
                    KalshiWSConnectionError(
                        f"could not connect to {self._url} after {tries}: {last_error}"
                    )
                )
                return
            delay = backoff_delay(failures - 1, None)
            log.info("WebSocket reconnect attempt %d in %.2f s (%s)", failures, delay, last_error)
            await self._sleep(delay)

    async def _serve(self, conn: WSConnection, attempt: int) -> _Outcome:
        """Run one connection until it ends; `attempt` > 0: it replaces a lost one."""
        # Set the connection and take the handles to restore in one step: a subscribe
        # from now on sends its own command, one from before is restored here.
        self._conn = conn
        restore = [s for s in self._subs.values() if not s._ended and not s._closing]
        self._up.set()
        if self._connected is not None and not self._connected.done():
            self._connected.set_result(None)
        loop = asyncio.get_running_loop()
        reader = loop.create_task(self._read(conn))
        watch = loop.create_task(self._watch(conn))
        restoring = loop.create_task(self._restore(conn, restore, attempt)) if restore else None
        try:
            done, _ = await asyncio.wait({reader, watch}, return_when=asyncio.FIRST_COMPLETED)
            if reader in done:
                closed = reader.result()
            else:
                conn.abort()
                try:
                    closed = await asyncio.wait_for(reader, _CLOSE_TIMEOUT)
                except asyncio.TimeoutError:
                    closed = TransportClosed(None, "heartbeat lost")
                closed = TransportClosed(closed.code, "no heartbeat from the server")
        except BaseException:
            conn.abort()
            raise
        finally:
            for task in (reader, watch, restoring):
                if task is not None and not task.done():
                    task.cancel()
            self._lost(conn)
        return _Outcome(closed.code, closed.reason, self._frames_read > 0)

    async def _read(self, conn: WSConnection) -> TransportClosed:
        """The reader: one per connection, routes every frame as it arrives.

        recv() returns at once while the socket library has frames buffered (hundreds after
        one socket read), so the reader yields every _BATCH frames: the iterators take the
        frames while they are still in the CPU's cache, and a burst never piles up in the
        queues unread (hundreds of decoded frames waiting made each frame cost up to 1.8x
        as much, bench/ws.py; and a queue could overflow under a consumer that keeps up)."""
        recv = conn.recv
        dispatch = self._dispatch
        pause = asyncio.sleep
        self._frames_read = 0
        try:
            dispatch(await recv())
            self._frames_read = 1  # the connection worked: reconnect backoff starts over
            while True:
                for _ in range(_BATCH):
                    dispatch(await recv())
                await pause(0)
        except TransportClosed as exc:
            return exc
        except (TransportError, OSError) as exc:
            return TransportClosed(None, str(exc))
        except Exception as exc:  # a bug: fail loudly rather than lose frames quietly
            log.exception("WebSocket reader failed")
            conn.abort()
            self._fail(KalshiWSError(f"the WebSocket reader failed: {exc!r}"))
            return TransportClosed(None, "reader failed")

    async def _watch(self, conn: WSConnection) -> None:
        """Returns when nothing (no frame, no ping) came for heartbeat_timeout seconds; pings
        the server after half of it, so a quiet but live connection answers."""
        timeout = self._heartbeat_timeout
        if timeout is None:
            await asyncio.Event().wait()
            return
        step = max(timeout / 4, 0.005)
        pinged = 0.0
        while True:
            await asyncio.sleep(step)
            now = time.monotonic()
            idle = now - conn.last_received
            if idle >= timeout:
                log.warning("nothing from the server for %.1f s: reconnecting", idle)
                return
            if idle >= timeout / 2 and now - pinged >= timeout / 2:
                pinged = now
                try:
                    await conn.ping()
                except (TransportError, OSError):
                    return

    async def _restore(
        self, conn: WSConnection, subs: Sequence[AsyncSubscription[Any]], attempt: int
    ) -> None:
        """Subscribe every handle on a new connection, with its current params."""
        await asyncio.gather(*(self._resubscribe(conn, sub, attempt) for sub in subs))

    async def _resubscribe(
        self, conn: WSConnection, sub: AsyncSubscription[Any], attempt: int
    ) -> None:
        then: list[Any] = []
        if sub._bound is not None and sub._bound.done():  # it had a sid: tell the iterator
            then.append(Reconnected(max(attempt, 1)))
            if isinstance(sub, AsyncBookSubscription):
                then.append(Resynced(sub.channel, "reconnect"))
        await self._subscribe_again(conn, sub, then)

    def _resync(self, sub: AsyncSubscription[Any], reason: str) -> None:
        """A book subscription lost track: resubscribe it behind the same handle."""
        conn = self._conn
        if sub._resyncing or sub._ended or sub._closing or conn is None:
            return
        sub._resyncing = True
        log.warning("%s subscription (sid %s): %s, resubscribing", sub.channel, sub.sid, reason)
        old = sub.sid
        self._retire(sub)
        sub._reset()
        if old is not None:
            self._spawn(self._quietly(conn, "unsubscribe", {"sids": [old]}))
        self._spawn(self._subscribe_again(conn, sub, [Resynced(sub.channel, reason)]))

    async def _subscribe_again(
        self, conn: WSConnection, sub: AsyncSubscription[Any], then: list[Any]
    ) -> None:
        try:
            await self._command(conn, "subscribe", self._subscribe_body(sub), bind=sub, then=then)
        except _ConnectionLost:
            pass  # the next connection restores it
        except KalshiWSTimeoutError:
            log.warning("%s: subscribe got no reply; reconnecting", sub.channel)
            conn.abort()
        except KalshiWSCommandError as exc:
            if sub._bound is not None and not sub._bound.done():
                sub._bound.set_exception(exc)  # _subscribe raises it
                self._forget(sub, None, discard=True)
            else:
                self._forget(
                    sub,
                    KalshiWSSubscriptionError(
                        f"the {sub.channel} subscription could not be restored: {exc}",
                        code=exc.code,
                        channel=sub.channel,
                    ),
                )

    async def _quietly(self, conn: WSConnection, command: str, params: Mapping[str, Any]) -> None:
        try:
            await self._command(conn, command, params)
        except KalshiWSError as exc:
            log.debug("%s %s: %s", command, params, exc)

    def _spawn(self, coro: Any) -> None:
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _lost(self, conn: WSConnection) -> None:
        """The connection is gone: pending commands fail, sids are void, books reset."""
        if self._conn is conn:
            self._conn = None
            self._up.clear()
        self._fail_pending(_ConnectionLost("the connection was lost before the reply"), conn)
        self._by_sid.clear()
        self._retired.clear()
        self._warned_sids.clear()
        for sub in self._subs.values():
            sub._unbind()
            sub._resyncing = False
            sub._reset()

    def _fail(self, error: BaseException) -> None:
        """Give up for good: every handle and waiter gets `error`."""
        if self._failure is None:
            self._failure = error
        for sub in list(self._subs.values()):
            self._forget(sub, error)
        self._fail_pending(error, None)
        if self._connected is not None and not self._connected.done():
            self._connected.set_exception(error)
            self._connected.exception()  # retrieved: nobody may be waiting
        self._up.set()  # wake waiters; they find the failure

    def _fail_pending(self, error: BaseException, conn: WSConnection | None) -> None:
        for command_id, pending in list(self._pending.items()):
            if conn is None or pending.conn is conn:
                del self._pending[command_id]
                if not pending.future.done():
                    pending.future.set_exception(error)

    def _check_open(self) -> None:
        if self._failure is not None:
            raise self._failure
        if self._closed:
            raise KalshiWSError("the session is closed")

    def _forget(
        self,
        sub: AsyncSubscription[Any],
        error: BaseException | None,
        *,
        discard: bool = False,
        waiting: BaseException | None = None,
    ) -> None:
        """Drop a handle: no restore, its sid retired, its iterator ended with `error` (None:
        it stops). A subscribe still waiting for it raises `waiting` (default `error`)."""
        self._subs.pop(id(sub), None)
        self._retire(sub)
        if sub._bound is not None and not sub._bound.done():
            sub._bound.set_exception(waiting or error or KalshiWSError("subscription ended"))
            sub._bound.exception()  # retrieved: the subscribe may have been cancelled
        sub._end(error, discard=discard)

    def _abandon(self, sub: AsyncSubscription[Any], error: BaseException | None) -> None:
        """End a handle here and unsubscribe it on the server, without waiting."""
        sid, conn = sub.sid, self._conn
        self._forget(sub, error)
        if sid is not None and conn is not None:
            self._spawn(self._quietly(conn, "unsubscribe", {"sids": [sid]}))

    def _retire(self, sub: AsyncSubscription[Any]) -> None:
        sid = sub.sid
        if sid is not None and self._by_sid.get(sid) is sub:
            del self._by_sid[sid]
            self._retired.add(sid)
        sub._unbind()

    # --- routing (the reader; nothing here awaits) -----------------------------------

    def _dispatch(self, raw: bytes | str) -> None:
        try:
            frame = self._decoder.decode(raw)
        except KalshiWSDecodeError as exc:
            self._undecodable(exc)
            return
        sid = frame.sid
        if sid is not None:
            sub = self._by_sid.get(sid)
            if sub is not None:
                if self._ambiguous and frame.type in self._ambiguous:
                    frame = self._redecode(sub, frame, raw)
                sub._receive(frame)
            elif sid in self._retired:
                pass  # a frame in flight for a sid already given up
            elif frame.id is None:
                self._unrouted(frame)
        elif frame.id is None:
            self._unrouted(frame)
        if frame.id is not None:
            self._reply(frame, raw)

    def _reply(self, frame: Frame, raw: bytes | str) -> None:
        assert frame.id is not None
        pending = self._pending.pop(frame.id, None)
        kind = frame.type
        if pending is None or pending.future.done():
            if kind == "subscribed":  # a late reply: the server streams a sid nobody reads
                self._orphan_subscription(frame)
            elif kind == "error":
                code, message = _error_fields(frame)
                log.warning(
                    "error reply to an unknown command id %s: %s %s", frame.id, code, message
                )
            return
        if kind == "error":
            pending.future.set_exception(self._command_error(pending, frame))
            return
        if kind == "subscribed" and pending.bind is not None:
            taken = self._by_sid.get(_msg_field(frame, "sid"))
            if taken is not None and taken is not pending.bind:  # never steal a live sid
                pending.future.set_exception(
                    KalshiWSError(
                        f"the server answered {pending.command} with sid "
                        f"{_msg_field(frame, 'sid')}, which the {taken.channel} "
                        "subscription holds"
                    )
                )
                return
            self._bound(pending, frame)
        pending.future.set_result(_Reply(frame, raw))

    def _bound(self, pending: _Pending, frame: Frame) -> None:
        """A subscribe reply: the sid goes to the handle before the next frame is read."""
        sub = pending.bind
        assert sub is not None
        sid = _msg_field(frame, "sid")
        if not isinstance(sid, int):
            log.warning("subscribed reply without a sid: %r", frame)
            return
        if sub._ended or sub._closing or pending.conn is not self._conn:
            self._retired.add(sid)
            if self._conn is not None:
                self._spawn(self._quietly(self._conn, "unsubscribe", {"sids": [sid]}))
            return
        old = sub.sid
        if old is not None and self._by_sid.get(old) is sub:
            del self._by_sid[old]
            self._retired.add(old)
        self._by_sid[sid] = sub
        self._retired.discard(sid)
        sub._bind(sid)
        for event in pending.then or ():
            sub._put(event)

    def _orphan_subscription(self, frame: Frame) -> None:
        sid = _msg_field(frame, "sid")
        if isinstance(sid, int) and sid not in self._by_sid and self._conn is not None:
            self._retired.add(sid)
            self._spawn(self._quietly(self._conn, "unsubscribe", {"sids": [sid]}))

    def _command_error(self, pending: _Pending, frame: Frame) -> KalshiWSCommandError:
        code, message = _error_fields(frame)
        known = self._spec.error_codes.get(code) if code is not None else None
        name = f" ({known.name})" if known is not None else ""
        error = KalshiWSCommandError(
            f"{pending.command} failed: error {code}{name}: {message}",
            code=code,
            command=pending.command,
        )
        sub = pending.target
        if sub is None and frame.sid is not None:
            sub = self._by_sid.get(frame.sid)
        if code in self._terminal and sub is not None and pending.bind is None:
            self._forget(sub, self._subscription_error(sub, code, message))
        return error

    def _subscription_error(
        self, sub: AsyncSubscription[Any], code: int | None, message: str
    ) -> KalshiWSSubscriptionError:
        known = self._spec.error_codes.get(code) if code is not None else None
        name = f" ({known.name})" if known is not None else ""
        return KalshiWSSubscriptionError(
            f"the server ended the {sub.channel} subscription (sid {sub.sid}): error {code}"
            f"{name}: {message}; subscribe again to resume",
            code=code,
            channel=sub.channel,
        )

    def _control(self, sub: AsyncSubscription[Any], frame: Frame) -> None:
        """A frame on a subscription's sid that is not one of its data types."""
        kind = frame.type
        if kind == "ok":
            sub._adopt_lists(getattr(frame, "msg", None))
        elif kind == "unsubscribed":
            if not sub._closing:  # the server ended it: the iterator stops after the queue
                self._forget(sub, None)
        elif kind == "error":
            if frame.id is not None and frame.id in self._pending:
                return  # a reply: _reply raises it from the command
            code, message = _error_fields(frame)
            if code in self._terminal:
                self._forget(sub, self._subscription_error(sub, code, message))
            else:
                log.warning(
                    "%s subscription (sid %s): error %s: %s", sub.channel, sub.sid, code, message
                )
        elif kind in self._replies:
            pass
        else:
            if isinstance(frame, UntypedFrame):
                sub.untyped += 1
                report_untyped(frame, f"{sub.channel} subscription")
            sub._put(frame)  # never dropped: another channel's type, or an unknown one

    def _unrouted(self, frame: Frame) -> None:
        """A frame no subscription or command claims."""
        if frame.type == "error":
            code, message = _error_fields(frame)
            if frame.sid is None:
                log.warning("error from the server: %s %s", code, message)
                return
        if isinstance(frame, UntypedFrame):
            report_untyped(frame, "no subscription")
            return
        sid = frame.sid
        if sid is not None and sid not in self._warned_sids:
            self._warned_sids.add(sid)
            log.warning(
                "%s frame for unknown sid %s dropped (logged once per sid)", frame.type, sid
            )

    def _undecodable(self, exc: KalshiWSDecodeError) -> None:
        sub = self._by_sid.get(exc.sid) if exc.sid is not None else None
        delivered = False
        if exc.id is not None:
            pending = self._pending.pop(exc.id, None)
            if pending is not None and not pending.future.done():
                pending.future.set_exception(exc)
                delivered = True
        if sub is not None:
            sub._consume_seq(exc.seq)
            sub._put(_Failure(exc))
            delivered = True
            if isinstance(sub, AsyncBookSubscription):
                self._resync(sub, "decode_error")
        if not delivered:
            log.error("WebSocket frame refused: %s", exc)

    def _redecode(self, sub: AsyncSubscription[Any], frame: Frame, raw: bytes | str) -> Frame:
        """A `type` two channels model differently: decode with the subscription's model."""
        model = sub.spec.messages.get(frame.type)
        if model is None or type(frame) is model:
            return frame
        key = (sub.spec.name, frame.type)
        decoder = self._channel_decoders.get(key)
        if decoder is None:
            decoder = self._channel_decoders[key] = FrameDecoder(
                {frame.type: model}, strict=self._strict
            )
        try:
            return decoder.decode(raw)
        except KalshiWSDecodeError:
            return frame


# --- helpers ---------------------------------------------------------------------------


def _msg_field(frame: Frame, name: str) -> Any:
    msg = getattr(frame, "msg", None)
    if isinstance(msg, Mapping):
        return msg.get(name)
    return getattr(msg, name, None)


def _error_fields(frame: Frame) -> tuple[int | None, str]:
    code = _msg_field(frame, "code")
    message = _msg_field(frame, "msg")
    return (
        code if isinstance(code, int) and not isinstance(code, bool) else None,
        message if isinstance(message, str) else "",
    )


def _subscription_infos(reply: _Reply) -> list[SubscriptionInfo]:
    """The list_subscriptions reply's `msg`: a list of {channel, sid}."""
    items = getattr(reply.frame, "msg", None)
    if not isinstance(items, list):  # a model that did not keep the list: read the bytes
        try:
            items = json.loads(reply.raw).get("msg")
        except (ValueError, AttributeError):
            items = None
    infos: list[SubscriptionInfo] = []
    for item in items if isinstance(items, list) else ():
        channel = (
            item.get("channel") if isinstance(item, Mapping) else getattr(item, "channel", None)
        )
        sid = item.get("sid") if isinstance(item, Mapping) else getattr(item, "sid", None)
        if isinstance(channel, str) and isinstance(sid, int):
            infos.append(SubscriptionInfo(channel, sid))
    return infos


def _subscribe_params(channel: ChannelSpec, params: Mapping[str, object]) -> dict[str, Any]:
    """The subscribe params on the wire: None dropped, sequences as lists, unknown refused."""
    wire: dict[str, Any] = {}
    for name, value in params.items():
        if value is None:
            continue
        if name not in channel.params:
            accepted = ", ".join(sorted(channel.params)) or "none"
            raise TypeError(
                f"channel {channel.name!r} does not accept the parameter {name!r} "
                f"(it accepts: {accepted})"
            )
        if isinstance(value, (list, tuple, set, frozenset)):
            value = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
        wire[name] = value
    return wire


def _ambiguous_types(protocol: ProtocolSpec) -> frozenset[str]:
    seen: dict[str, type[Frame]] = {}
    ambiguous: set[str] = set()
    for channel in protocol.channels.values():
        for name, model in channel.messages.items():
            if seen.setdefault(name, model) is not model:
                ambiguous.add(name)
    return frozenset(ambiguous)


def _normalized(url: str) -> tuple[str, str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower(), parts.path.rstrip("/")


def _resolve_url(
    protocol: ProtocolSpec, url: str | None, demo: bool, *, allow_unknown_host: bool
) -> str:
    """The URL to connect to: the environment's server, or `url` if it is a known one (or
    unknown hosts are allowed): a typo must not send a signed handshake to a stranger."""
    if url is None:
        environment = "demo" if demo else "production"
        default = protocol.servers.get(environment)
        if default is None:
            raise ValueError(f"the document names no {environment} WebSocket server; pass url=")
        return default
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("ws", "wss") or not parts.netloc:
        raise ValueError(f"url must be a ws:// or wss:// URL, got {url!r}")
    if parts.fragment:
        raise ValueError(f"url must not have a fragment, got {url!r}")
    known = {_normalized(u) for u in (*protocol.known_urls, *protocol.servers.values())}
    if not allow_unknown_host and _normalized(url) not in known:
        names = ", ".join(sorted(set(protocol.known_urls) | set(protocol.servers.values())))
        raise ValueError(
            f"url {url!r} is not one of Kalshi's WebSocket servers ({names or 'none'}); pass "
            f"allow_unknown_host=True (or set {ENV_ALLOW_UNKNOWN_HOST}=1) to connect there"
        )
    return url


def protocol_of(cls: type) -> ProtocolSpec:
    """The protocol of a generated session class: the `channels` module beside the module
    that defines it (kalshi.ws.client -> kalshi.ws.channels, kalshi.perps.ws.client ->
    kalshi.perps.ws.channels), the first class of its MRO that has one (a subclass in the
    user's code finds its generated base's)."""
    for klass in cls.__mro__:
        package = klass.__module__.rpartition(".")[0]
        if not package or klass.__module__.startswith(f"{__package__}._"):
            continue  # a builtin, or one of the runtime's own classes
        try:
            channels: Any = importlib.import_module(f"{package}.channels")
        except ImportError:
            continue
        protocol = getattr(channels, "PROTOCOL", None)
        if isinstance(protocol, ProtocolSpec):
            return protocol
    raise TypeError(
        f"{cls.__name__} has no protocol: it is not a generated WebSocket client (set _protocol)"
    )


def _rest_module(protocol: ProtocolSpec, module: str) -> Any:
    """A module of the API's REST package (ProtocolSpec.rest_package; None: the root)."""
    root = __package__.partition(".")[0] if __package__ else "kalshi"
    return importlib.import_module(f"{protocol.rest_package or root}.{module}")


def _rest_profile(protocol: ProtocolSpec) -> ApiProfile:
    """The REST client's ApiProfile: which environment variables the API reads."""
    profile: ApiProfile = _rest_module(protocol, "client").PROFILE
    return profile


def _rest_environment(protocol: ProtocolSpec, base_url: str) -> str | None:
    """The environment ("production" or "demo") of a REST base URL among the servers of the
    API's REST package, else None."""
    environments = _rest_module(protocol, "_environments")
    wanted = _normalized(base_url)[:2]
    for server in environments.SERVERS:
        if _normalized(server.url)[:2] == wanted:
            return str(server.environment)
    return None


def _check_count(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative int or None, got {value!r}")
    return value


def _check_seconds(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1e9:
        raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")
    return float(value)

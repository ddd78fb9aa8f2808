"""Hostile servers and transports (issue 11, section 4), sync and async alike.

Every case ends in a typed KalshiError (the cause chained) or a documented stop, never a bare
RecursionError / httpx error, and never a call that runs far past its `timeout=`.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from kalshi._base_client import AsyncAPIClient, SyncAPIClient
from kalshi._constants import MAX_EMPTY_PAGES
from kalshi._models import ResponseModel
from kalshi.errors import (
    KalshiError,
    KalshiNetworkError,
    KalshiRequestTimeoutError,
    KalshiResponseError,
    KalshiServerError,
    KalshiTimeoutError,
)


class Balance(ResponseModel):
    balance: int


class Market(ResponseModel):
    ticker: str


class Page(ResponseModel):
    markets: list[Market] | None = None
    cursor: str | None = None


def ok(data: Any) -> httpx.Response:
    return httpx.Response(200, json=data)


def page(cursor: str | None, *tickers: str) -> httpx.Response:
    return ok({"markets": [{"ticker": t} for t in tickers], "cursor": cursor})


Call = Callable[..., Any]


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def call(mode: str, sync_client: Any, async_client: Any) -> Call:
    """`call(server, method="GET", **client_kwargs)`: one request through the client of `mode`."""

    def do(server: Any, method: str = "GET", **kwargs: Any) -> Any:
        body: dict[str, Any] | None = None if method == "GET" else {}
        if mode == "sync":
            client = sync_client(server, key=False, **kwargs)
            return client.request(method, "/x", body=body, auth=False, cast_to=Balance)

        async def main() -> Any:
            async with async_client(server, key=False, **kwargs) as client:
                return await client.request(method, "/x", body=body, auth=False, cast_to=Balance)

        return asyncio.run(main())

    return do


@pytest.fixture
def collect(mode: str, sync_client: Any, async_client: Any) -> Call:
    """`collect(server)`: the tickers of every page, through the client of `mode`."""

    def do(server: Any, **kwargs: Any) -> list[str]:
        if mode == "sync":
            client = sync_client(server, key=False)
            items = client.paginate(
                "GET", "/markets", auth=False, cast_to=Page, items=lambda p: p.markets, **kwargs
            )
            return [m.ticker for m in items]

        async def main() -> list[str]:
            async with async_client(server, key=False) as client:
                pages = client.paginate(
                    "GET", "/markets", auth=False, cast_to=Page, items=lambda p: p.markets, **kwargs
                )
                return [m.ticker async for m in pages]

        return asyncio.run(main())

    return do


# --- bodies the parser must refuse --------------------------------------------------------


def test_deep_json_body_is_a_response_error(fake: Any, call: Call) -> None:
    server = fake(httpx.Response(200, content=b"[" * 100_000))
    with pytest.raises(KalshiResponseError, match="nested too deeply") as info:
        call(server)
    assert info.value.status_code == 200
    assert len(server.requests) == 1


def test_deep_json_error_body_keeps_the_status_error(fake: Any, call: Call) -> None:
    # Below MAX_ERROR_BODY_PARSE_BYTES, so errors.py does try to parse it as JSON.
    server = fake(httpx.Response(500, content=b"[" * 50_000))
    with pytest.raises(KalshiServerError) as info:
        call(server, max_retries=0)
    assert info.value.status_code == 500
    assert info.value.code is None


def test_bad_content_encoding_is_a_response_error(fake: Any, call: Call) -> None:
    # stream=: the bytes reach the client undecoded, as from a real server.
    server = fake(
        httpx.Response(
            200, headers={"Content-Encoding": "gzip"}, stream=httpx.ByteStream(b"not gzip")
        )
    )
    with pytest.raises(KalshiResponseError, match="Content-Encoding 'gzip'") as info:
        call(server)
    assert info.value.status_code == 200
    assert isinstance(info.value.__cause__, httpx.DecodingError)
    assert len(server.requests) == 1  # not retried: the server would answer the same


# --- what a transport raises --------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "expected", "retried"),
    [
        (OSError(errno.ENETUNREACH, "Network is unreachable"), KalshiNetworkError, True),
        (ConnectionResetError(errno.ECONNRESET, "reset"), KalshiNetworkError, True),
        (ssl.SSLError(1, "[SSL] record layer failure"), KalshiNetworkError, True),
        (TimeoutError("socket timed out"), KalshiTimeoutError, True),
        (httpx.DecodingError("bad gzip"), KalshiNetworkError, False),
        (httpx.TooManyRedirects("redirect loop"), KalshiNetworkError, False),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, BaseException) else None,
)
def test_transport_exceptions_become_typed_errors(
    fake: Any,
    call: Call,
    sleeps: list[float],
    error: Exception,
    expected: type[KalshiError],
    retried: bool,
) -> None:
    attempts = 3 if retried else 1  # max_retries=2 for a GET
    server = fake(*[error] * attempts)
    with pytest.raises(expected, match=rf"after {attempts} attempt\(s\)") as info:
        call(server)
    assert type(info.value) is expected
    assert info.value.__cause__ is error
    assert (info.value.method, info.value.path) == ("GET", "/x")
    assert len(server.requests) == attempts
    assert len(sleeps) == attempts - 1


@pytest.mark.parametrize(
    "error", [OSError(errno.ENETUNREACH, "unreachable"), ssl.SSLError(1, "ssl"), TimeoutError()]
)
def test_a_sent_post_is_not_retried_after_an_os_error(
    fake: Any, call: Call, sleeps: list[float], error: Exception
) -> None:
    server = fake(error, ok({"balance": 1}))
    with pytest.raises((KalshiNetworkError, KalshiTimeoutError)) as info:
        call(server, "POST")
    assert info.value.__cause__ is error
    assert len(server.requests) == 1
    assert sleeps == []


def test_a_post_is_retried_when_the_connection_was_refused(
    fake: Any, call: Call, sleeps: list[float]
) -> None:
    server = fake(ConnectionRefusedError(errno.ECONNREFUSED, "refused"), ok({"balance": 7}))
    assert call(server, "POST") == Balance(balance=7)
    assert len(server.requests) == 2
    assert len(sleeps) == 1


class MissingRecording(LookupError):
    """Like kalshi.testing's ReplayMissError: a bug of the test, to be seen as it is."""


@pytest.mark.parametrize(
    "error",
    [
        MissingRecording("no recording for GET /x"),
        OSError("disk full"),  # local I/O of a transport (RecordingTransport writing a file)
        OSError(errno.ENOSPC, "No space left on device"),
        ValueError("a bug in a custom transport"),
    ],
    ids=["LookupError", "OSError-no-errno", "OSError-ENOSPC", "ValueError"],
)
def test_other_exceptions_propagate_unchanged_and_unretried(
    fake: Any, call: Call, sleeps: list[float], error: Exception
) -> None:
    server = fake(error, ok({"balance": 1}))
    with pytest.raises(type(error)) as info:
        call(server)
    assert info.value is error
    assert len(server.requests) == 1
    assert sleeps == []


# --- the whole-attempt deadline -----------------------------------------------------------

TRICKLE_BODY = b'{"balance": 1}'.ljust(50)  # valid JSON: only the clock can fail the call
TRICKLE_INTERVAL = 0.2  # seconds per byte: 10 s for the whole body


class TrickleServer:
    """A loopback HTTP/1.1 server that writes its 200 body one byte every 0.2 s."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.requests: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                owner.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(TRICKLE_BODY)))
                self.end_headers()
                for byte in TRICKLE_BODY:
                    if owner.stop.wait(TRICKLE_INTERVAL):
                        return
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:  # the client gave up
                        return

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/trade-api/v2"

    def close(self) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)


@pytest.fixture
def trickle() -> Iterator[TrickleServer]:
    server = TrickleServer()
    server.thread.start()
    yield server
    server.close()


def real_call(mode: str, base_url: str, call_timeout: float | None = None, **kwargs: Any) -> Any:
    """A GET over a real transport (explicit, so no proxy from the environment applies)."""
    if mode == "sync":
        with SyncAPIClient(base_url=base_url, transport=httpx.HTTPTransport(), **kwargs) as c:
            return c.request("GET", "/x", auth=False, cast_to=Balance, timeout=call_timeout)

    async def main() -> Any:
        transport = httpx.AsyncHTTPTransport()
        async with AsyncAPIClient(base_url=base_url, transport=transport, **kwargs) as c:
            return await c.request("GET", "/x", auth=False, cast_to=Balance, timeout=call_timeout)

    return asyncio.run(main())


def test_a_trickled_body_times_out_at_the_deadline(mode: str, trickle: TrickleServer) -> None:
    start = time.monotonic()
    with pytest.raises(KalshiTimeoutError, match=r"not complete within timeout=1s") as info:
        real_call(mode, trickle.base_url, timeout=1, max_retries=0)
    elapsed = time.monotonic() - start
    assert 0.9 < elapsed < 2.0
    assert info.value.status_code is None
    assert isinstance(info.value.__cause__, httpx.TimeoutException)
    assert len(trickle.requests) == 1


def test_a_calls_own_timeout_sets_the_deadline(mode: str, trickle: TrickleServer) -> None:
    start = time.monotonic()
    with pytest.raises(KalshiTimeoutError):
        real_call(mode, trickle.base_url, call_timeout=0.6, timeout=None, max_retries=0)
    assert time.monotonic() - start < 1.5


def test_each_retry_gets_its_own_deadline(
    mode: str, trickle: TrickleServer, sleeps: list[float]
) -> None:
    start = time.monotonic()
    with pytest.raises(KalshiTimeoutError, match=r"after 2 attempt\(s\)"):
        real_call(mode, trickle.base_url, timeout=0.5, max_retries=1)
    assert time.monotonic() - start < 2.5
    assert len(trickle.requests) == 2
    assert len(sleeps) == 1


# --- pagination ---------------------------------------------------------------------------


def test_a_null_cursor_ends_the_iteration(fake: Any, collect: Call) -> None:
    server = fake(page("c1", "A"), page(None, "B"))  # a third request would fail the fake
    assert collect(server) == ["A", "B"]
    assert len(server.requests) == 2


def test_a_missing_cursor_ends_the_iteration(fake: Any, collect: Call) -> None:
    server = fake(page("c1", "A"), ok({"markets": [{"ticker": "B"}]}))
    assert collect(server) == ["A", "B"]
    assert len(server.requests) == 2


def test_a_run_of_empty_pages_with_fresh_cursors_ends(
    fake: Any, collect: Call, caplog: pytest.LogCaptureFixture
) -> None:
    assert MAX_EMPTY_PAGES == 5
    server = fake(page("c0", "A"), *[page(f"c{i}") for i in range(1, 8)])
    with caplog.at_level(logging.WARNING, logger="kalshi"):
        assert collect(server) == ["A"]
    assert len(server.requests) == 1 + MAX_EMPTY_PAGES
    assert "5 pages in a row without items" in caplog.text


def test_fewer_empty_pages_than_the_limit_do_not_end_it(fake: Any, collect: Call) -> None:
    empties = [page(f"e{i}") for i in range(MAX_EMPTY_PAGES - 1)]
    server = fake(*empties, page("c1", "A"), *[page(f"f{i}") for i in range(2)], page("", "B"))
    assert collect(server) == ["A", "B"]
    assert len(server.requests) == MAX_EMPTY_PAGES + 3


# --- 408 ----------------------------------------------------------------------------------


def test_408_is_a_request_timeout_error(fake: Any, call: Call) -> None:
    server = fake(httpx.Response(408, json={"code": "timeout", "message": "too slow"}))
    with pytest.raises(KalshiRequestTimeoutError) as info:
        call(server, max_retries=0)
    assert isinstance(info.value, KalshiTimeoutError)
    assert (info.value.status_code, info.value.code) == (408, "timeout")


def test_408_is_retried_for_a_get_only(fake: Any, call: Call, sleeps: list[float]) -> None:
    server = fake(httpx.Response(408), ok({"balance": 3}))
    assert call(server) == Balance(balance=3)
    server = fake(httpx.Response(408), ok({"balance": 3}))
    with pytest.raises(KalshiRequestTimeoutError):
        call(server, "POST")
    assert len(server.requests) == 1
    assert len(sleeps) == 1

"""What a transport failure means: which exceptions become KalshiNetworkError /
KalshiTimeoutError, which ones provably happened before the request was sent, and the
whole-attempt deadline on reading a response body (`timeout=` covers the body too)."""

from __future__ import annotations

import errno
import socket
import ssl
import time
from collections.abc import AsyncIterator, Iterator

import httpx

# Transport errors raised before any byte of the request left the machine: the only ones
# after which a non-idempotent request may be retried.
_NOT_SENT = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    ConnectionRefusedError,
    socket.gaierror,
)
# An OSError from a transport is a network failure when it is one of these or carries one of
# these errnos; any other (a full disk, a missing file) is not the network's and propagates.
_NETWORK_OS_ERRORS = (ConnectionError, TimeoutError, socket.gaierror, socket.herror, ssl.SSLError)
_NETWORK_ERRNOS = frozenset(
    getattr(errno, name)
    for name in (
        "ENETDOWN",
        "ENETUNREACH",
        "ENETRESET",
        "EHOSTDOWN",
        "EHOSTUNREACH",
        "ENOTCONN",
        "ESHUTDOWN",
        "EADDRNOTAVAIL",
        "ECONNABORTED",
        "ECONNRESET",
        "ECONNREFUSED",
        "ETIMEDOUT",
        "EPIPE",
    )
    if hasattr(errno, name)
)


def _is_failure(exc: Exception) -> bool:
    """Whether `exc`, raised while sending or reading, becomes a KalshiNetwork/TimeoutError."""
    if isinstance(exc, (httpx.HTTPError, *_NETWORK_OS_ERRORS)):
        return True
    return isinstance(exc, OSError) and exc.errno in _NETWORK_ERRNOS


def _is_transport_error(exc: Exception) -> bool:
    """A failure of the connection (retryable); not an unusable answer (TooManyRedirects)."""
    return isinstance(exc, (httpx.TransportError, OSError))


class _DeadlineExceeded(httpx.TimeoutException):
    """The attempt did not finish within `timeout` seconds of its start."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the response was not complete within timeout={seconds:g}s")


class _DeadlineStream(httpx.SyncByteStream):
    """A response body that raises `_DeadlineExceeded` when a chunk arrives past the deadline.

    Checked per raw chunk, before decoding; the wait for each chunk is httpx's read timeout.
    """

    def __init__(self, stream: httpx.SyncByteStream, deadline: float, seconds: float) -> None:
        self._stream = stream
        self._deadline = deadline
        self._seconds = seconds

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            if time.monotonic() > self._deadline:
                raise _DeadlineExceeded(self._seconds)
            yield chunk

    def close(self) -> None:
        self._stream.close()


class _AsyncDeadlineStream(httpx.AsyncByteStream):
    """`_DeadlineStream` for the async client."""

    def __init__(self, stream: httpx.AsyncByteStream, deadline: float, seconds: float) -> None:
        self._stream = stream
        self._deadline = deadline
        self._seconds = seconds

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            if time.monotonic() > self._deadline:
                raise _DeadlineExceeded(self._seconds)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()

"""The WebSocket errors: all are KalshiError, so one `except KalshiError` covers REST and WS."""

from __future__ import annotations

from typing import Any

from ..errors import KalshiAuthRequiredError, KalshiError, KalshiResponseError, KalshiTimeoutError

__all__ = [
    "KalshiWSAuthRequiredError",
    "KalshiWSCommandError",
    "KalshiWSConnectionError",
    "KalshiWSDecodeError",
    "KalshiWSError",
    "KalshiWSOverflowError",
    "KalshiWSSubscriptionError",
    "KalshiWSTimeoutError",
]


class KalshiWSError(KalshiError):
    """Base of every WebSocket error."""


class KalshiWSCommandError(KalshiWSError):
    """The server answered a command with an `error` reply.

    `code` is the server's numeric error code (an int, where KalshiError.code is text),
    `message` its text, `command` the command's name ("subscribe", "update_subscription").
    """

    def __init__(self, message: str, *, code: int | None, command: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.code: int | None = code  # type: ignore[assignment]
        self.command = command


class KalshiWSSubscriptionError(KalshiWSError):
    """A subscription ended because the server reported a terminal error for it (codes 10
    and 25: "must resubscribe"), or it could not be restored after a reconnect."""

    def __init__(self, message: str, *, code: int | None, channel: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.code: int | None = code  # type: ignore[assignment]
        self.channel = channel


class KalshiWSConnectionError(KalshiWSError):
    """The connection cannot be (re-)established: the handshake was refused (`status`), the
    server closed it with a permanent code (`close_code`), reconnecting is off, or
    `max_reconnect_attempts` ran out."""

    def __init__(
        self,
        message: str,
        *,
        close_code: int | None = None,
        status: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, status_code=status, **kwargs)
        self.close_code = close_code
        self.status = status


class KalshiWSOverflowError(KalshiWSError):
    """The subscription's queue filled up on a channel whose policy is "error": the consumer
    fell behind; the frames queued before are delivered first, then this ends it."""

    def __init__(self, message: str, *, channel: str, dropped: int, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.channel = channel
        self.dropped = dropped


class KalshiWSTimeoutError(KalshiWSError, KalshiTimeoutError):
    """A command got no reply within `command_timeout` seconds."""


class KalshiWSAuthRequiredError(KalshiWSError, KalshiAuthRequiredError):
    """The channel needs an API key and none is configured; raised before anything is sent."""


class KalshiWSDecodeError(KalshiWSError, KalshiResponseError):
    """A frame the tolerance policy refuses (not JSON, a malformed money value, or with
    `strict_messages=True` any deviation). Raised by the subscription's iterator at the
    frame's place in the stream; iteration may go on after it.

    `frame_type`, `sid`, `seq` and `id` are what could be read of the frame (None if not).
    """

    def __init__(
        self,
        message: str,
        *,
        frame_type: str | None = None,
        sid: int | None = None,
        seq: int | None = None,
        id: int | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.frame_type = frame_type
        self.sid = sid
        self.seq = seq
        self.id = id

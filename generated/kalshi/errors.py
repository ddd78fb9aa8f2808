"""The error hierarchy of the client, and the one function that maps an HTTP status to it."""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from ._constants import MAX_ERROR_BODY_CHARS, MAX_ERROR_BODY_PARSE_BYTES, MAX_ERROR_FIELD_CHARS
from ._retry import parse_retry_after

__all__ = [
    "AuthRequiredError",
    "KalshiAuthError",
    "KalshiAuthRequiredError",
    "KalshiConflictError",
    "KalshiError",
    "KalshiNetworkError",
    "KalshiNotFoundError",
    "KalshiRateLimitError",
    "KalshiRequestTimeoutError",
    "KalshiResponseError",
    "KalshiServerError",
    "KalshiTimeoutError",
    "KalshiValidationError",
    "error_class_for_status",
    "make_status_error",
]


def truncate(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, marked when cut."""
    return text if len(text) <= limit else text[: max(0, limit - 3)] + "..."


def excerpt(content: bytes, limit: int) -> str:
    """The start of a body as one line of at most `limit` characters (undecodable bytes
    replaced), for messages and the `body` of an error."""
    text = content[: limit * 4].decode("utf-8", errors="replace")
    return truncate(" ".join(text.split()), limit)


def _reason(status_code: int) -> str:
    try:
        return HTTPStatus(status_code).phrase
    except ValueError:
        return ""


class KalshiError(Exception):
    """Base of every error the client raises.

    HTTP errors carry the status, Kalshi's `code`/`message`/`details`/`service` from the error
    body and the request's method and path (relative to the base URL, no query). Errors
    raised without a response leave `status_code` None. Every text field is bounded.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        code: str | None = None,
        details: str | None = None,
        service: str | None = None,
        method: str | None = None,
        path: str | None = None,
        body: str | None = None,
        retry_after: float | None = None,
    ) -> None:
        self.message = truncate(message, MAX_ERROR_FIELD_CHARS)
        self.status_code = status_code
        self.code = None if code is None else truncate(code, MAX_ERROR_FIELD_CHARS)
        self.details = None if details is None else truncate(details, MAX_ERROR_FIELD_CHARS)
        self.service = None if service is None else truncate(service, MAX_ERROR_FIELD_CHARS)
        self.method = method
        self.path = None if path is None else truncate(path, MAX_ERROR_FIELD_CHARS)
        self.body = None if body is None else truncate(body, MAX_ERROR_BODY_CHARS)
        self.retry_after = retry_after
        super().__init__(self.message)

    def __str__(self) -> str:
        where = f"{self.method} {self.path}" if self.method and self.path else ""
        if self.status_code is not None:
            head = f"{self.status_code} {_reason(self.status_code)}".rstrip()
            head = f"{head} on {where}" if where else head
        else:
            head = where
        text = f"{self.code}: {self.message}" if self.code else self.message
        out = f"{head}: {text}" if head else text
        return f"{out} (details: {self.details})" if self.details else out

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)!r})"


class KalshiAuthError(KalshiError):
    """401/403, or an unusable API key."""


class KalshiAuthRequiredError(KalshiAuthError):
    """The operation needs an API key and none is configured; raised before any request."""


AuthRequiredError = KalshiAuthRequiredError  # kalshi-sdk's name


class KalshiNotFoundError(KalshiError):
    """404."""


class KalshiValidationError(KalshiError):
    """400/422: the exchange rejected the request's parameters or body."""


class KalshiConflictError(KalshiError):
    """409."""


class KalshiRateLimitError(KalshiError):
    """429; `retry_after` holds the server's Retry-After in seconds, if it sent one."""


class KalshiServerError(KalshiError):
    """5xx."""


class KalshiTimeoutError(KalshiError):
    """The request timed out (after any retries).

    On the client's side (`status_code` None): connecting, a write or a read took longer than
    `timeout`, or the whole attempt did not finish within it. `KalshiRequestTimeoutError` is
    the server's 408.
    """


class KalshiRequestTimeoutError(KalshiTimeoutError):
    """408: the server timed out waiting for the request (GETs are retried on it first)."""


class KalshiNetworkError(KalshiError):
    """The connection failed (after any retries), or the transport raised an httpx error
    (`TooManyRedirects`, `DecodingError`, ...) or a network `OSError` (`ssl.SSLError`,
    `ConnectionError`, ...); the original exception is chained as `__cause__`.
    """


class KalshiResponseError(KalshiError):
    """A response the client cannot use: not JSON, the wrong shape, a malformed fixed-point
    value, or (with `strict_responses=True`) any deviation from the model.

    `deviations` lists every place that deviated (`kalshi._decode.Deviation`: model, wire
    field, kind, location), in full even when the message is cut short.
    """

    def __init__(self, message: str, *, deviations: tuple[Any, ...] = (), **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.deviations = deviations


# The one place that maps a status to its class; any other 5xx is a KalshiServerError.
_STATUS_ERRORS: dict[int, type[KalshiError]] = {
    400: KalshiValidationError,
    401: KalshiAuthError,
    403: KalshiAuthError,
    404: KalshiNotFoundError,
    408: KalshiRequestTimeoutError,
    409: KalshiConflictError,
    422: KalshiValidationError,
    429: KalshiRateLimitError,
}


def error_class_for_status(status_code: int) -> type[KalshiError]:
    if status_code in _STATUS_ERRORS:
        return _STATUS_ERRORS[status_code]
    return KalshiServerError if 500 <= status_code <= 599 else KalshiError


def _field(value: object) -> str | None:
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    return truncate(text, MAX_ERROR_FIELD_CHARS)


def _error_object(text: str) -> Mapping[str, object] | None:
    """Kalshi's `{"code","message","details","service"}`, also when nested under "error"."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: nested too deeply ("[[[[...")
        return None
    if not isinstance(data, dict):
        return None
    inner = data.get("error")
    if isinstance(inner, dict):
        return inner
    if isinstance(inner, str) and "message" not in data:
        return {**data, "message": inner}
    return data


def _header(headers: Mapping[str, str] | None, name: str) -> str | None:
    if headers is None:
        return None
    value = headers.get(name)
    if value is not None:
        return value
    # A plain dict is case-sensitive; httpx.Headers is not.
    return next((v for k, v in headers.items() if k.lower() == name), None)


def make_status_error(
    status_code: int,
    body: bytes | str | None,
    headers: Mapping[str, str] | None,
    method: str,
    path: str,
) -> KalshiError:
    """The error for a non-2xx response, of the class the status maps to."""
    raw = body if body is not None else b""
    too_big = len(raw) > MAX_ERROR_BODY_PARSE_BYTES
    if isinstance(raw, bytes):
        text = raw[:MAX_ERROR_BODY_PARSE_BYTES].decode("utf-8", errors="replace")
    else:
        text = raw[:MAX_ERROR_BODY_PARSE_BYTES]
    obj = None if too_big else _error_object(text)
    excerpt = " ".join(text.split())
    if obj is not None:
        message = _field(obj.get("message")) or _reason(status_code) or "error"
    else:
        message = excerpt or _reason(status_code) or "error"
    return error_class_for_status(status_code)(
        message,
        status_code=status_code,
        code=_field(obj.get("code")) if obj else None,
        details=_field(obj.get("details")) if obj else None,
        service=_field(obj.get("service")) if obj else None,
        method=method.upper(),
        path=path,
        body=excerpt or None,
        retry_after=parse_retry_after(_header(headers, "retry-after")),
    )

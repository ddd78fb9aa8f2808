"""Retry timing as small pure functions: when to retry, and how long to wait first."""

from __future__ import annotations

import email.utils
import math
import random
import time
from collections.abc import Callable
from datetime import timezone

from ._constants import BACKOFF_BASE, BACKOFF_MAX, RETRY_AFTER_CAP

# Only these methods can be repeated safely: a retried POST could place a second order.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_STATUSES = frozenset({408, 429})


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date), None if unusable."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        return max(0.0, seconds) if math.isfinite(seconds) else None
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    current = time.time() if now is None else now
    return max(0.0, when.timestamp() - current)


def is_retryable_status(status_code: int) -> bool:
    return status_code in RETRY_STATUSES or 500 <= status_code <= 599


def should_retry(
    method: str,
    status_code: int | None,
    attempt: int,
    max_retries: int,
    *,
    transport_error: bool,
    request_sent: bool,
) -> bool:
    """Whether to try again after a failed attempt.

    `attempt` counts the retries already made (0 after the first failure). Idempotent
    methods retry on 408/429/5xx and on any transport error. Other methods never retry on a
    status; only on a transport error that provably happened before the request was sent.
    A failure that is neither (`status_code` None, `transport_error` False: the transport
    answered with something unusable, e.g. too many redirects) is never retried.
    """
    if attempt >= max_retries:
        return False
    idempotent = method.upper() in IDEMPOTENT_METHODS
    if transport_error:
        return idempotent or not request_sent
    if status_code is None:
        return False
    return idempotent and is_retryable_status(status_code)


def backoff_delay(
    attempt: int,
    retry_after: float | None,
    *,
    rand: Callable[[], float] = random.random,
) -> float:
    """Seconds to sleep before retry number `attempt + 1`.

    Exponential backoff with jitter (between half and all of the step); a Retry-After from
    the server is a floor, capped at RETRY_AFTER_CAP.
    """
    step = min(BACKOFF_MAX, BACKOFF_BASE * 2.0 ** min(max(0, attempt), 32))
    delay = step * (0.5 + 0.5 * rand())
    if retry_after is not None:
        delay = max(delay, min(retry_after, RETRY_AFTER_CAP))
    return delay

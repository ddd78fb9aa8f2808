"""Pure retry timing: parse_retry_after, should_retry, backoff_delay."""

from __future__ import annotations

import pytest
from kalshi._constants import BACKOFF_BASE, BACKOFF_MAX, RETRY_AFTER_CAP
from kalshi._retry import backoff_delay, parse_retry_after, should_retry

NOW = 1_700_000_000.0  # 2023-11-14T22:13:20Z


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("2", 2.0),
        (" 1.5 ", 1.5),
        ("0", 0.0),
        ("-3", 0.0),
        ("nan", None),
        ("inf", None),
        ("soon", None),
        ("Tue, 14 Nov 2023 22:13:50 GMT", 30.0),
        ("Tue, 14 Nov 2023 22:13:00 GMT", 0.0),  # in the past
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == expected


def test_parse_retry_after_date_uses_current_time_by_default() -> None:
    assert parse_retry_after("Tue, 14 Nov 2023 22:13:50 GMT") == 0.0  # long past


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS", "get"])
@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 599])
def test_idempotent_methods_retry_on_retryable_status(method: str, status: int) -> None:
    assert should_retry(method, status, 0, 2, transport_error=False, request_sent=True)


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 200, 301])
def test_no_retry_on_other_status(status: int) -> None:
    assert not should_retry("GET", status, 0, 2, transport_error=False, request_sent=True)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize("status", [408, 429, 500, 503])
def test_writes_never_retry_on_status(method: str, status: int) -> None:
    assert not should_retry(method, status, 0, 2, transport_error=False, request_sent=True)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_writes_retry_only_on_errors_before_sending(method: str) -> None:
    assert should_retry(method, None, 0, 2, transport_error=True, request_sent=False)
    assert not should_retry(method, None, 0, 2, transport_error=True, request_sent=True)


def test_reads_retry_on_any_transport_error() -> None:
    assert should_retry("GET", None, 0, 2, transport_error=True, request_sent=True)


def test_retries_stop_at_max_retries() -> None:
    assert should_retry("GET", 503, 1, 2, transport_error=False, request_sent=True)
    assert not should_retry("GET", 503, 2, 2, transport_error=False, request_sent=True)
    assert not should_retry("GET", 503, 0, 0, transport_error=False, request_sent=True)
    assert not should_retry("POST", None, 0, 0, transport_error=True, request_sent=False)


def test_backoff_grows_exponentially_with_jitter() -> None:
    assert backoff_delay(0, None, rand=lambda: 0.0) == BACKOFF_BASE / 2
    assert backoff_delay(0, None, rand=lambda: 1.0) == BACKOFF_BASE
    assert backoff_delay(1, None, rand=lambda: 1.0) == BACKOFF_BASE * 2
    assert backoff_delay(2, None, rand=lambda: 1.0) == BACKOFF_BASE * 4


def test_backoff_is_capped_and_never_overflows() -> None:
    assert backoff_delay(50, None, rand=lambda: 1.0) == BACKOFF_MAX
    assert backoff_delay(10_000, None, rand=lambda: 1.0) == BACKOFF_MAX


def test_retry_after_is_a_floor() -> None:
    assert backoff_delay(0, 5.0, rand=lambda: 1.0) == 5.0
    assert backoff_delay(3, 0.1, rand=lambda: 1.0) == BACKOFF_BASE * 8  # backoff is larger


def test_retry_after_is_capped() -> None:
    assert backoff_delay(0, 3600.0, rand=lambda: 1.0) == RETRY_AFTER_CAP


def test_default_jitter_stays_in_range() -> None:
    for _ in range(100):
        assert BACKOFF_BASE / 2 <= backoff_delay(0, None) <= BACKOFF_BASE

"""The error hierarchy and make_status_error, the one status -> class mapping."""

from __future__ import annotations

import json
import pickle

import pytest
from kalshi._constants import MAX_ERROR_BODY_CHARS, MAX_ERROR_FIELD_CHARS
from kalshi.errors import (
    AuthRequiredError,
    KalshiAuthError,
    KalshiAuthRequiredError,
    KalshiConflictError,
    KalshiError,
    KalshiNetworkError,
    KalshiNotFoundError,
    KalshiRateLimitError,
    KalshiResponseError,
    KalshiServerError,
    KalshiTimeoutError,
    KalshiValidationError,
    make_status_error,
)

BODY = json.dumps(
    {
        "code": "not_found",
        "message": "order group not found",
        "details": "og_1",
        "service": "exchange",
    }
)


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, KalshiValidationError),
        (401, KalshiAuthError),
        (403, KalshiAuthError),
        (404, KalshiNotFoundError),
        (409, KalshiConflictError),
        (422, KalshiValidationError),
        (429, KalshiRateLimitError),
        (500, KalshiServerError),
        (502, KalshiServerError),
        (503, KalshiServerError),
        (599, KalshiServerError),
        (418, KalshiError),
        (302, KalshiError),
    ],
)
def test_status_maps_to_class(status: int, cls: type[KalshiError]) -> None:
    error = make_status_error(status, BODY.encode(), {}, "get", "/x")
    assert type(error) is cls
    assert error.status_code == status
    assert (error.code, error.message, error.details, error.service) == (
        "not_found",
        "order group not found",
        "og_1",
        "exchange",
    )
    assert (error.method, error.path) == ("GET", "/x")


def test_every_error_is_a_kalshi_error() -> None:
    for cls in (
        KalshiAuthRequiredError,
        KalshiTimeoutError,
        KalshiNetworkError,
        KalshiResponseError,
    ):
        assert issubclass(cls, KalshiError)
    assert issubclass(KalshiAuthRequiredError, KalshiAuthError)
    assert AuthRequiredError is KalshiAuthRequiredError


def test_str_is_readable() -> None:
    error = make_status_error(
        404,
        json.dumps({"code": "not_found", "message": "order group not found"}),
        None,
        "DELETE",
        "/portfolio/order_groups/og_1",
    )
    assert str(error) == (
        "404 Not Found on DELETE /portfolio/order_groups/og_1: not_found: order group not found"
    )
    assert repr(error) == f"KalshiNotFoundError({str(error)!r})"


def test_str_includes_details() -> None:
    error = make_status_error(400, BODY, None, "POST", "/portfolio/orders")
    assert str(error).endswith("not_found: order group not found (details: og_1)")


def test_error_nested_under_error_key() -> None:
    body = {"error": {"code": "invalid_parameters", "message": "bad ticker", "service": "api"}}
    error = make_status_error(400, json.dumps(body).encode(), None, "POST", "/orders")
    assert (error.code, error.message, error.service) == ("invalid_parameters", "bad ticker", "api")


def test_error_as_plain_string() -> None:
    error = make_status_error(403, b'{"error": "forbidden"}', None, "GET", "/p")
    assert error.message == "forbidden"
    assert error.code is None


def test_non_json_body_becomes_the_message() -> None:
    html = b"<html>\n<body>  502 Bad   Gateway </body></html>"
    error = make_status_error(502, html, None, "GET", "/markets")
    assert error.message == "<html> <body> 502 Bad Gateway </body></html>"
    assert error.code is None
    assert str(error) == "502 Bad Gateway on GET /markets: " + error.message


def test_empty_body_uses_the_reason_phrase() -> None:
    error = make_status_error(503, b"", None, "GET", "/markets")
    assert error.message == "Service Unavailable"
    assert error.body is None
    assert make_status_error(500, None, None, "GET", "/m").message == "Internal Server Error"


def test_non_string_details_are_json_text() -> None:
    body = {"code": "c", "message": "m", "details": {"field": "count", "n": [1, 2]}}
    error = make_status_error(400, json.dumps(body), None, "POST", "/o")
    assert error.details == '{"field": "count", "n": [1, 2]}'


def test_fields_are_bounded() -> None:
    long = "x" * 10_000  # the body stays under the JSON parse limit
    body = {"code": long, "message": long, "details": long, "service": long}
    error = make_status_error(400, json.dumps(body).encode(), None, "POST", "/o")
    for value in (error.code, error.message, error.details, error.service):
        assert value is not None
        assert len(value) == MAX_ERROR_FIELD_CHARS
        assert value.endswith("...")
    assert error.body is not None
    assert len(error.body) <= MAX_ERROR_BODY_CHARS
    assert len(str(error)) < 5 * MAX_ERROR_FIELD_CHARS


def test_huge_non_json_body_is_bounded() -> None:
    error = make_status_error(500, b"A" * 10_000_000, None, "GET", "/m")
    assert len(error.message) == MAX_ERROR_FIELD_CHARS
    assert error.body is not None
    assert len(error.body) <= MAX_ERROR_BODY_CHARS


def test_invalid_utf8_is_tolerated() -> None:
    error = make_status_error(500, b"\xff\xfe oops", None, "GET", "/m")
    assert "oops" in error.message


def test_rate_limit_carries_retry_after_from_headers() -> None:
    error = make_status_error(429, b"{}", {"Retry-After": "7"}, "GET", "/markets")
    assert isinstance(error, KalshiRateLimitError)
    assert error.retry_after == 7.0
    missing = make_status_error(429, b"", {}, "GET", "/markets")
    assert missing.retry_after is None


def test_retry_after_header_lookup_is_case_insensitive() -> None:
    error = make_status_error(429, b"", {"retry-after": "3"}, "GET", "/m")
    assert error.retry_after == 3.0


def test_errors_pickle() -> None:
    error = make_status_error(404, BODY, None, "GET", "/x")
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is KalshiNotFoundError
    assert str(copy) == str(error)


def test_error_without_status() -> None:
    error = KalshiTimeoutError("request timed out", method="GET", path="/markets")
    assert error.status_code is None
    assert str(error) == "GET /markets: request timed out"
    assert str(KalshiError("plain")) == "plain"

"""SyncAPIClient against an httpx.MockTransport fake server."""

from __future__ import annotations

import enum
import itertools
import json
from collections.abc import Callable
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from kalshi._base_client import SyncAPIClient
from kalshi._constants import RETRY_AFTER_CAP
from kalshi._environments import DEMO_BASE_URL, PRODUCTION_BASE_URL
from kalshi._models import FixedPointDollars, ResponseModel
from kalshi.errors import (
    KalshiAuthError,
    KalshiAuthRequiredError,
    KalshiError,
    KalshiNetworkError,
    KalshiNotFoundError,
    KalshiRateLimitError,
    KalshiResponseError,
    KalshiServerError,
    KalshiTimeoutError,
)

MakeClient = Callable[..., SyncAPIClient]


class Balance(ResponseModel):
    balance: int


class Market(ResponseModel):
    ticker: str
    yes_bid: FixedPointDollars | None = None


class Page(ResponseModel):
    markets: list[Market] | None = None
    cursor: str | None = None


def ok(data: Any = None, status: int = 200, **kwargs: Any) -> httpx.Response:
    return httpx.Response(status, json={"balance": 100} if data is None else data, **kwargs)


def raw_path(request: httpx.Request) -> str:
    return request.url.raw_path.decode().split("?")[0]


# --- auth and signing ---------------------------------------------------------------------


def test_signed_request(fake: Any, sync_client: MakeClient, verify: Callable[..., str]) -> None:
    server = fake(ok())
    client = sync_client(server)
    client._clock_ms = lambda: 1_700_000_000_000
    result = client.request(
        "get", "/portfolio/balance", params={"limit": 5}, auth=True, cast_to=Balance
    )
    assert result == Balance(balance=100)
    (request,) = server.requests
    assert str(request.url) == PRODUCTION_BASE_URL + "/portfolio/balance?limit=5"
    # The signed path includes /trade-api/v2 and excludes the query.
    assert verify(request) == "1700000000000GET/trade-api/v2/portfolio/balance"


def test_public_calls_are_signed_when_a_key_is_configured(
    fake: Any, sync_client: MakeClient, verify: Callable[..., str]
) -> None:
    server = fake(ok())
    sync_client(server).request("GET", "/exchange/status", auth=False, cast_to=Balance)
    verify(server.requests[0])


def test_unauthenticated_client_sends_no_auth_headers(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok())
    client = sync_client(server, key=False)
    assert not client.is_authenticated
    client.request("GET", "/exchange/status", auth=False, cast_to=Balance)
    assert not any(h.lower().startswith("kalshi-") for h in server.requests[0].headers)


def test_auth_required_fails_before_any_request(fake: Any, sync_client: MakeClient) -> None:
    server = fake()
    client = sync_client(server, key=False)
    with pytest.raises(KalshiAuthRequiredError) as info:
        client.request("GET", "/portfolio/balance", auth=True, cast_to=Balance)
    assert server.requests == []
    assert isinstance(info.value, KalshiAuthError)
    text = str(info.value)
    assert text.startswith("GET /portfolio/balance: ")
    assert "key_id=" in text and "KALSHI_KEY_ID" in text and "from_env()" in text
    with pytest.raises(KalshiAuthRequiredError):
        client.paginate(
            "GET", "/portfolio/orders", auth=True, cast_to=Page, items=lambda p: p.markets
        )


def test_every_retry_is_signed_afresh(
    fake: Any, sync_client: MakeClient, verify: Callable[..., str], sleeps: list[float]
) -> None:
    server = fake(httpx.Response(503), httpx.Response(502), ok())
    client = sync_client(server)
    clock = itertools.count(1_700_000_000_000, 1000)
    client._clock_ms = lambda: next(clock)
    client.request("GET", "/portfolio/balance", auth=True, cast_to=Balance)
    messages = [verify(request) for request in server.requests]
    assert messages == [
        f"{1_700_000_000_000 + 1000 * i}GET/trade-api/v2/portfolio/balance" for i in range(3)
    ]
    assert len(sleeps) == 2


# --- retries ----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 503])
def test_get_retries_on_retryable_status(
    fake: Any, sync_client: MakeClient, sleeps: list[float], status: int
) -> None:
    server = fake(httpx.Response(status), ok())
    assert sync_client(server).request("GET", "/m", auth=False, cast_to=Balance).balance == 100
    assert len(server.requests) == 2
    assert len(sleeps) == 1


def test_retry_after_is_honoured_as_a_floor_and_capped(
    fake: Any, sync_client: MakeClient, sleeps: list[float]
) -> None:
    server = fake(
        httpx.Response(429, headers={"Retry-After": "3"}),
        httpx.Response(503, headers={"Retry-After": "3600"}),
        ok(),
    )
    sync_client(server).request("GET", "/m", auth=False, cast_to=Balance)
    assert sleeps[0] >= 3.0
    assert sleeps[1] == RETRY_AFTER_CAP


def test_retries_are_bounded(fake: Any, sync_client: MakeClient, sleeps: list[float]) -> None:
    body = {"code": "unavailable", "message": "try later"}
    server = fake(*[httpx.Response(503, json=body) for _ in range(3)])
    with pytest.raises(KalshiServerError) as info:
        sync_client(server, max_retries=2).request("GET", "/m", auth=False, cast_to=Balance)
    assert len(server.requests) == 3
    assert len(sleeps) == 2
    assert info.value.code == "unavailable"


def test_max_retries_zero(fake: Any, sync_client: MakeClient, sleeps: list[float]) -> None:
    server = fake(httpx.Response(503))
    with pytest.raises(KalshiServerError):
        sync_client(server, max_retries=0).request("GET", "/m", auth=False, cast_to=Balance)
    assert sleeps == []


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
@pytest.mark.parametrize("status", [429, 500, 503, 408])
def test_writes_are_never_retried_on_a_status(
    fake: Any, sync_client: MakeClient, sleeps: list[float], method: str, status: int
) -> None:
    server = fake(httpx.Response(status, headers={"Retry-After": "1"}), ok())
    with pytest.raises(KalshiError) as info:
        sync_client(server).request(
            method, "/portfolio/orders", body={}, auth=True, cast_to=Balance
        )
    assert info.value.status_code == status
    assert len(server.requests) == 1
    assert sleeps == []


@pytest.mark.parametrize(
    "error", [httpx.ConnectError("refused"), httpx.ConnectTimeout("slow"), httpx.PoolTimeout("")]
)
def test_post_is_retried_when_the_request_never_left(
    fake: Any, sync_client: MakeClient, sleeps: list[float], error: Exception
) -> None:
    server = fake(error, ok())
    client = sync_client(server)
    assert client.request("POST", "/portfolio/orders", body={}, auth=True, cast_to=Balance)
    assert len(server.requests) == 2
    assert len(sleeps) == 1


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (httpx.ReadTimeout("read timed out"), KalshiTimeoutError),
        (httpx.WriteTimeout("write timed out"), KalshiTimeoutError),
        (httpx.ReadError("reset"), KalshiNetworkError),
        (httpx.RemoteProtocolError("eof"), KalshiNetworkError),
    ],
)
def test_post_is_not_retried_once_sent(
    fake: Any,
    sync_client: MakeClient,
    sleeps: list[float],
    error: Exception,
    expected: type[KalshiError],
) -> None:
    server = fake(error, ok())
    with pytest.raises(expected) as info:
        sync_client(server).request(
            "POST", "/portfolio/orders", body={}, auth=True, cast_to=Balance
        )
    assert len(server.requests) == 1
    assert sleeps == []
    assert str(info.value).startswith("POST /portfolio/orders: request ")
    assert "1 attempt(s)" in str(info.value)
    assert isinstance(info.value.__cause__, httpx.TransportError)


def test_get_timeouts_retry_then_raise_timeout_error(
    fake: Any, sync_client: MakeClient, sleeps: list[float]
) -> None:
    server = fake(*[httpx.ReadTimeout("timed out") for _ in range(3)])
    with pytest.raises(KalshiTimeoutError, match=r"timed out after 3 attempt\(s\)"):
        sync_client(server).request("GET", "/markets", auth=False, cast_to=Balance)
    assert len(server.requests) == 3
    assert len(sleeps) == 2


def test_get_connection_errors_become_network_errors(
    fake: Any, sync_client: MakeClient, sleeps: list[float]
) -> None:
    server = fake(*[httpx.ConnectError("refused") for _ in range(2)])
    with pytest.raises(KalshiNetworkError, match="ConnectError: refused"):
        sync_client(server, max_retries=1).request("GET", "/markets", auth=False, cast_to=Balance)


# --- errors and parsing -------------------------------------------------------------------


def test_status_errors_carry_kalshi_fields(fake: Any, sync_client: MakeClient) -> None:
    body = {"code": "not_found", "message": "order group not found", "service": "exchange"}
    server = fake(httpx.Response(404, json=body))
    with pytest.raises(KalshiNotFoundError) as info:
        sync_client(server).request(
            "DELETE",
            "/portfolio/order_groups/{order_group_id}",
            path_params={"order_group_id": "og_1"},
            auth=True,
            cast_to=type(None),
        )
    error = info.value
    assert str(error) == (
        "404 Not Found on DELETE /portfolio/order_groups/og_1: not_found: order group not found"
    )
    assert (error.status_code, error.service, error.method, error.path) == (
        404,
        "exchange",
        "DELETE",
        "/portfolio/order_groups/og_1",
    )


def test_rate_limit_error_has_retry_after(
    fake: Any, sync_client: MakeClient, sleeps: list[float]
) -> None:
    server = fake(*[httpx.Response(429, headers={"Retry-After": "2"}) for _ in range(3)])
    with pytest.raises(KalshiRateLimitError) as info:
        sync_client(server).request("GET", "/markets", auth=False, cast_to=Balance)
    assert info.value.retry_after == 2.0


def test_malformed_json(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(200, content=b"<html>oops</html>"))
    with pytest.raises(KalshiResponseError) as info:
        sync_client(server).request("GET", "/markets", auth=False, cast_to=Balance)
    error = info.value
    assert (error.status_code, error.method, error.path) == (200, "GET", "/markets")
    assert "not valid JSON" in str(error) and "<html>oops</html>" in str(error)
    assert "(Expecting value: line 1 column 1 (char 0))" in str(error)  # json's own words
    assert str(error).startswith("200 OK on GET /markets: ")


@pytest.mark.parametrize(
    "content",
    [
        b'\xef\xbb\xbf{"balance": 100}',  # a UTF-8 byte order mark
        '{"balance": 100}'.encode("utf-16"),  # JSON in UTF-16 (json.loads detects it)
        b'{"balance": 100, "extra": NaN}',  # not JSON, but what json.loads accepts
    ],
)
def test_bodies_json_loads_reads_are_still_read(
    content: bytes, fake: Any, sync_client: MakeClient
) -> None:
    """Responses are validated straight from the bytes (pydantic-core, UTF-8 only); a body it
    cannot read goes through json.loads as before, so no body that parsed before fails now."""
    server = fake(httpx.Response(200, content=content))
    result = sync_client(server).request("GET", "/b", auth=False, cast_to=Balance)
    assert result.balance == 100


def test_responses_that_are_not_models(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok([{"balance": 1}, {"balance": 2}]), ok({"a": 1}), ok(["x"]), ok([1, "y"]))
    client = sync_client(server)
    assert client.request("GET", "/l", auth=False, cast_to=list[Balance]) == [
        Balance(balance=1),
        Balance(balance=2),
    ]
    assert client.request("GET", "/d", auth=False, cast_to=dict[str, int]) == {"a": 1}
    # the body's own structure has the wrong shape: nothing to keep (kalshi._decode)
    with pytest.raises(KalshiResponseError, match=r"response body\[0\] is a str, not a Balance"):
        client.request("GET", "/l", auth=False, cast_to=list[Balance])
    with pytest.raises(KalshiResponseError, match=r"response body\[1\] is a str, not a int"):
        client.request("GET", "/l", auth=False, cast_to=list[int])


def test_malformed_json_for_a_list(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(200, content=b"[1, 2"))
    with pytest.raises(KalshiResponseError, match="not valid JSON") as info:
        sync_client(server).request("GET", "/l", auth=False, cast_to=list[int])
    assert "[1, 2" in str(info.value)


def test_response_not_matching_the_model(fake: Any, sync_client: MakeClient) -> None:
    """A field of the wrong type is dropped (None, with a warning) and the call succeeds;
    strict_responses=True raises naming it (the policy: kalshi._decode)."""
    server = fake(ok({"balance": "lots"}), ok({"balance": "lots"}))
    lenient = sync_client(server).request("GET", "/portfolio/balance", auth=True, cast_to=Balance)
    assert lenient.balance is None
    strict = sync_client(server, strict_responses=True)
    with pytest.raises(KalshiResponseError, match="Balance.balance: value of the wrong type"):
        strict.request("GET", "/portfolio/balance", auth=True, cast_to=Balance)


def test_empty_body_for_a_model_is_a_response_error(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(200, content=b""))
    with pytest.raises(KalshiResponseError):
        sync_client(server).request("GET", "/m", auth=False, cast_to=Balance)


def test_none_cast_ignores_the_body(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(204), httpx.Response(200, content=b"not json"))
    client = sync_client(server)
    assert client.request("DELETE", "/x", auth=True, cast_to=type(None)) is None
    assert client.request("PUT", "/x", body={}, auth=True, cast_to=type(None)) is None


def test_non_model_cast_to(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok({"a": 1}))
    assert sync_client(server).request("GET", "/x", auth=False, cast_to=dict) == {"a": 1}


def test_unknown_response_fields_are_kept(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok({"balance": 1, "new_field": "x"}))
    result = sync_client(server).request("GET", "/x", auth=False, cast_to=Balance)
    assert result.model_extra == {"new_field": "x"}


# --- request encoding ---------------------------------------------------------------------


def test_path_params_are_one_encoded_segment(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok(), ok(), ok())
    client = sync_client(server)
    for value in ("../orders", "a b/c?d#e", 42):
        client.request(
            "GET", "/portfolio/orders/{order_id}", path_params={"order_id": value},
            auth=True, cast_to=Balance,
        )  # fmt: skip
    assert [raw_path(r) for r in server.requests] == [
        "/trade-api/v2/portfolio/orders/..%2Forders",
        "/trade-api/v2/portfolio/orders/a%20b%2Fc%3Fd%23e",
        "/trade-api/v2/portfolio/orders/42",
    ]


@pytest.mark.parametrize("value", ["", "  "])
def test_empty_path_param_is_rejected_before_sending(
    fake: Any, sync_client: MakeClient, value: str
) -> None:
    server = fake()
    with pytest.raises(ValueError, match="path parameter 'order_id' must not be empty"):
        sync_client(server).request(
            "GET", "/portfolio/orders/{order_id}", path_params={"order_id": value},
            auth=True, cast_to=Balance,
        )  # fmt: skip
    assert server.requests == []


def test_missing_and_unknown_path_params(fake: Any, sync_client: MakeClient) -> None:
    client = sync_client(fake())
    with pytest.raises(ValueError, match="missing path parameter 'order_id'"):
        client.request("GET", "/orders/{order_id}", auth=True, cast_to=Balance)
    with pytest.raises(ValueError, match="unknown path parameter"):
        client.request(
            "GET", "/orders/{order_id}", path_params={"order_id": "a", "x": "b"},
            auth=True, cast_to=Balance,
        )  # fmt: skip


class Status(enum.Enum):
    OPEN = "open"


def test_query_encoding(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok())
    params = {
        "skip": None,
        "yes": True,
        "no": False,
        "tickers": ["A", "B", None],
        "price": Decimal("0.50"),
        "ts": datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc),
        "status": Status.OPEN,
        "limit": 10,
        "empty": [],
    }
    sync_client(server).request("GET", "/markets", params=params, auth=False, cast_to=Balance)
    assert server.requests[0].url.params.multi_items() == [
        ("yes", "true"),
        ("no", "false"),
        ("tickers", "A"),
        ("tickers", "B"),
        ("price", "0.50"),
        ("ts", "2024-01-02T03:04:05+00:00"),
        ("status", "open"),
        ("limit", "10"),
    ]


@pytest.mark.parametrize(
    "value", ["a b", "a+b", "a&b=c", "ü€😀", "/x?y#z", "~*'()!$,;:@[]", "%20", "%zz", "", "\t"]
)
def test_query_bytes_are_what_httpx_params_would_send(
    value: str, fake: Any, sync_client: MakeClient, verify: Callable[..., str]
) -> None:
    """The runtime puts the query into the URL itself (not httpx's `params=`, which re-parses
    the URL on every request): the bytes on the wire must be the same as httpx's encoding,
    and the signature still covers the path alone."""
    server = fake(ok())
    client = sync_client(server)
    client._clock_ms = lambda: 1_700_000_000_000
    params = {"ticker": value, value or "k": [value, "x"]}
    path_params = {"t": value.strip() or "x"}
    client.request(
        "GET", "/markets/{t}", path_params=path_params, params=params, auth=True, cast_to=Balance
    )
    (request,) = server.requests
    pairs = [("ticker", value), (value or "k", value), (value or "k", "x")]
    expected = httpx.Client().build_request("GET", request.url.copy_with(query=None), params=pairs)
    assert request.url.raw_path == expected.url.raw_path
    assert request.url.params.multi_items() == pairs
    path = request.url.raw_path.decode().split("?")[0]
    assert verify(request) == f"1700000000000GET{path}"
    assert path.startswith("/trade-api/v2/markets/") and "?" not in path


def test_a_call_without_params_has_no_query(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok(), ok())
    client = sync_client(server)
    client.request("GET", "/markets", auth=False, cast_to=Balance)
    client.request("GET", "/markets", params={"cursor": None}, auth=False, cast_to=Balance)
    assert [r.url.raw_path for r in server.requests] == [b"/trade-api/v2/markets"] * 2


def test_empty_body_is_sent_as_json_object(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok(), ok())
    client = sync_client(server)
    client.request("PUT", "/portfolio/order_groups/og/reset", body={}, auth=True, cast_to=Balance)
    client.request("GET", "/markets", auth=False, cast_to=Balance)
    put, get = server.requests
    assert put.content == b"{}"
    assert put.headers["Content-Type"] == "application/json"
    assert get.content == b""
    assert "Content-Type" not in get.headers


def test_body_decimals_are_strings(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok())
    body = {"yes_price_dollars": Decimal("0.6500"), "count": 3}
    sync_client(server).request("POST", "/orders", body=body, auth=True, cast_to=Balance)
    assert json.loads(server.requests[0].content) == {"yes_price_dollars": "0.6500", "count": 3}


def test_extra_headers_timeout_and_user_agent(fake: Any, sync_client: MakeClient) -> None:
    server = fake(ok())
    sync_client(server).request(
        "GET", "/m", auth=False, cast_to=Balance, extra_headers={"X-Trace": "t1"}, timeout=2.5
    )
    request = server.requests[0]
    assert request.headers["X-Trace"] == "t1"
    assert request.headers["User-Agent"].startswith("kalshi-python-generated/")
    assert request.extensions["timeout"] == httpx.Timeout(2.5).as_dict()


# --- pagination ---------------------------------------------------------------------------


def page(cursor: str | None, *tickers: str) -> httpx.Response:
    return ok({"markets": [{"ticker": t} for t in tickers], "cursor": cursor})


def list_all(client: SyncAPIClient, **kwargs: Any) -> list[str]:
    items = client.paginate(
        "GET", "/markets", auth=False, cast_to=Page, items=lambda p: p.markets, **kwargs
    )
    return [m.ticker for m in items]


def test_paginate_follows_cursor_until_empty(fake: Any, sync_client: MakeClient) -> None:
    server = fake(page("c1", "A", "B"), page("c2", "C"), page("", "D"))
    assert list_all(sync_client(server), params={"limit": 2}) == ["A", "B", "C", "D"]
    cursors = [r.url.params.get("cursor") for r in server.requests]
    assert cursors == [None, "c1", "c2"]
    assert all(r.url.params["limit"] == "2" for r in server.requests)


def test_paginate_stops_on_missing_cursor_and_null_items(
    fake: Any, sync_client: MakeClient
) -> None:
    server = fake(ok({"markets": None, "cursor": "c1"}), ok({"markets": [{"ticker": "A"}]}))
    assert list_all(sync_client(server)) == ["A"]


def test_paginate_detects_a_repeated_cursor(fake: Any, sync_client: MakeClient) -> None:
    server = fake(page("c1", "A"), page("c2", "B"), page("c1", "C"))
    seen: list[str] = []
    iterator = sync_client(server).paginate(
        "GET", "/markets", auth=False, cast_to=Page, items=lambda p: p.markets
    )
    with pytest.raises(KalshiResponseError, match="cursor 'c1' again"):
        for market in iterator:
            seen.append(market.ticker)
    assert seen == ["A", "B", "C"]
    assert len(server.requests) == 3


def test_paginate_start_cursor_counts_as_seen(fake: Any, sync_client: MakeClient) -> None:
    server = fake(page("c0", "A"))
    with pytest.raises(KalshiResponseError):
        list_all(sync_client(server), params={"cursor": "c0"})


def test_paginate_max_pages(fake: Any, sync_client: MakeClient) -> None:
    server = fake(page("c1", "A"), page("c2", "B"), page("c3", "C"))
    assert list_all(sync_client(server), max_pages=2) == ["A", "B"]
    assert len(server.requests) == 2
    with pytest.raises(ValueError, match="max_pages"):
        list_all(sync_client(fake()), max_pages=0)


def test_paginate_is_lazy(fake: Any, sync_client: MakeClient) -> None:
    server = fake(page("c1", "A"), page("", "B"))
    iterator = sync_client(server).paginate(
        "GET", "/markets", auth=False, cast_to=Page, items=lambda p: p.markets
    )
    assert server.requests == []
    assert next(iterator).ticker == "A"
    assert len(server.requests) == 1


# --- configuration ------------------------------------------------------------------------


def test_base_url_precedence(fake: Any, sync_client: MakeClient) -> None:
    assert sync_client(fake(), key=False).base_url == PRODUCTION_BASE_URL
    assert sync_client(fake(), key=False, demo=True).base_url == DEMO_BASE_URL
    explicit = sync_client(fake(), key=False, demo=True, base_url="http://localhost:8080/v2/")
    assert explicit.base_url == "http://localhost:8080/v2"


@pytest.mark.parametrize("url", ["ftp://x.com", "not a url", "", "https://", "https://x.com/?a=1"])
def test_bad_base_url(url: str) -> None:
    with pytest.raises(ValueError, match="base_url"):
        SyncAPIClient(base_url=url)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"timeout": -1},
        {"timeout": float("nan")},
        {"timeout": httpx.Timeout(5.0, connect=-1.0)},
        {"max_retries": -1},
        {"max_retries": 1.5},
    ],
)
def test_bad_numbers(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        SyncAPIClient(**kwargs)


def test_bad_per_call_timeout(fake: Any, sync_client: MakeClient) -> None:
    with pytest.raises(ValueError, match="timeout"):
        sync_client(fake()).request("GET", "/m", auth=False, cast_to=Balance, timeout=-1)


def test_timeout_none_and_httpx_timeout_are_accepted() -> None:
    SyncAPIClient(timeout=None).close()
    SyncAPIClient(timeout=httpx.Timeout(3.0)).close()


def test_bad_key_fails_at_construction(tmp_path: Path) -> None:
    with pytest.raises(KalshiAuthError):
        SyncAPIClient(key_id="kid", private_key="-----BEGIN RSA PRIVATE KEY-----\nx\n")
    with pytest.raises(KalshiAuthError, match="not found"):
        SyncAPIClient(key_id="kid", private_key_path=tmp_path / "missing.pem")


def test_repr_and_errors_never_show_the_key(
    fake: Any, sync_client: MakeClient, key_pem: str, sleeps: list[float]
) -> None:
    server = fake(httpx.Response(401, json={"message": "bad signature"}))
    client = sync_client(server)
    assert repr(client) == (
        f"SyncAPIClient(base_url='{PRODUCTION_BASE_URL}', key_id='test-key-id-0001')"
    )
    with pytest.raises(KalshiAuthError) as info:
        client.request("GET", "/portfolio/balance", auth=True, cast_to=Balance)
    secret = key_pem.splitlines()[5]
    for text in (repr(client), str(info.value), repr(info.value), str(vars(client))):
        assert secret not in text


def test_from_env(monkeypatch: pytest.MonkeyPatch, key_pem: str, tmp_path: Path) -> None:
    for name in (
        "KALSHI_PRIVATE_KEY_PATH",
        "KALSHI_API_BASE_URL",
        "KALSHI_DEMO",
        "KALSHI_ALLOW_UNKNOWN_HOST",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KALSHI_KEY_ID", "env-kid")
    monkeypatch.setenv("KALSHI_PRIVATE_KEY", key_pem.strip().replace("\n", "\\n"))
    with SyncAPIClient.from_env() as client:
        assert client.is_authenticated
        assert repr(client).endswith("key_id='env-kid')")
        assert client.base_url == PRODUCTION_BASE_URL

    monkeypatch.setenv("KALSHI_API_BASE_URL", "http://localhost:9/trade-api/v2")
    with pytest.raises(ValueError, match="not one of the API's servers"):
        SyncAPIClient.from_env()
    monkeypatch.setenv("KALSHI_ALLOW_UNKNOWN_HOST", "1")
    with SyncAPIClient.from_env(key_id="kw-kid", max_retries=0) as client:
        assert repr(client).endswith("key_id='kw-kid')")
        assert client.base_url == "http://localhost:9/trade-api/v2"
        assert client.max_retries == 0
    with SyncAPIClient.from_env(demo=True) as client:
        assert client.base_url == DEMO_BASE_URL
    monkeypatch.setenv("KALSHI_DEMO", "1")
    with SyncAPIClient.from_env() as client:
        assert client.base_url == DEMO_BASE_URL
    with SyncAPIClient.from_env(base_url="https://example.com/v2") as client:
        assert client.base_url == "https://example.com/v2"


def test_from_env_key_path_and_conflicts(
    monkeypatch: pytest.MonkeyPatch, key_pem: str, tmp_path: Path
) -> None:
    path = tmp_path / "k.pem"
    path.write_text(key_pem)
    for name in ("KALSHI_PRIVATE_KEY", "KALSHI_API_BASE_URL", "KALSHI_DEMO"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("KALSHI_KEY_ID", "kid")
    monkeypatch.setenv("KALSHI_PRIVATE_KEY_PATH", str(path))
    with SyncAPIClient.from_env() as client:
        assert client.is_authenticated
    # An explicit key replaces both env key variables.
    with SyncAPIClient.from_env(private_key=key_pem) as client:
        assert client.is_authenticated
    monkeypatch.setenv("KALSHI_PRIVATE_KEY", key_pem)
    with pytest.raises(ValueError, match="only one of KALSHI_PRIVATE_KEY"):
        SyncAPIClient.from_env()
    monkeypatch.delenv("KALSHI_PRIVATE_KEY")
    monkeypatch.setenv("KALSHI_DEMO", "maybe")
    with pytest.raises(ValueError, match="KALSHI_DEMO"):
        SyncAPIClient.from_env()


def test_from_env_without_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "KALSHI_KEY_ID",
        "KALSHI_PRIVATE_KEY",
        "KALSHI_PRIVATE_KEY_PATH",
        "KALSHI_API_BASE_URL",
        "KALSHI_DEMO",
    ):
        monkeypatch.delenv(name, raising=False)
    with SyncAPIClient.from_env() as client:
        assert not client.is_authenticated
        assert client.base_url == PRODUCTION_BASE_URL


def test_context_manager_closes(fake: Any) -> None:
    with SyncAPIClient(transport=httpx.MockTransport(fake())) as client:
        pass
    assert client._http.is_closed

"""The runtime's raw success bodies (`cast_to=RawText` / `RawBytes`: text and binary
responses returned unparsed) and header parameters (`headers=`: encoded like query values,
merged under extra_headers, never over the signing headers)."""

from __future__ import annotations

import asyncio
import enum
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from kalshi import _base_client
from kalshi._base_client import (
    AsyncAPIClient,
    RawBytes,
    RawText,
    SyncAPIClient,
    encode_headers,
    merge_headers,
)
from kalshi._models import ResponseModel
from kalshi.errors import KalshiNotFoundError

MakeClient = Callable[..., SyncAPIClient]


class Mode(enum.Enum):
    FAST = "fast"


class Page(ResponseModel):
    items: list[int]
    cursor: str | None = None


# --- raw bodies ---------------------------------------------------------------------------


def test_raw_text_is_the_body_as_text_not_parsed(fake: Any, sync_client: MakeClient) -> None:
    body = b"ticker,price\nABC,0.56\n"
    server = fake(httpx.Response(200, content=body, headers={"Content-Type": "text/csv"}))
    result = sync_client(server).request("GET", "/report", auth=False, cast_to=RawText)
    assert result == "ticker,price\nABC,0.56\n"
    assert type(result) is str


def test_raw_text_decodes_by_the_charset(fake: Any, sync_client: MakeClient) -> None:
    content = "café".encode("latin-1")
    headers = {"Content-Type": "text/plain; charset=latin-1"}
    server = fake(httpx.Response(200, content=content, headers=headers))
    assert sync_client(server).request("GET", "/n", auth=False, cast_to=RawText) == "café"


def test_a_json_looking_text_body_stays_text(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(200, content=b'"quoted"', headers={"Content-Type": "text/plain"}))
    assert sync_client(server).request("GET", "/n", auth=False, cast_to=RawText) == '"quoted"'


def test_raw_bytes_are_the_body_as_sent(fake: Any, sync_client: MakeClient) -> None:
    content = bytes(range(256))
    headers = {"Content-Type": "application/octet-stream"}
    server = fake(httpx.Response(200, content=content, headers=headers))
    result = sync_client(server).request("GET", "/blob", auth=False, cast_to=RawBytes)
    assert result == content
    assert type(result) is bytes


def test_an_error_status_is_still_an_error_for_raw_bodies(
    fake: Any, sync_client: MakeClient
) -> None:
    server = fake(httpx.Response(404, json={"code": "not_found", "message": "no report"}))
    with pytest.raises(KalshiNotFoundError):
        sync_client(server).request("GET", "/report", auth=False, cast_to=RawText)


def test_raw_bodies_on_the_async_client(
    fake: Any, async_client: Callable[..., AsyncAPIClient]
) -> None:
    server = fake(
        httpx.Response(200, content=b"hello", headers={"Content-Type": "text/plain"}),
        httpx.Response(200, content=b"\x00\x01", headers={"Content-Type": "application/pdf"}),
    )

    async def run() -> tuple[str, bytes]:
        async with async_client(server) as client:
            text = await client.request("GET", "/a", auth=False, cast_to=RawText)
            data = await client.request("GET", "/b", auth=False, cast_to=RawBytes)
            return text, data

    assert asyncio.run(run()) == ("hello", b"\x00\x01")


def test_parse_response_chooses_the_decoding() -> None:
    response = httpx.Response(200, content=b'{"a": 1}')
    assert _base_client.parse_response(response, RawText, "GET", "/x") == '{"a": 1}'
    assert _base_client.parse_response(response, RawBytes, "GET", "/x") == b'{"a": 1}'
    assert _base_client.parse_response(response, type(None), "GET", "/x") is None
    assert _base_client.parse_response(response, dict, "GET", "/x") == {"a": 1}


# --- header parameters --------------------------------------------------------------------


def test_encode_headers_like_query_values() -> None:
    encoded = encode_headers(
        {
            "X-Id": "abc",
            "X-Limit": 5,
            "X-Dry-Run": True,
            "X-Mode": Mode.FAST,
            "X-Ids": ["a", "b"],
            "X-Absent": None,
        }
    )
    assert encoded == {
        "X-Id": "abc",
        "X-Limit": "5",
        "X-Dry-Run": "true",
        "X-Mode": "fast",
        "X-Ids": "a,b",
    }
    assert encode_headers(None) == {}


@pytest.mark.parametrize("value", ["a\r\nX-Evil: 1", "a\nb", "a\0b"])
def test_header_values_with_line_breaks_are_refused(value: str) -> None:
    with pytest.raises(ValueError, match="X-Id"):
        encode_headers({"X-Id": value})


def test_merge_headers_later_wins_case_insensitively() -> None:
    merged = merge_headers({"X-Id": "a", "Accept": "text/csv"}, None, {"x-id": "b"})
    assert merged == {"x-id": "b", "Accept": "text/csv"}


def test_header_parameters_are_sent(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(200, json={}))
    sync_client(server, key=False).request(
        "GET",
        "/things",
        headers={"X-Request-Id": "r1", "X-Page-Size": 10, "X-Dry-Run": False, "X-None": None},
        auth=False,
        cast_to=dict,
    )
    (request,) = server.requests
    assert request.headers["X-Request-Id"] == "r1"
    assert request.headers["X-Page-Size"] == "10"
    assert request.headers["X-Dry-Run"] == "false"
    assert "X-None" not in request.headers


def test_extra_headers_win_over_header_parameters(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(200, content=b"x", headers={"Content-Type": "text/csv"}))
    sync_client(server, key=False).request(
        "GET",
        "/report",
        headers={"Accept": "text/csv", "X-Id": "from-param"},
        auth=False,
        cast_to=RawText,
        extra_headers={"x-id": "from-extra"},
    )
    (request,) = server.requests
    assert request.headers.get_list("X-Id") == ["from-extra"]
    assert request.headers["Accept"] == "text/csv"  # the operation's Accept over the client's


def test_neither_can_override_the_signing_headers(
    fake: Any, sync_client: MakeClient, verify: Callable[..., str]
) -> None:
    server = fake(httpx.Response(200, json={}))
    sync_client(server).request(
        "GET",
        "/things",
        headers={"KALSHI-ACCESS-KEY": "forged"},
        auth=True,
        cast_to=dict,
        extra_headers={"kalshi-access-signature": "forged"},
    )
    (request,) = server.requests
    assert request.headers.get_list("KALSHI-ACCESS-KEY") != ["forged"]
    assert len(request.headers.get_list("KALSHI-ACCESS-SIGNATURE")) == 1
    verify(request)


def test_a_body_keeps_its_content_type_beside_header_parameters(
    fake: Any, sync_client: MakeClient
) -> None:
    server = fake(httpx.Response(200, json={}))
    sync_client(server, key=False).request(
        "POST", "/things", body={"a": 1}, headers={"X-Id": "1"}, auth=False, cast_to=dict
    )
    (request,) = server.requests
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Id"] == "1"


def test_paginate_sends_header_parameters_on_every_page(fake: Any, sync_client: MakeClient) -> None:
    server = fake(
        httpx.Response(200, json={"items": [1], "cursor": "c2"}),
        httpx.Response(200, json={"items": [2], "cursor": ""}),
    )
    pages = sync_client(server, key=False).paginate(
        "GET",
        "/things",
        headers={"X-Request-Id": "r1"},
        auth=False,
        cast_to=Page,
        items=lambda page: page.items,
    )
    assert list(pages) == [1, 2]
    assert [r.headers["X-Request-Id"] for r in server.requests] == ["r1", "r1"]


def test_bad_header_values_fail_before_sending(fake: Any, sync_client: MakeClient) -> None:
    server = fake(httpx.Response(200, json={}))
    client: SyncAPIClient = sync_client(server, key=False)
    with pytest.raises(ValueError, match="X-Id"):
        client.request("GET", "/x", headers={"X-Id": "a\nb"}, auth=False, cast_to=dict)
    assert server.requests == []

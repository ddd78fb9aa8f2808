"""Request encoding (issue 12 §7): comma-joined query lists, naive datetimes and dot segments
refused before sending, a missing required body keyword a TypeError."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx
import pytest
from kalshi._base_client import (
    AsyncAPIClient,
    SyncAPIClient,
    encode_headers,
    encode_json,
    encode_params,
    render_path,
)
from kalshi._models import AwareDatetime, RequestModel, ResponseModel, to_body

NAIVE = datetime(2026, 9, 1)
AWARE = datetime(2026, 9, 1, tzinfo=timezone.utc)


class Ok(ResponseModel):
    ok: bool | None = None


class Page(ResponseModel):
    items: list[int] | None = None
    cursor: str | None = None


class Order(RequestModel):
    count: int
    side: str
    expires_at: AwareDatetime | None = None


def ok(data: Any = None) -> httpx.Response:
    return httpx.Response(200, json={"ok": True} if data is None else data)


def query(request: httpx.Request) -> str:
    return request.url.raw_path.decode().partition("?")[2]


# --- query lists ------------------------------------------------------------------------


def test_comma_separated_names_are_joined_others_repeated() -> None:
    params = {"tickers": ["A", "B"], "ids": ["x", "y"], "one": "A,B", "tuple": ("C", "D")}
    assert encode_params(params, comma_separated={"tickers", "tuple", "one"}) == [
        ("tickers", "A,B"),
        ("ids", "x"),
        ("ids", "y"),
        ("one", "A,B"),  # a string is one value, never split into characters
        ("tuple", "C,D"),
    ]


def test_comma_separated_sets_are_sorted_and_empty_lists_dropped() -> None:
    params = {"tickers": {"B", "A"}, "empty": [], "nones": [None, "x", None]}
    encoded = encode_params(params, comma_separated={"tickers", "empty", "nones"})
    assert encoded == [("tickers", "A,B"), ("nones", "x")]


def test_an_item_with_a_comma_is_refused_where_items_are_joined() -> None:
    with pytest.raises(ValueError, match="query parameter 'tickers': item 'A,B' contains a comma"):
        encode_params({"tickers": ["A,B", "C"]}, comma_separated={"tickers"})
    assert encode_params({"tickers": ["A,B"]}) == [("tickers", "A,B")]  # repeated: unambiguous


def test_any_sequence_is_a_list() -> None:
    assert encode_params({"n": range(3)}, comma_separated={"n"}) == [("n", "0,1,2")]
    assert encode_params({"n": range(2)}) == [("n", "0"), ("n", "1")]


def test_request_sends_comma_separated_names_joined(
    fake: Any, sync_client: Callable[..., SyncAPIClient]
) -> None:
    server = fake(ok())
    sync_client(server).request(
        "GET", "/markets", params={"tickers": ["A", "B"], "ids": ["x", "y"]},
        comma_separated=("tickers",), auth=False, cast_to=Ok,
    )  # fmt: skip
    assert query(server.requests[0]) == "tickers=A%2CB&ids=x&ids=y"


def test_every_page_keeps_the_comma_form(
    fake: Any, sync_client: Callable[..., SyncAPIClient]
) -> None:
    server = fake(ok({"items": [1], "cursor": "c2"}), ok({"items": [2], "cursor": ""}))
    pages = sync_client(server).paginate(
        "GET", "/markets", params={"tickers": ["A", "B"]}, comma_separated=("tickers",),
        auth=False, cast_to=Page, items=lambda page: page.items,
    )  # fmt: skip
    assert list(pages) == [1, 2]
    assert [query(r) for r in server.requests] == ["tickers=A%2CB", "tickers=A%2CB&cursor=c2"]


def test_async_request_and_pages_send_the_comma_form(
    fake: Any, async_client: Callable[..., AsyncAPIClient]
) -> None:
    server = fake(ok(), ok({"items": [1], "cursor": None}))
    client = async_client(server)

    async def run() -> list[int]:
        async with client:
            await client.request(
                "GET", "/markets", params={"tickers": ("A", "B")}, comma_separated=("tickers",),
                auth=False, cast_to=Ok,
            )  # fmt: skip
            pages = client.paginate(
                "GET", "/markets", params={"tickers": ["C", "D"]}, comma_separated=("tickers",),
                auth=False, cast_to=Page, items=lambda page: page.items,
            )  # fmt: skip
            return [item async for item in pages]

    assert asyncio.run(run()) == [1]
    assert [query(r) for r in server.requests] == ["tickers=A%2CB", "tickers=C%2CD"]


# --- naive datetimes ----------------------------------------------------------------------


def test_a_naive_datetime_is_refused_naming_the_query_parameter() -> None:
    with pytest.raises(
        ValueError, match=r"query parameter 'min_ts': datetime 2026-09-01T00:00:00 "
    ):
        encode_params({"min_ts": NAIVE})
    with pytest.raises(ValueError, match="query parameter 'times'.*no timezone"):
        encode_params({"times": [AWARE, NAIVE]}, comma_separated={"times"})


def test_an_aware_datetime_goes_out_with_its_offset() -> None:
    east = datetime(2026, 9, 1, 2, tzinfo=timezone(timedelta(hours=2)))
    assert encode_params({"a": AWARE, "b": east}) == [
        ("a", "2026-09-01T00:00:00+00:00"),
        ("b", "2026-09-01T02:00:00+02:00"),
    ]


def test_a_naive_datetime_is_refused_in_paths_headers_and_bodies() -> None:
    with pytest.raises(ValueError, match="path parameter 'at'.*no timezone"):
        render_path("/x/{at}", {"at": NAIVE})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="header 'X-At'.*no timezone"):
        encode_headers({"X-At": NAIVE})
    with pytest.raises(ValueError, match="JSON body.*no timezone"):
        encode_json({"at": NAIVE})
    assert encode_json({"at": AWARE}) == b'{"at":"2026-09-01T00:00:00+00:00"}'


def test_a_request_model_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="expires_at") as caught:
        Order(count=1, side="yes", expires_at=NAIVE)
    assert "timezone" in str(caught.value)
    body = Order(count=1, side="yes", expires_at=AWARE).model_dump(mode="json", exclude_unset=True)
    assert body["expires_at"] == "2026-09-01T00:00:00Z"


def test_nothing_is_sent_for_a_naive_datetime(
    fake: Any, sync_client: Callable[..., SyncAPIClient]
) -> None:
    server = fake()
    with pytest.raises(ValueError, match="'min_ts'"):
        sync_client(server).request(
            "GET", "/markets", params={"min_ts": NAIVE}, auth=False, cast_to=Ok
        )
    assert server.requests == []


# --- dot segments -------------------------------------------------------------------------


@pytest.mark.parametrize("value", [".", ".."])
def test_a_dot_segment_path_parameter_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match=f"path parameter 'order_id' must not be '{value}'"):
        render_path("/portfolio/orders/{order_id}", {"order_id": value})


@pytest.mark.parametrize("value", ["...", ".a", "a.", "../x", "%2E"])
def test_dots_inside_a_segment_are_sent_encoded(value: str) -> None:
    path = render_path("/orders/{order_id}", {"order_id": value})
    assert path.count("/") == 2 and path != "/orders/." and path != "/orders/.."


# --- missing required keywords ------------------------------------------------------------


def test_a_missing_required_keyword_is_a_type_error_naming_it() -> None:
    fields = {"count": None, "side": "yes"}
    with pytest.raises(TypeError) as caught:
        to_body(Order, None, fields, required={"count": "count", "side": "side"}, method="create")
    assert str(caught.value) == (
        "create() missing required keyword argument: 'count' (or pass request=Order(...))"
    )


def test_the_error_names_the_keyword_not_the_wire_name() -> None:
    class Fill(RequestModel):
        count_fp: str

    with pytest.raises(
        TypeError, match=r"^fill\(\) missing required keyword arguments: 'count', 'x'"
    ):
        to_body(
            Fill, None, {"count_fp": None, "x_wire": None},
            required={"count_fp": "count", "x_wire": "x"}, method="fill",
        )  # fmt: skip


def test_request_and_complete_keywords_need_no_check() -> None:
    required = {"count": "count", "side": "side"}
    given = to_body(Order, None, {"count": 2, "side": "no"}, required=required, method="create")
    assert given == {"count": 2, "side": "no"}
    request = Order(count=1, side="yes")
    assert to_body(Order, request, {"count": None, "side": None}, required=required) == {
        "count": 1,
        "side": "yes",
    }

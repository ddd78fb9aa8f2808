"""The response-parsing policy (kalshi._decode): one test per rule.

What is absorbed (with a warning), what a documented rule turns into a value, and what is
never accepted: a wrong number.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

import httpx
import pytest
from kalshi._base_client import parse_response
from kalshi._models import FixedPointCount, FixedPointDollars, ResponseModel
from kalshi.errors import KalshiResponseError
from pydantic import AliasChoices, Field


class Level(ResponseModel):
    close: FixedPointDollars = Field(
        validation_alias="close_dollars", serialization_alias="close_dollars"
    )
    open: FixedPointDollars | None = Field(
        default=None, validation_alias="open_dollars", serialization_alias="open_dollars"
    )


class Book(ResponseModel):
    yes_dollars: list[tuple[FixedPointDollars, FixedPointCount]]


class Page(ResponseModel):
    ticker: str
    status: str
    levels: list[Level]
    tags: list[str] | None = None
    book: Book | None = Field(
        default=None,
        validation_alias=AliasChoices("book_fp", "book"),
        serialization_alias="book_fp",
    )


def parse(body: bytes | str, cast_to: Any = Page, *, strict: bool = False) -> Any:
    content = body.encode() if isinstance(body, str) else body
    return parse_response(httpx.Response(200, content=content), cast_to, "GET", "/x", strict=strict)


GOOD = '{"ticker": "T", "status": "open", "levels": [{"close_dollars": "0.1100"}]}'


def test_a_conforming_body_parses_without_deviations() -> None:
    page = parse(GOOD)
    assert page.levels[0].close == Decimal("0.1100") and page.levels[0].open is None


@pytest.mark.parametrize(
    "level",
    [
        '{"close": 11, "close_dollars": "0.1100"}',  # legacy first
        '{"close_dollars": "0.1100", "close": 11}',  # legacy last
    ],
)
def test_a_legacy_cent_integer_never_feeds_the_dollar_attribute(level: str) -> None:
    page = parse(f'{{"ticker": "T", "status": "s", "levels": [{level}]}}')
    assert page.levels[0].close == Decimal("0.1100")
    assert page.levels[0].model_extra == {"close": 11}


def test_a_legacy_key_alone_is_not_read_either(caplog: pytest.LogCaptureFixture) -> None:
    page = parse('{"ticker": "T", "status": "s", "levels": [{"close": 11}]}')
    assert page.levels[0].close is None  # missing, not 11
    assert page.levels[0].model_extra == {"close": 11}


def test_a_missing_required_field_keeps_the_rest_and_warns_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = '{"ticker": "T", "levels": [{"close_dollars": "0.5"}, {"close_dollars": "0.6"}]}'
    with caplog.at_level(logging.WARNING, logger="kalshi"):
        page = parse(body)
        parse(body)
    assert page.ticker == "T" and page.status is None
    assert [lv.close for lv in page.levels] == [Decimal("0.5"), Decimal("0.6")]
    warnings = [r.getMessage() for r in caplog.records if "Page.status" in r.getMessage()]
    assert len(warnings) == 1 and "required field missing" in warnings[0]


def test_strict_mode_names_every_deviation() -> None:
    body = (
        '{"ticker": 5, "levels": [{"open_dollars": "0.1"}, {"close_dollars": "0.2"}, {}], '
        '"tags": null}'
    )
    with pytest.raises(KalshiResponseError) as caught:
        parse(body, strict=True)
    err = caught.value
    text = str(err)
    assert "Page.ticker: value of the wrong type" in text
    assert "Page.status: required field missing" in text
    assert (
        "Level.close_dollars: required field missing (2x, first at levels[0].close_dollars)" in text
    )
    kinds = sorted((d.model, d.field, d.kind) for d in err.deviations if not d.absorbed)
    assert kinds == [
        ("Level", "close_dollars", "missing"),
        ("Level", "close_dollars", "missing"),
        ("Page", "status", "missing"),
        ("Page", "ticker", "wrong_type"),
    ]
    assert err.method == "GET" and err.path == "/x" and err.status_code == 200


def test_strict_mode_accepts_a_conforming_body() -> None:
    assert parse(GOOD, strict=True).ticker == "T"


def test_null_where_an_array_belongs_reads_as_empty_even_in_strict_mode() -> None:
    page = parse('{"ticker": "T", "status": "s", "levels": null}', strict=True)
    assert page.levels == []


def test_null_stays_none_where_the_spec_allows_it() -> None:
    page = parse('{"ticker": "T", "status": "s", "levels": [], "tags": null}', strict=True)
    assert page.tags is None


def test_empty_string_fixed_point_reads_as_none_where_none_is_allowed() -> None:
    body = (
        '{"ticker": "T", "status": "s", "levels": [{"close_dollars": "0.1", "open_dollars": ""}]}'
    )
    page = parse(body, strict=True)
    assert page.levels[0].open is None and page.levels[0].close == Decimal("0.1")


def test_empty_string_in_a_required_fixed_point_is_a_deviation() -> None:
    body = '{"ticker": "T", "status": "s", "levels": [{"close_dollars": ""}]}'
    assert parse(body).levels[0].close is None
    with pytest.raises(KalshiResponseError, match='Level.close_dollars: empty string ""'):
        parse(body, strict=True)


@pytest.mark.parametrize(
    "value",
    [
        '"1e999999999"',
        '"1E+2"',
        '"12345678901234567890"',
        '"0.12345678901"',
        '"abc"',
        "0.5",
        '"NaN"',
        "true",
    ],
)
def test_a_malformed_fixed_point_value_is_refused_even_when_lenient(value: str) -> None:
    body = f'{{"ticker": "T", "status": "s", "levels": [{{"close_dollars": {value}}}]}}'
    with pytest.raises(KalshiResponseError, match=r"levels\[0\]\.close_dollars: a fixed-point"):
        parse(body)


def test_fixed_point_values_dump_as_plain_strings() -> None:
    page = parse(
        '{"ticker": "T", "status": "s", "levels": [{"close_dollars": "100000000000000000.5"}]}'
    )
    dumped = page.model_dump_json(by_alias=True)
    assert '"close_dollars":"100000000000000000.5"' in dumped and "E" not in dumped


def test_order_book_levels_are_decimal_pairs_and_a_legacy_key_is_a_fallback() -> None:
    body = '{"ticker": "T", "status": "s", "levels": [], "book": {"yes_dollars": [["0.15", 100]], "yes": [[15, 100]]}}'
    page = parse(body, strict=True)
    assert page.book.yes_dollars == [(Decimal("0.15"), Decimal(100))]
    assert page.book.model_extra == {"yes": [[15, 100]]}
    with pytest.raises(KalshiResponseError):
        parse('{"ticker": "T", "status": "s", "levels": [], "book": {"yes_dollars": [["1e9", 1]]}}')


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>502</html>", "not valid JSON"),
        (b"[1, 2]", "response body is a list, not a Page"),
        (b'"text"', "response body is a str, not a Page"),
        (b"[" * 100_000 + b"]" * 100_000, "nested"),
    ],
)
def test_unusable_bodies_raise_a_response_error_with_the_request(body: bytes, message: str) -> None:
    with pytest.raises(KalshiResponseError, match=message) as caught:
        parse(body)
    assert caught.value.method == "GET" and caught.value.path == "/x"
    assert caught.value.body is not None and len(caught.value.body) <= 2000


def test_strict_responses_from_the_constructor_and_the_environment(
    sync_client: Any, fake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sync_client(fake(), key=False).strict_responses is False
    assert sync_client(fake(), key=False, strict_responses=True).strict_responses is True
    monkeypatch.setenv("KALSHI_STRICT_RESPONSES", "1")
    assert sync_client(fake(), key=False).strict_responses is True
    assert sync_client(fake(), key=False, strict_responses=False).strict_responses is False
    monkeypatch.setenv("KALSHI_STRICT_RESPONSES", "maybe")
    with pytest.raises(ValueError, match="KALSHI_STRICT_RESPONSES"):
        sync_client(fake(), key=False)


def test_null_in_a_required_fixed_point_is_a_deviation_not_a_malformed_number() -> None:
    body = '{"ticker": "T", "status": "s", "levels": [{"close_dollars": null}]}'
    assert parse(body).levels[0].close is None
    with pytest.raises(KalshiResponseError, match="Level.close_dollars: null where the spec"):
        parse(body, strict=True)


def test_an_error_location_names_the_body_path_only() -> None:
    from kalshi._models import NullAsEmptyList

    class Levels(ResponseModel):
        levels: NullAsEmptyList[Level]

    assert parse('{"levels": null}', Levels).levels == []
    with pytest.raises(KalshiResponseError, match=r"^.*: levels\[1\]\.close_dollars: a fixed"):
        parse('{"levels": [{"close_dollars": "1"}, {"close_dollars": "1e3"}]}', Levels)

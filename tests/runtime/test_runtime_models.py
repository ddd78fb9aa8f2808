"""Model bases, fixed-point Decimal types and to_body."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from kalshi._models import FixedPointCount, FixedPointDollars, RequestModel, ResponseModel, to_body
from pydantic import Field, ValidationError


class Quote(ResponseModel):
    ticker: str
    yes_bid: FixedPointDollars = Field(alias="yes_bid_dollars")
    count: FixedPointCount | None = Field(default=None, alias="count_fp")


class CreateGroup(RequestModel):
    contracts_limit: FixedPointCount | None = Field(default=None, alias="contracts_limit_fp")
    name: str | None = None
    subaccount: int | None = None


def test_decimal_round_trip_keeps_the_text() -> None:
    quote = Quote.model_validate({"ticker": "T", "yes_bid_dollars": "0.5600", "count_fp": "10.00"})
    assert quote.yes_bid == Decimal("0.5600") and isinstance(quote.yes_bid, Decimal)
    dumped = quote.model_dump(mode="json", by_alias=True)
    assert dumped == {"ticker": "T", "yes_bid_dollars": "0.5600", "count_fp": "10.00"}
    assert quote.model_dump_json(by_alias=True) == (
        '{"ticker":"T","yes_bid_dollars":"0.5600","count_fp":"10.00"}'
    )
    assert quote.model_dump()["yes_bid"] == Decimal("0.5600")  # python mode stays Decimal


@pytest.mark.parametrize(
    ("raw", "expected", "wire"),
    [
        ("0.65", Decimal("0.65"), "0.65"),
        (0.65, Decimal("0.65"), "0.65"),  # not 0.65000000000000002220...
        (10, Decimal(10), "10"),
        (Decimal("1E+2"), Decimal(100), "100"),  # never exponent form on the wire
        (Decimal("1E-7"), Decimal("1E-7"), "0.0000001"),
        ("-3.25", Decimal("-3.25"), "-3.25"),
    ],
)
def test_decimal_parsing(raw: object, expected: Decimal, wire: str) -> None:
    quote = Quote.model_validate({"ticker": "T", "yes_bid_dollars": raw})
    assert quote.yes_bid == expected
    assert quote.model_dump(mode="json", by_alias=True)["yes_bid_dollars"] == wire


@pytest.mark.parametrize(
    "raw",
    [
        True,  # a bool is not a number here, though bool is an int
        False,
        None,
        [1],
        "abc",
        "",
        "NaN",
        "Infinity",
        "-inf",
        float("nan"),
        float("inf"),
        "1E-7",  # exponent form: a fixed-point string never has one
        "1e999999999",  # would dump as a 1 GB string
        " 0.10 ",
        "1234567890123456789",  # 19 integer digits
        "0.12345678901",  # 11 fractional digits
        Decimal("1E+30"),
        10**18,
    ],
)
def test_decimal_rejects_what_is_not_a_bounded_fixed_point_value(raw: object) -> None:
    with pytest.raises(ValidationError) as info:
        Quote.model_validate({"ticker": "T", "yes_bid_dollars": raw})
    (only,) = info.value.errors()
    assert (only["type"], only["loc"]) == ("fixed_point", ("yes_bid_dollars",))


@pytest.mark.parametrize(
    ("body", "expected", "wire"),
    [
        (b'"0.5600"', Decimal("0.5600"), "0.5600"),
        (b'"-0.10"', Decimal("-0.10"), "-0.10"),
        (b"10", Decimal(10), "10"),  # integer counts of the legacy order book
    ],
)
def test_decimal_from_json_text_is_the_same(body: bytes, expected: Decimal, wire: str) -> None:
    """The runtime validates response bytes with model_validate_json: same values as from
    json.loads + model_validate."""
    text = b'{"ticker": "T", "yes_bid_dollars": %s}' % body
    from_json = Quote.model_validate_json(text)
    assert from_json == Quote.model_validate(json.loads(text))
    assert from_json.yes_bid == expected
    assert from_json.model_dump(mode="json", by_alias=True)["yes_bid_dollars"] == wire


@pytest.mark.parametrize("body", [b"0.65", b'"1E-7"', b'" 0.10 "'])
def test_json_money_is_a_plain_string(body: bytes) -> None:
    """On the wire money is a fixed-point string; a float or exponent form is refused."""
    with pytest.raises(ValidationError, match="fixed_point"):
        Quote.model_validate_json(b'{"ticker": "T", "yes_bid_dollars": %s}' % body)


@pytest.mark.parametrize("body", [b"true", b'"nan"', b"1e400", b'"x"'])
def test_decimal_from_json_text_rejects_what_python_rejects(body: bytes) -> None:
    text = b'{"ticker": "T", "yes_bid_dollars": %s}' % body
    with pytest.raises(ValidationError):
        Quote.model_validate_json(text)
    with pytest.raises(ValidationError):
        Quote.model_validate(json.loads(text))


def test_response_keeps_unknown_fields() -> None:
    quote = Quote.model_validate({"ticker": "T", "yes_bid_dollars": "0.1", "new_field": [1]})
    assert quote.model_extra == {"new_field": [1]}


def test_response_accepts_field_names_and_aliases() -> None:
    # to_body builds request models from field names, so the constructor must take them.
    assert Quote(ticker="T", yes_bid=Decimal("0.2")).yes_bid == Decimal("0.2")  # type: ignore[call-arg]
    assert Quote(ticker="T", yes_bid_dollars=Decimal("0.2")).yes_bid == Decimal("0.2")
    assert Quote.model_validate({"ticker": "T", "yes_bid": "0.2"}).yes_bid == Decimal("0.2")


def test_request_forbids_unknown_fields() -> None:
    with pytest.raises(ValidationError, match="contract_limit"):
        CreateGroup.model_validate({"contract_limit": 5})


def test_to_body_drops_none_and_uses_aliases() -> None:
    body = to_body(CreateGroup, None, {"contracts_limit": 0.65, "name": None, "subaccount": 0})
    assert body == {"contracts_limit_fp": "0.65", "subaccount": 0}
    assert to_body(CreateGroup, None, {"contracts_limit": None}) == {}


def test_to_body_from_request() -> None:
    request = CreateGroup(contracts_limit_fp=Decimal("5.00"))
    assert to_body(CreateGroup, request, {"contracts_limit": None, "name": None}) == {
        "contracts_limit_fp": "5.00"
    }


def test_to_body_rejects_request_plus_fields() -> None:
    request = CreateGroup(name="a")
    with pytest.raises(TypeError, match="request= and contracts_limit, subaccount"):
        to_body(CreateGroup, request, {"contracts_limit": 1, "name": None, "subaccount": 2})


def test_to_body_rejects_other_request_types() -> None:
    with pytest.raises(TypeError, match="must be a CreateGroup"):
        to_body(CreateGroup, Quote(ticker="T", yes_bid_dollars=Decimal(1)), {})


def test_to_body_rejects_unknown_keyword() -> None:
    with pytest.raises(ValidationError):
        to_body(CreateGroup, None, {"bogus": 1})

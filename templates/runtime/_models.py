"""Pydantic bases and field types shared by the generated models."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, Final, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    PlainSerializer,
    SecretStr,
)

__all__ = [
    "AwareDatetime",
    "DecimalNumber",
    "FixedPoint",
    "FixedPointCount",
    "FixedPointDollars",
    "NullAsEmptyList",
    "RequestModel",
    "ResponseModel",
    "SecretString",
    "to_body",
]


class ResponseModel(BaseModel):
    """A server response: unknown fields are kept, since the server adds fields before the spec.

    Responses are read by wire name only (`kalshi._decode`): a field is fed by the key the
    spec defines for it, never by its Python name, so a legacy cent integer sent under the
    short name (`yes_bid: 56` beside `yes_bid_dollars: "0.5600"`) stays in `model_extra`.
    Code may still build a model by Python name or wire name: `Market(yes_bid=...)`.
    """

    model_config = ConfigDict(
        extra="allow", validate_by_name=True, validate_by_alias=True, protected_namespaces=()
    )


class RequestModel(BaseModel):
    """A request body: unknown fields are rejected, so a typo fails at call time."""

    model_config = ConfigDict(
        extra="forbid", validate_by_name=True, validate_by_alias=True, protected_namespaces=()
    )


def decimal_to_str(value: Decimal) -> str:
    """The Decimal's own digits, never in exponent form: Decimal("0.5600") -> "0.5600"."""
    return format(value, "f")


# A fixed-point value has at most 18 integer and 10 fractional digits: 28 significant
# digits, the precision of Python's default decimal context, so arithmetic on them is exact,
# and nothing like "1e999999999" (a Decimal that dumps as a 1 GB string) gets in.
FIXED_POINT_PATTERN: Final = r"^-?[0-9]{1,18}(\.[0-9]{1,10})?$"
_MAX_DIGITS = 28
_MAX_PLACES = 10
FIXED_POINT_ERROR: Final = "fixed_point"


class FixedPoint:
    """The pydantic schema of money and counts, validated by pydantic-core (the only Python
    call per value is the Decimal constructor itself: ~20 values per market).

    On the wire: a plain decimal string ("0.5600", "10.00"), or an integer (legacy order book
    counts). In Python: also a Decimal, int or float (read through its repr), within the same
    bounds. Exponent forms, NaN, infinities, bools and oversized values are refused with the
    error type `fixed_point`, which the response policy never absorbs: a wrong number is
    worse than a failed call. Serialised as a plain string in JSON, never in exponent form.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        from pydantic_core import core_schema as cs

        # the pattern bounds the digits; pydantic's max_digits check would triple the cost
        digits = cs.no_info_after_validator_function(
            Decimal, cs.str_schema(pattern=FIXED_POINT_PATTERN)
        )
        whole = cs.chain_schema(
            [cs.int_schema(strict=True, gt=-(10**18), lt=10**18), cs.decimal_schema()]
        )
        decimal = cs.decimal_schema(
            strict=True, allow_inf_nan=False, max_digits=_MAX_DIGITS, decimal_places=_MAX_PLACES
        )
        real = cs.chain_schema(
            [
                cs.float_schema(strict=True, allow_inf_nan=False),
                cs.decimal_schema(max_digits=_MAX_DIGITS, decimal_places=_MAX_PLACES),
            ]
        )
        message = (
            'a fixed-point decimal like "0.5600" was expected (no exponent, at most 18 integer '
            "and 10 fractional digits)"
        )

        def one_of(choices: list[Any]) -> Any:
            return cs.union_schema(
                choices,
                mode="left_to_right",
                custom_error_type=FIXED_POINT_ERROR,
                custom_error_message=message,
            )

        return cs.json_or_python_schema(
            json_schema=one_of([digits, whole]),
            python_schema=one_of([decimal, digits, whole, real]),
            serialization=cs.plain_serializer_function_ser_schema(decimal_to_str, when_used="json"),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "string", "pattern": FIXED_POINT_PATTERN}


FixedPointDollars = Annotated[Decimal, FixedPoint()]  # money: "0.5600" on the wire
FixedPointCount = Annotated[Decimal, FixedPoint()]  # contract counts: "10.00" on the wire


class _ExactNumber:
    """The pydantic schema of a JSON number read as a Decimal (a strike, a price the spec types
    `number`). The server writes a float64 in its shortest form, which is what Python's float
    repr gives back, so Decimal(repr(value)) is exactly the number sent: 100.12, not
    100.1200000000000045474735, and an integer stays one; bounded like a float, never NaN or
    infinite. A Decimal, int or float passes in Python. Serialised as a JSON number."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        from pydantic_core import core_schema as cs

        whole = cs.no_info_after_validator_function(
            Decimal, cs.int_schema(strict=True, gt=-(10**18), lt=10**18)
        )
        real = cs.no_info_after_validator_function(_exact, cs.float_schema(allow_inf_nan=False))
        decimal = cs.decimal_schema(strict=True, allow_inf_nan=False)
        return cs.json_or_python_schema(
            json_schema=cs.union_schema([whole, real], mode="left_to_right"),
            python_schema=cs.union_schema([decimal, whole, real], mode="left_to_right"),
            serialization=cs.plain_serializer_function_ser_schema(_json_number, when_used="json"),
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> dict[str, Any]:
        return {"type": "number"}


def _exact(value: float) -> Decimal:
    return Decimal(repr(value))


def _json_number(value: Decimal) -> int | float:
    whole = value == value.to_integral_value() and abs(value) < 10**18
    return int(value) if whole else float(value)


DecimalNumber = Annotated[Decimal, _ExactNumber()]  # a JSON number, exact: Market.floor_strike


def _reveal(value: SecretStr) -> str:
    return value.get_secret_value()


# A credential (GenerateApiKeyResponse.private_key): repr, str and logs show "**********";
# `.get_secret_value()` reads it. JSON dumps keep the value, so a request sends it and a
# recorded response replays it.
SecretString = Annotated[SecretStr, PlainSerializer(_reveal, when_used="json")]

M = TypeVar("M", bound=BaseModel)


def to_body(
    model_cls: type[M],
    request: M | None,
    fields: Mapping[str, Any],
    *,
    required: Mapping[str, str] | None = None,
    method: str = "",
) -> dict[str, Any]:
    """The JSON body of a call that takes either `request=` or flattened body keywords.

    `fields`: the keywords' values by wire name; `required`: wire name -> keyword of those
    the call needs when no `request=` is given, named in the error (of method `method`).
    Keywords left at None are not sent; mixing `request=` with keywords is a TypeError, and so
    is leaving out a required one, as in any Python call (not a pydantic ValidationError).
    """
    given = [name for name, value in fields.items() if value is not None]
    if request is not None:
        if given:
            raise TypeError(
                "pass either request= or body keyword arguments, not both "
                f"(got request= and {', '.join(given)})"
            )
        if not isinstance(request, model_cls):
            raise TypeError(f"request must be a {model_cls.__name__}, not {type(request).__name__}")
        model = request
    else:
        missing = [keyword for wire, keyword in (required or {}).items() if wire not in given]
        if missing:
            plural = "s" if len(missing) > 1 else ""
            raise TypeError(
                f"{method}() missing required keyword argument{plural}: "
                f"{', '.join(repr(keyword) for keyword in missing)} "
                f"(or pass request={model_cls.__name__}(...))"
            )
        model = model_cls(**{name: fields[name] for name in given})
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


UNION_LABEL_LIST: Final = "<list>"  # in error locations; never a wire key


class _NullAsEmpty:
    """`null` reads as `[]`: the server sends null for an empty list the spec types as a
    (non-nullable) array. A union in pydantic-core, so a real list costs no Python call."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        from pydantic_core import core_schema as cs

        return cs.union_schema(
            [
                (handler(source), UNION_LABEL_LIST),
                (cs.no_info_after_validator_function(_empty, cs.none_schema()), "<null>"),
            ],
            mode="left_to_right",
        )


def _empty(_: None) -> list[Any]:
    return []


_Item = TypeVar("_Item")

# A response array the spec does not mark nullable: never None in Python (generator rule).
NullAsEmptyList = Annotated[list[_Item], _NullAsEmpty()]

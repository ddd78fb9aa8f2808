"""Pydantic bases and field types shared by the generated models."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Annotated, Any, TypeVar

from pydantic import AllowInfNan, BaseModel, BeforeValidator, ConfigDict, PlainSerializer

__all__ = [
    "FixedPointCount",
    "FixedPointDollars",
    "NullAsEmptyList",
    "RequestModel",
    "ResponseModel",
    "to_body",
]


class ResponseModel(BaseModel):
    """A server response: unknown fields are kept, since the server adds fields before the spec."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, protected_namespaces=())


class RequestModel(BaseModel):
    """A request body: unknown fields are rejected, so a typo fails at call time."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, protected_namespaces=())


def decimal_to_str(value: Decimal) -> str:
    """The Decimal's own digits, never in exponent form: Decimal("0.5600") -> "0.5600"."""
    return format(value, "f")


# pydantic's own Decimal, parsed by pydantic-core (no Python validator: ~20 per market, a
# quarter of the time to parse a page of markets). It keeps a string's digits ("0.5600"),
# strips whitespace, reads a float through its repr (0.65 -> Decimal("0.65")), and rejects
# bools (decimal_type), NaN and infinities (finite_number) and other text (decimal_parsing).
_FixedPoint = Annotated[
    Decimal,
    AllowInfNan(False),
    PlainSerializer(decimal_to_str, return_type=str, when_used="json"),
]
FixedPointDollars = _FixedPoint  # money, on the wire a string like "0.5600"
FixedPointCount = _FixedPoint  # contract counts, on the wire a string like "10.00"

M = TypeVar("M", bound=BaseModel)


def to_body(model_cls: type[M], request: M | None, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON body of a call that takes either `request=` or flattened body keywords.

    Keywords left at None are not sent; mixing `request=` with keywords is a TypeError.
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
        model = model_cls(**{name: fields[name] for name in given})
    return model.model_dump(mode="json", by_alias=True, exclude_unset=True)


_Item = TypeVar("_Item")


def _none_as_empty(value: object) -> object:
    return [] if value is None else value


# A list the server sometimes sends as `null` (a wire quirk named in overrides.yaml): read as [].
NullAsEmptyList = Annotated[list[_Item], BeforeValidator(_none_as_empty)]

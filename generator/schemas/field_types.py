"""Types a property's name or format decides beyond its JSON type: secrets and money numbers.

- A string whose `format` is `password`, or whose wire name ends in a secret's name
  (SECRET_ENDINGS: `private_key`, `password`, ...), is a `secret`: pydantic's SecretStr, so it
  never shows in repr, logs or tracebacks (GenerateApiKeyResponse.private_key). Response
  models only (pytypes.py): a request body or parameter takes the caller's own str and sends
  it as given. overrides.yaml `models.X.secret_fields` turns the rule off (or on) for one
  field, with its reason.
- A `type: number` whose wire name's last word is a price or a settlement bound
  (MONEY_WORDS: `Market.floor_strike`) is `decimal`: an exact Decimal, read from the number as
  the server wrote it (its shortest repr), never a binary float. Multipliers, temperatures and
  weights stay float.
- A string whose `x-rust-type` is a money or count type (RUST_MONEY, RUST_COUNTS: Kalshi's
  AsyncAPI document) and whose name ends in `_dollars` / `_fp` is FixedPointDollars /
  FixedPointCount. A money type without the suffix (`fee_cost`) stays a str, with a
  generation warning, until overrides-ws.yaml `money_fields` types it.
"""

from __future__ import annotations

from typing import Any

from .. import ir

SECRET_ENDINGS = ("private_key", "secret", "password", "passphrase", "access_token",
                  "refresh_token")  # fmt: skip
MONEY_WORDS = frozenset({"strike", "price", "dollars", "cost", "fee"})
# the Rust types of money and of contract counts (x-rust-type endings)
RUST_MONEY = ("::Price", "::Value")
RUST_COUNTS = ("::Amount", "::Position")
FIXED_POINT_SUFFIX: dict[ir.PrimitiveName, str] = {"dollars": "_dollars", "count": "_fp"}


def is_secret(wire_name: str, schema: Any) -> bool:
    """A string property that holds a credential, by its format or its name."""
    if isinstance(schema, dict) and schema.get("format") == "password":
        return True
    name = wire_name.lower()
    return name.endswith(SECRET_ENDINGS)


def is_money_number(wire_name: str) -> bool:
    """A `type: number` that is a price or a bound a market settles on, by its last word."""
    return wire_name.lower().rsplit("_", 1)[-1] in MONEY_WORDS


def retyped(kind: ir.TypeRef, old: ir.PrimitiveName, new: ir.PrimitiveName) -> ir.TypeRef:
    """`kind` with its scalar `old` made `new`, nullability kept; any other type as it is."""
    base = ir.non_null(kind)
    if not (isinstance(base, ir.Primitive) and base.name == old):
        return kind
    made = ir.Primitive(new)
    return ir.Nullable(made) if isinstance(kind, ir.Nullable) else made


def rust_fixed_point(schema: Any) -> ir.PrimitiveName | None:
    """Money (`dollars`) or a contract count (`count`) by the Rust type the server serialises
    the string from (`x-rust-type`, `x-rust-serialize-with`: Kalshi's AsyncAPI document types
    its money fields only so), else None."""
    if not isinstance(schema, dict):
        return None
    rust = str(schema.get("x-rust-type") or "")
    serialise = str(schema.get("x-rust-serialize-with") or "")
    if rust.endswith(RUST_MONEY) or serialise.endswith("_dollars"):
        return "dollars"
    if rust.endswith(RUST_COUNTS) or serialise.endswith("fixed_point_count"):
        return "count"
    return None


def field_type(wire_name: str, schema: Any, kind: ir.TypeRef) -> ir.TypeRef:
    """The type of a model field, the name rules applied."""
    if is_secret(wire_name, schema):
        kind = retyped(kind, "str", "secret")
    if is_money_number(wire_name):
        kind = retyped(kind, "float", "decimal")
    fixed = rust_fixed_point(schema)
    if fixed is not None and wire_name.endswith(FIXED_POINT_SUFFIX[fixed]):
        # both the Rust type and the name say so; one without the other is an override
        kind = retyped(kind, "str", fixed)
    return kind


def parameter_type(wire_name: str, kind: ir.TypeRef) -> ir.TypeRef:
    """The type of a parameter: money numbers are Decimal (secrets are not hidden: a
    parameter is sent as it is given)."""
    return retyped(kind, "float", "decimal") if is_money_number(wire_name) else kind

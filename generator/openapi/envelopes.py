"""What a method returns when the response is an envelope around the thing asked for.

The convention (as kalshi-sdk does it): a success response whose model has exactly one
field, and that field is an object model (`GetMarketResponse {market: Market}`), is a
single-object envelope; the method returns the object (`markets.get("X") -> Market`),
`X | None` when the field is optional. A second field of any kind (`GetEventResponse
{event, markets}`), a list (`GetSeriesListResponse {series: [...]}`), a scalar, an enum or
an alias, or an envelope that admits extra properties keeps the envelope. overrides.yaml
decides the exceptions: `unwrap: <field>` returns another field (the seed's
`order_groups.list() -> list[OrderGroup]`), `unwrap: false` keeps a single-object envelope.

Cursor-paginated methods (`ir.Pagination`) return the runtime's `Page` instead, which keeps
the envelope whole (render.py, kalshi/_pages.py).
"""

from __future__ import annotations

from .. import ir


def single_object_field(
    response: ir.TypeRef | None, models: dict[str, ir.Model]
) -> ir.Field | None:
    """The one field of a single-object envelope, else None."""
    envelope = models.get(response.name) if isinstance(response, ir.ModelRef) else None
    if envelope is None or envelope.kind != "object" or envelope.additional_properties:
        return None
    if len(envelope.fields) != 1:
        return None
    (only,) = envelope.fields
    inner = ir.non_null(only.type)
    target = models.get(inner.name) if isinstance(inner, ir.ModelRef) else None
    return only if target is not None and target.kind == "object" else None


def unwrapped_type(field: ir.Field) -> ir.TypeRef:
    """The type a method returning `field` declares: the attribute's own type, `| None`
    when the field is optional (a response list never is: it reads as [])."""
    if field.required or isinstance(field.type, (ir.ListOf, ir.Nullable)):
        return field.type
    return ir.Nullable(field.type)


def unwrap(op: ir.Operation, field: ir.Field) -> None:
    """Make `op` return `field` of its response instead of the envelope."""
    op.unwrap = field.py_name
    op.unwrap_type = unwrapped_type(field)


def apply_convention(operations: list[ir.Operation], models: dict[str, ir.Model]) -> None:
    """Unwrap every single-object envelope; overrides.yaml may undo or redirect it later."""
    for op in operations:
        field = single_object_field(op.response, models)
        if field is not None and op.raw_response is None:
            unwrap(op, field)

"""Which comparison two documents get: both OpenAPI (diff.py) or both AsyncAPI (asyncapi.py)."""

from __future__ import annotations

from typing import Any, Literal

from ..errors import GeneratorError

Kind = Literal["openapi", "asyncapi"]
_TITLES: dict[Kind, str] = {"openapi": "an OpenAPI", "asyncapi": "an AsyncAPI"}


def document_kind(doc: dict[str, Any]) -> Kind | None:
    """The kind its top-level key says (`asyncapi: 3.0.0`, `openapi: 3.0.0`); None if neither."""
    if "asyncapi" in doc:
        return "asyncapi"
    if "openapi" in doc:
        return "openapi"
    return None


def comparable_kind(old: dict[str, Any], new: dict[str, Any], old_name: str, new_name: str) -> Kind:
    """The kind both documents are; GeneratorError when they are of two kinds. A document that
    says neither takes the other's kind (OpenAPI when both say nothing, as diff always did)."""
    old_kind, new_kind = document_kind(old), document_kind(new)
    if old_kind and new_kind and old_kind != new_kind:
        raise GeneratorError(
            f"cannot compare {_TITLES[old_kind]} document ({old_name}) with "
            f"{_TITLES[new_kind]} document ({new_name}): give two documents of one kind"
        )
    return old_kind or new_kind or "openapi"

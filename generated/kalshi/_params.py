"""The spec's constraints on an operation's parameters, checked before a request is sent.

A resource module declares, per operation, the types of the parameters the spec constrains
(`limit: Annotated[int, Field(ge=1, le=1000)]`) or limits to a set of values (an enum). A bad
value raises pydantic's ValidationError naming the parameter, as a bad body field does, and
nothing is sent. Each type becomes a TypeAdapter the first time a value is given for it, so
importing the client builds none.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

__all__ = ["ParamChecks"]


class ParamChecks:
    """The checked parameters of one operation: `title` names it in errors ("markets.list")."""

    def __init__(self, title: str, /, **types: Any) -> None:
        self._title = title
        self._types = types
        self._adapters: dict[str, TypeAdapter[Any]] = {}

    def check(self, /, **values: object) -> None:
        """Raise ValidationError naming every parameter whose value breaks the spec; a value
        left at None (not given) is not checked."""
        errors: list[Any] = []
        for name, value in values.items():
            if value is None:
                continue
            try:
                self._adapter(name).validate_python(value)
            except ValidationError as exc:
                # the same error, located at the parameter
                errors.extend(
                    {
                        "type": PydanticCustomError(error["type"], error["msg"]),
                        "loc": (name, *error["loc"]),
                        "input": error["input"],
                    }
                    for error in exc.errors(include_url=False)
                )
        if errors:
            raise ValidationError.from_exception_data(self._title, errors)

    def _adapter(self, name: str) -> TypeAdapter[Any]:
        adapter = self._adapters.get(name)
        if adapter is None:  # two threads may both build it: the same adapter, no harm
            adapter = self._adapters[name] = TypeAdapter(self._types[name])
        return adapter

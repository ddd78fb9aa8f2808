"""What the real server sent, replayed through the generated client's own methods.

The recordings come from ../shared/wire-samples/ (and any folder named in
KALSHI_WIRE_SAMPLES, `os.pathsep`-separated, in either format `generator.wire.recordings` reads),
so a new recording dropped in is tested without touching this file.
"""

from __future__ import annotations

import ast
import inspect
import os
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from shared_specs import SHARED_SPEC

from generator.wire.recordings import Recorded, match_path, read_recordings

SHARED_WIRE_SAMPLES = SHARED_SPEC.parent / "wire-samples"


def sample_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("KALSHI_WIRE_SAMPLES", "").split(os.pathsep) if p]
    return [d for d in (SHARED_WIRE_SAMPLES, *extra) if d.is_dir()]


def recordings() -> list[Recorded]:
    return [r for d in sample_dirs() for r in read_recordings(d)]


def sample_id(recorded: Recorded) -> str:
    return f"{recorded.source.parent.parent.name}/{recorded.source.name}"


@dataclass(frozen=True)
class Call:
    resource: str
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def operation_for(recorded: Recorded) -> Any | None:
    """The generated client's OperationInfo serving this recording, or None."""
    from kalshi._operations import OPERATIONS

    fits = [
        op
        for op in OPERATIONS
        if op.http_method == recorded.method and match_path(op.path, recorded.path) is not None
    ]
    # a literal segment beats a placeholder: /markets/candlesticks is not /markets/{ticker}
    return min(fits, key=lambda op: op.path.count("{"), default=None)


def call_for(recorded: Recorded, op: Any, resource_class: type) -> Call:
    """The method call that would have produced this response: path parameters from the
    recording (or a placeholder: the transport serves the body whatever the path), the
    recorded query parameters the method takes, placeholders for other required ones."""
    method = getattr(resource_class, op.method)
    in_path = match_path(op.path, recorded.path) or {}
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    signature = inspect.signature(method)
    body_fields: set[str] = set()
    if "request" in signature.parameters:
        # the body is not what is under test: an empty, unvalidated request model sends `{}`
        hint = str(signature.parameters["request"].annotation).split(" |")[0]
        body_model = vars(sys.modules[resource_class.__module__])[hint]
        kwargs["request"] = body_model.model_construct()
        body_fields = set(body_model.model_fields)
    for name, param in signature.parameters.items():
        if name in ("self", "extra_headers", "timeout", "request") or name in body_fields:
            continue
        given = in_path.get(name, recorded.params.get(name))
        if given is not None and not (isinstance(given, str) and given.startswith("{")):
            value: Any = given
        elif param.default is inspect.Parameter.empty:
            value = _placeholder(str(param.annotation))
        else:
            continue
        if isinstance(value, list) and "list" not in str(param.annotation):
            value = ",".join(str(v) for v in value)
        if param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            args.append(str(value) if "str" in str(param.annotation) else value)
        else:
            kwargs[name] = value
    return Call(op.resource, op.method, tuple(args), kwargs)


def _placeholder(annotation: str) -> Any:
    if annotation.startswith("Literal["):  # an enum: its first value (others are refused)
        return ast.literal_eval(annotation.removeprefix("Literal[").split(",")[0].rstrip("]"))
    if annotation.startswith(("int", "builtins.int")):
        return 1
    if annotation.startswith("bool"):
        return True
    if "list[" in annotation:  # one placeholder item: the spec may require at least one
        return [_placeholder(annotation[annotation.index("[") + 1 : annotation.rindex("]")])]
    return "X"


def serving(recorded: Recorded) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            recorded.status,
            content=recorded.content,
            headers={"content-type": "application/json"},
        )

    return httpx.MockTransport(answer)


# --------------------------------------------------------------------------- value checks


def fixed_point_values(result: Any, raw: Any) -> Iterator[tuple[str, Any, Any]]:
    """(location, parsed, raw) for every fixed-point value of `result`, read at the key the
    model reads it from; `raw` is the JSON the server sent for `result`."""
    from kalshi import Page

    if isinstance(result, Page):  # a list method's page: the whole envelope is in it
        result = result.response
    yield from _walk(result, _unwrapped_raw(result, raw), "")


def _unwrapped_raw(result: Any, raw: Any) -> Any:
    """The part of the body a method returned: the list of a list envelope it unwraps, the
    object of a single-object envelope."""
    from pydantic import BaseModel

    if isinstance(result, list) and isinstance(raw, dict):
        lists = [v for v in raw.values() if isinstance(v, list) or v is None]
        return lists[0] if len(lists) == 1 else raw
    if isinstance(result, BaseModel) and isinstance(raw, dict):
        fields = type(result).model_fields
        keys = {info.serialization_alias or name for name, info in fields.items()}
        objects = [v for k, v in raw.items() if isinstance(v, dict) and k not in keys]
        if len(raw) == 1 and len(objects) == 1:  # {"market": {...}} read as the Market
            return objects[0]
    return raw


def _walk(value: Any, raw: Any, loc: str) -> Iterator[tuple[str, Any, Any]]:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        assert isinstance(raw, dict), f"{loc}: model {type(value).__name__} from {raw!r:.80}"
        for name, info in type(value).model_fields.items():
            # a fixed-point value is read at the spec's wire name (the serialisation alias),
            # never at another key the model might also accept
            keys = (
                [info.serialization_alias or name] if _is_fixed_point(info) else _keys(info, name)
            )
            key = next((k for k in keys if k in raw), None)
            with warnings.catch_warnings():  # deprecated fields warn on access
                warnings.simplefilter("ignore", DeprecationWarning)
                attr = getattr(value, name)
            where = f"{loc}.{key or name}"
            if key is None:
                continue
            if _is_fixed_point(info):
                yield where, attr, raw[key]
            elif _has_fixed_point_tuple(info) and isinstance(raw[key], list):
                for i, (level, raw_level) in enumerate(zip(attr or [], raw[key])):
                    for j, (part, raw_part) in enumerate(zip(level, raw_level)):
                        yield f"{where}[{i}][{j}]", part, raw_part
            else:
                yield from _walk(attr, raw[key], where)
    elif isinstance(value, list) and isinstance(raw, list):
        for i, (item, raw_item) in enumerate(zip(value, raw)):
            yield from _walk(item, raw_item, f"{loc}[{i}]")
    elif isinstance(value, dict) and isinstance(raw, dict):
        for k, item in value.items():
            yield from _walk(item, raw.get(k), f"{loc}.{k}")


def _keys(info: Any, name: str) -> list[str]:
    from pydantic import AliasChoices

    alias = info.validation_alias
    if isinstance(alias, str):
        return [alias]
    if isinstance(alias, AliasChoices):
        return [c for c in alias.choices if isinstance(c, str)]
    return [name]


def _is_fixed_point(info: Any) -> bool:
    from kalshi._models import FixedPoint

    if any(isinstance(m, FixedPoint) for m in info.metadata):
        return True
    return "FixedPoint" in repr(info.annotation) and "tuple" not in repr(info.annotation)


def _has_fixed_point_tuple(info: Any) -> bool:
    return "tuple" in repr(info.annotation) and "FixedPoint" in repr(info.annotation)


def expected_decimal(raw: Any) -> Decimal | None:
    """What a fixed-point value on the wire means: the string as a Decimal; "" and null
    mean no value."""
    if raw is None or raw == "":
        return None
    assert not isinstance(raw, (bool, float)), f"fixed-point value sent as {raw!r}"
    return Decimal(str(raw))

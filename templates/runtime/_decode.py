"""The response-parsing policy: how a 2xx body becomes the operation's model.

Kalshi's servers do not follow the spec exactly (fields it marks required are omitted, lists
come back `null`, `""` stands where a fixed-point value belongs). Like Stainless SDKs, a
response that does not match its model never fails the call by default; unlike a blind
`model_construct`, a value is never read from the wrong key or turned into a wrong number:

1. Fast path: pydantic-core validates the bytes against the model, by wire name only, so a
   key the spec does not define for a field (the legacy cent integer `yes_bid` beside
   `yes_bid_dollars`) never feeds it; it stays readable in `model_extra`.
2. A malformed fixed-point value (`"1e999999999"`, `"abc"`) is never absorbed: the call
   raises `KalshiResponseError`. So does a body that is not JSON or has the wrong shape.
3. Otherwise the objects that failed are rebuilt field by field (the others keep their fast
   validation) and every deviation is recorded:
   - rules, applied silently and always: `null` where the spec has a (non-nullable) array
     reads as `[]`; `""` in a fixed-point field that may be None reads as None;
   - deviations: a required field missing (None, or `[]` for a list), `null` where the spec
     does not allow it, a value of the wrong type (None). Each is logged once per model,
     field and kind on the `kalshi` logger; fields known to be omitted are made optional
     through overrides.yaml instead, so their types say so.
4. `strict_responses=True` (or KALSHI_STRICT_RESPONSES=1) raises `KalshiResponseError`
   naming every deviation instead (rules still apply).
"""

from __future__ import annotations

import inspect
import json
import logging
import threading
import types
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Annotated, Any, Literal, Union, get_args, get_origin

# pydantic at import time costs nothing extra: the models loaded it before any response
from pydantic import AliasChoices, BaseModel, TypeAdapter, ValidationError

from ._models import FIXED_POINT_ERROR, UNION_LABEL_LIST, FixedPoint
from .errors import excerpt

__all__ = ["Deviation", "MalformedResponse", "decode_json"]

log = logging.getLogger("kalshi")

DeviationKind = Literal["missing", "null", "wrong_type", "null_list", "empty_fixed_point"]
_MAX_DEPTH = 200  # JSON nested deeper than this is refused, not fed to a recursive rebuild
_MAX_NAMED = 20  # distinct deviations a strict-mode message lists


@dataclass(frozen=True)
class Deviation:
    """One place where a response does not match its model."""

    model: str  # the model holding the field, e.g. "Market"
    field: str  # the wire name, e.g. "settlement_bounds_type"
    kind: DeviationKind
    location: str  # where in the body, e.g. "markets[3].settlement_bounds_type"
    absorbed: bool = False  # applied by a documented rule: no warning, allowed in strict mode

    def describe(self) -> str:
        what = {
            "missing": "required field missing",
            "null": "null where the spec does not allow it",
            "wrong_type": "value of the wrong type",
            "null_list": "null list read as []",
            "empty_fixed_point": 'empty string "" where a fixed-point value belongs',
        }[self.kind]
        return f"{self.model}.{self.field}: {what}"


class MalformedResponse(ValueError):
    """A body the policy cannot accept: not JSON, wrong shape, or a malformed number."""

    def __init__(self, message: str, deviations: tuple[Deviation, ...] = ()) -> None:
        super().__init__(message)
        self.deviations = deviations


def decode_json(content: bytes, cast_to: Any, *, strict: bool) -> tuple[Any, list[Deviation]]:
    """The body as `cast_to` and what deviated; raises MalformedResponse."""
    adapter = _adapter(cast_to)
    try:
        return adapter.validate_json(content, by_name=False), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if errors and errors[0]["type"] == "json_invalid":
            data = _loads(content)  # pydantic-core reads UTF-8 only; json.loads decides
            try:
                return adapter.validate_python(data, by_name=False), []
            except ValidationError as again:
                errors = again.errors(include_url=False)
        else:
            data = _loads(content)
    _refuse_malformed_numbers(errors)
    found: list[Deviation] = []
    value = _rebuild(cast_to, data, "", found, owner=None)
    if strict and any(not d.absorbed for d in found):
        raise MalformedResponse(_strict_message(found), tuple(found))
    _warn_once(found)
    return value, found


def _loads(content: bytes) -> Any:
    try:
        data = json.loads(content)
    except RecursionError:
        raise MalformedResponse("response JSON is nested too deeply") from None
    except ValueError as exc:
        start = excerpt(content, 80)
        raise MalformedResponse(
            f"response is not valid JSON ({exc}); body starts with {start!r}"
        ) from None
    if _depth(data) > _MAX_DEPTH:
        raise MalformedResponse(f"response JSON is nested deeper than {_MAX_DEPTH} levels")
    return data


def _depth(data: Any) -> int:
    deepest, level = 0, [data]
    while level and deepest <= _MAX_DEPTH:
        deepest += 1
        level = [
            child
            for node in level
            if isinstance(node, (dict, list))
            for child in (node.values() if isinstance(node, dict) else node)
        ]
    return deepest


def _refuse_malformed_numbers(errors: list[Any]) -> None:
    for error in errors:
        if error["type"] == FIXED_POINT_ERROR and error.get("input") not in ("", None):
            where = _location(error["loc"])
            raise MalformedResponse(
                f"{where}: {error['msg']}, got {_short_repr(error.get('input'))}"
            )


def _short_repr(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _location(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if part == UNION_LABEL_LIST:  # NullAsEmptyList's branch, not a key of the body
            continue
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "<body>"


# --------------------------------------------------------------------------- rebuilding


def _rebuild(
    tp: Any, value: Any, loc: str, found: list[Deviation], owner: tuple[str, str] | None
) -> Any:
    """`value` as `tp` when it validates, else rebuilt part by part with deviations noted."""
    try:
        return _adapter(tp).validate_python(value, by_name=False)
    except ValidationError:
        pass
    inner, nullable = _split_optional(tp)
    base = get_args(inner)[0] if get_origin(inner) is Annotated else inner
    origin = get_origin(base)
    model, field = owner or (_type_name(base), "<body>")
    if value is None:
        if origin is list:
            found.append(Deviation(model, field, "null_list", loc, absorbed=True))
            return []
        found.append(Deviation(model, field, "null", loc))
        return None
    if isinstance(base, type) and issubclass(base, BaseModel) and isinstance(value, dict):
        return _rebuild_model(base, value, loc, found)
    if origin is list and isinstance(value, list):
        (item,) = get_args(base) or (Any,)
        return [_rebuild(item, v, f"{loc}[{i}]", found, owner) for i, v in enumerate(value)]
    if origin is dict and isinstance(value, dict):
        item = (get_args(base) or (str, Any))[1]
        return {k: _rebuild(item, v, f"{loc}.{k}", found, owner) for k, v in value.items()}
    if value == "" and _is_fixed_point(inner):
        found.append(Deviation(model, field, "empty_fixed_point", loc, absorbed=nullable))
        return None
    if owner is None:  # the body's own structure has the wrong shape: nothing to keep
        where = f"response body{loc if loc.startswith('[') else ''}"
        expected = _type_name(base)
        raise MalformedResponse(f"{where} is a {type(value).__name__}, not a {expected}")
    found.append(Deviation(model, field, "wrong_type", loc))
    return None


def _rebuild_model(
    cls: type[BaseModel], data: Mapping[str, Any], loc: str, found: list[Deviation]
) -> BaseModel:
    values: dict[str, Any] = {}
    fields_set: set[str] = set()
    consumed: set[str] = set()
    for name, info in cls.model_fields.items():
        keys = _wire_keys(cls, name)
        key = next((k for k in keys if k in data), None)
        where = f"{loc}.{keys[0]}" if loc else keys[0]
        if key is None:
            if info.is_required():
                found.append(Deviation(cls.__name__, keys[0], "missing", where))
                values[name] = [] if _is_list(_field_type(cls, name)) else None
            else:
                values[name] = info.get_default(call_default_factory=True)
            continue
        consumed.add(key)
        fields_set.add(name)
        owner = (cls.__name__, keys[0])
        values[name] = _rebuild(_field_type(cls, name), data[key], where, found, owner)
    # built as model_construct does, but keyed by Python name only: model_construct would
    # also match values against other fields' aliases
    instance = cls.model_construct(_fields_set=fields_set)
    object.__setattr__(instance, "__dict__", values)
    if cls.model_config.get("extra") == "allow":
        extra = {k: v for k, v in data.items() if k not in consumed}
        object.__setattr__(instance, "__pydantic_extra__", extra)
    return instance


@cache
def _wire_keys(cls: type[BaseModel], name: str) -> tuple[str, ...]:
    """The keys a field is read from, in order of preference (by wire name only)."""
    alias = cls.model_fields[name].validation_alias
    if isinstance(alias, str):
        return (alias,)
    if isinstance(alias, AliasChoices):
        return tuple(c for c in alias.choices if isinstance(c, str)) or (name,)
    return (cls.model_fields[name].alias or name,)


@cache
def _field_type(cls: type[BaseModel], name: str) -> Any:
    """The field's type as written, Annotated metadata (FixedPoint()) included: the models are
    written with `from __future__ import annotations`, and pydantic keeps a forward reference
    in FieldInfo.annotation for a model defined further down its module."""
    for klass in cls.__mro__:
        if name in inspect.get_annotations(klass):
            return _class_hints(klass)[name]
    return cls.model_fields[name].annotation


@cache
def _class_hints(klass: type) -> dict[str, Any]:
    return inspect.get_annotations(klass, eval_str=True)


def _split_optional(tp: Any) -> tuple[Any, bool]:
    if get_origin(tp) in (Union, types.UnionType):
        args = get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0], len(rest) < len(args)
        return tp, len(rest) < len(args)
    return tp, False


def _is_list(tp: Any) -> bool:
    inner = _split_optional(tp)[0]
    base = get_args(inner)[0] if get_origin(inner) is Annotated else inner
    return get_origin(base) is list


def _is_fixed_point(tp: Any) -> bool:
    return any(isinstance(m, FixedPoint) for m in getattr(tp, "__metadata__", ()))


def _type_name(tp: Any) -> str:
    return getattr(tp, "__name__", None) or str(tp)


@lru_cache(maxsize=512)
def _adapter(tp: Any) -> TypeAdapter[Any]:
    return TypeAdapter(tp)


# --------------------------------------------------------------------------- reporting

_warned: set[tuple[str, str, str]] = set()
_warned_lock = threading.Lock()


def _warn_once(found: list[Deviation]) -> None:
    for deviation in found:
        if deviation.absorbed:
            continue
        key = (deviation.model, deviation.field, deviation.kind)
        with _warned_lock:
            if key in _warned:
                continue
            _warned.add(key)
        log.warning(
            "response deviates from the spec: %s (first at %s); it reads as None ([] for a "
            "list). Known deviations belong in overrides.yaml; strict_responses=True raises.",
            deviation.describe(),
            deviation.location or "<body>",
        )


def _strict_message(found: list[Deviation]) -> str:
    counts = Counter(d.describe() for d in found if not d.absorbed)
    first: dict[str, str] = {}
    for d in found:
        first.setdefault(d.describe(), d.location)
    named = [
        f"{text} ({n}x, first at {first[text]})" for text, n in sorted(counts.items())[:_MAX_NAMED]
    ]
    more = f"; and {len(counts) - _MAX_NAMED} more" if len(counts) > _MAX_NAMED else ""
    return f"response does not match the spec in {len(counts)} way(s): " + "; ".join(named) + more

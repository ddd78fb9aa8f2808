"""Frames: the base model of every server message, and decoding them in one pass.

Decoding follows the REST tolerance policy (`kalshi._decode`):
1. Fast path: the frame's bytes are validated once, by pydantic-core, into the model its
   `type` names (`model_validate_json`; no json.loads, no dict in between). The server
   writes `type` first, so the model is picked from the first bytes; any other layout goes
   through a discriminated union on `type`, built once per set of models.
2. A frame that does not match its model goes through `kalshi._decode.decode_json`: a
   missing required field reads as None and is logged once (fields known to be omitted
   are optional in the generated models already); a malformed money value or a frame that
   is not a JSON object raises KalshiWSDecodeError; `strict=True` raises on any deviation.
3. An unknown `type` is never dropped: it becomes an UntypedFrame (its `msg` as plain JSON
   data, its bytes in `raw`), delivered to its subscription and reported once per type.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Union

from pydantic import Field, TypeAdapter, ValidationError

from .._decode import MalformedResponse, decode_json
from .._models import ResponseModel
from ..errors import excerpt
from ._errors import KalshiWSDecodeError

__all__ = ["Frame", "FrameDecoder", "UntypedFrame", "decode_frame", "report_untyped"]

log = logging.getLogger("kalshi.ws")

_TYPE_PREFIX = b'{"type":"'
_TYPE_START = len(_TYPE_PREFIX)
_EXCERPT_CHARS = 200


class Frame(ResponseModel):
    """A server message. Generated frames narrow `type` to a Literal and type `msg`."""

    type: str
    id: int | None = None  # replies (and a snapshot answering get_snapshot) carry the command's id
    sid: int | None = None
    seq: int | None = None


class UntypedFrame(Frame):
    """A frame whose `type` the document does not define: delivered, never dropped."""

    msg: Any = None  # the frame's `msg` as plain JSON data
    raw: bytes = b""  # the frame as received


class FrameDecoder:
    """Decodes frames of a fixed set of models (`type` -> model), built once."""

    __slots__ = ("_by_type", "_models", "_union", "strict")

    def __init__(self, models: Mapping[str, type[Frame]], *, strict: bool) -> None:
        self._models = dict(models)
        self.strict = strict
        # pydantic-core's validators themselves: TypeAdapter.validate_json adds ~0.5 us a call
        self._by_type: dict[bytes, Callable[..., Any]] = {
            name.encode(): _adapter(model).validator.validate_json
            for name, model in self._models.items()
        }
        classes = tuple(dict.fromkeys(self._models.values()))
        self._union: Callable[..., Any] | None = None
        if len(classes) > 1:
            union: Any = Annotated[Union[classes], Field(discriminator="type")]  # noqa: UP007
            self._union = TypeAdapter(union).validator.validate_json
        elif classes:
            self._union = _adapter(classes[0]).validator.validate_json

    def decode(self, raw: bytes | str) -> Frame:
        """The frame as its model; an UntypedFrame for an unknown `type`.

        Raises KalshiWSDecodeError for a frame the policy refuses.
        """
        data = raw if type(raw) is bytes else bytes(raw, "utf-8") if isinstance(raw, str) else raw
        if data.startswith(_TYPE_PREFIX):  # how the server writes every frame
            validate = self._by_type.get(data[_TYPE_START : data.find(b'"', _TYPE_START)])
            if validate is None:
                return self._slow(data)  # a type no model has
        elif self._union is not None:
            validate = self._union
        else:
            return self._slow(data)
        try:
            frame: Frame = validate(data, by_name=False)
        except ValidationError:
            return self._slow(data)
        return frame

    def _slow(self, data: bytes) -> Frame:
        try:
            parsed = json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise KalshiWSDecodeError(
                f"frame is not valid JSON ({type(exc).__name__}); it starts with "
                f"{excerpt(data, 80)!r}",
                body=excerpt(data, _EXCERPT_CHARS),
            ) from None
        if not isinstance(parsed, dict):
            raise KalshiWSDecodeError(
                f"frame is a JSON {type(parsed).__name__}, not an object",
                body=excerpt(data, _EXCERPT_CHARS),
            )
        head = _Head(parsed)
        model = self._models.get(head.type) if head.type is not None else None
        if model is None:
            return UntypedFrame.model_construct(
                type=head.type or "",
                id=head.id,
                sid=head.sid,
                seq=head.seq,
                msg=parsed.get("msg"),
                raw=data,
            )
        try:
            value, _ = decode_json(data, model, strict=self.strict)
        except MalformedResponse as exc:
            raise KalshiWSDecodeError(
                f"{head.type} frame: {exc}",
                deviations=exc.deviations,
                frame_type=head.type,
                sid=head.sid,
                seq=head.seq,
                id=head.id,
                body=excerpt(data, _EXCERPT_CHARS),
            ) from None
        frame: Frame = value
        return frame


class _Head:
    """The envelope fields of a parsed frame, where they have the right type."""

    __slots__ = ("id", "seq", "sid", "type")

    def __init__(self, data: Mapping[str, Any]) -> None:
        kind = data.get("type")
        self.type: str | None = kind if isinstance(kind, str) else None
        self.id = _int(data.get("id"))
        self.sid = _int(data.get("sid"))
        self.seq = _int(data.get("seq"))


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _adapter(model: type[Frame]) -> TypeAdapter[Any]:
    return TypeAdapter(model)


_decoders: dict[tuple[int, bool], tuple[Mapping[str, type[Frame]], FrameDecoder]] = {}
_decoders_lock = threading.Lock()


def decode_frame(raw: bytes | str, models: Mapping[str, type[Frame]], *, strict: bool) -> Frame:
    """One frame decoded against `models` (data `type` -> frame model); see the module doc.

    The decoder is built once per models mapping (kept alive with it)."""
    key = (id(models), strict)
    entry = _decoders.get(key)
    if entry is None or entry[0] is not models:
        with _decoders_lock:
            entry = (models, FrameDecoder(models, strict=strict))
            _decoders[key] = entry
    return entry[1].decode(raw)


_reported: set[str] = set()
_reported_lock = threading.Lock()


def report_untyped(frame: Frame, where: str) -> None:
    """Warns once per `type` that frames of an unknown type arrived (they are not dropped)."""
    with _reported_lock:
        if frame.type in _reported:
            return
        _reported.add(frame.type)
    log.warning(
        "frame of unknown type %r (%s) delivered as UntypedFrame; the AsyncAPI document does "
        "not define it",
        frame.type,
        where,
    )

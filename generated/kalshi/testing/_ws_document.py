"""A document's contract (a `_ws_contract.py`, rendered from an AsyncAPI document: kalshi.ws's
beside this file, kalshi.perps.ws's in kalshi/perps/testing/) as the WebSocket fake reads it:
schemas in the dialect SchemaSet validates (`const` as `enum`, `oneOf` as alternatives), and
the lookups the fake needs (which channels carry seq, the book channel, the `type` each reply
is sent with)."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import cache
from types import ModuleType
from typing import Any

from ._schema import Problem, SchemaSet

__all__ = ["Contract", "alternatives", "load_contract"]


def normalise(value: Any) -> Any:
    """The document's schemas in the dialect SchemaSet reads: `const: X` becomes `enum: [X]`."""
    if isinstance(value, Mapping):
        out = {str(k): normalise(v) for k, v in value.items()}
        if "const" in out and "enum" not in out:
            out["enum"] = [out.pop("const")]
        return out
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def alternatives(schema: Any) -> list[Any]:
    """A `oneOf` / `anyOf` schema as its alternatives (SchemaSet reads neither)."""
    if isinstance(schema, Mapping):
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list):
                return [alt for part in schema[key] for alt in alternatives(part)]
    return [schema]


class Contract:
    """A contract module read once: normalised schemas and the lookups the fake needs."""

    def __init__(self, contract: ModuleType) -> None:
        self.ws_path: str = contract.WS_PATH
        self.heartbeat_seconds = float(contract.HEARTBEAT_SECONDS)
        self.schemas = SchemaSet(normalise(dict(contract.SCHEMAS)))
        self.channels: dict[str, Mapping[str, Any]] = dict(contract.CHANNELS)
        self.messages: dict[str, Mapping[str, Any]] = {
            str(t): {**m, "schema": normalise(m["schema"])} for t, m in contract.MESSAGES.items()
        }
        self.replies: dict[str, Mapping[str, Any]] = {
            str(t): {**m, "schema": normalise(m["schema"])} for t, m in contract.REPLIES.items()
        }
        self.commands: dict[str, list[Any]] = {
            str(cmd): [alt for form in forms for alt in alternatives(normalise(form))]
            for cmd, forms in contract.COMMANDS.items()
        }
        self.error_codes: dict[int, Mapping[str, Any]] = {
            int(c): e for c, e in contract.ERROR_CODES.items()
        }
        self.sequenced = {
            name: any(self.messages[t]["seq"] for t in spec["messages"] if t in self.messages)
            for name, spec in self.channels.items()
        }
        self.book = next((name for name, spec in self.channels.items() if spec.get("book")), None)

    def reply_type(self, reply: str) -> str:
        """The `type` the document gives a reply (list_subscriptions answers as "ok")."""
        entry = self.replies.get(reply)
        if entry is not None:
            for schema in alternatives(entry["schema"]):
                declared = self.declared_type(schema)
                if declared is not None:
                    return declared
        return reply

    def declared_type(self, schema: Any) -> str | None:
        while isinstance(schema, Mapping) and "$ref" in schema:
            schema = self.schemas.resolve(schema["$ref"])
        if not isinstance(schema, Mapping):
            return None
        prop = (schema.get("properties") or {}).get("type")
        enum = prop.get("enum") if isinstance(prop, Mapping) else None
        return str(enum[0]) if isinstance(enum, list) and enum else None

    def msg_fields(self, frame_type: str) -> frozenset[str]:
        """The fields the document gives the `msg` of a data frame of `frame_type`."""
        found: set[str] = set()
        for schema in alternatives(self.messages[frame_type]["schema"]):
            while isinstance(schema, Mapping) and "$ref" in schema:
                schema = self.schemas.resolve(schema["$ref"])
            msg = ((schema or {}).get("properties") or {}).get("msg")
            while isinstance(msg, Mapping) and "$ref" in msg:
                msg = self.schemas.resolve(msg["$ref"])
            if isinstance(msg, Mapping):
                found.update(str(k) for k in (msg.get("properties") or {}))
        return frozenset(found)

    def frame_schemas(self, frame_type: str) -> list[Any]:
        """Every schema a server frame of `frame_type` may follow (data messages and replies)."""
        out: list[Any] = []
        if frame_type in self.messages:
            out += alternatives(self.messages[frame_type]["schema"])
        for entry in self.replies.values():
            for schema in alternatives(entry["schema"]):
                if self.declared_type(schema) == frame_type:
                    out.append(schema)
        return out

    def problems(
        self, value: Any, schemas: Sequence[Any], *, ignore: Collection[str] = ()
    ) -> list[Problem]:
        """[] when `value` follows one of `schemas`; else the problems of the closest one.
        Problems at a path in `ignore` that say a required field is missing do not count."""
        best: list[Problem] | None = None
        for schema in schemas:
            found = [
                p
                for p in self.schemas.validate(value, schema, strict=True)
                if not (p.path in ignore and p.message == "required field is missing")
            ]
            if not found:
                return []
            if best is None or len(found) < len(best):
                best = found
        return best if best is not None else [Problem("type", "no schema in the document")]


@cache
def load_contract(contract: ModuleType) -> Contract:
    """The contract of a `_ws_contract` module, read once per module."""
    return Contract(contract)

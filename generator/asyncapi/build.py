"""Stage 3 (WebSocket): the checked AsyncAPI document plus overrides-ws.yaml -> the WS IR.

The document's traps are corrected here, so templates only render:

- Directions are decided by the payloads (`cmd`: the client sends it; `type`: the server
  does) and the operations' `action`s are only checked to take one side consistently: the
  document writes them from the server's side (`sendSubscribe` has `action: receive`).
- One frame class per wire `type` (generator/ir.py WsMessage). Payloads sharing a type are
  told apart by their `msg` (WsVariantRule): market_lifecycle_v2's two payloads by
  `msg.event_type`, the four `ok` replies by the keys of `msg` (or its being a list).
  A reply message whose `name` differs from its payload's `type` const
  (listSubscriptionsResponse: name list_subscriptions, type ok) is accepted under both.
- A message two channels share (event_lifecycle) is one frame type carried by both.
- `msg` payloads become models through generator/schemas/ (the OpenAPI resolver: AsyncAPI
  payloads are JSON Schema under components/schemas too); money by x-rust-type plus the
  name (schemas/field_types.py), or by x-rust-type alone where overrides-ws.yaml says the
  document's names carry no suffix (`money_by_rust_type`: the perps document), the rest
  through overrides-ws.yaml `models`.
- What the document says in prose only (params, auth and update actions per channel, the
  overflow policy, terminal errors, the heartbeat, the demo server) comes from
  overrides-ws.yaml; a data channel without an entry is an error, an entry that no longer
  matches the document is stale and fails the run (OverrideTracker).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

from .. import ir
from ..errors import GeneratorError
from ..naming import (
    field_name,
    unique,
    ws_channel_alias,
    ws_frame_class,
    ws_subscribe_method,
    ws_variant_class,
)
from ..openapi.constraints import constraints_of
from ..overrides.tracker import OverrideTracker
from ..overrides.ws import BookEntry, FixedPointKind, WsModelOverride, WsOverrides
from ..schemas.field_types import FIXED_POINT_SUFFIX, parameter_type, retyped, rust_fixed_point
from ..schemas.models import build_models
from ..schemas.resolve import COMPONENT_PREFIX, Resolver
from .check import JSON_MEDIA, follow_refs, place

SUBSCRIBE, UPDATE = "subscribe", "update_subscription"
_FRAME_KEYS = ("type", "id", "sid", "seq", "msg", "sending_ts_ms")  # their order in a class
SERVER_OMITS_MARK = "x-server-omits"  # contract schemas: a field the server leaves out
_UNNAMED = "error {code}"  # the name of an error code the document does not name


@dataclass
class _Message:
    """A component message as the build reads it."""

    key: str  # components/messages key (or the channel's key for an inline one)
    node: dict[str, Any]
    payload: dict[str, Any]  # the payload schema, refs followed
    schema_name: str  # its components/schemas name ("" when inline)
    where: str  # JSON pointer of the payload schema, for the resolver
    tag: str  # "type" or "cmd"
    const: str  # the value of that tag
    parts: tuple[Any, ...]  # where the message is, for errors


def build_ws_ir(
    doc: dict[str, Any],
    overrides: WsOverrides,
    *,
    source: str,
    overrides_source: str = "overrides-ws.yaml",
) -> ir.WsClientIR:
    tracker = OverrideTracker(source=overrides_source)
    client = _Builder(doc, overrides, source, tracker).build()
    tracker.raise_if_stale()
    client.override_report = list(tracker.applied)
    return client


class _Builder:
    def __init__(
        self, doc: dict[str, Any], overrides: WsOverrides, source: str, tracker: OverrideTracker
    ) -> None:
        self.doc = doc
        self.overrides = overrides
        self.source = source
        self.tracker = tracker
        self.resolver = Resolver(doc, source=source, mapped_types={})
        self.components: dict[str, Any] = doc["components"]
        self.forms: list[ir.WsCommandForm] = []  # every command form, once _commands ran
        self.messages = {key: self._message(key, node) for key, node in self._component_messages()}

    def fail(self, parts: tuple[Any, ...], message: str) -> GeneratorError:
        return GeneratorError(message, where=f"{self.source}: {place(parts)}")

    def missing(self, entry: str, message: str) -> GeneratorError:
        return GeneratorError(f"{entry}: {message}", where=self.tracker.source)

    # ------------------------------------------------------------------ entry

    def build(self) -> ir.WsClientIR:
        messages = self.messages
        in_channels = self._channel_messages(messages)
        self._check_directions(messages)
        data_channels = self._data_channels()
        replies, data = self._frames(in_channels, data_channels)
        commands = self._commands(messages, in_channels)
        models = build_models(self.resolver, components=())
        for model in models.values():
            model.module = "ws"  # one module: kalshi/ws/models.py
        self._customize_models(models)
        for frame in [*replies.values(), *data.values()]:
            self._finish_frame(frame, models)
        channels = [self._channel(name, in_channels[name], data, models) for name in data_channels]
        for channel, method in zip(channels, unique([c.method_name for c in channels])):
            channel.method_name = method  # `a-b` and `a_b` would both be subscribe_a_b
        self._check_stale_channels(data_channels)
        self._check_overflow(data_channels)
        self._warn_untyped_money(models)
        servers = self._servers()
        defaults = self._default_servers(servers)
        info = self.doc["info"]
        return ir.WsClientIR(
            title=str(info["title"]),
            version=str(info["version"]),
            channels=channels,
            messages=data,
            replies=replies,
            commands=commands,
            models=dict(sorted(models.items())),
            servers=servers,
            default_servers=defaults,
            path=self._path(servers),
            heartbeat_seconds=self._heartbeat(),
            error_codes=self._error_codes(),
            schemas=self._contract_schemas(models),
            warnings=self.resolver.warnings,
            example_market=self._example_market(),
        )

    # ------------------------------------------------------------------ messages

    def _component_messages(self) -> list[tuple[str, dict[str, Any]]]:
        return [(str(k), v) for k, v in self.components["messages"].items()]

    def _message(self, key: str, node: dict[str, Any], parts: tuple[Any, ...] = ()) -> _Message:
        parts = parts or ("components", "messages", key)
        raw, refs = follow_refs(self.doc, node["payload"])  # check_asyncapi refused loops
        schema_name, where = "", "/".join(("#", *(str(p) for p in parts), "payload"))
        for ref in refs:  # the payload is named after the last component schema it reaches
            if ref.startswith(COMPONENT_PREFIX):
                schema_name, where = ref[len(COMPONENT_PREFIX) :], ref
        media = node.get("contentType", self.doc.get("defaultContentType", JSON_MEDIA))
        props = raw.get("properties") if isinstance(raw, dict) else None
        tag, const = "", ""
        if media == JSON_MEDIA and isinstance(props, dict):
            tag = "type" if "type" in props else "cmd"
            const = str(self._deref(props[tag]).get("const"))
        return _Message(key, node, raw if isinstance(raw, dict) else {}, schema_name, where,
                        tag, const, parts)  # fmt: skip

    def _deref(self, node: Any) -> Any:
        return follow_refs(self.doc, node)[0]

    def _channel_messages(self, messages: dict[str, _Message]) -> dict[str, list[_Message]]:
        """Each channel's messages, component ones shared (one _Message per component)."""
        found: dict[str, list[_Message]] = {}
        for name, channel in self.doc["channels"].items():
            listed: list[_Message] = []
            for key, node in (channel.get("messages") or {}).items():
                ref = node.get("$ref")
                prefix = "#/components/messages/"
                if (
                    isinstance(ref, str)
                    and ref.startswith(prefix)
                    and ref[len(prefix) :] in messages
                ):
                    listed.append(messages[ref[len(prefix) :]])
                else:
                    parts = ("channels", name, "messages", key)
                    listed.append(self._message(str(key), self._deref(node), parts))
            found[str(name)] = listed
        return found

    def _check_directions(self, messages: dict[str, _Message]) -> None:
        """The operations' `action`s must take one side throughout: the document describes
        the server (`receive` a command, `send` a reply or data, as Kalshi's does) or the
        client (the reverse). The IR's directions come from the payloads either way."""
        sides: dict[str, tuple[Any, ...]] = {}
        for name, operation in (self.doc.get("operations") or {}).items():
            for i, ref in enumerate(operation["messages"]):
                target = self._deref(ref)
                key = next((k for k, m in messages.items() if m.node is target), None)
                tag = messages[key].tag if key else self._tag_of(target)
                if not tag:
                    continue  # a control frame: its direction is the websocket's
                sender_is_described = operation["action"] == "send"
                server_sends = tag == "type"
                side = "server" if sender_is_described == server_sends else "client"
                here = ("operations", name, "messages", i)
                sides.setdefault(side, here)
        if len(sides) > 1:
            raise self.fail(
                sides["client"],
                "operations take both sides: this one's `action` is the client's, but "
                f"{place(sides['server'])} is the server's; write every action from one side",
            )

    def _tag_of(self, node: Any) -> str:
        payload = self._deref(node.get("payload")) if isinstance(node, dict) else None
        props = payload.get("properties") if isinstance(payload, dict) else None
        if not isinstance(props, dict):
            return ""
        return "type" if "type" in props else ("cmd" if "cmd" in props else "")

    def _subscribe_schema(self) -> dict[str, Any]:
        """The subscribe command's `params` schema: the document's one shared params object."""
        for message in self._all_commands():
            if message.const == SUBSCRIBE:
                params = self._deref(message.payload["properties"].get("params"))
                if isinstance(params, dict) and isinstance(params.get("properties"), dict):
                    return params
                raise self.fail((*message.parts, "payload"), "the subscribe command has no params")
        raise self.fail(("channels",), "no channel carries a `subscribe` command")

    def _all_commands(self) -> list[_Message]:
        return [m for m in self.messages.values() if m.tag == "cmd"]

    def _data_channels(self) -> list[str]:
        """The channels the subscribe command's `channels` enum names, in the document's
        channel order (the others carry commands, replies and control frames)."""
        params = self._subscribe_schema()
        channels = self._deref(params["properties"].get("channels"))
        items = self._deref(channels.get("items")) if isinstance(channels, dict) else None
        names = items.get("enum") if isinstance(items, dict) else None
        if not isinstance(names, list) or not names:
            raise self.fail(
                ("components", "schemas", "subscribeCommandPayload", "properties", "params"),
                "`channels` must be an array whose items enumerate the channel names",
            )
        for name in names:
            if name not in self.doc["channels"]:
                raise self.fail(
                    ("channels",),
                    f"the subscribe command names channel {name!r}, which is not defined",
                )
        return [str(n) for n in self.doc["channels"] if n in names]

    # ------------------------------------------------------------------ frames

    def _frames(
        self, in_channels: dict[str, list[_Message]], data_channels: list[str]
    ) -> tuple[dict[str, ir.WsMessage], dict[str, ir.WsMessage]]:
        """(replies, data frames) by wire type, their payloads grouped."""
        data: dict[str, list[_Message]] = {}
        carriers: dict[str, list[str]] = {}
        for channel in data_channels:
            for message in in_channels[channel]:
                if message.tag != "type":
                    raise self.fail(message.parts, "a data channel carries only `type` messages")
                group = data.setdefault(message.const, [])
                if all(m.key != message.key for m in group):
                    group.append(message)
                carriers.setdefault(message.const, [])
                if channel not in carriers[message.const]:
                    carriers[message.const].append(channel)
        replies: dict[str, list[_Message]] = {}
        for channel, listed in in_channels.items():
            if channel in data_channels:
                continue
            for message in listed:
                if message.tag != "type":
                    continue
                if message.const in data:
                    raise self.fail(message.parts, f"type {message.const!r} is also a data frame's")
                for wire in self._reply_types(message):
                    group = replies.setdefault(wire, [])
                    if all(m.key != message.key for m in group):
                        group.append(message)
        reply_frames = {t: self._frame(t, group, "reply", ()) for t, group in replies.items()}
        data_frames = {
            t: self._frame(t, group, "data", tuple(carriers[t])) for t, group in data.items()
        }
        return reply_frames, data_frames

    def _reply_types(self, message: _Message) -> list[str]:
        """A reply's wire type, and its message `name` where the two disagree."""
        name = message.node.get("name")
        if isinstance(name, str) and name and name != message.const:
            self.resolver.warn(
                place(message.parts),
                f"named {name!r} but its payload's type is {message.const!r}: the reply is "
                "read under both",
            )
            return [message.const, name]
        return [message.const]

    def _frame(
        self,
        wire: str,
        group: list[_Message],
        kind: Literal["data", "reply"],
        channels: tuple[str, ...],
    ) -> ir.WsMessage:
        class_name = self._reserve(ws_frame_class(wire), f"frame:{wire}")
        several = len(group) > 1
        rules = self._variant_rules(wire, group) if several else [ir.WsVariantRule("default")]
        payloads: list[ir.WsPayload] = []
        for message, rule in zip(group, rules):
            hint = ws_variant_class(message.key) if several else f"{class_name}Msg"
            msg = message.payload["properties"].get("msg")
            kind_of_msg = (
                None
                if msg is None
                else self.resolver.type_of(msg, f"{message.where}/properties/msg", name_hint=hint)
            )
            tag = "list" if isinstance(kind_of_msg, ir.ListOf) else _class_of(kind_of_msg, hint)
            payloads.append(
                ir.WsPayload(
                    message_id=message.key,
                    schema_name=message.schema_name,
                    msg=kind_of_msg,
                    rule=rule,
                    tag=tag,
                    title=str(message.node.get("title") or ""),
                    summary=str(message.node.get("summary") or ""),
                    description=str(message.node.get("description") or "").strip(),
                    examples=self._examples(message, wire),
                )
            )
        union = self._reserve(f"Any{class_name}Msg", f"union:{wire}") if several else None
        fields = self._frame_fields(wire, group)
        model = ir.Model(name=class_name, kind="object", fields=fields, module="ws")
        default = next(i for i, p in enumerate(payloads) if p.rule.kind == "default")
        model.description = _frame_doc(group[default], wire)
        return ir.WsMessage(
            type=wire,
            class_name=class_name,
            kind=kind,
            model=model,
            payloads=payloads,
            channels=channels,
            union_name=union,
        )

    def _reserve(self, name: str, key: str) -> str:
        """A class name unique among the models (the resolver's registry of names)."""
        chosen, _ = self.resolver.model_names.inline(name, key)
        return chosen

    def _examples(self, message: _Message, wire: str) -> list[dict[str, Any]]:
        """The message's examples of frames of type (or commands of cmd) `wire`, whole."""
        out: list[dict[str, Any]] = []
        for example in message.node.get("examples") or []:
            payload = example.get("payload") if isinstance(example, dict) else None
            if isinstance(payload, dict) and payload.get(message.tag) == wire:
                out.append(copy.deepcopy(payload))
        return out

    def _variant_rules(self, wire: str, group: list[_Message]) -> list[ir.WsVariantRule]:
        """How each payload of a shared type is told apart by its msg (see WsVariantRule);
        GeneratorError when nothing in the msgs does."""
        msgs = [self._deref(m.payload["properties"].get("msg")) for m in group]
        arrays = [
            i for i, msg in enumerate(msgs) if isinstance(msg, dict) and msg.get("type") == "array"
        ]
        if len(arrays) > 1:
            raise self.fail(
                group[arrays[1]].parts, f"two payloads of type {wire!r} have array msgs"
            )
        objects = [i for i in range(len(group)) if i not in arrays]
        rules: dict[int, ir.WsVariantRule] = {i: ir.WsVariantRule("array") for i in arrays}
        by_value = self._value_rules(objects, msgs)
        if by_value is None:
            by_value = self._key_rules(wire, objects, msgs, group)
        rules.update(by_value)
        return [rules[i] for i in range(len(group))]

    def _value_rules(
        self, objects: list[int], msgs: list[Any]
    ) -> dict[int, ir.WsVariantRule] | None:
        """A property every object msg requires, whose const/enum values are disjoint: the
        variants with a `const` are chosen by it, the first other one is the default."""
        if len(objects) < 2:
            return {i: ir.WsVariantRule("default") for i in objects}
        props = [msgs[i].get("properties") or {} for i in objects]
        required = [set(msgs[i].get("required") or []) for i in objects]
        for key in props[0]:
            if not all(key in p and key in r for p, r in zip(props, required)):
                continue
            values = [_values_of(self._deref(p[key])) for p in props]
            consts = [self._deref(p[key]).get("const") for p in props]
            if any(v is None for v in values) or not any(c is not None for c in consts):
                continue
            flat = [v for vs in values for v in vs or ()]
            if len(flat) != len(set(flat)):
                continue
            default = next((i for i, c in zip(objects, consts) if c is None), objects[0])
            return {
                i: (
                    ir.WsVariantRule("default")
                    if i == default
                    else ir.WsVariantRule("value", key, tuple(str(v) for v in vs or ()))
                )
                for i, vs in zip(objects, values)
            }
        return None

    def _key_rules(
        self, wire: str, objects: list[int], msgs: list[Any], group: list[_Message]
    ) -> dict[int, ir.WsVariantRule]:
        """The keys each object msg requires: the one requiring none is the default."""
        keys = {i: tuple(sorted(msgs[i].get("required") or [])) for i in objects}
        empty = [i for i in objects if not keys[i]]
        if len(empty) > 1 or len(set(keys.values())) < len(objects):
            raise self.fail(
                group[objects[-1]].parts,
                f"payloads of type {wire!r} cannot be told apart by their msg (no value or "
                "required keys distinguish them)",
            )
        default = empty[0] if empty else objects[0]
        return {
            i: (
                ir.WsVariantRule("default")
                if i == default
                else ir.WsVariantRule("keys", "", keys[i])
            )
            for i in objects
        }

    def _frame_fields(self, wire: str, group: list[_Message]) -> list[ir.Field]:
        """The frame-level fields (type, id, sid, seq, sending_ts_ms; msg is set later):
        every payload's properties, required where all payloads require it."""
        props: dict[str, Any] = {}
        for message in group:
            for key, prop in message.payload["properties"].items():
                props.setdefault(str(key), prop)
        required = set.intersection(*(set(m.payload.get("required") or []) for m in group))
        ordered = [k for k in _FRAME_KEYS if k in props] + [
            k for k in props if k not in _FRAME_KEYS
        ]
        fields: list[ir.Field] = []
        for key in ordered:
            where = f"{group[0].where}/properties/{key}"
            prop = props[key]
            if key == "type":
                kind: ir.TypeRef = ir.LiteralOf((wire,))
            elif key == "msg":
                kind = ir.AnyValue()  # _finish_frame sets it
            else:
                kind = self.resolver.type_of(prop, where, name_hint=f"{wire}_{key}")
            fields.append(
                ir.Field(
                    wire_name=key,
                    py_name=field_name(key),
                    type=kind,
                    required=key in required or key == "type",
                    description=_description(prop, self._deref(prop)),
                )
            )
        return fields

    def _finish_frame(self, frame: ir.WsMessage, models: dict[str, ir.Model]) -> None:
        """msg's type: the one payload's, or the union alias of the variants."""
        msg = next((f for f in frame.model.fields if f.wire_name == "msg"), None)
        if msg is None:
            return
        if frame.union_name is None:
            kind = frame.payloads[0].msg
            msg.type = kind if kind is not None else ir.AnyValue()
        else:
            models[frame.union_name] = ir.Model(
                name=frame.union_name,
                kind="alias",
                description=f"The payloads of `{frame.type}` frames, told apart by their msg.",
                module="ws",
            )
            msg.type = ir.ModelRef(frame.union_name)

    # ------------------------------------------------------------------ models

    def _customize_models(self, models: dict[str, ir.Model]) -> None:
        by_class = {model.name: model for model in models.values() if model.kind == "object"}
        if self.overrides.money_by_rust_type is not None:
            self._money_by_rust_type(models, self.overrides.money_by_rust_type.reason)
        for name, entry in self.overrides.models.items():
            model = by_class.get(name)
            if model is None:
                self.tracker.stale(
                    f"models.{name}",
                    f"no payload model {name!r} is generated any more; remove or rename the entry",
                )
                continue
            self._apply_model_entry(model, entry, self._schema_of(models, model))

    def _apply_model_entry(
        self, model: ir.Model, entry: WsModelOverride, schema: dict[str, Any]
    ) -> None:
        key = f"models.{model.name}"
        fields = {f.wire_name: f for f in model.fields}
        props = schema.get("properties") or {}
        for wire, evidence in entry.optional_fields.items():
            field = fields.get(wire)
            if field is None or not field.required:
                now = "does not define" if field is None else "no longer requires"
                self.tracker.stale(
                    f"{key}.optional_fields.{wire}",
                    f"the document {now} {model.name}.{wire}; remove the entry",
                )
                continue
            field.required = False
            field.server_omits = True
            self.tracker.record(
                f"{key}.optional_fields.{wire}",
                f"{model.name}.{wire}",
                "optional: the server omits it although the document requires it",
                evidence,
            )
        for wire, money in entry.money_fields.items():
            entry_name = f"{key}.money_fields.{wire}"
            field = fields.get(wire)
            if field is None:
                self.tracker.stale(
                    entry_name, f"{model.name} has no field {wire!r} any more; remove the entry"
                )
                continue
            schema = self._deref(props.get(wire))
            items = self._deref(schema.get("items")) if isinstance(schema, dict) else None
            typed = _fixed_point_type(field.type, money, items)
            if typed is None:
                shape = (
                    "a string"
                    if isinstance(money, str)
                    else f"an array of {len(money)}-string arrays"
                )
                self.tracker.stale(
                    entry_name,
                    f"{model.name}.{wire} is not {shape} any more; update or remove the entry",
                )
                continue
            if ir.is_decimal(field.type):
                self.tracker.stale(
                    entry_name,
                    f"redundant: the convention already types {model.name}.{wire}; "
                    "remove the entry",
                )
                continue
            field.type = typed
            field.source = "override"
            shown = money if isinstance(money, str) else f"({', '.join(money)}) tuples"
            self.tracker.record(
                entry_name,
                f"{model.name}.{wire}",
                f"read as decimal.Decimal ({shown})",
                entry.reason,
            )

    def _money_by_rust_type(self, models: dict[str, ir.Model], reason: str) -> None:
        """Every string field the Rust type says is money or a count, read as Decimal although
        its name lacks the suffix the convention also wants; recorded field by field."""
        typed = 0
        for model, f, fixed in self._rust_money(models):
            if ir.non_null(f.type) != ir.Primitive("str"):
                continue  # typed already (the suffix is there)
            f.type = retyped(f.type, "str", fixed)
            f.source = "override"
            typed += 1
            self.tracker.record(
                "money_by_rust_type",
                f"{model.name}.{f.wire_name}",
                f"read as decimal.Decimal ({fixed}, by x-rust-type)",
                reason,
            )
        if not typed:
            self.tracker.stale(
                "money_by_rust_type",
                "redundant: every money field the Rust types name is typed by the convention; "
                "remove the entry",
            )

    def _schema_of(self, models: dict[str, ir.Model], model: ir.Model) -> dict[str, Any]:
        key = next(k for k, m in models.items() if m is model)
        if key in self.resolver.inline_models:
            return self.resolver.inline_models[key][0]
        return self.resolver.schemas.get(key, {})

    def _warn_untyped_money(self, models: dict[str, ir.Model]) -> None:
        """Money by x-rust-type whose name lacks the suffix, and no entry types it."""
        for model, f, fixed in self._rust_money(models):
            if not ir.is_decimal(f.type):
                self.resolver.warn(
                    f"{model.name}.{f.wire_name}",
                    f"x-rust-type says {fixed} but the name has no "
                    f"{FIXED_POINT_SUFFIX[fixed]!r} "
                    "suffix: read as str (type it in overrides-ws.yaml money_fields)",
                )

    def _rust_money(
        self, models: dict[str, ir.Model]
    ) -> Iterator[tuple[ir.Model, ir.Field, ir.PrimitiveName]]:
        """Each object field whose x-rust-type is money or a count, with its fixed-point type."""
        for model in models.values():
            if model.kind != "object":
                continue
            props = self._schema_of(models, model).get("properties") or {}
            for f in model.fields:
                fixed = rust_fixed_point(self._deref(props.get(f.wire_name)))
                if fixed is not None:
                    yield model, f, fixed

    # ------------------------------------------------------------------ channels

    def _channel(
        self,
        name: str,
        listed: list[_Message],
        frames: dict[str, ir.WsMessage],
        models: dict[str, ir.Model],
    ) -> ir.WsChannel:
        entry = self.overrides.channels.get(name)
        node = self.doc["channels"][name]
        if entry is None:
            raise self.missing(
                f"channels.{name}",
                f"the document's channel {name!r} has no entry: which params it accepts, "
                "whether it needs auth and its update actions are prose only "
                "(read its description and add them)",
            )
        key = f"channels.{name}"
        params = self._params(name, entry.params, key, entry.reason)
        actions = self._actions(name, entry.update_actions, key, entry.reason)
        self.tracker.record(
            f"{key}.auth",
            f"channel {name}",
            "needs a signed connection" if entry.auth else "public",
            entry.reason,
        )
        wires = list(dict.fromkeys(m.const for m in listed))
        return ir.WsChannel(
            name=name,
            title=str(node.get("title") or name),
            description=str(node.get("description") or "").strip(),
            params=params,
            auth=entry.auth,
            update_actions=actions,
            overflow=self._overflow_of(name),
            messages=wires,
            method_name=ws_subscribe_method(name),
            message_alias=self._reserve(ws_channel_alias(name), f"channel:{name}"),
            book=self._book(name, wires, frames, models),
        )

    def _params(self, channel: str, names: list[str], key: str, reason: str) -> list[ir.WsParam]:
        schema = self._subscribe_schema()
        props = schema["properties"]
        where = "#/components/schemas/subscribeCommandPayload/properties/params"
        out: list[ir.WsParam] = []
        for wire in names:
            prop = props.get(wire)
            if prop is None or wire == "channels":
                self.tracker.stale(
                    f"{key}.params",
                    f"the document's subscribe params have no {wire!r} any more; remove it",
                )
                continue
            here = f"{where}/properties/{wire}"
            kind = parameter_type(wire, self.resolver.type_of(prop, here, name_hint=wire))
            out.append(
                ir.WsParam(
                    wire_name=wire,
                    py_name=field_name(wire),
                    type=kind,
                    description=str(self._deref(prop).get("description") or "").strip(),
                    constraints=constraints_of(self.resolver, prop, kind, here),
                )
            )
        if out:
            self.tracker.record(
                f"{key}.params", f"channel {channel}", ", ".join(p.wire_name for p in out), reason
            )
        return out

    def _actions(self, channel: str, actions: list[str], key: str, reason: str) -> tuple[str, ...]:
        known = {a for form in self.forms for a in form.actions}
        kept: list[str] = []
        for action in actions:
            if action not in known:
                self.tracker.stale(
                    f"{key}.update_actions",
                    f"update_subscription has no action {action!r} any more "
                    f"({', '.join(sorted(known))})",
                )
            else:
                kept.append(action)
        if kept:
            self.tracker.record(
                f"{key}.update_actions", f"channel {channel}", ", ".join(kept), reason
            )
        return tuple(kept)

    def _check_stale_channels(self, data_channels: list[str]) -> None:
        for name in self.overrides.channels:
            if name not in data_channels:
                self.tracker.stale(
                    f"channels.{name}",
                    "the document has no such data channel any more; remove the entry",
                )
        for name in self.overrides.books:
            if name not in data_channels:
                self.tracker.stale(
                    f"books.{name}", "the document has no such data channel any more"
                )

    def _overflow_of(self, channel: str) -> ir.WsOverflow:
        groups = [
            policy for policy, group in self.overrides.overflow.items() if channel in group.channels
        ]
        if not groups:
            raise self.missing(
                "overflow",
                f"channel {channel!r} is in no group: say what a full queue does "
                "(resync, error or drop_oldest) and why",
            )
        if len(groups) > 1:
            raise self.missing(
                "overflow", f"channel {channel!r} is in both {groups[0]} and {groups[1]}"
            )
        return groups[0]

    def _check_overflow(self, data_channels: list[str]) -> None:
        for policy, group in self.overrides.overflow.items():
            kept = [c for c in group.channels if c in data_channels]
            for channel in group.channels:
                if channel not in data_channels:
                    self.tracker.stale(
                        f"overflow.{policy}",
                        f"the document has no data channel {channel!r} any more",
                    )
            if kept:
                self.tracker.record(
                    f"overflow.{policy}", ", ".join(kept), f"a full queue: {policy}", group.reason
                )

    def _book(
        self,
        channel: str,
        wires: list[str],
        frames: dict[str, ir.WsMessage],
        models: dict[str, ir.Model],
    ) -> ir.WsBook | None:
        entry = self.overrides.books.get(channel)
        if entry is None:
            return None
        key = f"books.{channel}"
        problem = self._book_problem(entry, wires, frames, models)
        if problem:
            self.tracker.stale(key, problem)
            return None
        self.tracker.record(
            key,
            f"channel {channel}",
            f"a local order book per sid and {entry.market_field}",
            entry.reason,
        )
        return ir.WsBook(
            snapshot_type=entry.snapshot,
            delta_type=entry.delta,
            market_field=entry.market_field,
            sides=tuple(entry.sides.items()),
            side_field=entry.side_field,
            price_field=entry.price_field,
            delta_field=entry.delta_field,
            clock_field=entry.clock_field,
            ask_sides=tuple(entry.ask_sides),
        )

    def _book_problem(
        self,
        entry: BookEntry,
        wires: list[str],
        frames: dict[str, ir.WsMessage],
        models: dict[str, ir.Model],
    ) -> str:
        for wire in (entry.snapshot, entry.delta):
            if wire not in wires:
                return f"the channel carries no {wire!r} frames any more"
        snapshot = _payload_model(frames[entry.snapshot], models)
        delta = _payload_model(frames[entry.delta], models)
        if snapshot is None or delta is None:
            return "its snapshot and delta frames need one object msg each"
        snap_fields = {f.wire_name: f for f in snapshot.fields}
        delta_fields = {f.wire_name: f for f in delta.fields}
        wanted = [
            (delta_fields, entry.market_field, "delta"),
            (snap_fields, entry.market_field, "snapshot"),
            (delta_fields, entry.side_field, "delta"),
            (delta_fields, entry.price_field, "delta"),
            (delta_fields, entry.delta_field, "delta"),
            *((snap_fields, wire, "snapshot") for wire in entry.sides.values()),
            *(
                (
                    (delta_fields, entry.clock_field, "delta"),
                    (snap_fields, entry.clock_field, "snapshot"),
                )
                if entry.clock_field
                else ()
            ),
        ]
        for found, wire, which in wanted:
            if wire not in found:
                return f"the {which} msg has no field {wire!r} any more"
        for wire in (entry.price_field, entry.delta_field):
            if not ir.is_decimal(delta_fields[wire].type):
                return f"the delta's {wire!r} is not a Decimal"
        for wire in entry.sides.values():
            item = ir.list_item(snap_fields[wire].type)
            if not isinstance(item, ir.TupleOf):
                return f"the snapshot's {wire!r} is not a list of (price, count) levels"
        side = ir.non_null(delta_fields[entry.side_field].type)
        values = (
            models[side.name].enum_values
            if isinstance(side, ir.ModelRef) and models[side.name].kind == "enum"
            else side.values if isinstance(side, ir.LiteralOf) else ()
        )
        if set(values) != set(entry.sides):
            takes = sorted(map(str, values))
            return f"the delta's {entry.side_field!r} takes {takes}, not {sorted(entry.sides)}"
        unknown = [side for side in entry.ask_sides if side not in entry.sides]
        if unknown:
            return f"ask_sides {unknown} are not sides of the book ({sorted(entry.sides)})"
        return ""

    def _example_market(self) -> str:
        """The ticker docs and docstrings subscribe to: overrides-ws.yaml's, else a
        placeholder (the document names markets of its own only in examples)."""
        entry = self.overrides.docs
        if entry is None:
            return ir.WsClientIR.example_market
        self.tracker.record(
            "docs.example_market", "the docs' examples", entry.example_market, entry.reason
        )
        return entry.example_market

    # ------------------------------------------------------------------ commands

    def _commands(
        self, messages: dict[str, _Message], in_channels: dict[str, list[_Message]]
    ) -> list[ir.WsCommand]:
        """Commands by `cmd`, one form per message: those the channels carry, and the
        orphans overrides-ws.yaml keeps."""
        carried = {m.key for listed in in_channels.values() for m in listed if m.tag == "cmd"}
        orphans = self.overrides.orphan_commands
        chosen: list[tuple[_Message, ir.WsSource]] = []
        for key, message in messages.items():
            if message.tag != "cmd":
                continue
            if key in carried:
                chosen.append((message, "spec"))
                if key in orphans:
                    self.tracker.stale(
                        f"orphan_commands.{key}",
                        "redundant: a channel carries this message now; remove the entry",
                    )
            elif key in orphans:
                chosen.append((message, "override"))
                self.tracker.record(
                    f"orphan_commands.{key}",
                    f"command {message.const}",
                    "kept as a command form",
                    orphans[key],
                )
            else:
                self.resolver.warn(
                    place(message.parts),
                    "a command no channel carries: left out (keep it with overrides-ws.yaml "
                    "orphan_commands)",
                )
        for key in orphans:
            if key not in messages:
                self.tracker.stale(
                    f"orphan_commands.{key}", "the document has no such message any more"
                )
        by_cmd: dict[str, list[ir.WsCommandForm]] = {}
        for message, origin in chosen:
            params = self._deref(message.payload["properties"].get("params")) or {}
            action = self._deref((params.get("properties") or {}).get("action")) or {}
            form = ir.WsCommandForm(
                message_id=message.key,
                title=str(message.node.get("title") or ""),
                summary=str(message.node.get("summary") or ""),
                schema_name=message.schema_name,
                actions=tuple(str(a) for a in _values_of(action) or ()),
                examples=self._examples(message, message.const),
                source=origin,
            )
            by_cmd.setdefault(message.const, []).append(form)
            self.forms.append(form)
        return [ir.WsCommand(cmd, forms) for cmd, forms in by_cmd.items()]

    # ------------------------------------------------------------------ servers, errors

    def _servers(self) -> list[ir.WsServer]:
        servers: list[ir.WsServer] = []
        for name, server in (self.doc.get("servers") or {}).items():
            url = f"{server['protocol']}://{server['host']}{server.get('pathname', '')}".rstrip("/")
            description = str(server.get("description") or "").strip()
            demo = "demo" in f"{name} {description} {server['host']}".lower()
            servers.append(ir.WsServer(url, "demo" if demo else "production", description))
        known = {s.url for s in servers}
        for i, added in enumerate(self.overrides.servers.add if self.overrides.servers else []):
            entry = f"servers.add[{i}] ({added.url})"
            url = added.url.rstrip("/")
            parts = urlsplit(url)
            if parts.scheme not in ("ws", "wss") or not parts.hostname:
                raise self.missing(entry, f"{added.url!r} is not a ws:// or wss:// URL")
            if url in known:
                self.tracker.stale(
                    entry, "redundant: the document lists this server now; remove the entry"
                )
                continue
            known.add(url)
            servers.append(ir.WsServer(url, added.environment, added.description, "override"))
            self.tracker.record(
                entry, f"the {added.environment} environment", f"server {url}", added.reason
            )
        if not servers:
            raise self.fail(("servers",), "lists no server (and overrides-ws.yaml adds none)")
        return servers

    def _default_servers(self, servers: list[ir.WsServer]) -> dict[str, str]:
        """environment -> default URL: its first server, or the one overrides-ws.yaml picks."""
        defaults: dict[str, str] = {}
        for server in servers:
            defaults.setdefault(server.environment, server.url)
        chosen = self.overrides.servers.defaults if self.overrides.servers else None
        known = {server.url for server in servers}
        for environment in ("production", "demo"):
            url = getattr(chosen, environment) if chosen is not None else None
            if chosen is None or url is None:
                continue
            entry = f"servers.defaults.{environment}"
            if url.rstrip("/") not in known:
                self.tracker.stale(
                    entry, f"{url} is not a known server ({', '.join(sorted(known))})"
                )
                continue
            defaults[environment] = self.tracker.choose(
                entry, f"the {environment} environment", defaults.get(environment, "none"),
                url.rstrip("/"), chosen.reason,
            )  # fmt: skip
        return dict(sorted(defaults.items(), key=lambda item: item[0] != "production"))

    def _path(self, servers: list[ir.WsServer]) -> str:
        paths = {urlsplit(s.url).path or "/" for s in servers}
        if len(paths) > 1:
            raise self.fail(
                ("servers",),
                f"the servers disagree on the path ({', '.join(sorted(paths))}), which the "
                "handshake signs",
            )
        return paths.pop()

    def _heartbeat(self) -> int:
        entry = self.overrides.heartbeat
        if entry is None:
            raise self.missing(
                "heartbeat",
                "how often the server pings is prose only: add `seconds` and its reason",
            )
        said = f"every {entry.seconds} seconds"
        if not any(said in str(c.get("description") or "") for c in self.doc["channels"].values()):
            self.tracker.stale(
                "heartbeat", f"no channel description says {said!r} any more; check and update"
            )
        else:
            self.tracker.record(
                "heartbeat", "the heartbeat watch", f"a ping every {entry.seconds} s", entry.reason
            )
        return entry.seconds

    def _error_codes(self) -> list[ir.WsErrorCode]:
        listed = self.doc.get("x-error-codes")
        codes: dict[int, tuple[str, str]] = {}
        if isinstance(listed, dict) and isinstance(listed.get("codes"), list):
            for i, item in enumerate(listed["codes"]):
                if not (isinstance(item, dict) and isinstance(item.get("code"), int)):
                    raise self.fail(("x-error-codes", "codes", i), "must have an integer `code`")
                codes[item["code"]] = (
                    str(item.get("name") or ""),
                    str(item.get("description") or ""),
                )
        else:  # the error reply's enum, named from its description's "- N: Name - ..." lines
            codes = self._codes_from_error_schema()
        terminal: set[int] = set()
        if self.overrides.errors is not None:
            self._name_error_codes(codes, self.overrides.errors.names, self.overrides.errors.reason)
            for code in self.overrides.errors.terminal:
                if code not in codes:
                    self.tracker.stale(
                        "errors.terminal", f"the document has no error code {code} any more"
                    )
                else:
                    terminal.add(code)
            if terminal:
                self.tracker.record(
                    "errors.terminal",
                    ", ".join(map(str, sorted(terminal))),
                    "terminal: the subscription ends",
                    self.overrides.errors.reason,
                )
        return [ir.WsErrorCode(c, n, d, c in terminal) for c, (n, d) in sorted(codes.items())]

    def _name_error_codes(
        self, codes: dict[int, tuple[str, str]], names: dict[int, str], reason: str
    ) -> None:
        """overrides-ws.yaml's names for codes the document lists without one."""
        for code, name in sorted(names.items()):
            entry = f"errors.names.{code}"
            if code not in codes:
                self.tracker.stale(entry, f"the document has no error code {code} any more")
            elif codes[code][0] not in ("", _UNNAMED.format(code=code)):
                self.tracker.stale(
                    entry, f"redundant: the document names it {codes[code][0]!r}; remove it"
                )
            else:
                codes[code] = (name, codes[code][1])
                self.tracker.record(entry, f"error code {code}", f"named {name!r}", reason)

    def _codes_from_error_schema(self) -> dict[int, tuple[str, str]]:
        codes: dict[int, tuple[str, str]] = {}
        for message in self._all_replies():
            if message.const != "error":
                continue
            body = self._deref(message.payload["properties"].get("msg")) or {}
            code = self._deref((body.get("properties") or {}).get("code")) or {}
            text = str(code.get("description") or "")
            names = {
                int(n): (t.strip(), d.strip())
                for n, t, d in re.findall(r"-\s*(\d+):\s*([^-\n]+?)\s+-\s+([^\n]*)", text)
            }
            for value in code.get("enum") or []:
                if isinstance(value, int):
                    codes[value] = names.get(value, (_UNNAMED.format(code=value), ""))
        return codes

    def _all_replies(self) -> list[_Message]:
        return [m for m in self.messages.values() if m.tag == "type"]

    # ------------------------------------------------------------------ contract

    def _contract_schemas(self, models: dict[str, ir.Model]) -> dict[str, Any]:
        """components/schemas, with what the client reads differently written in: fields the
        server omits are optional (and marked), Decimal strings have `format: decimal`."""
        schemas = copy.deepcopy(self.resolver.schemas)
        for key, model in models.items():
            if model.kind != "object":
                continue
            target = self._schema_in(schemas, key)
            if not isinstance(target, dict):
                continue
            props = target.get("properties") or {}
            for f in model.fields:
                prop = props.get(f.wire_name)
                if not isinstance(prop, dict):
                    continue
                if f.server_omits:
                    prop[SERVER_OMITS_MARK] = True
                    target["required"] = [r for r in target.get("required", []) if r != f.wire_name]
                if ir.is_decimal(f.type) and prop.get("type") == "string":
                    prop.setdefault("format", "decimal")
                item = ir.list_item(f.type)
                if isinstance(item, ir.TupleOf) and isinstance(prop.get("items"), dict):
                    level = _local_schema(schemas, prop["items"])  # the tuple, maybe a $ref
                    inner = level.get("items") if isinstance(level, dict) else None
                    if isinstance(inner, dict) and inner.get("type") == "string":
                        inner.setdefault("format", "decimal")
        return dict(sorted(schemas.items()))

    def _schema_in(self, schemas: dict[str, Any], key: str) -> Any:
        if key in self.resolver.inline_models:
            where = self.resolver.inline_models[key][1]
            if not where.startswith(COMPONENT_PREFIX):
                return None
            node: Any = schemas
            for part in where[len(COMPONENT_PREFIX) :].split("/"):
                node = node.get(part) if isinstance(node, dict) else None
            return node
        return schemas.get(key)


# ---------------------------------------------------------------------- helpers


def _values_of(schema: Any) -> tuple[Any, ...] | None:
    """The values a schema allows by `const` or `enum` (None values dropped); None if open."""
    if not isinstance(schema, dict):
        return None
    if "const" in schema:
        return (schema["const"],)
    if isinstance(schema.get("enum"), list):
        return tuple(v for v in schema["enum"] if v is not None)
    return None


def _local_schema(schemas: dict[str, Any], node: Any) -> Any:
    """`node`, or the component schema of `schemas` its `$ref` names (refs followed)."""
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith(COMPONENT_PREFIX) or ref in seen:
            return node
        seen.add(ref)
        node = schemas.get(ref[len(COMPONENT_PREFIX) :])
    return node


def _class_of(kind: ir.TypeRef | None, fallback: str) -> str:
    base = ir.non_null(kind) if kind is not None else None
    return base.name if isinstance(base, ir.ModelRef) else fallback


def _payload_model(frame: ir.WsMessage, models: dict[str, ir.Model]) -> ir.Model | None:
    """The msg model of a frame with one object payload."""
    if len(frame.payloads) != 1:
        return None
    kind = frame.payloads[0].msg
    base = ir.non_null(kind) if kind is not None else None
    return models.get(base.name) if isinstance(base, ir.ModelRef) else None


def _fixed_point_type(
    kind: ir.TypeRef, money: FixedPointKind | list[FixedPointKind], items: Any
) -> ir.TypeRef | None:
    """`kind` as a Decimal (or a list of Decimal tuples), nullability kept; None when its
    shape does not fit the entry. `items`: the array's item schema, refs followed."""
    nullable = isinstance(kind, ir.Nullable)
    base = ir.non_null(kind)
    made: ir.TypeRef
    if isinstance(money, str):
        if base != ir.Primitive("str") and not ir.is_decimal(base):
            return None
        made = ir.Primitive(money)
    else:
        item = ir.list_item(base)
        pair = items
        size = len(money)
        if (
            not isinstance(item, ir.ListOf)
            or item.item != ir.Primitive("str")
            or not isinstance(pair, dict)
            or pair.get("minItems") != size
            or pair.get("maxItems") != size
        ):
            return None
        made = ir.ListOf(ir.TupleOf(tuple(ir.Primitive(k) for k in money)))
    return ir.Nullable(made) if nullable else made


def _description(prop: Any, target: Any) -> str:
    """A property's own description, else the one of the schema it refers to."""
    for node in (prop, target):
        if isinstance(node, dict) and node.get("description"):
            return str(node["description"]).strip()
    return ""


def _frame_doc(message: _Message, wire: str) -> str:
    text = str(message.node.get("summary") or message.node.get("title") or "").strip()
    return f"`{wire}`: {text.rstrip('.')}." if text else f"A frame of type `{wire}`."

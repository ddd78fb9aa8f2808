"""The change report between two AsyncAPI documents (Kalshi's WebSocket API), written for a
user of the generated `kalshi.ws` client.

Each part is matched by what it is on the wire:
- servers by name, compared by URL (`protocol://host/pathname`);
- channels by key, compared by address (the channel name a subscribe sends) and by the
  message types and commands they carry;
- messages the server sends by wire `type` (the payload's `type` const, else the message's
  `name`); commands the client sends by `cmd`.

A message is every form of its type (Kalshi's `ok` has four, `market_lifecycle_v2` two), read
from the channels and from components/messages (a form no channel lists still exists), and its
forms are merged: the fields are their union, a field's type is the set of its types over the
forms, a field is required where every form that has it requires it. A command's params are
merged the same way. Fields are flattened to paths (`msg.price_dollars`,
`msg.price_ranges[].start`) with local `$ref`s followed, and described by diff.describe_type
plus their `x-rust-type` (what the generator types money by).

Whether a change breaks follows diff.BREAKS_ON: messages are the response side, commands the
request side; a removed channel or server, and a channel whose address moved, break both.
report_to_json / report_to_markdown of asyncapi_report render the report.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from ..errors import GeneratorError
from .diff import Change, Side, describe_type, is_breaking

__all__ = [
    "AsyncAPIChangeReport",
    "ItemDiff",
    "Section",
    "diff_asyncapi_documents",
]

_REQ: frozenset[Side] = frozenset({"request"})
_RESP: frozenset[Side] = frozenset({"response"})
_BOTH: frozenset[Side] = _REQ | _RESP
# element of a change -> the side it is on (see diff.BREAKS_ON)
_SIDES: dict[str, frozenset[Side]] = {
    "server": _BOTH,
    "channel": _BOTH,
    "message": _RESP,  # a message type a channel carries
    "command": _REQ,  # a command a channel accepts
    "form": _RESP,
    "field": _RESP,
    "param": _REQ,
}
_ELEMENT_ORDER = ("server", "channel", "message", "command", "form", "field", "param")
_MAX_DEPTH = 8  # nested objects flattened this deep
_T = TypeVar("_T")


@dataclass(frozen=True)
class ItemDiff:
    """The changes of one server, channel, message type or command present in both."""

    name: str
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Section:
    """Servers, channels, messages or commands: added, removed (sorted) and changed."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[ItemDiff, ...]
    about: Mapping[str, str]  # name -> what it is (URL, address, forms) for added and removed


@dataclass(frozen=True)
class AsyncAPIChangeReport:
    old_version: str
    new_version: str
    servers: Section
    channels: Section
    messages: Section
    commands: Section
    breaking: tuple[str, ...]  # human-readable, sorted


# --- entry point -------------------------------------------------------------------------


def diff_asyncapi_documents(old: dict[str, Any], new: dict[str, Any]) -> AsyncAPIChangeReport:
    old_doc, new_doc = _Document.read(old), _Document.read(new)
    servers = _section(old_doc.servers, new_doc.servers, _compare_servers, lambda url: url)
    channels = _section(
        old_doc.channels, new_doc.channels, _compare_channels, lambda channel: channel.address
    )
    messages = _section(
        old_doc.messages,
        new_doc.messages,
        lambda _, o, n: _compare_items("field", o, n),
        _forms_text,
    )
    commands = _section(
        old_doc.commands,
        new_doc.commands,
        lambda _, o, n: _compare_items("param", o, n),
        _forms_text,
    )
    breaking = [
        *(f"server `{name}` removed ({servers.about[name]})" for name in servers.removed),
        *(f"channel `{name}` removed" for name in channels.removed),
        *(f"message `{name}` removed" for name in messages.removed),
        *(f"command `{name}` removed" for name in commands.removed),
    ]
    for what, section in (
        ("server", servers),
        ("channel", channels),
        ("message", messages),
        ("command", commands),
    ):
        for item in section.changed:
            breaking += [_breaking_line(what, item.name, c) for c in item.changes if c.breaking]
    return AsyncAPIChangeReport(
        old_version=old_doc.version,
        new_version=new_doc.version,
        servers=servers,
        channels=channels,
        messages=messages,
        commands=commands,
        breaking=tuple(sorted(breaking)),
    )


def _breaking_line(what: str, name: str, change: Change) -> str:
    if change.element == what and change.name == name:  # the server or channel itself
        return change.text
    return f"{what} `{name}`: {change.text}"


def _section(
    old: Mapping[str, _T],
    new: Mapping[str, _T],
    compare: Callable[[str, _T, _T], Iterable[Change]],
    about: Callable[[_T], str],
) -> Section:
    added = tuple(sorted(new.keys() - old.keys()))
    removed = tuple(sorted(old.keys() - new.keys()))
    changed = []
    for name in sorted(old.keys() & new.keys()):
        changes = _classified(compare(name, old[name], new[name]))
        if changes:
            changed.append(ItemDiff(name, changes))
    described = {name: about(new[name]) for name in added}
    described.update({name: about(old[name]) for name in removed})
    return Section(added, removed, tuple(changed), described)


def _classified(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Mark each change breaking or not and put them in a stable order."""
    marked = [replace(c, breaking=_breaks(c)) for c in changes]
    return tuple(sorted(marked, key=lambda c: (_ELEMENT_ORDER.index(c.element), c.name, c.kind)))


def _breaks(change: Change) -> bool:
    if change.element == "channel" and change.kind == "moved":
        return True  # the address is the channel name subscribe sends: old code sends the old one
    return is_breaking(change.kind, _SIDES[change.element])


# --- reading a document --------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    """One flattened field or param of one message type / command, over all its forms."""

    types: frozenset[str]
    required: bool
    enum: frozenset[str] | None  # None: unconstrained
    deprecated: bool


@dataclass(frozen=True)
class _Item:
    """A message type or a command: its forms (component keys) and their merged fields."""

    forms: Mapping[str, str]  # form key -> its payload (a schema name, or "inline")
    fields: Mapping[str, _Field]


@dataclass(frozen=True)
class _Channel:
    address: str
    messages: Mapping[str, str]  # wire type -> forms, as text
    commands: Mapping[str, str]  # cmd -> forms, as text


@dataclass(frozen=True)
class _Form:
    key: str
    role: str  # "message" or "command"
    wire_name: str  # its type or cmd
    payload: Any  # the resolved payload schema
    payload_name: str


@dataclass(frozen=True)
class _Document:
    version: str
    servers: Mapping[str, str]  # name -> URL
    channels: Mapping[str, _Channel]
    messages: Mapping[str, _Item]
    commands: Mapping[str, _Item]

    @classmethod
    def read(cls, doc: dict[str, Any]) -> _Document:
        info = doc.get("info")
        version = str(info.get("version", "")) if isinstance(info, dict) else ""
        forms: dict[str, _Form] = {}
        channels: dict[str, _Channel] = {}
        for key, channel in sorted(_mapping(doc.get("channels")).items()):
            channel = _deref(doc, channel)
            if not isinstance(channel, dict):
                continue
            listed: list[_Form] = []
            for name, message in sorted(_mapping(channel.get("messages")).items()):
                form = _read_form(doc, message, f"{key}.{name}")
                if form is not None:
                    forms.setdefault(form.key, form)
                    listed.append(form)
            channels[key] = _Channel(
                address=str(channel.get("address", key)),
                messages=_by_wire_name(f for f in listed if f.role == "message"),
                commands=_by_wire_name(f for f in listed if f.role == "command"),
            )
        components = _mapping(_mapping(doc.get("components")).get("messages"))
        for key, message in sorted(components.items()):
            form = _read_form(doc, {"$ref": f"#/components/messages/{key}"}, key)
            if form is not None:
                forms.setdefault(form.key, form)
        return cls(
            version=version,
            servers=_servers(doc),
            channels=channels,
            messages=_items(doc, [f for f in forms.values() if f.role == "message"], ""),
            commands=_items(doc, [f for f in forms.values() if f.role == "command"], "params"),
        )


def _mapping(node: Any) -> dict[str, Any]:
    return {str(k): v for k, v in node.items()} if isinstance(node, dict) else {}


def _servers(doc: dict[str, Any]) -> dict[str, str]:
    servers = {}
    for name, server in _mapping(doc.get("servers")).items():
        server = _deref(doc, server)
        if isinstance(server, dict):
            protocol = server.get("protocol")
            scheme = f"{protocol}://" if protocol else ""
            servers[name] = f"{scheme}{server.get('host', '')}{server.get('pathname', '')}"
    return servers


def _read_form(doc: dict[str, Any], node: Any, key: str) -> _Form | None:
    """A message (a $ref to components/messages, or inline) as a form of its wire type."""
    for _ in range(32):  # follow the $ref chain, noting the last components/messages key
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str):
            break
        if ref.startswith("#/components/messages/"):
            key = ref.rsplit("/", 1)[-1]
        node = _deref(doc, {"$ref": ref}, steps=1)
    if not isinstance(node, dict):
        return None
    payload = node.get("payload")
    if isinstance(payload, dict) and "schemaFormat" in payload and "schema" in payload:
        payload = payload["schema"]  # a multi-format schema object
    ref = payload.get("$ref") if isinstance(payload, dict) else None
    payload_name = ref.rsplit("/", 1)[-1] if isinstance(ref, str) else "inline"
    schema = _deref(doc, payload)
    properties = _mapping(schema.get("properties")) if isinstance(schema, dict) else {}
    cmd = _const(_deref(doc, properties.get("cmd")))
    if cmd is not None:
        return _Form(key, "command", cmd, schema, payload_name)
    wire_type = _const(_deref(doc, properties.get("type")))
    return _Form(key, "message", wire_type or str(node.get("name", key)), schema, payload_name)


def _const(schema: Any) -> str | None:
    """The one value a schema allows (`const: x` or `enum: [x]`), as text."""
    if not isinstance(schema, dict):
        return None
    if "const" in schema:
        return str(schema["const"])
    values = schema.get("enum")
    return str(values[0]) if isinstance(values, list) and len(values) == 1 else None


def _by_wire_name(forms: Iterable[_Form]) -> dict[str, str]:
    grouped: dict[str, list[str]] = {}
    for form in forms:
        grouped.setdefault(form.wire_name, []).append(form.key)
    return {name: ", ".join(sorted(keys)) for name, keys in grouped.items()}


def _items(doc: dict[str, Any], forms: list[_Form], under: str) -> dict[str, _Item]:
    """Forms grouped by wire name, their fields (below property `under`, if given) merged."""
    grouped: dict[str, list[_Form]] = {}
    for form in forms:
        grouped.setdefault(form.wire_name, []).append(form)
    items = {}
    for name, group in grouped.items():
        flat: list[dict[str, _Field]] = []
        for form in group:
            schema = form.payload
            if under:
                props = _mapping(schema.get("properties")) if isinstance(schema, dict) else {}
                schema = _deref(doc, props.get(under))
            fields: dict[str, _Field] = {}
            _flatten(doc, schema, "", fields, 0, frozenset())
            flat.append(fields)
        items[name] = _Item(
            forms={form.key: form.payload_name for form in group}, fields=_merge(flat)
        )
    return items


def _merge(forms: list[dict[str, _Field]]) -> dict[str, _Field]:
    merged: dict[str, _Field] = {}
    for path in sorted({p for fields in forms for p in fields}):
        found = [fields[path] for fields in forms if path in fields]
        enums = [f.enum for f in found]
        merged[path] = _Field(
            types=frozenset(t for f in found for t in f.types),
            required=all(f.required for f in found),
            enum=None if None in enums else frozenset(v for e in enums if e for v in e),
            deprecated=all(f.deprecated for f in found),
        )
    return merged


def _flatten(
    doc: dict[str, Any],
    schema: Any,
    prefix: str,
    out: dict[str, _Field],
    depth: int,
    refs: frozenset[str],
) -> None:
    """Every property below an object schema, by path, into `out`."""
    props, required = _properties(doc, schema, refs)
    for name, raw in props.items():
        path = prefix + name
        resolved, inner_refs = _resolve(doc, raw, refs)
        out[path] = _Field(
            types=frozenset({_describe(doc, raw, refs)}),
            required=name in required,
            enum=_enum(doc, resolved),
            deprecated=_deprecated(raw) or _deprecated(resolved),
        )
        if depth >= _MAX_DEPTH:
            continue
        suffix = ""
        while isinstance(resolved, dict) and _type_of(resolved) == "array":  # [[...]] too
            resolved, inner_refs = _resolve(doc, resolved.get("items"), inner_refs)
            suffix += "[]"
        if isinstance(resolved, dict) and (resolved.get("properties") or resolved.get("allOf")):
            _flatten(doc, resolved, f"{path}{suffix}.", out, depth + 1, inner_refs)


def _properties(
    doc: dict[str, Any], schema: Any, refs: frozenset[str]
) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names of an object schema, allOf members merged in."""
    schema, refs = _resolve(doc, schema, refs)
    if not isinstance(schema, dict):
        return {}, set()
    props: dict[str, Any] = {}
    required: set[str] = set()
    for member in schema.get("allOf") or []:
        inner = _properties(doc, member, refs)
        props.update(inner[0])
        required |= inner[1]
    props.update(_mapping(schema.get("properties")))
    required |= {str(r) for r in schema.get("required") or []}
    return props, required


def _resolve(doc: dict[str, Any], node: Any, refs: frozenset[str]) -> tuple[Any, frozenset[str]]:
    """`node` with its $ref followed, and the refs followed so far (a cycle reads as empty)."""
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if ref in refs:
            return {}, refs
        refs = refs | {ref}
        node = _deref(doc, {"$ref": ref}, steps=1)
    return node, refs


def _deref(doc: dict[str, Any], node: Any, *, steps: int = 32) -> Any:
    """Follow local `$ref`s (#/...) up to `steps` times."""
    for _ in range(steps):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        ref = node["$ref"]
        if not ref.startswith("#/"):
            raise GeneratorError(f"only local $ref are supported, got {ref!r}")
        target: Any = doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                raise GeneratorError(f"unresolvable $ref {ref!r}")
            target = target[part]
        node = target
    if steps > 1 and isinstance(node, dict) and isinstance(node.get("$ref"), str):
        raise GeneratorError(f"$ref cycle at {node['$ref']!r}")
    return node


def _type_of(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    kinds = [k for k in kind if k != "null"] if isinstance(kind, list) else [kind]
    return str(kinds[0]) if len(kinds) == 1 and kinds[0] is not None else None


def _describe(doc: dict[str, Any], node: Any, refs: frozenset[str], depth: int = 0) -> str:
    """describe_type of the schema with its $refs followed (what is on the wire, not the name
    of a shared component), plus the `x-rust-type` the generator types money by."""
    schema, refs = _resolve(doc, node, refs)
    if not isinstance(schema, dict):
        return "any"
    if _type_of(schema) == "array" and depth < _MAX_DEPTH:
        # describe_type names a $ref item by its component; here the item is described too
        items = _describe(doc, schema.get("items"), refs, depth + 1)
        text = describe_type({**schema, "items": None}).replace("array[any]", f"array[{items}]", 1)
    else:
        text = describe_type(schema)
    rust = schema.get("x-rust-type")
    return f"{text} as {rust}" if isinstance(rust, str) else text


def _enum(doc: dict[str, Any], schema: Any) -> frozenset[str] | None:
    """The values a field (or its array items) is restricted to; a const is one value."""
    for node in (schema, schema.get("items") if isinstance(schema, dict) else None):
        node = _deref(doc, node)
        if not isinstance(node, dict):
            continue
        if "const" in node:
            return frozenset({_value_text(node["const"])})
        values = node.get("enum")
        if isinstance(values, list):
            return frozenset(_value_text(v) for v in values)
    return None


def _value_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _deprecated(schema: Any) -> bool:
    return isinstance(schema, dict) and schema.get("deprecated") is True


def _forms_text(item: _Item) -> str:
    return ", ".join(sorted(item.forms))


# --- comparing -------------------------------------------------------------------------------


def _compare_servers(name: str, old: str, new: str) -> Iterator[Change]:
    if old != new:
        yield Change("server", name, "moved", old, new)


def _compare_channels(name: str, old: _Channel, new: _Channel) -> Iterator[Change]:
    if old.address != new.address:
        yield Change("channel", name, "moved", old.address, new.address)
    for element, before, after in (
        ("message", old.messages, new.messages),
        ("command", old.commands, new.commands),
    ):
        for wire_name in sorted(after.keys() - before.keys()):
            yield Change(element, wire_name, "added", new=after[wire_name])
        for wire_name in sorted(before.keys() - after.keys()):
            yield Change(element, wire_name, "removed", old=before[wire_name])


def _compare_items(element: str, old: _Item, new: _Item) -> Iterator[Change]:
    """The forms and the fields (element "field") or params ("param") of a type or command."""
    for key in sorted(new.forms.keys() - old.forms.keys()):
        yield Change("form", key, "added", new=new.forms[key])
    for key in sorted(old.forms.keys() - new.forms.keys()):
        yield Change("form", key, "removed", old=old.forms[key])
    yield from _compare_fields(element, old.fields, new.fields)


def _compare_fields(
    element: str, old: Mapping[str, _Field], new: Mapping[str, _Field]
) -> Iterator[Change]:
    def under_changed(path: str, changed: set[str]) -> bool:
        """A field below an added or removed one: the parent's change says it all."""
        return any(path.startswith((f"{parent}.", f"{parent}[]")) for parent in changed)

    added = set(new.keys() - old.keys())
    removed = set(old.keys() - new.keys())
    for path in sorted(added):
        if not under_changed(path, added):
            after = new[path]
            kind = "added_required" if after.required else "added"
            yield Change(element, path, kind, new=_types_text(after))
    for path in sorted(removed):
        if not under_changed(path, removed):
            yield Change(element, path, "removed", old=_types_text(old[path]))
    for path in sorted(old.keys() & new.keys()):
        yield from _compare_field(element, path, old[path], new[path])


def _compare_field(element: str, path: str, old: _Field, new: _Field) -> Iterator[Change]:
    old_type, new_type = _types_text(old), _types_text(new)
    if old_type != new_type:
        yield Change(element, path, _type_change(old, new), old_type, new_type)
    if old.required != new.required:
        yield Change(element, path, "made_required" if new.required else "made_optional")
    if old.enum is None and new.enum is not None:
        yield Change(element, path, "enum_constraint_added", values=tuple(sorted(new.enum)))
    elif old.enum is not None and new.enum is None:
        yield Change(element, path, "enum_constraint_removed", values=tuple(sorted(old.enum)))
    elif old.enum is not None and new.enum is not None:
        if values := new.enum - old.enum:
            yield Change(element, path, "enum_values_added", values=tuple(sorted(values)))
        if values := old.enum - new.enum:
            yield Change(element, path, "enum_values_removed", values=tuple(sorted(values)))
    if new.deprecated and not old.deprecated:
        yield Change(element, path, "deprecated")


def _types_text(field: _Field) -> str:
    return " or ".join(sorted(field.types))


def _type_change(old: _Field, new: _Field) -> str:
    """retyped, or only made (non-)nullable: one type on each side, equal but for `|null`."""
    if len(old.types) == 1 and len(new.types) == 1:
        (before,), (after,) = old.types, new.types
        if _without_null(before) == _without_null(after):
            return "made_nullable" if "|null" in after else "made_non_nullable"
    return "retyped"


def _without_null(text: str) -> str:
    return text.replace("|null", "")

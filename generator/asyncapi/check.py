"""Stage 1b: the AsyncAPI 3.x document's shape, checked before anything reads it.

What build.py relies on, refused in one line that names the file and the place
(`channels.ticker.messages.ticker: $ref '#/components/messages/x' not found`):

- `asyncapi: 3.x`, an `info` with a title and a version;
- `servers`: each a host, a `ws`/`wss` protocol and a pathname starting with `/`;
- `channels`: mappings whose `messages` are messages or `$ref`s to them;
- `operations`: `action` send or receive, a `channel` `$ref`, `messages` that are `$ref`s into
  that same channel;
- `components.messages` / `components.schemas`: mappings; every `$ref` anywhere is a local
  JSON pointer that resolves;
- every JSON message payload is an object whose `type` (server -> client) or `cmd`
  (client -> server) is a string `const`, with integer `sid` / `seq` and an object or array
  `msg` where present.

Semantics (which side sends what, which channel accepts which parameter) are build.py's.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import GeneratorError

_VERSION = re.compile(r"^3\.\d+\.\d+$")
_ACTIONS = ("send", "receive")
_PROTOCOLS = ("ws", "wss")
JSON_MEDIA = "application/json"


def place(parts: tuple[Any, ...]) -> str:
    """`('channels', 'ticker', 'messages')` -> `channels.ticker.messages`; list indexes as [i]."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "<document>"


def resolve_pointer(doc: dict[str, Any], ref: str) -> Any:
    """The node a local `$ref` names; KeyError when it names nothing."""
    node: Any = doc
    for raw in ref[2:].split("/") if ref != "#" else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise KeyError(ref)
    return node


def follow_refs(doc: dict[str, Any], node: Any) -> tuple[Any, list[str]]:
    """`node` with its `$ref`s followed, and the refs followed, in order; ValueError naming
    the loop when they go round."""
    seen: list[str] = []
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        if ref in seen:
            raise ValueError(" -> ".join([*seen, ref]))
        seen.append(ref)
        node = resolve_pointer(doc, ref)
    return node, seen


class _Checker:
    def __init__(self, doc: dict[str, Any], source: str) -> None:
        self.doc = doc
        self.source = source

    def fail(self, parts: tuple[Any, ...], message: str) -> GeneratorError:
        return GeneratorError(message, where=f"{self.source}: {place(parts)}")

    def mapping(
        self, node: Any, parts: tuple[Any, ...], *, required: bool = True
    ) -> dict[str, Any]:
        if node is None and not required:
            return {}
        if not isinstance(node, dict):
            shown = "missing" if node is None else f"a {type(node).__name__}"
            raise self.fail(parts, f"must be a mapping, not {shown}")
        return node

    def text(self, node: dict[str, Any], key: str, parts: tuple[Any, ...]) -> str:
        value = node.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail((*parts, key), "must be a non-empty string")
        return value

    def deref(self, node: Any, parts: tuple[Any, ...]) -> Any:
        """`node`, its `$ref`s followed (a loop of refs is an error)."""
        try:  # every $ref was checked to resolve
            return follow_refs(self.doc, node)[0]
        except ValueError as loop:
            raise self.fail(parts, f"$ref loop {loop}") from None

    # ------------------------------------------------------------------ the document

    def check(self) -> None:
        version = self.doc.get("asyncapi")
        if not isinstance(version, str) or not _VERSION.match(version):
            raise self.fail(
                ("asyncapi",), f"version {version!r} is not supported (AsyncAPI 3.x only)"
            )
        info = self.mapping(self.doc.get("info"), ("info",))
        self.text(info, "title", ("info",))
        if not isinstance(info.get("version"), (str, int, float)) or info.get("version") == "":
            raise self.fail(("info", "version"), "must be a non-empty string")
        channels = self.mapping(self.doc.get("channels"), ("channels",))
        if not channels:
            raise self.fail(("channels",), "defines no channel")
        operations = self.mapping(self.doc.get("operations"), ("operations",), required=False)
        components = self.mapping(self.doc.get("components"), ("components",))
        for key in ("messages", "schemas"):
            self.mapping(components.get(key), ("components", key))
        servers = self.mapping(self.doc.get("servers"), ("servers",), required=False)
        self.check_refs()  # the containers are mappings: now every $ref in them resolves
        for name, server in servers.items():
            self.check_server(name, server)
        for name, message in components["messages"].items():
            parts = ("components", "messages", name)
            self.check_message(self.mapping(message, parts), parts)
        for name, channel in channels.items():
            self.check_channel(name, channel)
        for name, operation in operations.items():
            self.check_operation(name, operation)

    def check_refs(self) -> None:
        """Every `$ref` in the document is a local pointer to something."""
        stack: list[tuple[Any, tuple[Any, ...]]] = [(self.doc, ())]
        while stack:
            node, parts = stack.pop()
            if isinstance(node, dict):
                if "$ref" in node:
                    ref = node["$ref"]
                    if not isinstance(ref, str):
                        raise self.fail(parts, f"$ref must be a string, not {ref!r}")
                    if not ref.startswith("#"):
                        raise self.fail(parts, f"$ref {ref!r} is not local (only '#/...' refs)")
                    try:
                        resolve_pointer(self.doc, ref)
                    except KeyError:
                        raise self.fail(parts, f"$ref {ref!r} not found") from None
                stack.extend((value, (*parts, key)) for key, value in node.items())
            elif isinstance(node, list):
                stack.extend((value, (*parts, i)) for i, value in enumerate(node))

    def check_server(self, name: str, server: Any) -> None:
        parts = ("servers", name)
        server = self.mapping(server, parts)
        self.text(server, "host", parts)
        protocol = server.get("protocol")
        if protocol not in _PROTOCOLS:
            raise self.fail((*parts, "protocol"), f"must be ws or wss, not {protocol!r}")
        pathname = server.get("pathname", "/")
        if not isinstance(pathname, str) or not pathname.startswith("/"):
            raise self.fail((*parts, "pathname"), f"must start with '/', not {pathname!r}")

    def check_channel(self, name: str, channel: Any) -> None:
        parts = ("channels", name)
        channel = self.mapping(channel, parts)
        address = channel.get("address")
        if address is not None and not isinstance(address, str):
            raise self.fail((*parts, "address"), f"must be a string or null, not {address!r}")
        messages = self.mapping(channel.get("messages"), (*parts, "messages"))
        for key, message in messages.items():
            here = (*parts, "messages", key)
            self.mapping(message, here)
            target = self.deref(message, here)
            if not isinstance(target, dict) or "payload" not in target:
                raise self.fail(here, "is not a message (no `payload`)")
            if "$ref" not in message:  # an inline message: components ones are checked once
                self.check_message(target, here)

    def check_operation(self, name: str, operation: Any) -> None:
        parts = ("operations", name)
        operation = self.mapping(operation, parts)
        if operation.get("action") not in _ACTIONS:
            raise self.fail(
                (*parts, "action"), f"must be send or receive, not {operation.get('action')!r}"
            )
        channel = self.mapping(operation.get("channel"), (*parts, "channel"))
        ref = channel.get("$ref")
        if not isinstance(ref, str) or not re.fullmatch(r"#/channels/[^/]+", ref):
            raise self.fail((*parts, "channel"), "must be a $ref '#/channels/<name>'")
        messages = operation.get("messages")
        if not isinstance(messages, list) or not messages:
            raise self.fail((*parts, "messages"), "must be a non-empty list of $refs")
        for i, message in enumerate(messages):
            here = (*parts, "messages", i)
            target = message.get("$ref") if isinstance(message, dict) else None
            if not isinstance(target, str) or not target.startswith(f"{ref}/messages/"):
                raise self.fail(
                    here, f"must be a $ref into the operation's channel ('{ref}/messages/<name>')"
                )

    def check_message(self, message: dict[str, Any], parts: tuple[Any, ...]) -> None:
        for key in ("name", "title", "summary", "contentType"):
            if key in message and not isinstance(message[key], str):
                raise self.fail((*parts, key), "must be a string")
        if "payload" not in message:
            raise self.fail(parts, "has no `payload`")
        if message.get("contentType", self.doc.get("defaultContentType", JSON_MEDIA)) != JSON_MEDIA:
            return  # a control frame (ping/pong): its payload is a plain string
        here = (*parts, "payload")
        payload = self.deref(message["payload"], here)
        if isinstance(message["payload"], dict) and "$ref" in message["payload"]:
            here = tuple(message["payload"]["$ref"][2:].split("/"))
        if not isinstance(payload, dict) or not isinstance(payload.get("properties"), dict):
            raise self.fail(here, "a JSON message's payload must be an object with `properties`")
        props = payload["properties"]
        tags = [key for key in ("type", "cmd") if key in props]
        if len(tags) != 1:
            raise self.fail(
                (*here, "properties"), "needs exactly one of `type` (a reply or data) and `cmd`"
            )
        tag = self.deref(props[tags[0]], (*here, "properties", tags[0]))
        const = tag.get("const") if isinstance(tag, dict) else None
        if not isinstance(const, str) or not const:
            raise self.fail(
                (*here, "properties", tags[0]), "must be a string schema with a non-empty `const`"
            )
        for key in ("sid", "seq", "id"):
            if key in props:
                kind = self.deref(props[key], (*here, "properties", key))
                if not isinstance(kind, dict) or kind.get("type") != "integer":
                    raise self.fail((*here, "properties", key), "must be an integer schema")
        if "msg" in props:
            body = self.deref(props["msg"], (*here, "properties", "msg"))
            if not isinstance(body, dict) or body.get("type") not in ("object", "array"):
                raise self.fail((*here, "properties", "msg"), "must be an object or array schema")
        required = payload.get("required", [])
        if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
            raise self.fail((*here, "required"), "must be a list of property names")


def check_asyncapi(doc: dict[str, Any], *, source: str) -> None:
    """GeneratorError naming the first place where the document is malformed."""
    _Checker(doc, source).check()

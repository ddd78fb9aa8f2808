"""Stage 4 (WebSocket): the WS IR of one target -> its package and its fake's contract.

Rendered from templates/ws/ into the target's package (kalshi/ws/, kalshi/perps/ws/):
`__init__.py` (lazy exports), `models.py` (payload models, one Frame class per wire type, the
unions of payloads sharing a type), `channels.py` (the ChannelSpec of every channel, the
replies, error codes and servers), `client.py` (`AsyncKalshiWS` / `KalshiWS`, or the target's
names, with a typed `subscribe_<channel>` per channel); into the REST target's testing package
the fake's contract (`_ws_contract.py`) and, for any target but the root one, the fake
(`_ws_fake.py`: a FakeWSServer bound to that contract and client). Generated modules import
the one runtime by absolute name (`kalshi.ws._session`); the runtime templates/runtime/ws/*.py
and the fake's static templates/testing/_ws_*.py are copied once, with the root ws target.
As in render.py, every decision was made in the IR; the views here only turn it into text.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from .. import ir
from ..errors import GeneratorError
from ..naming import words
from ..schemas.models import models_to_rebuild
from ..schemas.pytypes import Imports, annotation
from ..targets import ROOT_PACKAGE, Target, project_root, project_streaming, project_target
from .pysource import py_literal
from .render import (
    RUNTIME_DIR,
    FieldView,
    Layout,
    ModelView,
    docstring_text,
    environment,
    field_view,
    model_view,
)
from .testing import TESTING_DIR, WS_PREFIX
from .testing import python_literal as literal

WS_RUNTIME_DIR = RUNTIME_DIR / "ws"
WS_RUNTIME = "kalshi.ws"  # the runtime's package: every WS target's modules import it
_WS_RUNTIME_DIR = WS_RUNTIME.replace(".", "/")
_TESTING = "kalshi/testing"  # where the fake's static files go
_PYDANTIC_NAMES = ("AliasChoices", "Field")  # Imports.runtime names that come from pydantic
_CAP_WORDS = re.compile(r"^[A-Z](?=.*[a-z])[A-Za-z0-9]*$")  # OrderBook, WSConnection; not ENV_X
_FRAME_BASE = ("id", "sid", "seq")  # optional ints on every Frame already


@dataclass
class FrameView:
    message: ir.WsMessage
    fields: list[FieldView]

    @property
    def title(self) -> str:
        return self.message.model.description or f"A frame of type `{self.message.type}`."


@dataclass
class UnionView:
    """The alias of a frame's payloads, and the function that picks one by its msg."""

    name: str
    function: str
    wire_type: str
    members: list[tuple[str, str]]  # (annotation, tag)
    rules: list[tuple[ir.WsVariantRule, str]]  # in the order they are tried, default last


@dataclass
class ParamView:
    name: str
    wire_name: str
    annotation: str
    description: str
    listed: bool  # a sequence, sent as a JSON array


@dataclass
class MethodView:
    channel: ir.WsChannel
    params: list[ParamView]
    returns_async: str
    returns_sync: str
    docstring: str
    book: bool


@dataclass(frozen=True)
class ExampleView:
    """The subscribe call a docstring's example shows, and how it opens the session."""

    method: str
    public: bool

    @property
    def opening(self) -> str:
        return "(demo=True)" if self.public else ".from_env()"

    @property
    def comment(self) -> str:
        return "public channels need no key" if self.public else "every channel needs a key"


@dataclass
class WsViews:
    """What the WS templates read."""

    client: ir.WsClientIR
    models: list[ModelView]
    frames: list[FrameView]
    unions: list[UnionView]
    rebuild: list[str]
    imports: Imports
    methods: list[MethodView] = field(default_factory=list)
    client_typing: list[str] = field(default_factory=list)  # what client.py's params need

    @property
    def seq_types(self) -> list[str]:
        return [t for t, frame in self.client.messages.items() if frame.seq]

    @property
    def pydantic_names(self) -> list[str]:
        names = {n for n in self.imports.runtime if n in _PYDANTIC_NAMES} | self.imports.pydantic
        if self.unions:
            names |= {"Discriminator", "Tag"}
        return sorted(names)

    @property
    def runtime_names(self) -> list[str]:
        return sorted(n for n in self.imports.runtime if n not in _PYDANTIC_NAMES)

    @property
    def typing_names(self) -> list[str]:
        names = set(self.imports.typing) | {"Literal", "TypeAlias"}
        if self.unions:
            names |= {"Annotated", "Any"}
        return sorted(names)

    def example(self, preferred: str) -> ExampleView:
        """The channel an example subscribes to by market_tickers: `preferred` if it takes
        them, else the first public channel that does, else the first that does."""
        by_tickers = [
            c
            for c in self.client.channels
            if any(p.wire_name == "market_tickers" for p in c.params)
        ]
        ranked = [
            *(c for c in by_tickers if c.name == preferred),
            *(c for c in by_tickers if not c.auth),
            *by_tickers,
            *self.client.channels,
        ]
        return ExampleView(ranked[0].method_name, not ranked[0].auth)

    @property
    def exported(self) -> list[str]:
        """kalshi.ws.models' public names, in the module's order."""
        return [
            *(v.model.name for v in self.models),
            *(u.name for u in self.unions),
            *(f.message.class_name for f in self.frames),
            *(c.message_alias for c in self.client.channels),
        ]


@dataclass(frozen=True)
class WsTarget:
    """The names a WS target's files use: its package and classes, the REST package it pairs
    with (from_client's client, the fake's home) and where its files go."""

    target: Target  # the asyncapi target: kalshi.ws, kalshi.perps.ws
    rest: Target  # the REST target it streams for: kalshi, kalshi.perps

    @property
    def package(self) -> str:
        return self.target.package

    @property
    def is_root(self) -> bool:
        """The root package's WS target: it carries the one runtime and the fake's code."""
        return self.rest.is_root

    @property
    def testing(self) -> str:
        """The REST package's testing package: kalshi.testing, kalshi.perps.testing."""
        return f"{self.rest.package}.testing"

    @property
    def fake(self) -> str:
        return self.target.fake

    @property
    def ws_url_env(self) -> str:
        """from_env()'s URL variable: KALSHI_WS_URL (target ws), KALSHI_PERPS_WS_URL."""
        return f"{self.rest.env_prefix}_WS_URL"

    @property
    def surface(self) -> str:
        """The REST target's SURFACE file, which the WS lines are appended to."""
        return Layout(self.rest).review("SURFACE", ".txt")

    @property
    def docs_page(self) -> str:
        return f"{Layout(self.rest).docs}streaming.md"


def render_ws(
    client: ir.WsClientIR,
    rest: ir.ClientIR,
    target: Target | None = None,
    rest_target: Target | None = None,
) -> dict[str, str]:
    """Every file of a WS target by relative path: its package, its fake's contract (and for
    a non-root target its fake), the lines for the REST target's SURFACE file (under that
    file's name: SURFACE.txt, SURFACE-perps.txt) and its streaming page (docs/streaming.md,
    docs/perps/streaming.md). `target` defaults to the project's `ws` target, `rest_target`
    to the REST target it names; the root ws target's files include the runtime."""
    target = target or project_streaming(project_root())
    if target is None:
        raise GeneratorError("targets.yaml: no asyncapi target streams for the root package")
    rest_target = rest_target or project_target(target.rest or project_root().name)
    names = WsTarget(target, rest_target)
    pkg, testing = target.package_dir, names.testing.replace(".", "/")
    env = environment(("ws", "docs"))
    env.filters["frozen"] = _frozenset_literal
    views = ws_views(client)
    common = {
        "ws": client,
        "views": views,
        "rest": rest,
        "names": names,
        "runtime": WS_RUNTIME,
        "root": ROOT_PACKAGE,
        "example_market": client.example_market,
    }
    files = {
        f"{pkg}/models.py": env.get_template("models.py.jinja").render(**common),
        f"{pkg}/channels.py": env.get_template("channels.py.jinja").render(**common),
        f"{pkg}/client.py": env.get_template("client.py.jinja").render(**common),
        f"{pkg}/__init__.py": env.get_template("package_init.py.jinja").render(
            **common, runtime_names=runtime_exports()
        ),
        f"{testing}/_ws_contract.py": env.get_template("ws_contract.py.jinja").render(
            **common,
            contract={k: literal(v) for k, v in contract(client).items()},
        ),
    }
    # appended to the REST target's surface (render_client): one file for a reviewer to read
    files[names.surface] = env.get_template("surface.txt.jinja").render(**common)
    files[names.docs_page] = env.get_template("docs_streaming.md.jinja").render(
        **common,
        overflow=OVERFLOW_DOCS,
        terminal=[e.code for e in client.error_codes if e.terminal],
        fake_market=_document_market(client) or client.example_market,
    )
    if not names.is_root:  # the fake's code is the root's; this one binds its contract
        files[f"{testing}/_ws_fake.py"] = env.get_template("fake.py.jinja").render(**common)
        return files
    for source in sorted(WS_RUNTIME_DIR.glob("*.py")) if WS_RUNTIME_DIR.is_dir() else []:
        files[f"{_WS_RUNTIME_DIR}/{source.name}"] = source.read_text(encoding="utf-8")
    for source in sorted(TESTING_DIR.glob(f"{WS_PREFIX}*.py")):
        files[f"{_TESTING}/{source.name}"] = source.read_text(encoding="utf-8")
    return files


def _document_market(client: ir.WsClientIR) -> str | None:
    """The first market_ticker of the document's example frames (the fake's examples push
    them), if any."""
    for frame in client.messages.values():
        for example in frame.examples:
            msg = example.get("msg")
            ticker = msg.get("market_ticker") if isinstance(msg, dict) else None
            if isinstance(ticker, str) and ticker:
                return ticker
    return None


# What a full per-subscription queue does, by policy (kalshi/ws/_subscription.py does it).
OVERFLOW_DOCS = {
    "resync": "resynced from fresh snapshots (`Resynced`), never dropped",
    "error": "the iterator raises `KalshiWSOverflowError`, never dropped silently",
    "drop_oldest": "the oldest frame is dropped and counted (`.dropped`)",
}


def _frozenset_literal(values: Any) -> str:
    """`frozenset({"a", "b"})`, sorted (the same text every run); `frozenset()` when empty."""
    items = sorted(str(v) for v in values)
    return f"frozenset({{{', '.join(py_literal(v) for v in items)}}})" if items else "frozenset()"


# ---------------------------------------------------------------------- models


def ws_views(client: ir.WsClientIR) -> WsViews:
    imports = Imports()
    objects = [m for m in client.models.values() if m.kind != "alias"]
    ordered = sorted(objects, key=lambda m: (m.kind != "enum", m.name))
    models = [model_view(m, client.models, imports, one_alias=True) for m in ordered]
    unions = [
        _union_view(frame, client.models, imports) for frame in client.frames if frame.union_name
    ]
    frames = [_frame_view(frame, client.models, imports) for frame in client.frames]
    imports.models.pop("ws", None)  # one module
    views = WsViews(
        client=client,
        models=models,
        frames=frames,
        unions=unions,
        rebuild=models_to_rebuild(ordered, client.models),
        imports=imports,
    )
    method_imports = Imports()
    views.methods = [_method_view(channel, client, method_imports) for channel in client.channels]
    views.client_typing = sorted(method_imports.typing)
    return views


def _frame_view(frame: ir.WsMessage, models: dict[str, ir.Model], imports: Imports) -> FrameView:
    fields: list[FieldView] = []
    for f in frame.model.fields:
        if f.wire_name in _FRAME_BASE and not f.required and f.type == ir.Primitive("int"):
            continue  # as kalshi.ws._frames.Frame declares it
        if f.wire_name == "type":  # closed: the runtime tells frames apart by it
            text, default = f"Literal[{py_literal(frame.type)}]", None
        else:
            view = field_view(f, frame.model, models, imports, one_alias=True)
            text, default = view.annotation, view.default
        fields.append(
            FieldView(
                name=f.py_name,
                required=f.required,
                annotation=text,
                default=default,
                description=docstring_text(f.description),
            )
        )
    return FrameView(message=frame, fields=fields)


def _union_view(frame: ir.WsMessage, models: dict[str, ir.Model], imports: Imports) -> UnionView:
    assert frame.union_name is not None
    members: list[tuple[str, str]] = []
    rules: list[tuple[ir.WsVariantRule, str]] = []
    for payload in frame.payloads:
        assert payload.msg is not None  # a union is of msgs
        members.append((annotation(payload.msg, "response", models, imports), payload.tag))
        rules.append((payload.rule, payload.tag))
    order = {"array": 0, "value": 1, "keys": 2, "default": 3}
    rules.sort(key=lambda r: (order[r[0].kind], -len(r[0].values)))
    return UnionView(
        name=frame.union_name,
        function=f"_{'_'.join(words(frame.union_name))}_tag",
        wire_type=frame.type,
        members=members,
        rules=rules,
    )


# ---------------------------------------------------------------------- client


def _method_view(channel: ir.WsChannel, client: ir.WsClientIR, imports: Imports) -> MethodView:
    params: list[ParamView] = []
    for p in channel.params:
        kind = ir.non_null(p.type)
        item = ir.list_item(kind)
        if item is not None:
            text = f"Sequence[{annotation(item, 'request', client.models, imports)}]"
        else:
            text = annotation(kind, "request", client.models, imports)
        params.append(
            ParamView(
                name=p.py_name,
                wire_name=p.wire_name,
                annotation=f"{text} | None",
                description=p.description,
                listed=item is not None,
            )
        )
    alias = channel.message_alias
    book = channel.book is not None
    return MethodView(
        channel=channel,
        params=params,
        returns_async=f"{'AsyncBookSubscription' if book else 'AsyncSubscription'}[{alias}]",
        returns_sync=f"{'BookSubscription' if book else 'Subscription'}[{alias}]",
        docstring=_method_docstring(channel, params),
        book=book,
    )


def _method_docstring(channel: ir.WsChannel, params: list[ParamView]) -> str:
    first = channel.description.split("\n\n", 1)[0].strip()
    parts = [f"Subscribe to `{channel.name}`: {channel.title}.", first]
    documented = [p for p in params if p.description]
    if documented:
        lines = ["Args:"]
        for p in documented:
            lines += textwrap.wrap(
                f"{p.name}: {' '.join(p.description.split())}",
                88,
                initial_indent="    ",
                subsequent_indent="        ",
            )
        parts.append("\n".join(lines))
    auth = "needs a signed connection (a key)" if channel.auth else "public: no key needed"
    actions = ", ".join(channel.update_actions) or "none"
    parts.append(
        f"Yields {', '.join(f'`{t}`' for t in channel.messages)} frames; {auth}; "
        f"update actions: {actions}; a full queue: {channel.overflow}."
    )
    return docstring_text("\n\n".join(p for p in parts if p))


def runtime_exports() -> list[tuple[str, str]]:
    """(module, name) of the types templates/runtime/ws/*.py list in `__all__` (CapWords
    names: classes and aliases; not functions or constants): kalshi.ws exports the errors,
    events, subscriptions and the rest of what the runtime defines, however it grows."""
    found: list[tuple[str, str]] = []
    for source in sorted(WS_RUNTIME_DIR.glob("*.py")) if WS_RUNTIME_DIR.is_dir() else []:
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in tree.body:
            if (
                isinstance(node, (ast.Assign, ast.AnnAssign))
                and any(
                    isinstance(t, ast.Name) and t.id == "__all__"
                    for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                )
                and node.value is not None
            ):
                names = ast.literal_eval(node.value)
                found.extend((source.stem, str(n)) for n in names if _CAP_WORDS.match(str(n)))
    return found


# ---------------------------------------------------------------------- contract


def contract(client: ir.WsClientIR) -> dict[str, Any]:
    """The document's contract as plain data, for kalshi.testing's fake (see DESIGN)."""

    def ref(name: str) -> dict[str, Any]:
        return {"$ref": f"#/components/schemas/{name}"}

    def frame_schema(frame: ir.WsMessage) -> dict[str, Any]:
        names = list(dict.fromkeys(p.schema_name for p in frame.payloads if p.schema_name))
        return ref(names[0]) if len(names) == 1 else {"oneOf": [ref(n) for n in names]}

    def variants(frame: ir.WsMessage) -> list[dict[str, Any]]:
        return [
            {
                "schema": ref(p.schema_name),
                "rule": {"kind": p.rule.kind, "field": p.rule.field, "values": list(p.rule.values)},
            }
            for p in frame.payloads
        ]

    commands = {
        command.cmd: [ref(name) for name in dict.fromkeys(f.schema_name for f in command.forms)]
        for command in client.commands
    }
    command_examples = {
        command.cmd: [example for form in command.forms for example in form.examples]
        for command in client.commands
    }
    channels = {
        c.name: {
            "params": [p.wire_name for p in c.params],
            "auth": c.auth,
            "update_actions": list(c.update_actions),
            "messages": list(c.messages),
            "book": c.book is not None,
            "overflow": c.overflow,
        }
        for c in client.channels
    }
    messages = {
        t: {
            "channels": list(frame.channels),
            "schema": frame_schema(frame),
            "variants": variants(frame),
            "seq": frame.seq,
            "examples": frame.examples,
        }
        for t, frame in client.messages.items()
    }
    replies = {
        t: {"schema": frame_schema(frame), "variants": variants(frame), "examples": frame.examples}
        for t, frame in client.replies.items()
    }
    errors = [
        (e.code, {"name": e.name, "description": e.description, "terminal": e.terminal})
        for e in client.error_codes
    ]
    return {
        "schemas": client.schemas,
        "commands": commands,
        "command_examples": command_examples,
        "channels": channels,
        "messages": messages,
        "replies": replies,
        "error_codes": errors,
    }

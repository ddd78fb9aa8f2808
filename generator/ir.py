"""The intermediate representation between the spec and the templates.

Everything a template needs is decided here, in plain typed data: Python names, types,
which model a body flattens, how a list is paginated. Templates never look at the spec.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from .overrides.tracker import Applied

# --------------------------------------------------------------------------- types


PrimitiveName = Literal[
    "str", "int", "float", "bool", "datetime", "date", "dollars", "count", "bytes", "decimal",
    "secret",
]  # fmt: skip


@dataclass(frozen=True)
class Primitive:
    """A scalar: str, int, float, bool, datetime, date, Decimal money or count (fixed-point
    strings), `decimal`: a JSON number read as an exact Decimal (a strike, a price), `secret`:
    a string kept out of repr and logs (a private key)."""

    name: PrimitiveName


@dataclass(frozen=True)
class ModelRef:
    """A named component schema (object model, enum or alias)."""

    name: str


@dataclass(frozen=True)
class ListOf:
    item: TypeRef


@dataclass(frozen=True)
class DictOf:
    value: TypeRef


@dataclass(frozen=True)
class TupleOf:
    """A fixed-length array read as a tuple, e.g. an order book level `[price, size]`."""

    items: tuple[TypeRef, ...]


@dataclass(frozen=True)
class LiteralOf:
    """An inline enum."""

    values: tuple[str | int | float | bool, ...]


@dataclass(frozen=True)
class AnyValue:
    """A schema that says nothing about its values (also: an array without `items`)."""


@dataclass(frozen=True)
class Nullable:
    inner: TypeRef


TypeRef = Primitive | ModelRef | ListOf | TupleOf | DictOf | LiteralOf | AnyValue | Nullable


def non_null(kind: TypeRef) -> TypeRef:
    """The type without its `| None`."""
    return kind.inner if isinstance(kind, Nullable) else kind


# wire-name endings of fixed-point fields; the name without one is the short attribute name
# (`yes_bid_dollars` -> `yes_bid`) and, on the wire, the legacy cent/count key
FIXED_POINT_SUFFIXES = ("_dollars", "_fp")


def is_decimal(kind: TypeRef) -> bool:
    """Money or a contract count (a fixed-point string on the wire), maybe nullable."""
    kind = non_null(kind)
    return isinstance(kind, Primitive) and kind.name in ("dollars", "count")


def model_names_in(kinds: Iterable[TypeRef]) -> set[str]:
    """The models these types name directly (inside nullables, lists, maps and tuples)."""
    found: set[str] = set()
    stack = list(kinds)
    while stack:
        kind = stack.pop()
        if isinstance(kind, Nullable):
            stack.append(kind.inner)
        elif isinstance(kind, ListOf):
            stack.append(kind.item)
        elif isinstance(kind, DictOf):
            stack.append(kind.value)
        elif isinstance(kind, TupleOf):
            stack.extend(kind.items)
        elif isinstance(kind, ModelRef):
            found.add(kind.name)
    return found


def field_types(model: Model) -> list[TypeRef]:
    """The types a model's values can have: its fields' and its extra properties'."""
    kinds = [f.type for f in model.fields]
    if model.additional_properties is not None:
        kinds.append(model.additional_properties)
    return kinds


def list_item(kind: TypeRef) -> TypeRef | None:
    """The item type of a (nullable) list, else None."""
    kind = non_null(kind)
    return kind.item if isinstance(kind, ListOf) else None


@dataclass(frozen=True)
class Constraints:
    """The spec's checks on a request value, as pydantic `Field` keywords (`ge`, `le`, `gt`,
    `lt`, `multiple_of`, `min_length`, `max_length`, `pattern`), in that order; `items`: the
    checks on each item of an array. Response models ignore them (the server is not held to
    the spec); request bodies and parameters enforce them before sending."""

    checks: tuple[tuple[str, int | float | str], ...] = ()
    items: Constraints | None = None

    def __bool__(self) -> bool:
        return bool(self.checks or self.items)


# --------------------------------------------------------------------------- models


@dataclass
class Field:
    wire_name: str
    py_name: str
    type: TypeRef
    required: bool
    description: str = ""
    deprecated: bool = False
    # older wire keys the server still sends instead of wire_name (overrides.yaml), read
    # only when wire_name is absent
    fallback_keys: tuple[str, ...] = ()
    # required in the spec, but the server omits it (overrides.yaml optional_fields)
    server_omits: bool = False
    source: Literal["spec", "override"] = "spec"
    constraints: Constraints = field(default_factory=Constraints)


@dataclass
class Model:
    name: str
    kind: Literal["object", "enum", "alias"]
    description: str = ""
    fields: list[Field] = field(default_factory=list)
    enum_values: tuple[str | int | float | bool, ...] = ()
    alias_of: TypeRef | None = None  # kind == "alias"
    additional_properties: TypeRef | None = None
    deprecated: bool = False
    # "request": only reached from request bodies -> unknown fields are rejected
    role: Literal["request", "response"] = "response"
    module: str = "common"  # kalshi/models/<module>.py


# --------------------------------------------------------------------------- operations


ParamLocation = Literal["path", "query", "header"]
# how a list goes into the query: "repeat" (`?ids=a&ids=b`, OpenAPI's form style exploded, its
# default) or "comma" (`?tickers=a,b`: form style unexploded, or a string the spec documents as
# a comma-separated list)
ListStyle = Literal["repeat", "comma"]


@dataclass
class Parameter:
    wire_name: str  # a header parameter's: the header name
    py_name: str
    location: ParamLocation
    type: TypeRef
    required: bool
    description: str = ""
    deprecated: bool = False
    source: Literal["spec", "override"] = "spec"
    constraints: Constraints = field(default_factory=Constraints)
    list_style: ListStyle = "repeat"  # query parameters only


@dataclass
class Body:
    model: str  # component schema name of the JSON body
    required: bool
    fields: list[Field]  # flattened keywords, in model order
    empty_json_when_absent: bool = False  # send `{}` when no field is given


@dataclass
class Pagination:
    """A cursor-paginated operation: `<method>_all` iterates `items_field` of every page."""

    method_name: str
    items_field: str  # python attribute on the response model
    item_type: TypeRef
    cursor_field: str = "cursor"  # python attribute holding the next page's cursor


@dataclass
class WireContract:
    """The spec's own words for one operation, resolved, for kalshi.testing.FakeKalshi:
    it validates requests and synthesises answers from these JSON schemas."""

    success_status: int  # 200 for a `2XX` or `default` response
    parameters: list[dict[str, Any]]  # {"name", "in", "required", "schema"}
    request_schema: dict[str, Any] | None  # may $ref into ClientIR.schemas
    response_schema: dict[str, Any] | None
    # the media type of a success body that is not JSON (text or bytes); None: JSON or none
    response_media: str | None = None


@dataclass(frozen=True)
class RawBody:
    """A success body without a JSON media type: the method returns it as it came, `str`
    for text/* media types, `bytes` otherwise."""

    kind: Literal["text", "bytes"]
    media_types: tuple[str, ...]  # as the spec lists them; the request's Accept


@dataclass
class Operation:
    operation_id: str
    http_method: str  # upper case
    path: str
    summary: str
    description: str
    resource: str  # Resource.path: "order_groups", nested "communications.rfq_batches.quotes"
    method_name: str
    path_params: list[Parameter]
    query_params: list[Parameter]
    body: Body | None
    response: TypeRef | None  # the 2xx JSON body; None when the success has no JSON content
    # credential kinds the operation accepts, in the spec's order (generator/openapi/security.py);
    # () is public
    security: tuple[str, ...]
    deprecated: bool = False
    unwrap: str | None = None  # return this attribute of the response instead of the envelope
    unwrap_type: TypeRef | None = None
    pagination: Pagination | None = None
    notes: list[Note] = field(default_factory=list)
    wire: WireContract | None = None
    header_params: list[Parameter] = field(default_factory=list)
    raw_response: RawBody | None = None  # set: a non-JSON success body, `response` is None

    @property
    def params(self) -> list[Parameter]:
        return [*self.path_params, *self.query_params, *self.header_params]

    @property
    def auth(self) -> bool:
        """Needs credentials (a signature or, where accepted, a bearer token)."""
        return bool(self.security)


@dataclass
class Note:
    """A documentation admonition, from overrides.yaml."""

    title: str
    text: str


@dataclass
class Resource:
    attr: str  # attribute on the client (or, nested, on its parent), e.g. "order_groups"
    class_name: str  # OrderGroupsResource
    description: str
    operations: list[Operation]
    intro: str = ""  # reference-page introduction (overrides.yaml `docs:`)
    notes: list[Note] = field(default_factory=list)
    example: str = ""
    # from the client, dotted when nested: "communications.rfq_batches.quotes"; default: attr
    path: str = ""
    children: list[Resource] = field(default_factory=list)  # nested sub-resources

    def __post_init__(self) -> None:
        self.path = self.path or self.attr

    @property
    def async_class_name(self) -> str:
        return f"Async{self.class_name}"

    @property
    def method_names(self) -> list[str]:
        """Its own methods and iterators (not its children's)."""
        return [
            name
            for op in self.operations
            for name in (op.method_name, op.pagination.method_name if op.pagination else None)
            if name
        ]

    def walk(self) -> list[Resource]:
        """This resource and every sub-resource below it, parents first."""
        return [self, *(node for child in self.children for node in child.walk())]


@dataclass
class Warning_:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class Server:
    url: str  # as in the spec, without a trailing slash
    environment: str  # "production" or "demo"
    description: str


@dataclass
class ClientIR:
    title: str
    spec_version: str
    resources: list[Resource]
    models: dict[str, Model]
    warnings: list[Warning_] = field(default_factory=list)
    override_report: list[Applied] = field(default_factory=list)
    schemas: dict[str, Any] = field(default_factory=dict)  # components/schemas, as in the spec
    servers: list[Server] = field(default_factory=list)  # the spec's, in its order
    default_servers: dict[str, str] = field(default_factory=dict)  # environment -> url
    # a bearer token made of parts (`bearerFormat: admin_user_id:access_token`): the client's
    # keywords for them, joined by ':' (generator/openapi/security.py::bearer_parts)
    bearer_parts: tuple[str, ...] = ()

    @property
    def server_url(self) -> str:
        """The production default (else the first server): what the fake exchange serves."""
        first = self.servers[0].url if self.servers else ""
        return self.default_servers.get("production", first)

    @property
    def operations(self) -> list[Operation]:
        return [
            op for resource in self.resources for node in resource.walk() for op in node.operations
        ]

    @property
    def credentials(self) -> tuple[str, ...]:
        """The credential kinds its operations accept, signature first: what a client of
        this API takes (templates/rest/client.py.jinja)."""
        kinds = {kind for op in self.operations for kind in op.security}
        return tuple(kind for kind in ("signature", "bearer") if kind in kinds)


# --------------------------------------------------------------------------- WebSocket
#
# The AsyncAPI document's traps are corrected here, not in templates (generator/asyncapi/
# build.py): directions are the client's (the document writes `action`s from the server's
# side), one frame class per wire `type` with its payloads told apart by `WsVariantRule`
# (the four `ok` replies, market_lifecycle_v2's two payloads), money typed Decimal, and what
# the document leaves to prose (params, auth, actions per channel) from overrides-ws.yaml.

WsOverflow = Literal["resync", "error", "drop_oldest"]
WsSource = Literal["spec", "override"]


@dataclass(frozen=True)
class WsVariantRule:
    """How one payload of a shared wire `type` is told from the others, by its `msg`:
    `value`: msg[field] is one of `values`; `keys`: msg has every key in `values`; `array`:
    msg is a list; `default`: none of the others matched (the frame's last rule)."""

    kind: Literal["value", "keys", "array", "default"]
    field: str = ""
    values: tuple[str, ...] = ()


@dataclass
class WsPayload:
    """One payload shape of a frame type: the `msg` of one document message."""

    message_id: str  # components/messages key, e.g. "marketMetadataUpdated"
    schema_name: str  # its payload in components/schemas, e.g. "marketMetadataUpdatedPayload"
    msg: TypeRef | None  # the type of `msg` (None: the frame has none)
    rule: WsVariantRule
    tag: str  # names the variant in the union (the msg class, or "list")
    title: str = ""
    summary: str = ""
    description: str = ""
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class WsMessage:
    """A frame the server sends: one wire `type`, one Python class (a `Frame`)."""

    type: str
    class_name: str
    kind: Literal["data", "reply"]
    model: Model  # the frame model: type, sid, seq, id, msg, ... (role "response")
    payloads: list[WsPayload]  # one, or several told apart by their rules
    channels: tuple[str, ...] = ()  # data frames: the channels that carry it
    union_name: str | None = None  # the alias of msg's variants, when there are several

    @property
    def seq(self) -> bool:
        """Frames of this type carry `seq` (checked per subscription by the runtime)."""
        return any(f.wire_name == "seq" for f in self.model.fields)

    @property
    def examples(self) -> list[dict[str, Any]]:
        return [example for payload in self.payloads for example in payload.examples]


@dataclass
class WsParam:
    """A subscribe parameter one channel accepts: an entry of the document's shared `params`."""

    wire_name: str
    py_name: str
    type: TypeRef
    description: str = ""
    constraints: Constraints = field(default_factory=Constraints)


@dataclass(frozen=True)
class WsBook:
    """How a channel's frames build a local order book: frame types and msg keys (wire
    names; the models alias each to its attribute)."""

    snapshot_type: str
    delta_type: str
    market_field: str
    sides: tuple[tuple[str, str], ...]  # side value -> the snapshot's level list field
    side_field: str
    price_field: str
    delta_field: str
    clock_field: str | None
    ask_sides: tuple[str, ...] = ()  # sides whose best level is the lowest price (offers)


@dataclass
class WsChannel:
    name: str  # the wire channel name, e.g. "orderbook_delta"
    title: str
    description: str
    params: list[WsParam]
    auth: bool
    update_actions: tuple[str, ...]
    overflow: WsOverflow
    messages: list[str]  # wire types of its data frames, in the document's order
    method_name: str  # subscribe_<name>
    message_alias: str  # the union of its frames, e.g. "OrderbookDeltaMessage"
    book: WsBook | None = None


@dataclass
class WsCommandForm:
    """One accepted form of a command: a document message and its payload schema."""

    message_id: str
    title: str
    summary: str
    schema_name: str
    actions: tuple[str, ...] = ()  # update_subscription: the `action`s of this form
    examples: list[dict[str, Any]] = field(default_factory=list)
    source: WsSource = "spec"  # "override": a message no operation sends (orphans)


@dataclass
class WsCommand:
    """A command the client sends (`{"id", "cmd", "params"}`)."""

    cmd: str
    forms: list[WsCommandForm]

    @property
    def actions(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(a for form in self.forms for a in form.actions))


@dataclass(frozen=True)
class WsServer:
    url: str  # wss://host/path
    environment: str  # "production" or "demo"
    description: str
    source: WsSource = "spec"


@dataclass(frozen=True)
class WsErrorCode:
    code: int
    name: str
    description: str
    terminal: bool  # the subscription is dead: the user must resubscribe


@dataclass
class WsClientIR:
    title: str
    version: str
    channels: list[WsChannel]
    messages: dict[str, WsMessage]  # data frames by wire type
    replies: dict[str, WsMessage]  # replies to commands by wire type
    commands: list[WsCommand]
    models: dict[str, Model]  # payload models, their enums and union aliases
    servers: list[WsServer]
    default_servers: dict[str, str]  # environment -> url
    path: str  # the servers' path, what the handshake signs
    heartbeat_seconds: int
    error_codes: list[WsErrorCode]
    schemas: dict[str, Any] = field(default_factory=dict)  # components/schemas, overrides applied
    warnings: list[Warning_] = field(default_factory=list)
    override_report: list[Applied] = field(default_factory=list)
    example_market: str = "MARKET-TICKER"  # the ticker docs and docstrings subscribe to

    @property
    def frames(self) -> list[WsMessage]:
        """Every frame type the server sends: replies first, then data."""
        return [*self.replies.values(), *self.messages.values()]

"""The naming convention: operationId, tag and path -> Python names.

One convention for the whole client; `overrides.yaml` holds the only exceptions.

    resource  = the operation's first tag, snake_cased; a singular tag takes the plural
                when the spec's paths use the plural (`market` -> `markets`)
    method    = the operationId's verb and object, with the resource's own noun (and, on a
                nested resource, its parents' nouns) removed:
                GetOrderGroups -> list, GetOrderGroup -> get, UpdateOrderGroupLimit ->
                update_limit, GetMarketOrderbook -> orderbook, BatchCancelOrders ->
                batch_cancel. A `get` loses its verb (`exchange.status`), except for a
                sub-collection with items of its own (`communications.rfqs.get_quote`).
    nesting   = a tag spanning several collections splits into one sub-resource per
                collection, read from the paths (nesting.py): `communications.rfqs.create`.
    product   = a document whose operationIds all carry its product's name (`GetMarginOrders`
                in the perps document) lists those words in its overrides file
                (`naming: strip_words: [margin]`); they are dropped from what the resource's
                noun leaves of the operationId and from the path segment a read is named
                after, so `orders.list`, not `orders.list_margin` (`strip`, `operation_words`).
Acronyms stay words (`GetRFQs` -> `get_rfqs`, not `get_rf_qs`), and a case-only rename of
an operationId (`GetLIVEData` -> `GetLiveData`) does not move the method.
"""

from __future__ import annotations

import ast
import builtins as _builtins
import functools
import keyword
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

_WORD = re.compile(r"[A-Z]{2,}s(?![a-z])|[A-Z]+[0-9]*(?![a-z])|[A-Z][a-z0-9]*|[a-z0-9]+")

# Verbs that start an operationId; anything else is read as "get".
VERBS = frozenset(
    [
        "get",
        "list",
        "create",
        "delete",
        "cancel",
        "update",
        "amend",
        "decrease",
        "batch",
        "reset",
        "trigger",
        "apply",
        "generate",
        "lookup",
        "accept",
        "confirm",
        "set",
        "propose",
        "upgrade",
        "intra",
    ]
)
_PREPOSITIONS = frozenset({"in", "for", "by", "of", "to", "from", "with"})


def words(name: str) -> list[str]:
    """Split an identifier into lower-case words, keeping acronyms whole."""
    parts: list[str] = []
    for chunk in re.split(r"[^A-Za-z0-9]+", ascii_fold(name)):
        parts.extend(m.group(0).lower() for m in _WORD.finditer(chunk))
    return parts


def snake(name: str) -> str:
    return "_".join(words(name))


def pascal(name: str) -> str:
    return "".join(w[:1].upper() + w[1:] for w in words(name))


def plural(word: str) -> str:
    if word in _INVARIANT:
        return word
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es" if not word.endswith("s") else word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


_INVARIANT = frozenset({"series", "data", "news", "status", "species"})


def singular(word: str) -> str:
    if word in _INVARIANT:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2:
        return word[:-1]
    return word


def snake_preserving(name: str) -> str:
    """snake_case only when the name is not already lower snake case (keeps `yes_bid_dollars`)."""
    return name if re.fullmatch(r"[a-z0-9_]+", name) else snake(name)


def _strip_run(obj: list[str], noun: list[str]) -> tuple[list[str], bool] | None:
    """Remove the first occurrence of `noun` (last word singular or plural) from `obj`.

    Returns the remaining words and whether the plural form matched.
    """
    if not noun:
        return None
    head, last = noun[:-1], noun[-1]
    forms = [(singular(last), False), (plural(singular(last)), True)]
    if last not in (f for f, _ in forms):
        forms.append((last, last.endswith("s")))
    for form, is_plural in forms:
        run = [*head, form]
        for i in range(len(obj) - len(run) + 1):
            if obj[i : i + len(run)] == run:
                at_end = i + len(run) == len(obj)
                return (
                    obj[:i] + obj[i + len(run) :],
                    is_plural and at_end and singular(form) != form,
                )
    return None


def operation_words(operation_id: str, strip: Collection[str] = ()) -> list[str]:
    """The words of an operationId without the document's product words (`strip`):
    `GetMarginOrders` with `margin` -> get, orders: what a method named after its whole
    operationId (the clash fallback, build.py) is spelled from."""
    return [w for w in words(operation_id) if w not in strip]


def stripped_words(operation_id: str, strip: Collection[str]) -> list[str]:
    """The product words `operation_words` drops from this operationId, in order."""
    return [w for w in words(operation_id) if w in strip]


def method_name(
    operation_id: str,
    *,
    nouns: list[list[str]],
    path: str,
    sub_collections: set[str],
    scopes: Sequence[list[str]] = (),
    strip: Collection[str] = (),
) -> str:
    """The method name for an operation on a resource whose nouns are `nouns`.

    `sub_collections` are the resource's path segments that have items of their own
    (`rfqs` in /communications/rfqs/{rfq_id}); `scopes` the nouns of the resources a nested
    one lies in, dropped first (`rfq batch` of GetRFQBatchQuotes on `rfq_batches.quotes`);
    `strip` the document's product words (`margin`), which never appear in the name.
    """
    return method_identifier(
        _conventional_method(
            operation_id,
            nouns=nouns,
            path=path,
            sub_collections=sub_collections,
            scopes=scopes,
            strip=strip,
        )
    )


def _conventional_method(
    operation_id: str,
    *,
    nouns: list[list[str]],
    path: str,
    sub_collections: set[str],
    scopes: Sequence[list[str]] = (),
    strip: Collection[str] = (),
) -> str:
    ws = words(operation_id)
    verb = [ws.pop(0)] if ws and ws[0] in VERBS else ["get"]
    if verb == ["batch"] and ws and ws[0] in VERBS:
        verb.append(ws.pop(0))
    obj, listing = ws, False
    for scope in scopes:
        stripped = _strip_run(obj, scope)
        if stripped is not None:
            obj = stripped[0]
    for noun in sorted(nouns, key=len, reverse=True):
        stripped = _strip_run(obj, noun)
        if stripped is not None:
            obj, listing = stripped
            break
    # the product words go after the nouns: on a resource named after the product
    # (`margin`), its own noun is the word (GetMarginRisk -> margin.risk, not margin.get)
    obj = [w for w in obj if w not in strip]
    while obj and obj[-1] in _PREPOSITIONS:
        obj = obj[:-1]
    ends_with_param = path.rstrip("/").endswith("}")
    if verb != ["get"]:
        return "_".join(verb + obj)
    if not obj:
        return "list" if listing and not ends_with_param else "get"
    if obj == ["list"]:  # GetSeriesList
        return "list"
    if listing:  # GetMultivariateEvents -> events.list_multivariate
        return "list_" + "_".join(obj)
    # any other read is named after what its path reads: exchange.status, search.tags_by_categories
    segments = [s for s in path.split("/") if s and not s.startswith("{")]
    read = snake_preserving(segments[-1].replace("-", "_")) if segments else "_".join(obj)
    if strip:  # /account/limits/perps reads no `perps`: nothing left, the operationId names it
        read = "_".join(w for w in read.split("_") if w not in strip)
    read = read if read.strip("_") else "_".join(obj)
    if nouns and words(read) == nouns[0]:  # `books.books()` would repeat the resource
        read = "_".join(obj)
    if read in sub_collections:
        return f"get_{singular(read)}" if ends_with_param else f"list_{read}"
    return read


# ====================================================================== Python identifiers
# Everything that becomes an identifier in the generated client is named here, by kind:
# model classes (`class_name`, `ModelNames`), model fields (`field_name`,
# `model_field_names`), method keywords (`param_name`, `body_keywords`), methods
# (`method_identifier`), resources (`resource_for_tag`, `resource_identifier`) and resource
# classes (`class_name_for_resource`). The wire name always stays the alias / the string
# sent; only the Python name changes, deterministically. The rules:
#
# - ASCII only: accents fold (`naïve` -> `naive`), any other character is a separator
#   (`prix_€` -> `prix`, `Foo-Bar` -> `FooBar`); a name with nothing left takes its kind's
#   fallback (`field`, `call`, `default`, `Model`).
# - No leading `_` (pydantic reads `_x` as a private attribute, not a field) and no leading
#   digit: the kind's prefix goes first (`1st_price` -> `field_1st_price`, a method `op_`, a
#   resource `api_`, a class `Model`).
# - A name that would shadow something the generated code uses takes a trailing `_`
#   (`class_`, `json_`, `close_`, `Field_`): keywords, the imports and annotation names of
#   the generated modules, pydantic BaseModel attributes, attributes of the runtime client
#   and resource classes (read from templates/runtime, so a new runtime method is reserved
#   at once). A method keyword that is a builtin or a local of the method body (`type`,
#   `self`, `request`, `timeout`) takes its resource's noun instead (`milestone_type`).
# - Unique by construction: of two names that come out equal, the one spelled exactly so on
#   the wire keeps it, the other takes `_2` (`a_b`, `a_b_2`), and the caller warns.

_RUNTIME = Path(__file__).resolve().parent.parent / "templates" / "runtime"
_BUILTIN_NAMES = frozenset(n for n in dir(_builtins) if not n.startswith("_"))

# pydantic.BaseModel's public attributes (v2, with the v1 compatibility methods); every
# `model_*` name is reserved as well, since pydantic adds new ones under that prefix.
_PYDANTIC_ATTRS = frozenset(
    {
        "construct",
        "copy",
        "dict",
        "fields",
        "from_orm",
        "json",
        "parse_file",
        "parse_obj",
        "parse_raw",
        "schema",
        "schema_json",
        "update_forward_refs",
        "validate",
    }
)
# lower-case names the generated annotations, decorators and defaults refer to: a field or
# method of that name would shadow them inside the class body (`str: str`, `def datetime`)
_ANNOTATION_NAMES = frozenset(
    {"bool", "bytes", "datetime", "dict", "float", "int", "list", "str", "tuple"}
)
_RESOURCE_SCOPE = (_ANNOTATION_NAMES - {"list"}) | {"builtins", "overload"}  # `builtins.list`
# names bound in the generated modules that a model class could shadow: imports of the
# model, resource, client and package modules (templates/rest/*.jinja), the runtime's
# exports, and what a reader would expect to be the usual thing
_MODULE_NAMES = frozenset(
    {
        "AliasChoices",
        "Annotated",
        "Any",
        "AsyncAPIClient",
        "AsyncAPIResource",
        "AsyncIterator",
        "AsyncKalshiClient",
        "BaseModel",
        "ConfigDict",
        "Decimal",
        "Dict",
        "Field",
        "Final",
        "FixedPoint",
        "FixedPointCount",
        "FixedPointDollars",
        "Iterator",
        "KalshiClient",
        "List",
        "Literal",
        "Mapping",
        "NullAsEmptyList",
        "Optional",
        "Page",
        "RawBytes",
        "RawText",
        "RequestModel",
        "ResponseModel",
        "SPEC_VERSION",
        "Self",
        "SyncAPIClient",
        "SyncAPIResource",
        "TYPE_CHECKING",
        "TypeAlias",
        "TypeVar",
        "Union",
    }
)
# names of the generated method bodies (templates/rest/_method.jinja) and its options
METHOD_LOCALS = frozenset(
    {"self", "request", "body", "response", "extra_headers", "timeout", "max_pages", "to_body"}
)
RESERVED_METHOD_KWARGS = METHOD_LOCALS  # the former name
# module-level names of kalshi/client.py and kalshi/models/__init__.py (a resource is a
# module of kalshi.models too: `kalshi.models.importlib` would replace `importlib` there)
_CLIENT_MODULE_NAMES = frozenset({"annotations", "cached_property", "importlib"})
# what clients of this kind usually grow next (Stainless, OpenAI): reserved ahead
_CLIENT_FUTURE = frozenset({"with_options", "with_raw_response", "copy", "get", "post"})


def ascii_fold(text: str) -> str:
    """Accents dropped (`naïve` -> `naive`); any other non-ASCII character becomes a space."""
    if text.isascii():
        return text
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if char.isascii():
            out.append(char)
        elif not unicodedata.combining(char):
            out.append(" ")
    return "".join(out)


def _chars(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_]", "_", ascii_fold(text))


def _finish(ident: str, *, prefix: str, fallback: str, reserved: Collection[str]) -> str:
    ident = ident.lstrip("_") or fallback
    if ident[0].isdigit():
        ident = prefix + ident
    if keyword.iskeyword(ident) or ident in reserved:
        ident += "_"
    return ident


def bump(name: str, taken: Collection[str]) -> str:
    """`name`, or the first of `name_2`, `name_3`... not in `taken`."""
    if name not in taken:
        return name
    n = 2
    while f"{name}_{n}" in taken:
        n += 1
    return f"{name}_{n}"


@functools.cache  # parsed once per run: every method and resource name is checked against it
def runtime_attributes(module: str) -> frozenset[str]:
    """Every name the client or resource classes of a runtime module define (methods,
    properties, class and instance attributes): a resource or method named so would shadow
    it."""
    tree = ast.parse((_RUNTIME / module).read_text(encoding="utf-8"))
    names: set[str] = set()
    classes = [
        node
        for node in tree.body
        if isinstance(node, ast.ClassDef) and node.name.endswith(("Client", "Resource"))
    ]
    for cls in classes:
        for node in cls.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                names.add(node.name)
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AnnAssign):
                targets = [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        for part in ast.walk(cls):
            if (
                isinstance(part, ast.Attribute)
                and isinstance(part.ctx, ast.Store)
                and isinstance(part.value, ast.Name)
                and part.value.id == "self"
            ):
                names.add(part.attr)
    return frozenset(names)


# ---------------------------------------------------------------------- models


def class_name(name: str) -> str:
    """The class of a schema (`Foo-Bar` -> `FooBar`, `1st` -> `Model1st`); not yet unique."""
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
        ident = name
    else:
        chunks = re.split(r"[^A-Za-z0-9]+", ascii_fold(name))
        ident = "".join(c[:1].upper() + c[1:] for c in chunks)
    ident = ident or "Model"
    if ident[0].isdigit():
        ident = "Model" + ident
    ident = ident[0].upper() + ident[1:]
    if keyword.iskeyword(ident) or ident in _MODULE_NAMES or ident in _BUILTIN_NAMES:
        ident += "_"
    return ident


class ModelNames:
    """The classes of the component schemas and the inline models, unique among all of them.

    `renamed` lists (schema, class it would have been, class it is) for each schema whose
    class another schema took first (the one already spelled so keeps it).
    """

    def __init__(self, schemas: Sequence[str]) -> None:
        candidates = [class_name(s) for s in schemas]
        final = unique(candidates, exact=[c == s for c, s in zip(candidates, schemas)])
        self.components = dict(zip(schemas, final))
        self.renamed = [(s, c, f) for s, c, f in zip(schemas, candidates, final) if c != f]
        self._taken = set(final) | set(schemas)
        self._inline: dict[str, str] = {}

    def inline(self, hint: str, where: str) -> tuple[str, str]:
        """(class, the class it would have been) of the inline object schema at `where`."""
        candidate = class_name(pascal(hint))
        if where not in self._inline:
            self._inline[where] = bump(candidate, self._taken)
            self._taken.add(self._inline[where])
        return self._inline[where], candidate


def unique(
    candidates: Sequence[str],
    *,
    exact: Sequence[bool] | None = None,
    taken: Iterable[str] = (),
    avoid: Iterable[str] = (),
) -> list[str]:
    """Each candidate, or `<candidate>_2`... when an earlier one or `taken` has it: first the
    exact ones (spelled so on the wire), then the others, in order. A suffix never lands on
    a name in `avoid` (names chosen in overrides.yaml: a clash with one stays the caller's
    error)."""
    used = set(taken)
    blocked = set(avoid)
    out = [""] * len(candidates)
    flags = list(exact) if exact is not None else [False] * len(candidates)
    for pass_exact in (True, False):
        for i, name in enumerate(candidates):
            if flags[i] == pass_exact:
                out[i] = bump(name, used | blocked) if name in used else name
                used.add(out[i])
    return out


def field_name(wire_name: str) -> str:
    """A model attribute for a wire name (`yesBid` -> `yes_bid`, `class` -> `class_`); not
    yet unique among the model's fields (`model_field_names`)."""
    ident = _finish(
        _chars(snake_preserving(wire_name)),
        prefix="field_",
        fallback="field",
        reserved=_PYDANTIC_ATTRS | _ANNOTATION_NAMES,
    )
    return ident + "_" if ident.startswith("model_") and not ident.endswith("_") else ident


def model_field_names(wires: Sequence[str], candidates: Sequence[str]) -> list[str]:
    """Unique attributes for one model's fields: a candidate that is its own wire name keeps
    it; any other never takes another field's wire name either (pydantic validates by name
    and by alias, so one key would feed both fields)."""
    out = [c if c == w else "" for c, w in zip(candidates, wires)]
    used = {c for c in out if c} | set(wires)
    for i, name in enumerate(candidates):
        if not out[i]:
            out[i] = bump(name, used)
            used.add(out[i])
    return out


# ---------------------------------------------------------------------- methods


def _noun(resource: str) -> str:
    parts = words(resource)
    return singular(parts[-1]) if parts else "arg"


def param_name(wire: str, resource: str) -> str:
    """The keyword of a path, query or header parameter; a builtin or a method local takes
    the resource's noun (`type` -> `milestone_type`, `timeout` -> `order_timeout`)."""
    name = _finish(_chars(snake_preserving(wire)), prefix="field_", fallback="field", reserved=())
    if name in _BUILTIN_NAMES or name in METHOD_LOCALS:
        name = _finish(f"{_noun(resource)}_{name}", prefix="field_", fallback="", reserved=())
    return name


def body_keywords(
    fields: Sequence[str], params: Collection[str], resource: str
) -> list[str | None]:
    """The keyword of each flattened body field, from its attribute name: None when a
    parameter has that name (the field is offered only through `request=`); a method local
    (`request`, `timeout`, `self`) takes the resource's noun; unique among the keywords."""
    candidates = [f"{_noun(resource)}_{name}" if name in METHOD_LOCALS else name for name in fields]
    offered = [i for i, name in enumerate(fields) if name not in params]
    names = unique(
        [candidates[i] for i in offered],
        exact=[candidates[i] == fields[i] for i in offered],
        taken=params,
    )
    out: list[str | None] = [None] * len(fields)
    for i, name in zip(offered, names):
        out[i] = name
    return out


def method_identifier(name: str) -> str:
    """A method: never a keyword, an annotation name of the resource class body (`str`,
    `datetime`, `builtins`, `overload`) or an attribute of the runtime resource classes."""
    return _finish(
        _chars(name),
        prefix="op_",
        fallback="call",
        reserved=_RESOURCE_SCOPE | runtime_attributes("_resource.py"),
    )


def iterator_name(method: str) -> str:
    """The auto-paginating iterator of a list method, named as kalshi-sdk names its own:
    `list` -> `list_all`, `list_trades` -> `list_all_trades`, any other `fills` -> `fills_all`."""
    if method == "list":
        return "list_all"
    if method.startswith("list_"):
        return f"list_all_{method[len('list_') :]}"
    return f"{method}_all"


# ---------------------------------------------------------------------- resources


def resource_for_tag(tag: str, path_words: set[str], *, fallback: str = "default") -> str:
    """The client attribute of a tag (`market` -> `markets` when the paths say so); a tag
    with no letters or digits (`---`) is named after `fallback`, the path's first segment."""
    parts = words(tag) or words(fallback) or ["default"]
    last = parts[-1]
    if plural(last) in path_words and plural(last) != last:
        parts[-1] = plural(last)
    return resource_identifier("_".join(parts))


def resource_identifier(name: str) -> str:
    """A client attribute (and module name): never a keyword or an attribute of the runtime
    client classes (`request`, `close`, `base_url`...)."""
    return _finish(
        _chars(name),
        prefix="api_",
        fallback="default",
        reserved=runtime_attributes("_base_client.py") | _CLIENT_MODULE_NAMES | _CLIENT_FUTURE,
    )


def class_name_for_resource(attr: str, taken: Collection[str] = ()) -> str:
    """`order_groups` -> `OrderGroupsResource`; `_2` when a model (or its `Async` twin) has
    that name already."""
    base = pascal(attr) + "Resource"
    name = base
    n = 2
    while name in taken or f"Async{name}" in taken:
        name = f"{base}_{n}"
        n += 1
    return name


# ---------------------------------------------------------------------- WebSocket


def ws_frame_class(wire_type: str) -> str:
    """The class of a frame type: `orderbook_delta` -> `OrderbookDelta`; a class ending in
    `Error` would read as an exception, so the `error` reply is `ErrorReply`."""
    name = class_name(pascal(wire_type))
    return name + "Reply" if name.endswith("Error") else name


def ws_variant_class(message_id: str) -> str:
    """The msg class of one of several payloads sharing a frame type, after its message:
    `marketMetadataUpdated` -> `MarketMetadataUpdatedMsg`, `okResponse` -> `OkMsg`."""
    parts = words(message_id)
    while len(parts) > 1 and parts[-1] in ("response", "message", "payload"):
        parts.pop()
    return class_name("".join(w[:1].upper() + w[1:] for w in parts)) + "Msg"


def ws_subscribe_method(channel: str) -> str:
    """`subscribe_<channel>`: a channel's method on the WebSocket client."""
    return method_identifier(f"subscribe_{snake(channel)}")


def ws_channel_alias(channel: str) -> str:
    """The union of a channel's frame classes: `orderbook_delta` -> `OrderbookDeltaMessage`."""
    return class_name(pascal(channel)) + "Message"

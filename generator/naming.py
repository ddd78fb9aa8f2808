"""The naming convention: operationId, tag and path -> Python names.

One convention for the whole client; `overrides.yaml` holds the only exceptions.

    resource  = the operation's first tag, snake_cased; a singular tag takes the plural
                when the spec's paths use the plural (`market` -> `markets`)
    method    = the operationId's verb and object, with the resource's own noun removed:
                GetOrderGroups -> list, GetOrderGroup -> get, UpdateOrderGroupLimit ->
                update_limit, GetMarketOrderbook -> orderbook, BatchCancelOrders ->
                batch_cancel. A `get` loses its verb (`exchange.status`), except for a
                sub-collection with items of its own (`communications.list_rfqs`,
                `communications.get_rfq`).
Acronyms stay words (`GetRFQs` -> `get_rfqs`, not `get_rf_qs`), and a case-only rename of
an operationId (`GetLIVEData` -> `GetLiveData`) does not move the method.
"""

from __future__ import annotations

import keyword
import re

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

# Names a method parameter or model field must not take in generated code.
RESERVED_METHOD_KWARGS = frozenset({"self", "request", "extra_headers", "timeout", "max_pages"})
_PYDANTIC_RESERVED = frozenset(
    {"copy", "dict", "json", "schema", "construct", "validate", "fields"}
)


def words(name: str) -> list[str]:
    """Split an identifier into lower-case words, keeping acronyms whole."""
    parts: list[str] = []
    for chunk in re.split(r"[^A-Za-z0-9]+", name):
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


def safe_identifier(name: str, *, taken: frozenset[str] = frozenset()) -> str:
    """A valid, non-shadowing Python identifier for a wire name (the wire name stays the alias)."""
    ident = re.sub(r"\W", "_", name)
    if ident[:1].isdigit():
        ident = "_" + ident
    if keyword.iskeyword(ident) or ident in taken or ident.startswith("model_"):
        ident += "_"
    return ident


def field_name(wire_name: str) -> str:
    return safe_identifier(snake_preserving(wire_name), taken=_PYDANTIC_RESERVED)


def snake_preserving(name: str) -> str:
    """snake_case only when the name is not already lower snake case (keeps `yes_bid_dollars`)."""
    return name if re.fullmatch(r"[a-z0-9_]+", name) else snake(name)


def resource_for_tag(tag: str, path_words: set[str]) -> str:
    parts = words(tag)
    last = parts[-1]
    if plural(last) in path_words and plural(last) != last:
        parts[-1] = plural(last)
    return "_".join(parts)


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
                return obj[:i] + obj[i + len(run) :], is_plural and at_end and singular(
                    form
                ) != form
    return None


def method_name(
    operation_id: str, *, nouns: list[list[str]], path: str, sub_collections: set[str]
) -> str:
    """The method name for an operation on a resource whose nouns are `nouns`.

    `sub_collections` are the resource's path segments that have items of their own
    (`rfqs` in /communications/rfqs/{rfq_id}).
    """
    ws = words(operation_id)
    verb = [ws.pop(0)] if ws and ws[0] in VERBS else ["get"]
    if verb == ["batch"] and ws and ws[0] in VERBS:
        verb.append(ws.pop(0))
    obj, listing = ws, False
    for noun in sorted(nouns, key=len, reverse=True):
        stripped = _strip_run(obj, noun)
        if stripped is not None:
            obj, listing = stripped
            break
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
    if nouns and words(read) == nouns[0]:  # `books.books()` would repeat the resource
        read = "_".join(obj)
    if read in sub_collections:
        return f"get_{singular(read)}" if ends_with_param else f"list_{read}"
    return read


def class_name_for_resource(attr: str) -> str:
    return pascal(attr) + "Resource"

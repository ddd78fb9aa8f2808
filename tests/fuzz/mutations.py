"""The catalogue of mutation classes the fuzz harness applies to a spec and its overrides.

Each class is one small function `(inputs, rng) -> Mutated`, registered under its name with
`@mutation(...)`. It changes a deep copy of the parsed spec / overrides (or, below YAML, their
raw bytes), says what it did in one line, what the generator must do (`EITHER`: generate a
working client or refuse in one line; `REFUSE`: exit 2 naming one of `places`) and, for the
classes whose damage only shows at run time, an oracle that `probe.py` checks on the client.

    cycles           cycle-self-property, cycle-array-items, cycle-additional-properties,
                     cycle-allof, cycle-mutual, alias-loop, deep-nesting
    response keys    response-2xx, response-default, path-item-ref
    names            tag-sanitises-to-nothing, property-leading-digit, body-field-reserved,
                     names-collide, schema-shadows-import, keyword-names, non-ascii-names,
                     resource-shadows-client
    text             hostile-description, bad-encoding, duplicate-key-spec
    media / params   header-param, json-media-type, non-json-response, cookie-param,
                     multipart-body, path-placeholder-no-param
    overrides        overlay-invalid-document, duplicate-key-overrides,
                     overrides-wrong-scalar, overrides-blank-reason

Mutations are generic over the document: they pick an operation, a schema or a body at random
from what the spec has, so the same catalogue runs on tests/fixtures/specs/crud.yaml and on
the real spec/openapi.yaml.
"""

from __future__ import annotations

import copy
import keyword
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml

EITHER = "either"  # exit 0 with a working client, or exit 2 with one line naming a place
REFUSE = "refuse"  # must exit 2 with one line naming one of `places`

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "options", "head", "trace")

try:  # the C dumper is ~10x faster on the 10k-line real spec
    _Dumper: Any = yaml.CSafeDumper
except AttributeError:  # pragma: no cover
    _Dumper = yaml.SafeDumper


def dump(data: Any) -> bytes:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000
    ).encode("utf-8")


@dataclass
class Inputs:
    """A spec and its overrides, as parsed documents; `*_raw` (when set) wins over the dict."""

    spec: dict[str, Any]
    overrides: dict[str, Any]
    spec_raw: bytes | None = None
    overrides_raw: bytes | None = None

    def spec_bytes(self) -> bytes:
        return self.spec_raw if self.spec_raw is not None else dump(self.spec)

    def overrides_bytes(self) -> bytes:
        if self.overrides_raw is not None:
            return self.overrides_raw
        return dump(self.overrides) if self.overrides else b""


@dataclass
class Mutated:
    inputs: Inputs
    detail: str  # what was done, one line
    expect: str = EITHER
    places: tuple[str, ...] = ()  # a refusal should name one of these (or a file)
    oracle: dict[str, Any] | None = None  # checked by probe.py on the generated client
    name: str = ""  # the mutation class, filled in by apply()


Mutation = Callable[[Inputs, random.Random], Mutated]
MUTATIONS: dict[str, Mutation] = {}


class NotApplicable(Exception):
    """The document has nothing this mutation can work on (e.g. no request body)."""


def mutation(name: str) -> Callable[[Mutation], Mutation]:
    def register(fn: Mutation) -> Mutation:
        assert name not in MUTATIONS, name
        MUTATIONS[name] = fn
        return fn

    return register


def apply(name: str, inputs: Inputs, rng: random.Random) -> Mutated:
    """Mutation `name` on a deep copy of `inputs`."""
    mutated = MUTATIONS[name](copy.deepcopy(inputs), rng)
    mutated.name = name
    return mutated


# ---------------------------------------------------------------------- document helpers


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) of every operation that has an operationId."""
    found = []
    for path, item in (spec.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method, op in item.items():
            if method in HTTP_METHODS and isinstance(op, dict) and op.get("operationId"):
                found.append((path, method, op))
    return found


def pick_op(
    spec: dict[str, Any],
    rng: random.Random,
    where: Callable[[str, str, dict[str, Any]], bool] | None = None,
) -> tuple[str, str, dict[str, Any]]:
    ops = [o for o in operations(spec) if where is None or where(*o)]
    if not ops:
        raise NotApplicable("no operation fits")
    return rng.choice(ops)


def schemas(spec: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = spec.setdefault("components", {}).setdefault("schemas", {})
    return found


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s (a few hops) to the node they name."""
    for _ in range(8):
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        target: Any = spec
        for part in node["$ref"].lstrip("#/").split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                return node
            target = target[part]
        node = target
    return node


def object_schemas(spec: dict[str, Any]) -> list[str]:
    return [
        name
        for name, s in schemas(spec).items()
        if isinstance(s, dict) and isinstance(s.get("properties"), dict) and "allOf" not in s
    ]


def success(op: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """(status, response) of the first inline 2xx response with an application/json schema."""
    for status, response in (op.get("responses") or {}).items():
        content = response.get("content") if isinstance(response, dict) else None
        if str(status).startswith("2") and isinstance(content, dict):
            media = content.get("application/json")
            if isinstance(media, dict) and "schema" in media:
                return str(status), response
    return None


def json_body(spec: dict[str, Any], op: dict[str, Any]) -> dict[str, Any] | None:
    """The resolved application/json request body schema of `op`, when it is an object."""
    body = resolve(spec, op.get("requestBody"))
    content = body.get("content") if isinstance(body, dict) else None
    media = content.get("application/json") if isinstance(content, dict) else None
    schema = resolve(spec, media.get("schema")) if isinstance(media, dict) else None
    if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
        return schema
    return None


def overridden(inputs: Inputs) -> set[str]:
    return set((inputs.overrides.get("operations") or {}).keys())


def plain_op(
    inputs: Inputs, rng: random.Random, *, body: bool = False
) -> tuple[str, str, dict[str, Any]]:
    """An operation an oracle can call: no override entry, a JSON 2xx answer, and a body
    only when `body` (then one with no required fields, so a bare call is valid)."""
    spec, skip = inputs.spec, overridden(inputs)

    def fits(path: str, method: str, op: dict[str, Any]) -> bool:
        if op["operationId"] in skip or success(op) is None:
            return False
        if not body:
            return "requestBody" not in op
        schema = json_body(spec, op)
        return schema is not None and not schema.get("required")

    return pick_op(spec, rng, fits)


def attach(inputs: Inputs, rng: random.Random, prop: str, schema: Any) -> str:
    """Add property `prop` to a random object schema; the schema's name."""
    names = object_schemas(inputs.spec)
    if not names:
        raise NotApplicable("no object schema")
    owner = rng.choice(names)
    schemas(inputs.spec)[owner]["properties"][prop] = schema
    return owner


def add_schema(inputs: Inputs, rng: random.Random, name: str, schema: Any) -> str:
    """Add component schema `name` and use it from a random object schema; the user's name."""
    schemas(inputs.spec)[name] = schema
    return attach(inputs, rng, f"fuzz_{rng.randrange(1000)}", ref(name))


def placeholder_dup(doc: Any, container: dict[str, Any], key: str) -> bytes:
    """`doc` dumped with `key` appearing twice in `container` (a mapping inside `doc`)."""
    marker = "fuzzduplicatekeymarker"
    container[marker] = copy.deepcopy(container[key])
    text = dump(doc)
    container.pop(marker)
    return text.replace(marker.encode(), _yaml_key(key), 1)


def _yaml_key(key: str) -> bytes:
    return yaml.dump(key, Dumper=_Dumper, allow_unicode=True).split("\n")[0].encode("utf-8")


def walk_dicts(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk_dicts(value, depth + 1)
    elif isinstance(node, list):
        for value in node:
            yield from walk_dicts(value, depth + 1)


# ---------------------------------------------------------------------- cycles


@mutation("cycle-self-property")
def cycle_self_property(inp: Inputs, rng: random.Random) -> Mutated:
    name = "FuzzNode"
    child: Any = ref(name) if rng.random() < 0.5 else {"allOf": [ref(name)], "nullable": True}
    user = add_schema(
        inp,
        rng,
        name,
        {"type": "object", "properties": {"label": {"type": "string"}, "child": child}},
    )
    return Mutated(inp, f"{name}.child -> {name}, used by {user}", places=(name, user))


@mutation("cycle-array-items")
def cycle_array_items(inp: Inputs, rng: random.Random) -> Mutated:
    name = "FuzzTree"
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {"children": {"type": "array", "items": ref(name)}},
    }
    if rng.random() < 0.5:
        schema["required"] = ["children"]
    user = add_schema(inp, rng, name, schema)
    return Mutated(inp, f"{name}.children: array of {name}, used by {user}", places=(name, user))


@mutation("cycle-additional-properties")
def cycle_additional_properties(inp: Inputs, rng: random.Random) -> Mutated:
    name = "FuzzMap"
    if rng.random() < 0.5:  # the schema itself is a map of itself
        schema: Any = {"type": "object", "additionalProperties": ref(name)}
        how = "additionalProperties"
    else:  # a property of the schema is a map of it
        schema = {
            "type": "object",
            "properties": {"by_key": {"type": "object", "additionalProperties": ref(name)}},
        }
        how = "by_key.additionalProperties"
    user = add_schema(inp, rng, name, schema)
    return Mutated(inp, f"{name}.{how} -> {name}, used by {user}", places=(name, user))


@mutation("cycle-allof")
def cycle_allof(inp: Inputs, rng: random.Random) -> Mutated:
    if rng.random() < 0.5:
        name = "FuzzSelfAll"
        schema: Any = {
            "allOf": [ref(name), {"type": "object", "properties": {"x": {"type": "string"}}}]
        }
        user = add_schema(inp, rng, name, schema)
        return Mutated(inp, f"{name}: allOf [{name}], used by {user}", places=(name, user))
    base, derived = "FuzzBase", "FuzzDerived"
    schemas(inp.spec)[base] = {"type": "object", "properties": {"next": ref(derived)}}
    schemas(inp.spec)[derived] = {
        "allOf": [ref(base), {"type": "object", "properties": {"extra": {"type": "integer"}}}]
    }
    user = attach(inp, rng, "fuzz_derived", ref(derived))
    return Mutated(
        inp, f"{derived}: allOf [{base}], {base}.next -> {derived}", places=(base, derived, user)
    )


@mutation("cycle-mutual")
def cycle_mutual(inp: Inputs, rng: random.Random) -> Mutated:
    a, b = "FuzzAlpha", "FuzzBeta"
    back: Any = ref(a) if rng.random() < 0.5 else {"type": "array", "items": ref(a)}
    schemas(inp.spec)[a] = {"type": "object", "properties": {"beta": ref(b)}}
    schemas(inp.spec)[b] = {"type": "object", "properties": {"alpha": back}}
    user = attach(inp, rng, "fuzz_alpha", ref(a))
    return Mutated(inp, f"{a}.beta -> {b}, {b}.alpha -> {a}, used by {user}", places=(a, b, user))


@mutation("alias-loop")
def alias_loop(inp: Inputs, rng: random.Random) -> Mutated:
    length = rng.choice([1, 2, 3])
    names = [f"FuzzAlias{i}" for i in range(length)]
    for i, name in enumerate(names):
        schemas(inp.spec)[name] = ref(names[(i + 1) % length])
    user = attach(inp, rng, "fuzz_alias", ref(names[0]))
    return Mutated(
        inp,
        f"pure $ref loop {' -> '.join([*names, names[0]])}, used by {user}",
        places=(*names, user),
    )


@mutation("deep-nesting")
def deep_nesting(inp: Inputs, rng: random.Random) -> Mutated:
    depth = rng.choice([12, 40, 120])
    node: Any = {"type": "string"}
    for i in range(depth):
        node = (
            {"type": "array", "items": node}
            if rng.random() < 0.3
            else {"type": "object", "properties": {f"level_{i}": node}}
        )
    user = attach(inp, rng, "fuzz_deep", node)
    return Mutated(inp, f"inline schema {depth} levels deep in {user}.fuzz_deep", places=(user,))


# ---------------------------------------------------------------------- response keys


@mutation("response-2xx")
def response_2xx(inp: Inputs, rng: random.Random) -> Mutated:
    _path, _method, op = pick_op(inp.spec, rng, lambda p, m, o: success(o) is not None)
    status, _response = success(op)  # type: ignore[misc]
    key = rng.choice(["2XX", "2xx", "20X"])
    op["responses"] = {key if k == status else k: v for k, v in op["responses"].items()}
    return Mutated(
        inp,
        f"{op['operationId']}: response {status} keyed {key!r}",
        places=(op["operationId"], key),
    )


@mutation("response-default")
def response_default(inp: Inputs, rng: random.Random) -> Mutated:
    _path, _method, op = pick_op(inp.spec, rng, lambda p, m, o: success(o) is not None)
    status, response = success(op)  # type: ignore[misc]
    if rng.random() < 0.5:  # the only answer is `default`
        op["responses"] = {"default": response}
        how = f"{status} replaced by default"
    else:  # an error answer under `default`
        op["responses"]["default"] = {
            "description": "unexpected error",
            "content": {
                "application/json": {
                    "schema": {"type": "object", "properties": {"error": {"type": "string"}}}
                }
            },
        }
        how = "default error response added"
    return Mutated(inp, f"{op['operationId']}: {how}", places=(op["operationId"], "default"))


@mutation("path-item-ref")
def path_item_ref(inp: Inputs, rng: random.Random) -> Mutated:
    path, _, op = pick_op(inp.spec, rng)
    item = inp.spec["paths"][path]
    variant = rng.choice(["components", "other-path", "dangling"])
    if variant == "components":
        inp.spec.setdefault("components", {}).setdefault("pathItems", {})["FuzzItem"] = item
        inp.spec["paths"][path] = {"$ref": "#/components/pathItems/FuzzItem"}
    elif variant == "other-path":
        escaped = path.replace("~", "~0").replace("/", "~1")
        inp.spec["paths"]["/fuzz-alias"] = {"$ref": f"#/paths/{escaped}"}
    else:
        inp.spec["paths"][path] = {"$ref": "#/components/pathItems/Nowhere"}
    return Mutated(inp, f"path item {path} via $ref ({variant})", places=(path, op["operationId"]))


# ---------------------------------------------------------------------- names


@mutation("tag-sanitises-to-nothing")
def tag_sanitises_to_nothing(inp: Inputs, rng: random.Random) -> Mutated:
    _, _, op = pick_op(inp.spec, rng)
    tag = rng.choice(["!!!", "---", "_", "🚀", " ", "123", "-", "$", "..."])
    op["tags"] = [tag]
    inp.spec.setdefault("tags", []).append({"name": tag, "description": "fuzz"})
    return Mutated(inp, f"{op['operationId']}: tag {tag!r}", places=(op["operationId"], tag))


@mutation("property-leading-digit")
def property_leading_digit(inp: Inputs, rng: random.Random) -> Mutated:
    prop = rng.choice(["1st_place", "2fa", "24h_volume", "0", "3d"])
    user = attach(inp, rng, prop, {"type": "string"})
    if rng.random() < 0.5:
        schemas(inp.spec)[user].setdefault("required", []).append(prop)
    return Mutated(inp, f"{user}.{prop}", places=(user, prop))


RESERVED_BODY_FIELDS = [
    "self",
    "request",
    "timeout",
    "extra_headers",
    "cls",
    "body",
    "params",
    "path_params",
    "builtins",
]


@mutation("body-field-reserved")
def body_field_reserved(inp: Inputs, rng: random.Random) -> Mutated:
    wire = rng.choice(RESERVED_BODY_FIELDS)
    try:
        _, _, op = plain_op(inp, rng, body=True)
        oracle: dict[str, Any] | None = {
            "kind": "body-field",
            "operation": op["operationId"],
            "field": wire,
        }
    except NotApplicable:
        _, _, op = pick_op(inp.spec, rng, lambda p, m, o: json_body(inp.spec, o) is not None)
        oracle = None
    json_body(inp.spec, op)["properties"][wire] = {"type": "string", "description": "fuzz"}  # type: ignore[index]
    return Mutated(
        inp,
        f"{op['operationId']}: body field {wire!r}",
        places=(op["operationId"], wire),
        oracle=oracle,
    )


@mutation("names-collide")
def names_collide(inp: Inputs, rng: random.Random) -> Mutated:
    variant = rng.choice(["properties", "query", "schemas", "tags"])
    if variant == "properties":
        user = attach(inp, rng, "fuzz-field", {"type": "string"})
        schemas(inp.spec)[user]["properties"]["fuzz_field"] = {"type": "integer"}
        return Mutated(
            inp,
            f"{user}: properties 'fuzz-field' and 'fuzz_field'",
            places=(user, "fuzz-field", "fuzz_field"),
        )
    if variant == "query":
        _, _, op = pick_op(inp.spec, rng)
        op.setdefault("parameters", []).extend(
            {"name": n, "in": "query", "schema": {"type": "string"}}
            for n in ("page-size", "page_size")
        )
        return Mutated(
            inp,
            f"{op['operationId']}: query 'page-size' and 'page_size'",
            places=(op["operationId"], "page-size", "page_size"),
        )
    if variant == "schemas":
        for name in ("Fuzz-Thing", "Fuzz_Thing"):
            add_schema(inp, rng, name, {"type": "object", "properties": {"v": {"type": "string"}}})
        return Mutated(
            inp, "schemas 'Fuzz-Thing' and 'Fuzz_Thing'", places=("Fuzz-Thing", "Fuzz_Thing")
        )
    ops = operations(inp.spec)
    if len(ops) < 2:
        raise NotApplicable("one operation")
    (_, _, a), (_, _, b) = rng.sample(ops, 2)
    a["tags"], b["tags"] = ["fuzz-tag"], ["fuzz_tag"]
    return Mutated(
        inp,
        f"tags 'fuzz-tag' ({a['operationId']}) and 'fuzz_tag' ({b['operationId']})",
        places=(a["operationId"], b["operationId"], "fuzz-tag", "fuzz_tag"),
    )


SHADOWED_NAMES = [
    "Field",
    "Literal",
    "BaseModel",
    "Decimal",
    "Any",
    "Optional",
    "ConfigDict",
    "Annotated",
    "datetime",
    "date",
    "builtins",
    "overload",
    "Mapping",
    "list",
    "str",
    "NullAsEmptyList",
]


@mutation("schema-shadows-import")
def schema_shadows_import(inp: Inputs, rng: random.Random) -> Mutated:
    name = rng.choice(SHADOWED_NAMES)
    schema: Any = {"type": "object", "properties": {"value": {"type": "string"}}}
    if name in schemas(inp.spec):
        raise NotApplicable(f"{name} already a schema")
    user = add_schema(inp, rng, name, schema)
    return Mutated(inp, f"schema {name!r}, used by {user}", places=(name, user))


@mutation("keyword-names")
def keyword_names(inp: Inputs, rng: random.Random) -> Mutated:
    word = rng.choice([*keyword.kwlist, "match", "case", "type", "_"])
    variant = rng.choice(["property", "query", "operationId", "tag"])
    if variant == "property":
        user = attach(inp, rng, word, {"type": "string"})
        return Mutated(inp, f"property {user}.{word}", places=(user, word))
    _, _, op = pick_op(inp.spec, rng)
    old = op["operationId"]
    if variant == "query":
        op.setdefault("parameters", []).append(
            {"name": word, "in": "query", "schema": {"type": "string"}}
        )
    elif variant == "operationId":
        if old in overridden(inp):
            raise NotApplicable("overridden operation")
        op["operationId"] = word
    else:
        op["tags"] = [word]
    return Mutated(inp, f"{old}: {variant} {word!r}", places=(old, word))


@mutation("non-ascii-names")
def non_ascii_names(inp: Inputs, rng: random.Random) -> Mutated:
    word = rng.choice(["prix_€", "naïve", "名前", "Ωmega", "ﬁeld", "straße", "café-au-lait", "ä"])
    variant = rng.choice(["property", "query", "schema", "tag"])
    if variant == "property":
        user = attach(inp, rng, word, {"type": "string"})
        return Mutated(inp, f"property {user}.{word}", places=(user, word))
    if variant == "schema":
        user = add_schema(
            inp, rng, word, {"type": "object", "properties": {"v": {"type": "string"}}}
        )
        return Mutated(inp, f"schema {word!r}, used by {user}", places=(user, word))
    _, _, op = pick_op(inp.spec, rng)
    if variant == "query":
        op.setdefault("parameters", []).append(
            {"name": word, "in": "query", "schema": {"type": "string"}}
        )
    else:
        op["tags"] = [word]
    return Mutated(
        inp, f"{op['operationId']}: {variant} {word!r}", places=(op["operationId"], word)
    )


CLIENT_ATTRIBUTES = [
    "request",
    "close",
    "paginate",
    "base_url",
    "from_env",
    "max_retries",
    "is_authenticated",
    "strict_responses",
]


@mutation("resource-shadows-client")
def resource_shadows_client(inp: Inputs, rng: random.Random) -> Mutated:
    name = rng.choice(CLIENT_ATTRIBUTES)
    _, _, op = pick_op(inp.spec, rng)
    opid = op["operationId"]
    variant = rng.choice(["tag", "overrides-operation", "overrides-resources"])
    if variant == "tag":
        op["tags"] = [name]
    elif variant == "overrides-operation":
        entry = inp.overrides.setdefault("operations", {}).setdefault(
            opid, {"reason": "fuzz: placed on a resource"}
        )
        entry["resource"] = name
    else:
        tag = f"fuzztag{rng.randrange(100)}"
        op["tags"] = [tag]
        inp.overrides.setdefault("resources", []).insert(
            0, {"tag": tag, "resource": name, "reason": "fuzz: a resource name"}
        )
    return Mutated(
        inp,
        f"{opid}: resource {name!r} (via {variant})",
        places=(opid, name),
        oracle={"kind": "client-intact", "operation": opid},
    )


# ---------------------------------------------------------------------- text


HOSTILE_TEXT = [
    "nul \x00 byte",
    'triple """ quotes',
    "back\\slash \\n \\x00 \\N{BULLET}",
    "ends with a backslash \\",
    "triple ''' single",
    "{{ jinja }} {% raw %} {# c #}",
    "\x07 bell \x1b[31m",
    "line\u2028separator",
    "carriage\r\nreturn",
    '"""',
    "\\",
    "*/ --> ]]>",
]


@mutation("hostile-description")
def hostile_description(inp: Inputs, rng: random.Random) -> Mutated:
    text = rng.choice(HOSTILE_TEXT)
    _, _, op = pick_op(inp.spec, rng)
    variant = rng.choice(["operation", "summary", "parameter", "schema", "property", "info"])
    place = op["operationId"]
    if variant == "operation":
        op["description"] = text
    elif variant == "summary":
        op["summary"] = text
    elif variant == "parameter":
        op.setdefault("parameters", []).append(
            {"name": "fuzz_note", "in": "query", "description": text, "schema": {"type": "string"}}
        )
    elif variant == "info":
        inp.spec.setdefault("info", {})["title"] = text
        place = "info"
    else:
        names = object_schemas(inp.spec)
        if not names:
            raise NotApplicable("no object schema")
        place = rng.choice(names)
        target = schemas(inp.spec)[place]
        if variant == "property":
            target = rng.choice(
                [p for p in target["properties"].values() if isinstance(p, dict)] or [target]
            )
        target["description"] = text
    return Mutated(inp, f"{variant} of {place}: {text!r}", places=(place,))


@mutation("bad-encoding")
def bad_encoding(inp: Inputs, rng: random.Random) -> Mutated:
    which = rng.choice(["spec", "overrides"])
    variant = rng.choice(["invalid-utf8", "latin-1", "utf8-bom", "utf16", "nul-byte"])
    if which == "overrides" and not inp.overrides:
        inp.overrides = {"version": 1}
    raw = inp.spec_bytes() if which == "spec" else inp.overrides_bytes()
    cut = raw.find(b"\n", len(raw) // 2) + 1
    if variant == "invalid-utf8":
        raw = raw[:cut] + b"# \xff\xfe broken\n" + raw[cut:]
    elif variant == "latin-1":
        raw = raw[:cut] + "# caf\u00e9 in latin-1\n".encode("latin-1") + raw[cut:]
    elif variant == "utf8-bom":
        raw = b"\xef\xbb\xbf" + raw
    elif variant == "utf16":
        raw = raw.decode("utf-8").encode("utf-16")
    else:
        raw = raw[:cut] + b"# nul \x00 byte\n" + raw[cut:]
    if which == "spec":
        inp.spec_raw = raw
    else:
        inp.overrides_raw = raw
    expect = EITHER if variant == "utf8-bom" else REFUSE
    return Mutated(inp, f"{which} file: {variant}", expect=expect, places=(which,))


@mutation("duplicate-key-spec")
def duplicate_key_spec(inp: Inputs, rng: random.Random) -> Mutated:
    variant = rng.choice(["top-level", "path", "property", "operation-field"])
    container: dict[str, Any]
    key: str
    if variant == "top-level":
        container, key = (
            inp.spec,
            rng.choice([k for k in ("info", "paths", "components") if k in inp.spec]),
        )
    elif variant == "path":
        container, key = inp.spec["paths"], rng.choice(list(inp.spec["paths"]))
    elif variant == "property":
        names = object_schemas(inp.spec)
        if not names:
            raise NotApplicable("no object schema")
        container = schemas(inp.spec)[rng.choice(names)]["properties"]
        if not container:
            raise NotApplicable("no property")
        key = rng.choice(list(container))
    else:
        _, _, container = pick_op(inp.spec, rng)
        key = "operationId"
    inp.spec_raw = placeholder_dup(inp.spec, container, key)
    return Mutated(
        inp, f"spec: key {key!r} twice ({variant})", expect=REFUSE, places=(key, "duplicate")
    )


# ---------------------------------------------------------------------- media types, parameters


@mutation("header-param")
def header_param(inp: Inputs, rng: random.Random) -> Mutated:
    _, _, op = plain_op(inp, rng)
    header = rng.choice(["X-Fuzz-Trace", "Idempotency-Key", "X-Request-Id", "X-Client-Tag"])
    required = rng.random() < 0.3
    param = {
        "name": header,
        "in": "header",
        "required": required,
        "description": "fuzz header",
        "schema": {"type": "string"},
    }
    op.setdefault("parameters", []).append(param)
    return Mutated(
        inp,
        f"{op['operationId']}: {'required' if required else 'optional'} header {header}",
        places=(op["operationId"], header),
        oracle={
            "kind": "header",
            "operation": op["operationId"],
            "header": header,
            "required": required,
        },
    )


@mutation("json-media-type")
def json_media_type(inp: Inputs, rng: random.Random) -> Mutated:
    _, _, op = plain_op(inp, rng)
    status, response = success(op)  # type: ignore[misc]
    media = rng.choice(
        [
            "application/json; charset=utf-8",
            "application/problem+json",
            "application/vnd.kalshi+json",
            "application/json;charset=UTF-8",
            "Application/JSON",
        ]
    )
    response["content"] = {media: response["content"]["application/json"]}
    return Mutated(
        inp,
        f"{op['operationId']}: {status} answer typed {media!r}",
        places=(op["operationId"], media),
        oracle={
            "kind": "body",
            "operation": op["operationId"],
            "content_type": media,
            "body": "{}",
            "want": "parsed",
        },
    )


@mutation("non-json-response")
def non_json_response(inp: Inputs, rng: random.Random) -> Mutated:
    _, _, op = plain_op(inp, rng)
    status, response = success(op)  # type: ignore[misc]
    media = rng.choice(["text/plain", "application/octet-stream", "text/csv"])
    schema = (
        {"type": "string", "format": "binary"}
        if media == "application/octet-stream"
        else {"type": "string"}
    )
    response["content"] = {media: {"schema": schema}}
    return Mutated(
        inp,
        f"{op['operationId']}: {status} answer is {media}",
        places=(op["operationId"], media),
        oracle={
            "kind": "body",
            "operation": op["operationId"],
            "content_type": media,
            "body": "fuzz,body",
            "want": "raw",
        },
    )


@mutation("cookie-param")
def cookie_param(inp: Inputs, rng: random.Random) -> Mutated:
    path, _, op = pick_op(inp.spec, rng)
    op.setdefault("parameters", []).append(
        {
            "name": "session",
            "in": "cookie",
            "required": rng.random() < 0.5,
            "schema": {"type": "string"},
        }
    )
    return Mutated(
        inp,
        f"{op['operationId']}: cookie parameter 'session'",
        expect=REFUSE,
        places=(op["operationId"], path),
    )


@mutation("multipart-body")
def multipart_body(inp: Inputs, rng: random.Random) -> Mutated:
    path, _, op = pick_op(inp.spec, rng, lambda p, m, o: m in ("post", "put", "patch"))
    media = rng.choice(["multipart/form-data", "multipart/mixed"])
    op["requestBody"] = {
        "required": True,
        "content": {
            media: {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            }
        },
    }
    return Mutated(
        inp,
        f"{op['operationId']}: {media} request body",
        expect=REFUSE,
        places=(op["operationId"], path),
    )


@mutation("path-placeholder-no-param")
def path_placeholder_no_param(inp: Inputs, rng: random.Random) -> Mutated:
    path, _, op = pick_op(inp.spec, rng)
    new = path.rstrip("/") + rng.choice(["/{ghost_id}", "/{}", "/{ghost-id}/x"])
    if new in inp.spec["paths"]:
        raise NotApplicable("path exists")
    inp.spec["paths"] = {new if k == path else k: v for k, v in inp.spec["paths"].items()}
    return Mutated(
        inp,
        f"path {path} -> {new} (no parameter)",
        expect=REFUSE,
        places=(new, path, op["operationId"], "ghost"),
    )


# ---------------------------------------------------------------------- overrides


@mutation("overlay-invalid-document")
def overlay_invalid_document(inp: Inputs, rng: random.Random) -> Mutated:
    path, method, _op = pick_op(inp.spec, rng)
    target = f"$.paths['{path}'].{method}"
    variant = rng.choice(
        [
            "remove-info",
            "responses-scalar",
            "dangling-ref",
            "remove-used-schema",
            "operation-id-int",
            "parameters-mapping",
        ]
    )
    action: dict[str, Any]
    if variant == "remove-info":
        action = {"target": "$.info", "remove": True}
    elif variant == "responses-scalar":
        action = {"target": target, "update": {"responses": "oops"}}
    elif variant == "dangling-ref":
        action = {
            "target": target,
            "update": {"responses": {"200": {"$ref": "#/components/responses/Nowhere"}}},
        }
    elif variant == "operation-id-int":
        action = {"target": target, "update": {"operationId": 12}}
    elif variant == "parameters-mapping":
        action = {"target": target, "update": {"parameters": {"name": "x"}}}
    else:
        text = repr(inp.spec)
        used = [n for n in schemas(inp.spec) if f"'#/components/schemas/{n}'" in text]
        if not used:
            raise NotApplicable("no referenced schema")
        action = {"target": f"$.components.schemas['{rng.choice(used)}']", "remove": True}
    action["reason"] = "fuzz: an overlay that breaks the document"
    inp.overrides.setdefault("overlay", []).append(action)
    return Mutated(
        inp, f"overlay {variant} ({action['target']})", expect=REFUSE, places=("overlay",)
    )


def _op_entry(inp: Inputs, rng: random.Random) -> tuple[str, dict[str, Any]]:
    """An operations entry of the overrides (an existing one, or a new, valid one)."""
    entries = inp.overrides.setdefault("operations", {})
    if entries and rng.random() < 0.5:
        opid = rng.choice(list(entries))
    else:
        opid = pick_op(inp.spec, rng)[2]["operationId"]
        entries.setdefault(opid, {"reason": "fuzz: an entry to break"})
    return opid, entries[opid]


@mutation("duplicate-key-overrides")
def duplicate_key_overrides(inp: Inputs, rng: random.Random) -> Mutated:
    opid, entry = _op_entry(inp, rng)
    inp.overrides.setdefault("version", 1)
    variant = rng.choice(["operations", "entry", "reason"])
    if variant == "operations":
        container, key = inp.overrides, "operations"
    elif variant == "entry":
        container, key = inp.overrides["operations"], opid
    else:
        container, key = entry, "reason"
    inp.overrides_raw = placeholder_dup(inp.overrides, container, key)
    return Mutated(
        inp, f"overrides: key {key!r} twice ({variant})", expect=REFUSE, places=(key, "duplicate")
    )


@mutation("overrides-wrong-scalar")
def overrides_wrong_scalar(inp: Inputs, rng: random.Random) -> Mutated:
    variant = rng.choice(
        ["auth", "empty_json_body", "reason", "version", "params", "resources", "types"]
    )
    if variant in ("auth", "empty_json_body"):
        opid, entry = _op_entry(inp, rng)
        entry[variant] = rng.choice(["yes", "true", 1, "no"])
        where = f"operations.{opid}.{variant}"
    elif variant == "reason":
        opid, entry = _op_entry(inp, rng)
        entry["reason"] = rng.choice([12, True, ["a list"]])
        where = f"operations.{opid}.reason"
    elif variant == "params":
        opid, entry = _op_entry(inp, rng)
        entry["params"] = ["limit"]
        where = f"operations.{opid}.params"
    elif variant == "version":
        inp.overrides["version"] = rng.choice(["1", 1.0, 2])
        where = "version"
    elif variant == "resources":
        inp.overrides["resources"] = {"tag": "x", "resource": "y", "reason": "fuzz: not a list"}
        where = "resources"
    else:
        inp.overrides.setdefault("types", {})["FuzzType"] = {
            "python": 1,
            "reason": "fuzz: wrong type",
        }
        where = "types.FuzzType.python"
    return Mutated(
        inp, f"overrides {where}: wrongly typed", expect=REFUSE, places=(where.split(".")[0], where)
    )


@mutation("overrides-blank-reason")
def overrides_blank_reason(inp: Inputs, rng: random.Random) -> Mutated:
    opid, entry = _op_entry(inp, rng)
    entry["reason"] = rng.choice(["", "  ", None, "\t\n"])
    return Mutated(
        inp,
        f"overrides operations.{opid}.reason blank ({entry['reason']!r})",
        expect=REFUSE,
        places=(opid, "reason"),
    )


# ---------------------------------------------------------------------- campaign helpers


def catalogue() -> list[str]:
    return list(MUTATIONS)


def sweep(count: int, seed: int) -> Iterator[tuple[int, str, int]]:
    """(index, mutation name, case seed) for `count` cases, rotating through every class."""
    names = catalogue()
    master = random.Random(seed)
    for i in range(count):
        yield i, names[i % len(names)], master.randrange(2**32)


def mutate(name: str, inputs: Inputs, seed: int, attempts: int = 8) -> Mutated | None:
    """Mutation `name` with a seeded rng; None when the document has nothing it fits."""
    rng = random.Random(seed)
    for _ in range(attempts):
        try:
            return apply(name, inputs, rng)
        except NotApplicable:
            continue
    return None

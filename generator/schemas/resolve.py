"""Stage 2: resolve and normalise schemas (`$ref`, `nullable`, `allOf`) into IR types.

Works on the plain document: openapi-pydantic validates its shape in `spec.py`, but it
turns a `$ref` with sibling keys into either a Reference or a Schema depending on the
siblings, so the resolver reads the dict, where the rules below are explicit:

- `$ref` or `allOf: [$ref]` with `nullable: true` beside it is `X | None`;
- `$ref` with sibling `type` / `description` is the referenced type (siblings are docs);
- an array without `items` is a list of unknown values, with a warning;
- scalar component schemas are inlined (`ExchangeIndex` -> int), except the ones
  overrides.yaml maps to a type (`FixedPointDollars` -> Decimal, `PriceLevelDollarsCountFp`
  -> tuple[Decimal, Decimal]).

Schema graphs (issue 11):
- cycles through object models are fine (a model refers to another by name); a cycle through
  aliases only (`A: {$ref: B}`, `B: {$ref: A}`, `A: {allOf: [{$ref: A}]}`) defines no type
  and is an error naming the loop; a scalar/array/map alias that contains itself
  (`A: {type: array, items: {$ref: A}}`) is read as Any where it recurses, with a warning;
- `allOf`: the parts are merged in order (nested `allOf` and `$ref`s flattened, a part that
  refers back to a schema being merged adds nothing); when parts disagree on a property's
  type, the last part wins with a warning; an `allOf` of non-object parts is the type they
  agree on (the last typed part, with a warning, when they do not);
- weird but parseable schemas (`true`, `enum: []`, unknown `type`, `required: true`,
  `properties: null`, ...) are read as the nearest working type with a warning; what cannot
  be read (a schema that is a number, a `$ref` that is not a string) is a GeneratorError
  naming the place; types nested deeper than MAX_TYPE_DEPTH are refused the same way.
"""

from __future__ import annotations

from typing import Any

from .. import ir
from ..errors import GeneratorError
from ..naming import ModelNames, singular

Schema = dict[str, Any]

COMPONENT_PREFIX = "#/components/schemas/"
# arrays of arrays / maps nested deeper than this are refused: Python's parser allows at most
# 200 nested brackets in an annotation, and nobody means a 100-deep list
MAX_TYPE_DEPTH = 100
_SCALARS = frozenset({"string", "integer", "number", "boolean", "null"})
# keys of a schema that say something about the values (others are documentation)
_TYPING_KEYS = frozenset(
    {"$ref", "type", "enum", "format", "items", "properties", "additionalProperties",
     "allOf", "anyOf", "oneOf", "const"}
)  # fmt: skip


class Resolver:
    def __init__(
        self, doc: dict[str, Any], *, source: str, mapped_types: dict[str, ir.TypeRef]
    ) -> None:
        self.doc = doc
        self.source = source
        components = doc.get("components") or {}
        if not isinstance(components, dict):
            raise GeneratorError("`components` must be a mapping", where=self._at("components"))
        self.components: dict[str, Any] = components
        schemas = components.get("schemas") or {}
        if not isinstance(schemas, dict):
            raise GeneratorError(
                "`components.schemas` must be a mapping", where=self._at("components/schemas")
            )
        for name, schema in schemas.items():
            if not isinstance(schema, (dict, bool)):
                raise GeneratorError(
                    f"schema must be a mapping, not {_shown(schema)}",
                    where=self._at(f"{COMPONENT_PREFIX}{name}"),
                )
        self.schemas: dict[str, Schema] = {
            str(name): schema if isinstance(schema, dict) else _boolean_schema(schema)
            for name, schema in schemas.items()
        }
        self.mapped_types = mapped_types  # component schemas overrides.yaml maps to a type
        self.warnings: list[ir.Warning_] = []
        # inline object schemas that need a model of their own: name -> (schema, where)
        self.inline_models: dict[str, tuple[Schema, str]] = {}
        self._inlining: set[str] = set()  # component aliases being inlined right now
        self._depth = 0  # nesting of the type being resolved (items, values, union parts)
        self._check_alias_loops()
        # Python class names of the models, unique by construction (naming.ModelNames)
        self.model_names = ModelNames(
            [n for n, s in self.schemas.items() if self._becomes_model(n, s)]
        )
        for schema_name, candidate, chosen in self.model_names.renamed:
            self.warn(
                f"{COMPONENT_PREFIX}{schema_name}",
                f"the class name {candidate!r} is taken by another schema; named {chosen!r}",
            )

    def _becomes_model(self, name: str, schema: Schema) -> bool:
        """A component schema that may become a model class (build_models decides)."""
        return name not in self.mapped_types and (
            "enum" in schema or self.is_object(schema, component=True)
        )

    # ------------------------------------------------------------------ references

    def follow(self, obj: Any, where: str) -> Any:
        """Follow local `$ref`s of parameters, responses and request bodies."""
        seen: set[str] = set()
        while isinstance(obj, dict) and "$ref" in obj:
            ref = obj["$ref"]
            if not isinstance(ref, str):
                raise GeneratorError(
                    f"$ref must be a string, not {_shown(ref)}", where=self._at(where)
                )
            if ref in seen:
                raise GeneratorError(f"circular $ref {ref!r}", where=self._at(where))
            seen.add(ref)
            obj = self._lookup(ref, where)
        return obj

    def _lookup(self, ref: Any, where: str) -> Any:
        if not isinstance(ref, str):
            raise GeneratorError(f"$ref must be a string, not {_shown(ref)}", where=self._at(where))
        if not ref.startswith("#/"):
            raise GeneratorError(
                f"unsupported $ref {ref!r} (only local refs)", where=self._at(where)
            )
        node: Any = self.doc
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise GeneratorError(f"unresolvable $ref {ref!r}", where=self._at(where))
            node = node[part]
        return node

    def schema_name(self, ref: Any, where: str) -> str:
        self._lookup(ref, where)
        name = _component_name(ref)
        if name is None:
            raise GeneratorError(
                f"schema $ref {ref!r} is not a component schema", where=self._at(where)
            )
        return name

    def _at(self, where: str) -> str:
        return f"{self.source}: {where}"

    def _check_alias_loops(self) -> None:
        """A component that only renames another (`$ref`, `allOf: [$ref]`) must end somewhere."""
        done: set[str] = set()
        for start in self.schemas:
            chain: list[str] = []
            name: str | None = start
            while name is not None and name not in done and name not in self.mapped_types:
                if name in chain:
                    loop = chain[chain.index(name) :] + [name]
                    raise GeneratorError(
                        f"$ref loop {' -> '.join(loop)}: these schemas only refer to each "
                        "other and define no type",
                        where=self._at(COMPONENT_PREFIX + loop[0]),
                    )
                chain.append(name)
                schema = self.schemas.get(name)
                if schema is None or "enum" in schema or self.is_object(schema, component=True):
                    break
                ref = self.single_ref(schema)
                name = _component_name(ref) if isinstance(ref, str) else None
            done.update(chain)

    # ------------------------------------------------------------------ classification

    @staticmethod
    def single_ref(schema: Schema) -> Any:
        """`$ref` directly, or the sole `$ref` inside `allOf` (with no properties beside it).

        The value is returned as it is (a non-string is reported where it is followed)."""
        if "$ref" in schema:
            return schema["$ref"]
        all_of = schema.get("allOf")
        if (
            isinstance(all_of, list)
            and len(all_of) == 1
            and isinstance(all_of[0], dict)
            and "$ref" in all_of[0]
            and not schema.get("properties")
        ):
            return all_of[0]["$ref"]
        return None

    @staticmethod
    def is_nullable(schema: Schema) -> bool:
        kind = schema.get("type")
        return schema.get("nullable") is True or (isinstance(kind, list) and "null" in kind)

    @staticmethod
    def kind_of(schema: Schema) -> str | None:
        kind = schema.get("type")
        if isinstance(kind, list):  # OpenAPI 3.1: ["string", "null"]
            kinds = [k for k in kind if k != "null"]
            return kinds[0] if len(kinds) == 1 and isinstance(kinds[0], str) else None
        return kind if isinstance(kind, str) else None

    def is_object(self, schema: Schema, *, component: bool = False) -> bool:
        """An object with named fields; a component `type: object` without any is one too."""
        if not isinstance(schema, dict):
            return False
        kind = self.kind_of(schema)
        if "properties" in schema and kind in (None, "object"):
            return True
        if self._all_of(schema) and self.single_ref(schema) is None:
            leaves = self._all_of_leaves(schema, "", quiet=True)
            return any(self._object_like(part) for part, _ in leaves)
        return component and kind == "object" and not schema.get("additionalProperties")

    def _object_like(self, schema: Schema) -> bool:
        return ("properties" in schema and self.kind_of(schema) in (None, "object")) or (
            self.kind_of(schema) == "object" and not schema.get("additionalProperties")
        )

    @staticmethod
    def _all_of(schema: Schema) -> list[Any]:
        parts = schema.get("allOf")
        return parts if isinstance(parts, list) else []

    def _all_of_leaves(
        self, schema: Schema, where: str, seen: frozenset[str] = frozenset(), *, quiet: bool
    ) -> list[tuple[Schema, str]]:
        """The parts of `schema`'s allOf, refs followed and nested allOfs flattened (a part's
        own allOf before the part), in order; a part that refers back to a schema being merged
        adds nothing (A = A and X is X). `quiet`: classify only, report nothing."""
        leaves: list[tuple[Schema, str]] = []
        for i, part in enumerate(self._all_of(schema)):
            here = f"{where}/allOf/{i}"
            chain = set(seen)
            while isinstance(part, dict) and "$ref" in part:
                ref = part["$ref"]
                if not isinstance(ref, str) or ref in chain:
                    part = None  # a loop, or a bad $ref (reported where it is resolved)
                    break
                chain.add(ref)
                try:
                    part = self._lookup(ref, here)
                except GeneratorError:
                    if not quiet:
                        raise
                    part = None
            if isinstance(part, bool):
                continue
            if not isinstance(part, dict):
                if part is not None and not quiet:
                    self.warn(here, f"allOf part is not a schema ({_shown(part)}); ignored")
                continue
            leaves.extend(self._all_of_leaves(part, here, frozenset(chain), quiet=quiet))
            leaves.append((part, here))
        return leaves

    def merged_properties(self, schema: Schema, where: str) -> tuple[dict[str, Any], set[str]]:
        """Properties and required names of an object schema, `allOf` parts merged in order."""
        props: dict[str, Any] = {}
        required: set[str] = set()
        seen = frozenset({where}) if where.startswith(COMPONENT_PREFIX) else frozenset()
        leaves = [*self._all_of_leaves(schema, where, seen, quiet=False), (schema, where)]
        odd = sorted({str(self.kind_of(p)) for p, _ in leaves} - {"None", "object"})
        if odd:
            self.warn(
                where,
                f"allOf mixes object and {'/'.join(odd)} parts: read as an object",
            )
        for part, here in leaves:
            own = part.get("properties")
            if own is not None and not isinstance(own, dict):
                self.warn(here, f"`properties` is not a mapping ({_shown(own)}); ignored")
                own = None
            for wire, prop in (own or {}).items():
                if wire in props and self._shape(props[wire]) != self._shape(prop):
                    old, new = self._shape(props[wire]), self._shape(prop)
                    if old is not None and new is not None:
                        self.warn(
                            f"{here}/properties/{wire}",
                            f"allOf parts disagree on property {wire!r} ({old} vs {new}): "
                            "the last definition is used",
                        )
                props[wire] = prop  # the last definition wins, at the first one's position
            names = part.get("required")
            if names is None:
                continue
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                self.warn(here, f"`required` is not a list of names ({_shown(names)}); ignored")
                continue
            required |= set(names)
        return props, required

    def _shape(self, schema: Any, depth: int = 0) -> str | None:
        """What kind of value a schema describes, refs followed: for allOf conflict warnings."""
        if not isinstance(schema, dict) or depth > 20:
            return None
        ref = self.single_ref(schema)
        if isinstance(ref, str):
            target = _component_name(ref)
            if target in self.mapped_types:
                return target
            try:
                return self._shape(self._lookup(ref, ""), depth + 1)
            except GeneratorError:
                return None
        if self.is_object(schema, component=True):
            return "object"
        return self.kind_of(schema)

    # ------------------------------------------------------------------ types

    def type_of(self, schema: Any, where: str, *, name_hint: str) -> ir.TypeRef:
        if isinstance(schema, bool):  # OpenAPI 3.1 / JSON Schema: `true` is any value
            if schema is False:
                self.warn(where, "schema `false` (no value is valid): read as Any")
            return ir.AnyValue()
        if not isinstance(schema, dict):
            raise GeneratorError(
                f"schema must be a mapping, not {_shown(schema)}", where=self._at(where)
            )
        base = self._base_type(schema, where, name_hint=name_hint)
        if self.is_nullable(schema) and not isinstance(base, ir.Nullable):
            return ir.Nullable(base)
        return base

    def _nested(self, schema: Any, where: str, *, name_hint: str) -> ir.TypeRef:
        """The type of a part of a type (items, values, union members), depth checked."""
        if self._depth >= MAX_TYPE_DEPTH:
            parts = where.split("/")
            shown = "/".join(parts[:8]) + ("/..." if len(parts) > 8 else "")
            raise GeneratorError(
                f"types nested more than {MAX_TYPE_DEPTH} levels deep (arrays of arrays ...)",
                where=self._at(shown),
            )
        self._depth += 1
        try:
            return self.type_of(schema, where, name_hint=name_hint)
        finally:
            self._depth -= 1

    def _base_type(self, schema: Schema, where: str, *, name_hint: str) -> ir.TypeRef:
        ref = self.single_ref(schema)
        if ref is not None:
            return self.type_of_component(self.schema_name(ref, where), where)
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                return self._union(schema[key], f"{where}/{key}", name_hint=name_hint)
        if "enum" in schema:
            values = self.enum_values(schema, where)
            if values:
                return ir.LiteralOf(values)
        if self.is_object(schema):
            name, candidate = self.model_names.inline(name_hint, where)
            if name != candidate and name not in self.inline_models:
                self.warn(
                    where,
                    f"the class name {candidate!r} of this inline schema is taken; named {name!r}",
                )
            self.inline_models.setdefault(name, (schema, where))
            return ir.ModelRef(name)
        if self._all_of(schema):
            return self._merged_scalar(schema, where, name_hint=name_hint)
        kind = self.kind_of(schema)
        if kind == "array":
            if "items" not in schema:
                self.warn(where, "array without `items`: read as a list of unknown values")
                return ir.ListOf(ir.AnyValue())
            return ir.ListOf(
                self._nested(schema["items"], f"{where}/items", name_hint=singular(name_hint))
            )
        if kind == "object" or (kind is None and "additionalProperties" in schema):
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return ir.DictOf(
                    self._nested(
                        extra, f"{where}/additionalProperties", name_hint=name_hint + "Value"
                    )
                )
            return ir.DictOf(ir.AnyValue())
        declared = schema.get("type")
        if declared is not None and kind not in _SCALARS:
            self.warn(where, f"type {_shown(declared)} is not one type we know: read as Any")
        return _scalar(kind, schema.get("format"))

    def enum_values(self, schema: Schema, where: str) -> tuple[str | int | bool, ...]:
        """The values an `enum` allows that a `Literal` can hold; () when none (with a
        warning): the schema is then read as its type without the enum."""
        raw = schema["enum"]
        if not isinstance(raw, list):
            self.warn(where, f"`enum` is not a list ({_shown(raw)}): ignored")
            return ()
        values: list[str | int | bool] = []
        seen: set[tuple[type, Any]] = set()
        for value in raw:
            if value is None:
                continue
            if not isinstance(value, (str, int, bool)):
                self.warn(
                    where,
                    f"enum value {_shown(value)} cannot be a Literal: the enum is read as its type",
                )
                return ()
            if (type(value), value) not in seen:
                seen.add((type(value), value))
                values.append(value)
        if not values and not any(v is None for v in raw):
            self.warn(where, "empty `enum`: read as its type")
        return tuple(values)

    def _merged_scalar(self, schema: Schema, where: str, *, name_hint: str) -> ir.TypeRef:
        """`allOf` of parts that are not objects: the type they agree on."""
        typed = [
            (part, f"{where}/allOf/{i}")
            for i, part in enumerate(self._all_of(schema))
            if isinstance(part, dict) and _TYPING_KEYS & set(part)
        ]
        if not typed:
            return ir.AnyValue()
        shapes = [self._shape(part) for part, _ in typed]
        if len(set(shapes)) > 1:
            self.warn(
                where,
                f"allOf parts disagree ({' vs '.join(str(s) for s in shapes)}): "
                "the last typed part is used",
            )
        part, here = typed[-1]
        return self.type_of(part, here, name_hint=name_hint)

    def _union(self, parts: list[Any], where: str, *, name_hint: str) -> ir.TypeRef:
        """`anyOf`/`oneOf`: `[X, {type: null}]` is `X | None`; wider unions are read as Any."""
        real = [p for p in parts if not (isinstance(p, dict) and p.get("type") == "null")]
        if len(real) == 1:
            inner = self._nested(real[0], f"{where}/0", name_hint=name_hint)
            return ir.Nullable(inner) if len(real) < len(parts) else inner
        self.warn(where, f"union of {len(real)} schemas is not supported: read as Any")
        return ir.AnyValue()

    def warn(self, where: str, message: str) -> None:
        """Record a spec warning once, however often the schema is used."""
        warning = ir.Warning_(where, message)
        if warning not in self.warnings:
            self.warnings.append(warning)

    def type_of_component(self, name: str, where: str) -> ir.TypeRef:
        if name in self.mapped_types:
            return self.mapped_types[name]
        schema = self.schemas[name]
        if ("enum" in schema and self.enum_values(schema, COMPONENT_PREFIX + name)) or (
            self.is_object(schema, component=True)
        ):
            return ir.ModelRef(name)
        ref = self.single_ref(schema)
        if ref is not None:  # an alias of another component (chains end: _check_alias_loops)
            inner = self.type_of_component(self.schema_name(ref, where), where)
            if self.is_nullable(schema) and not isinstance(inner, ir.Nullable):
                return ir.Nullable(inner)
            return inner
        if name in self._inlining:
            # an alias that contains itself through items or values: read as Any there
            self.warn(
                COMPONENT_PREFIX + name,
                f"{name} contains itself through arrays or maps: read as Any where it recurses",
            )
            return ir.AnyValue()
        self._inlining.add(name)
        try:  # scalar or array alias: inline it
            return self.type_of(schema, COMPONENT_PREFIX + name, name_hint=name)
        finally:
            self._inlining.discard(name)


def _component_name(ref: Any) -> str | None:
    """`#/components/schemas/A~1B` -> "A/B"; None for any other pointer."""
    if not isinstance(ref, str) or not ref.startswith(COMPONENT_PREFIX):
        return None
    rest = ref[len(COMPONENT_PREFIX) :]
    if not rest or "/" in rest:
        return None
    return rest.replace("~1", "/").replace("~0", "~")


def _boolean_schema(value: bool) -> Schema:
    """A component `true`/`false` (OpenAPI 3.1): a schema that says nothing."""
    return {} if value else {"not": {}}


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _scalar(kind: str | None, fmt: Any) -> ir.TypeRef:
    if kind == "string":
        if fmt == "date-time":
            return ir.Primitive("datetime")
        if fmt == "date":
            return ir.Primitive("date")
        return ir.Primitive("str")
    if kind == "integer":
        return ir.Primitive("int")
    if kind == "number":
        return ir.Primitive("float")
    if kind == "boolean":
        return ir.Primitive("bool")
    return ir.AnyValue()

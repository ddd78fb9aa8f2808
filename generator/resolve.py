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
"""

from __future__ import annotations

from typing import Any

from . import ir
from .errors import GeneratorError
from .naming import pascal, singular

Schema = dict[str, Any]


class Resolver:
    def __init__(
        self, doc: dict[str, Any], *, source: str, mapped_types: dict[str, ir.TypeRef]
    ) -> None:
        self.doc = doc
        self.source = source
        self.components: dict[str, Any] = doc.get("components") or {}
        self.schemas: dict[str, Schema] = self.components.get("schemas") or {}
        self.mapped_types = mapped_types  # component schemas overrides.yaml maps to a type
        self.warnings: list[ir.Warning_] = []
        # inline object schemas that need a model of their own: name -> (schema, where)
        self.inline_models: dict[str, tuple[Schema, str]] = {}

    # ------------------------------------------------------------------ references

    def follow(self, obj: Any, where: str) -> Any:
        """Follow local `$ref`s of parameters, responses and request bodies."""
        seen: set[str] = set()
        while isinstance(obj, dict) and "$ref" in obj:
            ref = obj["$ref"]
            if ref in seen:
                raise GeneratorError(f"circular $ref {ref!r}", where=self._at(where))
            seen.add(ref)
            obj = self._lookup(ref, where)
        return obj

    def _lookup(self, ref: str, where: str) -> Any:
        if not isinstance(ref, str) or not ref.startswith("#/"):
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

    def schema_name(self, ref: str, where: str) -> str:
        prefix = "#/components/schemas/"
        if not ref.startswith(prefix):
            raise GeneratorError(
                f"schema $ref {ref!r} is not a component schema", where=self._at(where)
            )
        self._lookup(ref, where)
        return ref[len(prefix) :]

    def _at(self, where: str) -> str:
        return f"{self.source}: {where}"

    # ------------------------------------------------------------------ classification

    @staticmethod
    def single_ref(schema: Schema) -> str | None:
        """`$ref` directly, or the sole `$ref` inside `allOf`."""
        if "$ref" in schema:
            return str(schema["$ref"])
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
            inner = all_of[0]
            if "$ref" in inner:
                return str(inner["$ref"])
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
            return kinds[0] if len(kinds) == 1 else None
        return kind if isinstance(kind, str) else None

    def is_object(self, schema: Schema, *, component: bool = False) -> bool:
        """An object with named fields; a component `type: object` without any is one too."""
        if self._is_merged_all_of(schema):
            return True
        kind = self.kind_of(schema)
        if "properties" in schema and kind in (None, "object"):
            return True
        return component and kind == "object" and not schema.get("additionalProperties")

    def _is_merged_all_of(self, schema: Schema) -> bool:
        return isinstance(schema.get("allOf"), list) and len(schema["allOf"]) > 1

    def merged_properties(self, schema: Schema, where: str) -> tuple[dict[str, Schema], set[str]]:
        """Properties and required names of an object schema, `allOf` parts merged in order."""
        props: dict[str, Schema] = {}
        required: set[str] = set(schema.get("required") or [])
        for i, part in enumerate(schema.get("allOf") or []):
            part = self.follow(part, f"{where}/allOf/{i}")
            sub_props, sub_req = self.merged_properties(part, f"{where}/allOf/{i}")
            props.update(sub_props)
            required |= sub_req
        props.update(schema.get("properties") or {})
        return props, required

    # ------------------------------------------------------------------ types

    def type_of(self, schema: Any, where: str, *, name_hint: str) -> ir.TypeRef:
        if not isinstance(schema, dict):
            raise GeneratorError("schema must be a mapping", where=self._at(where))
        base = self._base_type(schema, where, name_hint=name_hint)
        if self.is_nullable(schema) and not isinstance(base, ir.Nullable):
            return ir.Nullable(base)
        return base

    def _base_type(self, schema: Schema, where: str, *, name_hint: str) -> ir.TypeRef:
        ref = self.single_ref(schema)
        if ref is not None:
            return self.type_of_component(self.schema_name(ref, where), where)
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                return self._union(schema[key], f"{where}/{key}", name_hint=name_hint)
        if "enum" in schema:
            return ir.LiteralOf(tuple(v for v in schema["enum"] if v is not None))
        if self.is_object(schema):
            name = pascal(name_hint)
            self.inline_models.setdefault(name, (schema, where))
            return ir.ModelRef(name)
        kind = self.kind_of(schema)
        if kind == "array":
            if "items" not in schema:
                self.warn(where, "array without `items`: read as a list of unknown values")
                return ir.ListOf(ir.AnyValue())
            return ir.ListOf(
                self.type_of(schema["items"], f"{where}/items", name_hint=singular(name_hint))
            )
        if kind == "object" or (kind is None and "additionalProperties" in schema):
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                return ir.DictOf(
                    self.type_of(
                        extra, f"{where}/additionalProperties", name_hint=name_hint + "Value"
                    )
                )
            return ir.DictOf(ir.AnyValue())
        return _scalar(kind, schema.get("format"))

    def _union(self, parts: list[Any], where: str, *, name_hint: str) -> ir.TypeRef:
        """`anyOf`/`oneOf`: `[X, {type: null}]` is `X | None`; wider unions are read as Any."""
        real = [p for p in parts if not (isinstance(p, dict) and p.get("type") == "null")]
        if len(real) == 1:
            inner = self.type_of(real[0], f"{where}/0", name_hint=name_hint)
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
        ref = self.single_ref(schema)
        if "enum" in schema or self.is_object(schema, component=True):
            return ir.ModelRef(name)
        if ref is not None:
            inner = self.type_of_component(self.schema_name(ref, where), where)
            return ir.Nullable(inner) if self.is_nullable(schema) else inner
        # scalar or array alias: inline it
        return self.type_of(schema, f"#/components/schemas/{name}", name_hint=name)


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

"""overrides.yaml: its schema, and the strict rules for loading it.

Every entry carries a `reason`. Unknown keys, wrong types and a missing reason are errors
that name the entry. Applying the entries happens in `apply_overrides.py` (spec-level
overlay) and `build.py` (generator-level choices); both fail on an entry that no longer
matches the spec, so a spec update never turns an override into a silent no-op.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from ..documents.load import load_document
from ..errors import GeneratorError

_Schema = TypeVar("_Schema", bound=BaseModel)  # an overrides file's root model


class _Entry(BaseModel):
    # strict: `auth: 'yes'` or `reason: 12` is a mistake to report, not a value to coerce
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Reasoned(_Entry):
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]


class OverlayAction(Reasoned):
    """OpenAPI Overlay-shaped spec patch: a JSONPath-like target plus update and/or remove."""

    target: str
    update: Any = None
    remove: bool = False


class TypeMapping(Reasoned):
    """A component schema read as a Python type: money and counts as Decimal (`python`), or
    a fixed-length array of them as a tuple (`items`, e.g. an order book `[price, size]`)."""

    python: Literal["dollars", "count"] | None = None
    items: list[Literal["dollars", "count"]] | None = Field(default=None, min_length=1)

    @model_validator(mode="after")
    def _one_shape(self) -> TypeMapping:
        if (self.python is None) == (self.items is None):
            raise ValueError("give exactly one of `python` and `items`")
        return self


class ResourcePlacement(Reasoned):
    """Operations whose path starts with `path_prefix` (or whose tag is `tag`) go to `resource`."""

    resource: str
    path_prefix: str | None = None
    tag: str | None = None


class AddedParameter(Reasoned):
    """A parameter the spec does not define (yet), e.g. a reserved one.

    If the spec defines a parameter of that name, the spec's definition wins and the
    entry is reported as redundant.
    """

    name: str
    location: Literal["query", "body"] = Field(alias="in")
    type: Literal["integer", "string", "boolean"]
    description: str
    allowed: list[int | str] | None = None  # documented values, checked at call time


class Note(_Entry):
    title: str
    text: str


class OperationOverride(Reasoned):
    resource: str | None = None
    method: str | None = None
    params: dict[str, str] = Field(default_factory=dict)  # wire name -> python name
    # return this response field instead of the envelope; false: keep a single-object envelope
    unwrap: str | Literal[False] | None = None
    page_items: str | None = None  # the list field `<method>_all` iterates, when there are several
    auth: bool | None = None  # the server needs auth although the spec says public
    # an empty optional body goes out as `{}` (true) or not at all (false), against the rule
    # (build.EMPTY_JSON_METHODS: `{}` for POST, PUT and PATCH)
    empty_json_body: bool | None = None
    absent_params: list[str] = Field(default_factory=list)  # quirk: kept absent on purpose
    add_params: list[AddedParameter] = Field(default_factory=list)
    hidden_body_fields: list[str] = Field(
        default_factory=list
    )  # only through request=, not as keywords
    required_body_fields: list[str] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


class AddedField(Reasoned):
    """A response field the server sends but the spec does not document (optional)."""

    type: Literal["string", "integer", "boolean", "count", "dollars"]
    description: str
    wire_names: list[str] = Field(default_factory=list)  # other names it may arrive under


Evidence = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]


class ModelOverride(Reasoned):
    rename_fields: dict[str, str] = Field(default_factory=dict)  # wire name -> attribute name
    add_fields: dict[str, AddedField] = Field(default_factory=dict)
    # required in the spec, omitted by the server: wire name -> the evidence (which recordings)
    optional_fields: dict[str, Evidence] = Field(default_factory=dict)
    # older keys the server sends instead of the spec's: wire name -> keys, read only when the
    # spec's key is absent; never for money or counts, whose legacy keys are in other units
    fallback_keys: dict[str, list[str]] = Field(default_factory=dict)
    # wire name -> whether the string is a secret (SecretStr), where the rule
    # (field_types.is_secret: `format: password` or a secret's name) says otherwise
    secret_fields: dict[str, bool] = Field(default_factory=dict)
    # wire name -> money (`dollars`) or a contract count (`count`): a fixed-point string the
    # spec leaves a plain `type: string` (`MarginFill.price`), read as decimal.Decimal like a
    # FixedPointDollars / FixedPointCount field; a map or list of such strings too
    money_fields: dict[str, Literal["dollars", "count"]] = Field(default_factory=dict)


class Environments(Reasoned):
    """The default server of each environment, where the convention (the spec's first server
    of that environment) is not the one to use; each URL must be one of the spec's servers."""

    production: str | None = None
    demo: str | None = None


class ResourceDocs(Reasoned):
    """The reference page of one resource: an introduction, admonitions and an example."""

    intro: str | None = None
    notes: list[Note] = Field(default_factory=list)
    example: str | None = None


class Naming(Reasoned):
    """Document-wide naming rules (naming.py). `strip_words`: words every (or nearly every)
    operationId of the document carries because they name the product, not the operation
    (`margin` in GetMarginOrders): dropped from the names the convention derives, so
    `orders.list`, not `orders.list_margin`. Each word must still occur in an operationId."""

    strip_words: list[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9]*$")]] = Field(
        min_length=1
    )

    @model_validator(mode="after")
    def _distinct(self) -> Naming:
        twice = sorted({w for w in self.strip_words if self.strip_words.count(w) > 1})
        if twice:
            raise ValueError(f"strip_words lists {twice[0]!r} twice")
        return self


class Overrides(_Entry):
    version: Literal[1] = 1
    overlay: list[OverlayAction] = Field(default_factory=list)
    types: dict[str, TypeMapping] = Field(default_factory=dict)
    resources: list[ResourcePlacement] = Field(default_factory=list)
    operations: dict[str, OperationOverride] = Field(default_factory=dict)
    models: dict[str, ModelOverride] = Field(default_factory=dict)
    docs: dict[str, ResourceDocs] = Field(default_factory=dict)  # by client attribute
    environments: Environments | None = None
    naming: Naming | None = None


def load_overrides(path: Path) -> Overrides:
    """Read and validate overrides.yaml; an empty file means no overrides."""
    return load_validated(path, Overrides)


def load_validated(path: Path, schema: type[_Schema]) -> _Schema:
    """Read an overrides file and validate it against `schema`; an empty file means no
    overrides. The first problem is one GeneratorError naming the file and the entry."""
    try:
        empty = not path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        raise GeneratorError("file not found", where=str(path)) from None
    data = {} if empty else load_document(path)
    try:
        return schema.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = ".".join(str(p) for p in err["loc"])
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise GeneratorError(f"{loc}: {err['msg']}{more}", where=str(path)) from None

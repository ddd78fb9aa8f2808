"""Stage 4: render the IR into file texts with the jinja2 templates in templates/rest/ and templates/docs/.

The views built here only turn IR decisions into text (annotations, docstrings, imports);
every naming and typing decision was already made in build.py.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .. import ir
from ..documents import cache
from ..emit import distribution
from ..emit.docs_examples import example_calls, resource_example
from ..emit.pysource import clean_text, docstring, escape_docstring, md_cell, one_line, py_literal
from ..emit.testing import render_testing
from ..errors import GeneratorError
from ..naming import body_keywords, field_name, words
from ..schemas.models import models_to_rebuild
from ..schemas.pytypes import Imports, annotated, annotation, checked_annotation, field_checks
from ..targets import Target, project_root, project_streaming

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
RUNTIME_DIR = TEMPLATES / "runtime"


@dataclass
class ArgView:
    name: str
    wire_name: str
    annotation: str  # as written in the signature
    required: bool
    description: str
    comma_separated: bool = False  # a query list sent as one comma-joined value

    @property
    def optional_decl(self) -> str:
        """`name: T | None = None`, parenthesised when too long for one line (as black does)."""
        text = (
            self.annotation if self.annotation.endswith("| None") else f"{self.annotation} | None"
        )
        if len(f"{' ' * 8}{self.name}: {text} = None,") > 100:
            text = f"({text})"
        return f"{self.name}: {text} = None"


@dataclass
class MethodView:
    op: ir.Operation
    name: str
    path_args: list[ArgView]
    query_args: list[ArgView]
    header_args: list[ArgView]  # sent as headers: wire_name is the header name
    body_args: list[ArgView]
    body_model: str | None
    body_required: bool
    body_or_none: bool  # send no body at all when nothing was given
    static_body: str | None  # a fixed JSON body (`{}`) for bodies without fields
    returns: str
    cast_to: str
    unwrap: str | None
    page_items: str | None
    page_item_type: str | None
    docstring: str
    # a list method: returns `Page(response.<page_items>, response.<page_cursor>, response)`
    page_cursor: str | None = None
    accept: str | None = None  # the Accept header of a non-JSON response
    param_checks: ParamCheckView | None = None

    @property
    def nested_prefix(self) -> str:
        """The sub-resource it is on, from its module's resource (`rfq_batches.quotes.`);
        "" for the module's resource itself."""
        nested = self.op.resource.partition(".")[2]
        return f"{nested}." if nested else ""

    @property
    def auth_arg(self) -> str:
        """The credentials the call accepts, as the runtime's `auth=` tuple."""
        return py_literal(self.op.security)

    @property
    def short_signature(self) -> str:
        """`create(*, contracts_limit, subaccount=None)`: the docs table's form."""
        parts = [a.name for a in self.path_args]
        keywords = [a.name if a.required else f"{a.name}=None" for a in self.keyword_args]
        if keywords:
            parts += ["*", *keywords]
        return f"{self.name}({', '.join(parts)})"

    @property
    def returns_text(self) -> str:
        """The return annotation as a reader writes it (`list[OrderGroup]`, `Market`)."""
        return self.returns.replace("builtins.", "")

    @property
    def typed_signature(self) -> str:
        """`create(*, contracts_limit: int, ...) -> CreateOrderGroupResponse`: the surface listing's form."""
        parts = [f"{a.name}: {a.annotation}" for a in self.path_args]
        keywords = [
            f"{a.name}: {a.annotation}" + ("" if a.required else " = None")
            for a in self.keyword_args
        ]
        parts = [p.replace("builtins.", "") for p in parts]
        keywords = [k.replace("builtins.", "") for k in keywords]
        if self.body_model:
            keywords.append(f"request: {self.body_model} | None = None")
        if keywords:
            parts += ["*", *keywords]
        return f"{self.name}({', '.join(parts)}) -> {self.returns_text}"

    @property
    def keyword_args(self) -> list[ArgView]:
        """Keyword arguments in signature order: required first, then optional."""
        args = [*self.query_args, *self.header_args, *self.body_args]
        return [a for a in args if a.required] + [a for a in args if not a.required]

    @property
    def comma_separated(self) -> str | None:
        """The runtime's `comma_separated=` tuple: query lists sent comma-joined, or None."""
        names = tuple(a.wire_name for a in self.query_args if a.comma_separated)
        return py_literal(names) if names else None

    @property
    def sends_headers(self) -> bool:
        return bool(self.header_args or self.accept)

    @property
    def overloaded(self) -> bool:
        return self.body_model is not None and any(a.required for a in self.body_args)


@dataclass
class ResourceView:
    resource: ir.Resource
    methods: list[MethodView]
    imports: Imports = field(default_factory=Imports)

    # one per nested sub-resource; their classes live in the same module
    children: list[ResourceView] = field(default_factory=list)

    def walk(self) -> list[ResourceView]:
        """This view and its sub-resources' views, parents first."""
        return [self, *(node for child in self.children for node in child.walk())]

    @property
    def all_methods(self) -> list[MethodView]:
        """The methods of the module: its resource's and every sub-resource's."""
        return [m for node in self.walk() for m in node.methods]

    @property
    def returns_pages(self) -> bool:
        return any(m.page_cursor for m in self.all_methods)

    @property
    def param_checks(self) -> list[ParamCheckView]:
        """The module's `ParamChecks` constants, one per operation with checked parameters."""
        return [m.param_checks for m in self.all_methods if m.param_checks is not None]


@dataclass
class ParamCheckView:
    """The parameters of one operation that are checked before sending: those the spec
    constrains or limits to an enum, each with its type and checks."""

    constant: str  # module-level name, e.g. _GET_MARKETS_PARAMS
    title: str  # names the operation in errors: "markets.list"
    types: list[tuple[str, str]]  # keyword -> `Annotated[int, Field(ge=1, le=1000)]`

    def call(self, without: str = "") -> str:
        """`_GET_MARKETS_PARAMS.check(limit=limit, status=status)`; `without` a keyword the
        method does not take (the cursor of a `*_all` iterator)."""
        names = [n for n, _ in self.types if n != without]
        return f"{self.constant}.check({', '.join(f'{n}={n}' for n in names)})" if names else ""


@dataclass
class FieldView:
    name: str
    required: bool
    annotation: str
    default: str | None  # the right-hand side, or None for a required field
    description: str


@dataclass
class ModelView:
    model: ir.Model
    fields: list[FieldView]
    literal: str = ""  # enums

    @property
    def title(self) -> str:
        """`CreateOrderGroupRequest` -> `Create order group request.`: a docstring of last resort."""
        return " ".join(words(self.model.name)).capitalize() + "."


def environment(folders: tuple[str, ...] = ("rest", "docs")) -> jinja2.Environment:
    """The templates of `folders` (templates/<folder>), with the spec-text filters."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([TEMPLATES / folder for folder in folders]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        bytecode_cache=cache.template_cache(Path(__file__)),  # compiling them takes ~45 ms
    )
    # every spec string goes into generated text through one of these (generator/emit/pysource.py)
    env.filters["pyrepr"] = py_literal  # a Python (or TOML) string literal
    env.filters["docstring"] = docstring  # inside """..."""
    env.filters["text"] = clean_text  # Markdown prose: no control characters
    env.filters["line"] = one_line  # one line of SURFACE.txt, a comment, a list item
    env.filters["cell"] = md_cell  # a Markdown table cell
    return env


@dataclass(frozen=True)
class Layout:
    """Where a REST target's files go: its package folder, its docs folder, its review files.

    The root target (`kalshi`) keeps the names it always had (docs/, SURFACE.txt); any other
    one gets its own docs/<target>/ and SURFACE-<target>.txt, OVERRIDES-<target>.md."""

    target: Target

    @property
    def package(self) -> str:
        return self.target.package_dir

    @property
    def docs(self) -> str:
        return "docs/" if self.target.is_root else f"docs/{self.target.name}/"

    def review(self, stem: str, suffix: str) -> str:
        """SURFACE.txt / OVERRIDES.md, or SURFACE-perps.txt for the perps target."""
        return f"{stem}{suffix}" if self.target.is_root else f"{stem}-{self.target.name}{suffix}"


def render_client(
    client: ir.ClientIR,
    ws: ir.WsClientIR | None = None,
    *,
    target: Target | None = None,
    ws_target: Target | None = None,
    version: str | None = None,
) -> dict[str, str]:
    """Every file of one REST target by relative path: its package, docs pages and review
    files; for the root target also the distribution (pyproject.toml, the runtime). `ws`:
    with the WebSocket target that streams for it (generator/emit/ws.py). `version`: the
    distribution's, when the root target is not the one rendered (default: from `client`)."""
    target = target or project_root()
    layout = Layout(target)
    pkg, docs = layout.package, layout.docs
    env = environment()
    files: dict[str, str] = {}
    model_modules = sorted({m.module for m in client.models.values()})
    common = {
        "client": client,
        "version": version or distribution.client_version(client.spec_version),
        "distribution": distribution,
        "ws": ws,
        "target": target,
        "ws_target": ws_target,
    }
    if target.is_root:
        files["pyproject.toml"] = env.get_template("pyproject.toml.jinja").render(**common)
    files[f"{pkg}/__init__.py"] = env.get_template("package_init.py.jinja").render(**common)
    files[f"{pkg}/_version.py"] = env.get_template("version.py.jinja").render(**common)
    files[f"{pkg}/_environments.py"] = env.get_template("environments.py.jinja").render(**common)
    files[f"{pkg}/client.py"] = env.get_template("client.py.jinja").render(**common)
    files[f"{pkg}/_operations.py"] = env.get_template("operations.py.jinja").render(**common)
    files[f"{pkg}/resources/__init__.py"] = env.get_template("resources_init.py.jinja").render(
        **common
    )
    files[f"{pkg}/models/__init__.py"] = env.get_template("models_init.py.jinja").render(
        **common, modules=model_modules
    )
    resource_template = env.get_template("resource.py.jinja")
    docs_template = env.get_template("docs_resource.md.jinja")
    views = [_resource_view(resource, client.models) for resource in client.resources]
    for view in views:
        attr = view.resource.attr
        files[f"{pkg}/resources/{attr}.py"] = resource_template.render(**common, view=view)
        files[f"{docs}{attr}.md"] = docs_template.render(
            **common,
            view=view,
            reserved=_reserved_params(view),
            example=view.resource.example or resource_example(view, client, target),
        )
    calls = [call for view in views for call in example_calls(view, client.models)]
    index = "docs_index.md.jinja" if target.is_root else "docs_package.md.jinja"
    files[f"{docs}index.md"] = env.get_template(index).render(
        **common,
        views=views,
        calls=sorted(calls, key=lambda call: not call.public),
        bearer=[op for op in client.operations if "bearer" in op.security],
    )
    if target.is_root:
        files["docs/stylesheets/extra.css"] = (TEMPLATES / "docs" / "extra.css").read_text("utf-8")
    files[layout.review("OVERRIDES", ".md")] = env.get_template("overrides_report.md.jinja").render(
        **common
    )
    surface = layout.review("SURFACE", ".txt")
    files[surface] = env.get_template("surface.txt.jinja").render(
        **common,
        views=views,
        models=[model_view(m, client.models, Imports()) for m in client.models.values()],
    )
    model_template = env.get_template("models.py.jinja")
    for module in model_modules:
        members = [m for m in client.models.values() if m.module == module]
        imports = Imports()
        model_views = [model_view(m, client.models, imports) for m in members]
        imports.models.pop(module, None)  # models of the same module need no import
        ordered = _ordered(model_views)
        files[f"{pkg}/models/{module}.py"] = model_template.render(
            **common,
            module=module,
            views=ordered,
            imports=imports,
            rebuild=models_to_rebuild([v.model for v in ordered], client.models),
        )
    files.update(render_testing(client, env, target, ws_target if ws is not None else None))
    if target.is_root:  # the one runtime every target imports
        for source in sorted(RUNTIME_DIR.iterdir()):
            if source.is_file() and source.suffix in (".py", ".typed"):
                files[f"kalshi/{source.name}"] = source.read_text(encoding="utf-8")
    if ws is not None:
        from .ws import render_ws  # here: a client without kalshi.ws never loads it

        ws_target = ws_target or project_streaming(target)
        if ws_target is None:
            raise GeneratorError(f"targets.yaml: no asyncapi target streams for {target.name!r}")
        ws_files = render_ws(ws, client, ws_target, target)
        files[surface] += ws_files.pop(surface)  # the streaming package's lines, appended
        files.update(ws_files)
    return files


# ---------------------------------------------------------------------- resources


def _resource_view(
    resource: ir.Resource, models: dict[str, ir.Model], imports: Imports | None = None
) -> ResourceView:
    """The view of a resource module; its sub-resources share the module's imports."""
    imports = imports if imports is not None else Imports(list_name="builtins.list")
    methods = [_method_view(op, models, imports) for op in resource.operations]
    children = [_resource_view(child, models, imports) for child in resource.children]
    view = ResourceView(resource=resource, methods=methods, imports=imports, children=children)
    if imports is not None:
        return view
    taken: set[str] = set()  # the module's constants: unique even if two snake-cased ids meet
    for check in view.param_checks:
        base, n = check.constant, 1
        while check.constant in taken:
            n += 1
            check.constant = f"{base[: -len('_PARAMS')]}_{n}_PARAMS"
        taken.add(check.constant)
    return view


def _arg(param: ir.Parameter | ir.Field, models: dict[str, ir.Model], imports: Imports) -> ArgView:
    required = param.required
    comma_separated = isinstance(param, ir.Parameter) and param.list_style == "comma"
    kind = ir.non_null(param.type)
    text = annotation(kind, "request", models, imports)
    if comma_separated and ir.list_item(kind) is None:
        text = f"{text} | Sequence[{text}]"  # a documented comma-separated string: joined
    if kind != param.type or not required:
        text += " | None"
    return ArgView(
        name=param.py_name,
        wire_name=param.wire_name,
        annotation=text,
        required=required,
        description=param.description,
        comma_separated=comma_separated,
    )


def _method_view(op: ir.Operation, models: dict[str, ir.Model], imports: Imports) -> MethodView:
    path_args = [_arg(p, models, imports) for p in op.path_params]
    query_args = [_arg(p, models, imports) for p in op.query_params]
    header_args = [_arg(p, models, imports) for p in op.header_params]
    taken = {a.name for a in [*path_args, *query_args, *header_args]}
    body_args: list[ArgView] = []
    body = op.body if op.body is not None and op.body.fields else None
    # a body schema without fields (reset, trigger) is not offered as arguments
    static_body = (
        "{}"
        if op.body is not None
        and body is None
        and (op.body.required or op.body.empty_json_when_absent)
        else None
    )
    if body is not None:
        body_class = models[body.model].name
        imports.models.setdefault(models[body.model].module, set()).add(body_class)
        # keywords of the flattened fields: none for a field named like a parameter (it goes
        # through request=), a method local (`request`, `timeout`) renamed (naming.py)
        keywords = body_keywords([f.py_name for f in body.fields], taken, op.resource)
        for f, keyword in zip(body.fields, keywords):
            if keyword is not None:
                arg = _arg(f, models, imports)
                arg.name = keyword
                body_args.append(arg)
    if op.raw_response is not None:
        # the runtime returns the body as it came (kalshi._base_client.parse_response)
        returns = "str" if op.raw_response.kind == "text" else "bytes"
        cast_to = "RawText" if op.raw_response.kind == "text" else "RawBytes"
        imports.base_client.add(cast_to)
    elif op.response is None:
        returns, cast_to = "None", "type(None)"
    else:
        returns = annotation(op.response, "response", models, imports)
        cast_to = returns
    page_item_type = None
    if op.pagination is not None:
        page_item_type = annotation(op.pagination.item_type, "response", models, imports)
    page_cursor = None
    if op.unwrap is not None and op.unwrap_type is not None:
        returns = annotation(op.unwrap_type, "response", models, imports)
    elif op.pagination is not None:
        returns = f"Page[{page_item_type}, {returns}]"
        page_cursor = op.pagination.cursor_field
    return MethodView(
        op=op,
        name=op.method_name,
        path_args=path_args,
        query_args=query_args,
        header_args=header_args,
        body_args=body_args,
        body_model=models[body.model].name if body else None,
        body_required=bool(body and body.required),
        body_or_none=bool(body and not body.required and not body.empty_json_when_absent),
        static_body=static_body,
        returns=returns,
        cast_to=cast_to,
        unwrap=op.unwrap,
        page_items=op.pagination.items_field if op.pagination else None,
        page_item_type=page_item_type,
        docstring=_method_docstring(op, [*path_args, *query_args, *header_args, *body_args]),
        page_cursor=page_cursor,
        accept=", ".join(op.raw_response.media_types) if op.raw_response else None,
        param_checks=_param_checks(op, models, imports),
    )


def _param_checks(
    op: ir.Operation, models: dict[str, ir.Model], imports: Imports
) -> ParamCheckView | None:
    types: list[tuple[str, str]] = []
    for p in op.params:
        kind = ir.non_null(p.type)
        if not (p.constraints or _closed(kind, models)):
            continue
        text = checked_annotation(kind, p.constraints, models, imports)
        if p.constraints.checks:
            text = annotated(text, p.constraints, imports)
        types.append((p.py_name, text))
    if not types:
        return None
    return ParamCheckView(
        constant=f"_{field_name(op.operation_id).upper()}_PARAMS",
        title=f"{op.resource}.{op.method_name}",
        types=types,
    )


def _closed(kind: ir.TypeRef, models: dict[str, ir.Model]) -> bool:
    """Limited to a set of values: an enum, or a list of one (a request's enums are closed)."""
    kind = ir.non_null(kind)
    if isinstance(kind, ir.ListOf):
        return _closed(kind.item, models)
    return isinstance(kind, ir.LiteralOf) or (
        isinstance(kind, ir.ModelRef) and models[kind.name].kind == "enum"
    )


def _method_docstring(op: ir.Operation, args: list[ArgView]) -> str:
    parts = [_sentence(op.summary or op.operation_id)]
    if op.description and op.description.strip() != op.summary.strip():
        parts.append(op.description.strip())
    for note in op.notes:
        parts.append(f"{note.title}: {note.text.strip()}")
    documented = [a for a in args if a.description]
    if documented:
        lines = ["Args:"]
        for a in documented:
            lines += textwrap.wrap(
                f"{a.name}: {' '.join(a.description.split())}",
                _DOCSTRING_WIDTH,
                initial_indent="    ",
                subsequent_indent="        ",  # within the width: docstring_text keeps it
            )
        parts.append("\n".join(lines))
    endpoint = f"`{op.http_method} {op.path}`, " + _auth_phrase(op.security)
    if op.deprecated:
        endpoint += ", deprecated"
    parts.append(endpoint + ".")
    return docstring_text("\n\n".join(parts))


def _reserved_params(view: ResourceView) -> list[tuple[str, list[str], str]]:
    """Parameters overrides.yaml adds ahead of the spec: (name, methods, description)."""
    found: dict[str, tuple[list[str], str]] = {}
    for m in view.all_methods:
        added: list[ir.Parameter | ir.Field] = [
            p for p in m.op.query_params if p.source == "override"
        ]
        added += [f for f in (m.op.body.fields if m.op.body else []) if f.source == "override"]
        for p in added:
            methods, _ = found.setdefault(p.py_name, ([], p.description))
            methods.append(m.nested_prefix + m.name)
    return [(name, methods, text) for name, (methods, text) in found.items()]


# ---------------------------------------------------------------------- models


def model_view(
    model: ir.Model, models: dict[str, ir.Model], imports: Imports, *, one_alias: bool = False
) -> ModelView:
    if model.kind == "enum":
        imports.typing.add("Literal")
        imports.typing.add("TypeAlias")
        literal = (
            f"Literal[{', '.join(py_literal(v, python_repr=True) for v in model.enum_values)}]"
        )
        return ModelView(model=model, fields=[], literal=literal)
    imports.runtime.add("RequestModel" if model.role == "request" else "ResponseModel")
    fields = [field_view(f, model, models, imports, one_alias=one_alias) for f in model.fields]
    return ModelView(model=model, fields=fields)


def field_view(
    f: ir.Field,
    model: ir.Model,
    models: dict[str, ir.Model],
    imports: Imports,
    *,
    one_alias: bool = False,
) -> FieldView:
    """`one_alias`: a renamed field is `Field(alias=wire)` (so `FieldInfo.alias` names the
    wire key, which kalshi.ws's runtime reads); else validation_ and serialization_alias."""
    checked = model.role == "request" and bool(f.constraints)  # responses stay tolerant
    if checked:
        text = checked_annotation(f.type, f.constraints, models, imports)
    else:
        text = annotation(f.type, model.role, models, imports)
    options: list[str] = []
    if model.role == "response" and isinstance(f.type, ir.ListOf):
        # generator rule: a response array the spec does not make nullable reads null (and,
        # when optional, absence) as [], so its type never includes None
        imports.runtime.add("NullAsEmptyList")
        text = f"NullAsEmptyList[{annotation(f.type.item, model.role, models, imports)}]"
        if not f.required:
            options.append("default_factory=list")
    elif not f.required:
        if not text.endswith("| None"):
            text += " | None"
        options.append("default=None")
    # responses are read by wire name only (kalshi._decode); the Python name is for code
    # that builds a model itself
    if f.fallback_keys:
        imports.runtime.add("AliasChoices")
        choices = ", ".join(py_literal(k) for k in (f.wire_name, *f.fallback_keys))
        options.append(f"validation_alias=AliasChoices({choices})")
        options.append(f"serialization_alias={py_literal(f.wire_name)}")
    elif f.py_name != f.wire_name and one_alias:
        options.append(f"alias={py_literal(f.wire_name)}")
    elif f.py_name != f.wire_name:
        options.append(f"validation_alias={py_literal(f.wire_name)}")
        options.append(f"serialization_alias={py_literal(f.wire_name)}")
    if f.deprecated:
        options.append("deprecated=True")
    if checked and f.constraints.checks:
        options.append(field_checks(f.constraints))
    if options and options != ["default=None"]:
        imports.runtime.add("Field")
        default: str | None = f"Field({', '.join(options)})"
    else:
        default = "None" if options else None
    return FieldView(
        name=f.py_name,
        required=f.required,
        annotation=text,
        default=default,
        description=docstring_text(f.description),
    )


def _ordered(views: list[ModelView]) -> list[ModelView]:
    """Enums first (models refer to them), then models by name: stable and readable."""
    return sorted(views, key=lambda v: (v.model.kind != "enum", v.model.name))


# ---------------------------------------------------------------------- text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


_DOCSTRING_WIDTH = 88  # of a docstring line before its indentation in the module


def docstring_text(text: str) -> str:
    """Safe inside a triple-quoted docstring; long prose lines wrapped, lists and tables kept."""
    text = escape_docstring(clean_text(text)).strip()
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        text_only = line.lstrip()
        if len(line) > _DOCSTRING_WIDTH and not text_only.startswith(("-", "*", "|", "`")):
            indent = line[: len(line) - len(text_only)]  # an Args entry stays in its column
            lines += textwrap.wrap(
                text_only,
                _DOCSTRING_WIDTH,
                initial_indent=indent,
                subsequent_indent=indent,
                break_long_words=False,
                break_on_hyphens=False,
            )
        else:
            lines.append(line)
    if lines and lines[-1].endswith('"'):
        lines[-1] += " "
    return "\n".join(lines)


def _auth_phrase(security: tuple[str, ...]) -> str:
    if not security:
        return "public"
    if set(security) == {"signature", "bearer"}:
        return "requires auth (an API key signature or an OAuth token)"
    return "requires an OAuth token" if security == ("bearer",) else "requires auth"

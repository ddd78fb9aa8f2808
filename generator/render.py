"""Stage 4: render the IR into file texts with the jinja2 templates in templates/client/.

The views built here only turn IR decisions into text (annotations, docstrings, imports);
every naming and typing decision was already made in build.py.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from . import cache, ir
from .build_models import models_to_rebuild
from .naming import body_keywords, words
from .pysource import clean_text, docstring, escape_docstring, md_cell, one_line, py_literal
from .pytypes import Imports, annotation
from .render_testing import render_testing

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
RUNTIME_DIR = TEMPLATES / "runtime"
CLIENT_VERSION = "0.1.0"


@dataclass
class ArgView:
    name: str
    wire_name: str
    annotation: str  # as written in the signature
    required: bool
    description: str

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
    accept: str | None = None  # the Accept header of a non-JSON response

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
        return f"{self.name}({', '.join(parts)}) -> {self.returns.replace('builtins.', '')}"

    @property
    def keyword_args(self) -> list[ArgView]:
        """Keyword arguments in signature order: required first, then optional."""
        args = [*self.query_args, *self.header_args, *self.body_args]
        return [a for a in args if a.required] + [a for a in args if not a.required]

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


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES / "client"),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        bytecode_cache=cache.template_cache(Path(__file__)),  # compiling them takes ~45 ms
    )
    # every spec string goes into generated text through one of these (generator/pysource.py)
    env.filters["pyrepr"] = py_literal  # a Python (or TOML) string literal
    env.filters["docstring"] = docstring  # inside """..."""
    env.filters["text"] = clean_text  # Markdown prose: no control characters
    env.filters["line"] = one_line  # one line of SURFACE.txt, a comment, a list item
    env.filters["cell"] = md_cell  # a Markdown table cell
    return env


def render_client(client: ir.ClientIR) -> dict[str, str]:
    """Every file of the generated distribution, by relative path."""
    env = environment()
    files: dict[str, str] = {}
    model_modules = sorted({m.module for m in client.models.values()})
    common = {"client": client, "version": CLIENT_VERSION}
    files["pyproject.toml"] = env.get_template("pyproject.toml.jinja").render(**common)
    files["kalshi/__init__.py"] = env.get_template("package_init.py.jinja").render(**common)
    files["kalshi/_version.py"] = env.get_template("version.py.jinja").render(**common)
    files["kalshi/_environments.py"] = env.get_template("environments.py.jinja").render(**common)
    files["kalshi/client.py"] = env.get_template("client.py.jinja").render(**common)
    files["kalshi/_operations.py"] = env.get_template("operations.py.jinja").render(**common)
    files["kalshi/resources/__init__.py"] = env.get_template("resources_init.py.jinja").render(
        **common
    )
    files["kalshi/models/__init__.py"] = env.get_template("models_init.py.jinja").render(
        **common, modules=model_modules
    )
    resource_template = env.get_template("resource.py.jinja")
    docs_template = env.get_template("docs_resource.md.jinja")
    views = [_resource_view(resource, client.models) for resource in client.resources]
    for view in views:
        attr = view.resource.attr
        files[f"kalshi/resources/{attr}.py"] = resource_template.render(**common, view=view)
        files[f"docs/{attr}.md"] = docs_template.render(
            **common, view=view, reserved=_reserved_params(view)
        )
    files["docs/index.md"] = env.get_template("docs_index.md.jinja").render(**common, views=views)
    files["OVERRIDES.md"] = env.get_template("overrides_report.md.jinja").render(**common)
    files["SURFACE.txt"] = env.get_template("surface.txt.jinja").render(
        **common,
        views=views,
        models=[_model_view(m, client.models, Imports()) for m in client.models.values()],
    )
    model_template = env.get_template("models.py.jinja")
    for module in model_modules:
        members = [m for m in client.models.values() if m.module == module]
        imports = Imports()
        model_views = [_model_view(m, client.models, imports) for m in members]
        imports.models.pop(module, None)  # models of the same module need no import
        ordered = _ordered(model_views)
        files[f"kalshi/models/{module}.py"] = model_template.render(
            **common,
            module=module,
            views=ordered,
            imports=imports,
            rebuild=models_to_rebuild([v.model for v in ordered], client.models),
        )
    files.update(render_testing(client, env))
    for source in sorted(RUNTIME_DIR.iterdir()):
        if source.is_file() and source.suffix in (".py", ".typed"):
            files[f"kalshi/{source.name}"] = source.read_text(encoding="utf-8")
    return files


# ---------------------------------------------------------------------- resources


def _resource_view(resource: ir.Resource, models: dict[str, ir.Model]) -> ResourceView:
    imports = Imports(list_name="builtins.list")
    methods = [_method_view(op, models, imports) for op in resource.operations]
    return ResourceView(resource=resource, methods=methods, imports=imports)


def _arg(param: ir.Parameter | ir.Field, models: dict[str, ir.Model], imports: Imports) -> ArgView:
    required = param.required
    text = annotation(param.type, "request", models, imports)
    if not required and not text.endswith("| None"):
        text += " | None"
    return ArgView(
        name=param.py_name,
        wire_name=param.wire_name,
        annotation=text,
        required=required,
        description=param.description,
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
    if op.unwrap is not None and op.unwrap_type is not None:
        returns = annotation(op.unwrap_type, "response", models, imports)
    page_item_type = None
    if op.pagination is not None:
        page_item_type = annotation(op.pagination.item_type, "response", models, imports)
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
        accept=", ".join(op.raw_response.media_types) if op.raw_response else None,
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
            first, *rest = textwrap.wrap(f"{a.name}: {' '.join(a.description.split())}", 84)
            lines.append(f"    {first}")
            lines.extend(f"        {line}" for line in rest)
        parts.append("\n".join(lines))
    endpoint = f"`{op.http_method} {op.path}`, " + _auth_phrase(op.security)
    if op.deprecated:
        endpoint += ", deprecated"
    parts.append(endpoint + ".")
    return _docstring_text("\n\n".join(parts))


def _reserved_params(view: ResourceView) -> list[tuple[str, list[str], str]]:
    """Parameters overrides.yaml adds ahead of the spec: (name, methods, description)."""
    found: dict[str, tuple[list[str], str]] = {}
    for m in view.methods:
        added: list[ir.Parameter | ir.Field] = [
            p for p in m.op.query_params if p.source == "override"
        ]
        added += [f for f in (m.op.body.fields if m.op.body else []) if f.source == "override"]
        for p in added:
            methods, _ = found.setdefault(p.py_name, ([], p.description))
            methods.append(m.name)
    return [(name, methods, text) for name, (methods, text) in found.items()]


# ---------------------------------------------------------------------- models


def _model_view(model: ir.Model, models: dict[str, ir.Model], imports: Imports) -> ModelView:
    if model.kind == "enum":
        imports.typing.add("Literal")
        imports.typing.add("TypeAlias")
        literal = (
            f"Literal[{', '.join(py_literal(v, python_repr=True) for v in model.enum_values)}]"
        )
        return ModelView(model=model, fields=[], literal=literal)
    imports.runtime.add("RequestModel" if model.role == "request" else "ResponseModel")
    fields = [_field_view(f, model, models, imports) for f in model.fields]
    return ModelView(model=model, fields=fields)


def _field_view(
    f: ir.Field, model: ir.Model, models: dict[str, ir.Model], imports: Imports
) -> FieldView:
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
    elif f.py_name != f.wire_name:
        options.append(f"validation_alias={py_literal(f.wire_name)}")
        options.append(f"serialization_alias={py_literal(f.wire_name)}")
    if f.deprecated:
        options.append("deprecated=True")
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
        description=_docstring_text(f.description),
    )


def _ordered(views: list[ModelView]) -> list[ModelView]:
    """Enums first (models refer to them), then models by name: stable and readable."""
    return sorted(views, key=lambda v: (v.model.kind != "enum", v.model.name))


# ---------------------------------------------------------------------- text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _docstring_text(text: str) -> str:
    """Safe inside a triple-quoted docstring; long prose lines wrapped, lists and tables kept."""
    text = escape_docstring(clean_text(text)).strip()
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if len(line) > 88 and not line.lstrip().startswith(("-", "*", "|", "`")):
            lines.extend(textwrap.wrap(line, 88, break_long_words=False, break_on_hyphens=False))
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

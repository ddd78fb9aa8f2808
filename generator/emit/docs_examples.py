"""The example of a reference page, written from the IR: the resource's reads, called with
sample arguments of the right types, so that it runs against kalshi.testing.FakeKalshi
(tests/test_docs_site.py runs every page's examples there) whatever the spec names next.

overrides.yaml `docs.example` replaces it where a resource deserves a walk-through.
"""

from __future__ import annotations

import builtins
import keyword
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import ir
from ..emit.pysource import py_literal
from ..naming import singular
from ..targets import Target

if TYPE_CHECKING:
    from ..emit.render import MethodView, ResourceView

_UNSET = object()  # a type without a sample value: the method is not shown
_SAMPLE_TIMESTAMP = 1_767_225_600  # 2026-01-01T00:00:00Z, for the `*_ts` parameters


@dataclass(frozen=True)
class ExampleCall:
    """`client.markets.list_all(max_pages=1)`: one call of an example, with sample arguments."""

    code: str
    method: MethodView
    iterates: bool  # a `*_all` iterator: `for item in ...`
    item: str  # the variable for its result (or each item)

    @property
    def operation_id(self) -> str:
        return self.method.op.operation_id

    @property
    def public(self) -> bool:
        return not self.method.op.auth


def example_calls(view: ResourceView, models: dict[str, ir.Model]) -> list[ExampleCall]:
    """The calls a resource's example shows."""
    calls = []
    for method in _shown_methods(view, models):
        code = f"client.{view.resource.attr}.{method.nested_prefix}{_call(method, models)}"
        if method.op.pagination is not None:
            item = _variable(method.op.pagination.items_field, "item")
        else:
            # `markets.get` -> market; `communications.quotes.get` -> quote
            noun = method.op.resource.rsplit(".", 1)[-1] if method.name == "get" else method.name
            item = _variable(noun.removeprefix("get_"), "result")
        calls.append(ExampleCall(code, method, method.op.pagination is not None, item))
    return calls


def resource_example(view: ResourceView, client: ir.ClientIR, target: Target) -> str:
    """`with KalshiClient.from_env() as client:` (the target's client) and one or two calls
    of the resource."""
    demo_flag = f"{target.env_prefix}_DEMO=1"
    demo = f"  # {demo_flag}: the demo exchange" if "demo" in client.default_servers else ""
    lines = [
        f"from {target.package} import {target.client}",
        "",
        f"with {target.client}.from_env() as client:{demo}",
    ]
    calls = example_calls(view, client.models)
    if not calls:  # every method needs a model or a money value: docs.example shows those
        lines.append(f"    print(client.{view.resource.attr})")
    for call in calls:
        if call.iterates:
            lines.append(f"    for {call.item} in {call.code}:")
            lines.append(f"        print({call.item})")
        else:
            lines.append(f"    {call.item} = {call.code}")
            lines.append(f"    print({call.item})")
    return "\n".join(lines)


def _shown_methods(view: ResourceView, models: dict[str, ir.Model]) -> list[MethodView]:
    """The first paginated read and the first read by id, else the first callable read,
    else the first callable method: what a reader tries first."""
    callable_ = [m for m in view.all_methods if _arguments(m, models) is not None]
    reads = [m for m in callable_ if m.op.http_method == "GET" and m.op.raw_response is None]
    paged = _first([m for m in reads if m.op.pagination is not None], "list")
    by_id = _first([m for m in reads if m.path_args and m.op.pagination is None], "get")
    shown = [m for m in (paged, by_id) if m is not None]
    return shown or reads[:1] or callable_[:1]


def _first(methods: list[MethodView], preferred: str) -> MethodView | None:
    """The method named `preferred` (`list`, `get`: the resource's own), else the first."""
    return next((m for m in methods if m.name == preferred), methods[0] if methods else None)


def _call(method: MethodView, models: dict[str, ir.Model]) -> str:
    arguments = _arguments(method, models) or []
    name = method.name
    if method.op.pagination is not None:
        name = method.op.pagination.method_name
        arguments.append("max_pages=1")
    return f"{name}({', '.join(arguments)})"


def _arguments(method: MethodView, models: dict[str, ir.Model]) -> list[str] | None:
    """The call's required arguments with sample values; None when one has no sample."""
    op = method.op
    params = {p.py_name: p for p in op.params}
    fields = {f.py_name: f for f in (op.body.fields if op.body else [])}
    arguments: list[str] = []
    for arg in method.path_args:
        arguments.append(py_literal(arg.name.upper()))
    for arg in method.keyword_args:
        if not arg.required:
            continue
        source = params.get(arg.name) or fields.get(arg.name)
        if source is None:
            return None
        value = _sample(source.type, arg.name, models)
        if value is _UNSET:
            return None
        arguments.append(f"{arg.name}={value}")
    if method.body_model and method.body_required and not method.body_args:
        return None  # only `request=` would do
    return arguments


def _sample(kind: ir.TypeRef, name: str, models: dict[str, ir.Model]) -> object:
    """Python source of a value of `kind`, or _UNSET."""
    kind = ir.non_null(kind)
    if isinstance(kind, ir.ModelRef):
        model = models[kind.name]
        if model.kind == "enum" and model.enum_values:
            return py_literal(model.enum_values[0])
        if model.kind == "alias" and model.alias_of is not None:
            return _sample(model.alias_of, name, models)
        return _UNSET
    if isinstance(kind, ir.LiteralOf):
        return py_literal(kind.values[0])
    if isinstance(kind, ir.ListOf):
        item = _sample(kind.item, singular(name), models)
        return _UNSET if item is _UNSET else f"[{item}]"
    if isinstance(kind, ir.Primitive):
        if kind.name == "str":
            return py_literal(singular(name).upper())
        if kind.name == "int":
            return str(_SAMPLE_TIMESTAMP) if name.endswith("_ts") else "1"
        if kind.name == "bool":
            return "True"
        if kind.name == "float":
            return "1.0"
    return _UNSET  # money, counts, dates, models: a walk-through (docs.example) shows those


def _variable(name: str, fallback: str) -> str:
    """`markets` -> `market`: the name a reader expects for one of them."""
    word = singular(name.rsplit("_", 1)[-1]) if name else ""
    taken = keyword.iskeyword(word) or hasattr(builtins, word) or word == "client"
    return word if word.isidentifier() and not taken else fallback

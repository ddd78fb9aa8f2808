"""Stage 4b: the spec-driven fake exchange (FakeKalshi) of each REST target.

Two kinds of files: the static modules in templates/testing/ (the fake, the JSON-schema
validator and example synthesiser), copied as they are into the root package's
`kalshi/testing/`, and per target `<package>/testing/_contract.py`, the spec's contract of
every operation as Python literals, rendered from the IR. A target other than the root gets
`<package>/testing/__init__.py` too: its fake (`FakePerps`) is FakeKalshi bound to that
contract and to the target's clients, by class attributes (templates/testing/_fake.py).

The contract is the spec's own words (`Operation.wire`, `ClientIR.schemas`) plus the
deliberate deviations overrides.yaml makes the client send or read (reserved parameters
and fields it adds, auth it requires): the fake must accept what the generated client
sends on purpose. Those additions carry `"x-kalshi-override": True`.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import pprint
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2

from .. import ir
from ..targets import Target

TESTING_DIR = Path(__file__).resolve().parents[2] / "templates" / "testing"
SERVER_OMITS_MARK = "x-server-omits"
OVERRIDE_MARK = "x-kalshi-override"
_DEFAULT_BASE_PATH = "/trade-api/v2"
WS_PREFIX = "_ws_"  # templates/testing/_ws_*.py: the WebSocket fake
# the module of a non-root target's WebSocket fake (kalshi/perps/testing/_ws_fake.py: FakePerpsWS)
WS_FAKE_MODULE = "_ws_fake"

# JSON schemas of the primitive types overrides.yaml can add (generator/openapi/customize.py).
_DECIMAL_EXAMPLES = {"count": "10.00", "dollars": "0.5600"}


def render_testing(
    client: ir.ClientIR,
    env: jinja2.Environment,
    target: Target,
    ws_target: Target | None = None,
) -> dict[str, str]:
    """Files of `<target.package_dir>/testing/`, by relative path.

    The root target's (kalshi/testing/) are its contract and the static fake modules, which
    every target's fake imports; another target's are its contract and an `__init__.py`
    defining its fake (`target.fake`, e.g. FakePerps) as a FakeKalshi subclass. `ws_target`:
    the WebSocket target streaming for this one, whose fake (`ws_target.fake`, in the
    module `_ws_fake.py` of the same folder, generator/emit/ws.py) the `__init__.py` exports.
    """
    folder = f"{target.package_dir}/testing"
    files: dict[str, str] = {}
    schemas = _schemas(client)
    operations = [
        _operation(op, client, schemas)
        for op in sorted(client.operations, key=lambda o: o.operation_id)
    ]
    files[f"{folder}/_contract.py"] = env.get_template("testing_contract.py.jinja").render(
        client=client,
        target=target,
        base_path=_base_path(client.server_url),
        operations=python_literal(tuple(operations)),
        schemas=python_literal(schemas),
    )
    if not target.is_root:
        files[f"{folder}/__init__.py"] = env.get_template("testing_init.py.jinja").render(
            client=client, target=target, ws_target=ws_target, ws_module=WS_FAKE_MODULE
        )
        return files
    for source in sorted(TESTING_DIR.iterdir()):
        # the WebSocket fake (_ws_*.py) comes with kalshi.ws only (generator/emit/ws.py)
        if source.is_file() and source.suffix == ".py" and not source.name.startswith(WS_PREFIX):
            files[f"{folder}/{source.name}"] = source.read_text(encoding="utf-8")
    return files


# ---------------------------------------------------------------------- contract


def _operation(op: ir.Operation, client: ir.ClientIR, schemas: dict[str, Any]) -> dict[str, Any]:
    wire = op.wire if op.wire is not None else ir.WireContract(200, [], None, None)
    py_names = {(p.location, p.wire_name): p.py_name for p in op.params}
    # query arrays the client sends as one comma-joined value: the fake splits them
    unexploded = {
        p.wire_name
        for p in op.query_params
        if p.list_style == "comma" and ir.list_item(p.type) is not None
    }
    parameters: list[dict[str, Any]] = []
    for param in wire.parameters:
        entry = {key: param[key] for key in ("name", "in", "required", "schema")}
        entry["py_name"] = py_names.get((param["in"], param["name"]))
        if param["in"] == "query" and param["name"] in unexploded:
            entry["explode"] = False
        parameters.append(entry)
    spec_params = {(p["in"], p["name"]) for p in wire.parameters}
    for added in op.query_params:
        if added.source == "override" and ("query", added.wire_name) not in spec_params:
            parameters.append(
                {
                    "name": added.wire_name,
                    "in": "query",
                    "required": added.required,
                    "schema": {**_added_schema(added.type), OVERRIDE_MARK: True},
                    "py_name": added.py_name,
                }
            )
    request_schema = wire.request_schema
    if request_schema is not None and op.body is not None and op.body.model not in schemas:
        # an inline body schema: the fields overrides.yaml adds go into this copy
        request_schema = _with_added_fields(request_schema, client.models.get(op.body.model))
    contract: dict[str, Any] = {
        "operation_id": op.operation_id,
        "method": op.http_method,
        "path": op.path,
        "auth": list(op.security),
        "success_status": wire.success_status,
        "parameters": sorted(parameters, key=lambda p: (p["in"] != "path", p["in"], p["name"])),
        "request_body_required": bool(op.body is not None and op.body.required),
        "request_schema": request_schema,
        "response_schema": wire.response_schema,
    }
    if wire.response_media is not None:  # a text or binary success body, not JSON
        contract["response_media"] = wire.response_media
    return contract


def _schemas(client: ir.ClientIR) -> dict[str, Any]:
    """components/schemas sorted by name, with the fields overrides.yaml adds to models."""
    out: dict[str, Any] = {}
    for name in sorted(client.schemas):
        out[name] = _with_added_fields(client.schemas[name], client.models.get(name))
    return out


def _with_added_fields(schema: Any, model: ir.Model | None) -> Any:
    """Also marks the properties the real server omits (`x-server-omits`, from
    optional_fields), which FakeKalshi(quirks=True) leaves out as the server does, and gives
    the plain strings overrides.yaml reads as money (money_fields) a decimal format and
    example, so the fake answers what the client parses."""
    fields = model.fields if model else []
    added = [f for f in fields if f.source == "override"]
    omitted = [f for f in fields if f.server_omits]
    properties = schema.get("properties") if isinstance(schema, dict) else None
    money = {
        f.wire_name: retyped
        for f in fields
        if isinstance(properties, dict)
        and (retyped := _money_property(properties.get(f.wire_name), f.type)) is not None
    }
    if not (added or omitted or money) or not isinstance(schema, dict):
        return schema
    patched = copy.deepcopy(schema)
    properties = patched.setdefault("properties", {})
    for field in added:
        properties.setdefault(field.wire_name, {**_added_schema(field.type), OVERRIDE_MARK: True})
        if field.required:
            patched["required"] = sorted({*patched.get("required", []), field.wire_name})
    properties.update(money)
    for field in omitted:
        if isinstance(properties.get(field.wire_name), dict):
            properties[field.wire_name] = {**properties[field.wire_name], SERVER_OMITS_MARK: True}
    return patched


def _money_property(schema: Any, kind: ir.TypeRef) -> dict[str, Any] | None:
    """The property schema of a decimal field (or a map or list of them) whose spec schema is
    a plain string, as a decimal string; None when the spec types it itself."""
    kind = ir.non_null(kind)
    if not isinstance(schema, dict) or "$ref" in schema:
        return None
    inner: dict[str, Any] | None
    if isinstance(kind, (ir.DictOf, ir.ListOf)):
        key = "additionalProperties" if isinstance(kind, ir.DictOf) else "items"
        item = kind.value if isinstance(kind, ir.DictOf) else kind.item
        inner = _money_property(schema.get(key), item)
        return None if inner is None else {**schema, key: inner}
    if not (ir.is_decimal(kind) and schema.get("type") == "string" and "format" not in schema):
        return None
    assert isinstance(kind, ir.Primitive)
    example = _DECIMAL_EXAMPLES[kind.name]
    return {**schema, "format": "decimal", "example": example, OVERRIDE_MARK: True}


def _added_schema(kind: ir.TypeRef) -> dict[str, Any]:
    nullable = isinstance(kind, ir.Nullable)
    if isinstance(kind, ir.Nullable):
        kind = kind.inner
    schema: dict[str, Any]
    if isinstance(kind, ir.Primitive) and kind.name in _DECIMAL_EXAMPLES:
        schema = {"type": "string", "format": "decimal", "example": _DECIMAL_EXAMPLES[kind.name]}
    elif isinstance(kind, ir.Primitive) and kind.name in ("int", "bool", "float"):
        schema = {"type": {"int": "integer", "bool": "boolean", "float": "number"}[kind.name]}
    elif isinstance(kind, ir.Primitive) and kind.name in ("datetime", "date"):
        schema = {"type": "string", "format": "date-time" if kind.name == "datetime" else "date"}
    elif isinstance(kind, ir.Primitive):
        schema = {"type": "string"}
    else:
        schema = {}
    if nullable:
        schema["nullable"] = True
    return schema


def _base_path(server_url: str) -> str:
    path = urlsplit(server_url).path.rstrip("/") if server_url else ""
    return path or _DEFAULT_BASE_PATH


# ---------------------------------------------------------------------- literals


def _plain(value: Any) -> Any:
    """JSON-shaped data: dicts with str keys, lists, str, int, float, bool, None."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        items = [_plain(v) for v in value]
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()  # an unquoted YAML timestamp (example: 2024-01-01)
    return str(value)


def python_literal(value: Any) -> str:
    """A deterministic Python literal (dicts keep the spec's order; ruff formats it later)."""
    return pprint.pformat(_plain(value), indent=1, width=100, sort_dicts=False)

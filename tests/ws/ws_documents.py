"""The WebSocket document and overrides the generator tests read, and building their IR.

The document is ../shared/spec/kalshi-ws-asyncapi-<locked version>.yaml (never copied into
the repo; a missing one is a skip, a failure in CI); mutated copies are plain dicts (deep
copies of the parsed document) or files in tmp_path.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import yaml
from shared_specs import SHARED_SPEC, unavailable

from generator import ir
from generator.asyncapi.build import build_ws_ir
from generator.asyncapi.check import check_asyncapi
from generator.documents.load import load_document
from generator.overrides.ws import WsOverrides, load_ws_overrides

REPO = Path(__file__).resolve().parents[2]
OVERRIDES_WS = REPO / "overrides-ws.yaml"
WS_LOCK = REPO / "spec" / "asyncapi.lock.json"
SOURCE = "asyncapi.yaml"  # how errors name the document in these tests
# the perps WebSocket document (kalshi.perps.ws) and its overrides
OVERRIDES_PERPS_WS = REPO / "overrides-perps-ws.yaml"
PERPS_WS_LOCK = REPO / "spec" / "perps-asyncapi.lock.json"
PERPS_SOURCE = "perps-asyncapi.yaml"


def ws_version() -> str:
    """The locked AsyncAPI release (spec/asyncapi.lock.json), else the one this was written for."""
    if WS_LOCK.is_file():
        return str(json.loads(WS_LOCK.read_text(encoding="utf-8"))["version"])
    return "2.0.0"


def ws_document_path() -> Path:
    path = SHARED_SPEC / f"kalshi-ws-asyncapi-{ws_version()}.yaml"
    if not path.is_file():
        unavailable(f"{path} is missing: the real Kalshi documents live in ../shared/spec/")
    return path


def ws_document() -> dict[str, Any]:
    """A fresh deep copy of the parsed document, free to mutate."""
    return copy.deepcopy(load_document(ws_document_path()))


def ws_overrides_data() -> dict[str, Any]:
    """overrides-ws.yaml as plain data, free to mutate."""
    data = yaml.safe_load(OVERRIDES_WS.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def build(
    doc: dict[str, Any] | None = None, overrides: dict[str, Any] | WsOverrides | None = None
) -> ir.WsClientIR:
    """The checked document + overrides -> the WS IR (both default to the real ones)."""
    doc = ws_document() if doc is None else doc
    check_asyncapi(doc, source=SOURCE)
    if overrides is None:
        chosen = load_ws_overrides(OVERRIDES_WS)
    elif isinstance(overrides, WsOverrides):
        chosen = overrides
    else:
        chosen = WsOverrides.model_validate(overrides)
    return build_ws_ir(doc, chosen, source=SOURCE, overrides_source="overrides-ws.yaml")


def perps_ws_version() -> str:
    """The locked perps AsyncAPI release (spec/perps-asyncapi.lock.json), else 2.0.0."""
    if PERPS_WS_LOCK.is_file():
        return str(json.loads(PERPS_WS_LOCK.read_text(encoding="utf-8"))["version"])
    return "2.0.0"


def perps_ws_document_path() -> Path:
    path = SHARED_SPEC / f"kalshi-perps-ws-asyncapi-{perps_ws_version()}.yaml"
    if not path.is_file():
        unavailable(f"{path} is missing: the real Kalshi documents live in ../shared/spec/")
    return path


def perps_ws_document() -> dict[str, Any]:
    """A fresh deep copy of the parsed perps document, free to mutate."""
    return copy.deepcopy(load_document(perps_ws_document_path()))


def perps_overrides_data() -> dict[str, Any]:
    """overrides-perps-ws.yaml as plain data, free to mutate."""
    data = yaml.safe_load(OVERRIDES_PERPS_WS.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def build_perps(
    doc: dict[str, Any] | None = None, overrides: dict[str, Any] | None = None
) -> ir.WsClientIR:
    """The perps document + overrides-perps-ws.yaml -> the WS IR (both default to the real
    ones), through the same checker and builder as the main document."""
    doc = perps_ws_document() if doc is None else doc
    check_asyncapi(doc, source=PERPS_SOURCE)
    chosen = WsOverrides.model_validate(perps_overrides_data() if overrides is None else overrides)
    return build_ws_ir(doc, chosen, source=PERPS_SOURCE, overrides_source=OVERRIDES_PERPS_WS.name)


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def override_entries(data: dict[str, Any]) -> set[str]:
    """The entry names an overrides file for a WS document gives, as the tracker records
    them (every entry of overrides-ws.yaml / overrides-perps-ws.yaml is applied)."""
    out: set[str] = set()
    for name, channel in data.get("channels", {}).items():
        out.add(f"channels.{name}.auth")
        if channel["params"]:
            out.add(f"channels.{name}.params")
        if channel.get("update_actions"):
            out.add(f"channels.{name}.update_actions")
    out |= {f"overflow.{policy}" for policy in data.get("overflow", {})}
    out |= {f"books.{name}" for name in data.get("books", {})}
    servers = data.get("servers") or {}
    out |= {f"servers.add[{i}] ({s['url']})" for i, s in enumerate(servers.get("add", []))}
    defaults = servers.get("defaults") or {}
    out |= {f"servers.defaults.{e}" for e in ("production", "demo") if e in defaults}
    if "errors" in data:
        out.add("errors.terminal")
        out |= {f"errors.names.{code}" for code in data["errors"].get("names", {})}
    if "heartbeat" in data:
        out.add("heartbeat")
    out |= {f"orphan_commands.{key}" for key in data.get("orphan_commands", {})}
    for model, entry in data.get("models", {}).items():
        for kind in ("optional_fields", "money_fields"):
            out |= {f"models.{model}.{kind}.{wire}" for wire in entry.get(kind, {})}
    if "money_by_rust_type" in data:
        out.add("money_by_rust_type")
    if "docs" in data:
        out.add("docs.example_market")
    return out

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


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path

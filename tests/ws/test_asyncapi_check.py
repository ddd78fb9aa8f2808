"""A malformed AsyncAPI document (or overrides-ws.yaml) is refused in one line naming the file
and the place, exit 2 through the CLI, before anything is written.

Each case mutates a copy of Kalshi's document (ws_documents.py); the real document passes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_runner import codegen
from ws_documents import OVERRIDES_WS, SOURCE, build, write_yaml, ws_document, ws_overrides_data

from generator.asyncapi.check import check_asyncapi
from generator.errors import GeneratorError

Doc = dict[str, Any]
REPO = Path(__file__).resolve().parents[2]


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    """A mutation setting the node at a slash path (`channels/ticker/address`)."""

    def mutate(doc: Doc) -> None:
        *parents, last = path.split("/")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def _delete(path: str) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        *parents, last = path.split("/")
        node: Any = doc
        for part in parents:
            node = node[part]
        del node[last]

    return mutate


TICKER_PAYLOAD = "components/schemas/tickerPayload/properties"

# (mutation, the place the one-line error names, what it says)
CASES: dict[str, tuple[Callable[[Doc], None], str, str]] = {
    "asyncapi 2": (_set("asyncapi", "2.6.0"), "asyncapi", "not supported (AsyncAPI 3.x only)"),
    "no info title": (_delete("info/title"), "info.title", "non-empty string"),
    "dangling message ref": (
        _set("channels/ticker/messages/ticker", {"$ref": "#/components/messages/x"}),
        "channels.ticker.messages.ticker",
        "$ref '#/components/messages/x' not found",
    ),
    "remote ref": (
        _set("components/messages/ticker/payload", {"$ref": "other.yaml#/x"}),
        "components.messages.ticker.payload",
        "is not local",
    ),
    "ref not a string": (
        _set(f"{TICKER_PAYLOAD}/sid", {"$ref": 12}),
        "components.schemas.tickerPayload.properties.sid",
        "$ref must be a string",
    ),
    "channels not a mapping": (_set("channels", ["ticker"]), "channels", "must be a mapping"),
    "schemas not a mapping": (
        _set("components/schemas", None),
        "components.schemas",
        "must be a mapping",
    ),
    "server protocol": (
        _set("servers/production/protocol", "https"),
        "servers.production.protocol",
        "must be ws or wss",
    ),
    "server path": (
        _set("servers/production/pathname", "trade-api"),
        "servers.production.pathname",
        "must start with '/'",
    ),
    "operation action": (
        _set("operations/sendSubscribe/action", "publish"),
        "operations.sendSubscribe.action",
        "must be send or receive",
    ),
    "operation channel": (
        _set("operations/receiveTicker/channel", {"$ref": "#/components/messages/ticker"}),
        "operations.receiveTicker.channel",
        "must be a $ref '#/channels/<name>'",
    ),
    "operation message elsewhere": (
        _set("operations/receiveTicker/messages/0", {"$ref": "#/channels/trade/messages/trade"}),
        "operations.receiveTicker.messages[0]",
        "must be a $ref into the operation's channel",
    ),
    "channel message without payload": (
        _set("channels/ticker/messages/ticker", {"name": "ticker"}),
        "channels.ticker.messages.ticker",
        "no `payload`",
    ),
    "type without const": (
        _set(f"{TICKER_PAYLOAD}/type", {"type": "string"}),
        "components.schemas.tickerPayload.properties.type",
        "must be a string schema with a non-empty `const`",
    ),
    "neither type nor cmd": (
        _delete(f"{TICKER_PAYLOAD}/type"),
        "components.schemas.tickerPayload.properties",
        "needs exactly one of `type`",
    ),
    "sid not an integer": (
        _set(f"{TICKER_PAYLOAD}/sid", {"type": "string"}),
        "components.schemas.tickerPayload.properties.sid",
        "must be an integer schema",
    ),
    "msg a string": (
        _set(f"{TICKER_PAYLOAD}/msg", {"type": "string"}),
        "components.schemas.tickerPayload.properties.msg",
        "must be an object or array schema",
    ),
    "payload not an object": (
        _set("components/schemas/tickerPayload", {"type": "string"}),
        "components.schemas.tickerPayload",
        "must be an object with `properties`",
    ),
    "required not a list": (
        _set("components/schemas/tickerPayload/required", "msg"),
        "components.schemas.tickerPayload.required",
        "must be a list of property names",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_document_is_one_line_naming_the_place(case: str) -> None:
    mutate, where, says = CASES[case]
    doc = ws_document()
    mutate(doc)
    with pytest.raises(GeneratorError) as caught:
        check_asyncapi(doc, source=SOURCE)
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"{SOURCE}: {where}: "), text
    assert says in text, text


def test_the_real_document_passes() -> None:
    check_asyncapi(ws_document(), source=SOURCE)


# ---------------------------------------------------------------------- semantic errors (build)


def _build_error(doc: Doc | None = None, overrides: dict[str, Any] | None = None) -> str:
    with pytest.raises(GeneratorError) as caught:
        build(doc, overrides)
    return str(caught.value)


def test_operations_taking_both_sides_are_refused() -> None:
    doc = ws_document()
    doc["operations"]["receiveTicker"]["action"] = "receive"  # the client's side, alone
    text = _build_error(doc)
    assert text.startswith(
        f"{SOURCE}: operations.receiveTicker.messages[0]: operations take both sides"
    )


def test_payloads_sharing_a_type_that_nothing_tells_apart_are_refused() -> None:
    doc = ws_document()
    # the metadata payload's event_type becomes an open string: no value, no keys differ
    msg = doc["components"]["schemas"]["marketMetadataUpdatedPayload"]["properties"]["msg"]
    msg["properties"]["event_type"] = {"type": "string"}
    msg["required"] = ["market_ticker", "event_type"]
    life = doc["components"]["schemas"]["marketLifecycleV2Payload"]["properties"]["msg"]
    life["required"] = ["event_type", "market_ticker"]
    text = _build_error(doc)
    assert "payloads of type 'market_lifecycle_v2' cannot be told apart" in text
    assert "\n" not in text


def test_subscribe_naming_an_undefined_channel_is_refused() -> None:
    doc = ws_document()
    params = doc["components"]["schemas"]["subscribeCommandPayload"]["properties"]["params"]
    params["properties"]["channels"]["items"]["enum"].append("ticker_v3")
    assert "names channel 'ticker_v3', which is not defined" in _build_error(doc)


def test_a_data_channel_without_an_overrides_entry_names_it() -> None:
    overrides = ws_overrides_data()
    del overrides["channels"]["ticker"]
    text = _build_error(overrides=overrides)
    assert text.startswith("overrides-ws.yaml: channels.ticker: the document's channel 'ticker'")
    assert "\n" not in text


def test_a_channel_in_no_overflow_group_names_it() -> None:
    overrides = ws_overrides_data()
    overrides["overflow"]["drop_oldest"]["channels"].remove("pyth_value")
    assert "overflow: channel 'pyth_value' is in no group" in _build_error(overrides=overrides)


# ---------------------------------------------------------------------- through the CLI


def _generate(tmp_path: Path, ws_spec: Path, ws_overrides: Path = OVERRIDES_WS) -> Any:
    return codegen(
        "generate",
        "--spec",
        REPO / "spec" / "openapi.yaml",
        "--overrides",
        REPO / "overrides.yaml",
        "--ws-spec",
        ws_spec,
        "--ws-overrides",
        ws_overrides,
        "--output",
        tmp_path / "out",
        cwd=REPO,
    )


def _one_error_line(done: Any) -> str:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return str(lines[0])


def test_cli_exit_2_for_a_dangling_ref(tmp_path: Path) -> None:
    if not (REPO / "spec" / "openapi.yaml").is_file():
        pytest.skip("spec/openapi.yaml is missing: run ./scripts/setup.sh")
    doc = ws_document()
    doc["channels"]["fill"]["messages"]["fill"] = {"$ref": "#/components/messages/nofill"}
    spec = write_yaml(tmp_path / "asyncapi.yaml", doc)
    line = _one_error_line(_generate(tmp_path, spec))
    assert line == (
        f"kalshi-codegen: error: {spec}: channels.fill.messages.fill: "
        "$ref '#/components/messages/nofill' not found"
    )
    assert not (tmp_path / "out").exists()


def test_cli_exit_2_for_a_duplicate_key(tmp_path: Path) -> None:
    if not (REPO / "spec" / "openapi.yaml").is_file():
        pytest.skip("spec/openapi.yaml is missing: run ./scripts/setup.sh")
    spec = tmp_path / "asyncapi.yaml"
    spec.write_text("asyncapi: 3.0.0\nasyncapi: 3.0.0\n", encoding="utf-8")
    line = _one_error_line(_generate(tmp_path, spec))
    assert f"{spec}:2:1: invalid YAML: duplicate key 'asyncapi'" in line


def test_cli_exit_2_for_an_override_without_reason(tmp_path: Path) -> None:
    if not (REPO / "spec" / "openapi.yaml").is_file():
        pytest.skip("spec/openapi.yaml is missing: run ./scripts/setup.sh")
    overrides = ws_overrides_data()
    overrides["channels"]["ticker"]["reason"] = "  "
    path = write_yaml(tmp_path / "overrides-ws.yaml", overrides)
    spec = write_yaml(tmp_path / "asyncapi.yaml", ws_document())
    line = _one_error_line(_generate(tmp_path, spec, path))
    assert line.startswith(f"kalshi-codegen: error: {path}: channels.ticker.reason: ")


def test_cli_exit_2_for_a_missing_ws_spec(tmp_path: Path) -> None:
    if not (REPO / "spec" / "openapi.yaml").is_file():
        pytest.skip("spec/openapi.yaml is missing: run ./scripts/setup.sh")
    missing = tmp_path / "nothere.yaml"
    assert _one_error_line(_generate(tmp_path, missing)).endswith(f"{missing}: file not found")

"""`kalshi-codegen diff` of two AsyncAPI documents: the WebSocket document against mutated
copies of itself (built here from ../shared/spec, never committed), each giving exactly its
change; the two kinds never mixed."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from cli_runner import codegen
from shared_specs import SHARED_SPEC, locked_spec_path, unavailable

from generator.documents.load import load_document
from generator.specdiff.asyncapi import diff_asyncapi_documents
from generator.specdiff.asyncapi_report import report_to_json, report_to_markdown
from generator.specdiff.kinds import comparable_kind

Doc = dict[str, Any]
PRICE = "string as common::types::Price"


@pytest.fixture(scope="module")
def base() -> Doc:
    path = SHARED_SPEC / "kalshi-ws-asyncapi-2.0.0.yaml"
    if not path.is_file():
        unavailable(f"{path} is missing: the real Kalshi documents live in ../shared/spec/")
    return load_document(path)


def mutated(base: Doc, *mutations: Callable[[Doc], None]) -> Doc:
    doc = copy.deepcopy(base)
    for mutate in mutations:
        mutate(doc)
    return doc


def schemas(doc: Doc) -> Doc:
    return doc["components"]["schemas"]  # type: ignore[no-any-return]


def remove_channel(doc: Doc) -> None:
    del doc["channels"]["trade"]
    del doc["operations"]["receiveTrade"]  # the operation naming it goes with it


def add_message(doc: Doc) -> None:
    """A new data type, `trade_v2`, on the trade channel."""
    messages = doc["components"]["messages"]
    messages["tradeV2"] = {**messages["trade"], "name": "trade_v2"}
    messages["tradeV2"]["payload"] = {"$ref": "#/components/schemas/tradeV2Payload"}
    payload = copy.deepcopy(schemas(doc)["tradePayload"])
    payload["properties"]["type"]["const"] = "trade_v2"
    schemas(doc)["tradeV2Payload"] = payload
    doc["channels"]["trade"]["messages"]["tradeV2"] = {"$ref": "#/components/messages/tradeV2"}


def retype_field(doc: Doc) -> None:
    msg = schemas(doc)["orderbookDeltaPayload"]["properties"]["msg"]
    msg["properties"]["price_dollars"]["type"] = "number"


def remove_command_param(doc: Doc) -> None:
    params = schemas(doc)["subscribeCommandPayload"]["properties"]["params"]
    del params["properties"]["skip_ticker_ack"]


def summarize(report: dict[str, Any]) -> dict[str, Any]:
    """What differs from an empty report, each change as (text, breaking)."""
    found: dict[str, Any] = {}
    for part in ("servers", "channels", "messages", "commands"):
        section = report[part]
        for how in ("added", "removed"):
            if section[how]:
                found[f"{part}_{how}"] = section[how]
        if section["changed"]:
            found[f"{part}_changed"] = {
                name: [(c["text"], c["breaking"]) for c in item["changes"]]
                for name, item in section["changed"].items()
            }
    if report["breaking"]:
        found["breaking"] = report["breaking"]
    return found


def changes(old: Doc, new: Doc) -> dict[str, Any]:
    return summarize(report_to_json(diff_asyncapi_documents(old, new)))


def test_the_document_against_itself_has_no_changes(base: Doc) -> None:
    assert changes(base, copy.deepcopy(base)) == {}


def test_a_removed_channel(base: Doc) -> None:
    assert changes(base, mutated(base, remove_channel)) == {
        "channels_removed": ["trade"],
        "breaking": ["channel `trade` removed"],
    }


def test_an_added_message(base: Doc) -> None:
    assert changes(base, mutated(base, add_message)) == {
        "channels_changed": {"trade": [("message `trade_v2` added (tradeV2)", False)]},
        "messages_added": ["trade_v2"],
    }


def test_a_retyped_field(base: Doc) -> None:
    retyped = f"field `msg.price_dollars` retyped {PRICE} -> number as common::types::Price"
    assert changes(base, mutated(base, retype_field)) == {
        "messages_changed": {"orderbook_delta": [(retyped, True)]},
        "breaking": [f"message `orderbook_delta`: {retyped}"],
    }


def test_a_removed_command_param(base: Doc) -> None:
    removed = "param `skip_ticker_ack` removed (was boolean)"
    assert changes(base, mutated(base, remove_command_param)) == {
        "commands_changed": {"subscribe": [(removed, True)]},
        "breaking": [f"command `subscribe`: {removed}"],
    }


def test_the_reverse_direction_flips_added_and_removed(base: Doc) -> None:
    assert changes(mutated(base, add_message), base) == {
        "channels_changed": {"trade": [("message `trade_v2` removed (was tradeV2)", True)]},
        "messages_removed": ["trade_v2"],
        "breaking": [
            "channel `trade`: message `trade_v2` removed (was tradeV2)",
            "message `trade_v2` removed",
        ],
    }
    assert changes(mutated(base, remove_channel), base) == {"channels_added": ["trade"]}


def test_servers_by_name_and_url(base: Doc) -> None:
    def servers(doc: Doc) -> None:
        production = doc["servers"]["production"]
        doc["servers"]["demo"] = {**production, "host": "demo-api.kalshi.co"}
        production["host"] = "api.elections.kalshi.com"

    moved = (
        "server `production` moved wss://external-api-ws.kalshi.com/trade-api/ws/v2 -> "
        "wss://api.elections.kalshi.com/trade-api/ws/v2"
    )
    report = report_to_json(diff_asyncapi_documents(base, mutated(base, servers)))
    assert summarize(report) == {
        "servers_added": ["demo"],
        "servers_changed": {"production": [(moved, False)]},
    }
    assert report["servers"]["about"] == {"demo": "wss://demo-api.kalshi.co/trade-api/ws/v2"}
    gone = report_to_json(diff_asyncapi_documents(mutated(base, servers), base))
    assert gone["breaking"] == ["server `demo` removed (wss://demo-api.kalshi.co/trade-api/ws/v2)"]


def test_a_channel_whose_address_moved_breaks(base: Doc) -> None:
    def rename(doc: Doc) -> None:
        doc["channels"]["ticker"]["address"] = "ticker_v2"

    assert changes(base, mutated(base, rename)) == {
        "channels_changed": {"ticker": [("channel `ticker` moved ticker -> ticker_v2", True)]},
        "breaking": ["channel `ticker` moved ticker -> ticker_v2"],
    }


def test_a_field_made_required_and_an_enum_value_added(base: Doc) -> None:
    def seq_and_channel(doc: Doc) -> None:
        ticker = schemas(doc)["tickerPayload"]
        ticker["properties"]["seq"] = {"$ref": "#/components/schemas/sequenceNumber"}
        ticker["required"] = [*ticker["required"], "seq"]
        params = schemas(doc)["subscribeCommandPayload"]["properties"]["params"]
        params["properties"]["channels"]["items"]["enum"].append("perps_ticker")
        params["required"] = [*params["required"], "market_ticker"]

    assert changes(base, mutated(base, seq_and_channel)) == {
        "messages_changed": {"ticker": [("field `seq` added as required (integer)", False)]},
        "commands_changed": {
            "subscribe": [
                ("param `channels` enum values added: perps_ticker", False),
                ("param `market_ticker` made required", True),
            ]
        },
        "breaking": ["command `subscribe`: param `market_ticker` made required"],
    }


def test_a_shared_schema_changes_every_field_that_uses_it(base: Doc) -> None:
    """Fields are compared with their $refs followed: what the wire carries."""

    def narrow(doc: Doc) -> None:
        schemas(doc)["marketSide"]["enum"] = ["yes"]

    found = changes(base, mutated(base, narrow))
    narrowed = {
        name: [text for text, breaking in item if not breaking]
        for name, item in found.pop("messages_changed").items()
    }
    assert found == {}  # a response narrowed: nothing breaks
    assert narrowed == {
        "fill": [
            "field `msg.outcome_side` enum values removed: no",
            "field `msg.purchased_side` enum values removed: no",
            "field `msg.side` enum values removed: no",
        ],
        "orderbook_delta": ["field `msg.side` enum values removed: no"],
        "trade": [
            "field `msg.taker_outcome_side` enum values removed: no",
            "field `msg.taker_side` enum values removed: no",
        ],
        "user_order": [
            "field `msg.outcome_side` enum values removed: no",
            "field `msg.side` enum values removed: no",
        ],
    }


def test_the_forms_of_one_type_are_merged(base: Doc) -> None:
    """`ok` has four forms and market_lifecycle_v2 two: a form added or removed is a change of
    its type, and so are the fields only that form had."""

    def forms(doc: Doc) -> None:
        messages = doc["components"]["messages"]
        messages["okMatches"] = {
            **messages["okResponse"],
            "payload": {
                "type": "object",
                "required": ["type"],
                "properties": {
                    "type": {"type": "string", "const": "ok"},
                    "msg": {"type": "object", "properties": {"match_ids": {"type": "array"}}},
                },
            },
        }
        del messages["marketMetadataUpdated"]
        del doc["channels"]["market_lifecycle_v2"]["messages"]["marketMetadataUpdated"]

    only_metadata = [
        "cap_strike",
        "custom_strike",
        "floor_strike",
        "strike_type",
        "yes_sub_title",
    ]
    found = changes(base, mutated(base, forms))
    assert found["messages_changed"]["ok"] == [
        ("form `okMatches` added (inline)", False),
        ("field `msg.match_ids` added (array[any])", False),
    ]
    lifecycle = found["messages_changed"]["market_lifecycle_v2"]
    assert lifecycle[0] == (
        "form `marketMetadataUpdated` removed (was marketMetadataUpdatedPayload)",
        True,
    )
    assert [text.split("`")[1] for text, _ in lifecycle[1:]] == sorted(
        [f"msg.{name}" for name in only_metadata] + ["msg.event_type"]
    )
    assert ("field `msg.event_type` enum values removed: metadata_updated", False) in lifecycle
    assert set(found) == {"messages_changed", "breaking"}  # the channel still carries the type


def test_markdown_and_json_are_deterministic_and_sorted(base: Doc) -> None:
    new = mutated(base, add_message, remove_channel, retype_field, remove_command_param)
    new["info"]["version"] = "2.1.0"
    first = diff_asyncapi_documents(base, new)
    again = diff_asyncapi_documents(copy.deepcopy(base), copy.deepcopy(new))
    assert json.dumps(report_to_json(first)) == json.dumps(report_to_json(again))
    markdown = report_to_markdown(first, "2.0.0", "2.1.0")
    assert markdown == report_to_markdown(again, "2.0.0", "2.1.0")
    assert report_to_json(first)["breaking"] == sorted(report_to_json(first)["breaking"])
    assert markdown.startswith(
        "## WebSocket API changes: 2.0.0 -> 2.1.0\n\n"
        "| | Added | Removed | Changed |\n"
        "|---|---:|---:|---:|\n"
        "| Servers | 0 | 0 | 0 |\n"
        "| Channels | 0 | 1 | 0 |\n"
        "| Messages | 1 | 0 | 1 |\n"
        "| Commands | 0 | 0 | 1 |\n\n"
        "**3 breaking changes** for code using the client.\n\n"
        "### Breaking changes (3)\n\n"
        "- channel `trade` removed\n"
        "- command `subscribe`: param `skip_ticker_ack` removed (was boolean)\n"
        f"- message `orderbook_delta`: field `msg.price_dollars` retyped {PRICE} -> "
        "number as common::types::Price\n"
    )
    assert "| `trade_v2` | tradeV2 |" in markdown
    assert "  - **breaking:** param `skip_ticker_ack` removed (was boolean)" in markdown


def write(tmp_path: Path, name: str, doc: Doc) -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def test_the_cli_detects_the_kind_and_writes_both_formats(base: Doc, tmp_path: Path) -> None:
    new = mutated(base, retype_field)
    new["info"]["version"] = "2.0.1"
    old_path, new_path = write(tmp_path, "old.yaml", base), write(tmp_path, "new.yaml", new)

    markdown = codegen("diff", old_path, new_path)
    as_json = codegen("diff", old_path, new_path, "--format", "json")

    assert (markdown.returncode, as_json.returncode) == (0, 0), markdown.stderr + as_json.stderr
    assert markdown.stdout.startswith("## WebSocket API changes: 2.0.0 -> 2.0.1\n")
    assert markdown.stdout == report_to_markdown(
        diff_asyncapi_documents(base, new), "2.0.0", "2.0.1"
    )
    data = json.loads(as_json.stdout)
    assert data["kind"] == "asyncapi"
    assert data["versions"] == {"old": "2.0.0", "new": "2.0.1"}
    assert list(data["messages"]["changed"]) == ["orderbook_delta"]
    assert as_json.stdout == json.dumps(data, indent=2, sort_keys=True) + "\n"


def test_an_openapi_and_an_asyncapi_document_are_not_compared(base: Doc, tmp_path: Path) -> None:
    ws = write(tmp_path, "ws.yaml", base)
    rest = locked_spec_path()
    for old, new, says in (
        (rest, ws, f"an OpenAPI document ({rest}) with an AsyncAPI document ({ws})"),
        (ws, rest, f"an AsyncAPI document ({ws}) with an OpenAPI document ({rest})"),
    ):
        done = codegen("diff", old, new)
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr == (
            f"kalshi-codegen: error: cannot compare {says}: give two documents of one kind\n"
        )


def test_which_comparison_a_pair_gets() -> None:
    rest, ws, bare = {"openapi": "3.0.0"}, {"asyncapi": "3.0.0"}, {"info": {}}
    assert comparable_kind(rest, rest, "a", "b") == "openapi"
    assert comparable_kind(ws, ws, "a", "b") == "asyncapi"
    assert comparable_kind(bare, ws, "a", "b") == "asyncapi"  # one says nothing: the other's
    assert comparable_kind(bare, bare, "a", "b") == "openapi"  # as diff always did

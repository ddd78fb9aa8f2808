"""The WebSocket IR: the AsyncAPI document's traps corrected, overrides-ws.yaml applied in full,
stale entries failing the run, and the rendered files the same on every run.

Traps (GUIDE.md 9): operation `action`s written from the server's side; four `ok` replies
sharing one type; market_lifecycle_v2's two payloads; money typed only by x-rust-type (and
some without the `_dollars` suffix); event_lifecycle carried by two channels; params, auth
and update actions per channel in prose only.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ws_documents import build, override_entries, ws_document, ws_overrides_data

from generator import ir
from generator.emit.render import render_client
from generator.errors import GeneratorError
from generator.pipeline import build_client

FIXTURE_SPECS = Path(__file__).resolve().parents[1] / "fixtures" / "specs"

DATA_CHANNELS = [
    "orderbook_delta", "ticker", "trade", "fill", "market_positions", "market_lifecycle_v2",
    "multivariate_market_lifecycle", "communications", "order_group_updates", "user_orders",
    "cfbenchmarks_value", "cfbenchmarks_value_5hz", "pyth_value",
]  # fmt: skip
WITHOUT_SEQ = {"ticker", "fill", "market_position", "user_order"}


@pytest.fixture(scope="module")
def client() -> ir.WsClientIR:
    return build()


def _model(client: ir.WsClientIR, name: str) -> ir.Model:
    return next(m for m in client.models.values() if m.name == name)


def _field(client: ir.WsClientIR, model: str, wire: str) -> ir.Field:
    return next(f for f in _model(client, model).fields if f.wire_name == wire)


def _msg_model(client: ir.WsClientIR, wire_type: str) -> ir.Model:
    (payload,) = client.messages[wire_type].payloads
    assert isinstance(payload.msg, ir.ModelRef)
    return client.models[payload.msg.name]


# ---------------------------------------------------------------------- shape


def test_13_data_channels_and_30_data_types(client: ir.WsClientIR) -> None:
    assert [c.name for c in client.channels] == DATA_CHANNELS
    assert len(client.messages) == 30
    assert all(frame.kind == "data" for frame in client.messages.values())
    carried = {t for c in client.channels for t in c.messages}
    assert carried == set(client.messages)
    assert {t for t, frame in client.messages.items() if not frame.seq} == WITHOUT_SEQ
    assert sum(frame.seq for frame in client.messages.values()) == 26
    names = [frame.class_name for frame in client.frames]
    assert len(names) == len(set(names))


def test_every_channel_method_and_alias(client: ir.WsClientIR) -> None:
    for channel in client.channels:
        assert channel.method_name == f"subscribe_{channel.name}"
    assert client.channels[0].message_alias == "OrderbookDeltaMessage"


# ---------------------------------------------------------------------- the traps


def test_directions_come_from_the_payloads_not_the_inverted_actions(client: ir.WsClientIR) -> None:
    # sendSubscribe has `action: receive` (the server's side): still a command the client sends
    assert client.commands and {c.cmd for c in client.commands} == {
        "subscribe", "unsubscribe", "update_subscription", "list_subscriptions",
    }  # fmt: skip
    assert set(client.replies) == {
        "subscribed",
        "ok",
        "list_subscriptions",
        "unsubscribed",
        "error",
    }
    # the same document written from the client's side builds the same IR
    doc = ws_document()
    for operation in doc["operations"].values():
        operation["action"] = {"send": "receive", "receive": "send"}[operation["action"]]
    flipped = build(doc)
    assert [c.cmd for c in flipped.commands] == [c.cmd for c in client.commands]
    assert list(flipped.messages) == list(client.messages)
    assert list(flipped.replies) == list(client.replies)


def test_the_four_ok_replies_are_one_frame_told_apart_by_msg(client: ir.WsClientIR) -> None:
    ok = client.replies["ok"]
    assert ok.class_name == "Ok" and ok.union_name == "AnyOkMsg"
    rules = {p.message_id: p.rule for p in ok.payloads}
    assert rules == {
        "listSubscriptionsResponse": ir.WsVariantRule("array"),
        "subscribedIndicesResponse": ir.WsVariantRule("keys", "", ("index_ids",)),
        "subscribedUnderlyingsResponse": ir.WsVariantRule("keys", "", ("underlying_tickers",)),
        "okResponse": ir.WsVariantRule("default"),
    }
    # only `type` is required of every ok: an update reply has a sid, list_subscriptions none
    assert [f.wire_name for f in ok.model.fields if f.required] == ["type"]
    assert isinstance(ok.payloads[0].msg, ir.ListOf)
    # the list reply's message is named list_subscriptions: read under that type too
    assert client.replies["list_subscriptions"].payloads[0].msg == ok.payloads[0].msg
    assert any("named 'list_subscriptions'" in str(w) for w in client.warnings)


def test_market_lifecycle_v2_payloads_told_apart_by_event_type(client: ir.WsClientIR) -> None:
    frame = client.messages["market_lifecycle_v2"]
    assert frame.union_name == "AnyMarketLifecycleV2Msg"
    assert [(p.tag, p.rule) for p in frame.payloads] == [
        ("MarketLifecycleV2Msg", ir.WsVariantRule("default")),
        (
            "MarketMetadataUpdatedMsg",
            ir.WsVariantRule("value", "event_type", ("metadata_updated",)),
        ),
    ]
    msg = next(f for f in frame.model.fields if f.wire_name == "msg")
    assert msg.type == ir.ModelRef("AnyMarketLifecycleV2Msg") and msg.required
    assert client.models["AnyMarketLifecycleV2Msg"].kind == "alias"


def test_event_lifecycle_is_one_frame_on_two_channels(client: ir.WsClientIR) -> None:
    frame = client.messages["event_lifecycle"]
    assert frame.channels == ("market_lifecycle_v2", "multivariate_market_lifecycle")
    assert len(frame.payloads) == 1
    for name in frame.channels:
        assert "event_lifecycle" in next(c for c in client.channels if c.name == name).messages


DOLLARS, COUNT = ir.Primitive("dollars"), ir.Primitive("count")


@pytest.mark.parametrize(
    ("model", "wire", "kind", "py_name"),
    [
        ("TickerMsg", "price_dollars", DOLLARS, "price"),  # x-rust-type Price + _dollars
        ("TickerMsg", "volume_fp", COUNT, "volume"),  # i64 serialised as a fixed-point count
        ("TickerMsg", "last_trade_size_fp", COUNT, "last_trade_size"),  # Amount
        ("FillMsg", "post_position_fp", COUNT, "post_position"),  # Position
        ("UserOrderMsg", "taker_fees_dollars", DOLLARS, "taker_fees"),  # Value
        ("FillMsg", "fee_cost", DOLLARS, "fee_cost"),  # no suffix: overrides-ws.yaml
        ("MarketLifecycleV2Msg", "settlement_value", ir.Nullable(DOLLARS), "settlement_value"),
        ("MultivariateMarketLifecycleMsg", "settlement_value", DOLLARS, "settlement_value"),
        ("MarketLifecycleV2MsgPriceRange", "step", DOLLARS, "step"),
        ("OrderGroupUpdatesMsg", "contracts_limit_fp", COUNT, "contracts_limit"),
    ],
)  # fmt: skip
def test_money_typed_by_x_rust_type_and_name(
    client: ir.WsClientIR, model: str, wire: str, kind: ir.TypeRef, py_name: str
) -> None:
    found = _field(client, model, wire)
    assert ir.non_null(found.type) == ir.non_null(kind)
    assert found.py_name == py_name


def test_order_book_levels_are_decimal_tuples(client: ir.WsClientIR) -> None:
    for side in ("yes_dollars_fp", "no_dollars_fp"):
        levels = _field(client, "OrderbookSnapshotMsg", side)
        assert levels.type == ir.ListOf(ir.TupleOf((DOLLARS, COUNT)))
        assert not levels.required  # a side is absent when empty


def test_numbers_stay_numbers(client: ir.WsClientIR) -> None:
    assert _field(client, "MarketMetadataUpdatedMsg", "floor_strike").type == ir.Primitive(
        "decimal"
    )
    fee = _field(client, "EventFeeUpdateMsg", "fee_multiplier_override").type
    assert fee == ir.Nullable(ir.Primitive("float"))  # a multiplier, not money
    assert _field(client, "TickerMsg", "dollar_volume").type == ir.Primitive("int")


def test_fields_the_server_omits_are_optional(client: ir.WsClientIR) -> None:
    for model, wire in [
        ("OrderbookSnapshotMsg", "clock"),
        ("OrderbookDeltaMsg", "clock"),
        ("TradeMsg", "is_block_trade"),
        ("TickerMsg", "ts_ms"),
        ("TickerMsg", "time"),
        ("FillMsg", "exchange_index"),
    ]:
        found = _field(client, model, wire)
        assert not found.required and found.server_omits, (model, wire)
    # the fake's contract says so too: not required, marked
    msg = client.schemas["orderbookDeltaPayload"]["properties"]["msg"]
    assert "clock" not in msg["required"]
    assert msg["properties"]["clock"]["x-server-omits"] is True
    assert msg["properties"]["price_dollars"]["format"] == "decimal"


def test_params_auth_and_actions_per_channel(client: ir.WsClientIR) -> None:
    by_name = {c.name: c for c in client.channels}
    entries = ws_overrides_data()["channels"]
    for name, channel in by_name.items():
        assert [p.wire_name for p in channel.params] == entries[name]["params"]
        assert channel.auth is entries[name]["auth"]
        assert list(channel.update_actions) == entries[name].get("update_actions", [])
    assert [p.wire_name for p in by_name["pyth_value"].params] == ["underlying_tickers"]
    assert {c.name for c in client.channels if not c.auth} == {
        "ticker", "trade", "market_lifecycle_v2", "multivariate_market_lifecycle",
    }  # fmt: skip
    tickers = next(p for p in by_name["ticker"].params if p.wire_name == "market_tickers")
    assert tickers.type == ir.ListOf(ir.Primitive("str"))
    assert by_name["orderbook_delta"].book is not None
    assert by_name["orderbook_delta"].book.price_field == "price_dollars"
    assert {c.name: c.overflow for c in client.channels if c.overflow != "drop_oldest"} == {
        "orderbook_delta": "resync", "fill": "error", "user_orders": "error",
        "order_group_updates": "error", "market_positions": "error", "communications": "error",
    }  # fmt: skip


def test_servers_errors_heartbeat_and_the_orphaned_command(client: ir.WsClientIR) -> None:
    assert client.default_servers == {
        "production": "wss://api.elections.kalshi.com/trade-api/ws/v2",
        "demo": "wss://demo-api.kalshi.co/trade-api/ws/v2",
    }
    assert "wss://external-api-ws.kalshi.com/trade-api/ws/v2" in {s.url for s in client.servers}
    assert client.path == "/trade-api/ws/v2" and client.heartbeat_seconds == 10
    assert {e.code for e in client.error_codes if e.terminal} == {10, 25}
    assert {e.code for e in client.error_codes} == set(range(1, 29)) - {6, 16, 17}
    update = next(c for c in client.commands if c.cmd == "update_subscription")
    orphan = next(f for f in update.forms if f.message_id == "updateSubscriptionGetSnapshotCommand")
    assert orphan.source == "override" and "get_snapshot" in orphan.actions
    assert set(update.actions) >= {"add_markets", "delete_markets", "get_snapshot", "indexlist"}


def test_an_unsuffixed_money_field_without_an_entry_is_a_str_with_a_warning() -> None:
    overrides = ws_overrides_data()
    del overrides["models"]["FillMsg"]["money_fields"]
    built = build(overrides=overrides)
    assert _field(built, "FillMsg", "fee_cost").type == ir.Primitive("str")
    assert any(
        "FillMsg.fee_cost" in str(w) and "x-rust-type says dollars" in str(w)
        for w in built.warnings
    )


# ---------------------------------------------------------------------- overrides in full


def test_every_override_entry_is_applied(client: ir.WsClientIR) -> None:
    applied = {a.entry for a in client.override_report}
    expected = override_entries(ws_overrides_data())
    assert expected - applied == set()
    assert applied - expected == set()
    assert all(a.reason.strip() for a in client.override_report)


def test_stale_entries_fail_naming_each_entry() -> None:
    data = ws_overrides_data()
    data["channels"]["ticker_v9"] = {"params": [], "auth": False, "reason": "a channel now gone"}
    data["channels"]["trade"]["params"].append("market_slug")
    data["channels"]["fill"]["update_actions"].append("get_everything")
    data["models"]["NoSuchMsg"] = {"money_fields": {"x": "dollars"}, "reason": "gone model"}
    data["models"]["TickerMsg"] = {
        "money_fields": {"price_dollars": "dollars"},  # the convention types it already
        "optional_fields": {"ts": "made optional", "nope": "no such field"},
        "reason": "stale on purpose",
    }
    data["models"]["FillMsg"]["optional_fields"]["subaccount"] = "optional in the document"
    data["servers"]["add"][0]["url"] = "wss://external-api-ws.kalshi.com/trade-api/ws/v2"
    data["servers"]["defaults"]["production"] = "wss://nowhere.example/trade-api/ws/v2"
    data["errors"]["terminal"].append(99)
    data["heartbeat"]["seconds"] = 11
    data["orphan_commands"]["noSuchCommand"] = "gone"
    data["books"]["orderbook_delta"]["price_field"] = "price"
    data["overflow"]["error"]["channels"].append("ticker_v9")
    with pytest.raises(GeneratorError) as caught:
        build(overrides=data)
    text = str(caught.value)
    for entry in [
        "channels.ticker_v9: the document has no such data channel",
        "channels.trade.params: the document's subscribe params have no 'market_slug'",
        "channels.fill.update_actions: update_subscription has no action 'get_everything'",
        "models.NoSuchMsg: no payload model 'NoSuchMsg'",
        "models.TickerMsg.money_fields.price_dollars: redundant",
        "models.TickerMsg.optional_fields.nope: the document does not define TickerMsg.nope",
        "models.FillMsg.optional_fields.subaccount: the document no longer requires",
        "servers.add[0] (wss://external-api-ws.kalshi.com/trade-api/ws/v2): redundant",
        "servers.defaults.production: wss://nowhere.example/trade-api/ws/v2 is not a known server",
        "errors.terminal: the document has no error code 99",
        "heartbeat: no channel description says 'every 11 seconds'",
        "orphan_commands.noSuchCommand: the document has no such message",
        "books.orderbook_delta: the delta msg has no field 'price'",
        "overflow.error: the document has no data channel 'ticker_v9'",
    ]:
        assert f"  - {entry}" in text, entry
    assert text.startswith("overrides-ws.yaml: 14 override(s) no longer match the spec")
    # ts is required and the entry applies: not among the stale ones
    assert "optional_fields.ts:" not in text


def test_an_orphan_the_document_now_carries_is_redundant() -> None:
    doc = ws_document()
    doc["channels"]["root"]["messages"]["updateSubscriptionGetSnapshotCommand"] = {
        "$ref": "#/components/messages/updateSubscriptionGetSnapshotCommand"
    }
    with pytest.raises(
        GeneratorError, match="orphan_commands.updateSubscriptionGetSnapshotCommand: redundant"
    ):
        build(doc)


def test_the_strict_schema_refuses_unknown_keys_and_blank_reasons() -> None:
    from pydantic import ValidationError

    from generator.overrides.ws import WsOverrides

    data = ws_overrides_data()
    data["channels"]["ticker"]["auths"] = True
    with pytest.raises(ValidationError, match="auths"):
        WsOverrides.model_validate(data)
    data = ws_overrides_data()
    data["overflow"]["resync"]["reason"] = " "
    with pytest.raises(ValidationError, match="reason"):
        WsOverrides.model_validate(data)
    data = ws_overrides_data()
    data["channels"]["ticker"]["auth"] = "yes"  # strict: not coerced
    with pytest.raises(ValidationError, match="auth"):
        WsOverrides.model_validate(data)


# ---------------------------------------------------------------------- rendering


def test_rendering_is_deterministic_and_leaves_rest_alone(
    client: ir.WsClientIR, tmp_path: Path
) -> None:
    from generator.emit.site import render_site
    from generator.emit.ws import render_ws
    from generator.targets import project_target

    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    rest, _ = build_client(FIXTURE_SPECS / "crud.yaml", empty)
    first, second = render_ws(client, rest), render_ws(build(), rest)
    assert first == second
    assert set(first) >= {
        "kalshi/ws/__init__.py", "kalshi/ws/models.py", "kalshi/ws/channels.py",
        "kalshi/ws/client.py", "kalshi/testing/_ws_contract.py",
    }  # fmt: skip
    without, with_ws = render_client(rest), render_client(rest, client)
    # the dependency and the surface (WS lines appended)
    linking = {"pyproject.toml", "SURFACE.txt"}
    assert {k: v for k, v in with_ws.items() if k in without and k not in linking} == {
        k: v for k, v in without.items() if k not in linking
    }
    assert with_ws["SURFACE.txt"].startswith(without["SURFACE.txt"])
    assert "\n[ws] AsyncKalshiWS / KalshiWS\n" in with_ws["SURFACE.txt"]
    trade = [project_target("trade")]
    site = render_site(with_ws, trade, version="1", spec_version="1")
    assert "  - Streaming: streaming.md\n" in site
    assert "streaming.md" not in render_site(without, trade, version="1", spec_version="1")
    assert '"websockets>=15"' in with_ws["pyproject.toml"]
    assert "websockets" not in without["pyproject.toml"]
    assert not any(path.startswith(("kalshi/ws/", "kalshi/testing/_ws_")) for path in without)

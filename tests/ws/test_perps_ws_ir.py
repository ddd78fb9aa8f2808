"""The perps WebSocket document (kalshi-perps-ws-asyncapi) through the same AsyncAPI checker,
builder and renderer as the main one: 7 data channels, a bid/ask book with suffix-less
fields, money typed by x-rust-type alone, corporate_actions, prod and demo servers; every
entry of overrides-perps-ws.yaml applied, a stale one failing the run; the files of the
perps-ws target placed in kalshi.perps, importing the one runtime."""

from __future__ import annotations

import re
from typing import Any

import pytest
from ws_documents import (
    REPO,
    build_perps,
    override_entries,
    perps_overrides_data,
    perps_ws_document,
)

from generator import ir
from generator.emit.ws import render_ws
from generator.errors import GeneratorError
from generator.targets import project_target

DATA_CHANNELS = [
    "orderbook_delta", "corporate_actions", "ticker", "trade", "fill", "user_orders",
    "order_group_updates",
]  # fmt: skip
DOLLARS, COUNT = ir.Primitive("dollars"), ir.Primitive("count")
STREAMING_TEMPLATE = REPO / "templates" / "docs" / "docs_streaming.md.jinja"
LEVELS = ir.ListOf(ir.TupleOf((DOLLARS, COUNT)))
PRODUCTION = "wss://external-api-margin-ws.kalshi.com/trade-api/ws/v2/margin"
DEMO = "wss://external-api-margin-ws.demo.kalshi.co/trade-api/ws/v2/margin"


@pytest.fixture(scope="module")
def client() -> ir.WsClientIR:
    return build_perps()


def _model(client: ir.WsClientIR, name: str) -> ir.Model:
    return next(m for m in client.models.values() if m.name == name)


def _field(client: ir.WsClientIR, model: str, wire: str) -> ir.Field:
    return next(f for f in _model(client, model).fields if f.wire_name == wire)


# ---------------------------------------------------------------------- the IR


def test_seven_data_channels_each_with_its_method(client: ir.WsClientIR) -> None:
    assert [c.name for c in client.channels] == DATA_CHANNELS
    assert [c.method_name for c in client.channels] == [f"subscribe_{c}" for c in DATA_CHANNELS]
    assert all(c.auth for c in client.channels)  # the handshake is signed for every channel
    by_name = {c.name: c for c in client.channels}
    assert [p.wire_name for p in by_name["user_orders"].params] == [
        "market_tickers",
        "skip_ticker_ack",
    ]
    assert by_name["order_group_updates"].params == []
    assert by_name["orderbook_delta"].update_actions == (
        "add_markets",
        "delete_markets",
        "get_snapshot",
    )
    assert by_name["orderbook_delta"].overflow == "resync"
    assert by_name["corporate_actions"].overflow == "error"


def test_the_book_is_bid_ask_with_suffix_less_fields(client: ir.WsClientIR) -> None:
    book = client.channels[0].book
    assert book == ir.WsBook(
        snapshot_type="orderbook_snapshot",
        delta_type="orderbook_delta",
        market_field="market_ticker",
        sides=(("bid", "bid"), ("ask", "ask")),
        side_field="side",
        price_field="price",
        delta_field="delta",
        clock_field=None,
        ask_sides=("ask",),
    )
    assert [c.name for c in client.channels if c.book] == ["orderbook_delta"]
    assert _field(client, "OrderbookSnapshotMsg", "bid").type == LEVELS
    assert _field(client, "OrderbookSnapshotMsg", "ask").type == LEVELS
    assert _field(client, "OrderbookDeltaMsg", "side").type == ir.ModelRef("bookSide")
    assert tuple(client.models["bookSide"].enum_values) == ("bid", "ask")


@pytest.mark.parametrize(
    ("model", "wire", "kind"),
    [
        ("OrderbookDeltaMsg", "price", DOLLARS),
        ("OrderbookDeltaMsg", "delta", COUNT),  # i64 centicounts serialised as a count
        ("TickerMsg", "price", DOLLARS),
        ("TickerMsg", "bid", DOLLARS),
        ("TickerMsg", "ask", DOLLARS),
        ("TickerMsg", "bid_size_fp", COUNT),  # suffixed: the convention alone
        ("TickerMsg", "volume", COUNT),
        ("TickerMsg", "open_interest", COUNT),
        ("TickerMsg", "volume_notional_value_dollars", DOLLARS),  # no x-rust-type: an entry
        ("TradeMsg", "price", DOLLARS),
        ("TradeMsg", "count", COUNT),
        ("FillMsg", "fee_cost", DOLLARS),
        ("FillMsg", "post_position", COUNT),
        ("UserOrderMsg", "fill_count", COUNT),
        ("UserOrderMsg", "remaining_count", COUNT),
        ("OrderGroupUpdatesMsg", "contracts_limit_fp", COUNT),
        ("TickerPrice", "price", DOLLARS),
        ("MarginCorporateActionSplitTerms", "pre_split_mark_price", DOLLARS),
        ("MarginCorporateActionFinalSettlementTerms", "settlement_price_per_contract", DOLLARS),
        ("MarginCorporateActionSplitTerms", "ratio_old", ir.Primitive("str")),  # no money
        ("FundingRate", "rate", ir.Primitive("float")),  # f64, not fixed point
    ],
)
def test_money_and_counts_by_rust_type(
    client: ir.WsClientIR, model: str, wire: str, kind: ir.TypeRef
) -> None:
    assert ir.non_null(_field(client, model, wire).type) == kind


def test_no_money_field_is_left_a_string(client: ir.WsClientIR) -> None:
    assert not [w for w in client.warnings if "x-rust-type says" in str(w)]


def test_corporate_actions_carry_seq_and_one_terms_object(client: ir.WsClientIR) -> None:
    frame = client.messages["corporate_actions_delta"]
    assert frame.channels == ("corporate_actions",) and frame.seq
    action = _model(client, "MarginCorporateAction")
    fields = {f.wire_name: f for f in action.fields}
    assert fields["type"].type == ir.LiteralOf(("stock_split", "final_settlement", "ticker_change"))
    for terms in ("split", "final_settlement", "ticker_change"):
        assert not fields[terms].required  # "Omitted for other types"
    assert {t for t, f in client.messages.items() if f.seq} == {
        "orderbook_snapshot",
        "orderbook_delta",
        "corporate_actions_delta",
        "trade",
        "order_group_updates",
    }


def test_production_and_demo_from_the_document(client: ir.WsClientIR) -> None:
    assert client.default_servers == {"production": PRODUCTION, "demo": DEMO}
    assert all(s.source == "spec" for s in client.servers)
    assert client.path == "/trade-api/ws/v2/margin"
    assert client.heartbeat_seconds == 10


def test_error_codes_are_named_and_10_25_terminal(client: ir.WsClientIR) -> None:
    codes = {e.code: e for e in client.error_codes}
    assert sorted(codes) == [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 23, 24, 25,
                             26, 27, 28]  # fmt: skip
    assert {c for c, e in codes.items() if e.terminal} == {10, 25}
    assert codes[9].name == "Authentication required"
    assert all(not e.name.startswith("error ") for e in codes.values())


def test_the_commands_and_replies_of_the_skeleton(client: ir.WsClientIR) -> None:
    assert sorted(c.cmd for c in client.commands) == [
        "list_subscriptions",
        "subscribe",
        "unsubscribe",
        "update_subscription",
    ]
    update = next(c for c in client.commands if c.cmd == "update_subscription")
    assert {a for form in update.forms for a in form.actions} == {
        "add_markets",
        "delete_markets",
        "get_snapshot",
    }
    assert set(client.replies) == {
        "subscribed",
        "unsubscribed",
        "ok",
        "list_subscriptions",
        "error",
    }
    assert client.example_market == "market-abc-123"


# ---------------------------------------------------------------------- overrides


def test_every_override_entry_is_applied(client: ir.WsClientIR) -> None:
    applied = {a.entry for a in client.override_report}
    expected = override_entries(perps_overrides_data())
    assert expected - applied == set()
    assert applied - expected == set()
    assert all(a.reason.strip() for a in client.override_report)
    typed = [a.target for a in client.override_report if a.entry == "money_by_rust_type"]
    assert "OrderbookDeltaMsg.price" in typed and "TickerMsg.bid_size_fp" not in typed


def test_stale_entries_fail_naming_each_entry() -> None:
    data = perps_overrides_data()
    data["channels"]["market_lifecycle_v2"] = {"params": [], "auth": True, "reason": "not perps"}
    data["channels"]["ticker"]["params"].append("market_id")  # the perps params have none
    data["books"]["orderbook_delta"]["ask_sides"] = ["offer"]
    data["models"]["TickerMsg"]["money_fields"]["price"] = "dollars"  # the rule types it
    data["models"]["OrderbookSnapshotMsg"]["optional_fields"] = {"yes_dollars_fp": "gone"}
    data["errors"]["names"][99] = "No such code"
    data["errors"]["terminal"].append(6)  # retired: not in the enum
    data["heartbeat"]["seconds"] = 5
    data["overflow"]["drop_oldest"]["channels"].append("pyth_value")
    with pytest.raises(GeneratorError) as caught:
        build_perps(overrides=data)
    text = str(caught.value)
    for entry in [
        "channels.market_lifecycle_v2: the document has no such data channel",
        "channels.ticker.params: the document's subscribe params have no 'market_id'",
        "books.orderbook_delta: ask_sides ['offer'] are not sides of the book",
        "models.TickerMsg.money_fields.price: redundant",
        "models.OrderbookSnapshotMsg.optional_fields.yes_dollars_fp: the document does not",
        "errors.names.99: the document has no error code 99",
        "errors.terminal: the document has no error code 6",
        "heartbeat: no channel description says 'every 5 seconds'",
        "overflow.drop_oldest: the document has no data channel 'pyth_value'",
    ]:
        assert f"  - {entry}" in text, entry
    assert text.startswith("overrides-perps-ws.yaml: 9 override(s) no longer match the spec")


def _without_rust_types(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            k: _without_rust_types(v)
            for k, v in node.items()
            if k not in ("x-rust-type", "x-rust-serialize-with")
        }
    if isinstance(node, list):
        return [_without_rust_types(v) for v in node]
    return node


def test_money_by_rust_type_is_stale_once_nothing_needs_it() -> None:
    doc = _without_rust_types(perps_ws_document())
    data = perps_overrides_data()
    data["models"].pop("TickerMsg")  # suffixed names: read as str without the Rust types
    with pytest.raises(GeneratorError, match=r"  - money_by_rust_type: redundant"):
        build_perps(doc, data)


def test_a_named_error_code_the_document_names_is_redundant() -> None:
    doc = perps_ws_document()
    code = doc["components"]["schemas"]["errorResponsePayload"]["properties"]["msg"]
    code["properties"]["code"]["description"] += "\n- 9: Authentication required - no key\n"
    with pytest.raises(GeneratorError, match=r"errors.names.9: redundant: the document names"):
        build_perps(doc)


def test_a_delta_with_yes_no_sides_no_longer_fits_the_bid_ask_book() -> None:
    doc = perps_ws_document()
    doc["components"]["schemas"]["bookSide"]["enum"] = ["yes", "no"]
    with pytest.raises(GeneratorError, match=r"books.orderbook_delta: the delta's 'side' takes"):
        build_perps(doc)


# ---------------------------------------------------------------------- rendering


def _rest() -> ir.ClientIR:
    return ir.ClientIR(title="", spec_version="", resources=[], models={})


def test_the_perps_target_renders_into_kalshi_perps(client: ir.WsClientIR) -> None:
    files = render_ws(client, _rest(), project_target("perps-ws"), project_target("perps"))
    assert set(files) == {
        "kalshi/perps/ws/__init__.py",
        "kalshi/perps/ws/models.py",
        "kalshi/perps/ws/channels.py",
        "kalshi/perps/ws/client.py",
        "kalshi/perps/testing/_ws_contract.py",
        "kalshi/perps/testing/_ws_fake.py",
        "SURFACE-perps.txt",
        "docs/perps/streaming.md",
    }  # no runtime and no static fake: those are the root target's, once
    client_py = files["kalshi/perps/ws/client.py"]
    assert "from kalshi.ws._session import AsyncSession\n" in client_py
    assert "class AsyncPerpsWS(AsyncSession):" in client_py
    assert "class PerpsWS(SyncSession):" in client_py
    assert "from .channels import CHANNELS" in client_py
    channels = files["kalshi/perps/ws/channels.py"]
    assert "from kalshi.ws._channel import BookSpec" in channels
    assert 'rest_package="kalshi.perps",' in channels
    assert 'ws_url_env="KALSHI_PERPS_WS_URL",' in channels
    assert 'ask_sides=frozenset({"ask"}),' in channels
    assert "from kalshi._models import" in files["kalshi/perps/ws/models.py"]
    fake = files["kalshi/perps/testing/_ws_fake.py"]
    assert "class FakePerpsWS(FakeWSServer[PerpsWS, AsyncPerpsWS]):" in fake
    assert "[perps.ws] AsyncPerpsWS / PerpsWS" in files["SURFACE-perps.txt"]


def test_the_perps_streaming_page_names_the_perps_clients(client: ir.WsClientIR) -> None:
    page = render_ws(client, _rest(), project_target("perps-ws"), project_target("perps"))[
        "docs/perps/streaming.md"
    ]
    assert page.startswith("# Streaming (WebSocket)\n\n`kalshi.perps.ws` is generated from")
    assert "from kalshi.perps.testing import FakePerpsWS" in page
    assert 'fake.push_snapshot(TICKER, bid=[("0.4500", "100.00")], ask=' in page
    assert '.best("bid")' in page and "Every channel needs a key." in page
    assert not re.search(r"\bAsyncKalshiWS\b|\bKalshiWS\b|FakeKalshiWS|`kalshi\.ws`", page)


def test_the_root_ws_target_carries_the_runtime_and_the_fake() -> None:
    from ws_documents import build

    files = render_ws(build(), _rest())  # the project's ws target, paired with trade
    assert {"kalshi/ws/_session.py", "kalshi/ws/_books.py", "kalshi/testing/_ws_fake.py"} <= set(
        files
    )
    assert "kalshi/testing/_ws_contract.py" in files and "SURFACE.txt" in files
    assert "docs/streaming.md" in files
    assert not any(path.startswith("kalshi/perps/") for path in files)
    channels = files["kalshi/ws/channels.py"]
    assert "rest_package=" not in channels and "ws_url_env=" not in channels
    assert "ask_sides=" not in channels  # a yes/no book: both sides are bids
    assert "from kalshi.ws._session import AsyncSession\n" in files["kalshi/ws/client.py"]

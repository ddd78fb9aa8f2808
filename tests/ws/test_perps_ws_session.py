"""kalshi.perps.ws against FakePerpsWS: the same runtime and the same fake, bound to the perps
document. The document's example frames decode with no deviation; a book subscription
rebuilds the bid/ask book from a snapshot and deltas (the best ask is the lowest) and
resyncs after a gap; corporate actions arrive typed; every channel needs a key; the
handshake signs the perps path; from_client / from_env pick the perps servers. Sync and
async alike."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine, Iterator
from decimal import Decimal
from types import SimpleNamespace
from typing import Any, TypeVar

import pytest

T = TypeVar("T")
D = Decimal
TICKER = "market-abc-123"
PRODUCTION = "wss://external-api-margin-ws.kalshi.com/trade-api/ws/v2/margin"
DEMO = "wss://external-api-margin-ws.demo.kalshi.co/trade-api/ws/v2/margin"
REST_DEMO = "https://external-api.demo.kalshi.co/trade-api/v2"
SPLIT = {
    "id": "ca_1",
    "market_id": "9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1",
    "market_ticker": TICKER,
    "type": "stock_split",
    "ts_ms": 1733047200000,
    "split": {
        "ratio_old": "1",
        "ratio_new": "4",
        "pre_split_mark_price": "412.0000",
        "post_split_mark_price": "103.0000",
    },
}
SETTLEMENT = {
    **{k: v for k, v in SPLIT.items() if k != "split"},
    "id": "ca_2",
    "type": "final_settlement",
    "final_settlement": {"settlement_price_per_contract": "99.5000"},
}
RENAME = {
    **{k: v for k, v in SPLIT.items() if k != "split"},
    "id": "ca_3",
    "type": "ticker_change",
    "ticker_change": {"old_ticker": "market-abc-122", "new_ticker": TICKER},
}


def run(coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(coro, timeout)

    return asyncio.run(bounded())


@pytest.fixture
def fake(perps_ws: str) -> Iterator[Any]:
    from kalshi.perps.testing._ws_fake import FakePerpsWS

    with FakePerpsWS(heartbeat_interval=None) as server:
        yield server


def take(iterator: Iterator[Any], count: int) -> list[Any]:
    return [next(iterator) for _ in range(count)]


# ---------------------------------------------------------------------- decoding


def test_the_documents_example_frames_decode_with_no_deviation(perps_ws: str) -> None:
    from kalshi.perps.testing import _ws_contract
    from kalshi.perps.ws import AsyncPerpsWS
    from kalshi.ws._frames import FrameDecoder, UntypedFrame

    protocol = AsyncPerpsWS._get_protocol()
    models = {t: m for c in protocol.channels.values() for t, m in c.messages.items()}
    decoder = FrameDecoder({**models, **protocol.replies}, strict=True)  # raises on a deviation
    examples = [
        example
        for entries in (_ws_contract.MESSAGES, _ws_contract.REPLIES)
        for entry in entries.values()
        for example in entry["examples"]
    ]
    assert [e["type"] for e in examples] == ["order_group_updates"]  # the document's only one
    for example in examples:
        frame = decoder.decode(json.dumps(example))
        assert not isinstance(frame, UntypedFrame)
        assert frame.model_dump(mode="json", by_alias=True, exclude_unset=True) == example
    frame = decoder.decode(json.dumps(examples[0]))
    assert frame.msg.contracts_limit == D("150.00")  # type: ignore[attr-defined]


def test_a_frame_of_every_type_the_fake_builds_decodes_strictly(fake: Any) -> None:
    from kalshi.perps.ws import AsyncPerpsWS
    from kalshi.ws._frames import FrameDecoder

    protocol = AsyncPerpsWS._get_protocol()
    for channel in protocol.channels.values():
        decoder = FrameDecoder(channel.messages, strict=True)
        for message_type, model in channel.messages.items():
            example = fake.example(message_type)
            assert fake.problems(example) == [], message_type
            assert type(decoder.decode(json.dumps(example))) is model


# ---------------------------------------------------------------------- the bid/ask book


def test_snapshot_and_deltas_rebuild_the_bid_ask_book_sync(fake: Any) -> None:
    from kalshi.ws._events import Resynced

    with fake.client() as ws:
        book = ws.subscribe_orderbook_delta(market_tickers=[TICKER])
        frames = iter(book)
        assert next(frames).type == "orderbook_snapshot"  # the one sent on subscribe: empty
        fake.push_snapshot(
            TICKER,
            bid=[("0.4800", "10.00"), ("0.4900", "5.00")],
            ask=[("0.5100", "7.00"), ("0.5300", "2.00")],
        )
        fake.push_delta(TICKER, "bid", "0.4900", "-5.00")  # the best bid goes
        fake.push_delta(TICKER, "ask", "0.5000", "3.00")  # a better ask arrives
        snapshot, first, second = take(frames, 3)
        assert snapshot.msg.ask == [(D("0.5100"), D("7.00")), (D("0.5300"), D("2.00"))]
        assert (first.msg.side, first.msg.price, first.msg.delta) == ("bid", D("0.49"), D(-5))
        assert (second.msg.side, second.msg.price, second.msg.delta) == ("ask", D("0.5"), D(3))
        local = book.book(TICKER)
        assert local.sides == ("bid", "ask")
        assert local.best("bid") == (D("0.4800"), D("10.00"))  # bids: the highest price
        assert local.best("ask") == (D("0.5000"), D("3.00"))  # asks: the lowest price
        assert local.levels("ask") == [(D("0.50"), D(3)), (D("0.51"), D(7)), (D("0.53"), D(2))]
        assert fake.book(TICKER)["ask"] == [
            ("0.5000", "3.00"),
            ("0.5100", "7.00"),
            ("0.5300", "2.00"),
        ]

        fake.inject_gap("orderbook_delta")  # a delta lost: the book resubscribes
        fake.push_delta(TICKER, "bid", "0.4800", "1.00")
        event = next(frames)
        assert isinstance(event, Resynced)
        fresh = next(frames)
        assert fresh.type == "orderbook_snapshot"
        assert book.book(TICKER).levels("bid") == [(D("0.4800"), D("11.00"))]
        assert book.book(TICKER).best("ask") == (D("0.5000"), D("3.00"))
        assert [c.cmd for c in fake.commands] == ["subscribe", "unsubscribe", "subscribe"]


def test_snapshot_and_deltas_rebuild_the_bid_ask_book_async(fake: Any) -> None:
    async def main() -> None:
        async with fake.async_client() as ws:
            book = await ws.subscribe_orderbook_delta(market_ticker=TICKER)
            await book.__anext__()  # the empty snapshot sent on subscribe
            fake.push_snapshot(TICKER, bid=[("0.2000", "1.00")], ask=[("0.3000", "4.00")])
            fake.push_delta(TICKER, "ask", "0.3000", "-4.00")
            fake.push_delta(TICKER, "ask", "0.3500", "2.00")
            seen = [await book.__anext__() for _ in range(3)]
            assert [f.type for f in seen] == ["orderbook_snapshot", *["orderbook_delta"] * 2]
            local = book.book(TICKER)
            assert local.best("ask") == (D("0.3500"), D("2.00"))
            assert local.best("bid") == (D("0.2000"), D("1.00"))
            again = await book.snapshot()  # get_snapshot: the fake answers with a snapshot
            assert again.type == "orderbook_snapshot" and again.id is not None
            assert book.book(TICKER) == local

    run(main())


def test_a_side_of_another_book_is_refused(fake: Any) -> None:
    with pytest.raises(ValueError, match="side must be one of 'bid', 'ask', not 'yes'"):
        fake.set_book(TICKER, yes=[("0.5000", "1.00")])
    with pytest.raises(ValueError, match="not 'no'"):
        fake.push_delta(TICKER, "no", "0.5000", "1.00")


# ---------------------------------------------------------------------- corporate actions


def test_corporate_actions_arrive_typed_sync(fake: Any) -> None:
    from kalshi.perps.ws import CorporateActionsDelta, MarginCorporateAction

    with fake.client() as ws:
        actions = ws.subscribe_corporate_actions(market_tickers=[TICKER])
        for action in (SPLIT, SETTLEMENT, RENAME):
            fake.push("corporate_actions", "corporate_actions_delta", corporate_action=action)
        split, settlement, rename = take(iter(actions), 3)
    assert all(type(f) is CorporateActionsDelta for f in (split, settlement, rename))
    assert [f.seq for f in (split, settlement, rename)] == [1, 2, 3]
    terms = split.msg.corporate_action
    assert isinstance(terms, MarginCorporateAction) and terms.type == "stock_split"
    assert terms.split is not None and terms.split.post_split_mark_price == D("103.0000")
    assert terms.final_settlement is None and terms.ticker_change is None
    final = settlement.msg.corporate_action.final_settlement
    assert final is not None and final.settlement_price_per_contract == D("99.5")
    change = rename.msg.corporate_action.ticker_change
    assert change is not None and change.old_ticker == "market-abc-122"


def test_corporate_actions_arrive_typed_async_and_a_gap_shows(fake: Any) -> None:
    from kalshi.ws._events import SequenceGap

    async def main() -> None:
        async with fake.async_client() as ws:
            actions = await ws.subscribe_corporate_actions()
            fake.push("corporate_actions", "corporate_actions_delta", corporate_action=SPLIT)
            fake.inject_gap("corporate_actions")
            fake.push("corporate_actions", "corporate_actions_delta", corporate_action=RENAME)
            first, gap, second = [await actions.__anext__() for _ in range(3)]
            assert first.msg.corporate_action.split.ratio_new == "4"
            assert isinstance(gap, SequenceGap) and (gap.expected, gap.got) == (2, 3)
            assert second.msg.corporate_action.ticker_change.new_ticker == TICKER

    run(main())


# ---------------------------------------------------------------------- keys and servers


def test_every_channel_needs_a_key(fake: Any) -> None:
    from kalshi.ws._errors import KalshiWSAuthRequiredError

    with (
        fake.client(signed=False) as ws,
        pytest.raises(KalshiWSAuthRequiredError, match="'ticker' requires an API key"),
    ):
        ws.subscribe_ticker(market_tickers=[TICKER])
    assert fake.commands == []


def test_the_handshake_signs_the_perps_path(perps_ws: str) -> None:
    from kalshi.perps.testing._ws_fake import FakePerpsWS

    with FakePerpsWS.verifying(heartbeat_interval=None) as fake:
        assert fake.url.endswith("/trade-api/ws/v2/margin")
        with fake.client() as ws:
            ws.subscribe_fill()
        assert [h.status for h in fake.handshakes] == [101]
        assert fake.handshakes[0].authenticated and fake.handshakes[0].path == fake.ws_path
        assert repr(fake).startswith("FakePerpsWS(ws://127.0.0.1:")


def test_servers_from_client_and_from_env(
    perps_ws: str, monkeypatch: pytest.MonkeyPatch, key_pem: str
) -> None:
    from kalshi.perps.ws import AsyncPerpsWS, PerpsWS

    assert AsyncPerpsWS().url == PRODUCTION and AsyncPerpsWS(demo=True).url == DEMO
    rest = SimpleNamespace(base_url=REST_DEMO, strict_responses=True, _signer=None)
    assert AsyncPerpsWS.from_client(rest).url == DEMO  # the perps REST demo host
    trade = SimpleNamespace(base_url="https://demo-api.kalshi.co/trade-api/v2")
    with pytest.raises(ValueError, match="not a known Kalshi server"):
        AsyncPerpsWS.from_client(trade)  # a trade client's host is no perps server
    for name in ("WS_URL", "API_BASE_URL", "DEMO", "KEY_ID", "PRIVATE_KEY", "PRIVATE_KEY_PATH"):
        monkeypatch.delenv(f"KALSHI_{name}", raising=False)
        monkeypatch.delenv(f"KALSHI_PERPS_{name}", raising=False)
    # kalshi.ws's variables are not perps': the perps REST client's KALSHI_PERPS_* are read
    monkeypatch.setenv("KALSHI_KEY_ID", "trade-key")
    monkeypatch.setenv("KALSHI_WS_URL", "wss://elsewhere.example/trade-api/ws/v2")
    monkeypatch.setenv("KALSHI_API_BASE_URL", "https://elsewhere.example/trade-api/v2")
    assert not AsyncPerpsWS.from_env().is_authenticated
    monkeypatch.setenv("KALSHI_PERPS_KEY_ID", "k")
    monkeypatch.setenv("KALSHI_PERPS_PRIVATE_KEY", key_pem)
    monkeypatch.setenv("KALSHI_PERPS_API_BASE_URL", REST_DEMO)
    assert AsyncPerpsWS.from_env().url == DEMO
    monkeypatch.setenv("KALSHI_PERPS_API_BASE_URL", "https://elsewhere.example/v1")
    with pytest.raises(ValueError, match="KALSHI_PERPS_API_BASE_URL=.* set KALSHI_PERPS_WS_URL"):
        AsyncPerpsWS.from_env()
    monkeypatch.setenv("KALSHI_PERPS_WS_URL", PRODUCTION)
    ws = PerpsWS.from_env()  # not entered: that would connect
    try:
        assert ws.url == PRODUCTION and ws.is_authenticated
    finally:
        ws.close()

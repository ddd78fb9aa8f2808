"""kalshi.testing.FakeKalshiWS, driven by a raw `websockets` client (not kalshi.ws): every
command validated and answered, every error code it gives, seq numbering (ok replies take
seq), fault injection, heartbeats, the handshake signature, drop / close, replay of a
recorded session, and validation of what a test pushes. Every JSON frame the fake sends is
checked against the document's contract on the way in (`Raw.recv`)."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Coroutine, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest
from kalshi._auth import RequestSigner, load_private_key
from kalshi.testing import FakeKalshiWS, _ws_contract
from kalshi.testing._ws_fake import InvalidFrameError
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.frames import Frame, Opcode

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT.parent / "shared" / "ws-samples" / "frames"
WRONG_KEY = ROOT / "tests" / "runtime" / "fixtures" / "test_key.pem"
WS_PATH = _ws_contract.WS_PATH
BOOK = "orderbook_delta"
UUID = "9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1"


def run(coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
    async def bounded() -> T:
        return await asyncio.wait_for(coro, timeout)

    return asyncio.run(bounded())


@pytest.fixture
def fake() -> Iterator[FakeKalshiWS]:
    with FakeKalshiWS(heartbeat_interval=None) as server:
        yield server


def signed_headers(
    pem: str, *, path: str = WS_PATH, key_id: str = "fake-kalshi-key"
) -> dict[str, str]:
    signer = RequestSigner(key_id, load_private_key(pem))
    return signer.headers("GET", path, int(time.time() * 1000))


class Raw:
    """A raw client: numbered commands, and every received frame checked against the
    document (fake.problems) unless it is not JSON."""

    def __init__(self, ws: ClientConnection, fake: FakeKalshiWS) -> None:
        self.ws = ws
        self.fake = fake
        self.next_id = 0

    async def send(self, cmd: str, **params: Any) -> int:
        self.next_id += 1
        frame: dict[str, Any] = {"id": self.next_id, "cmd": cmd}
        if params:
            frame["params"] = params
        await self.ws.send(json.dumps(frame))
        return self.next_id

    async def recv(self, timeout: float = 1.0) -> dict[str, Any]:
        text = await asyncio.wait_for(self.ws.recv(), timeout)
        frame = json.loads(text)
        assert isinstance(frame, dict), text
        assert self.fake.problems(frame) == [], (frame, self.fake.problems(frame))
        return frame

    async def recv_n(self, count: int, timeout: float = 2.0) -> list[dict[str, Any]]:
        return [await self.recv(timeout) for _ in range(count)]

    async def call(self, cmd: str, **params: Any) -> dict[str, Any]:
        """Send a command; its first reply."""
        sent = await self.send(cmd, **params)
        reply = await self.recv()
        assert reply.get("id") == sent, reply
        return reply

    async def error(self, cmd: str, **params: Any) -> int:
        reply = await self.call(cmd, **params)
        assert reply["type"] == "error", reply
        return int(reply["msg"]["code"])

    async def subscribe(self, *channels: str, **params: Any) -> list[int]:
        sent = await self.send("subscribe", channels=list(channels), **params)
        sids = []
        for channel in channels:
            reply = await self.recv()
            assert reply["type"] == "subscribed" and reply["id"] == sent, reply
            assert reply["msg"]["channel"] == channel
            sids.append(int(reply["msg"]["sid"]))
        return sids

    async def silent(self, timeout: float = 0.15) -> bool:
        """True when nothing arrives within `timeout`."""
        try:
            await asyncio.wait_for(self.ws.recv(), timeout)
        except asyncio.TimeoutError:
            return True
        return False


@asynccontextmanager
async def raw(
    fake: FakeKalshiWS,
    *,
    signed: bool = True,
    headers: dict[str, str] | None = None,
    url: str | None = None,
    **kwargs: Any,
) -> AsyncIterator[Raw]:
    sent_headers = dict(headers or {})
    if signed and headers is None:
        sent_headers = signed_headers(fake.private_key_pem)
    async with connect(url or fake.url, additional_headers=sent_headers, **kwargs) as ws:
        yield Raw(ws, fake)


# ---------------------------------------------------------------------- package and lifecycle


def test_import_kalshi_testing_does_not_load_websockets() -> None:
    code = (
        "import sys, kalshi.testing as t\n"
        "assert 'websockets' not in sys.modules, 'websockets imported eagerly'\n"
        "assert 'FakeKalshiWS' in t.__all__\n"
        "from kalshi.testing import FakeKalshiWS\n"
        "assert 'websockets' in sys.modules and FakeKalshiWS.__name__ == 'FakeKalshiWS'\n"
    )
    kalshi_dir = Path(sys.modules["kalshi"].__file__ or "").parent
    env = {**os.environ, "PYTHONPATH": str(kalshi_dir.parent)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_sync_and_async_context_managers_serve_on_loopback() -> None:
    with FakeKalshiWS(heartbeat_interval=None) as fake:
        assert fake.url.startswith("ws://127.0.0.1:") and fake.url.endswith(WS_PATH)

        async def one() -> dict[str, Any]:
            async with raw(fake) as client:
                return await client.call("list_subscriptions")

        assert run(one())["msg"] == []
        assert fake.connections == 1
    with pytest.raises(RuntimeError, match="not started"):
        _ = FakeKalshiWS().url

    async def in_a_loop() -> int:
        async with FakeKalshiWS(heartbeat_interval=None) as served:
            async with raw(served) as client:
                await client.subscribe("ticker")
            return served.connections

    assert run(in_a_loop()) == 1


def test_client_helpers_pass_url_and_key(
    fake: FakeKalshiWS, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[tuple[str, dict[str, Any]]] = []

    def recorder(name: str) -> Any:
        def build(**kwargs: Any) -> str:
            made.append((name, kwargs))
            return name

        return build

    # the fake builds the clients its class names (FakeWSServer.clients)
    monkeypatch.setattr(type(fake), "clients", (recorder("sync"), recorder("async")))
    assert fake.client() == "sync"  # type: ignore[comparison-overlap]
    assert fake.async_client(signed=False, heartbeat_timeout=3) == "async"  # type: ignore[comparison-overlap]
    signed, unsigned = made[0][1], made[1][1]
    assert signed["url"] == fake.url and signed["key_id"] == fake.key_id
    assert signed["private_key"] == fake.private_key_pem and signed["allow_unknown_host"] is True
    assert "key_id" not in unsigned and "private_key" not in unsigned
    assert unsigned["heartbeat_timeout"] == 3


# ---------------------------------------------------------------------- commands answered


def test_every_channel_subscribes_with_sids_numbered_per_connection(fake: FakeKalshiWS) -> None:
    channels = list(_ws_contract.CHANNELS)
    assert len(channels) == 13

    async def main() -> None:
        async with raw(fake) as client:
            sids = []
            for channel in channels:
                sids += await client.subscribe(channel)
            assert sids == list(range(1, 14))
            listed = await client.call("list_subscriptions")
            assert listed["type"] == fake._contract.reply_type("list_subscriptions")
            assert listed["msg"] == [{"channel": c, "sid": s} for c, s in zip(channels, sids)]
        async with raw(fake) as again:  # a new connection numbers from 1 again
            assert await again.subscribe("ticker", "trade") == [1, 2]
            assert {s.channel for s in fake.subscriptions(1)} == {"ticker", "trade"}
            assert len(fake.subscriptions()) == 2  # the first connection is closed

    run(main())
    assert [c.connection for c in fake.commands].count(1) == 1
    assert all(c.ok for c in fake.commands)
    fake.wait_closed(1)  # the client closed it; the server may not have seen it yet
    assert fake.subscriptions() == []  # closed connections hold none


def test_every_command_example_of_the_document_is_accepted(fake: FakeKalshiWS) -> None:
    examples: dict[str, list[dict[str, Any]]] = getattr(_ws_contract, "COMMAND_EXAMPLES", {})
    if not examples:
        pytest.skip("this contract has no COMMAND_EXAMPLES")
    by_action = {
        action: channel
        for channel, spec in _ws_contract.CHANNELS.items()
        for action in spec["update_actions"]
    }

    async def main() -> None:
        async with raw(fake) as client:
            for cmd, forms in examples.items():
                for example in forms:
                    frame = json.loads(json.dumps(example))
                    params = frame.get("params", {})
                    if cmd == "update_subscription":
                        channel = by_action[params["action"]]
                        (sid,) = await client.subscribe(channel)
                        params.pop("sids", None)
                        params["sid"] = sid
                        if channel == BOOK and params["action"] == "delete_markets":
                            await client.call(
                                "update_subscription",
                                sid=sid,
                                action="add_markets",
                                market_tickers=params["market_tickers"],
                            )
                            await client.recv_n(len(params["market_tickers"]))
                    elif cmd == "unsubscribe":
                        params["sids"] = await client.subscribe(*["ticker"] * len(params["sids"]))
                    await client.ws.send(json.dumps(frame))
                    reply = await client.recv()
                    assert reply["type"] != "error", (example, reply)
                    while not await client.silent(0.05):  # snapshots that follow
                        pass

    run(main())
    assert all(c.ok for c in fake.commands), [c.detail for c in fake.commands if not c.ok]


def test_multi_channel_subscribe_answers_once_per_channel(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            sent = await client.send("subscribe", channels=["ticker", "trade", "fill"])
            replies = await client.recv_n(3)
            assert [r["msg"] for r in replies] == [
                {"channel": "ticker", "sid": 1},
                {"channel": "trade", "sid": 2},
                {"channel": "fill", "sid": 3},
            ]
            assert {r["id"] for r in replies} == {sent}

    run(main())
    command = fake.wait_for_command("subscribe")
    assert command.params == {"channels": ["ticker", "trade", "fill"]} and command.id == 1


def test_unsigned_connection_gets_public_channels_only(fake: FakeKalshiWS) -> None:
    public = [c for c, spec in _ws_contract.CHANNELS.items() if not spec["auth"]]
    private = [c for c, spec in _ws_contract.CHANNELS.items() if spec["auth"]]

    async def main() -> None:
        async with raw(fake, signed=False) as client:
            assert await client.subscribe(*public) == list(range(1, len(public) + 1))
            for channel in private:
                assert await client.error("subscribe", channels=[channel]) == 9
            assert await client.error("subscribe", channels=["ticker", private[0]]) == 9

    run(main())
    assert fake.handshakes[0].authenticated is False


ERROR_CASES: list[tuple[str, dict[str, Any], int]] = [
    ("unknown command", {"cmd": "dance"}, 5),
    ("no cmd", {"params": {}}, 5),
    ("params missing", {"cmd": "subscribe"}, 2),
    ("params not an object", {"cmd": "subscribe", "params": [1]}, 11),
    ("channels missing", {"cmd": "subscribe", "params": {}}, 3),
    ("channels empty", {"cmd": "subscribe", "params": {"channels": []}}, 3),
    ("unknown channel", {"cmd": "subscribe", "params": {"channels": ["tickers"]}}, 8),
    ("param of no channel", {"cmd": "subscribe", "params": {"channels": ["ticker"], "x": 1}}, 11),
    (
        "param of another channel",
        {"cmd": "subscribe", "params": {"channels": ["trade"], "index_ids": ["BRTI"]}},
        11,
    ),
    (
        "exclusive market params",
        {
            "cmd": "subscribe",
            "params": {"channels": ["ticker"], "market_ticker": "A", "market_tickers": ["B"]},
        },
        11,
    ),
    (
        "malformed param value",
        {"cmd": "subscribe", "params": {"channels": ["ticker"], "market_tickers": "A"}},
        11,
    ),
    ("bad uuid", {"cmd": "subscribe", "params": {"channels": ["ticker"], "market_id": "x"}}, 11),
    ("negative id", {"id": -1, "cmd": "list_subscriptions"}, 11),
    (
        "shard_key alone",
        {"cmd": "subscribe", "params": {"channels": ["communications"], "shard_key": 0}},
        20,
    ),
    (
        "shard_factor 0",
        {"cmd": "subscribe", "params": {"channels": ["communications"], "shard_factor": 0}},
        19,
    ),
    (
        "shard_factor 101",
        {"cmd": "subscribe", "params": {"channels": ["communications"], "shard_factor": 101}},
        22,
    ),
    (
        "shard_key out of range",
        {
            "cmd": "subscribe",
            "params": {"channels": ["communications"], "shard_factor": 4, "shard_key": 4},
        },
        21,
    ),
    ("sids missing", {"cmd": "unsubscribe", "params": {}}, 4),
    ("unknown sid", {"cmd": "unsubscribe", "params": {"sids": [99]}}, 7),
    ("action missing", {"cmd": "update_subscription", "params": {"sid": 1}}, 15),
    ("no sid", {"cmd": "update_subscription", "params": {"action": "add_markets"}}, 12),
    (
        "sid and sids",
        {"cmd": "update_subscription", "params": {"sid": 1, "sids": [1], "action": "add_markets"}},
        12,
    ),
    (
        "two sids",
        {"cmd": "update_subscription", "params": {"sids": [1, 2], "action": "add_markets"}},
        12,
    ),
    (
        "update unknown sid",
        {
            "cmd": "update_subscription",
            "params": {"sid": 99, "action": "add_markets", "market_tickers": ["A"]},
        },
        7,
    ),
    (
        "action of another channel",
        {"cmd": "update_subscription", "params": {"sid": 1, "action": "indexlist"}},
        13,
    ),
    (
        "unknown action",
        {"cmd": "update_subscription", "params": {"sid": 1, "action": "fly"}},
        13,
    ),
    (
        "no markets",
        {"cmd": "update_subscription", "params": {"sid": 1, "action": "add_markets"}},
        14,
    ),
    (
        "market ids on the book channel",
        {
            "cmd": "update_subscription",
            "params": {"sid": 1, "action": "add_markets", "market_ids": [UUID]},
        },
        11,
    ),
    (
        "indices without index_ids",
        {"cmd": "update_subscription", "params": {"sid": 2, "action": "subscribe_indices"}},
        24,
    ),
    (
        "underlyings without tickers",
        {"cmd": "update_subscription", "params": {"sid": 3, "action": "unsubscribe_underlyings"}},
        28,
    ),
    (
        "unknown update field",
        {
            "cmd": "update_subscription",
            "params": {
                "sid": 2,
                "action": "subscribe_indices",
                "index_ids": ["BRTI"],
                "colour": "red",
            },
        },
        11,
    ),
]


@pytest.mark.parametrize(
    ("frame", "code"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
)
def test_refused_commands_get_the_documents_error_code(
    fake: FakeKalshiWS, frame: dict[str, Any], code: int
) -> None:
    async def main() -> dict[str, Any]:
        async with raw(fake) as client:
            # sid 1: the book, 2: cfbenchmarks, 3: pyth
            await client.subscribe(BOOK, "cfbenchmarks_value", "pyth_value")
            await client.ws.send(json.dumps({"id": 50, **frame}))
            reply = await client.recv()
            listed = await client.call("list_subscriptions")
            assert len(listed["msg"]) == 3  # a refused command changed nothing
            return reply

    reply = run(main())
    assert reply["type"] == "error" and reply["msg"]["code"] == code, reply
    assert reply.get("id") == (50 if frame.get("id", 50) > 0 else None)
    name = _ws_contract.ERROR_CODES[code]["name"]
    assert reply["msg"]["msg"].startswith(name)
    recorded = fake.commands[1]
    assert recorded.error == code and recorded.detail and not recorded.ok


@pytest.mark.parametrize("text", ["not json", "[1, 2]", "42", '{"id": 3, "cmd": "subscribe"'])
def test_frames_that_are_no_command_get_code_1(fake: FakeKalshiWS, text: str) -> None:
    async def main() -> dict[str, Any]:
        async with raw(fake) as client:
            await client.ws.send(text)
            return await client.recv()

    reply = run(main())
    assert reply["msg"]["code"] == 1 and "id" not in reply
    assert fake.commands[0].raw == text and fake.commands[0].json in (None, [1, 2], 42)


def test_id_zero_and_missing_id_are_answered_without_an_id(fake: FakeKalshiWS) -> None:
    async def main() -> list[dict[str, Any]]:
        async with raw(fake) as client:
            await client.ws.send(json.dumps({"id": 0, "cmd": "list_subscriptions"}))
            await client.ws.send(
                json.dumps({"cmd": "subscribe", "params": {"channels": ["trade"]}})
            )
            return await client.recv_n(2)

    listed, subscribed = run(main())
    assert "id" not in listed and "id" not in subscribed
    assert subscribed["msg"] == {"channel": "trade", "sid": 1}


def test_unsubscribe_answers_each_sid_with_its_seq(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            trade, ticker = await client.subscribe("trade", "ticker")
            fake.push(trade, "trade")
            await client.recv()
            sent = await client.send("unsubscribe", sids=[trade, ticker])
            first, second = await client.recv_n(2)
            assert first == {"id": sent, "type": "unsubscribed", "sid": trade, "seq": 2}
            assert second == {"id": sent, "type": "unsubscribed", "sid": ticker, "seq": 1}
            assert (await client.call("list_subscriptions"))["msg"] == []
            assert await client.error("unsubscribe", sids=[trade]) == 7
            with pytest.raises(ValueError, match="no live sid"):
                fake.push(trade, "trade")

    run(main())


# ---------------------------------------------------------------------- seq


def test_book_subscription_seq_runs_through_snapshots_oks_and_deltas(fake: FakeKalshiWS) -> None:
    fake.set_book("B", yes=[("0.30", 5), ("0.10", "7.5")], no=[("0.60", 2)])

    async def main() -> None:
        async with raw(fake) as client:
            sent = await client.send("subscribe", channels=[BOOK], market_tickers=["B", "A"])
            subscribed, snap_b, snap_a = await client.recv_n(3)
            assert subscribed["msg"]["sid"] == 1 and "seq" not in subscribed
            assert (snap_b["type"], snap_b["seq"], snap_a["seq"]) == ("orderbook_snapshot", 1, 2)
            assert snap_b["msg"]["yes_dollars_fp"] == [["0.1000", "7.50"], ["0.3000", "5.00"]]
            assert snap_b["msg"]["no_dollars_fp"] == [["0.6000", "2.00"]]
            assert "yes_dollars_fp" not in snap_a["msg"] and "no_dollars_fp" not in snap_a["msg"]
            assert sent == subscribed["id"]

            add = await client.send(
                "update_subscription", sid=1, action="add_markets", market_tickers=["C"]
            )
            ok, snap_c = await client.recv_n(2)
            assert ok == {
                "id": add,
                "type": "ok",
                "sid": 1,
                "seq": 3,
                "msg": {"market_tickers": ["A", "B", "C"]},
            }
            assert (snap_c["msg"]["market_ticker"], snap_c["seq"]) == ("C", 4)

            (delta,) = fake.push_delta("B", "yes", "0.30", -5, client_order_id="co-1")
            assert await client.recv() == delta
            assert delta["seq"] == 5 and delta["msg"]["client_order_id"] == "co-1"
            assert fake.book("B")["yes"] == [("0.1000", "7.50")]  # a level at 0 goes

            get = await client.send(
                "update_subscription", sids=[1], action="get_snapshot", market_tickers=["B"]
            )
            snapshot = await client.recv()
            assert (snapshot["id"], snapshot["seq"]) == (get, 6)
            assert snapshot["msg"]["yes_dollars_fp"] == [["0.1000", "7.50"]]
            assert snapshot["msg"]["clock"] == delta["msg"]["clock"]

            delete = await client.call(
                "update_subscription", sid=1, action="delete_markets", market_ticker="A"
            )
            assert (delete["seq"], delete["msg"]) == (7, {"market_tickers": ["B", "C"]})
            assert await client.silent()

    run(main())


def test_ok_on_a_channel_without_seq_carries_the_sid_only(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            (fill,) = await client.subscribe("fill")
            ok = await client.call(
                "update_subscription", sid=fill, action="add_markets", market_tickers=["M"]
            )
            assert ok["sid"] == fill and "seq" not in ok
            (ticker,) = await client.subscribe("ticker", market_ids=[UUID], skip_ticker_ack=True)
            quiet = await client.call(
                "update_subscription", sid=ticker, action="add_markets", market_tickers=["T"]
            )
            assert quiet["msg"] == {}

    run(main())


def test_ticker_ok_lists_market_ids_and_initial_snapshots(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            (sid,) = await client.subscribe("ticker", market_ids=[UUID])
            ok = await client.call(
                "update_subscription",
                sid=sid,
                action="add_markets",
                market_ids=["00000000-0000-4000-8000-000000000000"],
            )
            assert ok["msg"] == {"market_ids": ["00000000-0000-4000-8000-000000000000", UUID]}
            sent = await client.send(
                "subscribe",
                channels=["ticker"],
                market_tickers=["X", "Y"],
                send_initial_snapshot=True,
            )
            subscribed, x, y = await client.recv_n(3)
            assert subscribed["id"] == sent
            assert [x["msg"]["market_ticker"], y["msg"]["market_ticker"]] == ["X", "Y"]
            assert x["type"] == "ticker" and "seq" not in x

    run(main())


def test_index_and_underlying_updates_and_listings(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            cf, pyth = await client.subscribe(
                "cfbenchmarks_value", "pyth_value", index_ids=["BRTI"]
            )
            ok = await client.call(
                "update_subscription", sid=cf, action="subscribe_indices", index_ids=["ETHUSD_RTI"]
            )
            assert (ok["seq"], ok["msg"]) == (1, {"index_ids": ["BRTI", "ETHUSD_RTI"]})
            ok = await client.call(
                "update_subscription", sid=cf, action="unsubscribe_indices", index_ids=["BRTI"]
            )
            assert (ok["seq"], ok["msg"]) == (2, {"index_ids": ["ETHUSD_RTI"]})
            listing = await client.call("update_subscription", sid=cf, action="indexlist")
            assert (listing["type"], listing["sid"], listing["seq"]) == (
                "cfbenchmarks_value_indexlist",
                cf,
                3,
            )
            assert isinstance(listing["msg"]["index_ids"], list)
            ok = await client.call(
                "update_subscription",
                sid=pyth,
                action="subscribe_underlyings",
                underlying_tickers=["all"],
            )
            assert (ok["seq"], ok["msg"]) == (1, {"underlying_tickers": ["all"]})
            listing = await client.call("update_subscription", sid=pyth, action="underlying_list")
            assert listing["type"] == "pyth_value_underlying_list" and listing["seq"] == 2

    run(main())


def test_gap_duplicate_and_reset_injection(fake: FakeKalshiWS) -> None:
    async def main() -> list[int]:
        async with raw(fake) as client:
            (sid,) = await client.subscribe("trade")
            seqs = []
            fake.push(sid, "trade")
            fake.inject_gap(sid, 3)
            fake.push("trade", "trade")
            fake.duplicate("trade")
            fake.reset(sid)
            fake.push(sid, "trade")
            fake.push(sid, "trade")
            for frame in await client.recv_n(5):
                seqs.append(frame["seq"])
            return seqs

    assert run(main()) == [1, 5, 5, 1, 2]
    with pytest.raises(ValueError, match="n must be"):
        fake.inject_gap(1, 0)


def test_duplicate_needs_a_frame_with_seq(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            await client.subscribe("ticker")
            with pytest.raises(ValueError, match="no frame with a seq"):
                fake.duplicate("ticker")

    run(main())


def test_frames_from_threads_and_replies_keep_one_seq_order(fake: FakeKalshiWS) -> None:
    """Pushes from another thread interleave with command replies that take seq: the client
    still sees one contiguous run."""

    async def main() -> list[int]:
        async with raw(fake) as client:
            await client.subscribe(BOOK, market_tickers=["M"])
            await client.recv()  # the snapshot, seq 1
            pusher = threading.Thread(
                target=lambda: [fake.push_delta("M", "yes", "0.5", 1) for _ in range(150)]
            )
            pusher.start()
            for i in range(20):
                await client.send(
                    "update_subscription", sid=1, action="add_markets", market_tickers=[f"N{i}"]
                )
            pusher.join()
            frames = await client.recv_n(150 + 20 * 2, timeout=3)
            return [f["seq"] for f in frames]

    assert run(main()) == list(range(2, 2 + 190))


# ---------------------------------------------------------------------- pushing data


def test_every_data_type_pushes_from_the_documents_example(fake: FakeKalshiWS) -> None:
    types = {t: m["channels"][0] for t, m in _ws_contract.MESSAGES.items()}
    assert len(types) == 30

    async def main() -> None:
        async with raw(fake) as client:
            sids = dict(zip(_ws_contract.CHANNELS, await client.subscribe(*_ws_contract.CHANNELS)))
            seen: dict[int, int] = {}
            for message_type, channel in types.items():
                (frame,) = fake.push(sids[channel], message_type)
                received = await client.recv()
                assert received == frame and received["type"] == message_type
                assert received["sid"] == sids[channel]
                if _ws_contract.MESSAGES[message_type]["seq"]:
                    seen[received["sid"]] = seen.get(received["sid"], 0) + 1
                    assert received["seq"] == seen[received["sid"]]
                else:
                    assert "seq" not in received
                example = fake.example(message_type)
                assert received["msg"] == example["msg"]

    run(main())


def test_push_routes_by_channel_and_market(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            first, second = await client.subscribe("ticker", "ticker", market_tickers=["A"])
            (other,) = await client.subscribe("ticker", market_tickers=["Z"])
            frames = fake.push("ticker", "ticker", market_ticker="A")
            assert [f["sid"] for f in frames] == [first, second]
            assert {(await client.recv())["sid"] for _ in frames} == {first, second}
            with pytest.raises(ValueError, match="covering market 'Q'"):
                fake.push("ticker", "ticker", market_ticker="Q")
            with pytest.raises(ValueError, match="not a message of channel 'ticker'"):
                fake.push("ticker", "trade")
            with pytest.raises(ValueError, match="not a message of channel 'ticker'"):
                fake.push(other, "trade")
            with pytest.raises(ValueError, match="no data message.*did you mean"):
                fake.push(other, "tickr")
            with pytest.raises(ValueError, match="no live subscription to 'fill'"):
                fake.push("fill", "fill")
            with pytest.raises(ValueError, match="2 live subscriptions to 'ticker'|3 live"):
                fake.inject_gap("ticker")

    run(main())


def test_two_book_subscriptions_to_one_market_each_get_the_delta(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            await client.subscribe(BOOK, market_tickers=["M"])
            await client.recv()
            await client.subscribe(BOOK, market_ticker="M")
            await client.recv()
            fake.push_delta("M", "no", "0.41", "12.5")
            one, two = await client.recv_n(2)
            assert {one["sid"], two["sid"]} == {1, 2} and one["seq"] == two["seq"] == 2
            assert one["msg"]["delta_fp"] == "12.50" and one["msg"]["price_dollars"] == "0.4100"
            (only,) = fake.push_snapshot("M", target=2, yes=[("0.2", 1)])
            assert await client.recv() == only and only["sid"] == 2
            assert fake.book("M") == {"yes": [("0.2000", "1.00")], "no": [("0.4100", "12.50")]}

    run(main())


def test_push_values_win_over_the_example_and_decimals_are_strings(fake: FakeKalshiWS) -> None:
    from decimal import Decimal

    async def main() -> dict[str, Any]:
        async with raw(fake) as client:
            await client.subscribe("trade")
            fake.push("trade", "trade", yes_price_dollars=Decimal("0.1200"), market_ticker="M")
            return await client.recv()

    frame = run(main())
    assert frame["msg"]["yes_price_dollars"] == "0.1200" and frame["msg"]["market_ticker"] == "M"
    assert frame["msg"]["trade_id"] == fake.example("trade")["msg"]["trade_id"]


def test_invalid_pushes_are_refused_naming_the_field(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            await client.subscribe("ticker", "trade")
            with pytest.raises(InvalidFrameError, match=r"msg\.price_dollars: expected string"):
                fake.push("ticker", "ticker", price_dollars=56)
            with pytest.raises(InvalidFrameError, match=r"msg\.colour: unknown field"):
                fake.push("ticker", "ticker", colour="red")
            with pytest.raises(InvalidFrameError, match=r"msg\.market_ticker: required field"):
                fake.push("trade", "trade", msg={"trade_id": "t"})
            try:
                fake.push("trade", "trade", taker_side="up")
            except InvalidFrameError as exc:
                assert [p.path for p in exc.problems] == ["msg.taker_side"]
            else:
                raise AssertionError("an invalid enum value was pushed")
            # omit= sends without a field (as the server does); validate=False sends anything
            (omitted,) = fake.push("trade", "trade", omit=["market_ticker"])
            (anything,) = fake.push("ticker", "ticker", validate=False, price_dollars=56)
            first, second = [json.loads(await client.ws.recv()) for _ in range(2)]
            assert first == omitted and "market_ticker" not in first["msg"]
            assert second == anything and second["msg"]["price_dollars"] == 56

    run(main())
    assert sum(1 for f in fake.sent if f.kind == "text") == 4  # 2 subscribed + 2 pushed


def test_push_raw_sends_exactly_the_text(fake: FakeKalshiWS) -> None:
    async def main() -> list[str | bytes]:
        async with raw(fake) as client:
            fake.push_raw('{"type":"mystery","sid":1,"msg":{}}')
            fake.push_raw(b"\xff not json")
            return [await client.ws.recv(), await client.ws.recv()]

    assert run(main()) == ['{"type":"mystery","sid":1,"msg":{}}', "\ufffd not json"]


def test_snapshots_can_omit_clock_as_the_server_does() -> None:
    with FakeKalshiWS(heartbeat_interval=None, send_clock=False) as fake:

        async def main() -> list[dict[str, Any]]:
            async with raw(fake) as client:
                await client.subscribe(BOOK, market_ticker="M")
                fake.push_delta("M", "yes", "0.01", 1)
                # read unchecked: the document requires clock, the overrides may not
                return [json.loads(await client.ws.recv()) for _ in range(2)]

        snapshot, delta = run(main())
    assert "clock" not in snapshot["msg"] and "clock" not in delta["msg"]


def test_auto_snapshots_can_be_turned_off() -> None:
    with FakeKalshiWS(heartbeat_interval=None, auto_snapshots=False) as fake:

        async def main() -> bool:
            async with raw(fake) as client:
                await client.subscribe(BOOK, market_ticker="M")
                return await client.silent()

        assert run(main())


# ---------------------------------------------------------------------- errors and scripts


def test_send_error_scoped_to_a_subscription_and_terminal_codes(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            trade, fill = await client.subscribe("trade", "fill")
            fake.push(trade, "trade")
            await client.recv()
            plain = fake.send_error(27, id=9)
            assert (
                await client.recv()
                == plain
                == {"id": 9, "type": "error", "msg": {"code": 27, "msg": "Too many requests"}}
            )
            scoped = fake.send_error(10, sid=trade, message="channel broke")
            assert await client.recv() == scoped
            assert (scoped["sid"], scoped["seq"], scoped["msg"]["msg"]) == (
                trade,
                2,
                "channel broke",
            )
            assert [s.sid for s in fake.subscriptions()] == [fill]  # 10 is terminal
            assert (
                await client.error(
                    "update_subscription", sid=trade, action="add_markets", market_tickers=["M"]
                )
                == 7
            )
            fake.send_error(14, sid=fill)  # not terminal, and fill carries no seq
            frame = await client.recv()
            assert "seq" not in frame and [s.sid for s in fake.subscriptions()] == [fill]
            with pytest.raises(ValueError, match="no error code of the document"):
                fake.send_error(6)

    run(main())


def test_fail_next_and_ignore_next(fake: FakeKalshiWS) -> None:
    fake.fail_next("subscribe", 18)
    fake.ignore_next("list_subscriptions")

    async def main() -> None:
        async with raw(fake) as client:
            assert await client.error("subscribe", channels=["trade"]) == 18
            await client.send("list_subscriptions")
            assert await client.silent()
            assert await client.subscribe("trade") == [1]
            assert (await client.call("list_subscriptions"))["msg"] == [
                {"channel": "trade", "sid": 1}
            ]

    run(main())
    assert [c.error for c in fake.commands] == [18, None, None, None]
    with pytest.raises(ValueError, match="unknown command"):
        fake.fail_next("subscribes", 1)


def test_wait_for_command_and_connections(fake: FakeKalshiWS) -> None:
    with pytest.raises(TimeoutError, match="no 1 subscribe"):
        fake.wait_for_command("subscribe", timeout=0.05)

    async def main() -> None:
        async with raw(fake) as client:
            await client.send("subscribe", channels=["trade"])
            await client.send("subscribe", channels=["ticker"])
            second = await fake.wait_for_command_async("subscribe", count=2)
            assert second.params["channels"] == ["ticker"] and second.connection == 0
            info = await fake.wait_for_subscription_async("ticker")
            assert (info.sid, info.connection) == (2, 0)

    run(main())
    assert fake.wait_for_connections(1) == 0
    fake.wait_closed()
    assert not fake.is_open()
    fake.clear()
    assert fake.commands == [] and fake.sent == [] and fake.connections == 1


# ---------------------------------------------------------------------- connection faults


def test_drop_aborts_without_a_close_frame(fake: FakeKalshiWS) -> None:
    async def main() -> ConnectionClosed:
        async with raw(fake) as client:
            await client.subscribe("trade")
            fake.drop()
            with pytest.raises(ConnectionClosed) as caught:
                await asyncio.wait_for(client.ws.recv(), 1)
            return caught.value

    closed = run(main())
    assert closed.rcvd is None  # no close frame came
    fake.wait_closed(0)
    with pytest.raises(ValueError, match="no client is connected"):
        fake.push("trade", "trade")


@pytest.mark.parametrize(("code", "reason"), [(1000, ""), (1011, "internal"), (4001, "bye")])
def test_close_sends_the_code_and_reason(fake: FakeKalshiWS, code: int, reason: str) -> None:
    async def main() -> ConnectionClosed:
        async with raw(fake) as client:
            fake.close(code, reason)
            with pytest.raises(ConnectionClosed) as caught:
                await asyncio.wait_for(client.ws.recv(), 1)
            return caught.value

    closed = run(main())
    assert closed.rcvd is not None and (closed.rcvd.code, closed.rcvd.reason) == (code, reason)
    assert fake.sent[-1].kind == "close" and fake.sent[-1].code == code


def test_close_refuses_codes_a_server_may_not_send(fake: FakeKalshiWS) -> None:
    for code in (999, 1005, 1006, 5000):
        with pytest.raises(ValueError, match="not a close code"):
            fake.close(code)


def test_freeze_goes_silent_with_the_socket_open(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake, close_timeout=0.1) as client:
            await client.subscribe("trade")
            fake.freeze()
            await asyncio.sleep(0.05)
            pong = await client.ws.ping()
            with pytest.raises(asyncio.TimeoutError):  # no pong: nothing is read
                await asyncio.wait_for(pong, 0.3)
            await client.send("list_subscriptions")
            fake.push("trade", "trade")  # a push to a frozen connection is lost
            assert await client.silent(0.2)
            assert fake.is_open()  # TCP stays open

    run(main())
    assert fake.sent[-1].kind == "freeze"


class _PingLog(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.pings: list[bytes] = []

    def emit(self, record: logging.LogRecord) -> None:
        frame = record.args[0] if isinstance(record.args, tuple) and record.args else None
        if isinstance(frame, Frame) and frame.opcode is Opcode.PING and record.msg == "< %s":
            self.pings.append(bytes(frame.data))


def test_heartbeats_are_pings_with_body_heartbeat() -> None:
    log = _PingLog()
    logger = logging.getLogger("test_ws_fake.client")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(log)
    logger.propagate = False
    with FakeKalshiWS(heartbeat_interval=0.05) as fake:

        async def main() -> tuple[int, int]:
            async with raw(fake, logger=logger) as client:
                await asyncio.sleep(0.3)
                before = len(log.pings)
                fake.stop_heartbeats()
                await asyncio.sleep(0.1)
                stopped = len(log.pings)
                await asyncio.sleep(0.2)
                assert len(log.pings) == stopped
                fake.start_heartbeats()
                await asyncio.sleep(0.2)
                assert await client.silent(0.01)
                return before, len(log.pings) - stopped

        before, after = run(main())
    assert before >= 3 and after >= 2
    assert set(log.pings) == {b"heartbeat"}
    assert {f.text for f in fake.sent if f.kind == "ping"} == {"heartbeat"}
    assert FakeKalshiWS().heartbeat_interval == _ws_contract.HEARTBEAT_SECONDS == 10


# ---------------------------------------------------------------------- handshakes


def test_signature_verified_when_the_fake_has_the_public_key() -> None:
    with FakeKalshiWS.verifying(heartbeat_interval=None) as fake:

        async def main() -> None:
            async with raw(fake) as client:  # signed with the fake's throwaway key
                assert await client.subscribe("fill") == [1]
            async with raw(fake, signed=False) as client:  # unsigned: public channels only
                assert await client.error("subscribe", channels=["fill"]) == 9
            refusals = {
                "another key": signed_headers(WRONG_KEY.read_text()),
                "another path": signed_headers(fake.private_key_pem, path="/trade-api/v2"),
                "incomplete": {"KALSHI-ACCESS-KEY": "k"},
                "bad timestamp": {
                    **signed_headers(fake.private_key_pem),
                    "KALSHI-ACCESS-TIMESTAMP": "soon",
                },
                "not base64": {
                    **signed_headers(fake.private_key_pem),
                    "KALSHI-ACCESS-SIGNATURE": "%%%",
                },
            }
            for why, headers in refusals.items():
                with pytest.raises(InvalidStatus) as caught:
                    async with raw(fake, headers=headers):
                        pass
                assert caught.value.response.status_code == 401, why

        run(main())
        shakes = fake.handshakes
    assert [h.status for h in shakes] == [101, 101, 401, 401, 401, 401, 401]
    assert [h.connection for h in shakes[:2]] == [0, 1]
    assert shakes[0].authenticated and not shakes[1].authenticated
    assert "does not verify" in shakes[2].detail and "missing" in shakes[4].detail
    assert shakes[0].headers["KALSHI-ACCESS-KEY"] == "fake-kalshi-key"


def test_without_a_public_key_any_complete_signature_counts(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake, headers=signed_headers(WRONG_KEY.read_text())) as client:
            assert await client.subscribe("order_group_updates") == [1]

    run(main())
    assert fake.handshakes[0].authenticated


def test_require_auth_refuses_unsigned_handshakes() -> None:
    with FakeKalshiWS(require_auth=True, heartbeat_interval=None) as fake:

        async def main() -> None:
            with pytest.raises(InvalidStatus) as caught:
                async with raw(fake, signed=False):
                    pass
            assert caught.value.response.status_code == 401
            async with raw(fake) as client:
                await client.subscribe("ticker")

        run(main())


def test_reject_next_handshake_and_wrong_path(fake: FakeKalshiWS) -> None:
    fake.reject_next_handshake(429, times=2, body="slow down", headers={"Retry-After": "1"})

    async def main() -> None:
        for _ in range(2):
            with pytest.raises(InvalidStatus) as caught:
                async with raw(fake):
                    pass
            response = caught.value.response
            assert response.status_code == 429 and response.headers["Retry-After"] == "1"
            assert b"slow down" in response.body
        async with raw(fake) as client:  # the third is accepted
            await client.subscribe("trade")
        with pytest.raises(InvalidStatus) as caught:
            async with raw(fake, url=fake.url.replace(WS_PATH, "/trade-api/ws/v1")):
                pass
        assert caught.value.response.status_code == 404

    run(main())
    assert [h.status for h in fake.handshakes] == [429, 429, 101, 404]
    assert fake.connections == 1
    with pytest.raises(ValueError, match="HTTP status"):
        fake.reject_next_handshake(101)


# ---------------------------------------------------------------------- replay


def _recorded(name: str) -> list[str]:
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"no recorded frames at {path}")
    return [line for line in path.read_text().splitlines() if line.strip()]


def test_replay_of_a_recorded_session_remaps_sids_and_keeps_seq(fake: FakeKalshiWS) -> None:
    lines = _recorded("008.jsonl")
    recorded = [json.loads(line) for line in lines]

    async def main() -> list[dict[str, Any]]:
        async with raw(fake) as client:
            fill, book = await client.subscribe("fill", BOOK)  # the recording's sids reversed
            assert (fill, book) == (1, 2)
            count = fake.replay(lines)
            assert count == len(lines) - 2  # its two `subscribed` replies are not sent
            out = []
            for _ in range(count):
                frame = json.loads(await asyncio.wait_for(client.ws.recv(), 2))
                out.append(frame)
            assert fake.subscriptions()[1].seq == 2894  # later pushes continue the run
            return out

    frames = run(main())
    kept = [f for f in recorded if f["type"] != "subscribed"]
    assert [f["type"] for f in frames] == [f["type"] for f in kept]
    book_frames = [f for f in frames if f["type"] != "fill"]
    assert {f["sid"] for f in book_frames} == {2} and {f["sid"] for f in frames} == {1, 2}
    assert [f["seq"] for f in book_frames] == list(range(1, len(book_frames) + 1))
    assert all("id" not in f for f in frames)
    assert frames[0]["msg"] == kept[0]["msg"]  # the recorded ok, as recorded but for its id


def test_replay_continues_the_live_seq_and_keeps_recorded_gaps(fake: FakeKalshiWS) -> None:
    lines = _recorded("002.jsonl")  # trade frames, seq 10 then 48..56

    async def main() -> list[dict[str, Any]]:
        async with raw(fake) as client:
            await client.subscribe("trade")
            fake.push("trade", "trade")  # live seq 1
            await client.recv()
            fake.replay([json.loads(line) for line in lines], drop_ids=False)
            fake.push("trade", "trade")
            return [json.loads(await asyncio.wait_for(client.ws.recv(), 1)) for _ in range(11)]

    frames = run(main())
    recorded = [json.loads(line)["seq"] for line in lines]
    assert [f["seq"] for f in frames[:10]] == [s - recorded[0] + 2 for s in recorded]
    assert frames[-1]["seq"] == frames[-2]["seq"] + 1  # pushes go on after the replay


def test_replay_maps_by_hand_sends_raw_lines_and_refuses_unmapped_sids(fake: FakeKalshiWS) -> None:
    async def main() -> None:
        async with raw(fake) as client:
            _, two = await client.subscribe("ticker", "ticker")
            sent = fake.replay(
                [{"type": "ticker", "sid": 7, "msg": {"market_ticker": "A"}}, "garbage"],
                sids={7: two},
            )
            assert sent == 2
            frame = json.loads(await client.ws.recv())
            assert frame["sid"] == two and await client.ws.recv() == "garbage"
            with pytest.raises(ValueError, match="recorded sid 3 .*fill.* no live subscription"):
                fake.replay([{"type": "fill", "sid": 3, "msg": {}}])

    run(main())

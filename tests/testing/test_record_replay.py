"""kalshi.testing.RecordingTransport / ReplayTransport: record exchanges with FakeKalshi as the
"real" server, replay them into fresh clients, and check what reaches disk (no auth headers,
account ids pseudonymised, atomic numbered files) and how misses and bad files fail."""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import http.server
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from fake_support import TEST_KEY
from kalshi import AsyncKalshiClient, GetMarketsResponse, KalshiClient
from kalshi.errors import KalshiError, KalshiServerError
from kalshi.testing import FakeKalshi, RecordingTransport, ReplayMissError, ReplayTransport

KEY_ID = "3f2a9c1e-7b44-4d0e-9a51-live-key-id"
USER_ID = "user-5b1e0c7d-secret"
FORMAT_KEYS = ["format", "method", "path", "query", "status", "content_type", "body", "text"]


def alias(value: object) -> str:
    return "redacted-" + hashlib.sha256(str(value).encode()).hexdigest()[:12]


def client_on(transport: httpx.BaseTransport, key_id: str = KEY_ID) -> KalshiClient:
    return KalshiClient(
        key_id=key_id, private_key_path=TEST_KEY, transport=transport, max_retries=0
    )


def async_client_on(transport: httpx.AsyncBaseTransport, key_id: str = KEY_ID) -> AsyncKalshiClient:
    return AsyncKalshiClient(
        key_id=key_id, private_key_path=TEST_KEY, transport=transport, max_retries=0
    )


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def with_user(fake: FakeKalshi, operation_id: str, field: str, **fields: Any) -> None:
    """Script `operation_id` with its default order(s) carrying `fields`."""
    body = fake.default_response(operation_id)
    target = body[field][0] if isinstance(body[field], list) else body[field]
    target.update(fields)
    fake.respond(operation_id, json=body)


# ---------------------------------------------------------------------- round trips


def test_sync_calls_are_recorded_and_replayed_with_equal_results(tmp_path: Path) -> None:
    fake = FakeKalshi()
    fake.respond("CreateOrderGroup", update={"order_group_id": "og_1"})
    recorder = RecordingTransport(tmp_path / "rec", fake.transport)
    with client_on(recorder) as client:
        markets = client.markets.list(limit=5, status="open")
        group = client.order_groups.create(contracts_limit=100)
        balance = client.portfolio.balance()

    assert [p.name for p in recorder.recordings] == [
        "0001-GET-trade-api-v2-markets.json",
        "0002-POST-trade-api-v2-portfolio-order_groups-create.json",
        "0003-GET-trade-api-v2-portfolio-balance.json",
    ]
    first = load(recorder.recordings[0])
    assert list(first) == FORMAT_KEYS
    assert first["format"] == "kalshi-recording/1"
    assert first["method"] == "GET"
    assert first["path"] == "/trade-api/v2/markets"
    assert first["query"] == [["limit", "5"], ["status", "open"]]
    assert first["status"] == 200
    assert first["content_type"] == "application/json"
    assert first["body"] == fake.default_response("GetMarkets")
    assert first["text"] is None
    assert load(recorder.recordings[1])["body"]["order_group_id"] == "og_1"
    raw = recorder.recordings[0].read_text(encoding="utf-8")
    assert raw.endswith("}\n") and raw.startswith('{\n "format": "kalshi-recording/1",\n')

    replay = ReplayTransport(tmp_path / "rec")
    with client_on(replay, key_id="another-key") as client:  # the key id is not matched
        assert client.markets.list(limit=5, status="open") == markets
        assert client.order_groups.create(contracts_limit=100) == group
        assert client.portfolio.balance() == balance
    assert group.order_group_id == "og_1"
    assert replay.unused() == []
    with httpx.Client(transport=replay, base_url="https://x.test/trade-api/v2") as http:
        assert http.get("/markets?status=open&limit=5").json() == first["body"]  # reordered
    assert len(fake.requests) == 3  # replaying sent nothing to the "real" server


def test_async_calls_are_recorded_and_replayed(tmp_path: Path) -> None:
    fake = FakeKalshi()
    fake.respond("GetBalance", update={"balance": 4321})
    recorder = RecordingTransport(tmp_path, fake.transport)

    async def record() -> tuple[Any, Any]:
        async with async_client_on(recorder) as client:
            return await client.markets.list(limit=5), await client.portfolio.balance()

    async def replay(transport: ReplayTransport) -> tuple[Any, Any]:
        async with async_client_on(transport) as client:
            return await client.markets.list(limit=5), await client.portfolio.balance()

    recorded = asyncio.run(record())
    assert [p.name for p in recorder.recordings] == [
        "0001-GET-trade-api-v2-markets.json",
        "0002-GET-trade-api-v2-portfolio-balance.json",
    ]
    replayed = asyncio.run(replay(ReplayTransport(tmp_path)))
    assert replayed == recorded
    assert replayed[1].balance == 4321


def test_a_non_json_error_body_is_recorded_as_text_and_replayed(tmp_path: Path) -> None:
    fake = FakeKalshi()
    fake.respond(
        "GetBalance",
        status=502,
        body="<html>bad gateway</html>",
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    recorder = RecordingTransport(tmp_path, fake.transport)
    with client_on(recorder) as client, pytest.raises(KalshiServerError) as recorded:
        client.portfolio.balance()
    data = load(recorder.recordings[0])
    assert (data["status"], data["body"], data["text"]) == (502, None, "<html>bad gateway</html>")
    assert data["content_type"] == "text/html; charset=utf-8"
    with client_on(ReplayTransport(tmp_path)) as client, pytest.raises(KalshiServerError) as again:
        client.portfolio.balance()
    assert again.value.status_code == recorded.value.status_code == 502
    assert str(again.value) == str(recorded.value)


def test_query_order_is_recorded_as_sent_and_matched_in_any_order(tmp_path: Path) -> None:
    fake = FakeKalshi()
    recorder = RecordingTransport(tmp_path, fake.transport)
    with httpx.Client(transport=recorder, base_url="https://x.test/trade-api/v2") as raw:
        assert raw.get("/markets?status=open&limit=5").status_code == 200
    (file,) = recorder.recordings
    assert load(file)["query"] == [["status", "open"], ["limit", "5"]]
    with client_on(ReplayTransport(tmp_path)) as client:
        markets = client.markets.list(limit=5, status="open")
    assert markets.response == GetMarketsResponse.model_validate(load(file)["body"])
    assert markets.items


# ---------------------------------------------------------------------- scrubbing


def test_no_auth_header_name_or_value_reaches_disk(tmp_path: Path) -> None:
    fake = FakeKalshi()
    recorder = RecordingTransport(tmp_path, fake.transport)
    with client_on(recorder) as client:
        client.portfolio.balance()
        client.order_groups.create(contracts_limit=100)
        client.markets.list(limit=5)
    sent = [r.headers for r in fake.requests]
    secrets = [KEY_ID] + [
        h[name] for h in sent for name in ("kalshi-access-signature", "kalshi-access-timestamp")
    ]
    assert all(h["kalshi-access-key"] == KEY_ID for h in sent)  # they were on the wire
    files = sorted(tmp_path.iterdir())
    assert len(files) == 3
    for file in files:
        text = file.read_text(encoding="utf-8")
        for needle in [*secrets, "KALSHI-ACCESS", "kalshi-access", "Authorization", "headers"]:
            assert needle.lower() not in text.lower(), f"{needle!r} in {file.name}"


def test_a_user_id_gets_the_same_pseudonym_in_every_file(tmp_path: Path) -> None:
    fake = FakeKalshi()
    with_user(fake, "GetOrders", "orders", user_id=USER_ID, client_order_id=KEY_ID)
    with_user(fake, "GetOrder", "order", user_id=USER_ID, order_id="ord-1", ticker=USER_ID)
    recorder = RecordingTransport(tmp_path, fake.transport)
    with client_on(recorder) as client:
        listed = client.orders.list()
        got = client.orders.get("ord-1")
    assert listed[0].user_id == USER_ID and got.user_id == USER_ID

    first, second = (load(p) for p in recorder.recordings)
    assert first["body"]["orders"][0]["user_id"] == alias(USER_ID)
    assert second["body"]["order"]["user_id"] == alias(USER_ID)
    # the key id sent in KALSHI-ACCESS-KEY is scrubbed wherever it shows up in a body
    assert first["body"]["orders"][0]["client_order_id"] == alias(KEY_ID)
    assert second["body"]["order"]["order_id"] == "ord-1"  # not identifying: kept
    assert second["body"]["order"]["ticker"] == alias(USER_ID)  # equal to an id: scrubbed too
    for path in recorder.recordings:
        text = path.read_text(encoding="utf-8")
        assert USER_ID not in text and KEY_ID not in text

    with client_on(ReplayTransport(tmp_path)) as client:
        assert client.orders.get("ord-1").user_id == alias(USER_ID)


def test_scrub_keys_cover_nested_fields_queries_and_later_paths(tmp_path: Path) -> None:
    fake = FakeKalshi(stateful=False)  # GetOrder of an order no create made: the default
    secret_order = "ord-9f3a71c2"
    with_user(fake, "GetOrders", "orders", order_id=secret_order)
    recorder = RecordingTransport(tmp_path, fake.transport, scrub_keys=["order_id", "ticker"])
    with client_on(recorder) as client:
        client.orders.list(ticker="KXBTC-SECRET")
        got_live = client.orders.get(secret_order)  # a path segment equal to a scrubbed value
        client.markets.get("KXBTC-SECRET")  # learnt from the query of the first call
    listed, got, market = (load(p) for p in recorder.recordings)
    assert listed["query"] == [["ticker", alias("KXBTC-SECRET")]]
    assert listed["body"]["orders"][0]["order_id"] == alias(secret_order)
    assert listed["body"]["orders"][0]["user_id"] == alias("string")  # the defaults still apply
    assert got["path"] == f"/trade-api/v2/portfolio/orders/{alias(secret_order)}"
    assert market["path"] == f"/trade-api/v2/markets/{alias('KXBTC-SECRET')}"
    assert recorder.recordings[1].name == (
        f"0002-GET-trade-api-v2-portfolio-orders-{alias(secret_order)}.json"
    )
    for path in recorder.recordings:
        assert secret_order not in path.read_text(encoding="utf-8")
        assert "KXBTC-SECRET" not in path.read_text(encoding="utf-8")

    # code under test sends the real values again: they still find their recordings
    replay = ReplayTransport(tmp_path)
    with client_on(replay) as client:
        replayed = client.orders.get(secret_order)
        assert replayed.order_id == alias("string") != got_live.order_id == "string"
        assert client.orders.list(ticker="KXBTC-SECRET")[0].order_id == alias(secret_order)
        assert client.markets.get("KXBTC-SECRET").ticker == alias("string")
    assert replay.unused() == []


# ---------------------------------------------------------------------- replay behaviour


def record_balances(directory: Path, *balances: int) -> list[Path]:
    fake = FakeKalshi()
    for value in balances:
        fake.respond("GetBalance", update={"balance": value}, times=1)
    recorder = RecordingTransport(directory, fake.transport)
    with client_on(recorder) as client:
        assert [client.portfolio.balance().balance for _ in balances] == list(balances)
    return recorder.recordings


def test_same_key_recordings_are_served_in_order_then_the_last_repeats(tmp_path: Path) -> None:
    files = record_balances(tmp_path, 100, 200)
    replay = ReplayTransport(tmp_path)
    assert replay.unused() == files
    with client_on(replay) as client:
        assert client.portfolio.balance().balance == 100
        assert replay.unused() == files[1:]
        assert [client.portfolio.balance().balance for _ in range(3)] == [200, 200, 200]
    assert replay.unused() == []


def test_a_miss_raises_replay_miss_error_naming_the_request(tmp_path: Path) -> None:
    fake = FakeKalshi()
    with client_on(RecordingTransport(tmp_path, fake.transport)) as client:
        client.markets.list(limit=5)
        client.portfolio.balance()
    with client_on(ReplayTransport(tmp_path)) as client, pytest.raises(ReplayMissError) as miss:
        client.markets.list(limit=7, status="open")
    message = str(miss.value)
    assert "no recording for GET /trade-api/v2/markets?limit=7&status=open" in message
    assert "GET /trade-api/v2/markets?limit=5" in message  # the closest recorded key
    assert miss.value.closest[0] == "GET /trade-api/v2/markets?limit=5"
    assert (miss.value.method, miss.value.path) == ("GET", "/trade-api/v2/markets")
    assert isinstance(miss.value, LookupError) and not isinstance(miss.value, KalshiError)
    assert len(fake.requests) == 2


def test_a_miss_propagates_from_the_async_client_unretried(tmp_path: Path) -> None:
    record_balances(tmp_path, 1)
    replay = ReplayTransport(tmp_path)

    async def main() -> None:
        async with AsyncKalshiClient(
            key_id=KEY_ID, private_key_path=TEST_KEY, transport=replay, max_retries=3
        ) as client:
            await client.order_groups.create(contracts_limit=100)

    with pytest.raises(ReplayMissError, match="POST /trade-api/v2/portfolio/order_groups/create"):
        asyncio.run(main())


@pytest.mark.parametrize(
    "content, why",
    [
        ("{not json", "invalid JSON"),
        ('{"format": "kalshi-recording/0", "method": "GET"}', "format is 'kalshi-recording/0'"),
        ("[]", "not a JSON object"),
    ],
)
def test_a_corrupt_file_is_refused_at_construction_naming_it(
    tmp_path: Path, content: str, why: str
) -> None:
    record_balances(tmp_path, 1)
    bad = tmp_path / "0002-GET-broken.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as refused:
        ReplayTransport(tmp_path)
    assert str(bad) in str(refused.value)
    assert why in str(refused.value)


def test_a_recording_with_a_bad_field_is_refused(tmp_path: Path) -> None:
    (good,) = record_balances(tmp_path, 1)
    data = load(good)
    data["status"] = "200"
    good.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match=r"0001-GET-trade-api-v2-portfolio-balance\.json.*status"):
        ReplayTransport(tmp_path)


# ---------------------------------------------------------------------- files


def test_numbering_continues_after_existing_files(tmp_path: Path) -> None:
    record_balances(tmp_path, 1)
    (tmp_path / "0041-GET-older.json").write_text("{}", encoding="utf-8")
    files = record_balances(tmp_path, 2, 3)
    assert [f.name[:5] for f in files] == ["0042-", "0043-"]


def test_writes_are_atomic_and_leave_no_temp_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = record_balances(tmp_path, 1, 2)
    assert sorted(tmp_path.iterdir()) == files

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        record_balances(tmp_path, 3)
    monkeypatch.undo()
    assert sorted(tmp_path.iterdir()) == files  # neither a partial recording nor a temp file
    assert [load(f)["body"]["balance"] for f in files] == [1, 2]


def test_concurrent_recording_numbers_every_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kalshi.testing import _record

    scan = _record._next_number

    def slow_scan(directory: Path) -> int:
        time.sleep(0.01)  # widens the window in which two threads could pick the same number
        return scan(directory)

    monkeypatch.setattr(_record, "_next_number", slow_scan)
    fake = FakeKalshi()
    recorder = RecordingTransport(tmp_path, fake.transport)
    with client_on(recorder) as client:
        threads = [threading.Thread(target=client.portfolio.balance) for _ in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert [n[:4] for n in names] == [f"{i:04d}" for i in range(1, 17)]
    assert sorted(p.name for p in recorder.recordings) == names


def test_a_sync_only_transport_is_refused_for_async_use(tmp_path: Path) -> None:
    only_sync = RecordingTransport(tmp_path, httpx.HTTPTransport())

    async def main() -> None:
        async with async_client_on(only_sync) as client:
            await client.portfolio.balance()

    with pytest.raises(TypeError, match="sync transport"):
        asyncio.run(main())


def test_the_default_transport_records_a_real_gzip_http_exchange(tmp_path: Path) -> None:
    body = json.dumps({"balance": 7, "portfolio_value": 9, "updated_ts": 1}).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            packed = gzip.compress(body)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(packed)))
            self.end_headers()
            self.wfile.write(packed)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base_url = f"http://127.0.0.1:{server.server_address[1]}/trade-api/v2"
        recorder = RecordingTransport(tmp_path)
        with KalshiClient(
            key_id=KEY_ID, private_key_path=TEST_KEY, base_url=base_url, transport=recorder
        ) as client:
            live = client.portfolio.balance()
    finally:
        server.shutdown()
        server.server_close()
    assert live.balance == 7
    (file,) = recorder.recordings
    assert load(file)["body"] == json.loads(body)  # decoded, not the gzip bytes
    with client_on(ReplayTransport(tmp_path)) as client:
        assert client.portfolio.balance() == live

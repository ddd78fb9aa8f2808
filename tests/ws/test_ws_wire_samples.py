"""Every frame Kalshi's WebSocket servers were recorded sending (../shared/ws-samples/, read
at test time, never copied) decodes through the generated models, with the right Decimals.

Each frame goes through kalshi.ws's decoder (`decode_frame`, the reader's path) and through the
REST response policy (`kalshi._decode.decode_json`, which returns what deviated): it must be
its type's frame class, every fixed-point value must equal the string on the wire exactly,
and the only deviations are the documented ones (DOCUMENTED below: frames from before the
fixed-point fields). The document's own example frames decode without any deviation.

Needs a generated tree with kalshi/ws/ (KALSHI_GENERATED=<dir>, as tests/runtime; the
committed generated/ once it has kalshi.ws).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from shared_specs import unavailable

channels = pytest.importorskip(
    "kalshi.ws.channels",
    reason="the kalshi tree under test has no generated kalshi.ws (set KALSHI_GENERATED)",
)

from kalshi._decode import Deviation, decode_json
from kalshi.testing import _ws_contract as contract
from kalshi.ws import models
from kalshi.ws._frames import Frame, UntypedFrame, decode_frame
from pydantic import BaseModel

SAMPLES = Path(
    os.environ.get("KALSHI_WS_SAMPLES")
    or Path(__file__).resolve().parents[3] / "shared" / "ws-samples"
)
MODELS: dict[str, type[Frame]] = {
    t: cls for spec in channels.CHANNELS.values() for t, cls in spec.messages.items()
}
MODELS.update(channels.REPLIES)

FIXED_POINT = (
    "price_dollars", "yes_bid_dollars", "yes_ask_dollars",
    "volume_fp", "open_interest_fp", "yes_bid_size_fp", "yes_ask_size_fp", "last_trade_size_fp",
)  # fmt: skip
COUNTS = FIXED_POINT[3:]
# (file, type) -> the (field, kind) deviations its frames may have, and why
DOCUMENTED: dict[tuple[str, str], tuple[set[tuple[str, str]], str]] = {
    ("006.jsonl", "ticker"): (
        {(field, "missing") for field in FIXED_POINT},
        (
            "2025-01 frames from before the fixed-point fields (manifest era 'cents'): cent "
            "integers only, which never feed the Decimal attributes"
        ),
    ),
    ("003.jsonl", "ticker"): (
        {(field, "missing") for field in COUNTS},
        "a frame with the *_dollars prices but not yet the *_fp counts (its ts: 2024-11)",
    ),
    ("005.jsonl", "ticker"): (
        {(field, "missing") for field in COUNTS} | {("price_dollars", "empty_fixed_point")},
        'the same era as 003, and price_dollars "" for a market without a trade',
    ),
}


def _frame_files() -> list[Path]:
    files = sorted((SAMPLES / "frames").glob("*.jsonl"))
    if not files:
        unavailable(f"{SAMPLES}/frames has no *.jsonl: the recorded frames live in ../shared")
    return files


def _frames() -> Iterator[tuple[str, int, bytes]]:
    for path in _frame_files():
        for number, line in enumerate(path.read_bytes().splitlines(), 1):
            if line.strip():
                yield path.name, number, line.strip()


@pytest.fixture(scope="module")
def decoded() -> list[tuple[str, int, bytes, Frame, list[Deviation]]]:
    out = []
    for name, number, raw in _frames():
        frame = decode_frame(raw, MODELS, strict=False)
        cls = MODELS.get(json.loads(raw)["type"])
        assert cls is not None, f"{name}:{number}: type not in the document"
        again, deviations = decode_json(raw, cls, strict=False)
        assert type(again) is type(frame)
        out.append((name, number, raw, frame, deviations))
    return out


def test_every_recorded_frame_decodes_to_its_class(decoded: list[Any]) -> None:
    manifest = json.loads((SAMPLES / "manifest.json").read_text(encoding="utf-8"))
    assert len(decoded) == sum(entry["frames"] for entry in manifest) > 3000
    for name, number, raw, frame, _ in decoded:
        assert not isinstance(frame, UntypedFrame), f"{name}:{number}"
        assert type(frame) is MODELS[json.loads(raw)["type"]], f"{name}:{number}"


def test_only_documented_deviations(decoded: list[Any]) -> None:
    for name, number, _raw, frame, deviations in decoded:
        allowed, _why = DOCUMENTED.get((name, frame.type), (set(), ""))
        found = {(d.field, d.kind) for d in deviations}
        assert found <= allowed, f"{name}:{number}: {sorted(found - allowed)}"
    # and the documented ones are real: each file's frames show them
    for (name, kind), (allowed, _why) in DOCUMENTED.items():
        seen = {
            (d.field, d.kind)
            for file, _n, _r, frame, deviations in decoded
            if file == name and frame.type == kind
            for d in deviations
        }
        assert seen == allowed, name


def _wire_keys(model: BaseModel) -> Iterator[tuple[str, Any]]:
    for name, info in type(model).model_fields.items():
        yield (info.alias or name), model.__dict__[name]  # no DeprecationWarning


def _compare(value: Any, raw: Any, where: str, found: list[str]) -> None:
    """Every Decimal equals the wire's string exactly (digits and all); recurse into models."""
    if isinstance(value, Decimal):
        assert isinstance(raw, str) and str(value) == raw, f"{where}: {value!r} vs {raw!r}"
        found.append(where)
    elif isinstance(value, BaseModel) and isinstance(raw, dict):
        for key, item in _wire_keys(value):
            if key in raw:
                _compare(item, raw[key], f"{where}.{key}", found)
    elif isinstance(value, (list, tuple)) and isinstance(raw, list):
        for i, (item, wire) in enumerate(zip(value, raw)):
            _compare(item, wire, f"{where}[{i}]", found)


def test_every_fixed_point_value_is_the_wire_string(decoded: list[Any]) -> None:
    checked: list[str] = []
    for name, number, raw, frame, _ in decoded:
        _compare(frame, json.loads(raw), f"{name}:{number}", checked)
    assert len(checked) > 6_000  # 2,885 deltas alone carry two each


def _first(decoded: list[Any], name: str, kind: str) -> tuple[Frame, dict[str, Any]]:
    for file, _n, raw, frame, _ in decoded:
        if file == name and frame.type == kind:
            return frame, json.loads(raw)
    raise AssertionError(f"no {kind} in {name}")


def test_spot_checks(decoded: list[Any]) -> None:
    fill, _ = _first(decoded, "008.jsonl", "fill")
    assert isinstance(fill, models.Fill)
    assert fill.msg.fee_cost == Decimal("0.054600") and str(fill.msg.fee_cost) == "0.054600"
    assert fill.msg.yes_price == Decimal("0.1700")
    assert fill.msg.count == Decimal("5.52") and fill.msg.post_position == Decimal("5.52")
    assert fill.msg.exchange_index is None  # absent on the wire (overrides-ws.yaml)

    snapshot, raw = _first(decoded, "008.jsonl", "orderbook_snapshot")
    assert isinstance(snapshot, models.OrderbookSnapshot) and snapshot.seq == 2
    assert snapshot.msg.yes_dollars_fp[0] == (Decimal("0.0100"), Decimal("1406474.86"))
    assert snapshot.msg.no_dollars_fp[-1] == (Decimal("0.8300"), Decimal("25271.76"))
    assert len(snapshot.msg.yes_dollars_fp) == len(raw["msg"]["yes_dollars_fp"])
    assert snapshot.msg.clock is None

    delta, _ = _first(decoded, "008.jsonl", "orderbook_delta")
    assert isinstance(delta, models.OrderbookDelta)
    assert (delta.msg.price, delta.msg.delta, delta.msg.side) == (
        Decimal("0.7400"), Decimal("-1.84"), "no",
    )  # fmt: skip
    assert delta.msg.ts_ms == 1782873105308 and delta.msg.model_extra == {}

    ok, _ = _first(decoded, "008.jsonl", "ok")
    assert isinstance(ok, models.Ok) and isinstance(ok.msg, models.OkMsg)
    assert (ok.id, ok.sid, ok.seq) == (6, 1, 1) and len(ok.msg.market_tickers) == 2

    ticker, raw = _first(decoded, "001.jsonl", "ticker")
    assert ticker.msg.yes_bid == Decimal("0.0400") and ticker.msg.volume == Decimal("13446.00")
    assert ticker.msg.model_extra is not None and ticker.msg.model_extra["yes_bid"] == 4
    assert ticker.seq is None  # ticker frames carry no seq

    cents, raw = _first(decoded, "006.jsonl", "ticker")
    assert cents.msg.yes_bid is None and cents.msg.price is None  # cents never read as dollars
    assert cents.msg.model_extra is not None
    assert cents.msg.model_extra["yes_bid"] == raw["msg"]["yes_bid"]

    trade, _ = _first(decoded, "002.jsonl", "trade")
    assert trade.msg.yes_price == Decimal("0.7700") and trade.msg.count == Decimal("75.00")
    assert trade.msg.is_block_trade is None

    lifecycle = [f for file, _n, _r, f, _ in decoded if file == "004.jsonl"]
    assert all(isinstance(f.msg, models.MarketLifecycleV2Msg) for f in lifecycle)
    assert lifecycle[1].msg.settlement_value == Decimal("0.0000")
    assert lifecycle[1].msg.result == "no"


def _examples() -> Iterator[tuple[str, dict[str, Any]]]:
    for table in (contract.MESSAGES, contract.REPLIES):
        for kind, entry in table.items():
            for example in entry["examples"]:
                yield kind, example


def test_the_documents_examples_decode_without_deviation() -> None:
    seen: dict[str, int] = {}
    for kind, example in _examples():
        raw = json.dumps(example).encode()
        frame = decode_frame(raw, MODELS, strict=True)
        _, deviations = decode_json(raw, MODELS[kind], strict=True)
        assert deviations == [] and type(frame) is MODELS[kind], example
        seen[type(frame.msg).__name__ if hasattr(frame, "msg") else "-"] = 1
    assert len(list(_examples())) == 45
    # the shared types pick the payload by the msg
    for needed in ("MarketMetadataUpdatedMsg", "MarketLifecycleV2Msg", "OkMsg", "list"):
        assert needed in seen, needed
    metadata = next(e for k, e in _examples() if e["msg"].get("event_type") == "metadata_updated")
    frame = decode_frame(json.dumps(metadata), MODELS, strict=True)
    assert isinstance(frame.msg, models.MarketMetadataUpdatedMsg)
    assert frame.msg.floor_strike == Decimal(95000)

"""Every success body the real server sent goes through its generated method, sync and async,
and every fixed-point value comes out as the raw string's Decimal: never 100x, never lost."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from operator import attrgetter
from pathlib import Path
from typing import Any

import pytest
from kalshi import AsyncKalshiClient, KalshiClient
from shared_specs import unavailable
from wire_samples import (
    SHARED_WIRE_SAMPLES,
    call_for,
    expected_decimal,
    fixed_point_values,
    operation_for,
    recordings,
    sample_id,
    serving,
)

from generator.wire.recordings import Recorded

TEST_KEY = Path(__file__).resolve().parents[1] / "runtime" / "fixtures" / "test_key.pem"
RECORDED = recordings()
SUCCESSES = [r for r in RECORDED if r.success and operation_for(r) is not None]


def _call(client: Any, recorded: Any) -> Any:
    """The recording's operation, called through the client's own resource method."""
    op = operation_for(recorded)
    resource = attrgetter(op.resource)(client)  # a nested resource is dotted
    call = call_for(recorded, op, type(resource))
    return getattr(resource, call.method)(*call.args, **call.kwargs)


def _call_sync(recorded: Any, *, strict: bool = False) -> Any:
    with KalshiClient(
        key_id="k", private_key_path=TEST_KEY, transport=serving(recorded), strict_responses=strict
    ) as client:
        return _call(client, recorded)


def _call_async(recorded: Any) -> Any:
    async def run() -> Any:
        async with AsyncKalshiClient(
            key_id="k", private_key_path=TEST_KEY, transport=serving(recorded)
        ) as client:
            return await _call(client, recorded)

    return asyncio.run(run())


def test_the_wire_samples_are_there() -> None:
    if not SHARED_WIRE_SAMPLES.is_dir():
        unavailable(f"{SHARED_WIRE_SAMPLES} is missing: the recorded responses live there")
    shared = [r for r in SUCCESSES if r.source.is_relative_to(SHARED_WIRE_SAMPLES)]
    # 80 recordings: 59 successes of endpoints the locked spec has (the rest: v1 order
    # writes 3.31.0 removed, and one 403)
    assert len(shared) >= 59


def _check_values(recorded: Any, result: Any) -> int:
    checked = 0
    for where, parsed, raw in fixed_point_values(result, recorded.body):
        expected = expected_decimal(raw)
        assert parsed == expected, f"{sample_id(recorded)} {where}: {parsed!r} from {raw!r}"
        assert parsed is None or isinstance(parsed, Decimal)
        checked += 1
    return checked


@pytest.mark.parametrize("recorded", SUCCESSES, ids=sample_id)
@pytest.mark.parametrize("call", [_call_sync, _call_async], ids=["sync", "async"])
def test_recorded_body_parses_with_every_value_right(recorded: Any, call: Any) -> None:
    _check_values(recorded, call(recorded))


def test_thousands_of_recorded_values_are_checked() -> None:
    """The check above must not pass by checking nothing: the shared samples hold 3,460
    fixed-point values beside a legacy cent integer (the 100x trap) and more without."""
    if not SHARED_WIRE_SAMPLES.is_dir():
        unavailable(f"{SHARED_WIRE_SAMPLES} is missing: the recorded responses live there")
    total = sum(_check_values(r, _call_sync(r)) for r in SUCCESSES)
    assert total >= 3460


def test_legacy_cent_integer_never_feeds_the_dollar_attribute() -> None:
    """Regression: `close: 11` beside `close_dollars: "0.1100"` read as Decimal("11")."""
    sample = next(r for r in SUCCESSES if r.path == "/markets/candlesticks")
    result = _call_sync(sample)
    candle = result.markets[0].candlesticks[0]
    assert candle.yes_ask.close == Decimal("0.1100")
    assert candle.yes_ask.model_extra["close"] == 11  # still readable, under its own key
    assert candle.price.previous == Decimal("0.1100")


AUDITED = [r for r in SUCCESSES if r.source.is_relative_to(SHARED_WIRE_SAMPLES)]


@pytest.mark.parametrize("recorded", AUDITED, ids=sample_id)
def test_recorded_body_matches_spec_plus_overrides_strictly(recorded: Any) -> None:
    """overrides.yaml absorbs every deviation of the shared samples (`kalshi-codegen audit`),
    so even strict parsing accepts them. Folders added with KALSHI_WIRE_SAMPLES get the
    lenient checks above; `audit` says which entries they would need."""
    _call_sync(recorded, strict=True)


def test_a_recording_of_any_operation_can_be_replayed_through_its_method() -> None:
    """New recordings of endpoints not in the samples yet are picked up too: every operation's
    method can be called from a recording alone (placeholders for what it does not hold)."""
    from kalshi._operations import OPERATIONS

    for op in OPERATIONS:
        recorded = Recorded(
            source=Path(f"{op.operation_id}.json"),
            method=op.http_method,
            path=op.path,
            status=200,
            body={},
            content=b"{}",
        )
        assert operation_for(recorded) == op
        _call_sync(recorded)  # raises if the call cannot be built

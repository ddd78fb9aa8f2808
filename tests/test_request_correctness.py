"""Requests go out as the server reads them (issue 12 §7): path arguments in path order,
comma-separated lists joined, naive datetimes and dot segments refused, and a missing
required argument a TypeError. Rules on the real locked spec and on a small fixture; calls
through the client generated from the fixture (httpx.MockTransport and its FakeKalshi)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import ir
from generator.documents.load import load_document
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides, load_overrides

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "request_correctness" / "openapi.yaml"
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")


@pytest.fixture(scope="module")
def real_ir() -> ir.ClientIR:
    """The locked spec (spec/openapi.yaml) with the repo's overrides.yaml."""
    doc = load_document(REPO / "spec" / "openapi.yaml")
    return build_ir(doc, load_overrides(REPO / "overrides.yaml"), source="spec/openapi.yaml")


@pytest.fixture(scope="module")
def fixture_ir() -> ir.ClientIR:
    return build_ir(load_document(FIXTURE), Overrides(), source=FIXTURE.name)


def operation(client: ir.ClientIR, operation_id: str) -> ir.Operation:
    return next(op for op in client.operations if op.operation_id == operation_id)


def styles(op: ir.Operation) -> dict[str, str]:
    return {p.wire_name: p.list_style for p in op.query_params}


# ---------------------------------------------------------------------- path order


def test_every_real_operation_takes_its_path_arguments_in_path_order(real_ir: ir.ClientIR) -> None:
    checked = 0
    for op in real_ir.operations:
        assert [p.wire_name for p in op.path_params] == _PLACEHOLDER.findall(op.path), op.path
        checked += len(op.path_params) > 1
    assert checked  # some operations have several path parameters


def test_event_candlesticks_takes_the_series_first(real_ir: ir.ClientIR) -> None:
    op = operation(real_ir, "GetMarketCandlesticksByEvent")
    assert op.path == "/series/{series_ticker}/events/{ticker}/candlesticks"
    assert [p.py_name for p in op.path_params] == ["series_ticker", "ticker"]


def test_path_order_wins_over_the_spec_list(fixture_ir: ir.ClientIR) -> None:
    op = operation(fixture_ir, "GetEventCandlesticks")
    assert [p.wire_name for p in op.path_params] == ["series_ticker", "ticker"]


# ---------------------------------------------------------------------- list styles


def test_documented_comma_separated_strings_are_comma_style(real_ir: ir.ClientIR) -> None:
    comma = {
        (op.operation_id, p.wire_name)
        for op in real_ir.operations
        for p in op.query_params
        if p.list_style == "comma"
    }
    assert {
        ("GetMarkets", "tickers"),
        ("GetEvents", "tickers"),
        ("BatchGetMarketCandlesticks", "market_tickers"),
        ("GetOrders", "event_ticker"),
        ("GetFills", "ticker"),
        ("GetPositions", "count_filter"),
    } <= comma
    for op_id, wire in comma:  # each is a string the spec documents as comma-separated
        param = next(p for p in operation(real_ir, op_id).query_params if p.wire_name == wire)
        assert ir.non_null(param.type) == ir.Primitive("str")
        assert re.search(r"comma[- ]separated", param.description, re.IGNORECASE)


def test_exploded_arrays_stay_repeated_keys(real_ir: ir.ClientIR) -> None:
    assert styles(operation(real_ir, "GetMarketOrderbooks"))["tickers"] == "repeat"
    assert styles(operation(real_ir, "GetStructuredTargets"))["ids"] == "repeat"


def test_fixture_list_styles(fixture_ir: ir.ClientIR) -> None:
    assert styles(operation(fixture_ir, "GetMarkets")) == {
        "tickers": "comma",  # a string documented as a comma-separated list
        "series": "comma",  # style: form, explode: false
        "ids": "repeat",  # OpenAPI's default for query arrays
        "min_close": "repeat",
    }


def test_the_fake_contract_marks_unexploded_arrays_only(fixture_ir: ir.ClientIR) -> None:
    from generator.emit.testing import _operation, _schemas

    contract = _operation(operation(fixture_ir, "GetMarkets"), fixture_ir, _schemas(fixture_ir))
    marked = {p["name"] for p in contract["parameters"] if p.get("explode") is False}
    assert marked == {"series"}


# ---------------------------------------------------------------------- the generated client


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory, generate_into: Callable[..., Path]) -> Path:
    return generate_into(tmp_path_factory.mktemp("request-correctness"), FIXTURE)


def test_signatures(tree: Path) -> None:
    surface = (tree / "SURFACE.txt").read_text(encoding="utf-8")
    assert "series.candlesticks(series_ticker: str, ticker: str)" in surface
    assert "tickers: str | Sequence[str] | None = None" in surface
    assert "min_close: AwareDatetime | None = None" in surface
    assert "CreateMarketOrderRequest.expires_at: AwareDatetime | None" in surface


CALLS = """
import asyncio, datetime, json
import httpx
from kalshi import AsyncKalshiClient, KalshiClient

sent = []
def answer(request):
    sent.append(request)
    return httpx.Response(200, json={"ok": True})

transport = httpx.MockTransport(answer)
client = KalshiClient(transport=transport)
out = {}

def wire():
    request = sent.pop()
    return request.url.raw_path.decode()

def error(call):
    try:
        call()
    except Exception as exc:
        return [type(exc).__name__, str(exc), isinstance(exc, ValueError)]
    return None

client.series.candlesticks("SER", "EVT")
out["path"] = wire()
client.markets.list(tickers=["A", "B"], series=("S1", "S2"), ids=["x", "y"])
out["lists"] = wire()
client.markets.list(tickers="A,B")
out["joined_string"] = wire()
client.markets.list(tickers=[])
out["empty_list"] = wire()
aware = datetime.datetime(2026, 9, 1, tzinfo=datetime.timezone.utc)
client.markets.list(min_close=aware)
out["aware"] = wire()
naive = datetime.datetime(2026, 9, 1)
out["naive_query"] = error(lambda: client.markets.list(min_close=naive))
out["naive_body"] = error(
    lambda: client.markets.create_order("T", account=1, count=1, side="yes", expires_at=naive)
)
out["comma_in_item"] = error(lambda: client.markets.list(tickers=["A,B"]))
out["dot"] = error(lambda: client.series.candlesticks("SER", "."))
out["dot_dot"] = error(lambda: client.series.candlesticks("..", "EVT"))
out["missing_body"] = error(lambda: client.markets.create_order("T", account=1, count=1))
out["missing_both"] = error(lambda: client.markets.create_order("T", account=1))
out["missing_query"] = error(lambda: client.markets.create_order("T", count=1, side="yes"))
out["sent_nothing"] = sent == []

async def async_missing():
    async with AsyncKalshiClient(transport=transport) as aclient:
        try:
            await aclient.markets.create_order("T", account=1, side="yes")
        except TypeError as exc:
            return str(exc)

out["async_missing_body"] = asyncio.run(async_missing())
print(json.dumps(out))
"""


def test_calls_go_out_as_the_server_reads_them(
    tree: Path, run_json_in_tree: Callable[..., Any]
) -> None:
    out = run_json_in_tree(tree, CALLS)
    base = "/api/v1"
    assert out["path"] == f"{base}/series/SER/events/EVT/candlesticks"
    assert out["lists"] == f"{base}/markets?tickers=A%2CB&series=S1%2CS2&ids=x&ids=y"
    assert out["joined_string"] == f"{base}/markets?tickers=A%2CB"
    assert out["empty_list"] == f"{base}/markets"
    assert out["aware"] == f"{base}/markets?min_close=2026-09-01T00%3A00%3A00%2B00%3A00"
    kind, message, is_value_error = out["naive_query"]
    assert (kind, is_value_error) == ("ValueError", True)
    assert "'min_close'" in message and "no timezone" in message
    kind, message, is_value_error = out["naive_body"]
    assert is_value_error and "expires_at" in message and "timezone" in message
    assert out["comma_in_item"][0] == "ValueError" and "'A,B'" in out["comma_in_item"][1]
    assert out["dot"][:2] == ["ValueError", "path parameter 'ticker' must not be '.'"]
    assert out["dot_dot"][:2] == ["ValueError", "path parameter 'series_ticker' must not be '..'"]
    assert out["missing_body"][0] == "TypeError"
    assert out["missing_body"][1] == (
        "create_order() missing required keyword argument: 'side' "
        "(or pass request=CreateMarketOrderRequest(...))"
    )
    assert "missing required keyword arguments: 'count', 'side'" in out["missing_both"][1]
    assert out["missing_query"][0] == "TypeError" and "'account'" in out["missing_query"][1]
    assert out["sent_nothing"]
    assert out["async_missing_body"].startswith(
        "create_order() missing required keyword argument: 'count'"
    )


FAKE = """
import json
import httpx
from kalshi.testing import FakeKalshi

fake = FakeKalshi()
out = {}
with fake.client() as client:
    client.markets.list(tickers=["A", "B"], series=["S1", "S2"], ids=["x", "y"])
    out["query"] = fake.requests[-1].query
with httpx.Client(transport=fake.transport, base_url="https://rc.example.test/api/v1") as http:
    out["repeated_unexploded"] = http.get("/markets", params=[("series", "a"), ("series", "b")]).json()
print(json.dumps(out))
"""


def test_the_fake_reads_the_comma_form(tree: Path, run_json_in_tree: Callable[..., Any]) -> None:
    out = run_json_in_tree(tree, FAKE)
    assert out["query"] == {"tickers": "A,B", "series": ["S1", "S2"], "ids": ["x", "y"]}
    refused = out["repeated_unexploded"]
    assert "'series' is given 2 times but takes one comma-separated value" in str(refused)

"""Every operation of the spec, called through its generated method on both clients against
FakeKalshi with valid arguments, returns a parsed model; every `*_all` iterator runs once.

The list of operations is the generated operation table (kalshi._operations.OPERATIONS),
never a hand-written one; the arguments come from the fake's own example synthesiser. The
fake verifies every request against the spec, including its RSA-PSS signature.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
from fake_support import (
    OPERATION_IDS,
    PAGINATED,
    TEST_KEY,
    arguments,
    async_client,
    check_result,
    info,
    method,
    sync_client,
)
from kalshi import AsyncKalshiClient, KalshiClient
from kalshi._operations import OPERATIONS
from kalshi.testing import FakeKalshi

# One fake and one client of each kind for the whole module (loading an RSA key takes
# ~50 ms); the fake forgets its requests before each test. It is stateless: the synthesised
# example arguments name ids no create made ("string"), which the stateful fake answers
# with 404 (its answers are checked against the spec in test_fake_state.py).


@pytest.fixture(scope="module")
def shared_fake() -> FakeKalshi:
    return FakeKalshi(public_key=TEST_KEY, stateful=False)


@pytest.fixture
def fake(shared_fake: FakeKalshi) -> FakeKalshi:
    shared_fake.clear()
    return shared_fake


@pytest.fixture(scope="module")
def client(shared_fake: FakeKalshi) -> Iterator[KalshiClient]:
    with sync_client(shared_fake) as client:
        yield client


@pytest.fixture(scope="module")
def aclient(shared_fake: FakeKalshi) -> Iterator[AsyncKalshiClient]:
    client = async_client(shared_fake)
    yield client
    asyncio.run(client.aclose())


def test_the_fake_and_the_client_know_the_same_operations(fake: FakeKalshi) -> None:
    assert sorted(fake.operations) == sorted(OPERATION_IDS)
    for op in OPERATIONS:
        contract = fake.operations[op.operation_id]
        assert (contract["method"], contract["path"]) == (op.http_method, op.path)
        assert contract["auth"] == list(op.credentials)
        assert op.auth == bool(op.credentials)


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_operation_sync(fake: FakeKalshi, client: KalshiClient, operation_id: str) -> None:
    op = info(operation_id)
    func = method(client, op, op.method)
    args, kwargs = arguments(fake, op, func)
    check_result(fake, op, func(*args, **kwargs))


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_operation_async(
    fake: FakeKalshi, aclient: AsyncKalshiClient, operation_id: str
) -> None:
    op = info(operation_id)

    async def call() -> object:
        func = method(aclient, op, op.method)
        args, kwargs = arguments(fake, op, func)
        return await func(*args, **kwargs)

    check_result(fake, op, asyncio.run(call()))


@pytest.mark.parametrize("operation_id", [op.operation_id for op in PAGINATED])
def test_every_paginator_sync(fake: FakeKalshi, client: KalshiClient, operation_id: str) -> None:
    op = info(operation_id)
    assert op.paginator is not None
    func = method(client, op, op.paginator)
    args, kwargs = arguments(fake, op, func)
    items = list(func(*args, **kwargs))
    assert len(fake.calls(operation_id)) == 1  # the synthesised cursor is empty: one page
    assert all(item is not None for item in items)


@pytest.mark.parametrize("operation_id", [op.operation_id for op in PAGINATED])
def test_every_paginator_async(
    fake: FakeKalshi, aclient: AsyncKalshiClient, operation_id: str
) -> None:
    op = info(operation_id)
    assert op.paginator is not None

    async def collect() -> list[object]:
        func = method(aclient, op, op.paginator)
        args, kwargs = arguments(fake, op, func)
        return [item async for item in func(*args, **kwargs)]

    assert all(item is not None for item in asyncio.run(collect()))
    assert len(fake.calls(operation_id)) == 1


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_default_answers_are_valid_against_the_spec(fake: FakeKalshi, operation_id: str) -> None:
    contract = fake.operations[operation_id]
    body = fake.default_response(operation_id)
    if contract["response_schema"] is None:
        assert body is None
    else:
        assert fake.problems(body, contract["response_schema"], strict=False) == []


@pytest.fixture(scope="module")
def quirky_fake() -> FakeKalshi:
    return FakeKalshi(public_key=TEST_KEY, stateful=False, quirks=True)


@pytest.mark.parametrize("operation_id", OPERATION_IDS)
def test_every_operation_parses_the_servers_quirks_strictly(
    quirky_fake: FakeKalshi, operation_id: str
) -> None:
    """FakeKalshi(quirks=True) answers as the recorded server does (fields omitted per
    overrides.yaml optional_fields, legacy integers beside fixed-point fields, null lists):
    the client reads all of it even with strict_responses=True, so the overrides, the fake
    and the parsing policy agree."""
    quirky_fake.clear()
    op = info(operation_id)
    with sync_client(quirky_fake, strict_responses=True) as client:
        func = method(client, op, op.method)
        args, kwargs = arguments(quirky_fake, op, func)
        func(*args, **kwargs)
    assert quirky_fake.calls(op.operation_id)


def test_quirks_send_legacy_cents_that_never_feed_the_dollar_attribute(
    quirky_fake: FakeKalshi,
) -> None:
    with sync_client(quirky_fake) as client:
        market = client.markets.list(limit=1)[0]
    assert isinstance(market.model_extra["yes_bid"], int)  # the legacy cents are there
    assert market.yes_bid is not None and market.yes_bid <= 1  # dollars, not cents
    assert market.yes_bid * 100 == market.model_extra["yes_bid"]

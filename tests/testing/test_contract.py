"""Every operation of every REST target (kalshi, kalshi.perps, kalshi.klear), called through
its generated method on both clients against the target's fake with valid arguments, returns
a parsed model; every `*_all` iterator runs once.

The list of operations is each package's generated operation table (`<package>._operations.
OPERATIONS`), never a hand-written one; the arguments come from the fake's own example
synthesiser. The fake verifies every request against the spec, including its RSA-PSS
signature (trade, perps) or its bearer token (Klear).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fake_support import APIS, TEST_KEY, Api, arguments, check_result, method
from kalshi.testing import FakeKalshi

# One fake and one client of each kind per API for the whole module (loading an RSA key takes
# ~50 ms); the fake forgets its requests before each test. It is stateless: the synthesised
# example arguments name ids no create made ("string"), which the stateful fake answers
# with 404 (its answers are checked against the spec in test_fake_state.py).


@dataclass
class Rig:
    api: Api
    fake: FakeKalshi
    client: Any
    aclient: Any


def _cases(paginated: bool = False) -> list[Any]:
    return [
        pytest.param(api, op.operation_id, id=f"{api}-{op.operation_id}")
        for api in APIS
        for op in api.operations
        if not paginated or op.paginator is not None
    ]


@pytest.fixture(scope="module")
def rigs() -> Iterator[dict[str, Rig]]:
    made: dict[str, Rig] = {}
    yield made
    for rig in made.values():
        rig.client.close()
        asyncio.run(rig.aclient.aclose())


def rig_of(rigs: dict[str, Rig], api: Api) -> Rig:
    """The API's shared rig, its fake cleared."""
    rig = rigs.get(str(api))
    if rig is None:
        fake = api.fake_class(public_key=TEST_KEY, stateful=False)
        rig = rigs[str(api)] = Rig(api, fake, api.sync_client(fake), api.async_client(fake))
    rig.fake.clear()
    return rig


@pytest.mark.parametrize("api", APIS, ids=str)
def test_the_fake_and_the_client_know_the_same_operations(rigs: dict[str, Rig], api: Api) -> None:
    fake = rig_of(rigs, api).fake
    assert sorted(fake.operations) == sorted(op.operation_id for op in api.operations)
    for op in api.operations:
        contract = fake.operations[op.operation_id]
        assert (contract["method"], contract["path"]) == (op.http_method, op.path)
        assert contract["auth"] == list(op.credentials)
        assert op.auth == bool(op.credentials)


@pytest.mark.parametrize(("api", "operation_id"), _cases())
def test_every_operation_sync(rigs: dict[str, Rig], api: Api, operation_id: str) -> None:
    rig = rig_of(rigs, api)
    op = api.info(operation_id)
    func = method(rig.client, op, op.method)
    args, kwargs = arguments(rig.fake, op, func)
    check_result(rig.fake, op, func(*args, **kwargs), api.undescribed)


@pytest.mark.parametrize(("api", "operation_id"), _cases())
def test_every_operation_async(rigs: dict[str, Rig], api: Api, operation_id: str) -> None:
    rig = rig_of(rigs, api)
    op = api.info(operation_id)

    async def call() -> object:
        func = method(rig.aclient, op, op.method)
        args, kwargs = arguments(rig.fake, op, func)
        return await func(*args, **kwargs)

    check_result(rig.fake, op, asyncio.run(call()), api.undescribed)


@pytest.mark.parametrize(("api", "operation_id"), _cases(paginated=True))
def test_every_paginator_sync(rigs: dict[str, Rig], api: Api, operation_id: str) -> None:
    rig = rig_of(rigs, api)
    op = api.info(operation_id)
    assert op.paginator is not None
    func = method(rig.client, op, op.paginator)
    args, kwargs = arguments(rig.fake, op, func)
    items = list(func(*args, **kwargs))
    assert len(rig.fake.calls(operation_id)) == 1  # the synthesised cursor is empty: one page
    assert all(item is not None for item in items)


@pytest.mark.parametrize(("api", "operation_id"), _cases(paginated=True))
def test_every_paginator_async(rigs: dict[str, Rig], api: Api, operation_id: str) -> None:
    rig = rig_of(rigs, api)
    op = api.info(operation_id)
    assert op.paginator is not None

    async def collect() -> list[object]:
        func = method(rig.aclient, op, op.paginator)
        args, kwargs = arguments(rig.fake, op, func)
        return [item async for item in func(*args, **kwargs)]

    assert all(item is not None for item in asyncio.run(collect()))
    assert len(rig.fake.calls(operation_id)) == 1


@pytest.mark.parametrize(("api", "operation_id"), _cases())
def test_default_answers_are_valid_against_the_spec(
    rigs: dict[str, Rig], api: Api, operation_id: str
) -> None:
    fake = rig_of(rigs, api).fake
    contract = fake.operations[operation_id]
    body = fake.default_response(operation_id)
    if contract["response_schema"] is None:
        assert body is None
    else:
        assert fake.problems(body, contract["response_schema"], strict=False) == []


@pytest.fixture(scope="module")
def quirky_fakes() -> dict[str, FakeKalshi]:
    return {}


@pytest.mark.parametrize(("api", "operation_id"), _cases())
def test_every_operation_parses_the_servers_quirks_strictly(
    quirky_fakes: dict[str, FakeKalshi], api: Api, operation_id: str
) -> None:
    """FakeKalshi(quirks=True) answers as the recorded server does (fields omitted per
    overrides.yaml optional_fields, legacy integers beside fixed-point fields, null lists):
    the client reads all of it even with strict_responses=True, so the overrides, the fake
    and the parsing policy agree."""
    quirky_fake = quirky_fakes.get(str(api))
    if quirky_fake is None:
        quirky_fake = api.fake_class(public_key=TEST_KEY, stateful=False, quirks=True)
        quirky_fakes[str(api)] = quirky_fake
    quirky_fake.clear()
    op = api.info(operation_id)
    with api.sync_client(quirky_fake, strict_responses=True) as client:
        func = method(client, op, op.method)
        args, kwargs = arguments(quirky_fake, op, func)
        func(*args, **kwargs)
    assert quirky_fake.calls(op.operation_id)


def test_quirks_send_legacy_cents_that_never_feed_the_dollar_attribute() -> None:
    quirky_fake = FakeKalshi(public_key=TEST_KEY, stateful=False, quirks=True)
    with quirky_fake.client(private_key_path=TEST_KEY) as client:
        market = client.markets.list(limit=1)[0]
    assert isinstance(market.model_extra["yes_bid"], int)  # the legacy cents are there
    assert market.yes_bid is not None and market.yes_bid <= 1  # dollars, not cents
    assert market.yes_bid * 100 == market.model_extra["yes_bid"]

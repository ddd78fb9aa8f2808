"""AsyncAPIClient: the same behaviour as the sync client, waiting with asyncio.sleep."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from kalshi._base_client import AsyncAPIClient
from kalshi._constants import RETRY_AFTER_CAP
from kalshi._models import ResponseModel
from kalshi.errors import (
    KalshiAuthRequiredError,
    KalshiNotFoundError,
    KalshiResponseError,
    KalshiServerError,
    KalshiTimeoutError,
)

MakeClient = Callable[..., AsyncAPIClient]


class Balance(ResponseModel):
    balance: int


class Market(ResponseModel):
    ticker: str


class Page(ResponseModel):
    markets: list[Market] | None = None
    cursor: str | None = None


def ok(data: Any = None) -> httpx.Response:
    return httpx.Response(200, json={"balance": 100} if data is None else data)


def test_signed_request(fake: Any, async_client: MakeClient, verify: Callable[..., str]) -> None:
    server = fake(ok())

    async def main() -> Balance:
        async with async_client(server) as client:
            client._clock_ms = lambda: 1_700_000_000_000
            return await client.request(
                "GET", "/portfolio/balance", params={"limit": 1}, auth=True, cast_to=Balance
            )

    assert asyncio.run(main()) == Balance(balance=100)
    assert verify(server.requests[0]) == "1700000000000GET/trade-api/v2/portfolio/balance"


def test_retries_wait_with_asyncio_sleep_and_sign_afresh(
    fake: Any,
    async_client: MakeClient,
    verify: Callable[..., str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def blocking_sleep(seconds: float) -> None:
        raise AssertionError("time.sleep called from async code")

    waited: list[float] = []
    real_sleep = asyncio.sleep

    async def fake_sleep(seconds: float) -> None:
        waited.append(seconds)
        await real_sleep(0)

    monkeypatch.setattr(time, "sleep", blocking_sleep)
    monkeypatch.setattr(asyncio, "sleep", fake_sleep)
    server = fake(httpx.Response(429, headers={"Retry-After": "120"}), httpx.Response(503), ok())

    async def main() -> None:
        async with async_client(server) as client:
            clock = itertools.count(1000, 1000)
            client._clock_ms = lambda: next(clock)
            await client.request("GET", "/portfolio/balance", auth=True, cast_to=Balance)

    asyncio.run(main())
    assert len(waited) == 2
    assert waited[0] == RETRY_AFTER_CAP
    assert [verify(r)[:4] for r in server.requests] == ["1000", "2000", "3000"]


def test_post_is_not_retried_on_a_status(
    fake: Any, async_client: MakeClient, sleeps: list[float]
) -> None:
    server = fake(httpx.Response(503), ok())

    async def main() -> None:
        async with async_client(server) as client:
            await client.request("POST", "/portfolio/orders", body={}, auth=True, cast_to=Balance)

    with pytest.raises(KalshiServerError):
        asyncio.run(main())
    assert len(server.requests) == 1
    assert sleeps == []


def test_post_is_retried_on_connect_error(
    fake: Any, async_client: MakeClient, sleeps: list[float]
) -> None:
    server = fake(httpx.ConnectError("refused"), ok())

    async def main() -> Balance:
        async with async_client(server) as client:
            return await client.request(
                "POST", "/portfolio/orders", body={}, auth=True, cast_to=Balance
            )

    assert asyncio.run(main()).balance == 100
    assert len(server.requests) == 2


def test_timeout(fake: Any, async_client: MakeClient, sleeps: list[float]) -> None:
    server = fake(*[httpx.ReadTimeout("slow") for _ in range(2)])

    async def main() -> None:
        async with async_client(server, max_retries=1) as client:
            await client.request("GET", "/markets", auth=False, cast_to=Balance)

    with pytest.raises(KalshiTimeoutError, match=r"after 2 attempt\(s\)"):
        asyncio.run(main())


def test_status_error(fake: Any, async_client: MakeClient) -> None:
    server = fake(httpx.Response(404, json={"error": {"code": "not_found", "message": "gone"}}))

    async def main() -> None:
        async with async_client(server) as client:
            await client.request(
                "DELETE", "/orders/{id}", path_params={"id": "o1"}, auth=True, cast_to=type(None)
            )

    with pytest.raises(
        KalshiNotFoundError, match="^404 Not Found on DELETE /orders/o1: not_found: gone$"
    ):
        asyncio.run(main())


def test_auth_required_before_any_request(fake: Any, async_client: MakeClient) -> None:
    server = fake()
    client = async_client(server, key=False)
    with pytest.raises(KalshiAuthRequiredError):
        asyncio.run(client.request("GET", "/portfolio/balance", auth=True, cast_to=Balance))
    with pytest.raises(KalshiAuthRequiredError):
        client.paginate("GET", "/portfolio/orders", auth=True, cast_to=Page, items=lambda p: [])
    assert server.requests == []
    asyncio.run(client.aclose())


def page(cursor: str | None, *tickers: str) -> httpx.Response:
    return ok({"markets": [{"ticker": t} for t in tickers], "cursor": cursor})


def collect(client: AsyncAPIClient, **kwargs: Any) -> list[str]:
    async def main() -> list[str]:
        async with client:
            pages = client.paginate(
                "GET", "/markets", auth=False, cast_to=Page, items=lambda p: p.markets, **kwargs
            )
            return [m.ticker async for m in pages]

    return asyncio.run(main())


def test_paginate(fake: Any, async_client: MakeClient) -> None:
    server = fake(page("c1", "A", "B"), page(None, "C"))
    assert collect(async_client(server)) == ["A", "B", "C"]
    assert [r.url.params.get("cursor") for r in server.requests] == [None, "c1"]


def test_paginate_max_pages(fake: Any, async_client: MakeClient) -> None:
    server = fake(page("c1", "A"), page("c2", "B"))
    assert collect(async_client(server), max_pages=1) == ["A"]
    assert len(server.requests) == 1


def test_paginate_repeated_cursor(fake: Any, async_client: MakeClient) -> None:
    server = fake(page("c1", "A"), page("c1", "B"))
    with pytest.raises(KalshiResponseError, match="again"):
        collect(async_client(server))
    assert len(server.requests) == 2


def test_context_manager_closes(fake: Any) -> None:
    async def main() -> AsyncAPIClient:
        async with AsyncAPIClient(transport=httpx.MockTransport(fake())) as client:
            return client

    assert asyncio.run(main())._http.is_closed

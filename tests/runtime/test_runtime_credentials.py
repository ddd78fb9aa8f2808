"""Environments from the spec's servers, and credentials per operation (signature, bearer).

`fake(*replies)` is the runtime conftest's FakeServer: a reply queue that records requests.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from kalshi._base_client import AsyncAPIClient, SyncAPIClient
from kalshi._environments import DEMO_BASE_URL, PRODUCTION_BASE_URL, SERVERS
from kalshi.errors import KalshiAuthRequiredError
from pydantic import BaseModel

TOKEN = "partner-oauth-token-0001"
KEY_ID = "test-key-id-0001"  # tests/runtime/fixtures/test_key.pem's id in conftest


SIGNED_OR_BEARER = ("signature", "bearer")


class Any_(BaseModel):
    pass


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={})


@pytest.fixture(autouse=True)
def _no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("KALSHI_ALLOW_UNKNOWN_HOST", "KALSHI_OAUTH_TOKEN", "KALSHI_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


# --- environments ------------------------------------------------------------------------


def test_the_defaults_are_servers_of_the_spec() -> None:
    urls = {server.url: server.environment for server in SERVERS}
    assert urls[PRODUCTION_BASE_URL] == "production"
    assert DEMO_BASE_URL is not None and urls[DEMO_BASE_URL] == "demo"
    assert SyncAPIClient().base_url == PRODUCTION_BASE_URL
    assert SyncAPIClient(demo=True).base_url == DEMO_BASE_URL


@pytest.mark.parametrize("server", SERVERS, ids=lambda s: s.url)
def test_every_server_of_the_spec_is_accepted_as_base_url(server: object) -> None:
    url = server.url  # type: ignore[attr-defined]
    assert SyncAPIClient(base_url=url + "/").base_url == url


@pytest.mark.parametrize(
    "url",
    [
        "https://api.elections.kalshi.co/trade-api/v2",  # a typo of the host
        "https://api.elections.kalshi.com.evil.test/trade-api/v2",
        "http://api.elections.kalshi.com/trade-api/v2",  # signed requests in clear text
        "https://localhost:8443/trade-api/v2",
    ],
)
def test_a_host_that_is_not_a_server_is_refused_without_opt_in(
    url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ValueError, match="not one of the API's servers.*allow_unknown_host=True"):
        SyncAPIClient(base_url=url)
    with pytest.raises(ValueError, match="not one of the API's servers"):
        AsyncAPIClient(base_url=url)
    assert SyncAPIClient(base_url=url, allow_unknown_host=True).base_url == url
    monkeypatch.setenv("KALSHI_ALLOW_UNKNOWN_HOST", "1")
    assert SyncAPIClient(base_url=url).base_url == url
    # an explicit False wins over the environment
    with pytest.raises(ValueError, match="not one of the API's servers"):
        SyncAPIClient(base_url=url, allow_unknown_host=False)


def test_an_injected_transport_needs_no_opt_in(fake: type[Any]) -> None:
    server = fake(ok)
    client = SyncAPIClient(base_url="http://testserver/v2", transport=httpx.MockTransport(server))
    client.request("GET", "/x", auth=False, cast_to=Any_)
    assert str(server.requests[0].url) == "http://testserver/v2/x"


# --- credentials per operation --------------------------------------------------------------


def token_client(server: Any, **kwargs: object) -> SyncAPIClient:
    return SyncAPIClient(oauth_token=TOKEN, transport=httpx.MockTransport(server), **kwargs)  # type: ignore[arg-type]


def test_a_token_is_sent_as_bearer_where_the_operation_accepts_it(fake: type[Any]) -> None:
    server = fake(ok)
    client = token_client(server)
    client.request("GET", "/portfolio/fills", auth=SIGNED_OR_BEARER, cast_to=Any_)
    request = server.requests[0]
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert "KALSHI-ACCESS-SIGNATURE" not in request.headers
    assert client.is_authenticated


def test_a_token_is_never_sent_to_public_operations(fake: type[Any]) -> None:
    server = fake(ok)
    token_client(server).request("GET", "/markets", auth=(), cast_to=Any_)
    assert "Authorization" not in server.requests[0].headers


def test_a_signature_only_operation_fails_before_sending_with_only_a_token(fake: type[Any]) -> None:
    server = fake()  # any request fails the test
    with pytest.raises(KalshiAuthRequiredError) as info:
        token_client(server).request("GET", "/portfolio/balance", auth=("signature",), cast_to=Any_)
    message = str(info.value)
    assert "requires an API key" in message and "OAuth token is configured, but not" in message
    assert "key_id=" in message and TOKEN not in message
    assert server.requests == []


def test_with_a_key_and_a_token_the_signature_is_preferred(
    fake: type[Any], key_pem: str, verify: object
) -> None:
    server = fake(ok, ok)
    client = SyncAPIClient(
        key_id=KEY_ID, private_key=key_pem, oauth_token=TOKEN, transport=httpx.MockTransport(server)
    )
    client.request("GET", "/portfolio/fills", auth=SIGNED_OR_BEARER, cast_to=Any_)
    client.request("GET", "/portfolio/balance", auth=True, cast_to=Any_)
    for request in server.requests:
        verify(request)  # type: ignore[operator]
        assert "Authorization" not in request.headers


def test_nothing_configured_names_both_ways_in(fake: type[Any]) -> None:
    with pytest.raises(KalshiAuthRequiredError, match="an API key or an OAuth access token"):
        SyncAPIClient(transport=httpx.MockTransport(fake())).request(
            "GET", "/portfolio/fills", auth=SIGNED_OR_BEARER, cast_to=Any_
        )
    with pytest.raises(KalshiAuthRequiredError, match="requires an OAuth access token"):
        SyncAPIClient(transport=httpx.MockTransport(fake())).request(
            "GET", "/x", auth=("bearer",), cast_to=Any_
        )


def test_async_sends_the_bearer_too(fake: type[Any]) -> None:
    server = fake(ok)

    async def main() -> None:
        transport = httpx.MockTransport(server)
        async with AsyncAPIClient(oauth_token=TOKEN, transport=transport) as client:
            await client.request("GET", "/portfolio/positions", auth=SIGNED_OR_BEARER, cast_to=Any_)

    asyncio.run(main())
    assert server.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"


@pytest.mark.parametrize("token", ["", "  ", "a b", "tok\r\nX-Evil: 1", 12])
def test_a_malformed_token_is_refused_without_echoing_it(token: object) -> None:
    with pytest.raises(ValueError, match="oauth_token must be") as info:
        SyncAPIClient(oauth_token=token)  # type: ignore[arg-type]
    if isinstance(token, str) and token.strip():
        assert token not in str(info.value)


def test_the_token_comes_from_the_environment_and_never_shows(
    fake: type[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KALSHI_OAUTH_TOKEN", TOKEN)
    server = fake(ok)
    client = SyncAPIClient.from_env(transport=httpx.MockTransport(server))
    client.request("GET", "/portfolio/fills", auth=SIGNED_OR_BEARER, cast_to=Any_)
    assert server.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in repr(client)
    with pytest.raises(KalshiAuthRequiredError) as info:  # an error never carries it either
        client.request("GET", "/portfolio/balance", auth=("signature",), cast_to=Any_)
    assert TOKEN not in str(info.value) and TOKEN not in repr(info.value)


def test_auth_must_name_known_credentials(fake: type[Any]) -> None:
    with pytest.raises(ValueError, match="auth must be"):
        SyncAPIClient(transport=httpx.MockTransport(fake())).request(
            "GET", "/x", auth=("password",), cast_to=Any_
        )

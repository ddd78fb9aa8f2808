"""A partner's OAuth token: sent on exactly the operations whose spec security accepts it.

Checked against FakeKalshi, which refuses a bearer token where the spec does not accept one
and checks the token it was given.
"""

from __future__ import annotations

import pytest
from kalshi import KalshiClient
from kalshi._operations import OPERATIONS
from kalshi.errors import KalshiAuthError, KalshiAuthRequiredError
from kalshi.testing import FakeKalshi

TOKEN = "partner-user-token"
BEARER_OPERATIONS = sorted(op.operation_id for op in OPERATIONS if "bearer" in op.credentials)


def test_the_spec_accepts_the_token_on_fills_and_positions() -> None:
    # 3.31.0 and later: kalshiOauthAccessToken on current and historical fills and positions
    assert BEARER_OPERATIONS == ["GetFills", "GetFillsHistorical", "GetPositions"]


def test_a_token_only_client_reads_fills_and_positions() -> None:
    fake = FakeKalshi(oauth_token=TOKEN)
    with KalshiClient(oauth_token=TOKEN, transport=fake.transport) as client:
        client.portfolio.fills()
        client.portfolio.positions()
        client.historical.fills()
    sent = [request.headers.get("authorization") for request in fake.requests]
    assert sent == [f"Bearer {TOKEN}"] * 3


def test_a_token_only_client_fails_before_sending_where_a_signature_is_needed() -> None:
    fake = FakeKalshi(oauth_token=TOKEN)
    with KalshiClient(oauth_token=TOKEN, transport=fake.transport) as client:
        with pytest.raises(KalshiAuthRequiredError, match="requires an API key"):
            client.portfolio.balance()
        client.exchange.status()  # public: sent, without the token
    assert [r.operation_id for r in fake.requests] == ["GetExchangeStatus"]
    assert "authorization" not in fake.requests[0].headers


def test_the_fake_refuses_a_wrong_token() -> None:
    fake = FakeKalshi(oauth_token=TOKEN)
    client = KalshiClient(oauth_token="someone-else", transport=fake.transport)
    with client, pytest.raises(KalshiAuthError, match="bearer token is not valid"):
        client.portfolio.fills()

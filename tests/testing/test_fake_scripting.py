"""Scripting FakeKalshi (respond / fail) and the client's fault handling through it:
GET retried on 503 and 429, POST never retried, 404 on delete, malformed JSON, timeouts."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

import httpx
import pytest
from fake_support import TEST_KEY, async_client, sync_client
from kalshi import CreateOrderGroupResponse
from kalshi.errors import (
    KalshiError,
    KalshiNotFoundError,
    KalshiRateLimitError,
    KalshiResponseError,
    KalshiServerError,
    KalshiTimeoutError,
)
from kalshi.testing import FakeKalshi

# order_groups is in every Kalshi release this generator targets; its GET list and its
# POST create stand for idempotent and non-idempotent operations.
LIST, CREATE, DELETE = "GetOrderGroups", "CreateOrderGroup", "DeleteOrderGroup"


def statuses(fake: FakeKalshi, operation_id: str) -> list[int]:
    return [r.status for r in fake.calls(operation_id)]


# ---------------------------------------------------------------------- faults


def test_get_is_retried_on_injected_503_then_succeeds(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(LIST, status=503, times=2)
    with sync_client(fake, max_retries=2) as client:
        groups = client.order_groups.list()
    assert groups is not None
    assert statuses(fake, LIST) == [503, 503, 200]
    assert len(sleeps) == 2


def test_get_is_retried_on_429_after_retry_after(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(LIST, status=429, times=1, retry_after=3)
    with sync_client(fake) as client:
        client.order_groups.list()
    assert statuses(fake, LIST) == [429, 200]
    assert fake.calls(LIST)[0].status == 429
    assert sleeps and sleeps[0] >= 3  # Retry-After is a floor


def test_async_get_is_retried_too(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(LIST, status=503, times=1)
    fake.fail(LIST, status=429, times=1, retry_after=1)

    async def main() -> None:
        async with async_client(fake) as client:
            await client.order_groups.list()

    asyncio.run(main())
    assert statuses(fake, LIST) == [503, 429, 200]
    assert len(sleeps) == 2 and sleeps[1] >= 1


def test_retries_give_up_after_max_retries(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(LIST, status=503, times=None)
    with sync_client(fake, max_retries=3) as client, pytest.raises(KalshiServerError) as caught:
        client.order_groups.list()
    assert statuses(fake, LIST) == [503] * 4
    assert caught.value.status_code == 503
    assert caught.value.service == "fake-kalshi"


def test_post_is_not_retried_on_503(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(CREATE, status=503, times=2)
    with sync_client(fake) as client, pytest.raises(KalshiServerError) as caught:
        client.order_groups.create(contracts_limit=100)
    assert statuses(fake, CREATE) == [503]  # one request: a duplicate order is worse
    assert sleeps == []
    assert caught.value.code == "service_unavailable"
    assert caught.value.method == "POST"


def test_post_is_not_retried_on_429_and_reports_retry_after(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(CREATE, status=429, retry_after=7)
    with sync_client(fake) as client, pytest.raises(KalshiRateLimitError) as caught:
        client.order_groups.create(contracts_limit=100)
    assert caught.value.retry_after == 7
    assert statuses(fake, CREATE) == [429]
    assert sleeps == []


def test_scripted_404_on_delete_raises_not_found() -> None:
    fake = FakeKalshi()
    fake.respond(DELETE, status=404)
    with sync_client(fake) as client, pytest.raises(KalshiNotFoundError) as caught:
        client.order_groups.delete("og_gone")
    assert caught.value.status_code == 404
    assert caught.value.code == "not_found"
    assert caught.value.path == "/portfolio/order_groups/og_gone"


def test_malformed_json_from_the_server_is_a_clear_kalshi_error(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.respond(LIST, body=b"not json")
    with sync_client(fake) as client, pytest.raises(KalshiError) as caught:
        client.order_groups.list()
    assert isinstance(caught.value, KalshiResponseError)
    assert "not valid JSON" in str(caught.value)
    assert "not json" in str(caught.value)  # the start of the body
    assert statuses(fake, LIST) == [200]  # a 2xx is never retried


def test_json_that_breaks_the_model_is_a_clear_kalshi_error() -> None:
    fake = FakeKalshi()
    fake.respond(CREATE, json={"order_group_id": {"nested": True}}, times=2)
    with sync_client(fake) as client:  # lenient: the bad field reads as None, with a warning
        assert client.order_groups.create(contracts_limit=1).order_group_id is None
    strict = sync_client(fake, strict_responses=True)
    with strict as client, pytest.raises(KalshiResponseError) as caught:
        client.order_groups.create(contracts_limit=1)
    assert "CreateOrderGroupResponse.order_group_id: value of the wrong type" in str(caught.value)


def test_injected_timeouts_are_retried_for_get_then_raised(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(LIST, error=httpx.ReadTimeout, times=None)
    with sync_client(fake, max_retries=1) as client, pytest.raises(KalshiTimeoutError):
        client.order_groups.list()
    assert statuses(fake, LIST) == [0, 0]  # 0: no answer, the transport raised


def test_a_connect_error_before_sending_lets_even_a_post_retry(sleeps: list[float]) -> None:
    fake = FakeKalshi()
    fake.fail(CREATE, error=httpx.ConnectError, times=1)
    with sync_client(fake) as client:
        client.order_groups.create(contracts_limit=1)
    assert statuses(fake, CREATE) == [0, 201]


# ---------------------------------------------------------------------- scripting


def test_respond_fixes_the_answer_forever_by_default() -> None:
    fake = FakeKalshi()
    fake.respond(CREATE, update={"order_group_id": "og_42"})
    with sync_client(fake) as client:
        ids = [client.order_groups.create(contracts_limit=1).order_group_id for _ in range(3)]
    assert ids == ["og_42"] * 3
    assert statuses(fake, CREATE) == [201] * 3  # the spec's success status by default


def test_answers_queue_up_and_fall_back_to_the_default() -> None:
    fake = FakeKalshi(stateful=False)  # the default answer is the synthesised one
    fake.respond(CREATE, update={"order_group_id": "og_1"}, times=1)
    fake.fail(CREATE, status=500, times=1)
    fake.respond(CREATE, status=200, update={"order_group_id": "og_2"}, times=1)
    with sync_client(fake) as client:
        first = client.order_groups.create(contracts_limit=1).order_group_id
        with pytest.raises(KalshiServerError):
            client.order_groups.create(contracts_limit=1)
        second = client.order_groups.create(contracts_limit=1).order_group_id
        default = client.order_groups.create(contracts_limit=1).order_group_id
    assert (first, second) == ("og_1", "og_2")
    assert default == fake.default_response(CREATE)["order_group_id"]
    assert statuses(fake, CREATE) == [201, 500, 200, 201]


def test_respond_encodes_models_decimals_and_sends_headers() -> None:
    fake = FakeKalshi()
    model = CreateOrderGroupResponse.model_validate(
        {**fake.default_response(CREATE), "order_group_id": "og_m"}
    )
    fake.respond(CREATE, json=model, headers={"X-Trace": "t1"})
    fake.respond("GetOrderGroup", update={"contracts_limit_fp": Decimal("5.50")})
    with fake.client() as client:
        assert client.order_groups.create(contracts_limit=1).order_group_id == "og_m"
        assert client.order_groups.get("og_m").contracts_limit == Decimal("5.50")
    with httpx.Client(transport=fake.transport) as http:
        response = http.post(
            "https://x/trade-api/v2/portfolio/order_groups/create",
            json={"contracts_limit": 1},
            headers={
                "KALSHI-ACCESS-KEY": "k",
                "KALSHI-ACCESS-TIMESTAMP": "1",
                "KALSHI-ACCESS-SIGNATURE": "s",
            },
        )
    assert response.headers["X-Trace"] == "t1"
    assert json.loads(response.content)["order_group_id"] == "og_m"


def test_update_sets_fields_of_the_default_answer_or_error_body() -> None:
    fake = FakeKalshi()
    fake.respond(DELETE, status=404, update={"message": "order group not found"})
    fake.respond(CREATE, json={"a": 1}, update={"b": 2})
    with fake.client() as client, pytest.raises(KalshiNotFoundError) as caught:
        client.order_groups.delete("og_1")
    assert (caught.value.code, caught.value.message) == ("not_found", "order group not found")
    with fake.client(strict_responses=True) as client, pytest.raises(KalshiResponseError):
        client.order_groups.create(contracts_limit=1)  # {"a": 1, "b": 2} misses order_group_id
    with pytest.raises(ValueError, match="needs a JSON object"):
        fake.respond(DELETE, json=[1], update={"x": 1})


def test_scripting_an_unknown_operation_is_a_value_error() -> None:
    fake = FakeKalshi()
    with pytest.raises(
        ValueError, match=r"unknown operation_id .GetOrderGroupz.; did you mean GetOrderGroup, "
    ):
        fake.respond("GetOrderGroupz", json={})
    with pytest.raises(ValueError, match="unknown operation_id"):
        fake.fail("NoSuchOperation")
    with pytest.raises(ValueError, match="unknown operation_id"):
        fake.calls("NoSuchOperation")


@pytest.mark.parametrize(
    "call",
    [
        lambda f: f.respond(CREATE, status=42),
        lambda f: f.respond(CREATE, times=0),
        lambda f: f.respond(CREATE, json={}, body=b"{}"),
        lambda f: f.respond(CREATE, update={}, body=b"{}"),
        lambda f: f.fail(CREATE, retry_after=-1),
        lambda f: f.respond(CREATE, json={"x": object()}),
    ],
)
def test_bad_scripts_are_refused_when_written(call: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        call(FakeKalshi())  # type: ignore[operator]


def test_scripted_answers_skip_nothing_of_the_request_checks() -> None:
    """A scripted answer replaces the server's answer, not its validation."""
    fake = FakeKalshi()
    fake.respond(CREATE, json={"order_group_id": "og_1"})
    with httpx.Client(transport=fake.transport) as http:
        response = http.post(
            "https://x/trade-api/v2/portfolio/order_groups/create", json={"contracts_limit": 1}
        )
    assert response.status_code == 401


def test_fake_client_helpers_sign_with_a_throwaway_or_the_given_key() -> None:
    fake = FakeKalshi()
    with fake.client() as client:
        client.order_groups.list()
    assert fake.requests[-1].headers["kalshi-access-key"] == "fake-kalshi-key"

    verifying = FakeKalshi(public_key=TEST_KEY)
    with verifying.client(key_id="mine", private_key_path=TEST_KEY) as client:
        client.order_groups.list()
    assert verifying.requests[-1].status == 200

    async def main() -> None:
        async with fake.async_client() as client:
            await client.order_groups.list()

    asyncio.run(main())
    assert len(fake.calls(LIST)) == 2

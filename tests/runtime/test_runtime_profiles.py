"""One runtime, several APIs: each generated client class carries its own ApiProfile (servers,
environment variables, credentials), and clients of different APIs in one process never see
each other's. Klear's token in parts (`bearerFormat: admin_user_id:access_token`): the exact
header, never a secret in a repr, an error or a log record, and no RSA key.

The mechanism is tested on client classes made here; the generated clients (kalshi.KalshiClient,
kalshi.perps.PerpsClient, kalshi.klear.KlearClient) where the tree under test has them.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from kalshi._base_client import ApiProfile, AsyncAPIClient, SyncAPIClient, join_bearer
from kalshi.errors import KalshiAuthRequiredError, KalshiError
from pydantic import BaseModel
from shared_specs import unavailable

ADMIN = "admin-user-4711"
SECRET = "klear-access-token-s3cr3t-0001"  # never in a repr, an error or a log line
HEADER = b"Bearer " + ADMIN.encode() + b":" + SECRET.encode()

ALPHA = ApiProfile(
    (
        ("https://api.alpha.test/v1", "production", ""),
        ("https://demo.alpha.test/v1", "demo", ""),
    ),
    "https://api.alpha.test/v1",
    "https://demo.alpha.test/v1",
    env_prefix="ALPHA",
)
BETA = ApiProfile(
    (
        ("https://api.beta.test/api", "production", ""),
        ("https://demo.beta.test/api", "demo", ""),
    ),
    "https://api.beta.test/api",
    "https://demo.beta.test/api",
    env_prefix="ALPHA_BETA",  # a prefix extending another must not read its variables
    credentials=("bearer",),
    bearer_parts=("admin_user_id", "access_token"),
)


class Alpha(SyncAPIClient):
    _profile = ALPHA


class Beta(SyncAPIClient):
    """What templates/rest/client.py.jinja renders for a token in parts, by hand."""

    _profile = BETA

    def __init__(
        self,
        *,
        admin_user_id: str | None = None,
        access_token: str | None = None,
        **kwargs: Any,
    ) -> None:
        token = join_bearer(BETA, {"admin_user_id": admin_user_id, "access_token": access_token})
        super().__init__(oauth_token=token, **kwargs)


class Empty(BaseModel):
    pass


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, json={})


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith(("KALSHI_", "ALPHA_")):
            monkeypatch.delenv(name)


# --- several APIs in one process ---------------------------------------------------------


def test_each_client_class_has_its_own_servers() -> None:
    assert Alpha().base_url == "https://api.alpha.test/v1"
    assert Alpha(demo=True).base_url == "https://demo.alpha.test/v1"
    assert Beta().base_url == "https://api.beta.test/api"
    assert Beta(demo=True).base_url == "https://demo.beta.test/api"
    assert Alpha(base_url="https://demo.alpha.test/v1/").base_url == "https://demo.alpha.test/v1"
    # each refuses the other's hosts, naming its own servers and its own variable
    with pytest.raises(ValueError, match="not one of the API's servers") as refused:
        Beta(base_url="https://api.alpha.test/v1")
    message = str(refused.value)
    assert "https://api.beta.test" in message and "alpha.test" not in message.split("(")[1]
    assert "ALPHA_BETA_ALLOW_UNKNOWN_HOST=1" in message
    with pytest.raises(ValueError, match=r"ALPHA_ALLOW_UNKNOWN_HOST=1"):
        Alpha(base_url="https://api.beta.test/api")


def test_a_client_reads_only_its_own_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALPHA_BETA_DEMO", "1")
    monkeypatch.setenv("ALPHA_BETA_ALLOW_UNKNOWN_HOST", "1")
    assert Beta.from_env().base_url == "https://demo.beta.test/api"
    assert Alpha.from_env().base_url == "https://api.alpha.test/v1"
    assert Beta(base_url="https://anywhere.test/x").base_url == "https://anywhere.test/x"
    with pytest.raises(ValueError, match="not one of the API's servers"):
        Alpha(base_url="https://anywhere.test/x")

    monkeypatch.setenv("ALPHA_DEMO", "1")
    monkeypatch.setenv("ALPHA_API_BASE_URL", "https://api.alpha.test/v1")
    monkeypatch.delenv("ALPHA_BETA_DEMO")
    assert Alpha.from_env().base_url == "https://demo.alpha.test/v1"  # demo wins over the URL
    assert Beta.from_env().base_url == "https://api.beta.test/api"
    monkeypatch.setenv("ALPHA_BETA_API_BASE_URL", "https://demo.beta.test/api")
    assert Beta.from_env().base_url == "https://demo.beta.test/api"


def test_clients_of_two_apis_send_to_their_own_hosts_side_by_side() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    transport = httpx.MockTransport(record)
    alpha = Alpha(transport=transport, allow_unknown_host=False)
    beta = Beta(admin_user_id=ADMIN, access_token=SECRET, transport=transport)
    beta_demo = Beta(admin_user_id=ADMIN, access_token=SECRET, demo=True, transport=transport)
    for client in (alpha, beta, beta_demo, alpha):
        client.request("GET", "/ping", auth=False, cast_to=Empty)
    assert [str(r.url) for r in seen] == [
        "https://api.alpha.test/v1/ping",
        "https://api.beta.test/api/ping",
        "https://demo.beta.test/api/ping",
        "https://api.alpha.test/v1/ping",
    ]
    # a token goes only where the operation accepts one: a public call carries none
    assert [r.headers.get("Authorization") for r in seen] == [None, None, None, None]


def test_the_base_classes_name_no_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SyncAPIClient, "_profile", None, raising=False)
    monkeypatch.setattr(AsyncAPIClient, "_profile", None, raising=False)
    for base in (SyncAPIClient, AsyncAPIClient):
        with pytest.raises(TypeError, match="names no API"):
            base()
        with pytest.raises(TypeError, match="names no API"):
            base.from_env()


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"env_prefix": "kalshi"}, "upper case"),
        ({"credentials": ("password",)}, "unknown credentials"),
        ({"credentials": ("signature",), "bearer_parts": ("a", "b")}, "without the bearer"),
        ({"production": "https://elsewhere.test"}, "not one of servers"),
    ],
)
def test_a_profile_is_checked_when_made(kwargs: dict[str, Any], problem: str) -> None:
    fields: dict[str, Any] = {
        "servers": (("https://api.alpha.test/v1", "production", ""),),
        "production": "https://api.alpha.test/v1",
        "demo": None,
        "env_prefix": "ALPHA",
        **kwargs,
    }
    with pytest.raises(ValueError, match=problem):
        ApiProfile(**fields)


# --- a bearer token in parts ---------------------------------------------------------------


def test_the_parts_make_one_bearer_header_exactly() -> None:
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = Beta(
        admin_user_id=f" {ADMIN} ", access_token=SECRET, transport=httpx.MockTransport(record)
    )
    client.request("GET", "/margin", auth=("bearer",), cast_to=Empty)
    raw = [(name.lower(), value) for name, value in seen[0].headers.raw]
    assert (b"authorization", HEADER) in raw
    assert not [name for name, _ in raw if name.startswith(b"kalshi-access")]


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        (
            {"admin_user_id": ADMIN},
            r"pass admin_user_id= and access_token= together \(missing: access_token=\)",
        ),
        ({"access_token": SECRET}, r"\(missing: admin_user_id=\)"),
        ({"admin_user_id": "", "access_token": SECRET}, "admin_user_id must be a non-empty string"),
        ({"admin_user_id": "a:b", "access_token": SECRET}, "admin_user_id must not contain ':'"),
        ({"admin_user_id": ADMIN, "access_token": SECRET + "\n"}, None),  # stripped, accepted
        ({"admin_user_id": ADMIN, "access_token": "s3cr3t\x00tail"}, "access_token must be"),
    ],
)
def test_the_parts_are_checked_without_echoing_them(
    kwargs: dict[str, Any], problem: str | None
) -> None:
    if problem is None:
        assert join_bearer(BETA, kwargs) == f"{ADMIN}:{SECRET}"
        return
    with pytest.raises(ValueError, match=problem) as refused:
        Beta(**kwargs)
    assert SECRET not in str(refused.value) and "s3cr3t" not in str(refused.value)


def test_without_the_token_a_call_says_which_keywords_and_variables() -> None:
    client = Beta(transport=httpx.MockTransport(ok))
    with pytest.raises(KalshiAuthRequiredError) as missing:
        client.request("GET", "/margin", auth=("bearer",), cast_to=Empty)
    message = str(missing.value)
    assert "requires a bearer token (<admin_user_id>:<access_token>)" in message
    assert "pass admin_user_id= and access_token= to the client" in message
    assert "ALPHA_BETA_ADMIN_USER_ID and ALPHA_BETA_ACCESS_TOKEN" in message
    assert "oauth_token" not in message and "key_id" not in message


# --- the generated clients ---------------------------------------------------------------


@pytest.fixture
def klear() -> Iterator[Any]:
    try:
        from kalshi.klear import AsyncKlearClient, KlearClient
    except ImportError:
        unavailable("the tree under test has no kalshi.klear (generated with --spec)")
    yield KlearClient, AsyncKlearClient


def test_the_trade_client_keeps_its_keywords() -> None:
    from kalshi import AsyncKalshiClient, KalshiClient

    expected = [
        "key_id",
        "private_key",
        "private_key_path",
        "base_url",
        "demo",
        "timeout",
        "max_retries",
        "transport",
        "strict_responses",
        "oauth_token",
        "allow_unknown_host",
    ]
    for cls in (KalshiClient, AsyncKalshiClient):
        parameters = list(inspect.signature(cls.__init__).parameters)[1:]
        assert parameters == expected
        assert all(
            p.kind is inspect.Parameter.KEYWORD_ONLY
            for p in list(inspect.signature(cls.__init__).parameters.values())[1:]
        )
    assert KalshiClient._profile.env_prefix == "KALSHI"


def test_the_perps_client_takes_the_trade_keywords_and_its_own_variables(
    monkeypatch: pytest.MonkeyPatch, key_pem: str
) -> None:
    try:
        from kalshi.perps import PerpsClient
    except ImportError:
        pytest.skip("the tree under test has no kalshi.perps (generated with --spec)")
    from kalshi import KalshiClient

    assert inspect.signature(PerpsClient.__init__) == inspect.signature(KalshiClient.__init__)
    monkeypatch.setenv("KALSHI_KEY_ID", "trade-key")  # the trade API's: not read by perps
    monkeypatch.setenv("KALSHI_PERPS_DEMO", "1")
    perps = PerpsClient.from_env()
    assert perps.base_url == PerpsClient._profile.demo and not perps.is_authenticated
    monkeypatch.setenv("KALSHI_PERPS_KEY_ID", "perps-key")
    monkeypatch.setenv("KALSHI_PERPS_PRIVATE_KEY", key_pem)
    assert repr(PerpsClient.from_env()).endswith("key_id='perps-key')")
    monkeypatch.setenv("KALSHI_PRIVATE_KEY", key_pem)
    assert repr(KalshiClient.from_env()).endswith("key_id='trade-key')")
    assert KalshiClient.from_env().base_url == KalshiClient._profile.production
    with pytest.raises(ValueError, match="KALSHI_PERPS_PRIVATE_KEY"):
        PerpsClient(key_id="perps-key")


def test_klear_sends_the_admin_token_on_every_request_sync_and_async(klear: Any) -> None:
    sync_cls, async_cls = klear
    seen: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    with sync_cls(
        admin_user_id=ADMIN, access_token=SECRET, transport=httpx.MockTransport(record)
    ) as client:
        client.request("GET", "/margin/settlement_balance", auth=("bearer",), cast_to=Empty)

    async def main() -> None:
        async with async_cls(
            admin_user_id=ADMIN, access_token=SECRET, transport=httpx.MockTransport(record)
        ) as client:
            await client.request(
                "GET", "/margin/settlement_balance", auth=("bearer",), cast_to=Empty
            )

    asyncio.run(main())
    assert len(seen) == 2
    for request in seen:
        assert (
            str(request.url)
            == "https://api.klear.kalshi.com/klear-api/v1/margin/settlement_balance"
        )
        raw = [(name.lower(), value) for name, value in request.headers.raw]
        assert [value for name, value in raw if name == b"authorization"] == [HEADER]
        assert not [name for name, _ in raw if name.startswith(b"kalshi-access")]


def test_klear_has_its_own_host_and_variables(klear: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    sync_cls, _ = klear
    assert sync_cls().base_url == "https://api.klear.kalshi.com/klear-api/v1"
    assert sync_cls(demo=True).base_url == "https://demo-api.kalshi.co/klear-api/v1"
    with pytest.raises(ValueError, match="KALSHI_KLEAR_ALLOW_UNKNOWN_HOST"):
        sync_cls(base_url="https://api.elections.kalshi.com/trade-api/v2")
    monkeypatch.setenv("KALSHI_OAUTH_TOKEN", "trade-token")  # the trade API's: not read
    monkeypatch.setenv("KALSHI_DEMO", "1")
    assert not sync_cls.from_env().is_authenticated
    assert sync_cls.from_env().base_url == "https://api.klear.kalshi.com/klear-api/v1"
    monkeypatch.setenv("KALSHI_KLEAR_ADMIN_USER_ID", ADMIN)
    monkeypatch.setenv("KALSHI_KLEAR_ACCESS_TOKEN", SECRET)
    monkeypatch.setenv("KALSHI_KLEAR_DEMO", "true")
    client = sync_cls.from_env()
    assert client.is_authenticated and client.base_url.startswith("https://demo-api.kalshi.co/")
    assert sync_cls.from_env(access_token="other").is_authenticated


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"key_id": "k", "private_key": "PEM"}, r"takes no API key \(key_id=\)"),
        ({"private_key_path": "/keys/k.pem"}, r"takes no API key \(private_key_path=\)"),
        ({"oauth_token": SECRET}, r"takes no oauth_token="),
        ({"admin_id": ADMIN}, r"unexpected keyword argument 'admin_id'"),
    ],
)
def test_klear_refuses_an_rsa_key_and_other_credentials(
    klear: Any, kwargs: dict[str, Any], problem: str, key_pem: str
) -> None:
    if kwargs.get("private_key") == "PEM":
        kwargs = {**kwargs, "private_key": key_pem}
    for cls in klear:
        with pytest.raises(TypeError, match=problem) as refused:
            cls(**kwargs)
        assert "admin_user_id= and access_token=" in str(refused.value) or "admin_id" in kwargs
        assert SECRET not in str(refused.value) and "BEGIN" not in str(refused.value)


def test_klear_without_a_token_fails_before_sending_naming_keywords_and_variables(
    klear: Any,
) -> None:
    sync_cls, _ = klear

    def never(request: httpx.Request) -> httpx.Response:
        raise AssertionError("sent without credentials")

    client = sync_cls(transport=httpx.MockTransport(never))
    with pytest.raises(KalshiAuthRequiredError) as missing:
        client.margin.settlement_balance()
    message = str(missing.value)
    for expected in (
        "admin_user_id=",
        "access_token=",
        "KALSHI_KLEAR_ADMIN_USER_ID",
        "KALSHI_KLEAR_ACCESS_TOKEN",
    ):
        assert expected in message


def test_klear_secret_never_in_repr_errors_or_debug_logs(
    klear: Any, caplog: pytest.LogCaptureFixture, sleeps: list[float]
) -> None:
    sync_cls, async_cls = klear
    replies = iter(
        [
            httpx.Response(503, json={"code": "unavailable", "message": "later"}),
            httpx.ConnectError("refused"),
            httpx.Response(401, json={"code": "unauthorized", "message": "bad token"}),
            httpx.Response(404, json={"code": "not_found", "message": "no such"}),
            httpx.Response(200, content=b"not json"),
        ]
    )

    def serve(request: httpx.Request) -> httpx.Response:
        reply = next(replies)
        if isinstance(reply, Exception):
            raise reply
        return reply

    caplog.set_level(logging.DEBUG)  # every logger: kalshi, httpx, httpcore
    texts: list[str] = []
    client = sync_cls(
        admin_user_id=ADMIN, access_token=SECRET, transport=httpx.MockTransport(serve)
    )
    texts += [repr(client), str(client), repr(async_cls(admin_user_id=ADMIN, access_token=SECRET))]
    for _ in range(3):
        with pytest.raises(KalshiError) as failed:
            client.request("GET", "/margin/settlement_balance", auth=("bearer",), cast_to=Empty)
        texts += [str(failed.value), repr(failed.value), repr(vars(failed.value))]
        texts += [repr(exc) for exc in (failed.value.__cause__, failed.value.__context__)]
    for bad in (
        {"access_token": SECRET},
        {"admin_user_id": ADMIN, "access_token": SECRET + "\x7f"},
    ):
        with pytest.raises(ValueError) as refused:
            sync_cls(**bad)
        texts.append(str(refused.value))
    texts += [record.getMessage() for record in caplog.records]
    texts += [repr(record.__dict__) for record in caplog.records]
    assert caplog.records, "the retries were not logged"
    leaked = [text for text in texts if SECRET in text]
    assert not leaked

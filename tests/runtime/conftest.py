"""Shared fixtures for the runtime tests, and the `kalshi` package they import.

The runtime is imported as package `kalshi`: the generated copy (generated/kalshi/) when it
exists, else a temporary package built from templates/runtime/ so these tests run without
the generator. Set KALSHI_GENERATED=<dir> to test another generated tree (e.g. one generated
with `--output` from changed templates), as tests/testing does.
"""

from __future__ import annotations

import atexit
import base64
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "templates" / "runtime"
GENERATED = Path(os.environ.get("KALSHI_GENERATED") or ROOT / "generated").resolve()
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PRODUCTION = "https://api.elections.kalshi.com/trade-api/v2"
DEMO = "https://demo-api.kalshi.co/trade-api/v2"


def _install_kalshi() -> str:
    if "kalshi" in sys.modules:
        return str(Path(sys.modules["kalshi"].__file__ or "?").parent)
    if os.environ.get("KALSHI_GENERATED") and not (GENERATED / "kalshi").is_dir():
        raise pytest.UsageError(f"KALSHI_GENERATED={GENERATED} has no kalshi/ package")
    if (GENERATED / "kalshi" / "_base_client.py").is_file():
        sys.path.insert(0, str(GENERATED))
        return str(GENERATED / "kalshi")
    tmp = Path(tempfile.mkdtemp(prefix="kalshi-runtime-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    package = tmp / "kalshi"
    package.mkdir()
    for source in RUNTIME.iterdir():
        if source.suffix == ".py" or source.name == "py.typed":
            shutil.copyfile(source, package / source.name)
    (package / "__init__.py").write_text("")
    # a generated client's servers module (the runtime imports none; the tests' API uses it)
    (package / "_environments.py").write_text(
        "from typing import NamedTuple\n\n"
        "class Server(NamedTuple):\n    url: str\n    environment: str\n    description: str\n\n"
        f"PRODUCTION_BASE_URL = {PRODUCTION!r}\nDEMO_BASE_URL = {DEMO!r}\n"
        "SERVERS = (Server(PRODUCTION_BASE_URL, 'production', ''), Server(DEMO_BASE_URL, 'demo', ''))\n"
    )
    sys.path.insert(0, str(tmp))
    return f"{package} (copied from {RUNTIME})"


KALSHI_UNDER_TEST = _install_kalshi()

import httpx
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from kalshi import _base_client, _environments

KEY_ID = "test-key-id-0001"
KEY_PATH = FIXTURES / "test_key.pem"


def pytest_report_header() -> str:
    return f"kalshi runtime under test: {KALSHI_UNDER_TEST}"


class FakeServer:
    """An httpx.MockTransport handler answering from a queue; records every request.

    Queue items: an httpx.Response, an exception to raise, or a callable(request) -> Response.
    """

    def __init__(self, *replies: Any) -> None:
        self.replies = list(replies)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if not self.replies:
            raise AssertionError(f"unexpected request {request.method} {request.url}")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        if callable(reply) and not isinstance(reply, httpx.Response):
            return reply(request)  # type: ignore[no-any-return]
        return reply  # type: ignore[no-any-return]


# The API the runtime tests call through SyncAPIClient / AsyncAPIClient themselves: the
# trade API's servers and KALSHI_* variables, as kalshi.KalshiClient declares them.
TRADE_PROFILE = _base_client.ApiProfile(
    _environments.SERVERS,
    _environments.PRODUCTION_BASE_URL,
    _environments.DEMO_BASE_URL,
    env_prefix="KALSHI",
)


@pytest.fixture(autouse=True)
def trade_api(monkeypatch: pytest.MonkeyPatch) -> _base_client.ApiProfile:
    """The runtime's base clients name no API (a generated client class sets `_profile`);
    these tests give them the trade API's."""
    monkeypatch.setattr(_base_client._BaseAPIClient, "_profile", TRADE_PROFILE)
    return TRADE_PROFILE


@pytest.fixture
def fake() -> type[FakeServer]:
    """`fake(*replies)` makes a FakeServer; `fake()` fails on any request."""
    return FakeServer


@pytest.fixture
def key_id() -> str:
    return KEY_ID


@pytest.fixture
def key_pem() -> str:
    return KEY_PATH.read_text()


@pytest.fixture
def public_key() -> rsa.RSAPublicKey:
    key = serialization.load_pem_private_key(KEY_PATH.read_bytes(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key.public_key()


@pytest.fixture
def verify(public_key: rsa.RSAPublicKey) -> Callable[[httpx.Request], str]:
    """Checks a request's KALSHI-ACCESS-* headers; returns the message that was signed."""

    def check(request: httpx.Request) -> str:
        assert request.headers["KALSHI-ACCESS-KEY"] == KEY_ID
        timestamp = request.headers["KALSHI-ACCESS-TIMESTAMP"]
        message = f"{timestamp}{request.method}{request.url.raw_path.decode().split('?')[0]}"
        public_key.verify(
            base64.b64decode(request.headers["KALSHI-ACCESS-SIGNATURE"]),
            message.encode(),
            padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
            hashes.SHA256(),
        )
        return message

    return check


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Replaces the clients' sleeps with recorders, so retry tests never wait."""
    recorded: list[float] = []

    def sync_sleep(self: object, seconds: float) -> None:
        recorded.append(seconds)

    async def async_sleep(self: object, seconds: float) -> None:
        recorded.append(seconds)

    monkeypatch.setattr(_base_client.SyncAPIClient, "_sleep", sync_sleep)
    monkeypatch.setattr(_base_client.AsyncAPIClient, "_sleep", async_sleep)
    return recorded


@pytest.fixture
def sync_client(key_pem: str) -> Iterator[Callable[..., _base_client.SyncAPIClient]]:
    """Factory: a SyncAPIClient on a FakeServer, keyed unless key=False."""
    made: list[_base_client.SyncAPIClient] = []

    def make(server: Any, *, key: bool = True, **kwargs: Any) -> _base_client.SyncAPIClient:
        if key:
            kwargs.setdefault("key_id", KEY_ID)
            kwargs.setdefault("private_key", key_pem)
        client = _base_client.SyncAPIClient(transport=httpx.MockTransport(server), **kwargs)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def async_client(key_pem: str) -> Callable[..., _base_client.AsyncAPIClient]:
    """Factory: an AsyncAPIClient on a FakeServer, keyed unless key=False."""

    def make(server: Any, *, key: bool = True, **kwargs: Any) -> _base_client.AsyncAPIClient:
        if key:
            kwargs.setdefault("key_id", KEY_ID)
            kwargs.setdefault("private_key", key_pem)
        return _base_client.AsyncAPIClient(transport=httpx.MockTransport(server), **kwargs)

    return make

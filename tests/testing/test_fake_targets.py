"""Every REST target's fake (targets.yaml: FakeKalshi, kalshi.perps.testing.FakePerps,
kalshi.klear.testing.FakeKlear) is FakeKalshi bound to its own package's contract and
clients; each API's auth as the fake checks it (RSA-PSS signatures, the OAuth bearer where the
spec allows it, Klear's `Authorization: Bearer <admin_user_id>:<access_token>`); recordings of
any API hold no credential. Every operation of every target is called in test_contract.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fake_support import ALL_APIS, APIS, DUMMY_AUTH, TEST_KEY, Api, arguments, method
from kalshi.errors import KalshiAuthError
from kalshi.testing import FakeKalshi, RecordingTransport

from generator.targets import project_targets

BY_NAME = {str(api): api for api in APIS}
TREE = Path(sys.modules["kalshi"].__file__ or "").parent.parent  # the generated tree under test


def api_named(name: str) -> Api:
    api = BY_NAME.get(name)
    if api is None:
        pytest.fail(f"the generated tree {TREE} has no {name} package")
    return api


def raw(fake: FakeKalshi, api: Api) -> httpx.Client:
    return httpx.Client(
        transport=fake.transport, base_url=f"https://fake.kalshi.test{api.contract.BASE_PATH}"
    )


def op_taking(api: Api, credentials: tuple[str, ...]) -> Any:
    """A GET operation without path or required query parameters, whose credentials are
    `credentials`."""
    for op in api.operations:
        contract = api.contract.OPERATIONS
        entry = next(c for c in contract if c["operation_id"] == op.operation_id)
        required = [p for p in entry["parameters"] if p["required"]]
        if op.http_method == "GET" and not required and op.credentials == credentials:
            return op
    pytest.fail(f"{api}: no GET operation without required parameters taking {credentials}")


def call(fake: FakeKalshi, client: Any, op: Any) -> object:
    """The operation's generated method, called with valid arguments."""
    func = method(client, op, op.method)
    args, kwargs = arguments(fake, op, func)
    return func(*args, **kwargs)


def error_body(fake: FakeKalshi, response: httpx.Response, status: int) -> dict[str, Any]:
    """The Kalshi-style error body; valid against the API's own error schema when it has one."""
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    schemas = type(fake)._contract().SCHEMAS
    for name in ("Error", "ErrorResponse"):  # klear's, perps'
        if name in schemas:
            assert fake.problems(body, {"$ref": f"#/components/schemas/{name}"}) == []
    return body


# ---------------------------------------------------------------------- the packages


@pytest.mark.skipif(
    bool(os.environ.get("KALSHI_GENERATED")),
    reason="a tree generated with --spec holds the root package alone",
)
def test_the_committed_tree_has_every_rest_target() -> None:
    missing = [api.package for api in ALL_APIS if not api.present]
    assert missing == [], f"generated/ lacks {missing}: run kalshi-codegen generate"


@pytest.mark.parametrize("api", APIS, ids=str)
def test_each_fake_is_fakekalshi_bound_to_its_package(api: Api) -> None:
    fake_class = api.fake_class
    assert fake_class.__name__ == api.target.fake
    testing = api.module("testing")
    assert {"SPEC_VERSION", api.target.fake} <= set(testing.__all__)
    assert testing.SPEC_VERSION == api.contract.SPEC_VERSION
    fake = fake_class()
    assert repr(fake).startswith(f"{api.target.fake}({len(api.operations)} operations")
    assert sorted(fake.operations) == sorted(op.operation_id for op in api.operations)
    sync_class, async_class = api.client_classes
    with fake.client() as client:
        assert type(client) is sync_class
        # the client's default server is the one the fake serves
        assert urlsplit(client.base_url).path == api.contract.BASE_PATH
    assert type(fake.async_client()) is async_class


def test_fakekalshi_itself_serves_the_root_package() -> None:
    from kalshi import KalshiClient
    from kalshi.testing import _contract

    assert FakeKalshi.contract is None and FakeKalshi.clients is None  # the root's, lazily
    fake = FakeKalshi()
    assert len(fake.operations) == len(_contract.OPERATIONS)
    assert type(fake.client()) is KalshiClient


@pytest.mark.parametrize("api", [a for a in APIS if not a.target.is_root], ids=str)
def test_a_subpackage_fake_loads_on_its_own_without_websockets(api: Api) -> None:
    """`import kalshi.perps.testing` loads neither websockets nor another API's package; its
    WebSocket fake (a WS target streaming for it, targets.yaml) is exported lazily."""
    streams = [
        t for t in project_targets().values() if t.kind == "asyncapi" and t.rest == api.target.name
    ]
    others = [a.package for a in ALL_APIS if a.package not in ("kalshi", api.package)]
    code = [
        "import sys",
        f"import {api.package}.testing as t",
        "assert 'websockets' not in sys.modules, 'websockets imported eagerly'",
        f"assert not {others!r} or not any(m in sys.modules for m in {others!r})",
    ]
    for ws in streams:
        code += [
            f"assert {ws.fake!r} in t.__all__",
            f"assert t.{ws.fake}.__name__ == {ws.fake!r}",
            "assert 'websockets' in sys.modules",
        ]
    env = {**os.environ, "PYTHONPATH": str(TREE)}
    done = subprocess.run(
        [sys.executable, "-c", "\n".join(code)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_the_fakes_route_only_their_own_base_path() -> None:
    klear = api_named("klear")
    fake = klear.fake_class()
    response = httpx.Client(transport=fake.transport).get(
        "https://fake.kalshi.test/trade-api/v2/portfolio/balance"
    )
    assert "is not under /klear-api/v1" in error_body(fake, response, 404)["message"]


# ---------------------------------------------------------------------- auth: perps


def test_perps_verifies_signatures_and_takes_the_oauth_bearer_where_the_spec_allows() -> None:
    perps = api_named("perps")
    fake = perps.fake_class(public_key=TEST_KEY)
    signed = op_taking(perps, ("signature",))
    bearer_ops = [op for op in perps.operations if "bearer" in op.credentials]
    assert len(bearer_ops) == 2  # GUIDE.md section 10: margin fills and margin positions
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with (
        fake.client(key_id="key-1", private_key=other_key) as client,
        pytest.raises(KalshiAuthError, match="does not verify"),
    ):
        call(fake, client, signed)
    with perps.sync_client(fake) as client:
        call(fake, client, signed)
    assert [r.status for r in fake.requests] == [401, 200]

    with raw(fake, perps) as http:
        assert http.get(signed.path, headers={"Authorization": "Bearer tok"}).status_code == 401
        for op in bearer_ops:
            entry = fake.operations[op.operation_id]
            query = {
                p["name"]: str(fake.example(p["schema"]))
                for p in entry["parameters"]
                if p["required"] and p["in"] == "query"
            }
            answer = http.get(op.path, params=query, headers={"Authorization": "Bearer tok"})
            assert answer.status_code == 200, answer.text


# ---------------------------------------------------------------------- auth: klear


def test_every_klear_operation_takes_the_admin_token() -> None:
    klear = api_named("klear")
    assert {op.credentials for op in klear.operations} == {("bearer",)}


def test_klear_needs_a_bearer_of_admin_user_id_and_access_token() -> None:
    klear = api_named("klear")
    fake = klear.fake_class(public_key=TEST_KEY)
    op = next(op for op in klear.operations if op.http_method == "GET" and "{" not in op.path)
    entry = fake.operations[op.operation_id]
    query = {
        p["name"]: str(fake.example(p["schema"]))
        for p in entry["parameters"]
        if p["required"] and p["in"] == "query"
    }
    with raw(fake, klear) as http:
        missing = error_body(fake, http.get(op.path, params=query), 401)
        assert "Authorization: Bearer <admin_user_id>:<access_token>" in missing["message"]
        signed_only = http.get(op.path, params=query, headers=DUMMY_AUTH)
        assert error_body(fake, signed_only, 401)["code"] == "unauthorized"
        for token in ("one-part", "admin-1:", ":secret", " : "):
            refused = http.get(op.path, params=query, headers={"Authorization": f"Bearer {token}"})
            error_body(fake, refused, 401)
        good = http.get(op.path, params=query, headers={"Authorization": "Bearer admin-1:s3cr3t"})
        assert good.status_code == 200, good.text

    fake.clear()
    with fake.client() as client:  # the fake fills in an admin token of its own
        call(fake, client, op)
    assert fake.requests[0].status == 200
    sent = fake.requests[0].headers["authorization"]
    assert sent.startswith("Bearer ") and all(sent[len("Bearer ") :].split(":"))


def test_recordings_of_a_klear_exchange_hold_no_credential(tmp_path: Path) -> None:
    klear = api_named("klear")
    fake = klear.fake_class()
    admin, secret = "admin-77810", "klear-access-token-s3cr3t"
    op = next(op for op in klear.operations if op.http_method == "GET" and "{" not in op.path)
    entry = fake.operations[op.operation_id]
    query = {
        p["name"]: str(fake.example(p["schema"]))
        for p in entry["parameters"]
        if p["required"] and p["in"] == "query"
    }
    # a server echoing the caller's id and token: both become pseudonyms
    fake.respond(op.operation_id, body=json.dumps({"user": admin, "note": f"token {secret}"}))
    recorder = RecordingTransport(tmp_path, fake.transport)
    base_url = f"https://fake.kalshi.test{klear.contract.BASE_PATH}"
    with httpx.Client(transport=recorder, base_url=base_url) as http:
        answer = http.get(
            op.path, params=query, headers={"Authorization": f"Bearer {admin}:{secret}"}
        )
    assert answer.status_code == 200
    [written] = recorder.recordings
    text = written.read_text(encoding="utf-8")
    for needle in (admin, secret, "Authorization", "authorization", "Bearer"):
        assert needle not in text, needle

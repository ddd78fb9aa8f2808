"""FakeKalshi refuses a request that breaks the spec, with a Kalshi-style error body whose
message names what was wrong; routing, auth headers and signatures; what it records."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from fake_support import DUMMY_AUTH, TEST_KEY, raw_client, sync_client
from kalshi import KalshiClient
from kalshi._auth import RequestSigner, load_private_key_file
from kalshi.errors import KalshiAuthError, KalshiNotFoundError, KalshiValidationError
from kalshi.testing import FakeKalshi
from kalshi.testing._contract import BASE_PATH, SCHEMAS


def error_of(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"code", "message", "details", "service"}
    assert body["service"] == "fake-kalshi"
    return body


def find_query_param(fake: FakeKalshi, predicate: Any) -> tuple[Mapping[str, Any], str]:
    """An operation (public if possible) with a query parameter matching `predicate`."""
    found = [
        (op, p["name"])
        for op in fake.operations.values()
        for p in op["parameters"]
        if p["in"] == "query" and predicate(p)
    ]
    assert found, "the spec has no such query parameter"
    found.sort(key=lambda pair: (pair[0]["auth"], "{" in pair[0]["path"], pair[0]["operation_id"]))
    return found[0]


def path_of(fake: FakeKalshi, op: Mapping[str, Any]) -> str:
    path = str(op["path"])
    for p in op["parameters"]:
        if p["in"] == "path":
            path = path.replace("{" + p["name"] + "}", str(fake.example(p["schema"])))
    return path


def valid_query(fake: FakeKalshi, op: Mapping[str, Any]) -> dict[str, Any]:
    """The required query parameters with example values, as httpx params."""
    query: dict[str, Any] = {}
    for p in op["parameters"]:
        if p["in"] == "query" and p["required"]:
            value = fake.example(p["schema"])
            query[p["name"]] = (
                [_text(v) for v in value] if isinstance(value, list) else _text(value)
            )
    return query


def _text(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


# ---------------------------------------------------------------------- query parameters


def test_unknown_query_parameter_is_refused_and_named() -> None:
    fake = FakeKalshi()
    with raw_client(fake) as http:
        response = http.get("/portfolio/order_groups", params={"bogus": "1"}, headers=DUMMY_AUTH)
    assert response.status_code == 400
    body = error_of(response)
    assert body["code"] == "invalid_parameter"
    assert "unknown query parameter 'bogus'" in body["message"]
    assert "subaccount" in body["message"]  # what it does take


def test_missing_required_query_parameter_is_refused_and_named() -> None:
    fake = FakeKalshi()
    op, name = find_query_param(fake, lambda p: p["required"])
    query = valid_query(fake, op)
    del query[name]
    headers = DUMMY_AUTH if op["auth"] else {}
    with raw_client(fake) as http:
        response = http.get(path_of(fake, op), params=query, headers=headers)
    assert response.status_code == 400, response.text
    body = error_of(response)
    assert body["code"] == "invalid_parameter"
    assert f"missing required query parameter {name!r}" in body["message"]


@pytest.mark.parametrize(
    ("kind", "bad"),
    [("integer", "ten"), ("integer", "1.5"), ("integer", ""), ("boolean", "yes"), ("boolean", "1")],
)
def test_query_parameter_of_the_wrong_type_is_refused_and_named(kind: str, bad: str) -> None:
    fake = FakeKalshi()
    if not any(
        p["in"] == "query" and p["schema"].get("type") == kind
        for op in fake.operations.values()
        for p in op["parameters"]
    ):
        pytest.skip(f"the spec has no {kind} query parameter")
    op, name = find_query_param(fake, lambda p: p["schema"].get("type") == kind)
    query = {**valid_query(fake, op), name: bad}
    with raw_client(fake) as http:
        response = http.get(path_of(fake, op), params=query, headers=DUMMY_AUTH)
    assert response.status_code == 400, response.text
    message = error_of(response)["message"]
    assert f"query parameter {name!r}" in message
    assert f"expected {kind}" in message and repr(bad) in message


def test_query_enum_and_range_are_checked() -> None:
    fake = FakeKalshi()
    op, name = find_query_param(
        fake, lambda p: "enum" in p["schema"] and p["schema"].get("type") == "string"
    )
    with raw_client(fake) as http:
        query = {**valid_query(fake, op), name: "no-such-value"}
        response = http.get(path_of(fake, op), params=query, headers=DUMMY_AUTH)
    assert response.status_code == 400
    assert f"query parameter {name!r}: must be one of" in error_of(response)["message"]


def test_wrong_query_values_through_the_generated_client_raise_validation_errors() -> None:
    fake = FakeKalshi()
    with sync_client(fake) as client:
        # a parameter the spec constrains (limit <= 1000) is refused by the client before
        # sending (tests/test_request_constraints.py); an unconstrained one reaches the fake
        with pytest.raises(KalshiValidationError) as caught:
            client.markets.list(min_close_ts="soon")  # type: ignore[arg-type]
        assert caught.value.status_code == 400
        assert caught.value.code == "invalid_parameter"
        assert "'min_close_ts'" in str(caught.value) and "expected integer" in str(caught.value)


def test_array_query_parameters_are_repeated_keys() -> None:
    fake = FakeKalshi()
    op, name = find_query_param(fake, lambda p: p["schema"].get("type") == "array")
    query = {**valid_query(fake, op), name: ["A", "B"]}
    headers = DUMMY_AUTH if op["auth"] else {}
    with raw_client(fake) as http:
        response = http.get(path_of(fake, op), params=query, headers=headers)
    assert response.status_code == op["success_status"], response.text
    assert fake.requests[-1].query[name] == ["A", "B"]


def test_a_scalar_query_parameter_given_twice_is_refused() -> None:
    fake = FakeKalshi()
    with raw_client(fake) as http:
        response = http.get(
            "/portfolio/order_groups",
            params=[("subaccount", "1"), ("subaccount", "2")],
            headers=DUMMY_AUTH,
        )
    assert response.status_code == 400
    assert "'subaccount' is given 2 times" in error_of(response)["message"]


# ---------------------------------------------------------------------- bodies


def post(
    fake: FakeKalshi, path: str, headers: Mapping[str, str] | None = None, **kwargs: Any
) -> httpx.Response:
    with raw_client(fake) as http:
        return http.post(path, headers={**DUMMY_AUTH, **(headers or {})}, **kwargs)


def test_body_with_an_unknown_field_is_refused_and_named() -> None:
    response = post(
        FakeKalshi(), "/portfolio/order_groups/create", json={"contracts_limit": 5, "bogus": 1}
    )
    assert response.status_code == 400
    body = error_of(response)
    assert body["code"] == "invalid_body"
    assert body["message"] == "invalid request body: body.bogus: unknown field"


def test_body_with_a_field_of_the_wrong_type_is_refused_and_named() -> None:
    response = post(FakeKalshi(), "/portfolio/order_groups/create", json={"contracts_limit": "ten"})
    assert response.status_code == 400
    assert (
        "body.contracts_limit: expected integer, got string 'ten'" in error_of(response)["message"]
    )


def test_body_missing_a_required_field_is_refused_and_named() -> None:
    fake = FakeKalshi()
    for op in sorted(fake.operations.values(), key=lambda o: str(o["operation_id"])):
        schema = op["request_schema"]
        name = str(schema.get("$ref", "")).rsplit("/", 1)[-1] if schema else ""
        required = SCHEMAS.get(name, {}).get("required") if name else None
        if op["method"] == "POST" and required:
            break
    else:
        pytest.skip("no POST body with required fields")
    body = fake.example(schema)
    del body[required[0]]
    with raw_client(fake) as http:
        response = http.post(
            path_of(fake, op), json=body, headers=DUMMY_AUTH, params=valid_query(fake, op)
        )
    assert response.status_code == 400, response.text
    assert f"body.{required[0]}: required field is missing" in error_of(response)["message"]


def test_nested_body_problems_name_the_field_path_and_list_every_problem() -> None:
    fake = FakeKalshi()
    for op in sorted(fake.operations.values(), key=lambda o: str(o["operation_id"])):
        body = fake.example(op["request_schema"]) if op["request_schema"] else None
        nested = [
            k
            for k, v in (body or {}).items()
            if isinstance(v, list)
            and v
            and isinstance(v[0], dict)
            and any(isinstance(x, str) for x in v[0].values())
        ]
        if nested:
            break
    else:
        pytest.skip("no request body with a list of objects")
    key = nested[0]
    item = body[key][0]
    text_field = next(k for k, v in item.items() if isinstance(v, str))
    item[text_field] = 12345
    item["bogus_field"] = True
    with raw_client(fake) as http:
        response = http.request(
            str(op["method"]),
            path_of(fake, op),
            json=body,
            headers=DUMMY_AUTH,
            params=valid_query(fake, op),
        )
    assert response.status_code == 400, response.text
    error = error_of(response)
    assert error["message"].startswith(f"invalid request body: body.{key}[0].")
    assert f"body.{key}[0].{text_field}: expected string, got integer 12345" in error["details"]
    assert f"body.{key}[0].bogus_field: unknown field" in error["details"]


def test_a_required_body_that_is_missing_or_not_json_is_refused() -> None:
    fake = FakeKalshi()
    op = next(
        o for o in fake.operations.values() if o["request_body_required"] and o["method"] == "POST"
    )
    path = path_of(fake, op)
    assert "requires a JSON request body" in error_of(post(fake, path))["message"]
    response = post(fake, path, content=b"{not json", headers={"Content-Type": "application/json"})
    assert "not valid JSON" in error_of(response)["message"]


def test_a_body_on_an_operation_without_one_is_refused() -> None:
    fake = FakeKalshi()
    with raw_client(fake) as http:
        response = http.request("GET", "/portfolio/order_groups", json={"x": 1}, headers=DUMMY_AUTH)
    assert response.status_code == 400
    assert "takes no request body" in error_of(response)["message"]


def test_override_fields_are_accepted_where_the_client_sends_them() -> None:
    """exchange_index is reserved by overrides.yaml on create/delete: the fake takes it."""
    fake = FakeKalshi()
    with sync_client(fake) as client:
        client.order_groups.create(contracts_limit=100, exchange_index=0)
        client.order_groups.delete("og_1", exchange_index=0)
    assert [r.status for r in fake.requests] == [201, 200]
    assert fake.requests[0].json == {"contracts_limit": 100, "exchange_index": 0}
    assert fake.requests[1].query == {"exchange_index": "0"}


# ---------------------------------------------------------------------- routing


def test_unknown_routes_get_a_kalshi_style_404() -> None:
    fake = FakeKalshi()
    with raw_client(fake) as http:
        missing = http.get("/no/such/thing")
        wrong_method = http.patch("/portfolio/order_groups", headers=DUMMY_AUTH)
        outside = http.get("https://fake.kalshi.test/other/v1/markets")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    assert "no operation matches GET /no/such/thing" in error_of(missing)["message"]
    assert (
        "PATCH is not an operation on /portfolio/order_groups (it takes GET)"
        in error_of(wrong_method)["message"]
    )
    assert f"not under {BASE_PATH}" in error_of(outside)["message"]
    assert [r.operation_id for r in fake.requests] == [None, None, None]


def test_every_operation_is_routed_by_its_own_template() -> None:
    fake = FakeKalshi()
    with raw_client(fake) as http:
        for op in fake.operations.values():
            http.request(str(op["method"]), path_of(fake, op))
            assert fake.requests[-1].operation_id == op["operation_id"], op["path"]


def test_path_parameters_are_one_percent_encoded_segment() -> None:
    fake = FakeKalshi(stateful=False)  # stateful, the ids would be unknown: 404
    with sync_client(fake) as client:
        client.order_groups.get("../orders")
        client.order_groups.get("a/b c")
    first, second = fake.requests
    assert (first.operation_id, first.path_params) == (
        "GetOrderGroup",
        {"order_group_id": "../orders"},
    )
    assert first.path == "/portfolio/order_groups/..%2Forders"
    assert second.path_params == {"order_group_id": "a/b c"}


def test_literal_segments_win_over_parameters() -> None:
    fake = FakeKalshi()
    with raw_client(fake) as http:
        http.get("/markets/trades")
        http.get("/markets/KXTRADES")
    assert [r.operation_id for r in fake.requests] == ["GetTrades", "GetMarket"]
    assert fake.requests[1].path_params == {"ticker": "KXTRADES"}


# ---------------------------------------------------------------------- auth


def test_operations_with_auth_need_the_three_headers() -> None:
    fake = FakeKalshi()
    with raw_client(fake) as http:
        response = http.get("/portfolio/order_groups")
        partial = http.get(
            "/portfolio/order_groups",
            headers={k: v for k, v in DUMMY_AUTH.items() if k != "KALSHI-ACCESS-SIGNATURE"},
        )
        public = fake.operations["GetExchangeStatus"]
        unsigned_public = http.get(str(public["path"]))
    assert response.status_code == 401
    assert error_of(response)["code"] == "unauthorized"
    assert "KALSHI-ACCESS-KEY header is missing" in error_of(response)["message"]
    assert "KALSHI-ACCESS-SIGNATURE header is missing" in error_of(partial)["message"]
    assert unsigned_public.status_code == 200


def test_valid_signatures_pass_with_public_key() -> None:
    public_pem = (
        load_private_key_file(TEST_KEY)
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    for key in (TEST_KEY, public_pem, public_pem.decode(), load_private_key_file(TEST_KEY)):
        fake = FakeKalshi(public_key=key)
        with sync_client(fake) as client:
            assert client.order_groups.list() is not None
        assert fake.requests[-1].status == 200


def test_signature_by_another_key_gets_401_and_the_client_raises_kalshi_auth_error() -> None:
    fake = FakeKalshi(public_key=TEST_KEY)
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    client = KalshiClient(key_id="key-1", private_key=pem, transport=fake.transport)
    with client, pytest.raises(KalshiAuthError) as caught:
        client.order_groups.list()
    assert caught.value.status_code == 401
    assert caught.value.code == "unauthorized"
    assert "does not verify" in str(caught.value)
    assert len(fake.requests) == 1  # a 401 is not retried


@pytest.mark.parametrize("tamper", ["path", "timestamp", "method", "garbage"])
def test_tampered_signatures_get_401(tamper: str) -> None:
    fake = FakeKalshi(public_key=TEST_KEY)
    signer = RequestSigner("key-1", load_private_key_file(TEST_KEY))
    path = f"{BASE_PATH}/portfolio/order_groups"
    headers = signer.headers("GET", path, 1_700_000_000_000)
    if tamper == "path":
        headers = signer.headers("GET", f"{BASE_PATH}/portfolio/balance", 1_700_000_000_000)
    elif tamper == "timestamp":
        headers["KALSHI-ACCESS-TIMESTAMP"] = "1700000000001"
    elif tamper == "method":
        headers = signer.headers("POST", path, 1_700_000_000_000)
    else:
        headers["KALSHI-ACCESS-SIGNATURE"] = "not base64!"
    with raw_client(fake) as http:
        assert http.get("/portfolio/order_groups", headers=headers).status_code == 401
        untampered = signer.headers("GET", path, 1_700_000_000_000)
        assert http.get("/portfolio/order_groups", headers=untampered).status_code == 200


def test_the_signature_covers_the_path_without_the_query() -> None:
    fake = FakeKalshi(public_key=TEST_KEY)
    with sync_client(fake) as client:
        client.order_groups.list(subaccount=3)
    assert fake.requests[-1].status == 200
    assert fake.requests[-1].query == {"subaccount": "3"}


def test_bad_public_keys_are_refused_at_construction() -> None:
    with pytest.raises(ValueError, match="not PEM"):
        FakeKalshi(public_key="kalshi.pem")
    with pytest.raises(TypeError):
        FakeKalshi(public_key=12345)  # type: ignore[arg-type]


# ---------------------------------------------------------------------- recording


def test_requests_are_recorded_with_what_was_sent() -> None:
    fake = FakeKalshi()
    with sync_client(fake) as client:
        client.order_groups.create(contracts_limit=7, subaccount=2)
        fake.respond("GetOrderGroup", status=404)
        with pytest.raises(KalshiNotFoundError):
            client.order_groups.get("og_1")
    create, get = fake.requests
    assert (create.operation_id, create.method, create.path) == (
        "CreateOrderGroup",
        "POST",
        "/portfolio/order_groups/create",
    )
    assert create.json == {"contracts_limit": 7, "subaccount": 2}
    assert create.query == {}
    assert create.headers["kalshi-access-key"] == "key-1"
    assert create.status == 201
    assert (get.operation_id, get.path_params, get.status) == (
        "GetOrderGroup",
        {"order_group_id": "og_1"},
        404,
    )
    assert fake.calls("GetOrderGroup") == [get]
    fake.clear()
    assert fake.requests == []

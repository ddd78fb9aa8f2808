"""The spec's `servers` -> environments, and `security` -> the credentials of each operation."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from generator import ir
from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides

SCHEMES = {
    "key": {"type": "apiKey", "in": "header", "name": "KALSHI-ACCESS-KEY"},
    "signature": {"type": "apiKey", "in": "header", "name": "KALSHI-ACCESS-SIGNATURE"},
    "timestamp": {"type": "apiKey", "in": "header", "name": "KALSHI-ACCESS-TIMESTAMP"},
    "oauth": {"type": "http", "scheme": "bearer"},
    "partnerKey": {"type": "apiKey", "in": "header", "name": "X-Partner-Key"},
}
SIGNED = {"key": [], "signature": [], "timestamp": []}
DOC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "servers": [
        {"url": "https://api.example.test/v2", "description": "Production"},
        {"url": "https://shared.example.test/v2/", "description": "Shared, also supported"},
        {"url": "https://api.demo.example.test/v2", "description": "Sandbox"},
        {"url": "https://other.example.test/v2", "description": "Demo shared server"},
    ],
    "security": [SIGNED],
    "paths": {
        "/fills": {
            "get": {
                "operationId": "GetFills",
                "security": [SIGNED, {"oauth": []}],
                "responses": {"204": {"description": "ok"}},
            }
        },
        "/balance": {
            "get": {"operationId": "GetBalance", "responses": {"204": {"description": "ok"}}}
        },
        "/status": {
            "get": {
                "operationId": "GetStatus",
                "security": [],
                "responses": {"204": {"description": "ok"}},
            }
        },
    },
    "components": {"securitySchemes": SCHEMES},
}


def build(doc: dict[str, Any] = DOC, overrides: dict[str, Any] | None = None) -> ir.ClientIR:
    return build_ir(doc, Overrides.model_validate(overrides or {}), source="spec.yaml")


def security(client: ir.ClientIR) -> dict[str, tuple[str, ...]]:
    return {op.operation_id: op.security for op in client.operations}


def test_servers_become_environments_with_the_first_of_each_as_default() -> None:
    client = build()
    assert [(s.url, s.environment) for s in client.servers] == [
        ("https://api.example.test/v2", "production"),
        ("https://shared.example.test/v2", "production"),
        ("https://api.demo.example.test/v2", "demo"),  # the host says demo
        ("https://other.example.test/v2", "demo"),  # the description says demo
    ]
    assert client.default_servers == {
        "production": "https://api.example.test/v2",
        "demo": "https://api.demo.example.test/v2",
    }


def test_an_override_picks_another_default_with_its_reason() -> None:
    client = build(
        overrides={
            "environments": {
                "production": "https://shared.example.test/v2",
                "reason": "where traffic goes today",
            }
        }
    )
    assert client.default_servers["production"] == "https://shared.example.test/v2"
    assert [a.entry for a in client.override_report] == ["environments.production"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://typo.example.test/v2", "is not one of the spec's servers"),
        ("https://api.example.test/v2", "redundant"),
    ],
)
def test_an_environment_override_that_does_nothing_is_stale(url: str, message: str) -> None:
    with pytest.raises(GeneratorError, match=message):
        build(overrides={"environments": {"production": url, "reason": "a reason"}})


def test_a_server_with_variables_is_refused_naming_it() -> None:
    doc = copy.deepcopy(DOC)
    doc["servers"][1]["url"] = "https://{region}.example.test/v2"
    with pytest.raises(GeneratorError, match=r"servers\[1\].*server variables"):
        build(doc)


def test_each_operation_accepts_what_its_security_names() -> None:
    assert security(build()) == {
        "GetFills": ("signature", "bearer"),
        "GetBalance": ("signature",),  # the document's security
        "GetStatus": (),  # `security: []` is public
    }


def test_a_scheme_the_client_cannot_send_is_signed_with_a_warning() -> None:
    doc = copy.deepcopy(DOC)
    doc["paths"]["/balance"]["get"]["security"] = [{"partnerKey": []}]
    client = build(doc)
    assert security(client)["GetBalance"] == ("signature",)
    assert any("'partnerKey'" in w.message and "signed" in w.message for w in client.warnings)


def test_an_undefined_scheme_is_refused_naming_the_operation() -> None:
    doc = copy.deepcopy(DOC)
    doc["paths"]["/balance"]["get"]["security"] = [{"nope": []}]
    with pytest.raises(GeneratorError, match="'nope' is not defined") as info:
        build(doc)
    assert "paths//balance/get" in str(info.value)


def test_a_requirement_asking_for_both_at_once_is_refused() -> None:
    doc = copy.deepcopy(DOC)
    doc["paths"]["/balance"]["get"]["security"] = [{**SIGNED, "oauth": []}]
    with pytest.raises(GeneratorError, match="together"):
        build(doc)


# --- a bearer token in parts (the document's bearerFormat) ---------------------------------


def bearer_doc(bearer_format: str | None, *, more: dict[str, Any] | None = None) -> dict[str, Any]:
    """DOC with every operation behind one http bearer scheme of `bearer_format`."""
    doc = copy.deepcopy(DOC)
    scheme: dict[str, Any] = {"type": "http", "scheme": "bearer"}
    if bearer_format is not None:
        scheme["bearerFormat"] = bearer_format
    doc["components"]["securitySchemes"] = {"adminBearer": scheme, **(more or {})}
    doc["security"] = [{"adminBearer": []}]
    for item in doc["paths"].values():
        item["get"].pop("security", None)
    return doc


def test_a_bearer_format_of_names_gives_one_keyword_per_part() -> None:
    client = build(bearer_doc("admin_user_id:access_token"))
    assert client.bearer_parts == ("admin_user_id", "access_token")
    assert set(security(client).values()) == {("bearer",)}
    assert client.credentials == ("bearer",)  # no API key: the client takes none


@pytest.mark.parametrize("bearer_format", [None, "JWT", "opaque token", "Admin:Token", "a:"])
def test_any_other_bearer_format_is_one_opaque_token(bearer_format: str | None) -> None:
    assert build(bearer_doc(bearer_format)).bearer_parts == ()


def test_the_main_document_takes_a_key_and_an_opaque_token() -> None:
    client = build()
    assert client.bearer_parts == ()
    assert client.credentials == ("signature", "bearer")


@pytest.mark.parametrize(
    ("bearer_format", "more", "message"),
    [
        ("key_id:secret", None, "'key_id' cannot be a keyword of the client"),
        ("user:class", None, "'class' cannot be a keyword"),
        ("user:user", None, "names a part twice"),
        (
            "a_id:token",
            {"other": {"type": "http", "scheme": "bearer", "bearerFormat": "b_id:token"}},
            "two bearer schemes name different token parts",
        ),
    ],
)
def test_token_parts_that_cannot_be_keywords_are_refused(
    bearer_format: str, more: dict[str, Any] | None, message: str
) -> None:
    with pytest.raises(GeneratorError, match=message):
        build(bearer_doc(bearer_format, more=more))


def test_the_client_of_a_token_in_parts_takes_those_keywords_and_no_key() -> None:
    from generator.emit.render import render_client
    from generator.targets import project_target

    target = project_target("klear")
    files = render_client(build(bearer_doc("admin_user_id:access_token")), target=target)
    source = files[f"{target.package_dir}/client.py"]
    compile(source, "client.py", "exec")
    init = source.split("def __init__(", 1)[1].split(") -> None:", 1)[0]
    assert "admin_user_id: str | None = None" in init and "access_token: str | None" in init
    assert "key_id" not in init and "private_key" not in init and "oauth_token" not in init
    assert "env_prefix=" + repr(target.env_prefix).replace("'", '"') in source
    assert 'bearer_parts=("admin_user_id", "access_token")' in source
    # the trade client keeps the runtime's keywords: no __init__ of its own
    trade = render_client(build(), target=project_target("trade"))["kalshi/client.py"]
    assert "def __init__" not in trade

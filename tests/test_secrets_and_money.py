"""Secrets and money numbers (issue 12 §7.2, §7.3), decided by rules on the spec.

A credential in a response (`format: password`, or a name like `private_key`) is a SecretStr:
hidden in repr, str and logs, read with `.get_secret_value()`, kept by JSON dumps. A `type:
number` that is a price or a settlement bound (`floor_strike`) is an exact Decimal, read from
the number as the server wrote it, on the fast path and on the lenient rebuild alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import ir
from generator.documents.load import load_document
from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides
from generator.pipeline import Result
from generator.schemas.field_types import is_money_number, is_secret

SPEC = Path(__file__).resolve().parent / "fixtures" / "specs" / "constraints" / "constraints.yaml"
SECRET = ir.Primitive("secret")
DECIMAL = ir.Primitive("decimal")


@pytest.fixture(scope="module")
def fixture_tree(
    tmp_path_factory: pytest.TempPathFactory,
    generate_result: Callable[..., tuple[Path, Result]],
) -> tuple[Path, Result]:
    return generate_result(tmp_path_factory.mktemp("secrets"), SPEC)


def types(client: ir.ClientIR, model: str) -> dict[str, ir.TypeRef]:
    return {f.wire_name: f.type for f in client.models[model].fields}


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("name", "schema", "secret"),
    [
        ("private_key", {}, True),
        ("api_secret", {}, True),
        ("password", {}, True),
        ("refresh_token", {}, True),
        ("pin", {"format": "password"}, True),
        ("public_key", {}, False),
        ("api_key_id", {}, False),
        ("next_token", {}, False),  # a page token is no credential
    ],
)
def test_the_secret_rule(name: str, schema: dict[str, Any], secret: bool) -> None:
    assert is_secret(name, schema) is secret


@pytest.mark.parametrize(
    ("name", "money"),
    [
        ("floor_strike", True),
        ("cap_strike", True),
        ("min_price", True),
        ("fee", True),
        ("fee_multiplier", False),
        ("temp_f", False),
        ("weight", False),
    ],
)
def test_the_money_number_rule(name: str, money: bool) -> None:
    assert is_money_number(name) is money


def test_the_rules_type_the_ir(fixture_tree: tuple[Path, Result]) -> None:
    _, result = fixture_tree
    key = types(result.client, "GadgetKey")
    assert key["private_key"] == SECRET
    assert key["api_secret"] == ir.Nullable(SECRET)
    assert key["pin"] == SECRET
    assert key["public_key"] == ir.Primitive("str") and key["key_id"] == ir.Primitive("str")
    gadget = types(result.client, "Gadget")
    assert gadget["floor_strike"] == ir.Nullable(DECIMAL)
    assert gadget["cap_strike"] == DECIMAL
    assert gadget["fee_multiplier"] == ir.Primitive("float")
    (list_op,) = [op for op in result.client.operations if op.operation_id == "GetGadgets"]
    params = {p.wire_name: p.type for p in list_op.query_params}
    assert params["min_price"] == DECIMAL


def test_a_request_takes_its_secret_as_a_plain_str(fixture_tree: tuple[Path, Result]) -> None:
    _, result = fixture_tree
    source = result.files["kalshi/models/gadgets.py"]
    source = source.decode() if isinstance(source, bytes) else source
    assert "passphrase: str | None = None" in source
    assert "private_key: SecretString\n" in source


def test_secret_fields_overrides_go_against_the_rule_only() -> None:
    doc = load_document(SPEC)

    def build(entry: dict[str, bool]) -> ir.ClientIR:
        models = {"GadgetKey": {"secret_fields": entry, "reason": "the server's docs say so"}}
        return build_ir(doc, Overrides.model_validate({"models": models}), source="spec.yaml")

    client = build({"public_key": True, "api_secret": False})
    key = types(client, "GadgetKey")
    assert key["public_key"] == SECRET
    assert key["api_secret"] == ir.Nullable(ir.Primitive("str"))
    assert sorted(a.entry for a in client.override_report) == [
        "models.GadgetKey.secret_fields.api_secret",
        "models.GadgetKey.secret_fields.public_key",
    ]
    with pytest.raises(GeneratorError, match="private_key.*redundant"):
        build({"private_key": True})
    with pytest.raises(GeneratorError, match="has no field 'gone'"):
        build({"gone": True})
    with pytest.raises(GeneratorError, match="is not a string"):
        models = {"Gadget": {"secret_fields": {"count": True}, "reason": "a counter"}}
        build_ir(doc, Overrides.model_validate({"models": models}), source="spec.yaml")


# --------------------------------------------------------------------------- the generated client


def test_secrets_stay_out_of_repr_and_money_numbers_are_exact(
    fixture_tree: tuple[Path, Result], run_json_in_tree: Callable[..., Any]
) -> None:
    tree, _ = fixture_tree
    found = run_json_in_tree(
        tree,
        """
        import json, logging
        from decimal import Decimal
        from pydantic import SecretStr
        from kalshi.testing import FakeKalshi

        pem = "-----BEGIN PRIVATE KEY-----MIIE"
        fake = FakeKalshi()
        out = {}
        with fake.client() as client:
            fake.respond("CreateGadgetKey", json={"key_id": "k1", "private_key": pem}, times=1)
            key = client.gadgets.create_key()
            out["repr"] = repr(key) + str(key) + str(key.private_key)
            out["value"] = key.private_key.get_secret_value()
            out["dump"] = json.loads(key.model_dump_json())["private_key"]
            # the lenient rebuild (key_id missing) keeps the secret a SecretStr
            fake.respond("CreateGadgetKey", json={"private_key": pem}, times=1)
            rebuilt = client.gadgets.create_key()
            out["rebuilt"] = [isinstance(rebuilt.private_key, SecretStr), repr(rebuilt)]

            strikes = {"name": "g", "count": 1, "floor_strike": 100000.12, "cap_strike": 60,
                       "fee_multiplier": 0.07}
            fake.respond("GetGadgets", json={"gadgets": [strikes]}, times=1)
            (g,) = client.gadgets.list().gadgets
            out["fast"] = [repr(g.floor_strike), repr(g.cap_strike), repr(g.fee_multiplier)]
            out["json"] = json.loads(g.model_dump_json())
            # a required field missing: the rebuild path reads the numbers the same way
            rebuild = {"gadgets": [{"floor_strike": 0.1, "cap_strike": 2.5}]}
            fake.respond("GetGadgets", json=rebuild, times=1)
            (r,) = client.gadgets.list().gadgets
            out["rebuilt_numbers"] = [repr(r.floor_strike), repr(r.cap_strike)]
            client.gadgets.list(min_price=Decimal("0.55"))
            out["query"] = fake.requests[-1].query["min_price"]
        print(json.dumps(out))
        """,
    )
    assert "BEGIN" not in found["repr"] and "**********" in found["repr"]
    assert found["value"] == found["dump"] == "-----BEGIN PRIVATE KEY-----MIIE"
    assert found["rebuilt"][0] is True and "BEGIN" not in found["rebuilt"][1]
    assert found["fast"] == ["Decimal('100000.12')", "Decimal('60')", "0.07"]
    assert found["json"]["floor_strike"] == 100000.12 and found["json"]["cap_strike"] == 60
    assert found["rebuilt_numbers"] == ["Decimal('0.1')", "Decimal('2.5')"]
    assert found["query"] == "0.55"


# --------------------------------------------------------------------------- the real spec


def test_the_real_specs_private_key_is_hidden_and_strikes_are_decimal(
    locked_tree: Path, run_json_in_tree: Callable[..., Any]
) -> None:
    tree = locked_tree
    found = run_json_in_tree(
        tree,
        """
        import json
        from kalshi._decode import decode_json
        from kalshi.models.api_keys import GenerateApiKeyResponse
        from kalshi.models.common import Market

        key = GenerateApiKeyResponse(api_key_id="a", private_key="-----BEGIN RSA PRIVATE KEY-----")
        hints = {f: str(Market.model_fields[f].annotation) for f in ("floor_strike", "cap_strike")}
        body = json.dumps({"ticker": "T", "floor_strike": 99.99, "cap_strike": 100000})
        market, _ = decode_json(body.encode(), Market, strict=False)  # the client's decoder
        print(json.dumps({
            "repr": repr(key),
            "value": key.private_key.get_secret_value(),
            "strikes": [repr(market.floor_strike), repr(market.cap_strike)],
            "hints": hints,
        }))
        """,
    )
    assert "BEGIN" not in found["repr"]
    assert found["value"] == "-----BEGIN RSA PRIVATE KEY-----"
    assert found["strikes"] == ["Decimal('99.99')", "Decimal('100000')"]
    assert all("Decimal" in hint for hint in found["hints"].values())

"""RSA-PSS signing and key loading."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from kalshi._auth import RequestSigner, load_private_key, load_private_key_file, make_signer
from kalshi.errors import KalshiAuthError

PSS_DIGEST_SALT = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)


def _verify(public_key: rsa.RSAPublicKey, signature: str, message: bytes) -> None:
    public_key.verify(base64.b64decode(signature), message, PSS_DIGEST_SALT, hashes.SHA256())


def test_golden_signature(key_pem: str, public_key: rsa.RSAPublicKey) -> None:
    signer = RequestSigner("kid", load_private_key(key_pem))
    signature = signer.sign("get", "/trade-api/v2/portfolio/balance", 1_700_000_000_000)
    # The exact message: str(timestamp_ms) + METHOD + full path; salt length = 32 (SHA-256).
    _verify(public_key, signature, b"1700000000000GET/trade-api/v2/portfolio/balance")
    with pytest.raises(InvalidSignature):
        _verify(public_key, signature, b"1700000000000GET/portfolio/balance")
    assert len(base64.b64decode(signature)) == 256  # 2048-bit key


def test_signing_drops_the_query(key_pem: str, public_key: rsa.RSAPublicKey) -> None:
    signer = RequestSigner("kid", load_private_key(key_pem))
    signature = signer.sign("GET", "/trade-api/v2/markets?limit=5", 1)
    _verify(public_key, signature, b"1GET/trade-api/v2/markets")


def test_headers(key_pem: str, public_key: rsa.RSAPublicKey) -> None:
    signer = RequestSigner(" kid ", load_private_key(key_pem))
    headers = signer.headers("POST", "/trade-api/v2/portfolio/orders", 42)
    assert set(headers) == {
        "KALSHI-ACCESS-KEY",
        "KALSHI-ACCESS-TIMESTAMP",
        "KALSHI-ACCESS-SIGNATURE",
    }
    assert headers["KALSHI-ACCESS-KEY"] == "kid"
    assert headers["KALSHI-ACCESS-TIMESTAMP"] == "42"
    _verify(public_key, headers["KALSHI-ACCESS-SIGNATURE"], b"42POST/trade-api/v2/portfolio/orders")


def test_key_from_str_bytes_path_and_escaped_newlines(key_pem: str, tmp_path: Path) -> None:
    expected = load_private_key(key_pem).private_numbers()
    assert load_private_key(key_pem.encode()).private_numbers() == expected
    escaped = key_pem.strip().replace("\n", "\\n")  # as an env var often holds it
    assert load_private_key(escaped).private_numbers() == expected
    path = tmp_path / "k.pem"
    path.write_text(key_pem)
    assert load_private_key_file(path).private_numbers() == expected
    assert load_private_key_file(str(path)).private_numbers() == expected


BAD_PEM = "-----BEGIN RSA PRIVATE KEY-----\nU0VDUkVUU0VDUkVU\n-----END RSA PRIVATE KEY-----\n"


def test_malformed_pem_is_a_clear_error_without_the_key_text() -> None:
    with pytest.raises(KalshiAuthError) as info:
        load_private_key(BAD_PEM)
    text = str(info.value)
    assert "not a valid PEM-encoded private key" in text
    assert "U0VDUkVU" not in text and "U0VDUkVU" not in repr(info.value)
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_non_pem_text_points_to_private_key_path() -> None:
    with pytest.raises(KalshiAuthError, match="private_key_path="):
        load_private_key("/home/me/kalshi.pem")


def test_missing_key_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.pem"
    with pytest.raises(KalshiAuthError, match="private key file not found") as info:
        load_private_key_file(missing)
    assert str(missing) in str(info.value)


def test_bad_key_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.pem"
    path.write_text(BAD_PEM)
    with pytest.raises(
        KalshiAuthError, match=r"private key file .*bad\.pem is not a valid"
    ) as info:
        load_private_key_file(path)
    assert "U0VDUkVU" not in str(info.value)


def test_non_rsa_key() -> None:
    ec_pem = (
        ec.generate_private_key(ec.SECP256R1())
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    with pytest.raises(KalshiAuthError, match="not an RSA private key"):
        load_private_key(ec_pem)


def test_encrypted_key(key_pem: str) -> None:
    encrypted = load_private_key(key_pem).private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"pw"),
    )
    with pytest.raises(KalshiAuthError, match="encrypted"):
        load_private_key(encrypted)


def test_wrong_argument_type() -> None:
    with pytest.raises(TypeError, match="PEM str or bytes"):
        load_private_key(123)  # type: ignore[arg-type]


def test_make_signer_argument_checks(key_pem: str, tmp_path: Path) -> None:
    assert make_signer(None, None, None) is None
    with pytest.raises(ValueError, match="not both"):
        make_signer("kid", key_pem, tmp_path / "k.pem")
    with pytest.raises(ValueError, match="without key_id"):
        make_signer(None, key_pem, None)
    with pytest.raises(ValueError, match="without private_key"):
        make_signer("kid", None, None)
    with pytest.raises(ValueError, match="non-empty"):
        RequestSigner("  ", load_private_key(key_pem))
    signer = make_signer("kid", key_pem, None)
    assert signer is not None and signer.key_id == "kid"


def test_signer_repr_hides_the_key(key_pem: str) -> None:
    signer = RequestSigner("kid", load_private_key(key_pem))
    assert repr(signer) == "RequestSigner(key_id='kid')"
    assert str(signer) == repr(signer)
    assert not hasattr(signer, "__dict__")

"""RSA-PSS request signing: the KALSHI-ACCESS-* headers. The key never leaves the signer."""

from __future__ import annotations

import base64
import os
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .errors import KalshiAuthError

__all__ = ["RequestSigner", "load_private_key", "load_private_key_file", "make_signer"]

_PSS = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)


def _load(data: bytes, source: str) -> rsa.RSAPrivateKey:
    # Errors name the source only: cryptography's messages are unhelpful, and no key text
    # may ever reach an exception.
    if b"-----BEGIN" not in data:
        raise KalshiAuthError(f"{source} is not a PEM-encoded key (no '-----BEGIN' line)")
    try:
        key = serialization.load_pem_private_key(data, password=None)
    except TypeError:
        raise KalshiAuthError(f"{source} is encrypted; an unencrypted PEM key is needed") from None
    except (ValueError, UnsupportedAlgorithm):
        raise KalshiAuthError(f"{source} is not a valid PEM-encoded private key") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise KalshiAuthError(f"{source} is not an RSA private key")
    return key


def load_private_key(pem: str | bytes) -> rsa.RSAPrivateKey:
    """An RSA private key from PEM text; `\\n` escapes (as env vars often hold) are accepted."""
    if isinstance(pem, str):
        text = pem.strip()
        if "\n" not in text and "\\n" in text:
            text = text.replace("\\n", "\n")
        data = text.encode("utf-8")
    elif isinstance(pem, bytes):
        data = pem.strip()
    else:
        raise TypeError(f"private_key must be PEM str or bytes, not {type(pem).__name__}")
    hint = " (to read the key from a file, pass private_key_path=)"
    try:
        return _load(data, "private_key")
    except KalshiAuthError as exc:
        raise KalshiAuthError(exc.message + hint) from None


def load_private_key_file(path: str | os.PathLike[str]) -> rsa.RSAPrivateKey:
    """An RSA private key from a PEM file."""
    where = os.fspath(path)
    try:
        data = Path(where).read_bytes()
    except FileNotFoundError:
        raise KalshiAuthError(f"private key file not found: {where}") from None
    except OSError as exc:
        raise KalshiAuthError(f"private key file {where} cannot be read: {exc.strerror}") from None
    return _load(data.strip(), f"private key file {where}")


class RequestSigner:
    """Signs `str(timestamp_ms) + METHOD + path` with RSA-PSS (SHA-256, MGF1, digest-length salt)."""

    __slots__ = ("_key", "_key_id")

    def __init__(self, key_id: str, private_key: rsa.RSAPrivateKey) -> None:
        if not isinstance(key_id, str) or not key_id.strip():
            raise ValueError("key_id must be a non-empty string")
        self._key_id = key_id.strip()
        self._key = private_key

    @property
    def key_id(self) -> str:
        return self._key_id

    def sign(self, method: str, path: str, timestamp_ms: int) -> str:
        """Base64 signature; `path` is the full URL path (with /trade-api/v2), query dropped."""
        message = f"{timestamp_ms}{method.upper()}{path.split('?', 1)[0]}".encode()
        return base64.b64encode(self._key.sign(message, _PSS, hashes.SHA256())).decode("ascii")

    def headers(self, method: str, path: str, timestamp_ms: int) -> dict[str, str]:
        return {
            "KALSHI-ACCESS-KEY": self._key_id,
            "KALSHI-ACCESS-TIMESTAMP": str(timestamp_ms),
            "KALSHI-ACCESS-SIGNATURE": self.sign(method, path, timestamp_ms),
        }

    def __repr__(self) -> str:
        return f"RequestSigner(key_id={self._key_id!r})"


def make_signer(
    key_id: str | None,
    private_key: str | bytes | None,
    private_key_path: str | os.PathLike[str] | None,
    *,
    env_prefix: str = "KALSHI",
) -> RequestSigner | None:
    """The signer for the client's key arguments; None when no key is configured.
    `env_prefix`: of the variables the errors name (KALSHI_PERPS: KALSHI_PERPS_KEY_ID)."""
    if private_key is not None and private_key_path is not None:
        raise ValueError("pass either private_key or private_key_path, not both")
    has_key = private_key is not None or private_key_path is not None
    if not key_id and not has_key:
        return None
    if not key_id:
        raise ValueError(f"a private key was given without key_id= (or {env_prefix}_KEY_ID)")
    if not has_key:
        raise ValueError(
            "key_id was given without private_key= or private_key_path= "
            f"(or {env_prefix}_PRIVATE_KEY / {env_prefix}_PRIVATE_KEY_PATH)"
        )
    if private_key is not None:
        key = load_private_key(private_key)
    else:
        assert private_key_path is not None
        key = load_private_key_file(private_key_path)
    return RequestSigner(key_id, key)

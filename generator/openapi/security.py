"""Security requirements of an operation -> the credentials the runtime may send for it.

The runtime knows two kinds of credential, and each spec security scheme maps to one by a rule:

    signature  apiKey schemes in a header the runtime's RSA-PSS signer writes
               (KALSHI-ACCESS-KEY, -SIGNATURE, -TIMESTAMP); a requirement naming only these
               is "signed with the API key"
    bearer     `type: http, scheme: bearer` (Kalshi's user OAuth access token; a token in
               parts when its `bearerFormat` names them, `admin_user_id:access_token`)

An operation accepts the kinds of its requirements (the operation's own `security`, else the
document's), in the spec's order; `()` means public. A scheme the runtime has no credential for
(another apiKey header, OAuth2, a cookie) is read as "signed" with a warning: the request goes
out signed, as every version of this client has sent it, and the warning says why it may fail.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable
from typing import Any

from ..errors import GeneratorError

Warn = Callable[[str, str], None]  # (where, message)

SIGNATURE = "signature"
BEARER = "bearer"
# The headers the runtime's signer sets on every signed request (templates/runtime/_auth.py).
SIGNER_HEADERS = frozenset(
    {"kalshi-access-key", "kalshi-access-signature", "kalshi-access-timestamp"}
)


def scheme_kind(name: str, scheme: Any, *, where: str, source: str, warn: Warn) -> str:
    """The credential kind of one security scheme."""
    if not isinstance(scheme, dict):
        raise GeneratorError(
            f"security scheme {name!r} is not defined in components/securitySchemes",
            where=f"{source}: {where}",
        )
    kind = scheme.get("type")
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        return BEARER
    if (
        kind == "apiKey"
        and scheme.get("in") == "header"
        and str(scheme.get("name", "")).lower() in SIGNER_HEADERS
    ):
        return SIGNATURE
    described = f"type {kind!r}" + (
        f" {scheme.get('in')} {scheme.get('name')!r}" if kind == "apiKey" else ""
    )
    warn(  # once per scheme, however many operations name it
        f"components/securitySchemes/{name}",
        f"security scheme {name!r} ({described}) has no credential in the client; "
        "the request is signed with the API key instead (RSA-PSS, KALSHI-ACCESS-* headers)",
    )
    return SIGNATURE


def accepted_credentials(
    requirements: Any, schemes: dict[str, Any], *, where: str, source: str, warn: Warn
) -> tuple[str, ...]:
    """The credential kinds an operation accepts, in the spec's order; () when public.

    An empty requirement (`{}`) adds no kind.
    """
    if requirements is None:
        return ()
    if not isinstance(requirements, list):
        raise GeneratorError("security must be a list of requirements", where=f"{source}: {where}")
    kinds: list[str] = []
    for index, requirement in enumerate(requirements):
        if not isinstance(requirement, dict):
            raise GeneratorError(f"security[{index}] is not a mapping", where=f"{source}: {where}")
        found = {
            scheme_kind(str(name), schemes.get(name), where=where, source=source, warn=warn)
            for name in requirement
        }
        if len(found) > 1:
            raise GeneratorError(
                f"security[{index}] asks for a signature and a bearer token together; the "
                "client sends one or the other",
                where=f"{source}: {where}",
            )
        for kind in sorted(found):
            if kind not in kinds:
                kinds.append(kind)
    return tuple(kinds)


# The keywords every generated client takes (templates/rest/client.py.jinja).
CLIENT_KEYWORDS = frozenset(
    {
        "base_url",
        "demo",
        "timeout",
        "max_retries",
        "transport",
        "strict_responses",
        "allow_unknown_host",
        "key_id",
        "private_key",
        "private_key_path",
        "oauth_token",
    }
)
_PARTS = re.compile(r"[a-z][a-z0-9_]*(:[a-z][a-z0-9_]*)+")


def bearer_parts(schemes: Any) -> tuple[str, ...]:
    """The keywords of a bearer token the document says is made of parts: its http bearer
    scheme's `bearerFormat`, when that is names joined by ':' (Klear's
    `admin_user_id:access_token`); () for an opaque token. Two such schemes that disagree
    are an error: the client has one token."""
    found = {
        str(scheme.get("bearerFormat", "")).strip()
        for scheme in (schemes.values() if isinstance(schemes, dict) else ())
        if isinstance(scheme, dict)
        and scheme.get("type") == "http"
        and str(scheme.get("scheme", "")).lower() == "bearer"
        and _PARTS.fullmatch(str(scheme.get("bearerFormat", "")).strip())
    }
    if len(found) > 1:
        raise GeneratorError(
            f"two bearer schemes name different token parts ({', '.join(sorted(found))}); "
            "the client sends one token",
            where="components/securitySchemes",
        )
    parts = tuple(found.pop().split(":")) if found else ()
    taken = [p for p in parts if keyword.iskeyword(p) or p in CLIENT_KEYWORDS]
    if taken:
        raise GeneratorError(
            f"bearerFormat part {taken[0]!r} cannot be a keyword of the client",
            where="components/securitySchemes",
        )
    if len(set(parts)) != len(parts):
        raise GeneratorError(
            f"bearerFormat {':'.join(parts)!r} names a part twice",
            where="components/securitySchemes",
        )
    return parts

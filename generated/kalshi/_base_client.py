"""The one place that owns HTTP: request building, signing, retries, error mapping, parsing.

Sync and async clients share every non-I/O step through `_BaseAPIClient`; only their
send/sleep loops differ.

What `timeout=` covers (seconds; the client's, or a call's own): each attempt of a request.
Connecting, each write and each read wait at most `timeout` (httpx's per-phase limits), and
the response body must be complete within `timeout` seconds of the attempt's start: sync
and async alike check that deadline as each chunk of the body arrives, so a server trickling
a body byte by byte cannot hold a call; an attempt ends within about twice `timeout` (the
deadline plus the one read in progress). The status line and headers are bounded per read
only. (A timer per call, `asyncio.timeout`, would bound them too, but costs ~10 us a call.)
A retried attempt (GETs only) gets a fresh deadline, so a call lasts at most
`max_retries + 1` such attempts plus the backoff sleeps. An `httpx.Timeout` sets the per-phase
limits only, without the deadline; `None` sets no limit. Running out of time raises
`KalshiTimeoutError`.

What becomes which error: every `httpx.HTTPError` (from httpx, or raised by a transport:
connect/read/write errors, timeouts, `TooManyRedirects`, `DecodingError`) and every network
`OSError` a transport raises (`ssl.SSLError`, `ConnectionError`, `TimeoutError`,
`socket.gaierror`, or an OSError with a network errno) becomes `KalshiTimeoutError` or
`KalshiNetworkError`, the original chained as `__cause__`. Only connection failures (httpx
transport errors, network OSErrors) are retried: for GETs always, for other methods only
when the request provably never left (connect errors, a refused connection). A body that
fails to decode under its `Content-Encoding` (a gzip header on bytes that are not gzip) is a
`KalshiResponseError` with the status, never retried; so is a body nested too deeply. Any
other exception a transport raises propagates unchanged: a programming error, an OSError of
local I/O (a `RecordingTransport` that cannot write its file), or `kalshi.testing`'s
`ReplayMissError` (a LookupError), which a test must see as it is.

`import kalshi` loads only what building a client needs: pydantic (first needed to parse a
response, by then loaded by the models), asyncio (only the async client sleeps with it) and
importlib.metadata (only for the User-Agent of an uninstalled copy) are imported where used.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import sys
import time
from collections.abc import AsyncIterator, Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as dt_time
from decimal import Decimal
from enum import Enum
from functools import cached_property, lru_cache
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast
from urllib.parse import quote, urlencode, urlsplit

import httpx
from typing_extensions import Self

from ._constants import (
    BEARER,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    DISTRIBUTION_NAME,
    ENV_ALLOW_UNKNOWN_HOST,
    ENV_BASE_URL,
    ENV_DEMO,
    ENV_KEY_ID,
    ENV_OAUTH_TOKEN,
    ENV_PRIVATE_KEY,
    ENV_PRIVATE_KEY_PATH,
    ENV_STRICT_RESPONSES,
    MAX_EMPTY_PAGES,
    SIGNATURE,
    USER_AGENT_NAME,
)
from ._retry import backoff_delay, parse_retry_after, should_retry
from ._transport import (
    _NOT_SENT,
    _AsyncDeadlineStream,
    _DeadlineExceeded,
    _DeadlineStream,
    _is_failure,
    _is_transport_error,
)
from .errors import (
    KalshiAuthRequiredError,
    KalshiError,
    KalshiNetworkError,
    KalshiResponseError,
    KalshiTimeoutError,
    excerpt,
    make_status_error,
    truncate,
)

if TYPE_CHECKING:
    from ._auth import RequestSigner

__all__ = ["ApiProfile", "AsyncAPIClient", "RawBytes", "RawText", "SyncAPIClient", "join_bearer"]

T = TypeVar("T")
P = TypeVar("P")

log = logging.getLogger("kalshi")

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")
_BODY_EXCERPT_CHARS = 200


# --- request encoding -------------------------------------------------------------------


def _scalar(value: object, where: str) -> str:
    """One value as text; `where` names it in errors ("query parameter 'min_ts'")."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime) and value.utcoffset() is None:
        # isoformat() would send no offset: not RFC 3339, and the server would guess the zone
        raise ValueError(
            f"{where}: datetime {value.isoformat()} has no timezone; pass an aware one, "
            "e.g. datetime(..., tzinfo=timezone.utc)"
        )
    if isinstance(value, (datetime, date, dt_time)):
        return value.isoformat()
    return str(value)


def _items(value: object) -> Sequence[object] | None:
    """The items of a list value (a set in sorted order), or None for a single value."""
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray)):
        return value
    return None


def render_path(template: str, path_params: Mapping[str, str | int] | None) -> str:
    """`template` with each `{name}` replaced by its value, percent-encoded as one segment."""
    params = path_params or {}
    used: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise ValueError(f"missing path parameter {name!r} for {template}")
        used.add(name)
        value = _scalar(params[name], f"path parameter {name!r}")
        if not value.strip():
            raise ValueError(f"path parameter {name!r} must not be empty")
        if value in (".", ".."):
            # even as %2E a dot segment may be resolved by a normalising proxy: another path
            raise ValueError(f"path parameter {name!r} must not be {value!r}")
        return quote(value, safe="")

    path = _PATH_PARAM.sub(replace, template)
    unknown = sorted(set(params) - used)
    if unknown:
        raise ValueError(f"unknown path parameter(s) {', '.join(unknown)} for {template}")
    return path


def encode_params(
    params: Mapping[str, object] | None, comma_separated: Collection[str] = ()
) -> list[tuple[str, str]]:
    """Query pairs: None dropped, bools lower-case, a sequence as repeated keys, or as one
    comma-joined value for the names in `comma_separated` (OpenAPI's `explode: false`)."""
    pairs: list[tuple[str, str]] = []
    for key, value in (params or {}).items():
        if value is None:
            continue
        where = f"query parameter {key!r}"
        items = _items(value)
        if items is None:
            pairs.append((key, _scalar(value, where)))
            continue
        texts = [_scalar(item, where) for item in items if item is not None]
        if key in comma_separated:
            split = next((text for text in texts if "," in text), None)
            if split is not None:
                raise ValueError(f"{where}: item {split!r} contains a comma, which would split it")
            if texts:  # an empty list filters nothing: sent as no value at all
                pairs.append((key, ",".join(texts)))
        else:
            pairs.extend((key, text) for text in texts)
    return pairs


def encode_headers(headers: Mapping[str, object] | None) -> dict[str, str]:
    """Header parameters as header values: None dropped, scalars as in a query, a sequence
    comma-separated (OpenAPI's `simple` style). A CR, LF or NUL in a value is refused."""
    encoded: dict[str, str] = {}
    for name, value in (headers or {}).items():
        if value is None:
            continue
        where = f"header {name!r}"
        items = _items(value)
        if items is not None:
            text = ",".join(_scalar(item, where) for item in items if item is not None)
        else:
            text = _scalar(value, where)
        if any(c in text for c in "\r\n\0"):
            raise ValueError(f"header {name!r} must not contain CR, LF or NUL, got {text!r}")
        encoded[name] = text
    return encoded


def merge_headers(*layers: Mapping[str, str] | None) -> dict[str, str]:
    """Later layers win, header names compared case-insensitively (the later spelling kept)."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in layers:
        for name, value in (layer or {}).items():
            merged[name.lower()] = (name, value)
    return dict(merged.values())


def _json_default(value: object) -> object:
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (Decimal, datetime, date, dt_time)):
        return _scalar(value, "a value of the JSON body")
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def encode_json(body: Any) -> bytes:
    """Compact UTF-8 JSON; Decimal money stays a string, models dump by wire name."""
    text = json.dumps(
        body, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_json_default
    )
    return text.encode("utf-8")


# --- response decoding ------------------------------------------------------------------


class RawText(str):
    """`cast_to=RawText`: the body is returned as text (decoded by its charset, else UTF-8),
    not parsed; for success bodies without a JSON media type (text/*). The value is a `str`."""

    __slots__ = ()


class RawBytes(bytes):
    """`cast_to=RawBytes`: the body's bytes are returned as they came, not parsed; for success
    bodies without a JSON media type (not text/*). The value is a `bytes`."""

    __slots__ = ()


def parse_response(
    response: httpx.Response, cast_to: type[T], method: str, path: str, *, strict: bool = False
) -> T:
    """The decoded body of a 2xx response; `type(None)` ignores the body, `RawText` and
    `RawBytes` return it unparsed (as a plain `str` / `bytes`).

    The policy (what is absorbed, what raises) lives in `kalshi._decode`.
    """
    if cast_to is type(None):
        return None
    if cast_to is RawText:
        return cast(T, response.text)
    if cast_to is RawBytes:
        return cast(T, response.content)
    from ._decode import MalformedResponse, decode_json

    try:
        value, _ = decode_json(response.content, cast_to, strict=strict)
    except MalformedResponse as exc:
        raise KalshiResponseError(
            str(exc),
            deviations=exc.deviations,
            status_code=response.status_code,
            method=method,
            path=path,
            body=excerpt(response.content, _BODY_EXCERPT_CHARS),
        ) from None
    return cast(T, value)


# --- configuration ----------------------------------------------------------------------


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


_CREDENTIALS = frozenset({SIGNATURE, BEARER})


@dataclass(frozen=True)
class ApiProfile:
    """What is particular to one generated client's API, for the runtime all of them share.

    Each generated client class sets its own as `_profile` (its package's client.py):

        servers       its package's `_environments.SERVERS`: (url, environment, description);
                      a `base_url` on another scheme and host is refused (`allow_unknown_host`)
        production    the default server; `demo`: the one `demo=True` picks (None: the
                      document names none)
        env_prefix    of its environment variables: KALSHI reads KALSHI_KEY_ID, KALSHI_DEMO,
                      ...; KALSHI_PERPS reads KALSHI_PERPS_KEY_ID, ... (KALSHI_STRICT_RESPONSES
                      is one switch for every client of a process)
        credentials   what it takes: SIGNATURE (key_id=, private_key=, private_key_path=),
                      BEARER (oauth_token=, or the parts below)
        bearer_parts  a bearer token the document says is made of parts
                      (`bearerFormat: admin_user_id:access_token`): one keyword and one
                      variable each, joined by ':' into `Authorization: Bearer <a>:<b>`
    """

    servers: tuple[tuple[str, str, str], ...]
    production: str | None
    demo: str | None
    env_prefix: str
    credentials: tuple[str, ...] = (SIGNATURE, BEARER)
    bearer_parts: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[A-Z][A-Z0-9_]*", self.env_prefix):
            raise ValueError(f"env_prefix must be upper case, got {self.env_prefix!r}")
        if not _CREDENTIALS.issuperset(self.credentials):
            raise ValueError(f"unknown credentials {self.credentials!r}")
        if self.bearer_parts and BEARER not in self.credentials:
            raise ValueError("bearer_parts without the bearer credential")
        urls = {url for url, *_ in self.servers}
        for default in (self.production, self.demo):
            if default is not None and default not in urls:
                raise ValueError(f"default server {default!r} is not one of servers")

    def env(self, constant: str) -> str:
        """This API's variable for `constant` (a KALSHI_* name of _constants.py)."""
        return self.env_prefix + constant.removeprefix("KALSHI")

    def part_env(self, part: str) -> str:
        """The variable of one part of a bearer token: KALSHI_KLEAR_ADMIN_USER_ID."""
        return f"{self.env_prefix}_{part.upper()}"

    @cached_property
    def known_origins(self) -> frozenset[tuple[str, str]]:
        return frozenset(_origin(url) for url, *_ in self.servers)

    @property
    def key_keywords(self) -> tuple[str, ...]:
        return (
            ("key_id", "private_key", "private_key_path") if SIGNATURE in self.credentials else ()
        )

    @property
    def token_keywords(self) -> tuple[str, ...]:
        if BEARER not in self.credentials:
            return ()
        return self.bearer_parts or ("oauth_token",)

    def token_hint(self) -> str:
        """How a bearer token is passed: `oauth_token=`, or `admin_user_id= and access_token=`
        (or their variables and from_env())."""
        if not self.bearer_parts:
            variables = self.env(ENV_OAUTH_TOKEN)
        else:
            variables = " and ".join(self.part_env(part) for part in self.bearer_parts)
        keywords = " and ".join(f"{name}=" for name in self.token_keywords)
        return f"pass {keywords} to the client, or set {variables} and use from_env()"


def join_bearer(profile: ApiProfile, parts: Mapping[str, str | None]) -> str | None:
    """The bearer token of a profile whose token has parts (`a:b`), from their keywords; None
    when none is given. The values are secrets: an error names the keyword, never the value."""
    given = [name for name in profile.bearer_parts if parts.get(name) is not None]
    if not given:
        return None
    missing = [name for name in profile.bearer_parts if name not in given]
    if missing:
        keywords = " and ".join(f"{name}=" for name in profile.bearer_parts)
        raise ValueError(f"pass {keywords} together (missing: {', '.join(missing)}=)")
    values = []
    for name in profile.bearer_parts:
        value = parts[name]
        if not isinstance(value, str) or not re.fullmatch(r"[\x21-\x7e]+", value.strip()):
            raise ValueError(f"{name} must be a non-empty string of printable ASCII characters")
        if ":" in value and name != profile.bearer_parts[-1]:
            # the server splits the token at its first ':'
            raise ValueError(f"{name} must not contain ':', which separates the token's parts")
        values.append(value.strip())
    return ":".join(values)


def refuse_keywords(client: str, profile: ApiProfile, given: Mapping[str, object]) -> None:
    """Keywords a client does not take (a generated `__init__`'s `**not_accepted`): a
    TypeError saying what the API takes instead. Values are never echoed (secrets)."""
    if not given:
        return
    name = min(given)  # one at a time, always the same one
    if name in ("key_id", "private_key", "private_key_path", "oauth_token"):
        what = "oauth_token=" if name == "oauth_token" else f"API key ({name}=)"
        takes = " and ".join(f"{k}=" for k in (*profile.key_keywords, *profile.token_keywords))
        raise TypeError(f"{client} takes no {what}; it takes {takes or 'no credentials'}")
    raise TypeError(f"{client}() got an unexpected keyword argument {name!r}")


def _resolve_base_url(
    base_url: str | None, demo: bool, *, allow_unknown_host: bool, profile: ApiProfile
) -> str:
    """The base URL: the environment's default server, or `base_url`, which must be one of
    the spec's servers (scheme and host) unless `allow_unknown_host`: a typo must not send
    signed requests to a stranger."""
    if base_url is None:
        default = profile.demo if demo else profile.production
        if default is None:
            environment = "demo" if demo else "production"
            raise ValueError(f"the spec names no {environment} server; pass base_url=")
        return default
    parts = urlsplit(base_url) if isinstance(base_url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base_url must be an http(s) URL, got {base_url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"base_url must not have a query or fragment, got {base_url!r}")
    if not allow_unknown_host and _origin(base_url) not in profile.known_origins:
        known = ", ".join(sorted({f"{scheme}://{host}" for scheme, host in profile.known_origins}))
        raise ValueError(
            f"base_url {base_url!r} is not one of the API's servers ({known or 'none'}); pass "
            f"allow_unknown_host=True (or set {profile.env(ENV_ALLOW_UNKNOWN_HOST)}=1) to send "
            "requests there"
        )
    return base_url.rstrip("/")


def _check_oauth_token(token: object) -> str | None:
    if token is None:
        return None
    if not isinstance(token, str) or not re.fullmatch(r"[\x21-\x7e]+", token.strip()):
        # the value is never echoed: it is a secret
        raise ValueError("oauth_token must be a non-empty string of printable ASCII characters")
    return token.strip()


def _accepted_credentials(auth: bool | tuple[str, ...]) -> tuple[str, ...]:
    """`auth=` of a call: True (a signature), False (public) or the kinds it accepts."""
    if isinstance(auth, bool):
        return (SIGNATURE,) if auth else ()
    if not isinstance(auth, tuple) or not _CREDENTIALS.issuperset(auth):
        raise ValueError(
            f"auth must be a bool or a tuple of {SIGNATURE!r}/{BEARER!r}, got {auth!r}"
        )
    return auth


def _missing_credentials(
    accepted: tuple[str, ...], *, has_key: bool, has_token: bool, profile: ApiProfile
) -> str:
    env = profile.env
    key_hint = (
        "pass key_id= and private_key= (or private_key_path=) to the client, or set "
        f"{env(ENV_KEY_ID)} and {env(ENV_PRIVATE_KEY)} (or {env(ENV_PRIVATE_KEY_PATH)}) and "
        "use from_env()"
    )
    token_hint = profile.token_hint()
    if accepted == (BEARER,):
        configured = " (an API key is configured, but not accepted here)" if has_key else ""
        parts = ":".join(f"<{part}>" for part in profile.bearer_parts)
        what = f"a bearer token ({parts})" if parts else "an OAuth access token"
        return f"this operation requires {what}{configured}; {token_hint}"
    if BEARER not in accepted:
        configured = " (an OAuth token is configured, but not accepted here)" if has_token else ""
        return f"this operation requires an API key{configured}; {key_hint}"
    return (
        f"this operation requires an API key or an OAuth access token; {key_hint}; or {token_hint}"
    )


def _check_timeout(timeout: float | httpx.Timeout | None, name: str = "timeout") -> None:
    values: tuple[float | None, ...]
    if isinstance(timeout, httpx.Timeout):
        values = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    else:
        values = (timeout,)
    for value in values:
        if value is not None and (not isinstance(value, (int, float)) or not value >= 0):
            raise ValueError(f"{name} must be a non-negative number of seconds, got {value!r}")
        if isinstance(value, float) and math.isinf(value):
            raise ValueError(f"{name} must be finite; pass None for no timeout")


def _env_flag(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"{name} must be a boolean (1/0, true/false), got {value!r}")


# The variables of a caller that names no API (ws/_session.py's from_env): KALSHI_*.
_KALSHI_VARIABLES = ApiProfile((), None, None, "KALSHI")


def env_kwargs(overrides: Mapping[str, Any], profile: ApiProfile | None = None) -> dict[str, Any]:
    """Client keyword arguments from the profile's environment variables (KALSHI_* when
    None); explicit (non-None) overrides win. Only the credentials the profile takes are
    read: a bearer token in parts from one variable per part (KALSHI_KLEAR_ACCESS_TOKEN)."""
    profile = profile or _KALSHI_VARIABLES
    wanted = [ENV_BASE_URL, ENV_DEMO]
    if SIGNATURE in profile.credentials:
        wanted += [ENV_KEY_ID, ENV_PRIVATE_KEY, ENV_PRIVATE_KEY_PATH]
    if BEARER in profile.credentials and not profile.bearer_parts:
        wanted.append(ENV_OAUTH_TOKEN)
    env = {
        constant: value
        for constant in wanted
        if (value := os.environ.get(profile.env(constant), "").strip())
    }
    kwargs = dict(overrides)
    for part in profile.bearer_parts:
        value = os.environ.get(profile.part_env(part), "").strip()
        if kwargs.get(part) is None and value:
            kwargs[part] = value
    if kwargs.get("key_id") is None and ENV_KEY_ID in env:
        kwargs["key_id"] = env[ENV_KEY_ID]
    if kwargs.get("private_key") is None and kwargs.get("private_key_path") is None:
        if ENV_PRIVATE_KEY in env and ENV_PRIVATE_KEY_PATH in env:
            raise ValueError(
                f"set only one of {profile.env(ENV_PRIVATE_KEY)} and "
                f"{profile.env(ENV_PRIVATE_KEY_PATH)}"
            )
        if ENV_PRIVATE_KEY in env:
            kwargs["private_key"] = env[ENV_PRIVATE_KEY]
        elif ENV_PRIVATE_KEY_PATH in env:
            kwargs["private_key_path"] = env[ENV_PRIVATE_KEY_PATH]
    if kwargs.get("oauth_token") is None and ENV_OAUTH_TOKEN in env:
        kwargs["oauth_token"] = env[ENV_OAUTH_TOKEN]
    if kwargs.get("demo") is None and ENV_DEMO in env:
        kwargs["demo"] = _env_flag(profile.env(ENV_DEMO), env[ENV_DEMO])
    if kwargs.get("base_url") is None and not kwargs.get("demo") and ENV_BASE_URL in env:
        kwargs["base_url"] = env[ENV_BASE_URL]
    return kwargs


@lru_cache(maxsize=1)
def user_agent() -> str:
    version = getattr(sys.modules.get(__package__ or ""), "__version__", None)
    if not isinstance(version, str):
        import importlib.metadata

        try:
            version = importlib.metadata.version(DISTRIBUTION_NAME)
        except importlib.metadata.PackageNotFoundError:
            version = "unknown"
    return f"{USER_AGENT_NAME}/{version}"


def _timestamp_ms() -> int:
    return time.time_ns() // 1_000_000


# --- the shared client logic ------------------------------------------------------------


@dataclass(frozen=True)
class _Call:
    """One API call, ready to be built (and signed) afresh for each attempt."""

    method: str
    path: str  # rendered, relative to the base URL; what errors report
    url: str  # absolute, with the encoded query string
    content: bytes | None
    headers: dict[str, str]
    timeout: float | None  # None: the client's timeout
    credential: str | None  # SIGNATURE, BEARER or None: what each attempt is sent with


class _Pages:
    """Cursor bookkeeping for pagination.

    The iteration ends on a page whose cursor is missing, `null` or `""`, after `max_pages`
    pages, or after MAX_EMPTY_PAGES (5) pages in a row without items even when the last one
    has a cursor (logged as a warning: a server handing out fresh cursors for nothing). A
    cursor the server already returned raises KalshiResponseError rather than looping forever
    (items of the pages before it have been yielded by then).
    """

    def __init__(
        self,
        call: _Call,
        params: Mapping[str, object] | None,
        max_pages: int | None,
        cursor_field: str = "cursor",
    ) -> None:
        if max_pages is not None and max_pages < 1:
            raise ValueError(f"max_pages must be at least 1 or None, got {max_pages!r}")
        self._call = call
        self._params = dict(params or {})
        self._max_pages = max_pages
        self._pages = 0
        self._empty_run = 0  # pages in a row without items
        self._cursor_field = cursor_field  # the response field with the next cursor
        start = self._params.get("cursor")
        self._seen: set[str] = {str(start)} if start else set()

    def next_params(self, page: object, items: int) -> dict[str, object] | None:
        """Query params for the page after `page` (which held `items` items); None to stop."""
        self._pages += 1
        self._empty_run = 0 if items else self._empty_run + 1
        cursor = getattr(page, self._cursor_field, None)
        if not cursor or (self._max_pages is not None and self._pages >= self._max_pages):
            return None
        cursor = str(cursor)
        if cursor in self._seen:
            raise KalshiResponseError(
                f"the server returned cursor {truncate(cursor, 80)!r} again; "
                "stopping instead of looping",
                method=self._call.method,
                path=self._call.path,
            )
        self._seen.add(cursor)
        if self._empty_run >= MAX_EMPTY_PAGES:
            log.warning(
                "%s %s: stopping after %d pages in a row without items (the last had a cursor)",
                self._call.method,
                self._call.path,
                self._empty_run,
            )
            return None
        return {**self._params, "cursor": cursor}


class _BaseAPIClient:
    # The API this client talks to: each generated client class sets its own (client.py).
    _profile: ClassVar[ApiProfile | None] = None

    def __init__(
        self,
        *,
        key_id: str | None,
        private_key: str | bytes | None,
        private_key_path: str | os.PathLike[str] | None,
        base_url: str | None,
        demo: bool,
        timeout: float | httpx.Timeout | None,
        max_retries: int,
        strict_responses: bool | None,
        oauth_token: str | None,
        allow_unknown_host: bool | None,
    ) -> None:
        profile = self._api()
        has_key = bool(key_id) or private_key is not None or private_key_path is not None
        if has_key and SIGNATURE not in profile.credentials:
            refuse_keywords(type(self).__name__, profile, {"private_key": None})
        if oauth_token is not None and BEARER not in profile.credentials:
            refuse_keywords(type(self).__name__, profile, {"oauth_token": None})
        if allow_unknown_host is None:  # like strict_responses: the environment decides
            name = profile.env(ENV_ALLOW_UNKNOWN_HOST)
            allow_unknown_host = _env_flag(name, os.environ.get(name, ""))
        self._base_url = _resolve_base_url(
            base_url, demo, allow_unknown_host=allow_unknown_host, profile=profile
        )
        self._oauth_token = _check_oauth_token(oauth_token)
        if strict_responses is None:  # the environment decides, for every client of a run
            strict = os.environ.get(ENV_STRICT_RESPONSES, "")  # of any API: one switch
            strict_responses = _env_flag(ENV_STRICT_RESPONSES, strict)
        if not isinstance(strict_responses, bool):
            raise TypeError(f"strict_responses must be a bool, got {strict_responses!r}")
        self._strict_responses = strict_responses
        _check_timeout(timeout)
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError(f"max_retries must be a non-negative int, got {max_retries!r}")
        self._timeout = timeout
        # The whole-attempt deadline: a number only (an httpx.Timeout sets per-phase limits).
        self._deadline_s = float(timeout) if isinstance(timeout, (int, float)) else None
        self._max_retries = max_retries
        self._signer: RequestSigner | None = None
        if has_key:
            from ._auth import make_signer  # cryptography loads only when a key is used

            self._signer = make_signer(
                key_id, private_key, private_key_path, env_prefix=profile.env_prefix
            )
        self._clock_ms: Callable[[], int] = _timestamp_ms  # replaceable in tests

    @classmethod
    def _api(cls) -> ApiProfile:
        if cls._profile is None:
            raise TypeError(
                f"{cls.__name__} names no API (its servers, variables, credentials): use a "
                "generated client, kalshi.KalshiClient or another package's, which sets _profile"
            )
        return cls._profile

    @classmethod
    def from_env(cls, **overrides: Any) -> Self:
        """A client configured from its API's environment variables (KALSHI_* for
        kalshi.KalshiClient, KALSHI_PERPS_* for kalshi.perps, ...); keyword arguments win."""
        return cls(**env_kwargs(overrides, cls._api()))

    @property
    def base_url(self) -> str:
        return self._base_url

    @property
    def is_authenticated(self) -> bool:
        """An API key or a bearer token (OAuth, or the API's token in parts) is configured."""
        return self._signer is not None or self._oauth_token is not None

    @property
    def max_retries(self) -> int:
        return self._max_retries

    @property
    def strict_responses(self) -> bool:
        """True: a response that deviates from its model raises instead of being absorbed."""
        return self._strict_responses

    def __repr__(self) -> str:
        """The base URL and the key id where the API takes a key; never a token."""
        name = type(self).__name__
        if SIGNATURE not in self._api().credentials:
            return f"{name}(base_url={self._base_url!r})"
        key_id = None if self._signer is None else self._signer.key_id
        return f"{name}(base_url={self._base_url!r}, key_id={key_id!r})"

    def _default_headers(self) -> dict[str, str]:
        return {"User-Agent": user_agent(), "Accept": "application/json"}

    def _prepare(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, str | int] | None,
        params: Mapping[str, object] | None,
        body: Mapping[str, Any] | None,
        auth: bool | tuple[str, ...],
        headers: Mapping[str, object] | None,
        extra_headers: Mapping[str, str] | None,
        timeout: float | None,
        comma_separated: Collection[str] = (),
    ) -> _Call:
        """Everything checked and encoded once, before any request is sent.

        Headers, later ones winning: the client's (User-Agent, Accept), the operation's
        (Content-Type, `headers`: its header parameters and a non-JSON Accept), then
        `extra_headers`; the signer sets the KALSHI-ACCESS-* headers last, over any of them.
        """
        method = method.upper()
        if not path.startswith("/"):
            raise ValueError(f"path must start with '/', got {path!r}")
        rendered = render_path(path, path_params)
        credential = self._credential(_accepted_credentials(auth), method, rendered)
        _check_timeout(timeout)
        content = None
        operation_headers = encode_headers(headers)
        if body is not None:
            content = encode_json(body)
            operation_headers = merge_headers(
                {"Content-Type": "application/json"}, operation_headers
            )
        # The query goes into the URL here, once: handing `params` to httpx (even an empty
        # tuple) makes every attempt's build_request merge and re-parse the URL (~20 us).
        # urlencode is what httpx's QueryParams uses, so the bytes on the wire are the same.
        query = encode_params(params, comma_separated)
        return _Call(
            method=method,
            path=rendered,
            url=self._base_url + rendered + (f"?{urlencode(query)}" if query else ""),
            content=content,
            headers=merge_headers(operation_headers, extra_headers),
            timeout=timeout,
            credential=credential,
        )

    def _credential(self, accepted: tuple[str, ...], method: str, path: str) -> str | None:
        """What the call is sent with: the signature where accepted and a key is configured,
        else the OAuth token where accepted. A public call is signed when a key is configured
        (the server wants auth on some operations the spec marks public); a token is sent
        only where the spec accepts it."""
        if not accepted:
            return SIGNATURE if self._signer is not None else None
        if SIGNATURE in accepted and self._signer is not None:
            return SIGNATURE
        if BEARER in accepted and self._oauth_token is not None:
            return BEARER
        message = _missing_credentials(
            accepted,
            has_key=self._signer is not None,
            has_token=self._oauth_token is not None,
            profile=self._api(),
        )
        raise KalshiAuthRequiredError(message, method=method, path=path)

    def _build_request(self, http: httpx.Client | httpx.AsyncClient, call: _Call) -> httpx.Request:
        """The attempt's request, signed with a fresh timestamp (or carrying the OAuth token)."""
        request = http.build_request(
            call.method,
            call.url,
            content=call.content,
            headers=call.headers,
            timeout=httpx.USE_CLIENT_DEFAULT if call.timeout is None else call.timeout,
        )
        if call.credential == SIGNATURE and self._signer is not None:
            # Sign what goes on the wire: the full path (with /trade-api/v2), no query.
            signed_path = request.url.raw_path.split(b"?", 1)[0].decode("ascii")
            request.headers.update(self._signer.headers(call.method, signed_path, self._clock_ms()))
        elif call.credential == BEARER and self._oauth_token is not None:
            request.headers["Authorization"] = f"Bearer {self._oauth_token}"
        return request

    def _delay_after_response(
        self, call: _Call, response: httpx.Response, attempt: int
    ) -> float | None:
        """Seconds to wait before retrying after `response`; None to not retry."""
        if response.is_success or not should_retry(
            call.method,
            response.status_code,
            attempt,
            self._max_retries,
            transport_error=False,
            request_sent=True,
        ):
            return None
        delay = backoff_delay(attempt, parse_retry_after(response.headers.get("retry-after")))
        log.debug(
            "%s %s -> %d, retrying in %.2fs", call.method, call.path, response.status_code, delay
        )
        return delay

    def _deadline(self, call: _Call) -> float | None:
        """Seconds the attempt may take in all; None for no deadline."""
        return self._deadline_s if call.timeout is None else call.timeout

    def _delay_after_error(self, call: _Call, exc: Exception, attempt: int) -> float | None:
        """Seconds to wait before retrying after a failure (`_is_failure`); None to not retry."""
        if not should_retry(
            call.method,
            None,
            attempt,
            self._max_retries,
            transport_error=_is_transport_error(exc),
            request_sent=not isinstance(exc, _NOT_SENT),
        ):
            return None
        delay = backoff_delay(attempt, None)
        log.debug(
            "%s %s -> %s, retrying in %.2fs", call.method, call.path, type(exc).__name__, delay
        )
        return delay

    def _transport_failure(self, call: _Call, exc: Exception, attempts: int) -> KalshiError:
        timed_out = isinstance(exc, (httpx.TimeoutException, TimeoutError))
        cls = KalshiTimeoutError if timed_out else KalshiNetworkError
        if isinstance(exc, _DeadlineExceeded):
            detail = str(exc)
        else:
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        what = "timed out" if timed_out else "failed"
        return cls(
            f"request {what} after {attempts} attempt(s) ({detail})",
            method=call.method,
            path=call.path,
        )

    def _undecodable(
        self, call: _Call, response: httpx.Response, exc: httpx.DecodingError
    ) -> KalshiResponseError:
        encoding = truncate(response.headers.get("content-encoding", ""), 40)
        return KalshiResponseError(
            f"the response body does not decode as Content-Encoding {encoding!r} ({exc})",
            status_code=response.status_code,
            method=call.method,
            path=call.path,
        )

    def _finish(self, call: _Call, response: httpx.Response, cast_to: type[T]) -> T:
        if not response.is_success:
            raise make_status_error(
                response.status_code, response.content, response.headers, call.method, call.path
            )
        return parse_response(
            response, cast_to, call.method, call.path, strict=self._strict_responses
        )


# --- sync and async: only the send/sleep loops differ ------------------------------------


class SyncAPIClient(_BaseAPIClient):
    def __init__(
        self,
        *,
        key_id: str | None = None,
        private_key: str | bytes | None = None,
        private_key_path: str | os.PathLike[str] | None = None,
        base_url: str | None = None,
        demo: bool = False,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.BaseTransport | None = None,
        strict_responses: bool | None = None,
        oauth_token: str | None = None,
        allow_unknown_host: bool | None = None,
    ) -> None:
        """`timeout` (seconds) bounds each attempt: connect, each read and write, and the
        whole response body, which must be complete `timeout` seconds after the attempt
        starts (else KalshiTimeoutError). Headers are bounded per read; a GET's retries get
        a fresh deadline each; an `httpx.Timeout` sets per-phase limits only, `None` none.
        (Details: the `kalshi._base_client` module docstring.)
        """
        super().__init__(
            key_id=key_id,
            private_key=private_key,
            private_key_path=private_key_path,
            base_url=base_url,
            demo=demo,
            timeout=timeout,
            max_retries=max_retries,
            strict_responses=strict_responses,
            oauth_token=oauth_token,
            # an injected transport (tests, FakeKalshi, replay) decides where requests go
            allow_unknown_host=True if transport is not None else allow_unknown_host,
        )
        self._http = httpx.Client(
            transport=transport, timeout=timeout, headers=self._default_headers()
        )

    def _sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def _exchange(self, call: _Call, request: httpx.Request) -> httpx.Response:
        """One attempt: the response, its body read within the attempt's deadline."""
        seconds = self._deadline(call)
        start = time.monotonic()
        response = self._http.send(request, stream=True)
        try:
            if seconds is not None and isinstance(response.stream, httpx.SyncByteStream):
                response.stream = _DeadlineStream(response.stream, start + seconds, seconds)
            response.read()
        except httpx.DecodingError as exc:
            response.close()
            raise self._undecodable(call, response, exc) from exc
        except BaseException:
            response.close()
            raise
        return response

    def _send(self, call: _Call, cast_to: type[T]) -> T:
        attempt = 0
        while True:
            request = self._build_request(self._http, call)
            try:
                response = self._exchange(call, request)
            except Exception as exc:
                if not _is_failure(exc):
                    raise
                delay = self._delay_after_error(call, exc, attempt)
                if delay is None:
                    raise self._transport_failure(call, exc, attempt + 1) from exc
            else:
                delay = self._delay_after_response(call, response, attempt)
                if delay is None:
                    return self._finish(call, response, cast_to)
                response.close()
            self._sleep(delay)
            attempt += 1

    def request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, str | int] | None = None,
        params: Mapping[str, object] | None = None,
        comma_separated: Collection[str] = (),
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        auth: bool | tuple[str, ...],
        cast_to: type[T],
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> T:
        call = self._prepare(
            method,
            path,
            path_params=path_params,
            params=params,
            body=body,
            auth=auth,
            headers=headers,
            extra_headers=extra_headers,
            timeout=timeout,
            comma_separated=comma_separated,
        )
        return self._send(call, cast_to)

    def paginate(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, str | int] | None = None,
        params: Mapping[str, object] | None = None,
        comma_separated: Collection[str] = (),
        headers: Mapping[str, object] | None = None,
        auth: bool | tuple[str, ...],
        cast_to: type[P],
        items: Callable[[P], Sequence[T] | None],
        max_pages: int | None = None,
        cursor_field: str = "cursor",
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> Iterator[T]:
        """Items of every page, following `cursor`; arguments are checked before iterating."""

        def prepare(page_params: Mapping[str, object] | None) -> _Call:
            return self._prepare(
                method,
                path,
                path_params=path_params,
                params=page_params,
                body=None,
                auth=auth,
                headers=headers,
                extra_headers=extra_headers,
                timeout=timeout,
                comma_separated=comma_separated,
            )

        first = prepare(params)
        pages = _Pages(first, params, max_pages, cursor_field)

        def iterate() -> Iterator[T]:
            call: _Call | None = first
            while call is not None:
                page = self._send(call, cast_to)
                batch = items(page) or ()
                yield from batch
                next_params = pages.next_params(page, len(batch))
                call = None if next_params is None else prepare(next_params)

        return iterate()

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncAPIClient(_BaseAPIClient):
    def __init__(
        self,
        *,
        key_id: str | None = None,
        private_key: str | bytes | None = None,
        private_key_path: str | os.PathLike[str] | None = None,
        base_url: str | None = None,
        demo: bool = False,
        timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        transport: httpx.AsyncBaseTransport | None = None,
        strict_responses: bool | None = None,
        oauth_token: str | None = None,
        allow_unknown_host: bool | None = None,
    ) -> None:
        """`timeout` (seconds) bounds each attempt: connect, each read and write, and the
        whole response body, which must be complete `timeout` seconds after the attempt
        starts (else KalshiTimeoutError). Headers are bounded per read; a GET's retries get
        a fresh deadline each; an `httpx.Timeout` sets per-phase limits only, `None` none.
        (Details: the `kalshi._base_client` module docstring.)
        """
        super().__init__(
            key_id=key_id,
            private_key=private_key,
            private_key_path=private_key_path,
            base_url=base_url,
            demo=demo,
            timeout=timeout,
            max_retries=max_retries,
            strict_responses=strict_responses,
            oauth_token=oauth_token,
            # an injected transport (tests, FakeKalshi, replay) decides where requests go
            allow_unknown_host=True if transport is not None else allow_unknown_host,
        )
        self._http = httpx.AsyncClient(
            transport=transport, timeout=timeout, headers=self._default_headers()
        )

    async def _sleep(self, seconds: float) -> None:
        import asyncio

        await asyncio.sleep(seconds)

    async def _exchange(self, call: _Call, request: httpx.Request) -> httpx.Response:
        """One attempt: the response, its body read within the attempt's deadline."""
        seconds = self._deadline(call)
        start = time.monotonic()
        response = await self._http.send(request, stream=True)
        try:
            if seconds is not None and isinstance(response.stream, httpx.AsyncByteStream):
                response.stream = _AsyncDeadlineStream(response.stream, start + seconds, seconds)
            await response.aread()
        except httpx.DecodingError as exc:
            await response.aclose()
            raise self._undecodable(call, response, exc) from exc
        except BaseException:
            await response.aclose()
            raise
        return response

    async def _send(self, call: _Call, cast_to: type[T]) -> T:
        attempt = 0
        while True:
            request = self._build_request(self._http, call)
            try:
                response = await self._exchange(call, request)
            except Exception as exc:
                if not _is_failure(exc):
                    raise
                delay = self._delay_after_error(call, exc, attempt)
                if delay is None:
                    raise self._transport_failure(call, exc, attempt + 1) from exc
            else:
                delay = self._delay_after_response(call, response, attempt)
                if delay is None:
                    return self._finish(call, response, cast_to)
                await response.aclose()
            await self._sleep(delay)
            attempt += 1

    async def request(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, str | int] | None = None,
        params: Mapping[str, object] | None = None,
        comma_separated: Collection[str] = (),
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, object] | None = None,
        auth: bool | tuple[str, ...],
        cast_to: type[T],
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> T:
        call = self._prepare(
            method,
            path,
            path_params=path_params,
            params=params,
            body=body,
            auth=auth,
            headers=headers,
            extra_headers=extra_headers,
            timeout=timeout,
            comma_separated=comma_separated,
        )
        return await self._send(call, cast_to)

    def paginate(
        self,
        method: str,
        path: str,
        *,
        path_params: Mapping[str, str | int] | None = None,
        params: Mapping[str, object] | None = None,
        comma_separated: Collection[str] = (),
        headers: Mapping[str, object] | None = None,
        auth: bool | tuple[str, ...],
        cast_to: type[P],
        items: Callable[[P], Sequence[T] | None],
        max_pages: int | None = None,
        cursor_field: str = "cursor",
        extra_headers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> AsyncIterator[T]:
        """Items of every page, following `cursor`, for `async for`; arguments checked now."""

        def prepare(page_params: Mapping[str, object] | None) -> _Call:
            return self._prepare(
                method,
                path,
                path_params=path_params,
                params=page_params,
                body=None,
                auth=auth,
                headers=headers,
                extra_headers=extra_headers,
                timeout=timeout,
                comma_separated=comma_separated,
            )

        first = prepare(params)
        pages = _Pages(first, params, max_pages, cursor_field)

        async def iterate() -> AsyncIterator[T]:
            call: _Call | None = first
            while call is not None:
                page = await self._send(call, cast_to)
                batch = items(page) or ()
                for item in batch:
                    yield item
                next_params = pages.next_params(page, len(batch))
                call = None if next_params is None else prepare(next_params)

        return iterate()

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

"""Record real exchanges to JSON files once, replay them in tests offline.

`RecordingTransport` wraps a real httpx transport and writes one scrubbed JSON file per
exchange; `ReplayTransport` serves those files back, so a test of trading code can run
against answers the real API gave, without the network or a key. The files are meant to be
committed and shared: request headers are never written, and every value that identifies
the account becomes a stable pseudonym (see `RecordingTransport`).

A request `ReplayTransport` has no recording for raises `ReplayMissError`. The client's
runtime (`_base_client.py`, `_send`) turns only httpx errors and network OSErrors from a
transport into KalshiNetworkError / KalshiTimeoutError; anything else propagates unchanged.
A `ReplayMissError` is a `LookupError`, so it reaches the test as-is and is never retried:
a missing recording is a bug of the test, not a network problem.
"""

from __future__ import annotations

import codecs
import difflib
import hashlib
import json
import os
import re
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode

import httpx

__all__ = [
    "DEFAULT_SCRUB_KEYS",
    "FORMAT",
    "RecordingTransport",
    "ReplayMissError",
    "ReplayTransport",
]

FORMAT = "kalshi-recording/1"
DEFAULT_SCRUB_KEYS = frozenset(
    {"user_id", "member_id", "account_id", "api_key_id", "key_id", "email", "username", "fcm_id"}
)
KEY_HEADER = "KALSHI-ACCESS-KEY"
BEARER_PREFIX = "bearer "  # Authorization: the OAuth token, Klear's <admin_user_id>:<access_token>
PSEUDONYM_PREFIX = "redacted-"
_KEYS = ("format", "method", "path", "query", "status", "content_type", "body", "text")
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SLUG_CHARS = 80
_NUMBERED = re.compile(r"^(\d+)-")
_MIN_KNOWN_CHARS = 3  # shorter values are not matched outside their own keys ("1", "")
_MIN_SUBSTRING_CHARS = 8  # the key id is replaced inside longer strings only from this length
_MAX_CLOSE = 5


class ReplayMissError(LookupError):
    """A request `ReplayTransport` has no recording for (a test bug: never retried)."""

    def __init__(
        self, method: str, path: str, query: list[tuple[str, str]], closest: list[str]
    ) -> None:
        self.method = method
        self.path = path
        self.query = query
        self.closest = closest  # up to 5 recorded "METHOD path?query" keys, closest first
        wanted = _describe(method, path, query)
        hint = "; closest recorded: " + ", ".join(closest) if closest else "; none is close"
        super().__init__(f"no recording for {wanted}{hint}")


def pseudonym(value: object) -> str:
    """The stable stand-in of an identifying value: the same id gives the same pseudonym."""
    digest = hashlib.sha256(str(value).encode("utf-8")).hexdigest()
    return PSEUDONYM_PREFIX + digest[:12]


# ---------------------------------------------------------------------- recording


class _Scrubber:
    """Replaces identifying values; remembers them, so later paths and queries are covered."""

    def __init__(self, keys: Iterable[str]) -> None:
        self.keys = frozenset(k.casefold() for k in keys)
        self.known: set[str] = set()  # identifying strings seen so far (key id included)
        self.key_ids: set[str] = set()

    def learn_key_id(self, key_id: str) -> None:
        if key_id:
            self.key_ids.add(key_id)
            self.known.add(key_id)

    def learn_authorization(self, authorization: str) -> None:
        """A bearer token and each `:`-separated part of it (Klear's admin user id and access
        token) are scrubbed like the key id, should the server echo one of them."""
        if authorization[: len(BEARER_PREFIX)].lower() != BEARER_PREFIX:
            return
        token = authorization[len(BEARER_PREFIX) :].strip()
        for value in {token, *(part.strip() for part in token.split(":"))}:
            if len(value) >= _MIN_KNOWN_CHARS:
                self.learn_key_id(value)

    def learn(self, value: Any) -> None:
        """Collect the strings under scrubbed keys of `value` (a parsed JSON body)."""
        if isinstance(value, dict):
            for key, item in value.items():
                if str(key).casefold() in self.keys:
                    self._learn_all(item)
                else:
                    self.learn(item)
        elif isinstance(value, list):
            for item in value:
                self.learn(item)

    def learn_query(self, pairs: list[tuple[str, str]]) -> None:
        for name, value in pairs:
            if name.casefold() in self.keys:
                self._learn_all(value)

    def _learn_all(self, value: Any) -> None:
        if isinstance(value, str):
            if len(value) >= _MIN_KNOWN_CHARS:
                self.known.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                self._learn_all(item)
        elif isinstance(value, list):
            for item in value:
                self._learn_all(item)

    def body(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {
                key: self._all(item) if str(key).casefold() in self.keys else self.body(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.body(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def _all(self, value: Any) -> Any:
        """Every scalar under a scrubbed key; None stays None (absence is not identifying)."""
        if isinstance(value, dict):
            return {key: self._all(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._all(item) for item in value]
        if value is None:
            return None
        if isinstance(value, bool):
            return pseudonym(json.dumps(value))
        return pseudonym(value)

    def text(self, value: str) -> str:
        if value in self.known:
            return pseudonym(value)
        for key_id in self.key_ids:
            if len(key_id) >= _MIN_SUBSTRING_CHARS and key_id in value:
                value = value.replace(key_id, pseudonym(key_id))
        return value

    def query(self, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [
            (name, pseudonym(value) if name.casefold() in self.keys else self.text(value))
            for name, value in pairs
        ]

    def path(self, raw_path: str) -> str:
        segments = raw_path.split("/")
        return "/".join(
            quote(pseudonym(unquote(s)), safe="") if unquote(s) in self.known else s
            for s in segments
        )


class RecordingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a real transport and writes each exchange to `directory`, scrubbed.

        client = KalshiClient(key_id=..., private_key_path=..., transport=RecordingTransport("rec"))

    One file per exchange, `NNNN-METHOD-slug.json` (the counter continues after the files
    already there; the slug is the scrubbed path), written atomically (temp file, then
    `os.replace`), so a crash never leaves half a recording for `ReplayTransport` to refuse.

    Scrubbing, because recordings get committed: request headers are never written (no
    KALSHI-ACCESS-KEY / -SIGNATURE / -TIMESTAMP, no Authorization); only the response's
    content-type is kept. Values under `DEFAULT_SCRUB_KEYS` and `scrub_keys` (dict keys at
    any depth of the body, query parameter names) become `pseudonym(value)`; so do strings
    equal to one of those values anywhere in the body, a query value or a path segment (also
    of later exchanges), and the request's KALSHI-ACCESS-KEY value and bearer token, with each
    `:`-separated part of it (Klear's `<admin_user_id>:<access_token>`; also inside longer
    strings and non-JSON text). Pseudonyms are deterministic, so one id reads the same in
    every file and replayed tests can still compare them.

    With no `transport`, sync use gets `httpx.HTTPTransport()` and async use
    `httpx.AsyncHTTPTransport()`, each made on first use.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        *,
        scrub_keys: Iterable[str] = (),
    ) -> None:
        if isinstance(scrub_keys, str):
            raise TypeError("scrub_keys takes an iterable of key names, not one string")
        self._directory = Path(directory)
        self._transport = transport
        self._sync: httpx.BaseTransport | None = None
        self._async: httpx.AsyncBaseTransport | None = None
        self._scrubber = _Scrubber(DEFAULT_SCRUB_KEYS | set(scrub_keys))
        self._lock = threading.Lock()
        self._next: int | None = None  # read from the directory on the first write
        self._recordings: list[Path] = []

    def __repr__(self) -> str:
        return f"RecordingTransport({str(self._directory)!r}, {len(self.recordings)} written)"

    @property
    def directory(self) -> Path:
        return self._directory

    @property
    def recordings(self) -> list[Path]:
        """The files written so far, oldest first (a copy)."""
        with self._lock:
            return list(self._recordings)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self._sync_transport().handle_request(request)
        # Read here to record it; the client then finds the content already read. (A side
        # effect: httpx leaves `response.elapsed` unset, which the client never reads.)
        try:
            response.read()
        except BaseException:
            response.close()
            raise
        self._record(request, response)
        return response

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._async_transport().handle_async_request(request)
        try:
            await response.aread()
        except BaseException:
            await response.aclose()
            raise
        self._record(request, response)
        return response

    def close(self) -> None:
        inner = self._sync if self._transport is None else self._transport
        if isinstance(inner, httpx.BaseTransport):
            inner.close()

    async def aclose(self) -> None:
        inner = self._async if self._transport is None else self._transport
        if isinstance(inner, httpx.AsyncBaseTransport):
            await inner.aclose()

    def _sync_transport(self) -> httpx.BaseTransport:
        if self._transport is None:
            with self._lock:
                if self._sync is None:
                    self._sync = httpx.HTTPTransport()
                return self._sync
        if not isinstance(self._transport, httpx.BaseTransport):
            raise TypeError(
                f"{type(self._transport).__name__} is an async transport: use the "
                "RecordingTransport with AsyncKalshiClient, or wrap a sync transport"
            )
        return self._transport

    def _async_transport(self) -> httpx.AsyncBaseTransport:
        if self._transport is None:
            with self._lock:
                if self._async is None:
                    self._async = httpx.AsyncHTTPTransport()
                return self._async
        if not isinstance(self._transport, httpx.AsyncBaseTransport):
            raise TypeError(
                f"{type(self._transport).__name__} is a sync transport: use the "
                "RecordingTransport with KalshiClient, or wrap an async transport"
            )
        return self._transport

    def _record(self, request: httpx.Request, response: httpx.Response) -> None:
        content = response.content
        body: Any = None
        text: str | None = None
        if content:
            try:
                body = json.loads(content)
            except ValueError:
                text = response.text
        raw_path = request.url.raw_path.decode("ascii", errors="replace").split("?", 1)[0]
        pairs = list(request.url.params.multi_items())
        content_type = response.headers.get("content-type")
        with self._lock:
            scrub = self._scrubber
            scrub.learn_key_id(request.headers.get(KEY_HEADER, ""))
            scrub.learn_authorization(request.headers.get("Authorization", ""))
            scrub.learn(body)
            scrub.learn_query(pairs)
            path = scrub.path(raw_path)
            recording = {
                "format": FORMAT,
                "method": request.method.upper(),
                "path": path,
                "query": [list(pair) for pair in scrub.query(pairs)],
                "status": response.status_code,
                "content_type": content_type,
                "body": scrub.body(body),
                "text": None if text is None else scrub.text(text),
            }
            self._recordings.append(self._write(recording, _slug(path)))

    def _write(self, recording: dict[str, Any], slug: str) -> Path:
        """The next numbered file, written atomically; called with the lock held."""
        directory = self._directory
        directory.mkdir(parents=True, exist_ok=True)
        if self._next is None:
            self._next = _next_number(directory)
        while True:
            target = directory / f"{self._next:04d}-{recording['method']}-{slug}.json"
            self._next += 1
            if not target.exists():  # another writer in the same directory
                break
        data = json.dumps(recording, sort_keys=False, indent=1, ensure_ascii=False) + "\n"
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{target.stem}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(data)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return target


def _slug(path: str) -> str:
    slug = _SLUG_UNSAFE.sub("-", unquote(path)).strip("-.")
    return slug[:_SLUG_CHARS].rstrip("-.") or "root"


def _next_number(directory: Path) -> int:
    numbers = [
        int(match.group(1))
        for entry in directory.iterdir()
        if (match := _NUMBERED.match(entry.name)) is not None
    ]
    return max(numbers, default=0) + 1


# ---------------------------------------------------------------------- replaying

_Key = tuple[str, str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class _Recording:
    file: Path
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    status: int
    content_type: str | None
    content: bytes

    @property
    def key(self) -> _Key:
        return (self.method, self.path, tuple(sorted(self.query)))


class ReplayTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Serves the recordings in `directory` back, for `KalshiClient` and `AsyncKalshiClient`.

        client = KalshiClient(key_id=..., private_key=..., transport=ReplayTransport("rec"))

    Every `*.json` file is loaded now (by name, so in recorded order); one that is not a
    `kalshi-recording/1` file raises ValueError naming it. A request is matched on method,
    path (as on the wire) and query (in any order). Recordings with the same key are served
    in recorded order and the last one repeats. A path segment or query value whose
    pseudonym appears in the recordings is matched as that pseudonym, so code sending the
    real (recorded, then scrubbed) id still finds its recording. No match raises
    `ReplayMissError`, which the client does not catch (see the module docstring).

    The answer has the recorded status, content-type and body (JSON re-encoded, or the
    text); a recorded JSON `null` body is replayed as an empty body.
    """

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self._directory = Path(directory)
        if not self._directory.is_dir():
            raise FileNotFoundError(f"{self._directory}: no such directory of recordings")
        files = sorted(self._directory.glob("*.json"), key=_file_order)
        self._recordings = [_load(file) for file in files]
        self._by_key: dict[_Key, list[_Recording]] = {}
        for recording in self._recordings:
            self._by_key.setdefault(recording.key, []).append(recording)
        self._pseudonyms = {
            value
            for recording in self._recordings
            for value in (
                *(unquote(s) for s in recording.path.split("/")),
                *(v for _, v in recording.query),
            )
            if value.startswith(PSEUDONYM_PREFIX)
        }
        self._lock = threading.Lock()
        self._served: dict[_Key, int] = {}
        self._used: set[Path] = set()

    def __repr__(self) -> str:
        return f"ReplayTransport({str(self._directory)!r}, {len(self._recordings)} recordings)"

    @property
    def recordings(self) -> list[Path]:
        """Every loaded recording, in the order they are served."""
        return [r.file for r in self._recordings]

    def unused(self) -> list[Path]:
        """The recordings never served so far, in name order."""
        with self._lock:
            return [r.file for r in self._recordings if r.file not in self._used]

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self._serve(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self._serve(request)

    def _serve(self, request: httpx.Request) -> httpx.Response:
        method = request.method.upper()
        raw_path = request.url.raw_path.decode("ascii", errors="replace").split("?", 1)[0]
        pairs = list(request.url.params.multi_items())
        path = "/".join(self._as_recorded(s, quoted=True) for s in raw_path.split("/"))
        query = [(name, self._as_recorded(value)) for name, value in pairs]
        key: _Key = (method, path, tuple(sorted(query)))
        with self._lock:
            candidates = self._by_key.get(key)
            if not candidates:
                raise ReplayMissError(method, raw_path, pairs, self._closest(key))
            index = self._served.get(key, 0)
            self._served[key] = index + 1
            recording = candidates[min(index, len(candidates) - 1)]
            self._used.add(recording.file)
        headers = {} if recording.content_type is None else {"content-type": recording.content_type}
        return httpx.Response(
            recording.status, headers=headers, content=recording.content, request=request
        )

    def _as_recorded(self, value: str, *, quoted: bool = False) -> str:
        plain = unquote(value) if quoted else value
        if plain and (alias := pseudonym(plain)) in self._pseudonyms:
            return alias
        return value

    def _closest(self, key: _Key) -> list[str]:
        wanted = _describe(key[0], key[1], list(key[2]))
        known = [_describe(m, p, list(q)) for (m, p, q) in self._by_key]
        return difflib.get_close_matches(wanted, known, n=_MAX_CLOSE, cutoff=0.3)


def _describe(method: str, path: str, query: list[tuple[str, str]]) -> str:
    return f"{method} {path}" + (f"?{urlencode(sorted(query))}" if query else "")


def _file_order(file: Path) -> tuple[int, str]:
    """By name, with the counter compared as a number (10000 after 9999)."""
    match = _NUMBERED.match(file.name)
    return (int(match.group(1)) if match else -1, file.name)


def _load(file: Path) -> _Recording:
    def refuse(why: str) -> ValueError:
        return ValueError(f"{file}: not a {FORMAT} recording ({why})")

    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise refuse(f"invalid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise refuse("not a JSON object")
    if data.get("format") != FORMAT:
        raise refuse(f"format is {data.get('format')!r}")
    missing = [k for k in _KEYS if k not in data]
    if missing:
        raise refuse(f"missing {', '.join(missing)}")
    method, path, query, status = data["method"], data["path"], data["query"], data["status"]
    content_type, body, text = data["content_type"], data["body"], data["text"]
    if not isinstance(method, str) or not method:
        raise refuse(f"method is {method!r}")
    if not isinstance(path, str) or not path.startswith("/"):
        raise refuse(f"path is {path!r}")
    if not isinstance(query, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in query
    ):
        raise refuse("query is not a list of [name, value] string pairs")
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise refuse(f"status is {status!r}")
    if content_type is not None and not isinstance(content_type, str):
        raise refuse(f"content_type is {content_type!r}")
    if text is not None and not isinstance(text, str):
        raise refuse(f"text is {text!r}")
    if text is not None and body is not None:
        raise refuse("both body and text are set")
    if text is not None:
        content = text.encode(_charset(content_type), errors="replace")
    elif body is not None:
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    else:
        content = b""
    return _Recording(
        file=file,
        method=method.upper(),
        path=path,
        query=tuple((name, value) for name, value in query),
        status=status,
        content_type=content_type,
        content=content,
    )


def _charset(content_type: str | None) -> str:
    """The charset the recorded text is sent in: the content-type's, if Python knows it."""
    for part in (content_type or "").split(";")[1:]:
        name, _, value = part.strip().partition("=")
        if name.lower() == "charset":
            try:
                return codecs.lookup(value.strip().strip('"')).name
            except LookupError:
                break
    return "utf-8"

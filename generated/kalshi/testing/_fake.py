"""FakeKalshi: an in-process fake of the Kalshi Trade API, driven by the spec's contract.

It routes every operation of the spec (`_contract.py`, generated with the client), checks
each request against it (path, method, auth headers, query and header parameters, JSON
body) and
answers with what a test scripted through `respond()` / `fail()`, else from its state, else
with a deterministic, spec-valid response synthesised from the response schema.

The contract and the clients it serves are class attributes (`contract`, `clients`), so one
fake serves every API generated into this distribution: `kalshi.perps.testing.FakePerps`
is a FakeKalshi subclass bound to kalshi.perps's contract and clients.

State (on by default; `FakeKalshi(stateful=False)` turns it off): order groups and the
orders of the V2 order endpoints behave like the exchange's (see `_state.py`). Create
returns a fresh id (`og_1`, `ord_1`, ...), get / list return what was sent, update-limit,
trigger, reset, cancel, amend and decrease change it, and an unknown or deleted id answers
404. A scripted answer still wins over the state; a scripted 2xx answer to a create is also
kept (by the id it names), so unscripted calls that follow find it. `fake.state` is a
read-only snapshot, `fake.reset_state()` forgets it, `fake.fill_order()` simulates a fill.

Server-quirks mode (`FakeKalshi(quirks=True)`): synthesised and stateful answers (never
scripted ones) are sent the way the real server sends them today: next to every
fixed-point field `X_dollars` / `X_fp` of a JSON object also the legacy integer `X` (cents,
round(value * 100), for `_dollars`; the whole count for `_fp`; rounded half up), every empty
array below the top level as `null`, and without the properties the response schema marks
`"x-server-omits": true` (an omitted field brings no legacy key either). `default_response()`
stays the plain synthesised body; `with_quirks(value, schema)` shows what the mode sends.
"""

from __future__ import annotations

import base64
import binascii
import difflib
import json
import os
import threading
from collections import deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, Union
from urllib.parse import unquote

import httpx

from .._base_client import encode_json
from ._schema import Problem, SchemaSet
from ._state import Call, ExchangeState, OrderRecord, StateError, StateView

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey, RSAPublicKey

    from ..client import AsyncKalshiClient, KalshiClient

__all__ = ["FakeKalshi", "FakeTransport", "RecordedRequest"]

SERVICE = "fake-kalshi"
AUTH_HEADERS = ("KALSHI-ACCESS-KEY", "KALSHI-ACCESS-TIMESTAMP", "KALSHI-ACCESS-SIGNATURE")
FAKE_KEY_ID = "fake-kalshi-key"
# The credential kinds of a contract's "auth" (generator/openapi/security.py): a signature
# (AUTH_HEADERS), or `Authorization: Bearer <token>`: the user OAuth access token, or a token
# of parts joined by ":" where the API's client says so (its ApiProfile's `bearer_parts`,
# from the document's bearerFormat: Klear's `<admin_user_id>:<access_token>`).
SIGNATURE = "signature"
BEARER = "bearer"

_ERROR_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "conflict",
    422: "unprocessable_entity",
    429: "too_many_requests",
    500: "internal_server_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}
_MAX_PROBLEMS = 10

PublicKeyLike = Union[str, bytes, "os.PathLike[str]", "RSAPublicKey", "RSAPrivateKey"]


class _Unset:
    def __repr__(self) -> str:
        return "<unset>"


_UNSET: Any = _Unset()


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received, and the status it answered (0: a raised error)."""

    operation_id: str | None  # None when no operation of the spec matched
    method: str
    path: str  # relative to the base path (/trade-api/v2), as sent (percent-encoded), no query
    path_params: dict[str, str]  # decoded
    # a list for array parameters (comma-separated ones split) and repeated keys
    query: dict[str, str | list[str]]
    json: Any  # the decoded JSON body, None without one
    headers: dict[str, str]  # lower-case names
    status: int


@dataclass
class _Script:
    status: int
    content: bytes | None  # None: the default answer for `status`
    headers: dict[str, str]
    times: int | None  # None: forever
    error: BaseException | type[BaseException] | None = None


@dataclass(frozen=True)
class _Route:
    operation: Mapping[str, Any]
    segments: tuple[str, ...]
    params: tuple[str | None, ...]  # the parameter name of each `{name}` segment

    @classmethod
    def of(cls, operation: Mapping[str, Any]) -> _Route:
        segments = tuple(str(operation["path"]).strip("/").split("/"))
        params = tuple(
            s[1:-1] if s.startswith("{") and s.endswith("}") and len(s) > 2 else None
            for s in segments
        )
        return cls(operation, segments, params)

    @property
    def specificity(self) -> tuple[bool, ...]:
        """Literal segments win over parameters (`/markets/orderbooks` over `/markets/{ticker}`)."""
        return tuple(p is None for p in self.params)

    def match(self, parts: list[str]) -> dict[str, str] | None:
        if len(parts) != len(self.segments):
            return None
        values: dict[str, str] = {}
        for part, literal, param in zip(parts, self.segments, self.params):
            if param is None:
                if part != literal:
                    return None
            else:
                value = unquote(part)
                if not value:
                    return None
                values[param] = value
        return values


class _Refusal(Exception):
    """A request the fake answers with an error response instead of the operation's."""

    def __init__(self, status: int, code: str, message: str, details: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The fake as an httpx transport, for `KalshiClient` and `AsyncKalshiClient` alike."""

    def __init__(self, fake: FakeKalshi) -> None:
        self._fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        return self._fake._handle(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self._fake._handle(request)


class FakeKalshi:
    """An in-process fake of the Kalshi Trade API for offline tests.

        fake = FakeKalshi()
        client = KalshiClient(key_id=..., private_key=..., transport=fake.transport)

    Every operation of the spec is routed by method and path template under the base path
    (/trade-api/v2). Requests are checked against the spec: operations with auth need the
    three KALSHI-ACCESS-* headers (401), and with `public_key=` their RSA-PSS signature
    must verify (401); where the spec also accepts an OAuth token, `Authorization: Bearer`
    will do instead (with `oauth_token=`, that token only), and a bearer token sent to an
    operation that does not accept one is refused (401); an API that takes a bearer token
    only (Klear: `Authorization: Bearer <admin_user_id>:<access_token>`) needs one of its
    form (401); query parameters must be known, present when required and of their
    type, and a JSON body must match its schema, with no unknown fields (400 naming the
    parameter or field). A valid request is answered with what `respond()` / `fail()`
    scripted for its operation, else (order groups and V2 orders) from the fake's state,
    else with a deterministic, spec-valid body synthesised from the response schema and the
    spec's success status. `requests` records everything.

    `stateful` (default True): order groups and V2 orders are kept like the exchange keeps
    them (`_state.py`): `og_1`, `og_2`, ... from create, the sent limit back from get / list,
    404 for an unknown or deleted id; orders placed in a group are in its `orders`. A
    scripted 2xx answer to a create is kept too, by the id it names. With False every answer
    is synthesised, as if each request were the first.

    `quirks` (default False): synthesised and stateful answers, not scripted ones, come as
    the real server sends them: the legacy integer `X` next to each `X_dollars` (cents) and
    `X_fp` (whole count) field, empty arrays below the top level as null, and no properties
    the response schema marks `"x-server-omits": true`.
    """

    # What the fake serves: a `_contract.py` module (BASE_PATH, OPERATIONS, SCHEMAS) and the
    # (sync, async) clients `client()` / `async_client()` build. Another API's testing package
    # binds a subclass to its own (kalshi/perps/testing/__init__.py: FakePerps); None is this
    # package's, imported on first use (kalshi.testing._contract, kalshi.client).
    contract: ClassVar[ModuleType | None] = None
    clients: ClassVar[tuple[type[Any], type[Any]] | None] = None

    def __init__(
        self,
        public_key: PublicKeyLike | None = None,
        *,
        stateful: bool = True,
        quirks: bool = False,
        oauth_token: str | None = None,
    ) -> None:
        contract = self._contract()
        self._base_path = str(contract.BASE_PATH)
        self._schemas = SchemaSet(contract.SCHEMAS)
        operations: tuple[Mapping[str, Any], ...] = tuple(contract.OPERATIONS)
        self._operations = MappingProxyType({str(op["operation_id"]): op for op in operations})
        routes = [_Route.of(op) for op in operations]
        self._routes = sorted(routes, key=lambda r: r.specificity, reverse=True)
        self._public_key = None if public_key is None else _load_public_key(public_key)
        self._oauth_token = oauth_token
        self._lock = threading.Lock()
        self._scripts: dict[str, deque[_Script]] = {}
        self._requests: list[RecordedRequest] = []
        self._defaults: dict[str, bytes] = {}
        self._state = ExchangeState(self._operations) if stateful else None
        self._quirks = _Quirks(self._schemas) if quirks else None
        self._transport = FakeTransport(self)

    def __repr__(self) -> str:
        verifying = "verifying signatures" if self._public_key is not None else "no key"
        modes = ("stateful" if self._state is not None else "stateless") + (
            ", server quirks" if self._quirks is not None else ""
        )
        name = type(self).__name__
        return f"{name}({len(self._operations)} operations, {verifying}, {modes})"

    # ------------------------------------------------------------------ the test's side

    @property
    def transport(self) -> FakeTransport:
        """Pass as `transport=` to `KalshiClient` or `AsyncKalshiClient`."""
        return self._transport

    @property
    def requests(self) -> list[RecordedRequest]:
        """Every request received so far, oldest first (a copy)."""
        with self._lock:
            return list(self._requests)

    @property
    def operations(self) -> Mapping[str, Mapping[str, Any]]:
        """The spec's contract of each operation, by operationId (see `_contract.py`)."""
        return self._operations

    def calls(self, operation_id: str) -> list[RecordedRequest]:
        """The recorded requests of one operation."""
        self._operation(operation_id)
        return [r for r in self.requests if r.operation_id == operation_id]

    def clear(self) -> None:
        """Forget recorded requests and every scripted answer (the state stays: see
        `reset_state`)."""
        with self._lock:
            self._requests.clear()
            self._scripts.clear()

    @property
    def state(self) -> StateView:
        """A read-only snapshot of the order groups and orders the fake keeps, by id
        (empty mappings for a fake built with `stateful=False`)."""
        if self._state is None:
            return StateView(MappingProxyType({}), MappingProxyType({}))
        return self._state.view()

    def reset_state(self) -> None:
        """Forget every order group and order; ids start again at `og_1` / `ord_1`."""
        if self._state is not None:
            self._state = ExchangeState(self._operations)

    def fill_order(self, order_id: str, count: Decimal | str | int | None = None) -> OrderRecord:
        """Simulate a match: fill `count` contracts (default: all remaining) of a resting
        order. Its order group counts them, and is triggered (its resting orders canceled)
        once they exceed its limit. KeyError for an unknown order, ValueError for one that
        is not resting or a count above what remains."""
        if self._state is None:
            raise ValueError("fill_order needs a stateful fake (FakeKalshi(stateful=True))")
        amount = None if count is None else Decimal(str(count))
        return self._state.fill(order_id, amount)

    def with_quirks(self, value: Any, schema: Mapping[str, Any]) -> Any:
        """`value`, an answer valid against `schema`, as server-quirks mode sends it."""
        quirks = self._quirks if self._quirks is not None else _Quirks(self._schemas)
        return quirks.apply(value, schema)

    def respond(
        self,
        operation_id: str,
        status: int | None = None,
        json: Any = _UNSET,
        headers: Mapping[str, str] | None = None,
        times: int | None = None,
        *,
        update: Mapping[str, Any] | None = None,
        body: bytes | str | None = None,
    ) -> None:
        """Fix the answer to `operation_id`.

        `status` defaults to the operation's success status. The body is `json` (models,
        Decimal and datetime values are encoded as the client would), else the default
        answer: the synthesised spec-valid body for a success status, a Kalshi-style error
        body for an error status. `update=` sets top-level fields of that body, so
        `respond("CreateOrderGroup", update={"order_group_id": "og_1"})` stays valid when
        a spec update adds required fields. `body=` sends raw bytes (e.g. malformed JSON, or
        the body of an operation whose success is not JSON: text/csv, a PDF).

        Answers queue up per operation: each is used `times` times (None: forever, so later
        ones are never reached), then the next; with the queue empty the default answer
        comes back. Scripted bodies are sent as given, not checked against the spec.
        """
        operation = self._operation(operation_id)
        status = int(operation["success_status"]) if status is None else status
        _check_status(status)
        if body is not None and (json is not _UNSET or update is not None):
            raise ValueError("body= sends raw bytes: pass it without json= or update=")
        content: bytes | None = None
        if body is not None:
            content = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        elif json is not _UNSET or update is not None:
            value = json if json is not _UNSET else self._default_body(operation, status)
            if update is not None:
                if not isinstance(value, Mapping):
                    raise ValueError(f"update= needs a JSON object to update, not {value!r}")
                value = {**value, **update}
            content = encode_json(value)
        self._push(operation_id, _Script(status, content, dict(headers or {}), _times(times)))

    def fail(
        self,
        operation_id: str,
        status: int = 503,
        times: int | None = 1,
        retry_after: float | None = None,
        *,
        error: BaseException | type[BaseException] | None = None,
    ) -> None:
        """Inject a fault into the next `times` answers of `operation_id` (None: forever).

        The answer is `status` with a Kalshi-style error body and, with `retry_after`, a
        Retry-After header (seconds). With `error=` (e.g. `httpx.ReadTimeout`) the
        transport raises it instead of answering. Faults queue with `respond()` answers.
        """
        self._operation(operation_id)
        _check_status(status)
        headers: dict[str, str] = {}
        if retry_after is not None:
            if retry_after < 0:
                raise ValueError(f"retry_after must be >= 0, got {retry_after!r}")
            headers["Retry-After"] = f"{retry_after:g}"
        self._push(operation_id, _Script(status, None, headers, _times(times), error))

    def example(self, schema: Mapping[str, Any]) -> Any:
        """A deterministic value valid against `schema` (it may `$ref` the spec's schemas)."""
        return self._schemas.example(schema)

    def problems(
        self, value: Any, schema: Mapping[str, Any], *, strict: bool = True
    ) -> list[Problem]:
        """What is wrong with `value` against `schema` ([] when valid), as the fake checks
        request bodies (`strict`: unknown fields are problems)."""
        return self._schemas.validate(value, schema, strict=strict)

    def default_response(self, operation_id: str) -> Any:
        """The JSON body synthesised for `operation_id`: the answer when nothing is scripted
        and the state does not answer it, before server quirks (the text of a non-JSON one)."""
        operation = self._operation(operation_id)
        return self._default_body(operation, int(operation["success_status"]))

    def client(self, **kwargs: Any) -> KalshiClient:
        """A `KalshiClient` on this fake; keyword arguments go to the client.

        Without a key it signs with a throwaway RSA key made for this process (so auth
        headers are present); a fake built with `public_key=` needs the matching
        `private_key=` or `private_key_path=` here.
        """
        client: KalshiClient = self._clients()[0](
            transport=self.transport, **self._credentials(kwargs)
        )
        return client

    def async_client(self, **kwargs: Any) -> AsyncKalshiClient:
        """An `AsyncKalshiClient` on this fake, like `client()`."""
        client: AsyncKalshiClient = self._clients()[1](
            transport=self.transport, **self._credentials(kwargs)
        )
        return client

    @classmethod
    def _contract(cls) -> ModuleType:
        if cls.contract is not None:
            return cls.contract
        from . import _contract

        return _contract

    @classmethod
    def _clients(cls) -> tuple[type[Any], type[Any]]:
        if cls.clients is not None:
            return cls.clients
        from ..client import AsyncKalshiClient, KalshiClient

        return KalshiClient, AsyncKalshiClient

    def _credentials(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """`kwargs` with the credentials the API's operations take, where the test gave none:
        a throwaway RSA key for a signed API, else a fake bearer token of its kind."""
        kinds = {str(kind) for op in self._operations.values() for kind in op["auth"]}
        if SIGNATURE in kinds:
            return _with_key(kwargs)
        if BEARER in kinds:
            parts = self._bearer_parts()
            defaults = (
                {part: f"fake-{part.replace('_', '-')}" for part in parts}
                if parts != ("token",)
                else {"oauth_token": "fake-oauth-token"}
            )
            if not any(kwargs.get(name) is not None for name in defaults):
                return {**defaults, **kwargs}
        return kwargs

    @classmethod
    def _bearer_parts(cls) -> tuple[str, ...]:
        """The parts of the API's bearer token, from its client class's profile; ("token",)
        for an opaque one (the OAuth access token)."""
        profile = getattr(cls._clients()[0], "_profile", None)
        return tuple(getattr(profile, "bearer_parts", ())) or ("token",)

    def _operation(self, operation_id: str) -> Mapping[str, Any]:
        operation = self._operations.get(operation_id)
        if operation is None:
            close = difflib.get_close_matches(str(operation_id), list(self._operations), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise ValueError(f"unknown operation_id {operation_id!r}{hint}")
        return operation

    def _push(self, operation_id: str, script: _Script) -> None:
        with self._lock:
            self._scripts.setdefault(operation_id, deque()).append(script)

    def _next_script(self, operation_id: str) -> _Script | None:
        with self._lock:
            queue = self._scripts.get(operation_id)
            if not queue:
                return None
            script = queue[0]
            if script.times is not None:
                script.times -= 1
                if script.times <= 0:
                    queue.popleft()
            return script

    # ------------------------------------------------------------------ the server's side

    def _handle(self, request: httpx.Request) -> httpx.Response:
        full_path = request.url.raw_path.decode("ascii", errors="replace").split("?", 1)[0]
        base = self._base_path
        relative = full_path[len(base) :] if full_path.startswith(base + "/") else None
        pairs = [(k, v) for k, v in request.url.params.multi_items()]
        record: dict[str, Any] = {
            "operation_id": None,
            "method": request.method.upper(),
            "path": relative if relative is not None else full_path,
            "path_params": {},
            "query": _query_dict(pairs, set()),
            "json": None,
            "headers": {k.lower(): v for k, v in request.headers.items()},
        }
        status = 0
        try:
            response = self._answer(request, full_path, relative, pairs, record)
            status = response.status_code
            return response
        finally:
            with self._lock:
                self._requests.append(RecordedRequest(**record, status=status))

    def _answer(
        self,
        request: httpx.Request,
        full_path: str,
        relative: str | None,
        pairs: list[tuple[str, str]],
        record: dict[str, Any],
    ) -> httpx.Response:
        try:
            body = _decode_body(request)
            record["json"] = body
            if relative is None:
                raise _Refusal(404, "not_found", f"{full_path} is not under {self._base_path}")
            operation, path_params = self._route(request.method.upper(), relative)
            op_id = str(operation["operation_id"])
            record["operation_id"] = op_id
            record["path_params"] = path_params
            array_params = {
                str(p["name"])
                for p in operation["parameters"]
                if p["in"] == "query" and self._schemas.item_schema(p["schema"]) is not None
            }
            record["query"] = _query_dict(pairs, array_params, _unexploded(operation))
            self._check_credentials(request, full_path, op_id, operation["auth"])
            self._check_parameters(operation, path_params, pairs, request.headers)
            self._check_body(operation, request, body)
        except _Refusal as refusal:
            return _error_response(refusal.status, refusal.code, refusal.message, refusal.details)
        script = self._next_script(op_id)
        if script is None:
            return self._unscripted_answer(operation, path_params, pairs, body)
        if script.error is not None:
            raise _exception(script.error, request, op_id)
        content = script.content
        raw = 200 <= script.status < 300 and operation.get("response_media") is not None
        if content is None and raw:
            content = self._default_content(operation) if script.status != 204 else b""
        elif content is None:
            default = self._default_body(operation, script.status)
            content = b"" if default is None else encode_json(default)
        if self._state is not None and 200 <= script.status < 300 and content and not raw:
            try:
                answered = json.loads(content)
            except ValueError:
                pass
            else:
                self._state.adopt(op_id, body, answered)
        headers = {"Content-Type": _content_type(operation, raw)} if content else {}
        headers.update(script.headers)
        return httpx.Response(script.status, content=content, headers=headers)

    def _unscripted_answer(
        self,
        operation: Mapping[str, Any],
        path_params: Mapping[str, str],
        pairs: list[tuple[str, str]],
        body: Any,
    ) -> httpx.Response:
        op_id = str(operation["operation_id"])
        status = int(operation["success_status"])
        state = self._state
        if state is not None and state.handles(op_id):
            content = self._default_content(operation)
            call = Call(
                operation_id=op_id,
                status=status,
                path_params=dict(path_params),
                query=dict(pairs),
                body=body,
                default=json.loads(content) if content else None,
            )
            try:
                value = state.answer(call)
            except StateError as refused:
                return _error_response(refused.status, refused.code, refused.message, "")
            if status == 204 or operation["response_schema"] is None:
                value = None
        else:
            if self._quirks is None or operation.get("response_media") is not None:
                return self._default_answer(operation)
            content = self._default_content(operation)
            value = json.loads(content) if content else None
        if value is None:
            return httpx.Response(status)
        if self._quirks is not None:
            value = self._quirks.apply(value, operation["response_schema"])
        return httpx.Response(
            status, content=encode_json(value), headers={"Content-Type": "application/json"}
        )

    def _route(self, method: str, relative: str) -> tuple[Mapping[str, Any], dict[str, str]]:
        parts = relative.lstrip("/").split("/")
        allowed: list[str] = []
        for route in self._routes:
            values = route.match(parts)
            if values is None:
                continue
            if route.operation["method"] == method:
                return route.operation, values
            allowed.append(str(route.operation["method"]))
        if allowed:
            methods = ", ".join(sorted(set(allowed)))
            message = f"{method} is not an operation on {relative} (it takes {methods})"
        else:
            message = f"no operation matches {method} {relative}"
        raise _Refusal(404, "not_found", message)

    def _check_credentials(
        self, request: httpx.Request, full_path: str, op_id: str, accepted: list[str]
    ) -> None:
        """The credentials the operation's security accepts: a signature, or a bearer token."""
        bearers = [kind for kind in accepted if kind == BEARER]
        authorization = request.headers.get("Authorization", "")
        if authorization.lower().startswith("bearer "):
            if not bearers:
                raise _Refusal(
                    401, "unauthorized", f"{op_id} does not accept an OAuth bearer token"
                )
            token = authorization[len("bearer ") :].strip()
            if not any(self._bearer_valid(kind, token) for kind in bearers):
                forms = _bearer_form(self._bearer_parts())
                raise _Refusal(
                    401,
                    "unauthorized",
                    f"{op_id}: the bearer token is not valid",
                    f"expected Authorization: Bearer {forms}",
                )
            return
        if SIGNATURE in accepted or (accepted and not bearers):
            self._check_auth(request, full_path, op_id)
        elif bearers:  # a bearer-only API (Klear): no signature will do instead
            form = _bearer_form(self._bearer_parts())
            raise _Refusal(
                401,
                "unauthorized",
                f"{op_id} requires auth: Authorization: Bearer {form} header is missing",
            )

    def _bearer_valid(self, kind: str, token: str) -> bool:
        parts = self._bearer_parts()
        values = token.split(":", len(parts) - 1) if len(parts) > 1 else [token]
        if len(values) != len(parts) or not all(v.strip() for v in values):
            return False
        return len(parts) > 1 or self._oauth_token is None or token == self._oauth_token

    def _check_auth(self, request: httpx.Request, full_path: str, op_id: str) -> None:
        for name in AUTH_HEADERS:
            if not request.headers.get(name):
                raise _Refusal(
                    401, "unauthorized", f"{op_id} requires auth: {name} header is missing"
                )
        timestamp = request.headers[AUTH_HEADERS[1]]
        if not timestamp.isdigit():
            raise _Refusal(
                401, "unauthorized", f"{AUTH_HEADERS[1]} must be milliseconds, got {timestamp!r}"
            )
        if self._public_key is None:
            return
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        message = f"{timestamp}{request.method.upper()}{full_path}".encode()
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)
        try:
            signature = base64.b64decode(request.headers[AUTH_HEADERS[2]], validate=True)
            self._public_key.verify(signature, message, pss, hashes.SHA256())
        except (binascii.Error, ValueError, InvalidSignature):
            raise _Refusal(
                401,
                "unauthorized",
                f"{AUTH_HEADERS[2]} does not verify: expected an RSA-PSS SHA-256 signature of "
                f"timestamp + {request.method.upper()} + {full_path} by the configured key",
            ) from None

    def _check_parameters(
        self,
        operation: Mapping[str, Any],
        path_params: Mapping[str, str],
        pairs: list[tuple[str, str]],
        headers: httpx.Headers,
    ) -> None:
        declared = {(str(p["in"]), str(p["name"])): p for p in operation["parameters"]}
        problems: list[str] = []
        problems += self._header_problems(operation, headers)
        for name, text in path_params.items():
            param = declared.get(("path", name))
            if param is not None:
                problems += self._parameter_problems("path", name, [text], param["schema"])
        given: dict[str, list[str]] = {}
        for name, text in pairs:
            given.setdefault(name, []).append(text)
        for name, texts in given.items():
            param = declared.get(("query", name))
            if param is None:
                known = sorted(n for (where, n) in declared if where == "query")
                hint = f" (it takes {', '.join(known)})" if known else " (it takes none)"
                problems.append(f"unknown query parameter {name!r}{hint}")
            elif param.get("explode") is False:  # one comma-separated value, never repeated
                if len(texts) > 1:
                    problems.append(
                        f"query parameter {name!r} is given {len(texts)} times but takes one "
                        "comma-separated value"
                    )
                else:
                    problems += self._parameter_problems(
                        "query", name, texts[0].split(","), param["schema"]
                    )
            else:
                problems += self._parameter_problems("query", name, texts, param["schema"])
        for (where, name), param in declared.items():
            if where == "query" and param["required"] and name not in given:
                problems.append(f"missing required query parameter {name!r}")
        if problems:
            raise _Refusal(
                400, "invalid_parameter", problems[0], "; ".join(problems[:_MAX_PROBLEMS])
            )

    def _header_problems(self, operation: Mapping[str, Any], headers: httpx.Headers) -> list[str]:
        """Required header parameters are present; those present are valid (a comma-separated
        list for an array schema)."""
        problems: list[str] = []
        for param in operation["parameters"]:
            if param["in"] != "header":
                continue
            name = str(param["name"])
            text = headers.get(name)
            if text is None:
                if param["required"]:
                    problems.append(f"missing required header parameter {name!r}")
                continue
            texts = text.split(",") if self._schemas.item_schema(param["schema"]) else [text]
            problems += self._parameter_problems("header", name, texts, param["schema"], True)
        return problems

    def _parameter_problems(
        self,
        where: str,
        name: str,
        texts: list[str],
        schema: Mapping[str, Any],
        one_value: bool = False,
    ) -> list[str]:
        label = f"{where} parameter {name!r}"
        items = self._schemas.item_schema(schema)
        if items is None and len(texts) > 1 and not one_value:
            return [f"{label} is given {len(texts)} times but takes one value"]
        try:
            if items is None:
                value: Any = self._schemas.parse_text(texts[0], schema)
            else:
                value = [self._schemas.parse_text(t, items) for t in texts]
        except ValueError as exc:
            return [f"{label}: {exc}"]
        return [
            f"{label}: {p.message}" if not p.path else f"{label}{p.path}: {p.message}"
            for p in self._schemas.validate(value, schema, strict=True)
        ]

    def _check_body(self, operation: Mapping[str, Any], request: httpx.Request, body: Any) -> None:
        schema = operation["request_schema"]
        op_id = operation["operation_id"]
        if schema is None:
            if request.content:
                raise _Refusal(400, "invalid_body", f"{op_id} takes no request body")
            return
        if not request.content:
            if operation["request_body_required"]:
                raise _Refusal(400, "invalid_body", f"{op_id} requires a JSON request body")
            return
        problems = self._schemas.validate(body, schema, "body", strict=True)
        if problems:
            texts = [str(p) for p in problems]
            raise _Refusal(
                400,
                "invalid_body",
                f"invalid request body: {texts[0]}",
                "; ".join(texts[:_MAX_PROBLEMS]),
            )

    def _default_content(self, operation: Mapping[str, Any]) -> bytes:
        op_id = str(operation["operation_id"])
        with self._lock:
            cached = self._defaults.get(op_id)
        if cached is not None:
            return cached
        schema = operation["response_schema"]
        if schema is None or operation["success_status"] == 204:
            content = b""
        elif operation.get("response_media") is not None:
            content = _raw_content(self._schemas.example(schema))
        else:
            content = encode_json(self._schemas.example(schema))
        with self._lock:
            self._defaults[op_id] = content
        return content

    def _default_body(self, operation: Mapping[str, Any], status: int) -> Any:
        """The JSON answered with `status` when a script gives no body; None: no body."""
        if 200 <= status < 300:
            content = self._default_content(operation) if status != 204 else b""
            if operation.get("response_media") is not None:
                return content.decode("utf-8", errors="replace") if content else None
            return json.loads(content) if content else None
        message = f"{status} scripted for {operation['operation_id']} by FakeKalshi"
        return _error_dict(_error_code(status), message, "")

    def _default_answer(self, operation: Mapping[str, Any]) -> httpx.Response:
        content = self._default_content(operation)
        headers = {"Content-Type": _content_type(operation, raw=True)} if content else {}
        return httpx.Response(int(operation["success_status"]), content=content, headers=headers)


# ---------------------------------------------------------------------- server quirks


@dataclass(frozen=True)
class _Shape:
    """What server quirks need of a schema, with `$ref` and `allOf` merged in."""

    properties: Mapping[str, Any]
    items: Any  # the `items` schema; None: not an array schema (or items undescribed)
    extra: Any  # an `additionalProperties` schema; None otherwise
    omitted: bool  # marked "x-server-omits": true


class _Quirks:
    """Reshapes an answer the way the real server sends it (FakeKalshi(quirks=True))."""

    def __init__(self, schemas: SchemaSet) -> None:
        self._schemas = schemas
        self._shapes: dict[int, tuple[object, _Shape]] = {}

    def apply(self, value: Any, schema: object) -> Any:
        return self._walk(value, schema, top=True)

    def _walk(self, value: Any, schema: object, *, top: bool = False) -> Any:
        if isinstance(value, Mapping):
            return self._object(value, self._shape(schema))
        if isinstance(value, (list, tuple)):
            if not value and not top:
                return None  # Go's nil slice
            items = self._shape(schema).items
            return [self._walk(item, items) for item in value]
        return value

    def _object(self, value: Mapping[Any, Any], shape: _Shape) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, item in value.items():
            name = str(key)
            schema = shape.properties.get(name, shape.extra)
            if schema is not None and self._shape(schema).omitted:
                continue
            out[name] = self._walk(item, schema)
            legacy = _legacy_name(name)
            if legacy and legacy not in value:
                number = _legacy_number(item, cents=name.endswith(_DOLLARS))
                if number is not None:
                    out[legacy] = number
        return out

    def _shape(self, schema: object) -> _Shape:
        cached = self._shapes.get(id(schema))
        if cached is not None and cached[0] is schema:
            return cached[1]
        shape = self._merge(schema, ())
        self._shapes[id(schema)] = (schema, shape)
        return shape

    def _merge(self, schema: object, seen: tuple[str, ...]) -> _Shape:
        if not isinstance(schema, Mapping):
            return _Shape({}, None, None, False)
        parts: list[_Shape] = []
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            parts.append(self._merge(self._schemas.resolve(ref), (*seen, ref)))
        for part in schema.get("allOf") or ():
            parts.append(self._merge(part, seen))
        properties: dict[str, Any] = {}
        items: Any = None
        extra: Any = None
        omitted = False
        for part in parts:
            properties.update(part.properties)
            items = part.items if part.items is not None else items
            extra = part.extra if part.extra is not None else extra
            omitted = omitted or part.omitted
        own = schema.get("properties")
        if isinstance(own, Mapping):
            properties.update(own)
        if schema.get("items") is not None:
            items = schema["items"]
        if isinstance(schema.get("additionalProperties"), Mapping):
            extra = schema["additionalProperties"]
        if SERVER_OMITS in schema:
            omitted = schema[SERVER_OMITS] is True
        return _Shape(properties, items, extra, omitted)


SERVER_OMITS = "x-server-omits"
_DOLLARS, _FP = "_dollars", "_fp"


def _legacy_name(name: str) -> str | None:
    """`yes_bid` for `yes_bid_dollars`, `count` for `count_fp`; None for other names."""
    for suffix in (_DOLLARS, _FP):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return None


def _legacy_number(value: object, *, cents: bool) -> int | None:
    """The legacy integer of a fixed-point value: cents of dollars, or a whole count."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite():
        return None
    if cents:
        number *= 100
    return int(number.to_integral_value(rounding=ROUND_HALF_UP))


# ---------------------------------------------------------------------- helpers


def _content_type(operation: Mapping[str, Any], raw: bool) -> str:
    """The Content-Type of an answer: the operation's non-JSON media type for a raw success
    body (its first listed), else JSON."""
    media = operation.get("response_media")
    return str(media) if raw and media is not None else "application/json"


def _raw_content(example: object) -> bytes:
    """The synthesised body of a non-JSON response: a string example as its UTF-8 text."""
    if isinstance(example, str):
        return example.encode("utf-8")
    return json.dumps(example).encode("utf-8")


def _check_status(status: int) -> None:
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise ValueError(f"status must be an HTTP status code (100-599), got {status!r}")


def _times(times: int | None) -> int | None:
    if times is not None and (isinstance(times, bool) or not isinstance(times, int) or times < 1):
        raise ValueError(f"times must be a positive int or None (forever), got {times!r}")
    return times


def _decode_body(request: httpx.Request) -> Any:
    if not request.content:
        return None
    content_type = request.headers.get("content-type", "")
    if "json" not in content_type:
        raise _Refusal(
            400, "invalid_body", f"Content-Type must be application/json, got {content_type!r}"
        )
    try:
        return json.loads(request.content)
    except ValueError as exc:
        raise _Refusal(400, "invalid_body", f"request body is not valid JSON ({exc})") from None


def _unexploded(operation: Mapping[str, Any]) -> set[str]:
    """Query arrays sent as one comma-separated value (`explode: false`)."""
    return {
        str(p["name"])
        for p in operation["parameters"]
        if p["in"] == "query" and p.get("explode") is False
    }


def _query_dict(
    pairs: list[tuple[str, str]], arrays: set[str], unexploded: Collection[str] = ()
) -> dict[str, str | list[str]]:
    grouped: dict[str, list[str]] = {}
    for name, value in pairs:
        grouped.setdefault(name, []).append(value)
    for name, values in grouped.items():
        if name in unexploded and len(values) == 1:
            grouped[name] = values[0].split(",")
    return {
        name: values if name in arrays or len(values) > 1 else values[0]
        for name, values in grouped.items()
    }


def _bearer_form(parts: tuple[str, ...]) -> str:
    """`<token>`, `<admin_user_id>:<access_token>`: the bearer token an API expects."""
    return ":".join(f"<{part}>" for part in parts)


def _error_code(status: int) -> str:
    return _ERROR_CODES.get(status, "server_error" if status >= 500 else "error")


def _error_dict(code: str, message: str, details: str) -> dict[str, str]:
    return {"code": code, "message": message, "details": details, "service": SERVICE}


def _error_body(code: str, message: str, details: str) -> bytes:
    return encode_json(_error_dict(code, message, details))


def _error_response(status: int, code: str, message: str, details: str) -> httpx.Response:
    return httpx.Response(
        status,
        content=_error_body(code, message, details),
        headers={"Content-Type": "application/json"},
    )


def _exception(
    error: BaseException | type[BaseException], request: httpx.Request, op_id: str
) -> BaseException:
    if isinstance(error, BaseException):
        return error
    message = f"{error.__name__} injected by FakeKalshi.fail({op_id!r})"
    if issubclass(error, httpx.RequestError):
        return error(message, request=request)
    return error(message)


def _load_public_key(key: PublicKeyLike) -> RSAPublicKey:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    if isinstance(key, rsa.RSAPrivateKey):
        return key.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return key
    if isinstance(key, os.PathLike):
        data = Path(key).read_bytes()
    elif isinstance(key, str):
        data = key.encode("utf-8")
    elif isinstance(key, bytes):
        data = key
    else:
        raise TypeError(
            f"public_key must be PEM text, a path or an RSA key, not {type(key).__name__}"
        )
    if b"-----BEGIN" not in data:
        raise ValueError(
            "public_key is not PEM text (no '-----BEGIN' line); pass a Path for a file"
        )
    loaded: object
    if b"PRIVATE KEY" in data:
        loaded = serialization.load_pem_private_key(data, password=None).public_key()
    else:
        loaded = serialization.load_pem_public_key(data)
    if not isinstance(loaded, rsa.RSAPublicKey):
        raise TypeError("public_key is not an RSA key")
    return loaded


def _with_key(kwargs: dict[str, Any]) -> dict[str, Any]:
    kwargs.setdefault("key_id", FAKE_KEY_ID)
    if kwargs.get("private_key") is None and kwargs.get("private_key_path") is None:
        kwargs["private_key"] = _throwaway_key_pem()
    return kwargs


@lru_cache(maxsize=1)
def _throwaway_key_pem() -> str:
    """A private key made once per process for `FakeKalshi.client()`; never a real one."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")

"""Helpers of the kalshi.testing tests: valid arguments for any generated method, built from
the fake's own synthesiser, a raw HTTP client on the fake, and `Api`, one REST target of
targets.yaml (kalshi, kalshi.perps, kalshi.klear) in the generated tree under test."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
from kalshi import AsyncKalshiClient, KalshiClient, Page
from kalshi._operations import OPERATIONS, OperationInfo
from kalshi.testing import FakeKalshi
from kalshi.testing._contract import SCHEMAS
from pydantic import BaseModel, TypeAdapter

from generator.targets import Target, project_targets

TEST_KEY = Path(__file__).resolve().parents[1] / "runtime" / "fixtures" / "test_key.pem"
BASE_URL = "https://fake.kalshi.test/trade-api/v2"
OPTIONS = ("extra_headers", "timeout", "max_pages")
DUMMY_AUTH = {
    "KALSHI-ACCESS-KEY": "key-1",
    "KALSHI-ACCESS-TIMESTAMP": "1700000000000",
    "KALSHI-ACCESS-SIGNATURE": "c2lnbmF0dXJl",
}

OPERATION_IDS = [op.operation_id for op in OPERATIONS]
PAGINATED = [op for op in OPERATIONS if op.paginator is not None]


def info(operation_id: str) -> OperationInfo:
    return next(op for op in OPERATIONS if op.operation_id == operation_id)


def sync_client(fake: FakeKalshi, **kwargs: Any) -> KalshiClient:
    return KalshiClient(
        key_id="key-1", private_key_path=TEST_KEY, transport=fake.transport, **kwargs
    )


def async_client(fake: FakeKalshi, **kwargs: Any) -> AsyncKalshiClient:
    return AsyncKalshiClient(
        key_id="key-1", private_key_path=TEST_KEY, transport=fake.transport, **kwargs
    )


def raw_client(fake: FakeKalshi) -> httpx.Client:
    """Plain httpx on the fake: for requests the generated client would never send."""
    return httpx.Client(transport=fake.transport, base_url=BASE_URL)


def method(client: KalshiClient | AsyncKalshiClient, op: OperationInfo, name: str) -> Any:
    return getattr(attrgetter(op.resource)(client), name)  # a nested resource is dotted


def arguments(
    fake: FakeKalshi, op: OperationInfo, func: Callable[..., Any]
) -> tuple[list[Any], dict[str, Any]]:
    """Valid positional and keyword arguments for `func`, a generated method of `op`.

    Every parameter the method takes gets the fake's example for its schema, converted to the
    type the signature declares; the body goes as `request=`, a request model validated
    from the fake's example of the request schema.
    """
    contract = fake.operations[op.operation_id]
    hints = typing.get_type_hints(func)
    by_keyword = {p["py_name"]: p for p in contract["parameters"] if p["py_name"]}
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, param in inspect.signature(func).parameters.items():
        if name in OPTIONS:
            continue
        if name == "request":
            body = fake.example(contract["request_schema"])
            kwargs[name] = TypeAdapter(hints[name]).validate_python(body)
            continue
        spec = by_keyword.get(name)
        if spec is None:  # a flattened body field: the body goes as request=
            assert param.default is None, f"{op.operation_id}: unknown required keyword {name}"
            continue
        value = TypeAdapter(hints[name]).validate_python(fake.example(spec["schema"]))
        if param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            args.append(value)
        else:
            kwargs[name] = value
    return args, kwargs


def undescribed_required(schemas: Mapping[str, Any]) -> frozenset[str]:
    """Names some schema of the spec requires without describing them (3.6.0 has one):
    the fake sends them (as null), and no model can declare them."""
    names: set[str] = set()
    for schema in schemas.values():
        described = set(schema.get("properties") or {})
        names |= {str(n) for n in schema.get("required") or () if n not in described}
    return frozenset(names)


UNDESCRIBED_REQUIRED = undescribed_required(SCHEMAS)


def unknown_fields(
    value: object, path: str = "", undescribed: frozenset[str] = UNDESCRIBED_REQUIRED
) -> list[str]:
    """Fields of a parsed response its model does not declare (it keeps them as extras)."""
    found: list[str] = []
    if isinstance(value, BaseModel):
        extras = [k for k in (value.model_extra or {}) if k not in undescribed]
        found += [f"{path}.{k}" if path else k for k in extras]
        for name in type(value).model_fields:
            inner = f"{path}.{name}" if path else name
            found += unknown_fields(value.__dict__.get(name), inner, undescribed)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            found += unknown_fields(item, f"{path}[{i}]", undescribed)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += unknown_fields(item, f"{path}[{key!r}]", undescribed)
    return found


def check_result(
    fake: FakeKalshi,
    op: OperationInfo,
    result: object,
    undescribed: frozenset[str] = UNDESCRIBED_REQUIRED,
) -> None:
    """The call returned the parsed answer of a request the fake accepted (`undescribed`:
    the API's `undescribed_required`, default the trade API's)."""
    contract = fake.operations[op.operation_id]
    calls = fake.calls(op.operation_id)
    assert calls, f"{op.operation_id}: no request reached the fake"
    assert calls[-1].status == contract["success_status"]
    if contract["response_schema"] is None:
        assert result is None
        return
    assert result is not None
    if isinstance(result, Page):  # a list method: the items and the whole envelope
        assert all(isinstance(item, BaseModel) for item in result), type(result[0])
        assert isinstance(result.response, BaseModel), type(result.response)
        # the page's items are one of the envelope's lists, not a copy
        assert any(value is result.items for value in vars(result.response).values())
        result = result.response
    elif isinstance(result, list):
        assert all(isinstance(item, BaseModel) for item in result), type(result[0])
    else:
        assert isinstance(result, BaseModel), type(result)
    missed = unknown_fields(result, undescribed=undescribed)
    assert missed == [], f"{op.operation_id}: fields the model misses"


# ---------------------------------------------------------------------- every REST target

# The REST targets of targets.yaml: the root package (kalshi) and its subpackages
REST_TARGETS = [t for t in project_targets().values() if t.kind == "openapi"]


@dataclass(frozen=True)
class Api:
    """One REST target in the generated tree under test: `<package>._operations.OPERATIONS`,
    its fake `<package>.testing.<target.fake>` (FakeKalshi, FakePerps, FakeKlear) and
    contract `<package>.testing._contract`, its clients `<package>.client.<target.client>` /
    `<target.async_client>`."""

    target: Target

    def __str__(self) -> str:
        return self.target.name

    @property
    def package(self) -> str:
        return self.target.package

    @property
    def present(self) -> bool:
        """The tree has this package (one generated with `--spec` has the root alone)."""
        return importlib.util.find_spec(self.package) is not None

    def module(self, name: str) -> ModuleType:
        return importlib.import_module(f"{self.package}.{name}")

    @cached_property
    def operations(self) -> tuple[OperationInfo, ...]:
        return tuple(self.module("_operations").OPERATIONS)

    @cached_property
    def fake_class(self) -> type[FakeKalshi]:
        fake = getattr(self.module("testing"), self.target.fake)
        assert isinstance(fake, type) and issubclass(fake, FakeKalshi), fake
        return fake

    @cached_property
    def contract(self) -> ModuleType:
        return self.module("testing._contract")

    @cached_property
    def client_classes(self) -> tuple[type[Any], type[Any]]:
        client = self.module("client")
        return getattr(client, self.target.client), getattr(client, self.target.async_client)

    @cached_property
    def undescribed(self) -> frozenset[str]:
        return undescribed_required(self.contract.SCHEMAS)

    @property
    def signed(self) -> bool:
        """Some operation takes the RSA-PSS signature (trade, perps; not Klear's bearer)."""
        return any("signature" in op.credentials for op in self.operations)

    def info(self, operation_id: str) -> OperationInfo:
        return next(op for op in self.operations if op.operation_id == operation_id)

    def sync_client(self, fake: FakeKalshi, **kwargs: Any) -> Any:
        """The API's client on `fake`, signing with TEST_KEY where the API is signed (the fake
        fills in a bearer token of the API's kind otherwise)."""
        return fake.client(**self._credentials(kwargs))

    def async_client(self, fake: FakeKalshi, **kwargs: Any) -> Any:
        return fake.async_client(**self._credentials(kwargs))

    def _credentials(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        if self.signed:
            return {"key_id": "key-1", "private_key_path": TEST_KEY, **kwargs}
        return kwargs


ALL_APIS = [Api(target) for target in REST_TARGETS]
# the ones in the tree under test: every one in the committed tree (test_fake_targets.py)
APIS = [api for api in ALL_APIS if api.present]

"""Compile, import and check generated clients, in an interpreter of their own.

`python probe.py OUT ORACLE_JSON` checks one tree (run it with PYTHONPATH=OUT);
`python probe.py --serve` (what harness.py runs) checks one tree per request line, putting
each first on sys.path. Either way `kalshi.__file__` must be under OUT, and the answer is one
JSON line: {"stage": "compile"|"import"|"client"|"oracle"|"done", "ok": bool, "message": str}.
Never imports the generator.

Oracles (built by mutations.py):
- {"kind": "header", operation, header, required}: the method takes the header as a keyword
  argument and sends it as that header (and not when omitted);
- {"kind": "body", operation, content_type, body, want: "parsed"|"raw"}: an answer with that
  media type returns the parsed model ("parsed") or the text/bytes ("raw"), never None;
- {"kind": "body-field", operation, field}: the body field is a keyword argument and is sent
  under its wire name;
- {"kind": "client-intact", operation}: the resource of `operation` is reachable and no
  resource shadows a client method (always checked, whatever the oracle).
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import py_compile
import re
import sys
import traceback
from operator import attrgetter
from pathlib import Path
from typing import Any


class Failed(Exception):
    def __init__(self, stage: str, message: str) -> None:
        super().__init__(message)
        self.stage = stage


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else text.strip()


def compile_tree(out: Path) -> None:
    """Byte-compile every module (what `python -m compileall -q` does), naming the first error."""
    for path in sorted((out / "kalshi").rglob("*.py")):
        try:  # writes the .pyc the import then uses, like compileall
            py_compile.compile(str(path), doraise=True)
        except py_compile.PyCompileError as error:
            exc = error.exc_value
            rel = path.relative_to(out)
            line = getattr(exc, "lineno", None)
            msg = getattr(exc, "msg", None) or str(exc)
            raise Failed(
                "compile", f"{rel}{f':{line}' if line else ''}: {type(exc).__name__}: {msg}"
            ) from None


def import_all(out: Path) -> Any:
    try:
        import kalshi
    except BaseException as exc:  # noqa: BLE001 - anything is a failure to import
        raise Failed("import", f"import kalshi: {type(exc).__name__}: {exc}") from None
    where = Path(kalshi.__file__).resolve()
    if out.resolve() not in where.parents:
        raise Failed("import", f"imported the wrong kalshi: {where}")
    for info in pkgutil.walk_packages(kalshi.__path__, "kalshi."):
        try:
            importlib.import_module(info.name)
        except BaseException as exc:  # noqa: BLE001
            raise Failed(
                "import", f"import {info.name}: {type(exc).__name__}: {first_line(str(exc))}"
            ) from None
    return kalshi


_KEY: bytes | None = None


def private_key() -> bytes:
    global _KEY
    if _KEY is None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
        _KEY = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    return _KEY


class Recorder:
    """An httpx handler that records requests and answers one canned response."""

    def __init__(self, content_type: str = "application/json", body: str = "{}") -> None:
        self.requests: list[Any] = []
        self.content_type, self.body = content_type, body

    def __call__(self, request: Any) -> Any:
        import httpx

        request.read()
        self.requests.append(request)
        return httpx.Response(
            200, headers={"Content-Type": self.content_type}, content=self.body.encode()
        )


def make_client(handler: Recorder, *, asynchronous: bool = False) -> Any:
    import httpx
    from kalshi import AsyncKalshiClient, KalshiClient

    cls = AsyncKalshiClient if asynchronous else KalshiClient
    return cls(
        # a mutated spec may name no servers; the injected transport needs no known host
        base_url="https://fuzz.invalid/api",
        key_id="fuzz-key",
        private_key=private_key(),
        transport=httpx.MockTransport(handler),
        max_retries=0,
    )


def check_clients() -> None:
    """Every resource attribute loads; none hides a method of the base client."""
    from kalshi import AsyncKalshiClient, KalshiClient
    from kalshi._base_client import AsyncAPIClient, SyncAPIClient

    for cls, base in ((KalshiClient, SyncAPIClient), (AsyncKalshiClient, AsyncAPIClient)):
        for name in vars(cls):
            if name == "_profile":  # the API's ApiProfile: every generated client sets it
                continue
            if not name.startswith("__") and hasattr(base, name):
                raise Failed(
                    "client", f"{cls.__name__}.{name} (a resource) shadows {base.__name__}.{name}"
                )
    recorder = Recorder()
    client = make_client(recorder)
    for name, value in vars(KalshiClient).items():
        if not name.startswith("_") and hasattr(value, "__set_name__"):
            try:
                getattr(client, name)
            except Exception as exc:  # noqa: BLE001
                raise Failed("client", f"client.{name}: {type(exc).__name__}: {exc}") from None
    if not callable(client.close):
        raise Failed("client", "client.close is not callable")
    client.close()


def operation(operation_id: str) -> tuple[str, str]:
    from kalshi._operations import OPERATIONS

    for info in OPERATIONS:
        if info.operation_id == operation_id:
            return info.resource, info.method
    raise Failed("oracle", f"{operation_id} is not in kalshi._operations.OPERATIONS")


_LITERAL = re.compile(r"""Literal\[\s*(?:(['"])(.*?)\1|(-?\d+))""")
KNOWN = {"self", "extra_headers", "timeout", "request"}


def dummy(annotation: Any) -> Any:
    text = (
        annotation
        if isinstance(annotation, str)
        else getattr(annotation, "__name__", str(annotation))
    )
    match = _LITERAL.search(text)
    if match:
        return match.group(2) if match.group(2) is not None else int(match.group(3))
    head = text.split("|")[0].strip()
    if head.startswith("bool"):
        return True
    if head.startswith("int"):
        return 1
    if head.startswith("float"):
        return 1.0
    if "Decimal" in head:
        from decimal import Decimal

        return Decimal(1)
    if head.startswith(("list", "builtins.list", "Sequence")):
        return []
    return "fuzz"


def required_args(method: Any) -> tuple[list[Any], dict[str, Any]]:
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in inspect.signature(method).parameters.values():
        if param.default is not inspect.Parameter.empty or param.kind in (
            param.VAR_POSITIONAL,
            param.VAR_KEYWORD,
        ):
            continue
        if param.kind in (param.POSITIONAL_ONLY, param.POSITIONAL_OR_KEYWORD):
            args.append(dummy(param.annotation))
        else:
            kwargs[param.name] = dummy(param.annotation)
    return args, kwargs


def bound_method(client: Any, operation_id: str) -> Any:
    resource, method = operation(operation_id)
    try:
        return attrgetter(f"{resource}.{method}")(client)  # a nested resource is dotted
    except AttributeError as exc:
        raise Failed("oracle", f"client.{resource}.{method} ({operation_id}): {exc}") from None


def keyword_for(method: Any, wire: str, exclude: set[str]) -> str | None:
    """The keyword argument that stands for wire name `wire` (e.g. `X-Request-Id`)."""
    want = re.sub(r"[^a-z0-9]", "", wire.lower())
    names = [n for n in inspect.signature(method).parameters if n not in exclude]
    for name in names:
        if re.sub(r"[^a-z0-9]", "", name.lower()) == want:
            return name
    for name in names:  # a prefix dropped or added (`x_request_id` -> `request_id`, `self_`)
        norm = re.sub(r"[^a-z0-9]", "", name.lower())
        if norm and (want.endswith(norm) or norm.endswith(want) or want in norm):
            return name
    return None


def call(method: Any, *extra_args: Any, **extra: Any) -> Any:
    args, kwargs = required_args(method)
    kwargs.update(extra)
    try:
        return method(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001
        raise Failed(
            "oracle", f"calling {method.__qualname__}: {type(exc).__name__}: {first_line(str(exc))}"
        ) from None


def oracle_header(spec: dict[str, Any]) -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        method = bound_method(client, spec["operation"])
        name = keyword_for(method, spec["header"], KNOWN)
        if name is None:
            raise Failed(
                "oracle",
                f"{method.__qualname__} has no keyword argument for header {spec['header']}",
            )
        call(method, **{name: "fuzz-value-1"})
        sent = recorder.requests[-1].headers.get(spec["header"])
        if sent != "fuzz-value-1":
            raise Failed(
                "oracle",
                f"{method.__qualname__}({name}=...) did not send header {spec['header']} (got {sent!r})",
            )
        if not spec.get("required"):
            args, kwargs = required_args(method)
            kwargs.pop(name, None)
            method(*args, **kwargs)
            if spec["header"] in recorder.requests[-1].headers:
                raise Failed(
                    "oracle",
                    f"{method.__qualname__}() sent header {spec['header']} although omitted",
                )


def oracle_body(spec: dict[str, Any]) -> None:
    recorder = Recorder(spec["content_type"], spec["body"])
    with make_client(recorder) as client:
        method = bound_method(client, spec["operation"])
        result = call(method)
    if result is None:
        raise Failed(
            "oracle",
            f"{method.__qualname__}: a {spec['content_type']} answer returned None, not the body",
        )
    if spec["want"] == "raw" and result not in (spec["body"], spec["body"].encode()):
        text = getattr(result, "text", None) or getattr(result, "content", None)
        if text not in (spec["body"], spec["body"].encode()):
            raise Failed(
                "oracle",
                f"{method.__qualname__}: a {spec['content_type']} answer returned {result!r}, not the body",
            )


def oracle_body_field(spec: dict[str, Any]) -> None:
    """A keyword argument for the field, when there is one, must reach the body under the
    wire name (a field only reachable through `request=` is a legal choice)."""
    recorder = Recorder()
    with make_client(recorder) as client:
        method = bound_method(client, spec["operation"])
        name = keyword_for(method, spec["field"], KNOWN)
        if name is None:
            if "request" not in inspect.signature(method).parameters:
                raise Failed(
                    "oracle",
                    f"{method.__qualname__}: body field {spec['field']!r} is neither a keyword argument nor reachable through request=",
                )
            return
        call(method, **{name: "fuzz-value-2"})
    sent = json.loads(recorder.requests[-1].content or b"{}") if recorder.requests else None
    if not isinstance(sent, dict) or sent.get(spec["field"]) != "fuzz-value-2":
        raise Failed(
            "oracle", f"{method.__qualname__}({name}=...) sent body {sent!r}, not {spec['field']!r}"
        )


def oracle_client_intact(spec: dict[str, Any]) -> None:
    recorder = Recorder()
    with make_client(recorder) as client:
        bound_method(client, spec["operation"])
    if recorder.requests:
        raise Failed("oracle", "closing the client sent a request")


ORACLES = {
    "header": oracle_header,
    "body": oracle_body,
    "body-field": oracle_body_field,
    "client-intact": oracle_client_intact,
}


def check(out: Path, oracle: dict[str, Any] | None) -> dict[str, Any]:
    try:
        compile_tree(out)
        import_all(out)
        check_clients()
        if oracle:
            ORACLES[oracle["kind"]](oracle)
    except Failed as exc:
        return {"stage": exc.stage, "ok": False, "message": str(exc)}
    except BaseException as exc:  # noqa: BLE001 - the probe itself must always answer
        tb = traceback.extract_tb(exc.__traceback__)
        where = f" at {tb[-1].filename}:{tb[-1].lineno}" if tb else ""
        return {
            "stage": "oracle",
            "ok": False,
            "message": f"{type(exc).__name__}: {first_line(str(exc))}{where}",
        }
    return {"stage": "done", "ok": True, "message": ""}


def forget_kalshi() -> None:
    """Drop the previous tree's `kalshi` modules, so the next import reads the next tree."""
    for name in [n for n in sys.modules if n == "kalshi" or n.startswith("kalshi.")]:
        del sys.modules[name]
    importlib.invalidate_caches()


def serve() -> None:
    """One request per stdin line ({"out", "oracle"}), one JSON answer per stdout line.

    The third-party imports (pydantic, httpx, cryptography) are paid once; each tree is put
    first on sys.path, as PYTHONPATH would, and `kalshi.__file__` is checked all the same."""
    answers = sys.stdout
    sys.stdout = sys.stderr  # whatever a generated module prints must not break the protocol
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        out = Path(request["out"])
        forget_kalshi()
        sys.path.insert(0, str(out))
        try:
            result = check(out, request.get("oracle"))
        finally:
            sys.path.remove(str(out))
        answers.write(json.dumps(result) + "\n")
        answers.flush()


if __name__ == "__main__":
    os.environ.pop("KALSHI_DEMO", None)
    if sys.argv[1:] == ["--serve"]:
        serve()
    else:
        result = check(Path(sys.argv[1]), json.loads(sys.argv[2]) if len(sys.argv) > 2 else None)
        sys.stdout.write("\n" + json.dumps(result) + "\n")

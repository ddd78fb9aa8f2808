"""Client overhead, parsing and start-up: the generated `kalshi` vs the floor vs kalshi-sdk.

    python bench/client.py [--rounds 7] [--calls 200] [--only calls,parse,startup] [--json FILE]

Everything client-side runs in one interpreter, Python 3.12 (kalshi-sdk needs it): a venv
under the cache dir with kalshi-sdk==22.4.0 and its dependencies (httpx, pydantic,
cryptography), the generated client pip-installed beside it into a --target folder (both
distributions install a package named `kalshi`, so they cannot share one site-packages;
ours is put on PYTHONPATH, over the very same httpx / pydantic / cryptography).

- A loopback HTTP/1.1 server (ThreadingHTTPServer, 127.0.0.1, keep-alive, a hard cap on
  requests) started and stopped by this script, serving Kalshi JSON synthesised from the
  spec's schemas: GetOrderGroup, CreateOrderGroup, GetMarkets with 1,000 markets. It checks
  the RSA-PSS signature of the first requests of every client, so a client that signs
  wrongly cannot look fast.
- Three long-lived worker processes, one per contender, take turns round by round:
  the floor (plain httpx.Client + the same RSA-PSS signing + json.loads), ours
  (`kalshi.KalshiClient`), kalshi-sdk (`kalshi.KalshiClient`). Per-call time of a signed GET
  (`order_groups.get`) and a signed POST (`order_groups.create`), and a 1,000-market
  `markets.list` end to end. Goals: ours <= 1.10x the floor, and no slower than kalshi-sdk.
- Parsing: the 1,000-market GetMarkets body into models, no HTTP, ours vs kalshi-sdk.
- Start-up: `import kalshi` in a fresh interpreter (median of 15), ours vs kalshi-sdk, with
  the -X importtime breakdown. Goal: < 100 ms and <= 0.5x kalshi-sdk.
Figures are printed (median, min, max), never asserted.
"""

from __future__ import annotations

import argparse
import base64
import copy
import json
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from _common import (  # bench/ is sys.path[0] when run as a script
    ROOT,
    BenchError,
    Stats,
    bench_env,
    cache_dir,
    ensure_venv,
    find_spec,
    fresh_import_times,
    importtime,
    importtime_report,
    load_note,
    main_guard,
    pip_install,
    ratio_line,
    table,
    time_calls,
    tree_digest,
    venv_python,
)

SDK_VERSION = "22.4.0"
NEWER_SPEC = "3.31.0"  # the field set kalshi-sdk 22.4.0 expects
KEY_PATH = ROOT / "tests" / "runtime" / "fixtures" / "test_key.pem"
PREFIX = "/trade-api/v2"
ORDER_GROUP_ID = "og_3f1c2b9e-7a41-4d2e-9b1a-5c8d2e6f0a17"
MARKETS = 1000
MAX_REQUESTS = 200_000  # the server's hard cap; a normal run sends ~15,000
VERIFY_FIRST = 3  # signatures checked per client key id
CONTENDERS = ("floor", "ours", "sdk")
LABELS = {
    "floor": "floor (httpx + signing + json)",
    "ours": "ours (kalshi-codegen)",
    "sdk": f"kalshi-sdk {SDK_VERSION}",
}


# --- realistic bodies, synthesised from the spec's schemas ------------------------------------


class _Synth:
    """JSON values for a schema: every property present, values shaped like Kalshi's."""

    def __init__(self, doc: dict[str, Any]) -> None:
        self.schemas = doc["components"]["schemas"]

    def _resolve(self, schema: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        name = None
        while True:
            if "$ref" in schema:
                name = schema["$ref"].rsplit("/", 1)[-1]
                schema = {**self.schemas[name], **{k: v for k, v in schema.items() if k != "$ref"}}
            elif schema.get("allOf") and len(schema["allOf"]) == 1:
                rest = {k: v for k, v in schema.items() if k != "allOf"}
                schema = {**schema["allOf"][0], **rest}
            else:
                return schema, name

    def value(self, schema: dict[str, Any], field: str, i: int) -> Any:
        schema, ref = self._resolve(schema)
        if ref == "FixedPointDollars":
            return f"0.{(i * 37 + len(field)) % 100:02d}00"
        if ref == "FixedPointCount":
            return f"{(i * 131 + len(field) * 7) % 25000}.00"
        kind = schema.get("type")
        if "enum" in schema:
            preferred = {
                "status": "active",
                "market_type": "binary",
                "strike_type": "greater",
                "result": "",
            }
            return (
                preferred.get(field, schema["enum"][0])
                if preferred.get(field) in schema["enum"]
                else schema["enum"][0]
            )
        if kind == "object" or "properties" in schema:
            if "properties" not in schema:
                return {"Team": "Bench United"}
            return {name: self.value(sub, name, i) for name, sub in schema["properties"].items()}
        if kind == "array":
            count = 2 if field == "price_ranges" else 1
            return [
                self.value(schema.get("items", {}), field.rstrip("s"), i + k) for k in range(count)
            ]
        if kind == "integer":
            return 3600 if "seconds" in field else (i % 7) + 1
        if kind == "number":
            return 40.5 + i % 10
        if kind == "boolean":
            return i % 3 == 0
        if schema.get("format") == "date-time":
            return f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:{i % 60:02d}:00Z"
        if field == "ticker" or field == "market_ticker":
            return f"KXBENCH-26DEC31-T{i}"
        if field == "event_ticker":
            return f"KXBENCH-26DEC{i % 28 + 1:02d}"
        if field in ("start", "end", "step"):
            return {"start": "0.0000", "end": "1.0000", "step": "0.0100"}[field]
        if field.startswith("rules"):
            return (
                "If the official high temperature recorded in Central Park on Dec 31, 2026 is "
                f"above {40 + i % 30} degrees Fahrenheit, then the market resolves to Yes."
            )
        return f"{field.replace('_', ' ')} {i}"

    def model(self, name: str, i: int = 0) -> dict[str, Any]:
        return self.value({"$ref": f"#/components/schemas/{name}"}, name, i)


def _merge_newer(schemas: dict[str, Any], newer: dict[str, Any]) -> None:
    """Add the newer spec's extra properties (and schemas) to `schemas`, in place.

    A body with the union of both field sets is what a server in transition sends, and it
    is the only body both contenders accept: kalshi-sdk 22.4.0 follows a later spec (it
    requires e.g. Market.settlement_bounds_type), ours follows 3.13.0 (it requires e.g.
    Market.liquidity_dollars, which the later spec dropped).
    """
    for name, schema in newer.items():
        if name not in schemas:
            schemas[name] = schema
            continue
        mine = schemas[name]
        if "properties" in mine and "properties" in schema:
            mine["properties"] = {**schema["properties"], **mine["properties"]}
            mine["required"] = sorted(
                set(mine.get("required", [])) | set(schema.get("required", []))
            )


def make_bodies(spec: Path) -> dict[str, bytes]:
    try:
        import yaml
    except ImportError:
        raise BenchError(
            "PyYAML is needed to read the spec: run the bench with the project's "
            "interpreter (./scripts/setup.sh, then .venv/bin/python bench/client.py)"
        ) from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    doc = yaml.load(spec.read_text(encoding="utf-8"), Loader=loader)
    newest = spec.parent / f"kalshi-openapi-{NEWER_SPEC}.yaml"
    if newest.is_file():
        newer = yaml.load(newest.read_text(encoding="utf-8"), Loader=loader)
        _merge_newer(doc["components"]["schemas"], newer["components"]["schemas"])
    else:
        print(
            f"note: {newest} not found; bodies follow {spec.name} alone (kalshi-sdk may reject them)"
        )
    synth = _Synth(doc)
    for name in (
        "Market",
        "GetMarketsResponse",
        "GetOrderGroupResponse",
        "CreateOrderGroupResponse",
    ):
        if name not in synth.schemas:
            raise BenchError(f"{spec} has no schema {name}; the benchmark needs spec {spec.name}")
    markets = [synth.model("Market", i) for i in range(MARKETS)]
    group = synth.model("GetOrderGroupResponse")
    group.update(
        is_auto_cancel_enabled=True,
        contracts_limit_fp="100.00",
        orders=[f"ord_{k:04d}-5b0e-4c1f-8d2a-bench" for k in range(5)],
    )
    created = synth.model("CreateOrderGroupResponse")
    created["order_group_id"] = ORDER_GROUP_ID
    dump = json.dumps
    return {
        "markets": dump({"markets": markets, "cursor": ""}).encode(),
        "market": dump({"market": copy.deepcopy(markets[0])}).encode(),
        "order_group": dump(group).encode(),
        "create_order_group": dump(created).encode(),
    }


# --- the loopback server ------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, bodies: dict[str, bytes], public_key: Any) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.bodies = bodies
        self.public_key = public_key
        self.requests = 0
        self.lock = threading.Lock()
        self.verified: dict[str, list[bool]] = {}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _reply(self, status: int, body: bytes) -> None:
        reason = {200: "OK", 201: "Created", 404: "Not Found", 503: "Service Unavailable"}[status]
        head = (
            f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
        )
        if status == 503:
            head += "Connection: close\r\n"
            self.close_connection = True
        self.wfile.write(head.encode("latin-1") + b"\r\n" + body)  # one write per response

    def _verify(self, method: str, path: str) -> None:
        srv = self.server
        key_id = self.headers.get("KALSHI-ACCESS-KEY")
        if key_id is None:
            return  # an unsigned request (the floor's server-round-trip probe)
        with srv.lock:
            done = srv.verified.setdefault(key_id, [])
            if len(done) >= VERIFY_FIRST or srv.public_key is None:
                return
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        ok = False
        try:
            ts = self.headers["KALSHI-ACCESS-TIMESTAMP"]
            sig = base64.b64decode(self.headers["KALSHI-ACCESS-SIGNATURE"])
            pss = padding.PSS(
                mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH
            )
            srv.public_key.verify(sig, f"{ts}{method}{path}".encode(), pss, hashes.SHA256())
            ok = abs(int(ts) - time.time() * 1000) < 60_000
        except (KeyError, ValueError, TypeError, InvalidSignature):
            ok = False
        with srv.lock:
            done.append(ok)

    def _handle(self, method: str) -> None:
        srv = self.server
        with srv.lock:
            srv.requests += 1
            over = srv.requests > MAX_REQUESTS
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        if over:
            self._reply(503, b'{"error":{"code":"bench_cap","message":"request cap reached"}}')
            return
        path = self.path.split("?", 1)[0]
        self._verify(method, path)
        route = path[len(PREFIX) :] if path.startswith(PREFIX) else None
        if method == "GET" and route == f"/portfolio/order_groups/{ORDER_GROUP_ID}":
            self._reply(200, srv.bodies["order_group"])
        elif method == "POST" and route == "/portfolio/order_groups/create":
            self._reply(201, srv.bodies["create_order_group"])
        elif method == "GET" and route == "/markets":
            self._reply(200, srv.bodies["markets"])
        elif method == "GET" and route is not None and route.startswith("/markets/"):
            self._reply(200, srv.bodies["market"])
        else:
            self._reply(404, b'{"error":{"code":"not_found","message":"no such route"}}')

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")


def start_server(bodies: dict[str, bytes], pem: bytes) -> tuple[_Server, threading.Thread]:
    try:
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        public_key = load_pem_private_key(pem, password=None).public_key()
    except ImportError:
        public_key = None  # signatures then go unchecked; reported
    server = _Server(bodies, public_key)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    return server, thread


# --- the worker: runs inside the Python 3.12 venv ----------------------------------------------


def _worker(impl: str, port: int, work: Path) -> int:  # pragma: no cover - runs in the venv
    import hashlib  # noqa: F401  (warms hashlib for every contender alike)

    base_url = f"http://127.0.0.1:{port}{PREFIX}"
    pem = KEY_PATH.read_text()
    bodies = {p.stem: p.read_bytes() for p in (work / "bodies").glob("*.json")}
    market_bytes = bodies["markets"]
    ops: dict[str, Any] = {}
    import httpx

    def in_memory(request: httpx.Request) -> httpx.Response:
        # the same bodies without the network: isolates each client's own per-call work
        post = request.method == "POST"
        return httpx.Response(
            201 if post else 200,
            headers={"Content-Type": "application/json"},
            content=bodies["create_order_group" if post else "order_group"],
        )

    mock = httpx.MockTransport(in_memory)

    if impl == "floor":
        import httpx
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        key = load_pem_private_key(pem.encode(), password=None)
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.DIGEST_LENGTH)
        http = httpx.Client(base_url=base_url, headers={"Accept": "application/json"})
        http_mem = httpx.Client(
            base_url=base_url, headers={"Accept": "application/json"}, transport=mock
        )

        def signed(method: str, path: str) -> dict[str, str]:
            ts = str(time.time_ns() // 1_000_000)
            sig = key.sign(f"{ts}{method}{PREFIX}{path}".encode(), pss, hashes.SHA256())
            return {
                "KALSHI-ACCESS-KEY": "bench-floor",
                "KALSHI-ACCESS-TIMESTAMP": ts,
                "KALSHI-ACCESS-SIGNATURE": base64.b64encode(sig).decode(),
            }

        def get(http: httpx.Client = http) -> Any:
            path = f"/portfolio/order_groups/{ORDER_GROUP_ID}"
            r = http.get(path, headers=signed("GET", path))
            assert r.status_code == 200
            return json.loads(r.content)

        def post(http: httpx.Client = http) -> Any:
            path = "/portfolio/order_groups/create"
            body = json.dumps({"contracts_limit": 10}).encode()
            r = http.post(
                path,
                content=body,
                headers={**signed("POST", path), "Content-Type": "application/json"},
            )
            assert r.status_code == 201
            return json.loads(r.content)

        def list1000() -> Any:
            r = http.get("/markets", params={"limit": MARKETS}, headers=signed("GET", "/markets"))
            assert r.status_code == 200
            return json.loads(r.content)

        def unsigned() -> Any:  # the server's share: no signing, no parsing
            r = http.get(f"/portfolio/order_groups/{ORDER_GROUP_ID}")
            assert r.status_code == 200
            return r.content

        def sign_only() -> Any:
            return signed("GET", "/portfolio/order_groups/x")

        ops.update(
            get=get,
            post=post,
            list1000=list1000,
            unsigned_get=unsigned,
            sign=sign_only,
            get_mem=lambda: get(http_mem),
            post_mem=lambda: post(http_mem),
            parse1000=lambda: json.loads(market_bytes),
        )
    else:
        import kalshi

        # ours refuses a host that is not one of the spec's servers unless told (issue 12)
        loopback: dict[str, Any] = {"allow_unknown_host": True} if impl == "ours" else {}
        client = kalshi.KalshiClient(
            key_id=f"bench-{impl}", private_key=pem, base_url=base_url, **loopback
        )
        mem = kalshi.KalshiClient(
            key_id=f"bench-{impl}", private_key=pem, base_url=base_url, transport=mock
        )
        ops.update(
            get=lambda: client.order_groups.get(ORDER_GROUP_ID),
            post=lambda: client.order_groups.create(contracts_limit=10),
            list1000=lambda: client.markets.list(limit=MARKETS),
            get_mem=lambda: mem.order_groups.get(ORDER_GROUP_ID),
            post_mem=lambda: mem.order_groups.create(contracts_limit=10),
        )
        if impl == "ours":
            from kalshi._base_client import parse_response
            from kalshi.models.common import GetMarketsResponse

            # what the runtime does with every response, and the two-step way for reference
            # (json.loads, then model_validate: what the runtime did before it validated bytes)
            response = httpx.Response(200, content=market_bytes)
            ops["parse1000"] = lambda: parse_response(
                response, GetMarketsResponse, "GET", "/markets"
            )
            ops["parse1000_json"] = lambda: GetMarketsResponse.model_validate(
                json.loads(market_bytes)
            )
        else:
            from kalshi.models.common import Page
            from kalshi.models.markets import Market

            def sdk_parse() -> Any:  # what kalshi-sdk's _list does with a response
                data = json.loads(market_bytes)
                items = [Market.model_validate(item) for item in data.get("markets") or []]
                return Page(items=items, cursor=data.get("cursor") or None)

            ops["parse1000"] = sdk_parse

    # check every op once and warm up (connection, lazily loaded modules, caches)
    try:
        checks = {
            "get": lambda r: len(r["orders"] if isinstance(r, dict) else r.orders) == 5,
            "post": lambda r: (
                (r["order_group_id"] if isinstance(r, dict) else r.order_group_id) == ORDER_GROUP_ID
            ),
            "get_mem": lambda r: len(r["orders"] if isinstance(r, dict) else r.orders) == 5,
            "post_mem": lambda r: (
                (r["order_group_id"] if isinstance(r, dict) else r.order_group_id) == ORDER_GROUP_ID
            ),
            "list1000": lambda r: (
                len(r["markets"] if isinstance(r, dict) else getattr(r, "markets", None) or list(r))
                == MARKETS
            ),
        }
        for name, fn in ops.items():
            result = fn()
            if name in checks and not checks[name](result):
                raise AssertionError(f"{name}: unexpected result {str(result)[:300]}")
            if name.startswith("parse"):
                n = len(
                    result["markets"]
                    if isinstance(result, dict)
                    else getattr(result, "markets", None) or list(result)
                )
                if n != MARKETS:
                    raise AssertionError(f"{name}: {n} markets parsed")
            for _ in range(2 if name.endswith(("1000", "_json")) else 20):
                fn()
    except Exception as exc:  # noqa: BLE001 - reported to the orchestrator, which stops
        print(json.dumps({"error": f"{type(exc).__name__}: {exc}"[:2000]}), flush=True)
        return 1
    from importlib.metadata import PackageNotFoundError, version

    versions = {}
    for dist in ("httpx", "pydantic", "cryptography", "kalshi-sdk", "kalshi-generated"):
        try:
            versions[dist] = version(dist)
        except PackageNotFoundError:
            versions[dist] = None
    print(
        json.dumps(
            {
                "ready": sorted(ops),
                "python": sys.version.split()[0],
                "kalshi": getattr(sys.modules.get("kalshi"), "__file__", None),
                "versions": versions,
            }
        ),
        flush=True,
    )
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd.get("op") == "quit":
            break
        per_call = time_calls(ops[cmd["op"]], int(cmd["n"]))
        print(json.dumps({"op": cmd["op"], "per_call": per_call}), flush=True)
    return 0


class _Worker:
    def __init__(self, impl: str, python: Path, port: int, work: Path, env: dict[str, str]) -> None:
        self.impl = impl
        self.proc = subprocess.Popen(
            [
                str(python),
                str(Path(__file__).resolve()),
                "--worker",
                impl,
                "--port",
                str(port),
                "--work",
                str(work),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.hello = self._read()
        if "ready" not in self.hello:
            raise BenchError(f"{impl} worker failed to start: {self.hello.get('error')}")

    def _read(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            err = self.proc.stderr.read() if self.proc.stderr else ""
            return {"error": f"exited {self.proc.wait()}: {err.strip()[-2000:]}"}
        return json.loads(line)

    def run(self, op: str, n: int) -> float:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"op": op, "n": n}) + "\n")
        self.proc.stdin.flush()
        reply = self._read()
        if "per_call" not in reply:
            raise BenchError(f"{self.impl} worker failed on {op}: {reply.get('error')}")
        return float(reply["per_call"])

    def stop(self) -> None:
        if self.proc.poll() is None:
            try:
                assert self.proc.stdin is not None
                self.proc.stdin.write(json.dumps({"op": "quit"}) + "\n")
                self.proc.stdin.flush()
                self.proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self.proc.kill()
                self.proc.wait()


# --- orchestration -------------------------------------------------------------------------------


def find_python312(explicit: str | None) -> Path:
    if explicit:
        path = Path(explicit)
    else:
        found = sorted(
            Path.home().glob(".pyenv/versions/3.12.*/bin/python"),
            key=lambda p: [int(x) for x in p.parent.parent.name.split(".") if x.isdigit()],
        )
        if not found:
            raise BenchError(
                "kalshi-sdk needs Python 3.12 and none was found under ~/.pyenv/versions/"
                "3.12.*; pass --python312 PATH"
            )
        path = found[-1]
    if not path.exists():
        raise BenchError(f"--python312 {path} does not exist")
    return path


def install_ours(python: Path, venv: Path, source: Path | None = None) -> Path:
    """The generated client, pip-installed (no deps) into a --target folder; redone on change.

    pip builds from a snapshot copy: generated/ may be regenerated (swapped) by a concurrent
    `generate`, and a build must not write build/ or *.egg-info into the checkout.
    """
    import shutil

    source = source or ROOT / "generated"
    target = cache_dir() / f"ours-target-{venv.name}"
    marker = target / ".bench-digest"
    for attempt in range(5):
        if not (source / "pyproject.toml").is_file() or not (source / "kalshi").is_dir():
            if attempt == 4:
                raise BenchError(f"{source} has no generated client; run ./scripts/setup.sh first")
            time.sleep(1)
            continue
        digest = tree_digest(source / "kalshi", "**/*.py") + tree_digest(source, "pyproject.toml")
        if marker.is_file() and marker.read_text() == digest:
            return target
        snap = Path(tempfile.mkdtemp(prefix="generated-", dir=cache_dir()))
        try:
            shutil.copy2(source / "pyproject.toml", snap / "pyproject.toml")
            shutil.copytree(
                source / "kalshi", snap / "kalshi", ignore=shutil.ignore_patterns("__pycache__")
            )
        except (OSError, shutil.Error):
            shutil.rmtree(snap, ignore_errors=True)
            time.sleep(1)  # caught mid-swap: try again
            continue
        if tree_digest(snap / "kalshi", "**/*.py") + tree_digest(snap, "pyproject.toml") != digest:
            shutil.rmtree(snap, ignore_errors=True)
            continue  # changed while copying
        try:
            shutil.rmtree(target, ignore_errors=True)
            print(f"  installing the generated client into {target} ...", flush=True)
            pip_install(python, ["--no-deps", "--target", str(target), str(snap)])
        finally:
            shutil.rmtree(snap, ignore_errors=True)
        marker.write_text(digest)
        return target
    raise BenchError(f"{source} kept changing while being copied; try again")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=7, help="rounds per measurement (default 7)")
    parser.add_argument(
        "--calls",
        type=int,
        default=200,
        help="calls per round for the signed GET/POST (default 200)",
    )
    parser.add_argument(
        "--big-calls",
        type=int,
        default=10,
        help="calls per round for the 1,000-market list and parse (default 10)",
    )
    parser.add_argument(
        "--import-runs", type=int, default=15, help="fresh interpreters for start-up"
    )
    parser.add_argument("--only", default="calls,parse,startup", help="comma list of parts to run")
    parser.add_argument("--spec", help="the Kalshi 3.13.0 document (default ../shared/spec/...)")
    parser.add_argument("--python312", help="the Python 3.12 to build the venv from")
    parser.add_argument(
        "--generated",
        type=Path,
        help="the generated tree to measure (default: the checkout's generated/; e.g. one "
        "generated with --output from changed templates)",
    )
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--worker", choices=CONTENDERS, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return _worker(args.worker, args.port, args.work)
    parts = set(args.only.split(","))
    if not parts <= {"calls", "parse", "startup"}:
        raise BenchError(f"--only takes calls, parse, startup; got {args.only}")
    if min(args.rounds, args.calls, args.big_calls, args.import_runs) < 1:
        raise BenchError("--rounds, --calls, --big-calls and --import-runs must be at least 1")

    spec = find_spec(args.spec)
    if not KEY_PATH.is_file():
        raise BenchError(f"test key not found: {KEY_PATH}")
    py312 = find_python312(args.python312)
    venv = ensure_venv(
        f"venv-sdk-{SDK_VERSION}-py{py312.parent.parent.name}",
        py312,
        [f"kalshi-sdk=={SDK_VERSION}"],
    )
    python = venv_python(venv)
    ours_target = install_ours(python, venv, args.generated)
    envs = {
        "floor": bench_env(),
        "ours": bench_env({"PYTHONPATH": str(ours_target)}),
        "sdk": bench_env(),
    }
    print(f"interpreter: {python} (from {py312})")
    print(f"before: {load_note()}")
    results: dict[str, Any] = {}
    rows: list[list[str]] = []

    if parts & {"calls", "parse"}:
        work = Path(tempfile.mkdtemp(prefix="client-", dir=cache_dir()))
        (work / "bodies").mkdir()
        for name, body in make_bodies(spec).items():
            (work / "bodies" / f"{name}.json").write_bytes(body)
        print(
            f"GetMarkets body: {MARKETS} markets, {len((work / 'bodies' / 'markets.json').read_bytes()):,} bytes"
        )
        server, thread = start_server(
            {p.stem: p.read_bytes() for p in (work / "bodies").glob("*.json")},
            KEY_PATH.read_bytes(),
        )
        port = server.server_address[1]
        workers: dict[str, _Worker] = {}
        try:
            for impl in CONTENDERS:
                workers[impl] = _Worker(impl, python, port, work, envs[impl])
                hello = workers[impl].hello
                print(f"  {impl}: kalshi from {hello.get('kalshi')}, {hello.get('versions')}")
            plan: list[tuple[str, int, tuple[str, ...]]] = []
            if "calls" in parts:
                plan += [
                    ("get", args.calls, CONTENDERS),
                    ("post", args.calls, CONTENDERS),
                    ("get_mem", args.calls, CONTENDERS),
                    ("post_mem", args.calls, CONTENDERS),
                    ("list1000", args.big_calls, CONTENDERS),
                    ("unsigned_get", args.calls, ("floor",)),
                    ("sign", args.calls, ("floor",)),
                ]
            if "parse" in parts:
                plan += [
                    ("parse1000", args.big_calls, CONTENDERS),
                    ("parse1000_json", args.big_calls, ("ours",)),
                ]
            stats: dict[tuple[str, str], Stats] = {}
            for r in range(args.rounds):
                for op, n, who in plan:
                    order = who[r % len(who) :] + who[: r % len(who)]  # rotate who goes first
                    for impl in order:
                        stats.setdefault((op, impl), Stats()).add(workers[impl].run(op, n))
        finally:
            for w in workers.values():
                w.stop()
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
            import shutil

            shutil.rmtree(work, ignore_errors=True)
        bad = {k: v for k, v in server.verified.items() if not all(v)}
        if server.public_key is None:
            print("note: cryptography is not importable here; signatures were not verified")
        elif bad:
            raise BenchError(
                f"the server rejected signatures of {sorted(bad)}: results would be void"
            )
        else:
            print(
                "signatures verified by the server: "
                + ", ".join(f"{k} {len(v)}/{len(v)}" for k, v in sorted(server.verified.items()))
            )
        print(f"requests served: {server.requests:,}")
        results["calls"] = {f"{op}/{impl}": s.to_json() for (op, impl), s in stats.items()}

        def cell(op: str, impl: str, scale: float = 1e3, unit: str = "ms", digits: int = 3) -> str:
            s = stats.get((op, impl))
            return s.fmt(unit, scale, digits) if s else "n/a"

        if "calls" in parts:
            for op, what in (
                ("get", "signed GET order_groups.get"),
                ("post", "signed POST order_groups.create"),
                ("list1000", f"markets.list, {MARKETS} markets (end to end)"),
                ("get_mem", "in-memory transport, signed GET"),
                ("post_mem", "in-memory transport, signed POST"),
            ):
                for impl in CONTENDERS:
                    rows.append([f"{what}, {LABELS[impl]}", cell(op, impl)])
            rows.append(
                [
                    "server round trip: unsigned GET, no parsing (httpx)",
                    cell("unsigned_get", "floor"),
                ]
            )
            rows.append(["RSA-PSS signing alone", cell("sign", "floor")])
        if "parse" in parts:
            rows.append(
                [
                    f"parse {MARKETS} markets, json.loads only (floor)",
                    cell("parse1000", "floor", digits=2),
                ]
            )
            rows.append(
                [
                    f"parse {MARKETS} markets into models, ours (the runtime's parse_response)",
                    cell("parse1000", "ours", digits=2),
                ]
            )
            rows.append(
                [
                    f"parse {MARKETS} markets into models, ours (json.loads + model_validate)",
                    cell("parse1000_json", "ours", digits=2),
                ]
            )
            rows.append(
                [
                    f"parse {MARKETS} markets into models, kalshi-sdk",
                    cell("parse1000", "sdk", digits=2),
                ]
            )

    imports: dict[str, list[str]] = {}
    if "startup" in parts:
        startup: dict[str, tuple[Stats, Stats]] = {}
        for impl in ("ours", "sdk"):
            startup[impl] = fresh_import_times(python, "kalshi", args.import_runs, envs[impl])
            imports[impl] = importtime_report(importtime(python, "kalshi", envs[impl]), "kalshi")
        bare = fresh_import_times(python, "sys", args.import_runs, envs["sdk"])[1]
        for impl in ("ours", "sdk"):
            inner, wall = startup[impl]
            rows.append([f"`import kalshi`, {LABELS[impl]} (in-process)", inner.fmt()])
            rows.append(
                [f"`python -c 'import kalshi'`, {LABELS[impl]} (whole process)", wall.fmt()]
            )
        rows.append(["`python -c pass` (bare interpreter)", bare.fmt()])
        results["startup"] = {
            impl: {"import": s[0].to_json(), "process": s[1].to_json()}
            for impl, s in startup.items()
        }

    print()
    print(table(rows, ["client (Python 3.12, same interpreter for all)", "median (min, max, n)"]))
    print()
    if "calls" in parts:
        for op in ("get", "post", "list1000", "get_mem", "post_mem"):
            print(
                ratio_line(
                    f"{op}: ours / floor",
                    stats[(op, "ours")],
                    stats[(op, "floor")],
                    "<= 1.10" if op in ("get", "post") else None,
                )
            )
            print(
                ratio_line(
                    f"{op}: ours / kalshi-sdk", stats[(op, "ours")], stats[(op, "sdk")], "<= 1.00"
                )
            )
        for who in ("ours", "sdk"):
            over = {
                op: (stats[(op, who)].median - stats[(op, "floor")].median) * 1e6
                for op in ("get", "post", "get_mem", "post_mem")
            }
            print(
                f"{who}' overhead over the floor: "
                + ", ".join(f"{op} {us:+.0f} us/call" for op, us in over.items())
            )
    if "parse" in parts:
        print(
            ratio_line(
                "parse 1,000 markets: ours / kalshi-sdk",
                stats[("parse1000", "ours")],
                stats[("parse1000", "sdk")],
                "<= 1.00",
            )
        )
    if "startup" in parts:
        ours_imp, sdk_imp = startup["ours"][0], startup["sdk"][0]
        met = "met" if ours_imp.median < 0.100 else "NOT met"
        print(f"import kalshi, ours: {ours_imp.median * 1e3:.1f} ms (goal < 100 ms: {met})")
        print(ratio_line("import kalshi: ours / kalshi-sdk", ours_imp, sdk_imp, "<= 0.5"))
        for impl in ("ours", "sdk"):
            print(f"\n-X importtime, {LABELS[impl]}:")
            for line in imports[impl]:
                print(f"  {line}")
    print(f"\nafter: {load_note()}")
    if args.json:
        results["importtime"] = imports
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    main_guard(main)

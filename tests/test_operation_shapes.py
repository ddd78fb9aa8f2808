"""Legal OpenAPI operations generate working code; what the client cannot send is refused
(issue 11 §3).

tests/fixtures/specs/shapes/operations.yaml has one operation per shape: `2XX` and `default`
success responses, int and string status codes, JSON media types with parameters, a `+json`
suffix, `*/*` and odd case, text and binary success bodies, header parameters, and a path
item behind a `$ref`. Its client is generated into a temporary folder and called in a
subprocess (the tree is a package `kalshi`, like the committed one) through an
httpx.MockTransport, and through its own FakeKalshi. The refused shapes (cookie parameters,
form bodies, `content:` parameters, path placeholders without a parameter and the reverse)
exit 2 with one line naming the operation.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from cli_runner import codegen as cli

SHAPES = Path(__file__).resolve().parent / "fixtures" / "specs" / "shapes" / "operations.yaml"


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory, generate_into: Callable[..., Path]) -> Path:
    return generate_into(tmp_path_factory.mktemp("shapes"), SHAPES)


# ---------------------------------------------------------------------- the generated code

MOCK_CALLS = """\
import json
import httpx
from kalshi import KalshiClient

THING = {"id": "t1", "name": "one"}
ANSWERS = {
    ("GET", "/api/v1/things"): (200, "application/json; charset=utf-8", {"things": [THING]}),
    ("POST", "/api/v1/things"): (201, "application/vnd.shapes.thing+json", THING),
    ("GET", "/api/v1/things/t1"): (200, "application/json", THING),
    ("DELETE", "/api/v1/things/t1"): (204, None, None),
    ("GET", "/api/v1/problems/latest"): (200, "application/problem+json", {"title": "late"}),
    ("GET", "/api/v1/wildcard"): (200, "application/json", THING),
    ("GET", "/api/v1/report"): (200, "text/csv", "id,name\\nt1,one\\n"),
    ("GET", "/api/v1/note"): (200, "text/plain; charset=utf-8", "café"),
    ("GET", "/api/v1/blob"): (200, "application/octet-stream", b"\\x00\\xffPDF"),
}
seen = []

def handler(request):
    status, media, body = ANSWERS[(request.method, request.url.path)]
    seen.append({"path": request.url.path, "headers": dict(request.headers)})
    if body is None:
        return httpx.Response(status)
    if isinstance(body, bytes):
        content = body
    elif isinstance(body, str):
        content = body.encode("utf-8")
    else:
        content = json.dumps(body).encode()
    return httpx.Response(status, content=content, headers={"Content-Type": media})

client = KalshiClient(base_url="https://shapes.example.test/api/v1",
                      transport=httpx.MockTransport(handler))
listed = client.things.list(x_request_id="r-1", x_page_size=25, x_dry_run=True, x_mode="fast")
bare = client.things.list(x_request_id="r-2")
created = client.things.create(name="one")
got = client.things.get("t1")
deleted = client.things.delete("t1")
latest = client.things.latest()
wild = client.things.get_wildcard()
report = client.things.get_report()
note = client.things.get_note()
blob = client.things.get_blob()
print(json.dumps({
    "listed": [type(listed).__name__, listed.things[0].name],
    "created": [type(created).__name__, created.id],
    "got": [type(got).__name__, got.name],
    "deleted": deleted,
    "latest": [type(latest).__name__, latest.title],
    "wild": [type(wild).__name__, wild.id],
    "report": [type(report).__name__, report],
    "note": [type(note).__name__, note],
    "blob": [type(blob).__name__, blob.hex()],
    "requests": seen,
}))
"""


@pytest.fixture(scope="module")
def mock_run(tree: Path, run_json_in_tree: Callable[..., Any]) -> dict[str, Any]:
    result: dict[str, Any] = run_json_in_tree(tree, MOCK_CALLS)
    return result


def test_2xx_and_default_and_charset_json_responses_parse(mock_run: dict[str, Any]) -> None:
    assert mock_run["listed"] == ["ThingList", "one"]  # `2XX`, application/json; charset=utf-8
    assert mock_run["got"] == ["Thing", "one"]  # 200 beside 204: the lowest code wins
    assert mock_run["wild"] == ["Thing", "t1"]  # */* with a schema
    assert mock_run["deleted"] is None


def test_problem_and_vendor_json_parse_into_the_model(mock_run: dict[str, Any]) -> None:
    assert mock_run["latest"] == ["Problem", "late"]  # `default`, application/problem+json
    assert mock_run["created"] == ["Thing", "t1"]  # 201 as a YAML int, a +json suffix


def test_text_returns_str_and_binary_returns_bytes(mock_run: dict[str, Any]) -> None:
    assert mock_run["report"] == ["str", "id,name\nt1,one\n"]
    assert mock_run["note"] == ["str", "café"]
    assert mock_run["blob"] == ["bytes", "00ff504446"]
    accept = {r["path"]: r["headers"].get("accept") for r in mock_run["requests"]}
    assert accept["/api/v1/report"] == "text/csv"
    assert accept["/api/v1/blob"] == "application/octet-stream"
    assert accept["/api/v1/things/t1"] == "application/json"


def test_header_parameters_are_sent_as_headers(mock_run: dict[str, Any]) -> None:
    full, bare = (r["headers"] for r in mock_run["requests"][:2])
    assert full["x-request-id"] == "r-1"
    assert full["x-page-size"] == "25"
    assert full["x-dry-run"] == "true"
    assert full["x-mode"] == "fast"
    assert bare["x-request-id"] == "r-2"
    assert not {"x-page-size", "x-dry-run", "x-mode"} & set(bare)  # None: not sent


def test_header_parameters_are_typed_keywords(tree: Path) -> None:
    surface = (tree / "SURFACE.txt").read_text(encoding="utf-8")
    assert (
        "things.list(*, x_request_id: str, x_page_size: int | None = None, "
        "x_dry_run: bool | None = None, x_mode: Literal['fast', 'slow'] | None = None) "
        "-> ThingList" in surface
    )
    assert "things.get_report() -> str" in surface
    assert "things.get_blob() -> bytes" in surface
    # Accept and KALSHI-ACCESS-KEY are headers the client sets itself: not keywords
    assert "accept" not in surface.split("things.list(", 1)[1].split(")", 1)[0]
    assert "kalshi_access" not in surface


def test_the_path_item_ref_is_followed(tree: Path) -> None:
    docs = (tree / "docs" / "things.md").read_text(encoding="utf-8")
    assert "Things of every shape" in docs  # the tag description, through the $ref'd item
    surface = (tree / "SURFACE.txt").read_text(encoding="utf-8")
    assert "things.get(thing_id: str) -> Thing" in surface
    assert "things.delete(thing_id: str) -> None" in surface


@pytest.mark.slow
def test_the_generated_tree_type_checks(
    tree: Path, mypy_strict: Callable[[Path], tuple[list[str], Path]]
) -> None:
    """`mypy --strict kalshi` (kalshi/resources/things.py and the rest of the tree)."""
    import subprocess

    argv, cwd = mypy_strict(tree)
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-3000:]


FAKE_CALLS = """\
import json
import httpx
from kalshi.testing import FakeKalshi

fake = FakeKalshi(stateful=False)
with fake.client(base_url="https://shapes.example.test/api/v1") as client:
    listed = client.things.list(x_request_id="r-1", x_page_size=3)
    report = client.things.get_report()
    blob = client.things.get_blob()
    latest = client.things.latest()
    fake.respond("GetReport", body="a,b\\n1,2\\n")
    scripted = client.things.get_report()
raw = httpx.Client(transport=fake.transport, base_url="https://shapes.example.test")
missing = raw.get("/api/v1/things").json()
bad = raw.get("/api/v1/things", headers={"X-Request-Id": "r", "X-Page-Size": "many"}).json()
print(json.dumps({
    "listed": type(listed).__name__,
    "report": [type(report).__name__, report],
    "blob": type(blob).__name__,
    "latest": type(latest).__name__,
    "scripted": scripted,
    "statuses": [c.status for c in fake.requests],
    "sent": fake.requests[0].headers.get("x-request-id"),
    "missing": missing,
    "bad": bad,
    "contract": {op["operation_id"]: [op["success_status"], op.get("response_media")]
                 for op in fake.operations.values()},
}))
"""


@pytest.fixture(scope="module")
def fake_run(tree: Path, run_json_in_tree: Callable[..., Any]) -> dict[str, Any]:
    result: dict[str, Any] = run_json_in_tree(tree, FAKE_CALLS)
    return result


def test_the_fake_answers_every_shape(fake_run: dict[str, Any]) -> None:
    assert fake_run["listed"] == "ThingList"
    assert fake_run["report"] == ["str", "string"]  # the schema's example, as text
    assert fake_run["blob"] == "bytes"
    assert fake_run["latest"] == "Problem"
    assert fake_run["scripted"] == "a,b\n1,2\n"
    assert fake_run["sent"] == "r-1"
    contract = fake_run["contract"]
    assert contract["GetThings"] == [200, None]  # `2XX`: the fake answers 200
    assert contract["GetLatestProblem"] == [200, None]  # `default`: 200
    assert contract["CreateThing"] == [201, None]
    assert contract["GetReport"] == [200, "text/csv"]
    assert contract["GetBlob"] == [200, "application/octet-stream"]


def test_the_fake_checks_header_parameters(fake_run: dict[str, Any]) -> None:
    assert fake_run["missing"]["message"] == "missing required header parameter 'X-Request-Id'"
    assert "header parameter 'X-Page-Size'" in fake_run["bad"]["message"]
    assert fake_run["statuses"][-2:] == [400, 400]


# ---------------------------------------------------------------------- refused shapes

BASE: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "Refusals", "version": "1"},
    "servers": [{"url": "https://refusals.example.test/v1"}],
    "paths": {
        "/things/{thing_id}": {
            "post": {
                "operationId": "PokeThing",
                "parameters": [
                    {
                        "name": "thing_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {"204": {"description": "done"}},
            }
        }
    },
}


def _op(doc: dict[str, Any]) -> dict[str, Any]:
    op: dict[str, Any] = doc["paths"]["/things/{thing_id}"]["post"]
    return op


def _cookie(doc: dict[str, Any]) -> None:
    _op(doc)["parameters"].append({"name": "session", "in": "cookie", "schema": {"type": "string"}})


def _body(media: str) -> Callable[[dict[str, Any]], None]:
    def patch(doc: dict[str, Any]) -> None:
        _op(doc)["requestBody"] = {
            "content": {
                media: {"schema": {"type": "object", "properties": {"a": {"type": "string"}}}}
            }
        }

    return patch


def _content_param(doc: dict[str, Any]) -> None:
    _op(doc)["parameters"].append(
        {
            "name": "filter",
            "in": "query",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    )


def _no_parameter(doc: dict[str, Any]) -> None:
    _op(doc)["parameters"] = []


def _not_in_path(doc: dict[str, Any]) -> None:
    _op(doc)["parameters"].append(
        {"name": "other_id", "in": "path", "required": True, "schema": {"type": "string"}}
    )


REFUSED: dict[str, tuple[Callable[[dict[str, Any]], None], str]] = {
    "cookie": (_cookie, r"PokeThing: cookie parameter 'session' is not supported"),
    "multipart": (
        _body("multipart/form-data"),
        r"PokeThing: request body media type multipart/form-data is not supported",
    ),
    "form": (
        _body("application/x-www-form-urlencoded"),
        r"PokeThing: request body media type application/x-www-form-urlencoded is not",
    ),
    "text-body": (_body("text/plain"), r"PokeThing: request body media types \['text/plain'\]"),
    "content-param": (_content_param, r"PokeThing: parameter 'filter' is described by `content:`"),
    "placeholder": (
        _no_parameter,
        r"PokeThing: path '/things/\{thing_id\}': \{thing_id\} has no `in: path` parameter",
    ),
    "not-in-path": (
        _not_in_path,
        r"PokeThing: path '/things/\{thing_id\}': path parameter 'other_id' is not one of its",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_unsupported_shapes_exit_2_naming_the_operation(
    case: str, tmp_path: Path, empty_overrides: Path
) -> None:
    import re

    patch, message = REFUSED[case]
    doc = copy.deepcopy(BASE)
    patch(doc)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "out"
    done = cli("generate", "--spec", spec, "--overrides", empty_overrides, "--output", out)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert re.search(message, lines[0]), lines[0]
    assert "paths//things/{thing_id}/post" in lines[0]  # the place in the spec
    assert not out.exists()


def test_an_unknown_parameter_location_exits_2(tmp_path: Path, empty_overrides: Path) -> None:
    doc = copy.deepcopy(BASE)
    _op(doc)["parameters"].append({"name": "q", "in": "body", "schema": {"type": "string"}})
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(doc), encoding="utf-8")
    done = cli(
        "generate", "--spec", spec, "--overrides", empty_overrides, "--output", tmp_path / "o"
    )
    assert done.returncode == 2, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "paths//things/{thing_id}/post/parameters" in line, line


@pytest.fixture
def empty_overrides(tmp_path: Path) -> Path:
    path = tmp_path / "overrides.yaml"
    path.write_text("", encoding="utf-8")
    return path


# ---------------------------------------------------------------------- the rules, in-process


@pytest.mark.parametrize(
    ("responses", "key"),
    [
        ({"204": {}, "200": {}, "400": {}}, "200"),
        ({201: {}, "2XX": {}, "default": {}}, 201),
        ({"2XX": {}, "default": {}}, "2XX"),
        ({"2xx": {}, "4XX": {}}, "2xx"),
        ({"default": {}, "404": {}}, "default"),
        ({"404": {}}, None),
    ],
)
def test_the_success_response_rule(responses: dict[Any, Any], key: Any) -> None:
    from generator.openapi.build import _success_key

    assert _success_key(responses) == key


@pytest.mark.parametrize(
    ("content", "chosen"),
    [
        ({"application/json": {}}, "application/json"),
        ({"application/json; charset=utf-8": {}}, "application/json; charset=utf-8"),
        ({"Application/JSON": {}}, "Application/JSON"),
        ({"application/problem+json": {}}, "application/problem+json"),
        ({"application/vnd.foo+json; v=2": {}}, "application/vnd.foo+json; v=2"),
        ({"*/*": {"schema": {}}}, "*/*"),
        ({"*/*": {}}, None),  # a wildcard without a schema says nothing about JSON
        ({"text/plain": {}, "application/hal+json": {}}, "application/hal+json"),
        ({"application/x+json": {}, "application/json": {}}, "application/json"),
        ({"text/csv": {}, "application/octet-stream": {}}, None),
        ({"application/jsonl": {}}, None),
    ],
)
def test_the_json_media_rule(content: dict[str, Any], chosen: str | None) -> None:
    from generator.openapi.build import _json_media

    found = _json_media(content)
    assert (found[0] if found else None) == chosen

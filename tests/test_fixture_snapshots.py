"""Snapshots of the generated client, one per generated file, for each small fixture spec
(tests/fixtures/specs/*.yaml, one generator feature each), and the manifest (path + sha256 of
every file) of the real Kalshi spec's output.

The static runtime modules copied verbatim from templates/ are not snapshotted here (their own
tests cover them; the manifest still pins their bytes). Update with `pytest --snapshot-update`
and read every changed snapshot before committing it.
"""

from __future__ import annotations

import copy
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from shared_specs import unavailable
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from generator import ir
from generator.documents.load import load_document
from generator.emit.write import manifest, tree_files
from generator.openapi.build import build_ir
from generator.overrides.schema import load_overrides
from generator.pipeline import generate_targets
from generator.targets import project_targets

REPO = Path(__file__).resolve().parents[1]
FIXTURE_SPECS = REPO / "tests" / "fixtures" / "specs"
TEMPLATES = REPO / "templates"

FIXTURES = sorted(
    p.stem for p in FIXTURE_SPECS.glob("*.yaml") if not p.name.endswith(".overrides.yaml")
)


class GeneratedFileSnapshot(SingleFileSnapshotExtension):
    """One generated file per snapshot file, as plain text, under a non-.py extension
    (pytest would collect a `.py` snapshot as a test module)."""

    file_extension = "txt"
    _file_extension = "txt"  # the attribute's name before syrupy 5
    _write_mode = WriteMode.TEXT


@pytest.fixture
def file_snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(GeneratedFileSnapshot)


def static_files() -> set[str]:
    """Generated paths that are verbatim copies of templates/ (runtime, fake exchange)."""
    static = {
        f"kalshi/{p.relative_to(TEMPLATES / 'runtime').as_posix()}"
        for p in (TEMPLATES / "runtime").rglob("*")
        if p.is_file()
    }
    testing = TEMPLATES / "testing"
    if testing.is_dir():
        static |= {
            f"kalshi/testing/{p.relative_to(testing).as_posix()}"
            for p in testing.rglob("*")
            if p.is_file()
        }
    return static


def snapshot_name(path: str) -> str:
    """syrupy strips "/" from names: kalshi/models/common.py -> kalshi__models__common.py."""
    return path.replace("/", "__")


def overrides_for(name: str) -> Path | None:
    path = FIXTURE_SPECS / f"{name}.overrides.yaml"
    return path if path.is_file() else None


class _Generated:
    def __init__(
        self, root: Path, files: dict[str, bytes], warnings: list[str], client: ir.ClientIR
    ):
        self.root = root
        self.files = files
        self.warnings = warnings
        self.client = client


@pytest.fixture(scope="module")
def generated(
    tmp_path_factory: pytest.TempPathFactory, generate_result: Callable[..., Any]
) -> Callable[[str], _Generated]:
    """Each fixture spec generated once per module, on first use."""
    cache: dict[str, _Generated] = {}

    def get(name: str) -> _Generated:
        if name not in cache:
            root, result = generate_result(
                tmp_path_factory.mktemp(name), FIXTURE_SPECS / f"{name}.yaml", overrides_for(name)
            )
            cache[name] = _Generated(
                root, tree_files(root), [str(w) for w in result.client.warnings], result.client
            )
        return cache[name]

    return get


# ---------------------------------------------------------------------- snapshots


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_output(
    name: str, generated: Callable[[str], _Generated], file_snapshot: SnapshotAssertion
) -> None:
    out = generated(name)
    static = static_files()
    snapshotted = sorted(p for p in out.files if p not in static)
    assert "kalshi/client.py" in snapshotted and "kalshi/_operations.py" in snapshotted
    # compare every file before failing, so one run shows every changed snapshot
    changed: list[str] = []
    for path in snapshotted:
        matches = file_snapshot(name=snapshot_name(path)) == out.files[path].decode("utf-8")
        if not matches:
            changed.append(path)
    # the generator's warnings are part of its output, exact words included
    warnings = "".join(f"{w}\n" for w in out.warnings)
    matches = file_snapshot(name="generator-warnings") == warnings
    if not matches:
        changed.append("(generator warnings)")
    assert not changed, f"generated files differ from their snapshots: {changed}"


def test_real_spec_output(tmp_path: Path, file_snapshot: SnapshotAssertion) -> None:
    """Every file generated from every target's locked document (targets.yaml: kalshi,
    kalshi.ws, kalshi.perps, kalshi.perps.ws, kalshi.klear) with its overrides, one snapshot
    each, plus the manifest (path + sha256). Names carry no version, so a spec update shows in
    review as a diff of the same snapshot files: OVERRIDES*.md, SURFACE*.txt and the manifest
    first."""
    targets = project_targets()
    for target in targets.values():
        if not target.spec.is_file():
            unavailable(f"{target.spec} is missing: run ./scripts/setup.sh (it syncs the locks)")
    root = tmp_path / "out"
    generate_targets(targets, root)
    files = tree_files(root)
    static = static_files()
    changed: list[str] = []
    for path in sorted(p for p in files if p not in static):
        matches = file_snapshot(name=f"kalshi__{snapshot_name(path)}") == files[path].decode(
            "utf-8"
        )
        if not matches:
            changed.append(path)
    matches = file_snapshot(name="kalshi__manifest") == manifest(root)
    if not matches:
        changed.append("(manifest)")
    assert not changed, f"generated files differ from their snapshots: {changed}"


# ---------------------------------------------------------------------- the features, spelled out
# The snapshots pin every byte; these say in a line what each fixture is about, so a snapshot
# update that breaks a feature fails here with a readable message too.


def methods(client: ir.ClientIR) -> dict[str, str]:
    return {op.operation_id: f"{op.resource}.{op.method_name}" for op in client.operations}


def model_field(client: ir.ClientIR, model: str, py_name: str) -> ir.Field:
    return next(f for f in client.models[model].fields if f.py_name == py_name)


def test_crud_shapes(generated: Callable[[str], _Generated]) -> None:
    out = generated("crud")
    assert methods(out.client) == {
        "GetWidgets": "widgets.list",
        "CreateWidget": "widgets.create",
        "GetWidget": "widgets.get",
        "UpdateWidget": "widgets.update",
        "DeleteWidget": "widgets.delete",
    }
    ops = {op.operation_id: op for op in out.client.operations}
    assert [p.py_name for p in ops["GetWidget"].path_params] == ["widget_id"]  # path-level, shared
    assert [(p.py_name, p.required) for p in ops["GetWidgets"].query_params] == [
        ("owner", True),
        ("limit", False),
        ("min_created_ts", False),
    ]
    assert ops["DeleteWidget"].response is None  # 204
    assert ops["CreateWidget"].response == ir.ModelRef("CreateWidgetResponse")  # 201
    assert {op: ops[op].auth for op in ops} == {
        "GetWidgets": False,
        "CreateWidget": True,
        "GetWidget": True,
        "UpdateWidget": True,
        "DeleteWidget": True,
    }
    resource = out.files["kalshi/resources/widgets.py"].decode()
    assert resource.count("@overload") == 4  # create (required body fields), sync + async
    # update, a PUT with an optional body: `{}` when no field is given (build.EMPTY_JSON_METHODS)
    assert "body=body or None" not in resource and resource.count("body=body,") == 4
    assert out.client.models["CreateWidgetRequest"].role == "request"
    assert out.client.models["Widget"].role == "response"
    # the fixture's X-Api-Key is not a credential the runtime has: said once, for the scheme
    assert [w.split(":")[0] for w in out.warnings] == ["components/securitySchemes/apiKey"]


def test_nullable_refs(generated: Callable[[str], _Generated]) -> None:
    out = generated("nullable")
    address = ir.ModelRef("Address")
    parcel = {f.py_name: (f.type, f.required) for f in out.client.models["Parcel"].fields}
    assert parcel["sender"] == (ir.Nullable(address), True)  # $ref + nullable
    assert parcel["recipient"] == (ir.Nullable(address), True)  # allOf [$ref] + nullable
    assert parcel["return_address"] == (address, False)  # $ref with sibling type/description
    assert parcel["billing_address"] == (address, False)
    assert parcel["forward_to"] == (ir.Nullable(address), False)  # nullable component alias
    assert parcel["note_required"] == (ir.Nullable(ir.Primitive("str")), True)
    request = {f.py_name: f.type for f in out.client.models["CreateParcelRequest"].fields}
    assert request == {
        "recipient": address,
        "sender": ir.Nullable(address),
        "note": ir.Primitive("str"),  # $ref to a string alias with sibling type: string
    }
    assert "MaybeAddress" not in out.client.models  # a nullable alias is inlined


def test_yaml_1_1_traps(generated: Callable[[str], _Generated]) -> None:
    out = generated("yaml11")
    book = out.client.models["OrderBook"]
    assert [f.wire_name for f in book.fields] == ["yes", "no", "on", "raw", "best_side", "mode"]
    assert model_field(out.client, "OrderBook", "yes").type == ir.ListOf(ir.AnyValue())
    assert out.client.models["Side"].enum_values == ("yes", "no")
    assert out.client.models["Switch"].enum_values == ("on", "off")
    side = out.client.operations[0].query_params[0]
    assert side.type == ir.LiteralOf(("yes", "no"))
    assert all("array without `items`" in w for w in out.warnings) and out.warnings


def test_enums_open_on_responses_closed_on_requests(generated: Callable[[str], _Generated]) -> None:
    models = generated("enums").files["kalshi/models/paints.py"].decode()
    assert "    color: Color | str\n" in models  # response side: open
    assert "    color: Color\n" in models  # request side: closed
    assert '    finish: Literal["matte", "satin", "glossy"] | str\n' in models
    assert '    finish: Literal["matte", "satin", "glossy"] | None = None\n' in models
    resource = generated("enums").files["kalshi/resources/paints.py"].decode()
    assert 'sort: Literal["asc", "desc"] | None = None,' in resource


UNKNOWN_ENUM_VALUES = """
import json
from kalshi.models.paints import CreatePaintRequest, Paint

results = {}
for field, value in [("color", "purple"), ("finish", "hammered"), ("base", "acrylic"), ("gloss", 4)]:
    data = {"name": "n", "color": "red", "finish": "matte", field: value}
    try:
        results[field] = repr(getattr(Paint.model_validate(data), field))
    except Exception as exc:
        results[field] = type(exc).__name__
try:
    CreatePaintRequest(name="n", color="purple")
    results["request"] = "accepted"
except Exception as exc:
    results["request"] = type(exc).__name__
print(json.dumps(results))
"""


def test_unknown_enum_values_in_responses_never_fail_a_model(
    generated: Callable[[str], _Generated], run_json_in_tree: Callable[..., Any]
) -> None:
    """GUIDE 2: a new enum value in a response must never make a whole page fail; a request
    with a value outside the enum fails before anything is sent. Integer enums too (`Gloss`)."""
    results = run_json_in_tree(generated("enums").root, UNKNOWN_ENUM_VALUES)
    assert results == {
        "color": "'purple'",
        "finish": "'hammered'",
        "base": "'acrylic'",
        "gloss": "4",
        "request": "ValidationError",
    }


def test_naming_convention(generated: Callable[[str], _Generated]) -> None:
    out = generated("naming")
    assert methods(out.client) == {
        "GetRFQs": "communications.list_rfqs",
        "CreateRFQ": "communications.create_rfq",
        "GetRFQ": "communications.get_rfq",
        "DeleteRFQ": "communications.delete_rfq",
        "GetCommunicationsID": "communications.id",
        "GetMilestones": "milestones.list",
        "GetMilestone": "milestones.get",
        "GetMarkets": "markets.list",
        "GetMarketOrderbook": "markets.orderbook",
        "CreateOrder": "orders.create",
        "BatchCancelOrders": "orders.batch_cancel",
        "AmendOrder": "orders.amend",
        "GetOrderQueuePosition": "orders.queue_position",
        "GetExchangeStatus": "exchange.status",
        # the Get vs List clash: GetMarkets keeps `list` (fewer words); GetMarket keeps `get`
        # (named after the resource's own noun), GetSeries falls back to its operationId
        "GetMarket": "markets.get",
        "GetSeries": "markets.get_series",
        "GetSeriesList": "markets.get_series_list",
    }
    milestones = next(op for op in out.client.operations if op.operation_id == "GetMilestones")
    assert [(p.wire_name, p.py_name) for p in milestones.query_params] == [
        ("type", "milestone_type"),
        ("format", "milestone_format"),
        ("minStartDate", "min_start_date"),
        ("related_event_ticker", "related_event_ticker"),
    ]
    hint = " (choose a name with `method:` in overrides.yaml)"
    assert sorted(out.warnings) == [
        "operation GetSeries: `markets.get` is taken; named `markets.get_series`" + hint,
        "operation GetSeriesList: `markets.list` is taken; named `markets.get_series_list`" + hint,
    ]


def test_fixed_point_short_names(generated: Callable[[str], _Generated]) -> None:
    out = generated("fixed_point")
    quote = {f.wire_name: f.py_name for f in out.client.models["Quote"].fields}
    assert quote == {
        "ticker": "ticker",
        "yes_bid_dollars": "yes_bid",
        "price": "price",  # the short name of price_dollars would collide: both kept
        "price_dollars": "price_dollars",
        "volume_fp": "volume",
        "count": "count",
        "count_fp": "count_fp",
        "last_price_dollars": "last_price",
        "notional_dollars": "notional_dollars",  # a plain string, not fixed point
    }
    create = next(op for op in out.client.operations if op.operation_id == "CreateQuote")
    assert create.body is not None
    assert [f.py_name for f in create.body.fields] == ["ticker", "contracts", "limit_price"]


def test_fixed_point_short_names_never_collide_with_each_other(tmp_path: Path) -> None:
    """`fill_dollars` and `fill_fp` both shorten to `fill`; the convention must keep both
    long names (GUIDE section 3), not emit two `fill` attributes of which the second wins."""
    doc: dict[str, Any] = copy.deepcopy(load_document(FIXTURE_SPECS / "fixed_point.yaml"))
    doc["components"]["schemas"]["Quote"]["properties"].update(
        {
            "fill_dollars": {"$ref": "#/components/schemas/FixedPointDollars"},
            "fill_fp": {"$ref": "#/components/schemas/FixedPointCount"},
        }
    )
    overrides = load_overrides(FIXTURE_SPECS / "fixed_point.overrides.yaml")
    client = build_ir(doc, overrides, source="fixed_point.yaml (+ fill_dollars, fill_fp)")
    names = [f.py_name for f in client.models["Quote"].fields]
    assert len(names) == len(set(names)), f"duplicate attribute names in Quote: {names}"
    assert "fill_dollars" in names and "fill_fp" in names


def test_pagination(generated: Callable[[str], _Generated]) -> None:
    out = generated("pagination")
    pages = {
        op.operation_id: (
            (op.pagination.method_name, op.pagination.items_field) if op.pagination else None
        )
        for op in out.client.operations
    }
    assert pages == {
        "GetEvents": ("list_all", "events"),  # two lists: the one named like the resource
        "GetEventComments": ("comments_all", "comments"),
        "GetPositions": None,  # two lists, neither named like the resource
        "LookupEvents": None,  # no cursor in the response
    }
    assert out.warnings == [
        "operation GetPositions: cursor-paginated but the response has 2 list fields; no iterator"
    ]


def test_openapi_3_1_type_lists(generated: Callable[[str], _Generated]) -> None:
    out = generated("openapi31")
    account = {f.py_name: (f.type, f.required) for f in out.client.models["Account"].fields}
    assert account["nickname"] == (ir.Nullable(ir.Primitive("str")), True)
    assert account["balance"] == (ir.Nullable(ir.Primitive("int")), True)
    assert account["labels"] == (ir.Nullable(ir.ListOf(ir.Primitive("str"))), False)
    as_of = out.client.operations[0].query_params[0]
    assert as_of.type == ir.Nullable(ir.Primitive("datetime"))


def test_allof_merged(generated: Callable[[str], _Generated]) -> None:
    out = generated("allof")
    pet = {f.py_name: f.required for f in out.client.models["Pet"].fields}
    assert pet == {
        "name": True,  # from Named, through the nested Animal
        "nickname": True,  # optional in Named, required by Pet's own part
        "legs": False,
        "created_time": True,
        "updated_time": False,
        "pet_id": True,
    }
    assert model_field(out.client, "Pet", "nickname").description == "Redefined here, and required"
    create = out.client.operations[0]
    assert create.body is not None
    assert [(f.py_name, f.required) for f in create.body.fields] == [
        ("name", True),
        ("nickname", False),
        ("species", True),
        ("owner_id", False),
    ]


# ---------------------------------------------------------------------- the output type-checks


@pytest.fixture(scope="module")
def fixture_mypy_runs(
    generated: Callable[[str], _Generated],
    run_parallel: Callable[..., dict[str, subprocess.CompletedProcess[str]]],
    mypy_strict: Callable[[Path], tuple[list[str], Path]],
) -> dict[str, subprocess.CompletedProcess[str]]:
    """mypy --strict over every fixture's tree, a few processes at a time."""
    return run_parallel({name: mypy_strict(generated(name).root) for name in FIXTURES})


@pytest.mark.slow
@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_output_is_mypy_strict_clean(
    name: str, fixture_mypy_runs: dict[str, subprocess.CompletedProcess[str]]
) -> None:
    done = fixture_mypy_runs[name]
    assert done.returncode == 0, done.stdout + done.stderr

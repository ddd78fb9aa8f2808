"""Schema graphs (issue 11 §3): every legal graph generates working code, every illegal one
exits 2 with one line naming the file and the place.

Legal: cycles of every shape (a property, array items, additionalProperties, allOf mixed with
properties, mutual recursion, a cycle across resources, nullable refs), 60 levels of inline
objects, 60 levels of arrays, allOf edge cases, weird but parseable schemas. The combined spec
is generated once, imported in a subprocess (every model complete at import, a recursive
payload validated 3 deep) and type-checked with mypy --strict (marked slow).

Illegal: pure `$ref` alias loops, a missing `$ref`, too deep nesting, and an overrides.yaml
overlay that breaks the document (checked again after it is applied).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.emit.render import render_client
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def obj(required: list[str] | None = None, **props: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": props}
    if required:
        schema["required"] = required
    return schema


def get(op_id: str, tag: str, schema: str) -> dict[str, Any]:
    return {
        "get": {
            "operationId": op_id,
            "tags": [tag],
            "summary": op_id,
            "responses": {
                "200": {
                    "description": "ok",
                    "content": {"application/json": {"schema": ref(schema)}},
                }
            },
        }
    }


def document(schemas: dict[str, Any], paths: dict[str, Any], version: str = "3.0.3") -> Any:
    return {
        "openapi": version,
        "info": {"title": "Graphs", "version": "1.0.0"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


def nested_objects(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for level in reversed(range(levels)):
        schema = {"type": "object", "properties": {f"l{level}": schema}}
    return schema


def nested_arrays(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "integer"}
    for _ in range(levels):
        schema = {"type": "array", "items": schema}
    return schema


LEGAL_SCHEMAS: dict[str, Any] = {
    # self-reference through a property, array items, additionalProperties, nullable refs
    "Node": {
        **obj(
            ["value"],
            value={"type": "integer"},
            next={"allOf": [ref("Node")], "nullable": True},
            parent={"$ref": "#/components/schemas/Node", "nullable": True},
            children={"type": "array", "items": ref("Node")},
        ),
        "additionalProperties": ref("Node"),
    },
    # self-reference through allOf mixed with properties
    "Tree": {
        "allOf": [ref("Tree"), obj(label={"type": "string"})],
        "properties": {"kids": {"type": "array", "items": ref("Tree")}},
    },
    # mutual recursion inside one resource module, and across two resources (-> common)
    "Branch": obj(tree=ref("Forest"), leaves={"type": "array", "items": ref("Leaf")}),
    "Leaf": obj(branch={"allOf": [ref("Branch")], "nullable": True}),
    "Forest": obj(branches={"type": "array", "items": ref("Branch")}),
    "Ping": obj(pong=ref("Pong"), n={"type": "integer"}),
    "Pong": obj(ping={"allOf": [ref("Ping")], "nullable": True}),
    "AlphaRoot": obj(ping=ref("Ping")),
    "BetaRoot": obj(pong=ref("Pong")),
    # an alias of a recursive model, and a list alias that contains itself (read as Any)
    "NodeAlias": {"allOf": [ref("Node")], "description": "just a Node"},
    "Nest": {"type": "array", "items": ref("Nest")},
    # depth
    "Deep": nested_objects(60),
    "Arrays": obj(grid=nested_arrays(60)),
    # allOf edge cases
    "Named": obj(["name"], name={"type": "string"}),
    "Animal": {"allOf": [ref("Named"), obj(legs={"type": "integer"})]},
    "Pet": {
        "allOf": [
            ref("Animal"),
            obj(["pet_id"], pet_id={"type": "string"}, legs={"type": "string"}),  # conflict
        ]
    },
    "Mixed": obj(
        empty={"allOf": []},
        text={"allOf": [{"type": "string"}, {"minLength": 1}]},
        clash={"allOf": [{"type": "string"}, {"type": "integer"}]},
        extra={"allOf": [ref("Named")], "properties": {"more": {"type": "boolean"}}},
        anything={"type": "object", "additionalProperties": True},
        nothing={"type": "object", "additionalProperties": False},
        missing_props={"type": "object", "properties": None},
    ),
    "Holder": {
        **obj(["ghost"], node=ref("NodeAlias"), nest=ref("Nest"), deep=ref("Deep")),
    },
}
LEGAL_PATHS = {
    "/nodes": get("GetNode", "nodes", "Node"),
    "/trees": get("GetTree", "trees", "Tree"),
    "/forests": get("GetForest", "forests", "Forest"),
    "/alpha": get("GetAlpha", "alpha", "AlphaRoot"),
    "/beta": get("GetBeta", "beta", "BetaRoot"),
    "/pets": get("GetPet", "pets", "Pet"),
    "/mixed": get("GetMixed", "mixed", "Mixed"),
    "/holders": get("GetHolder", "holders", "Holder"),
    "/arrays": get("GetArrays", "arrays", "Arrays"),
}


@pytest.fixture(scope="module")
def legal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    folder = tmp_path_factory.mktemp("graphs")
    spec = folder / "graphs.yaml"
    spec.write_text(json.dumps(document(LEGAL_SCHEMAS, LEGAL_PATHS)), encoding="utf-8")
    (folder / "overrides.yaml").write_text("", encoding="utf-8")
    from generator import pipeline

    result = pipeline.generate(spec, folder / "overrides.yaml", folder / "out")
    return folder / "out", result.client


def test_cycles_stay_in_one_module_or_common(legal: tuple[Path, Any]) -> None:
    """Rule: a model used by one resource lives in its module, else in `common`, and what a
    common model refers to is common too: a cycle never spans two modules but `common` and
    itself, so no module imports another in a circle."""
    _, client = legal
    module = {name: m.module for name, m in client.models.items()}
    assert module["Ping"] == module["Pong"] == "common"  # alpha and beta both reach them
    assert module["AlphaRoot"] == "alpha" and module["BetaRoot"] == "beta"
    assert module["Forest"] == module["Branch"] == module["Leaf"] == "forests"
    for name, model in client.models.items():
        for field in model.fields:
            for dep in _refs(field.type):
                assert module[dep] in (module[name], "common"), (name, dep)
                if module[name] == "common":
                    assert module[dep] == "common", (name, dep)


def _refs(kind: Any) -> list[str]:
    from generator.schemas.pytypes import referenced_models

    return referenced_models(kind)


def test_contradictions_warn_with_their_place(legal: tuple[Path, Any]) -> None:
    _, client = legal
    warnings = [str(w) for w in client.warnings]

    def warned(place: str, words: str) -> bool:
        return any(w.startswith(place) and words in w for w in warnings)

    assert warned("#/components/schemas/Pet/allOf/1/properties/legs", "disagree on property")
    assert warned("#/components/schemas/Mixed/properties/clash", "allOf parts disagree")
    assert warned("#/components/schemas/Nest", "contains itself")
    assert warned("#/components/schemas/Holder", "'ghost' is not defined")
    pet = {f.wire_name: f for f in client.models["Pet"].fields}
    assert str(pet["legs"].type) == "Primitive(name='str')"  # the last definition wins
    assert {f.wire_name for f in pet.values()} == {"name", "legs", "pet_id"}


def test_generated_models_are_complete_at_import_and_validate_recursion(
    legal: tuple[Path, Any], run_json_in_tree: Callable[..., Any]
) -> None:
    tree, _ = legal
    found = run_json_in_tree(
        tree,
        """
        import importlib, json
        import kalshi.models.forests  # a resource module first: it imports common itself
        import kalshi.models as models
        incomplete = [
            n for n in models.__all__
            if isinstance(getattr(models, n), type)
            and not getattr(models, n).__pydantic_complete__
        ]
        from kalshi.models import Node, Tree, Forest, AlphaRoot, Deep, Arrays, Pet
        node = Node.model_validate({
            "value": 1,
            "next": {"value": 2, "children": [{"value": 3, "parent": {"value": 4}}]},
            "extra": {"value": 5},
        })
        tree = Tree.model_validate({"label": "a", "kids": [{"kids": [{"label": "c"}]}]})
        forest = Forest.model_validate(
            {"branches": [{"leaves": [{"branch": {"tree": {"branches": []}}}]}]}
        )
        alpha = AlphaRoot.model_validate({"ping": {"pong": {"ping": {"pong": {}, "n": 3}}}})
        payload = "x"
        for level in reversed(range(60)):
            payload = {f"l{level}": payload}
        deep = Deep.model_validate(payload)
        for _ in range(59):
            deep = getattr(deep, next(iter(type(deep).model_fields)))
        grid = 7
        for _ in range(60):
            grid = [grid]
        arrays = Arrays.model_validate({"grid": grid})
        try:
            Node.model_validate({"value": 1, "next": {"value": "not a number"}})
            refused = False
        except Exception:
            refused = True
        print(json.dumps({
            "incomplete": incomplete,
            "node": type(node.next.children[0].parent).__name__,
            "value": node.next.children[0].parent.value,
            "tree": tree.kids[0].kids[0].label,
            "forest": type(forest.branches[0].leaves[0].branch.tree).__name__,
            "alpha": alpha.ping.pong.ping.n,
            "deep": deep.model_dump(by_alias=True),
            "arrays": arrays.grid == grid,
            "pet": sorted(Pet.model_fields),
            "refused": refused,
        }))
        """,
    )
    assert found["incomplete"] == []
    assert found["node"] == "Node" and found["value"] == 4
    assert found["tree"] == "c" and found["forest"] == "Forest" and found["alpha"] == 3
    assert found["deep"] == {"l59": "x"}
    assert found["arrays"] is True and found["refused"] is True
    assert found["pet"] == ["legs", "name", "pet_id"]


@pytest.mark.slow
def test_generated_graphs_pass_mypy_strict(
    legal: tuple[Path, Any],
    mypy_strict: Callable[[Path], tuple[list[str], Path]],
) -> None:
    tree, _ = legal
    usage = tree / "kalshi" / "_graphs_usage.py"
    usage.write_text(
        "from kalshi.models import Node, Ping\n\n"
        "def depth(node: Node | None) -> int:\n"
        "    return 0 if node is None else 1 + depth(node.next)\n\n"
        "def pong_n(ping: Ping) -> int | None:\n"
        "    pong = ping.pong\n"
        "    return pong.ping.n if pong is not None and pong.ping is not None else None\n",
        encoding="utf-8",
    )
    try:
        argv, cwd = mypy_strict(tree)
        done = subprocess.run(
            argv, cwd=cwd, capture_output=True, text=True, timeout=600, check=False
        )
    finally:
        usage.unlink()
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


# ---------------------------------------------------------------------- the resolver alone


WEIRD: dict[str, Any] = {
    "TypeList": obj(v={"type": ["string", "null"]}, w={"type": ["string", "integer"]}),
    "Unknown": obj(v={"type": "strng"}, w={"type": 5}),
    "Enums": obj(v={"type": "string", "enum": []}, w={"enum": [1.5]}, x={"enum": [{"a": 1}]}),
    "EmptyEnum": {"type": "string", "enum": []},
    "Items": obj(v={"type": "array", "items": True}, w={"type": "array", "items": False}),
    "NullProps": {"type": "object", "properties": None},
    "BadRequired": {**obj(a={"type": "string"}), "required": True},
    "BadAllOf": {"allOf": [5, obj(a={"type": "string"})]},
    "Anything": True,
    "Root": obj(
        a=ref("TypeList"),
        b=ref("Unknown"),
        c=ref("Enums"),
        d=ref("EmptyEnum"),
        e=ref("Items"),
        f=ref("NullProps"),
        g=ref("BadRequired"),
        h=ref("BadAllOf"),
        i=ref("Anything"),
    ),
}


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_weird_but_parseable_schemas_become_code_that_compiles(version: str) -> None:
    """What openapi-pydantic would refuse still never crashes the resolver (the locked spec
    skips that check): each is read as the nearest working type, with a warning."""
    doc = document(WEIRD, {"/root": get("GetRoot", "roots", "Root")}, version)
    client = build_ir(doc, Overrides(), source="weird.yaml")
    for path, text in render_client(client).items():
        if path.endswith(".py"):
            compile(text, path, "exec")
    assert "Literal[]" not in render_client(client)["kalshi/models/roots.py"]
    warned = " ".join(str(w) for w in client.warnings)
    for words in ("empty `enum`", "cannot be a Literal", "not one type we know", "`required`"):
        assert words in warned


# ---------------------------------------------------------------------- illegal: exit 2


def _holder(**extra: Any) -> dict[str, Any]:
    return {"Holder": obj(x=ref("Target")), "Target": obj(v={"type": "string"}), **extra}


BAD: dict[str, tuple[dict[str, Any], list[dict[str, Any]], list[str]]] = {
    # id: (schemas, overlay actions, what the one line must contain)
    "alias-loop": (
        {"Holder": obj(x=ref("A")), "A": ref("B"), "B": ref("A")},
        [],
        ["#/components/schemas/A", "$ref loop A -> B -> A"],
    ),
    "alias-self": (
        {"Holder": obj(x=ref("A")), "A": {"$ref": "#/components/schemas/A", "nullable": True}},
        [],
        ["#/components/schemas/A", "$ref loop A -> A"],
    ),
    "alias-allof-loop": (
        {"Holder": obj(), "A": {"allOf": [ref("B")]}, "B": {"allOf": [ref("A")]}},
        [],
        ["$ref loop A -> B -> A"],
    ),
    "missing-ref": (
        {"Holder": obj(x=ref("Nope"))},
        [],
        [
            "#/components/schemas/Holder/properties/x",
            "unresolvable $ref '#/components/schemas/Nope'",
        ],
    ),
    "ref-not-a-string": (
        {"Holder": obj(x={"$ref": 5})},
        [],
        ["Holder/properties/x", "$ref must be a string"],
    ),
    "too-deep-document": (
        {"Holder": nested_objects(90)},
        [],
        ["components/schemas/Holder/properties/l0", "nested more than"],
    ),
    "too-deep-types": (
        {"Holder": obj(x=nested_arrays(120))},
        [],
        ["#/components/schemas/Holder/properties/x/items", "types nested more than 100"],
    ),
    "overlay-removes-a-used-schema": (
        _holder(),
        [{"target": "$.components.schemas.Target", "remove": True}],
        [
            "after",
            "overlay",
            "components/schemas/Holder/properties/x",
            "unresolvable $ref '#/components/schemas/Target'",
        ],
    ),
    "overlay-sets-a-non-schema": (
        _holder(),
        [{"target": "$.components.schemas.Target.properties", "update": {"v": 5}}],
        ["after", "overlay", "components/schemas/Target/properties/v", "not a valid OpenAPI"],
    ),
    "overlay-adds-an-operation-without-responses": (
        _holder(),
        [{"target": "$.paths", "update": {"/new": {"get": {"operationId": "GetNew"}}}}],
        ["after", "overlay", "paths//new/get/responses", "Field required"],
    ),
    "overlay-adds-an-operation-without-operation-id": (
        _holder(),
        [{"target": "$.paths", "update": {"/new": get("", "new", "Holder")}}],
        ["after", "overlay", "paths//new/get", "no operationId"],
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_illegal_graphs_exit_2_with_one_line(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    schemas, overlay, words = BAD[case]
    spec = tmp_path / "spec.yaml"
    spec.write_text(json.dumps(document(schemas, {"/h": get("GetH", "h", "Holder")})))
    overrides = tmp_path / "overrides.yaml"
    actions = [{**action, "reason": "testing the overlay check"} for action in overlay]
    overrides.write_text(json.dumps({"overlay": actions}) if actions else "", encoding="utf-8")
    out = tmp_path / "out"

    code = cli.main(
        ["generate", "--spec", str(spec), "--overrides", str(overrides), "--output", str(out)]
    )

    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert str(spec) in lines[0] and "Traceback" not in err
    if overlay:
        assert f"after {overrides} overlay" in lines[0]
    for expected in words:
        assert expected in lines[0], (expected, lines[0])
    assert not out.exists()


def test_the_cli_process_prints_no_traceback_on_an_alias_loop(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(json.dumps(document({"A": ref("A")}, {"/a": get("GetA", "a", "A")})))
    (tmp_path / "o.yaml").write_text("", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate", "--spec", str(spec)]
        + ["--overrides", str(tmp_path / "o.yaml"), "--output", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
    assert "$ref loop A -> A" in done.stderr and str(spec) in done.stderr

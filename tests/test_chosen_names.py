"""Names overrides.yaml chooses obey the convention's rules: no keyword, nothing that shadows
the client (a resource `close` or `max_retries`, a method `request`), and `{}` is no path."""

from __future__ import annotations

from typing import Any

import pytest

from generator.errors import GeneratorError
from generator.openapi.build import build_ir
from generator.overrides.schema import Overrides

DOC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {"title": "T", "version": "1"},
    "servers": [{"url": "https://api.example.test/v1"}],
    "paths": {
        "/widgets": {
            "get": {
                "operationId": "GetWidgets",
                "tags": ["widgets"],
                "responses": {"204": {"description": "ok"}},
            }
        }
    },
}


def build(overrides: dict[str, Any], doc: dict[str, Any] = DOC) -> None:
    build_ir(doc, Overrides.model_validate(overrides), source="spec.yaml")


@pytest.mark.parametrize("resource", ["close", "max_retries", "base_url", "class", "9lives"])
def test_a_resource_name_that_shadows_the_client_is_refused(resource: str) -> None:
    for overrides in (
        {"operations": {"GetWidgets": {"resource": resource, "reason": "test"}}},
        {"resources": [{"tag": "widgets", "resource": resource, "reason": "test"}]},
    ):
        with pytest.raises(GeneratorError, match=f"resource name '{resource}'"):
            build(overrides)


@pytest.mark.parametrize("method", ["overload", "class", "str", "a-b"])
def test_a_method_name_that_is_not_usable_is_refused(method: str) -> None:
    with pytest.raises(GeneratorError, match=f"method name '{method}'"):
        build({"operations": {"GetWidgets": {"method": method, "reason": "test"}}})


def test_usable_chosen_names_are_kept() -> None:
    build({"operations": {"GetWidgets": {"method": "list_widgets", "reason": "test"}}})


def test_an_empty_placeholder_is_refused_naming_the_operation() -> None:
    doc = {**DOC, "paths": {"/widgets/{}": DOC["paths"]["/widgets"]}}
    with pytest.raises(GeneratorError, match=r"GetWidgets.*\{\} has no `in: path` parameter"):
        build({}, doc)

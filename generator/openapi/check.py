"""Stage 1b: check that a loaded document is an OpenAPI 3.0/3.1 description we can read."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import GeneratorError


def check_document(doc: dict[str, Any], *, source: str) -> str:
    """Validate the document's shape with openapi-pydantic; returns the OpenAPI version.

    openapi-pydantic is imported here, not at module level: building its ~50 models takes
    ~90 ms, and `generate` skips this check for the locked spec, which sync-spec checked.
    """
    from openapi_pydantic.v3 import v3_0, v3_1

    version = str(doc.get("openapi", ""))
    if version.startswith("3.0."):
        schema: Any = v3_0.OpenAPI
    elif version.startswith("3.1."):
        schema = v3_1.OpenAPI
    else:
        found = repr(doc["openapi"]) if "openapi" in doc else "no `openapi` key"
        raise GeneratorError(
            f"unsupported OpenAPI version ({found}); supported: 3.0.x and 3.1.x",
            where=f"{source}: openapi",
        )
    try:
        schema.model_validate(_string_status_codes(doc))
    except ValidationError as exc:
        err = _telling_error(exc)
        loc = "/".join(str(p) for p in err["loc"] if not _union_tag(p))
        raise GeneratorError(
            f"not a valid OpenAPI {version} document: {err['msg']}", where=f"{source}: {loc}"
        ) from None
    if not isinstance(doc.get("paths"), dict) or not doc["paths"]:
        raise GeneratorError("the document has no paths", where=f"{source}: paths")
    return version


def _union_tag(part: Any) -> bool:
    """A union branch in an error location (`Reference`, `Schema`, `list[str-enum[...]]`)."""
    return str(part).startswith(("Reference", "Schema")) or "[" in str(part)


def _telling_error(exc: ValidationError) -> Any:
    """The error that says what is wrong: a schema that is not a `$ref` fails the Reference
    branch of every union too ("$ref: Field required"), which names nothing useful."""
    errors = exc.errors()
    telling = [e for e in errors if "Reference" not in (str(p) for p in e["loc"])]
    return (telling or errors)[0]


def _string_status_codes(node: Any, responses: bool = False) -> Any:
    """`node` with the integer keys of every `responses:` map as strings: YAML reads an
    unquoted `200:` as an int, which openapi-pydantic refuses; build.py reads both."""
    if isinstance(node, list):
        return [_string_status_codes(item) for item in node]
    if not isinstance(node, dict):
        return node
    return {
        (str(key) if responses and type(key) is int else key): _string_status_codes(
            value, key == "responses"
        )
        for key, value in node.items()
    }


# keys whose values are data, not document: a `$ref` key in them is not a reference
_VALUES = frozenset({"example", "default", "enum", "const"})


def check_refs(doc: dict[str, Any], *, source: str) -> None:
    """Every `$ref` of the document is a string that resolves to a node of the document
    (GeneratorError naming the first that does not, and where it is used)."""
    stack: list[tuple[Any, tuple[str, ...]]] = [(doc, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, list):
            stack.extend((v, (*path, str(i))) for i, v in reversed(list(enumerate(node))))
            continue
        if not isinstance(node, dict):
            continue
        where = f"{source}: {'/'.join(path)}"
        # a `$ref` key inside `properties` / `paths` names a property, not a reference
        if "$ref" in node and path[-1:] not in (("properties",), ("paths",)):
            ref = node["$ref"]
            if not isinstance(ref, str):
                raise GeneratorError(f"$ref must be a string, not {ref!r}", where=where)
            if not ref.startswith("#/"):
                raise GeneratorError(f"unsupported $ref {ref!r} (only local refs)", where=where)
            target: Any = doc
            for part in ref[2:].split("/"):
                part = part.replace("~1", "/").replace("~0", "~")
                if not isinstance(target, dict) or part not in target:
                    raise GeneratorError(f"unresolvable $ref {ref!r}", where=where)
                target = target[part]
        stack.extend(
            (v, (*path, str(k)))
            for k, v in reversed(list(node.items()))
            if k not in _VALUES and not str(k).startswith("x-")
        )


def check_overlaid(doc: dict[str, Any], *, source: str) -> None:
    """The checks of an unlocked document, once more on the document the overrides.yaml
    overlay produced (`source` says so): an overlay can remove a schema still referenced,
    set a property to a non-schema, or add an operation without responses. The result is
    cached by the document's content, so an unchanged spec and overlay are checked once."""
    from ..documents import cache
    from ..documents.load import check_nesting

    key = _check_key(doc)
    if key is not None and cache.read("checks", key) is not None:
        return
    check_nesting(doc, source=source)
    check_refs(doc, source=source)
    check_document(doc, source=source)
    if key is not None:
        cache.write("checks", key, b"ok")


def _check_key(doc: dict[str, Any]) -> str | None:
    import marshal
    from pathlib import Path

    from ..documents import cache

    if cache.root() is None:
        return None
    try:
        blob = marshal.dumps(doc)
        import openapi_pydantic

        tag = cache.source_tag(
            getattr(openapi_pydantic, "__version__", "?"), Path(__file__), Path(cache.__file__)
        )
    except (ValueError, OSError):
        return None
    return cache.entry_key(blob, tag)

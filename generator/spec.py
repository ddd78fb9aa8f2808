"""Stage 1b: check that a loaded document is an OpenAPI 3.0/3.1 description we can read."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .errors import GeneratorError


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
        schema.model_validate(doc)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = "/".join(str(p) for p in err["loc"] if not str(p).startswith(("Reference", "Schema")))
        raise GeneratorError(
            f"not a valid OpenAPI {version} document: {err['msg']}", where=f"{source}: {loc}"
        ) from None
    if not isinstance(doc.get("paths"), dict) or not doc["paths"]:
        raise GeneratorError("the document has no paths", where=f"{source}: paths")
    return version

"""targets.yaml: what the generator builds, one target per Kalshi document.

A target is a document (its locked copy in spec/ and its lock beside it), its overrides file
and the package it becomes. The REST targets (`openapi`) each render a client package; the
WebSocket targets (`asyncapi`) each render a streaming package paired with a REST target
(`rest:`, whose client `from_client` reuses). Every target imports the one runtime of the
root package (`kalshi/_*.py`, `kalshi/ws/_*.py`), which the root target's package carries.

Names derive from a target's entry by one rule each: the lock is `<spec stem>.lock.json`
beside the spec, the async client is `Async<client>`, the fake is `Fake<client stem>`
(`KalshiClient` -> `FakeKalshi`, `PerpsWS` -> `FakePerpsWS`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .errors import GeneratorError

ROOT_PACKAGE = "kalshi"
TARGETS_FILE = "targets.yaml"
_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
_PACKAGE = rf"^{ROOT_PACKAGE}(\.[a-z_][a-z0-9_]*)*$"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class TargetEntry(_Entry):
    kind: Literal["openapi", "asyncapi"]
    spec: Annotated[str, StringConstraints(pattern=r"^[^/].*\.ya?ml$")]
    shared: Annotated[str, StringConstraints(pattern=r"\{version\}")]
    overrides: Annotated[str, StringConstraints(min_length=1)]
    package: Annotated[str, StringConstraints(pattern=_PACKAGE)]
    client: Annotated[str, StringConstraints(pattern=rf"^{_IDENTIFIER}$")]
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3)]
    rest: str | None = None  # asyncapi only: the REST target this one streams for
    # prefix of the client's environment variables (`from_env()`): KALSHI -> KALSHI_KEY_ID
    env_prefix: Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]*[A-Z0-9]$")] = "KALSHI"


class TargetsFile(_Entry):
    version: Literal[1]
    targets: dict[Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")], TargetEntry] = (
        Field(min_length=1)
    )

    @model_validator(mode="after")
    def _consistent(self) -> TargetsFile:
        roots = [n for n, t in self.targets.items() if t.package == ROOT_PACKAGE]
        if len(roots) != 1 or self.targets[roots[0]].kind != "openapi":
            raise ValueError(f"exactly one openapi target must be the package {ROOT_PACKAGE!r}")
        packages = [t.package for t in self.targets.values()]
        if len(set(packages)) != len(packages):
            raise ValueError("two targets render the same package")
        for name, entry in self.targets.items():
            if entry.kind == "asyncapi":
                rest = self.targets.get(entry.rest or "")
                if rest is None or rest.kind != "openapi":
                    raise ValueError(f"{name}: `rest:` must name an openapi target")
            elif entry.rest is not None:
                raise ValueError(f"{name}: `rest:` is for asyncapi targets")
        streams = [t.rest for t in self.targets.values() if t.kind == "asyncapi"]
        if len(set(streams)) != len(streams):
            raise ValueError("two asyncapi targets stream for the same openapi target")
        if streams and roots[0] not in streams:
            # the root's WebSocket package carries the runtime every streaming package imports
            raise ValueError(f"an asyncapi target needs one for the root target {roots[0]!r}")
        return self


@dataclass(frozen=True)
class Target:
    """One row of targets.yaml, its paths resolved against the project folder."""

    name: str
    kind: str  # "openapi" | "asyncapi"
    spec: Path
    shared: str  # file name in ../shared/spec/, {version} filled in by shared_file()
    overrides: Path
    package: str  # dotted: kalshi, kalshi.perps, kalshi.perps.ws
    client: str  # the (sync) client class
    title: str
    rest: str | None = None
    env_prefix: str = "KALSHI"

    @property
    def lock(self) -> Path:
        return self.spec.with_name(self.spec.name.rsplit(".", 1)[0] + ".lock.json")

    @property
    def package_dir(self) -> str:
        """The package's folder in the output: kalshi/perps."""
        return self.package.replace(".", "/")

    @property
    def is_root(self) -> bool:
        return self.package == ROOT_PACKAGE

    @property
    def async_client(self) -> str:
        return f"Async{self.client}"

    @property
    def fake(self) -> str:
        return "Fake" + re.sub(r"Client$", "", self.client)

    def shared_file(self, version: str) -> str:
        return self.shared.format(version=version)


def root_target(targets: dict[str, Target]) -> Target:
    """The target rendering the root package (`kalshi`): there is exactly one."""
    return next(t for t in targets.values() if t.is_root)


def streaming_target(targets: dict[str, Target], rest: Target) -> Target | None:
    """The asyncapi target streaming for the REST target `rest`, if any."""
    return next((t for t in targets.values() if t.rest == rest.name), None)


PROJECT_TARGETS = Path(__file__).resolve().parents[1] / TARGETS_FILE


def project_root() -> Target:
    """The project's root target (trade): what `generate --spec` renders a document as."""
    return root_target(project_targets())


def project_streaming(rest: Target) -> Target | None:
    return streaming_target(project_targets(), rest)


def project_target(name: str) -> Target:
    """A target of the project's own targets.yaml, for callers (tests, `generate --spec`) that
    give a document and overrides of their own but want the package that target renders."""
    return project_targets()[name]


@lru_cache(maxsize=1)
def project_targets() -> dict[str, Target]:
    return load_targets(PROJECT_TARGETS)


def load_targets(path: Path) -> dict[str, Target]:
    """targets.yaml -> its targets by name, in file order; GeneratorError naming the entry."""
    from pydantic import ValidationError

    from .documents.load import load_document

    if not path.is_file():
        raise GeneratorError(
            "file not found: run in the project's folder, name the file with --targets FILE, "
            "or generate one document with --spec PATH",
            where=str(path),
        )
    raw = load_document(path)
    try:
        parsed = TargetsFile.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise GeneratorError(f"{where}: {first['msg']}", where=str(path)) from None
    base = path.parent
    return {
        name: Target(
            name=name,
            kind=entry.kind,
            spec=base / entry.spec,
            shared=entry.shared,
            overrides=base / entry.overrides,
            package=entry.package,
            client=entry.client,
            title=entry.title,
            rest=entry.rest,
            env_prefix=entry.env_prefix,
        )
        for name, entry in parsed.targets.items()
    }

"""The whole pipeline, top to bottom: load -> check -> overrides -> IR -> render -> format -> write.

`generate_targets` runs it for every target of targets.yaml (generator/targets.py) into one
output; `generate` for one document and overrides file given by path (tests, experiments).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from . import ir
from .documents.load import load_document
from .emit import distribution
from .emit.render import Layout, render_client
from .emit.site import render_site
from .emit.write import (
    claim_output,
    clean_stale,
    compare,
    read_manifest,
    staged_tree,
    swap_into_place,
    with_manifest,
)
from .errors import GeneratorError
from .openapi.build import build_ir
from .openapi.check import check_document
from .overrides.schema import load_overrides
from .targets import Target, project_root, root_target, streaming_target


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)
    _last: float = field(default_factory=time.perf_counter)

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.stages[stage] = now - self._last
        self._last = now

    @property
    def total(self) -> float:
        return sum(self.stages.values())


@dataclass
class Result:
    client: ir.ClientIR
    files: dict[str, str]  # every file written, the manifest (write.MANIFEST_NAME) included
    changed: list[str]
    timings: Timings
    foreign: list[str] = field(default_factory=list)  # in the output, not ours: kept as is
    ws: ir.WsClientIR | None = None  # the WebSocket client, when a WS document was given
    clients: dict[str, ir.ClientIR] = field(default_factory=dict)  # by target, all built
    ws_clients: dict[str, ir.WsClientIR] = field(default_factory=dict)


@dataclass(frozen=True)
class WsInput:
    """The WebSocket API's document (AsyncAPI 3) and its overrides file."""

    spec: Path
    overrides: Path


@contextmanager
def reading(path: Path) -> Iterator[None]:
    """Errors reading `path` (not UTF-8, a folder, no permission) as one GeneratorError."""
    try:
        yield
    except UnicodeDecodeError as exc:
        data = exc.object if isinstance(exc.object, bytes) else b""
        line = data[: exc.start].count(b"\n") + 1
        raise GeneratorError(
            (
                f"not UTF-8 text: {exc.reason} (byte 0x{data[exc.start]:02x} on line {line})"
                if exc.start < len(data)
                else f"not UTF-8 text: {exc.reason}"
            ),
            where=str(path),
        ) from None
    except IsADirectoryError:
        raise GeneratorError("is a folder, not a file", where=str(path)) from None
    except OSError as exc:
        raise GeneratorError(f"cannot read: {exc.strerror or exc}", where=str(path)) from None


@contextmanager
def writing(output: Path, *, check: bool = False) -> Iterator[None]:
    """Filesystem errors of the write stage (permission denied, read-only, disk full) as one
    GeneratorError naming the output folder, the cause and the path that failed."""
    try:
        yield
    except OSError as exc:
        failed = exc.filename if exc.filename is not None else output
        also = f" -> {exc.filename2}" if exc.filename2 is not None else ""
        raise GeneratorError(
            f"cannot {'check' if check else 'write'} the output: {exc.strerror or exc} "
            f"({failed}{also})",
            where=str(output),
        ) from None


def build_client(
    spec_path: Path,
    overrides_path: Path,
    timings: Timings | None = None,
    *,
    checked: bool = False,
    ws: WsInput | None = None,
    target: Target | None = None,
) -> tuple[ir.ClientIR, dict[str, str]]:
    """Spec + overrides -> IR and the rendered (unformatted) files.

    `checked`: the document is the locked one (speclock.verify_lock), which sync-spec already
    ran through check_document; otherwise it is checked here. `ws`: also kalshi.ws, from the
    WebSocket document (build_ws_client). `target`: the package it renders (default: the
    main one, `kalshi`).
    """
    client, files, _ = build_clients(
        spec_path, overrides_path, timings, checked=checked, ws=ws, target=target
    )
    return client, files


def build_clients(
    spec_path: Path,
    overrides_path: Path,
    timings: Timings | None = None,
    *,
    checked: bool = False,
    ws: WsInput | None = None,
    target: Target | None = None,
    ws_target: Target | None = None,
    version: str | None = None,
) -> tuple[ir.ClientIR, dict[str, str], ir.WsClientIR | None]:
    """build_client, and the WebSocket IR it rendered (None without `ws`)."""
    timings = timings or Timings()
    client = build_rest_ir(spec_path, overrides_path, timings, checked=checked)
    ws_client = build_ws_client(ws) if ws is not None else None
    timings.lap("normalise")
    files = render_client(client, ws_client, target=target, ws_target=ws_target, version=version)
    timings.lap("render")
    return client, files, ws_client


def build_rest_ir(
    spec_path: Path, overrides_path: Path, timings: Timings, *, checked: bool
) -> ir.ClientIR:
    """An OpenAPI document + its overrides file -> the REST IR."""
    with reading(spec_path):
        doc = load_document(spec_path)
    timings.lap("load")
    if not checked:
        check_document(doc, source=str(spec_path))
    with reading(overrides_path):
        overrides = load_overrides(overrides_path)
    timings.lap("validate")
    return build_ir(doc, overrides, source=str(spec_path), overrides_source=str(overrides_path))


def build_ws_client(ws: WsInput) -> ir.WsClientIR:
    """The AsyncAPI document + overrides-ws.yaml -> the WebSocket IR (checked first: the
    check is a walk of plain data, cheap enough to run every time)."""
    from .asyncapi.build import build_ws_ir
    from .asyncapi.check import check_asyncapi
    from .overrides.ws import load_ws_overrides

    with reading(ws.spec):
        doc = load_document(ws.spec)
    check_asyncapi(doc, source=str(ws.spec))
    with reading(ws.overrides):
        overrides = load_ws_overrides(ws.overrides)
    return build_ws_ir(doc, overrides, source=str(ws.spec), overrides_source=str(ws.overrides))


def generate(
    spec_path: Path,
    overrides_path: Path,
    output: Path,
    *,
    check: bool = False,
    checked: bool = False,
    ws: WsInput | None = None,
) -> Result:
    """Generate the main package alone from `spec_path` and `overrides_path` into `output`
    (atomically), or with `check` only list what would change; `ws`: with kalshi.ws.

    The output must be the generator's (write.claim_output): GeneratorError otherwise, with
    nothing written. Files in it that the generator did not write are kept as they are."""
    timings = Timings()
    client, files, ws_client = build_clients(
        spec_path, overrides_path, timings, checked=checked, ws=ws
    )
    rest = [project_root()]
    files["mkdocs.yml"] = render_site(
        files,
        rest,
        version=distribution.client_version(client.spec_version),
        spec_version=client.spec_version,
    )
    found = write_output(files, output, check=check, timings=timings)
    return Result(
        client=client,
        files=found.files,
        changed=found.changed,
        timings=timings,
        foreign=found.foreign,
        ws=ws_client,
        clients={project_root().name: client},
    )


# ---------------------------------------------------------------------- targets


@dataclass(frozen=True)
class Family:
    """A REST target and the WebSocket target that streams for it (its client pairs with the
    REST one): generated together, since the streaming package's `from_client` and docs page
    belong to the REST package."""

    rest: Target
    ws: Target | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.rest.name,) + ((self.ws.name,) if self.ws else ())

    def owns(self, path: str) -> bool:
        """Whether `path` of the output is this family's (for the root family: anything no
        other family owns; see `owner`)."""
        layout = Layout(self.rest)
        return path.startswith((layout.package + "/", layout.docs)) or path in (
            layout.review("SURFACE", ".txt"),
            layout.review("OVERRIDES", ".md"),
        )


def families(targets: dict[str, Target]) -> list[Family]:
    """The targets grouped by REST target, in targets.yaml's order."""
    return [
        Family(t, streaming_target(targets, t)) for t in targets.values() if t.kind == "openapi"
    ]


def owner(path: str, all_families: list[Family]) -> Family:
    """The family whose generation writes `path`: the deepest non-root one that owns it, else
    the root family (the distribution, the runtime, the main package)."""
    root = next(f for f in all_families if f.rest.is_root)
    matches = [f for f in all_families if not f.rest.is_root and f.owns(path)]
    return max(matches, key=lambda f: len(f.rest.package), default=root)


def generate_targets(
    targets: dict[str, Target],
    output: Path,
    *,
    only: str | None = None,
    check: bool = False,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Generate every target of targets.yaml into `output`, or with `only` the family of that
    target (the REST target and the WebSocket target streaming for it), keeping the other
    families' files of `output` as they are. Each document must match its lock."""
    from .documents.speclock import locked_document, read_lock, verify_lock

    timings = Timings()
    every = families(targets)
    chosen = [f for f in every if only is None or only in f.names]
    if not chosen:
        known = ", ".join(targets)
        raise GeneratorError(f"unknown target {only!r} (known: {known})")
    root = root_target(targets)
    root_lock = read_lock(root.spec.parent, locked_document(root))
    if root_lock is None:
        raise GeneratorError("no lock: run `kalshi-codegen sync-spec` first", where=str(root.lock))
    version = distribution.client_version(root_lock.version)
    files: dict[str, str] = {}
    result = Result(client=None, files={}, changed=[], timings=timings)  # type: ignore[arg-type]
    for family in chosen:
        if progress:
            progress(" + ".join(family.names))
        checked = verify_lock(
            family.rest.spec, family.rest.spec.parent, locked_document(family.rest)
        )
        ws_input = None
        if family.ws is not None:
            verify_lock(family.ws.spec, family.ws.spec.parent, locked_document(family.ws))
            ws_input = WsInput(family.ws.spec, family.ws.overrides)
        client, family_files, ws_client = build_clients(
            family.rest.spec,
            family.rest.overrides,
            timings,
            checked=checked,
            ws=ws_input,
            target=family.rest,
            ws_target=family.ws,
            version=version,
        )
        files.update(family_files)
        result.clients[family.rest.name] = client
        if ws_client is not None and family.ws is not None:
            result.ws_clients[family.ws.name] = ws_client
    kept: dict[str, str] = {}
    if only is not None:  # the other families' files stay as the output has them
        kept = kept_files(output, lambda path: owner(path, every) not in chosen)
    files["mkdocs.yml"] = render_site(
        {**files, **kept}, [f.rest for f in every], version=version, spec_version=root_lock.version
    )
    found = write_output(files, output, check=check, timings=timings, kept=kept)
    first = chosen[0]
    result.client = result.clients[first.rest.name]
    result.ws = result.ws_clients.get(first.ws.name) if first.ws else None
    result.files, result.changed, result.foreign = found.files, found.changed, found.foreign
    return result


def kept_files(output: Path, keep: Callable[[str], bool]) -> dict[str, str]:
    """The files of `output`'s manifest that `keep` selects, as they are on disk. One that is
    gone stays gone: generating its own target brings it back."""
    listed = read_manifest(output)
    kept: dict[str, str] = {}
    for rel in sorted(listed):
        if keep(rel) and rel != "mkdocs.yml" and (output / rel).is_file():
            with reading(output / rel):
                kept[rel] = (output / rel).read_text(encoding="utf-8")
    return kept


@dataclass
class Written:
    files: dict[str, str]
    changed: list[str]
    foreign: list[str]


def write_output(
    files: dict[str, str],
    output: Path,
    *,
    check: bool,
    timings: Timings,
    kept: Mapping[str, str] = MappingProxyType({}),
) -> Written:
    """The write stage: format, compare with `output`, and swap the new tree into place.
    `kept`: files of the output written back as they are (not formatted)."""
    every = with_manifest({**files, **kept})
    files = {rel: text for rel, text in every.items() if rel not in kept}
    with writing(output, check=check):
        if not check:
            clean_stale(output, every)
        with staged_tree(files, output, beside=not check, verbatim=kept) as stage:
            timings.lap("format")
            ownership = claim_output(output, writing=not check)
            found = compare(stage, output, ownership)
            if not check and found.changed:
                swap_into_place(stage, output, ownership)
            timings.lap("write")
    return Written(every, found.changed, found.foreign)

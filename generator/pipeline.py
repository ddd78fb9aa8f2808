"""The whole pipeline, top to bottom: load -> check -> overrides -> IR -> render -> format -> write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import ir
from .documents.load import load_document
from .emit.render import render_client
from .emit.write import (
    claim_output,
    clean_stale,
    compare,
    staged_tree,
    swap_into_place,
    with_manifest,
)
from .errors import GeneratorError
from .openapi.build import build_ir
from .openapi.check import check_document
from .overrides.schema import load_overrides


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
            f"not UTF-8 text: {exc.reason} (byte 0x{data[exc.start]:02x} on line {line})"
            if exc.start < len(data)
            else f"not UTF-8 text: {exc.reason}",
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
) -> tuple[ir.ClientIR, dict[str, str]]:
    """Spec + overrides -> IR and the rendered (unformatted) files.

    `checked`: the document is the locked one (speclock.verify_lock), which sync-spec already
    ran through check_document; otherwise it is checked here. `ws`: also kalshi.ws, from the
    WebSocket document (build_ws_client).
    """
    client, files, _ = build_clients(spec_path, overrides_path, timings, checked=checked, ws=ws)
    return client, files


def build_clients(
    spec_path: Path,
    overrides_path: Path,
    timings: Timings | None = None,
    *,
    checked: bool = False,
    ws: WsInput | None = None,
) -> tuple[ir.ClientIR, dict[str, str], ir.WsClientIR | None]:
    """build_client, and the WebSocket IR it rendered (None without `ws`)."""
    timings = timings or Timings()
    with reading(spec_path):
        doc = load_document(spec_path)
    timings.lap("load")
    if not checked:
        check_document(doc, source=str(spec_path))
    with reading(overrides_path):
        overrides = load_overrides(overrides_path)
    timings.lap("validate")
    client = build_ir(doc, overrides, source=str(spec_path), overrides_source=str(overrides_path))
    ws_client = build_ws_client(ws) if ws is not None else None
    timings.lap("normalise")
    files = render_client(client, ws_client)
    timings.lap("render")
    return client, files, ws_client


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
    """Generate into `output` (atomically), or with `check` only list what would change;
    `ws`: with kalshi.ws, the WebSocket client.

    The output must be the generator's (write.claim_output): GeneratorError otherwise, with
    nothing written. Files in it that the generator did not write are kept as they are."""
    timings = Timings()
    client, files, ws_client = build_clients(
        spec_path, overrides_path, timings, checked=checked, ws=ws
    )
    files = with_manifest(files)
    with writing(output, check=check):
        if not check:
            clean_stale(output, files)
        with staged_tree(files, output, beside=not check) as stage:
            timings.lap("format")
            ownership = claim_output(output, writing=not check)
            found = compare(stage, output, ownership)
            if not check and found.changed:
                swap_into_place(stage, output, ownership)
            timings.lap("write")
    return Result(
        client=client,
        files=files,
        changed=found.changed,
        timings=timings,
        foreign=found.foreign,
        ws=ws_client,
    )

"""Recorded responses of the real server, in the two formats the project reads.

- wire samples: a folder with `manifest.json` (a list of entries: `file`, `endpoint` as
  "METHOD /path/{template}", `params`, optionally `params.http_status`) and `bodies/<file>`;
- recordings written by `kalshi.testing.RecordingTransport`: `*.json` files of format
  `kalshi-recording/1` (`method`, `path` as sent, `query` pairs, `status`, `body`).

Both become `Recorded` items; `audit` and the wire-sample tests read them through here, so
a new recording dropped into either kind of folder is picked up by both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import GeneratorError

RECORDING_FORMAT = "kalshi-recording/1"
BASE_PATH = "/trade-api/v2"


@dataclass(frozen=True)
class Recorded:
    source: Path  # the file holding the body
    method: str  # upper case
    path: str  # a template ("/markets/{ticker}") or a concrete path ("/markets/KX-1")
    status: int
    body: Any  # parsed JSON
    content: bytes  # the body's bytes as served
    params: dict[str, Any] = field(default_factory=dict)  # call parameters, when known

    @property
    def success(self) -> bool:
        return 200 <= self.status < 300


def read_recordings(directory: Path) -> list[Recorded]:
    """Every recorded response in `directory`; a malformed file is a GeneratorError naming it."""
    if not directory.is_dir():
        raise GeneratorError("not a directory of recorded responses", where=str(directory))
    manifest = directory / "manifest.json"
    if manifest.is_file():
        return list(_wire_samples(directory, manifest))
    files = sorted(p for p in directory.rglob("*.json") if p.is_file())
    if not files:
        raise GeneratorError(
            "no manifest.json and no *.json recordings found", where=str(directory)
        )
    return [_recording(path) for path in files]


def _load(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise GeneratorError(f"cannot read JSON ({exc})", where=str(path)) from None


def _wire_samples(directory: Path, manifest: Path) -> Iterator[Recorded]:
    entries = _load(manifest)
    if not isinstance(entries, list):
        raise GeneratorError("must be a list of entries", where=str(manifest))
    for i, entry in enumerate(entries):
        where = f"{manifest}: entry {i}"
        if not isinstance(entry, dict) or not all(k in entry for k in ("file", "endpoint")):
            raise GeneratorError("each entry needs `file` and `endpoint`", where=where)
        method, _, path = str(entry["endpoint"]).partition(" ")
        params = entry.get("params") or {}
        if not path.startswith("/") or not isinstance(params, dict):
            raise GeneratorError(
                f"endpoint {entry['endpoint']!r} is not 'METHOD /path'", where=where
            )
        body_path = directory / "bodies" / str(entry["file"])
        content = _read_bytes(body_path)
        status = params.get("http_status", 200)
        yield Recorded(
            source=body_path,
            method=method.upper(),
            path=path,
            status=int(status),
            body=_load(body_path),
            content=content,
            params={k: v for k, v in params.items() if k != "http_status"},
        )


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GeneratorError(f"cannot read ({exc.strerror or exc})", where=str(path)) from None


def _recording(path: Path) -> Recorded:
    data = _load(path)
    if not isinstance(data, dict) or data.get("format") != RECORDING_FORMAT:
        raise GeneratorError(f"not a {RECORDING_FORMAT} recording", where=str(path))
    try:
        method, raw_path, status = str(data["method"]), str(data["path"]), int(data["status"])
    except (KeyError, TypeError, ValueError):
        raise GeneratorError("a recording needs method, path and status", where=str(path)) from None
    relative = unquote(raw_path.removeprefix(BASE_PATH)) or "/"
    query = data.get("query") or []
    params: dict[str, Any] = {}
    for pair in query:
        if isinstance(pair, list) and len(pair) == 2:
            params.setdefault(str(pair[0]), []).append(pair[1])
    params = {k: v[0] if len(v) == 1 else v for k, v in params.items()}
    body = data.get("body")
    return Recorded(
        source=path,
        method=method.upper(),
        path=relative,
        status=status,
        body=body,
        content=json.dumps(body).encode() if body is not None else b"",
        params=params,
    )


def match_path(template: str, path: str) -> dict[str, str] | None:
    """The path parameters if `path` (a concrete path or the same template) fits `template`."""
    if template == path:
        return {}
    names = re.findall(r"\{([^}/]+)\}", template)
    pattern = "^" + re.sub(r"\\\{[^}/]+\\\}", "([^/]+)", re.escape(template)) + "$"
    found = re.match(pattern, path)
    return dict(zip(names, found.groups())) if found else None

"""`kalshi-codegen`: the command line of the generator."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import GeneratorError

# The stages are imported by the commands that run them: pydantic, jinja2 and the pipeline
# cost ~0.4 s, which `--help`, `--version`, a usage error and `diff` never need.

EXIT_OK, EXIT_CHANGED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE = 130, 141  # 128 + SIGINT, 128 + SIGPIPE, as a shell shows


def version() -> str:
    """The installed distribution's version, else the package's own."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("kalshi-codegen")
    except PackageNotFoundError:
        from . import __version__

        return __version__


class _Version(argparse.Action):
    """`--version`, looked up only when asked (importlib.metadata costs every run otherwise)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_args: Any) -> None:
        print(f"kalshi-codegen {version()}")
        parser.exit()


def _locked_document(name: str) -> Any:
    """`--target NAME` -> its row of the lock table (imported here: only sync-spec needs it)."""
    from .documents.speclock import ALIASES, DOCUMENTS

    name = ALIASES.get(name, name)
    if name not in DOCUMENTS:
        known = ", ".join(DOCUMENTS)
        raise argparse.ArgumentTypeError(f"unknown target {name!r} (known: {known})")
    return DOCUMENTS[name]


def _target_names() -> str:
    from .documents.speclock import DOCUMENTS

    return ", ".join(DOCUMENTS)


def _targets_option(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "--target",
        default=None,
        metavar="NAME",
        help=f"{what} (a name in targets.yaml: {_target_names()})",
    )
    parser.add_argument(
        "--targets",
        dest="targets_file",
        type=Path,
        default=Path("targets.yaml"),
        help="the targets file (default: %(default)s)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kalshi-codegen",
        description=(
            "Generate the typed Python client `kalshi` from Kalshi's documents plus their "
            "overrides files, one target per document (targets.yaml). Exit codes: 0 ok, "
            "1 `--check` found changes, 2 bad input."
        ),
    )
    parser.add_argument("--version", action=_Version, help="print the version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    gen = sub.add_parser(
        "generate",
        help="generate the client into OUTPUT (atomically: nothing half-written on failure)",
        description=(
            "Generate OUTPUT/pyproject.toml and OUTPUT/kalshi/... from every target of "
            "targets.yaml (each document must match its lock in spec/), or with --target one "
            "target's package (with the WebSocket target streaming for it, or the REST target "
            "a WebSocket one streams for), keeping the other targets' files. --spec instead "
            "generates the main package alone from any document. "
            "OUTPUT is replaced only when the generator wrote it (OUTPUT/.kalshi-codegen-manifest "
            "lists its files) or it is new or empty; files in it that the generator did not "
            "write (build artefacts of `pip install`, caches, your own) are kept."
        ),
    )
    _targets_option(gen, "generate only this target")
    gen.add_argument(
        "--spec",
        type=Path,
        default=None,
        help="an OpenAPI document: generate the main package alone from it, not the targets",
    )
    gen.add_argument(
        "--overrides",
        type=Path,
        default=None,
        help="with --spec: its overrides file (default: overrides.yaml)",
    )
    gen.add_argument(
        "--ws-spec",
        type=Path,
        default=None,
        help="with --spec: the WebSocket API's AsyncAPI document, rendered into kalshi/ws/ "
        "(default: asyncapi.yaml beside --spec, when it exists; without one, no kalshi.ws)",
    )
    gen.add_argument(
        "--ws-overrides",
        type=Path,
        default=None,
        help="with --spec: the WebSocket overrides file (default: overrides-ws.yaml beside "
        "--overrides)",
    )
    gen.add_argument(
        "--output",
        type=Path,
        default=Path("generated"),
        help="output folder (default: %(default)s)",
    )
    gen.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files that would change "
        "(files the generator did not write are listed as foreign, not as changes)",
    )
    gen.add_argument(
        "-v", "--verbose", action="store_true", help="print warnings and per-stage timings"
    )

    sync = sub.add_parser(
        "sync-spec",
        help="copy or download a Kalshi document to spec/ and update its lock",
        description=(
            "Copy (a path) or download (an http(s) URL) a Kalshi document into spec/ (git-ignored) "
            "and update its committed lock: the main OpenAPI document to spec/openapi.yaml and "
            "spec/openapi.lock.json, another target's (--target NAME, targets.yaml) to its own "
            "files, e.g. spec/perps-openapi.yaml and spec/perps-openapi.lock.json. Nothing "
            "changes unless the document passes its check."
        ),
    )
    sync.add_argument(
        "--from", dest="source", required=True, metavar="PATH_OR_URL", help="where the document is"
    )
    sync.add_argument(
        "--target",
        "--document",
        dest="document",
        type=_locked_document,
        default="openapi",
        metavar="NAME",
        help=f"whose document: a target of targets.yaml ({_target_names()}; the default "
        "is the root package's); `--document openapi|asyncapi` names the root's REST and "
        "WebSocket ones",
    )
    sync.add_argument(
        "--spec-dir",
        type=Path,
        default=Path("spec"),
        help="folder of the lock (default: %(default)s)",
    )
    sync.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="download timeout in seconds (default: %(default)s)",
    )

    diff = sub.add_parser(
        "diff",
        help="what changed for a user of the client between two spec documents",
        description=(
            "Report operations, parameters, schemas, fields and enum values added, removed or "
            "changed, each marked breaking or not. Two AsyncAPI documents (the WebSocket API): "
            "servers, channels, messages (by wire type), their fields, and commands (by cmd) "
            "with their params. Both documents must be of one kind."
        ),
    )
    diff.add_argument("old", type=Path, help="the older document (with --target: the newer)")
    diff.add_argument("new", type=Path, nargs="?", help="the newer document")
    _targets_option(diff, "compare this target's locked document with the one given")
    diff.add_argument(
        "--format",
        choices=["md", "json"],
        default="md",
        help="output format (default: %(default)s)",
    )
    audit = sub.add_parser(
        "audit",
        help="check recorded server responses against the spec plus overrides.yaml",
        description=(
            "Walk every recorded success body (a wire-samples folder with manifest.json, or "
            "kalshi.testing.RecordingTransport files) against its operation's response model "
            "and report each deviation: model, field, kind, how many bodies, an example, and "
            "the overrides.yaml entry or policy rule that absorbs it. Exit 1 when a deviation "
            "is not yet covered (the report suggests the entries), 0 otherwise, 2 on bad input."
        ),
    )
    audit.add_argument("directory", type=Path, help="folder of recorded responses")
    _targets_option(audit, "audit against this REST target's document (default: trade)")
    audit.add_argument("--spec", type=Path, default=None, help="a document instead of the target's")
    audit.add_argument(
        "--overrides", type=Path, default=None, help="with --spec: its overrides file"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Exit 0 ok, 1 `--check` found changes (`audit`: uncovered deviations), 2 bad input or a
    filesystem error: one line on stderr naming the path and the cause, never a traceback."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            return _generate(args)
        if args.command == "sync-spec":
            return _sync_spec(args)
        if args.command == "diff":
            return _diff(args)
        if args.command == "audit":
            return _audit(args)
    except GeneratorError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # `kalshi-codegen ... | head`: the reader has all it wanted
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    except OSError as exc:  # what no stage turned into a GeneratorError: still one line
        cause = exc.strerror or str(exc)
        if exc.filename is None:
            return _fail(cause)
        also = f" -> {exc.filename2}" if exc.filename2 is not None else ""
        return _fail(f"{exc.filename}{also}: {cause}")
    except UnicodeDecodeError as exc:
        return _fail(f"a file is not UTF-8 text: {exc}")
    except KeyboardInterrupt:
        print("kalshi-codegen: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK  # pragma: no cover


def _fail(message: str) -> int:
    try:
        print(f"kalshi-codegen: error: {message}", file=sys.stderr)
    except OSError:  # stderr closed: the exit code still tells
        pass
    return EXIT_BAD_INPUT


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail once more."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _emit(lines: list[str]) -> None:
    """Print `lines` to stdout; a reader that stopped reading (`| head`) is not an error."""
    try:
        for line in lines:
            print(line)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _sync_spec(args: argparse.Namespace) -> int:
    from .documents.speclock import DEFAULT, sync_spec

    document = args.document
    lock = sync_spec(args.source, args.spec_dir, document=document, timeout=args.timeout)
    what = "Kalshi spec" if document is DEFAULT else f"Kalshi {document.title} document"
    print(
        f"{args.spec_dir / document.spec_name}: {what} {lock.version} "
        f"(sha256 {lock.sha256[:12]}...), lock {args.spec_dir / document.lock_name}"
    )
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    # here, not at module level: its tables cost ~8 ms of every `generate` otherwise
    from .documents.load import load_document
    from .specdiff.kinds import comparable_kind

    old_path, new_path = args.old, args.new
    if args.target is not None:
        if new_path is not None:
            raise GeneratorError("with --target, give only the newer document")
        old_path, new_path = _target(args).spec, args.old
    elif new_path is None:
        raise GeneratorError("give two documents, or --target NAME and the newer one")
    old, new = load_document(old_path), load_document(new_path)
    old_label = str(old.get("info", {}).get("version", old_path))
    new_label = str(new.get("info", {}).get("version", new_path))
    if comparable_kind(old, new, str(old_path), str(new_path)) == "asyncapi":
        text = _asyncapi_diff(old, new, args.format, old_label, new_label)
    else:
        text = _openapi_diff(old, new, args.format, old_label, new_label)
    print(text, end="")
    return EXIT_OK


def _openapi_diff(old: Any, new: Any, fmt: str, old_label: str, new_label: str) -> str:
    from .specdiff.diff import diff_documents, report_to_json, report_to_markdown

    report = diff_documents(old, new)
    if fmt == "json":
        return json.dumps(report_to_json(report), indent=2, sort_keys=True) + "\n"
    return report_to_markdown(report, old_label, new_label)


def _asyncapi_diff(old: Any, new: Any, fmt: str, old_label: str, new_label: str) -> str:
    from .specdiff.asyncapi import diff_asyncapi_documents
    from .specdiff.asyncapi_report import report_to_json, report_to_markdown

    report = diff_asyncapi_documents(old, new)
    if fmt == "json":
        return json.dumps(report_to_json(report), indent=2, sort_keys=True) + "\n"
    return report_to_markdown(report, old_label, new_label)


def _audit(args: argparse.Namespace) -> int:
    from .documents.speclock import verify_lock
    from .pipeline import build_client
    from .wire.audit import audit, report_to_markdown
    from .wire.recordings import read_recordings

    recordings = read_recordings(args.directory)
    if args.spec is not None:
        spec, overrides = args.spec, args.overrides or Path("overrides.yaml")
        target = None
        locked = verify_lock(spec, spec.parent)
    else:
        from .documents.speclock import locked_document
        from .targets import load_targets, root_target

        target = _target(args) if args.target else root_target(load_targets(args.targets_file))
        if target.kind != "openapi":
            raise GeneratorError(f"{target.name} is a WebSocket target; audit reads REST responses")
        spec, overrides = target.spec, target.overrides
        locked = verify_lock(spec, spec.parent, locked_document(target))
    client, _ = build_client(spec, overrides, checked=locked, target=target)
    report = audit(recordings, client)
    print(report_to_markdown(report, str(args.directory)), end="")
    return EXIT_CHANGED if report.uncovered else EXIT_OK


def _ws_input(args: argparse.Namespace) -> Any:
    """The WebSocket document and overrides of `generate --spec`: --ws-spec (which must
    exist), else the root's streaming target's file names (targets.yaml: asyncapi.yaml,
    overrides-ws.yaml) beside --spec and --overrides, if there is one (else None: no
    kalshi.ws)."""
    from .pipeline import WsInput
    from .targets import project_root, project_streaming

    target = project_streaming(project_root())
    if target is None:
        return None
    spec = args.ws_spec
    if spec is None:
        spec = args.spec.parent / target.spec.name
        if not spec.is_file():
            return None
    overrides = args.ws_overrides or args.overrides.parent / target.overrides.name
    return WsInput(spec, overrides)


def _target(args: argparse.Namespace) -> Any:
    """`--target NAME` of `--targets FILE` -> its Target."""
    from .targets import load_targets

    targets = load_targets(args.targets_file)
    if args.target not in targets:
        known = ", ".join(targets)
        raise GeneratorError(f"unknown target {args.target!r} (known: {known})")
    return targets[args.target]


def _generate(args: argparse.Namespace) -> int:
    if args.spec is None:
        if args.overrides is not None or args.ws_spec is not None or args.ws_overrides:
            raise GeneratorError("--overrides, --ws-spec and --ws-overrides go with --spec")
        return _generate_targets(args)
    if args.target is not None:
        raise GeneratorError("--target and --spec exclude each other")
    args.overrides = args.overrides or Path("overrides.yaml")
    return _generate_document(args)


def _generate_targets(args: argparse.Namespace) -> int:
    from .pipeline import generate_targets
    from .targets import load_targets

    targets = load_targets(args.targets_file)

    def progress(names: str) -> None:
        if args.verbose:
            print(f"building {names}", file=sys.stderr)

    result = generate_targets(
        targets, args.output, only=args.target, check=args.check, progress=progress
    )
    warnings = [w for c in result.clients.values() for w in c.warnings]
    warnings += [w for c in result.ws_clients.values() for w in c.warnings]
    parts = [f"{name} {len(c.operations)} operations" for name, c in result.clients.items()]
    parts += [f"{name} {len(c.channels)} channels" for name, c in result.ws_clients.items()]
    return _report(args, result, warnings, ", ".join(parts))


def _generate_document(args: argparse.Namespace) -> int:
    from .documents.speclock import ASYNCAPI, LOCK_NAME, verify_lock
    from .pipeline import generate, reading

    try:
        locked = verify_lock(args.spec, args.spec.parent)
    except UnicodeDecodeError:
        with reading(args.spec.parent / LOCK_NAME):  # the lock is the one text it reads
            raise
    # The WebSocket document's lock: a drifted spec/asyncapi.yaml is refused, and so is a
    # missing one while it is locked (else kalshi.ws would silently drop out of the client).
    if ASYNCAPI is None and args.ws_spec is not None:
        raise GeneratorError(
            "--ws-spec: targets.yaml has no asyncapi target streaming for the root package"
        )
    if ASYNCAPI is not None:
        ws_spec = args.ws_spec or args.spec.parent / ASYNCAPI.spec_name
        try:
            verify_lock(ws_spec, ws_spec.parent, ASYNCAPI)
        except UnicodeDecodeError:
            with reading(ws_spec.parent / ASYNCAPI.lock_name):
                raise
    result = generate(
        args.spec,
        args.overrides,
        args.output,
        check=args.check,
        checked=locked,
        ws=_ws_input(args),
    )
    client = result.client
    warnings = client.warnings + (result.ws.warnings if result.ws else [])
    what = f"{len(client.operations)} operations, {len(client.models)} models"
    return _report(args, result, warnings, what)


def _report(args: argparse.Namespace, result: Any, warnings: list[Any], what: str) -> int:
    """generate's summary (and with -v its warnings and timings); the exit code."""
    for warning in warnings if args.verbose else []:
        print(f"warning: {warning}", file=sys.stderr)
    if args.verbose:
        print("  ".join(f"{k} {v:.3f}s" for k, v in result.timings.stages.items()), file=sys.stderr)
    summary = f"{what}, {len(result.files)} files, {result.timings.total:.2f}s"
    lines: list[str] = []
    code = EXIT_OK
    if args.check:
        if result.changed:
            lines.append(f"{args.output}: {len(result.changed)} file(s) would change:")
            lines.extend(f"  {path}" for path in result.changed)
        if result.foreign:
            lines.append(
                f"{args.output}: {len(result.foreign)} foreign file(s), not written by "
                "kalshi-codegen (kept as they are, not a change):"
            )
            lines.extend(f"  {path}" for path in result.foreign)
        if result.changed:
            lines.append(summary)
            code = EXIT_CHANGED
        else:
            lines.append(f"{args.output} is up to date; {summary}")
    else:
        state = f"{len(result.changed)} file(s) changed" if result.changed else "no changes"
        lines.append(
            f"generated {args.output}: {summary}; {state}"
            + (f"; {len(result.foreign)} foreign file(s) kept" if result.foreign else "")
            + (f"; {len(warnings)} warning(s) (-v)" if warnings and not args.verbose else "")
        )
    _emit(lines)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

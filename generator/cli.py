"""`kalshi-codegen`: the command line of the generator."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import GeneratorError
from .pipeline import generate

EXIT_OK, EXIT_CHANGED, EXIT_BAD_INPUT = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kalshi-codegen",
        description=(
            "Generate the typed Python client `kalshi` from the Kalshi OpenAPI document "
            "plus overrides.yaml. Exit codes: 0 ok, 1 `--check` found changes, 2 bad input."
        ),
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    gen = sub.add_parser(
        "generate",
        help="generate the client into OUTPUT (atomically: nothing half-written on failure)",
        description="Generate OUTPUT/pyproject.toml and OUTPUT/kalshi/... from the spec and overrides.",
    )
    gen.add_argument("--spec", type=Path, default=Path("spec/openapi.yaml"), help="OpenAPI document (default: %(default)s)")
    gen.add_argument("--overrides", type=Path, default=Path("overrides.yaml"), help="overrides file (default: %(default)s)")
    gen.add_argument("--output", type=Path, default=Path("generated"), help="output folder (default: %(default)s)")
    gen.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 and list the files that would change",
    )
    gen.add_argument("-v", "--verbose", action="store_true", help="print warnings and per-stage timings")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "generate":
            return _generate(args)
    except GeneratorError as exc:
        print(f"kalshi-codegen: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK  # pragma: no cover


def _generate(args: argparse.Namespace) -> int:
    result = generate(args.spec, args.overrides, args.output, check=args.check)
    client = result.client
    for warning in client.warnings if args.verbose else []:
        print(f"warning: {warning}", file=sys.stderr)
    if args.verbose:
        print("  ".join(f"{k} {v:.3f}s" for k, v in result.timings.stages.items()), file=sys.stderr)
    summary = (
        f"{len(client.operations)} operations, {len(client.models)} models, "
        f"{len(result.files)} files, {result.timings.total:.2f}s"
    )
    if args.check:
        if result.changed:
            print(f"{args.output}: {len(result.changed)} file(s) would change:")
            for path in result.changed:
                print(f"  {path}")
            print(summary)
            return EXIT_CHANGED
        print(f"{args.output} is up to date; {summary}")
        return EXIT_OK
    state = f"{len(result.changed)} file(s) changed" if result.changed else "no changes"
    print(f"generated {args.output}: {summary}; {state}" + (f"; {len(client.warnings)} warning(s) (-v)" if client.warnings and not args.verbose else ""))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

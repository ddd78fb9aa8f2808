"""How many of kalshi-sdk 22.4.0's operation names the generated client has, per target.

    python bench/names.py [--targets FILE] [--target NAME ...] [--generated DIR]

For each REST target of targets.yaml that has a names file (trade: kalshi.*, perps:
kalshi.perps.*, klear: kalshi.klear.*), compares our `resource.method` per operationId with
bench/kalshi_sdk_22_4_0[_<target>]_names.txt (operationId -> kalshi-sdk's dotted name, and
where that name comes from), and prints matched/total and every miss. Our names come from the
target's document and overrides file, built to the IR as `generate` does (no generated tree
needed); `--generated DIR` reads them from a generated tree's `_operations.py` instead (the
checkout's generated/, or `generate --output DIR` for a trial). Paginators (`*_all`) are not
counted: kalshi-sdk names some `list_all_<x>`, and the goal is about the operations' own names.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from _common import ROOT  # bench/ is sys.path[0] when run as a script

sys.path.insert(0, str(ROOT))  # the generator, for the targets and their IR

from generator.errors import GeneratorError
from generator.targets import TARGETS_FILE, Target, load_targets

BENCH = Path(__file__).resolve().parent
NAMES = BENCH / "kalshi_sdk_22_4_0_names.txt"  # the root target's
GOAL = 0.95


def names_file(target: Target) -> Path:
    """The kalshi-sdk names of a target: the root's has no suffix, the others their name."""
    return NAMES if target.is_root else BENCH / f"kalshi_sdk_22_4_0_{target.name}_names.txt"


def peer_names(path: Path) -> dict[str, tuple[str, str]]:
    """operationId -> (kalshi-sdk's dotted name, its source) from the names file."""
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            op_id, name, source = line.split()
            out[op_id] = (name, source)
    return out


def our_names(generated: Path, package_dir: str = "kalshi") -> dict[str, str]:
    """operationId -> `resource.method` from the tree's <package>/_operations.py, read without
    importing it (the tree need not be importable from here)."""
    source = generated / package_dir / "_operations.py"
    tree = ast.parse(source.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "OperationInfo":
            op_id, resource, method = (ast.literal_eval(a) for a in node.args[:3])
            out[op_id] = f"{resource}.{method}"
    return out


def built_names(target: Target) -> dict[str, str]:
    """operationId -> `resource.method` of the target's document and overrides, as generated."""
    from generator.pipeline import Timings, build_rest_ir

    client = build_rest_ir(target.spec, target.overrides, Timings(), checked=False)
    return {op.operation_id: f"{op.resource}.{op.method_name}" for op in client.operations}


def compare(target: Target, ours: dict[str, str], peer: dict[str, tuple[str, str]]) -> float:
    """Print the target's ratio and misses; the ratio."""
    misses = [(op_id, name, src) for op_id, (name, src) in peer.items() if ours.get(op_id) != name]
    matched = len(peer) - len(misses)
    ratio = matched / len(peer) if peer else 0.0
    print(
        f"{target.name} ({target.package}): kalshi-sdk 22.4.0 names {matched}/{len(peer)} "
        f"({ratio:.1%}; goal {GOAL:.0%})"
    )
    for op_id, name, src in misses:
        print(f"  miss {op_id}: ours {ours.get(op_id, '(none)')}, kalshi-sdk {name} [{src}]")
    unknown = sorted(set(ours) - set(peer))
    if unknown:
        print(f"  not in the names file: {', '.join(unknown)}")
    return ratio


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--targets", type=Path, default=ROOT / TARGETS_FILE)
    parser.add_argument(
        "--target", action="append", default=[], help="only this target (repeatable)"
    )
    parser.add_argument(
        "--generated", type=Path, help="read our names from this generated tree instead"
    )
    args = parser.parse_args()
    try:
        targets = load_targets(args.targets)
    except GeneratorError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2
    unknown = [name for name in args.target if name not in targets]
    if unknown:
        print(f"bench: error: no target {unknown[0]!r} in {args.targets}", file=sys.stderr)
        return 2
    chosen = [
        t
        for t in targets.values()
        if t.kind == "openapi" and (t.name in args.target or not args.target)
    ]
    for target in chosen:
        path = names_file(target)
        if not path.exists():
            print(f"{target.name}: no kalshi-sdk names file ({path.name}); skipped")
            continue
        try:
            ours = (
                our_names(args.generated, target.package_dir)
                if args.generated
                else built_names(target)
            )
        except (GeneratorError, OSError) as exc:
            print(f"bench: error: {target.name}: {exc}", file=sys.stderr)
            return 2
        compare(target, ours, peer_names(path))
    return 0


if __name__ == "__main__":
    sys.exit(main())

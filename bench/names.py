"""How many of kalshi-sdk 22.4.0's operation names the generated client has.

    python bench/names.py [--generated DIR] [--names FILE]

Compares `kalshi._operations.OPERATIONS` of a generated tree (default: the checkout's
generated/; `generate --output DIR` for a trial) with bench/kalshi_sdk_22_4_0_names.txt
(operationId -> kalshi-sdk's dotted name, and where that name comes from), and prints
matched/total and every miss. Paginators (`*_all`) are not counted: kalshi-sdk names
some `list_all_<x>`, and the goal is about the operations' own names.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from _common import ROOT  # bench/ is sys.path[0] when run as a script

NAMES = Path(__file__).resolve().parent / "kalshi_sdk_22_4_0_names.txt"
GOAL = 0.95


def peer_names(path: Path) -> dict[str, tuple[str, str]]:
    """operationId -> (kalshi-sdk's dotted name, its source) from the names file."""
    out: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            op_id, name, source = line.split()
            out[op_id] = (name, source)
    return out


def our_names(generated: Path) -> dict[str, str]:
    """operationId -> `resource.method` from the tree's kalshi/_operations.py, read without
    importing it (the tree need not be importable from here)."""
    tree = ast.parse((generated / "kalshi" / "_operations.py").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "OperationInfo":
            op_id, resource, method = (ast.literal_eval(a) for a in node.args[:3])
            out[op_id] = f"{resource}.{method}"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--generated", type=Path, default=ROOT / "generated")
    parser.add_argument("--names", type=Path, default=NAMES)
    args = parser.parse_args()
    peer = peer_names(args.names)
    ours = our_names(args.generated)
    misses = [(op_id, name, src) for op_id, (name, src) in peer.items() if ours.get(op_id) != name]
    matched = len(peer) - len(misses)
    ratio = matched / len(peer) if peer else 0.0
    print(f"kalshi-sdk 22.4.0 names: {matched}/{len(peer)} ({ratio:.1%}; goal {GOAL:.0%})")
    for op_id, name, src in misses:
        print(f"  miss {op_id}: ours {ours.get(op_id, '(none)')}, kalshi-sdk {name} [{src}]")
    unknown = sorted(set(ours) - set(peer))
    if unknown:
        print(f"  not in the names file: {', '.join(unknown)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

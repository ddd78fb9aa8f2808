#!/usr/bin/env bash
# Run the whole test suite against the committed generated/ (one of the tests checks that
# it is exactly what the generator produces), on every core (pytest-xdist; `-n 0` after
# this script's name runs it in one process, e.g. to use a debugger).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --no-generate
echo "==> tests"
exec .venv/bin/python -m pytest -n auto "$@"

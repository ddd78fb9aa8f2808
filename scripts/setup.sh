#!/usr/bin/env bash
# Set everything up from the project's own files, then generate the client:
#   .venv with the generator and its test tools, the locked spec synced from ../shared/spec
#   (or SPEC_SOURCE), then `kalshi-codegen generate`. `--no-generate` stops before generating.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
# pip's resolver sits silent for minutes on an interpreter the project does not support
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
  version=$("$PYTHON" --version 2>&1 | head -n 1) || version="not runnable"
  echo "setup: error: $PYTHON is ${version:-not runnable}; Python >= 3.10 is needed (set PYTHON=python3.11 or similar)" >&2
  exit 2
fi
if [ -x .venv/bin/python ] && ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "setup: error: .venv was made with Python < 3.10; remove it (rm -r .venv) and run again" >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
# pip takes ~6 s even when everything is installed (./scripts/test.sh runs this every time):
# skip it while .venv was set up from this very pyproject.toml (remove the stamp to force it)
stamp=.venv/kalshi-codegen-installed.sha256
installed=$(.venv/bin/python -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest())')
if [ "$(cat "$stamp" 2>/dev/null)" = "$installed" ]; then
  echo "==> the generator and its tools are installed (pyproject.toml unchanged since)"
else
  echo "==> installing the generator, its test tools and the docs site builder"
  rm -f "$stamp"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test,docs]"
  echo "$installed" >"$stamp"
fi
if .venv/bin/python -c "from pathlib import Path; from generator.documents.speclock import verify_lock; verify_lock(Path('spec/openapi.yaml'), Path('spec'))" 2>/dev/null; then
  echo "==> spec/openapi.yaml matches the lock"
else
  version=$(.venv/bin/python -c "import json; print(json.load(open('spec/openapi.lock.json'))['version'])")
  echo "==> syncing the locked spec ($version) from ${SPEC_SOURCE:-../shared/spec}"
  .venv/bin/kalshi-codegen sync-spec --from "${SPEC_SOURCE:-../shared/spec}/kalshi-openapi-$version.yaml"
fi
if [ "${1:-}" != "--no-generate" ]; then
  echo "==> generating the client"
  .venv/bin/kalshi-codegen generate
fi

#!/usr/bin/env bash
# Set everything up from the project's own files, then generate the client:
#   .venv with the generator and its test tools, the locked documents of every target
#   (targets.yaml: spec/openapi.yaml, spec/asyncapi.yaml, spec/perps-openapi.yaml, ...) synced
#   from ../shared/spec (or SPEC_SOURCE), then `kalshi-codegen generate`. `--no-generate` stops before generating.
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
# Every locked document (DOCUMENTS in generator/documents/speclock.py: one per target of
# targets.yaml), one line each: target, file, "ok" when it is the locked one, version, its
# file name in ../shared/spec, title. A document without a lock yet is left out.
locked_documents=$(.venv/bin/python -c '
import sys
from pathlib import Path
from generator.documents.speclock import DOCUMENTS, read_lock, verify_lock
from generator.errors import GeneratorError
from generator.targets import project_targets
spec = Path("spec")
targets = project_targets()
for doc in DOCUMENTS.values():
    try:
        lock = read_lock(spec, doc)
    except GeneratorError as exc:
        sys.exit(f"setup: error: {exc}")
    if lock is None:
        continue
    try:
        state = "ok" if verify_lock(spec / doc.spec_name, spec, doc) else "sync"
    except GeneratorError:
        state = "sync"
    title = targets[doc.name].title
    print(doc.name, doc.spec_name, state, lock.version, doc.shared_file(lock.version), title)
')
while read -r name file state version shared title; do
  [ -n "$name" ] || continue
  if [ "$state" = ok ]; then
    echo "==> spec/$file matches the lock"
  else
    if [ "$name" = trade ]; then what="spec"; else what="$title ($name) document"; fi
    echo "==> syncing the locked $what ($version) from ${SPEC_SOURCE:-../shared/spec}"
    .venv/bin/kalshi-codegen sync-spec --document "$name" --from "${SPEC_SOURCE:-../shared/spec}/$shared"
  fi
done <<<"$locked_documents"
if [ "${1:-}" != "--no-generate" ]; then
  echo "==> generating the client"
  .venv/bin/kalshi-codegen generate
fi

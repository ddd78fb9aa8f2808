#!/usr/bin/env bash
# shellcheck disable=SC2016  # backticks in single quotes are Markdown code, not substitutions
# Move the client to a new Kalshi document: the maintainer's and CI's spec update.
#
#   scripts/spec-update.sh [PATH_OR_URL] [--target NAME] [--out DIR] [--allow-missing-old]
#
#   PATH_OR_URL   the new document (default for the main OpenAPI one:
#                 https://docs.kalshi.com/openapi.yaml; required for the others)
#   --target NAME which target's document moves (targets.yaml): trade (default; the main REST
#                 API, spec/openapi.yaml), ws (spec/asyncapi.yaml), perps, perps-ws, klear;
#                 `--document openapi|asyncapi` still names trade and ws
#   --out DIR     where the reports go (default: .spec-update/, or .spec-update/NAME/ for a
#                 target other than trade; git-ignored)
#   --allow-missing-old
#                 go on without a change report when the locked document is not in
#                 spec/openapi.yaml (CI, once the public URL has moved past the locked version)
#
# Steps: keep spec/openapi.yaml (the locked, old document) as DIR/old-openapi.yaml ->
# `kalshi-codegen sync-spec --from SOURCE` (new document + lock) -> `kalshi-codegen diff`
# (DIR/changes.md, DIR/changes.json, and spec/changes/OLD-to-NEW.md to commit; for another
# document its own files: spec/asyncapi.yaml, DIR/old-asyncapi.yaml,
# spec/changes/asyncapi-OLD-to-NEW.md) ->
# `kalshi-codegen generate --target NAME` -> DIR/OVERRIDES.md and DIR/pr-body.md (change report
# + override report).
#
# Exit codes: 0 updated (or nothing to update), 1 failed, 2 usage, 3 the target's overrides
# file is stale: DIR/overrides-stale.md says which entries to change; edit that file and run
# the script again (it continues the same update: the old document is kept in DIR).
#
# Runs generator commands with .venv/bin/kalshi-codegen when .venv exists, else with
# `${PYTHON:-python3} -m generator.cli` from the repository root.
# In GitHub Actions, also writes status, old_version, new_version and the report paths to
# $GITHUB_OUTPUT.
set -euo pipefail

PUBLIC_URL="https://docs.kalshi.com/openapi.yaml"
EXIT_FAILED=1 EXIT_USAGE=2 EXIT_STALE=3

usage() { sed -n '3,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
say() { printf '==> %s\n' "$*"; }
die() { printf 'spec-update: error: %s\n' "$*" >&2; exit "$EXIT_FAILED"; }
usage_error() { printf 'spec-update: %s (see --help)\n' "$*" >&2; exit "$EXIT_USAGE"; }
is_url() { case "$1" in http://* | https://*) return 0 ;; *) return 1 ;; esac; }

# --- arguments (paths are relative to where the script is called from) ---------------------
caller_dir=$PWD
source_arg="" out_arg="" allow_missing_old=0 document=trade
while [ $# -gt 0 ]; do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --target | --document) [ $# -ge 2 ] && [ -n "$2" ] || usage_error "$1 needs a name"; document=$2; shift 2 ;;
    --target=* | --document=*) document=${1#*=}; [ -n "$document" ] || usage_error "--target needs a name"; shift ;;
    --out) [ $# -ge 2 ] && [ -n "$2" ] || usage_error "--out needs a directory"; out_arg=$2; shift 2 ;;
    --out=*) out_arg=${1#--out=}; [ -n "$out_arg" ] || usage_error "--out needs a directory"; shift ;;
    --allow-missing-old) allow_missing_old=1; shift ;;
    -*) usage_error "unknown option: $1" ;;
    *) [ -z "$source_arg" ] || usage_error "one source only (got '$source_arg' and '$1')"; source_arg=$1; shift ;;
  esac
done

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
case "$document" in openapi) document=trade ;; asyncapi) document=ws ;; esac
if [ "$document" = trade ]; then
  source=${source_arg:-$PUBLIC_URL}
else
  [ -n "$source_arg" ] || usage_error "--target $document needs the new document's PATH_OR_URL"
  source=$source_arg
fi
if ! is_url "$source"; then
  case "$source" in *://*) usage_error "unsupported URL '$source': use http(s) or a file path" ;; esac
  [ -f "$source" ] || die "no such file: $source"
  # The lock records the source as given; keep it as given when it is relative to the root.
  if [ "${source#/}" = "$source" ] && [ "$caller_dir" != "$root" ]; then
    source="$caller_dir/$source"
  fi
fi
if [ "$document" = trade ]; then out=${out_arg:-.spec-update}; else out=${out_arg:-.spec-update/$document}; fi
if [ -n "$out_arg" ] && [ "${out#/}" = "$out" ]; then out="$caller_dir/$out"; fi

cd "$root"
if [ -x .venv/bin/kalshi-codegen ]; then
  codegen=(.venv/bin/kalshi-codegen)
  py=.venv/bin/python
else
  py=${PYTHON:-python3}
  command -v "$py" >/dev/null || die "no .venv and no '$py' on PATH: run ./scripts/setup.sh first"
  codegen=("$py" -m generator.cli)
fi

# The target's row of the lock table (generator/documents/speclock.py DOCUMENTS, from
# targets.yaml): its document, its lock, its file name in ../shared/spec (VERSION to fill in),
# its title, its overrides file and its family's override report in generated/.
row=$("$py" -c '
import sys
from generator.documents.speclock import DOCUMENTS
from generator.emit.render import Layout
from generator.targets import project_targets
doc = DOCUMENTS.get(sys.argv[1])
if doc is None:
    sys.exit("known targets: " + ", ".join(DOCUMENTS))
targets = project_targets()
target = targets[doc.name]
rest = targets[target.rest] if target.rest else target
print(doc.spec_name, doc.lock_name, doc.shared_file("VERSION"), target.overrides.name,
      Layout(rest).review("OVERRIDES", ".md"), target.title)
' "$document" 2>&1) || usage_error "unknown target '$document' ($row)"
read -r spec_name lock_name shared_name overrides_file overrides_report target_title <<<"$row"
lock=spec/$lock_name
spec=spec/$spec_name
if [ "$document" = trade ]; then
  what="Kalshi spec" sync_cmd="kalshi-codegen sync-spec" report_prefix=""
else
  what="$target_title ($document) document" sync_cmd="kalshi-codegen sync-spec --target $document" report_prefix="$document-"
fi

mkdir -p "$out" || die "cannot create the report folder $out"
out=$(cd "$out" && pwd)
[ "$out" != "$root" ] || usage_error "--out must not be the repository root"

lock_field() { # lock_field FILE KEY
  "$py" -c 'import json, sys; print(json.load(open(sys.argv[1], encoding="utf-8"))[sys.argv[2]])' "$1" "$2"
}
sha256_of() {
  "$py" -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"
}
github_output() { # github_output KEY VALUE: step outputs for the spec-update workflow
  if [ -n "${GITHUB_OUTPUT:-}" ]; then printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"; fi
}
set_status() {
  printf '%s\n' "$1" >"$out/status"
  github_output status "$1"
}

[ -f "$lock" ] || die "$lock is missing: this does not look like a kalshi-codegen checkout ($root)"

# --- (a) the old document ------------------------------------------------------------------
old_doc="$out/old-$spec_name"
old_lock="$out/old-$lock_name"
uncovered_marker="$out/audit-uncovered"
previous_status=$(cat "$out/status" 2>/dev/null || true)
if [ "$previous_status" = stale ] || { [ "$previous_status" = updated ] && [ -f "$uncovered_marker" ]; }; then
  resumable=1
else
  resumable=0
fi
if [ "$resumable" = 1 ] && [ -f "$old_doc" ] && [ -f "$old_lock" ]; then
  if [ "$previous_status" = stale ]; then why_paused="stale overrides"; else why_paused="recorded responses overrides.yaml did not cover"; fi
  say "continuing the update that stopped on $why_paused (delete $out to start over)"
  have_old=1
else
  rm -f "$old_doc" "$old_lock" "$out"/{changes.md,changes.json,overrides-stale.md,OVERRIDES.md,audit.md,audit-uncovered,pr-body.md,status}
  rm -rf "$out/spec-source"
  cp "$lock" "$old_lock"
  locked_version=$(lock_field "$lock" version)
  locked_source=$(lock_field "$lock" source)
  have_old=1
  if [ ! -f "$spec" ]; then
    why="$spec (the locked document, $locked_version) is missing"
  elif [ "$(sha256_of "$spec")" != "$(lock_field "$lock" sha256)" ]; then
    why="$spec is not the locked document $locked_version (its sha256 differs from $lock)"
  else
    why=""
  fi
  if [ -n "$why" ]; then
    [ "$allow_missing_old" = 1 ] || die "$why, so there is nothing to compare the new document with.
  Restore it first: ./scripts/setup.sh --no-generate   (or: $sync_cmd --from $locked_source)
  or pass --allow-missing-old to go on without a change report."
    printf 'spec-update: warning: %s; going on without a change report (--allow-missing-old)\n' "$why" >&2
    have_old=0
  else
    cp "$spec" "$old_doc"
  fi
fi
old_version=$(lock_field "$old_lock" version)
old_sha=$(lock_field "$old_lock" sha256)
say "old document: $what $old_version (sha256 ${old_sha:0:12}...)"

# --- (b) sync the new document and the lock --------------------------------------------------
say "syncing the new document from $source"
"${codegen[@]}" sync-spec --document "$document" --from "$source" ||
  die "sync-spec failed (message above); nothing was changed"
new_version=$(lock_field "$lock" version)
new_sha=$(lock_field "$lock" sha256)
github_output old_version "$old_version"
github_output new_version "$new_version"
github_output out "$out"
if [ "$new_sha" = "$old_sha" ]; then
  say "the document is the locked one ($new_version, sha256 ${new_sha:0:12}...): nothing to update"
  set_status unchanged
  exit 0
fi

# scripts/test.sh (through setup.sh) syncs every locked document from ${SPEC_SOURCE:-../shared/spec}
# (kalshi-openapi-VERSION.yaml, ...): keep the new document there, beside the other locked ones.
new_shared=${shared_name//VERSION/$new_version}
mkdir -p "$out/spec-source"
"$py" - "$out/spec-source" <<'EOF'
import shutil, sys
from pathlib import Path
from generator.documents.speclock import DOCUMENTS, read_lock, verify_lock
from generator.errors import GeneratorError
spec = Path("spec")
for doc in DOCUMENTS.values():
    try:
        lock = read_lock(spec, doc)
        locked = lock is not None and verify_lock(spec / doc.spec_name, spec, doc)
    except GeneratorError:
        continue  # not the locked document: setup.sh says so when it runs
    if lock is not None and locked:
        shutil.copy(spec / doc.spec_name, Path(sys.argv[1]) / doc.shared_file(lock.version))
EOF
github_output spec_source "$out/spec-source"
test_env=""
known="${SPEC_SOURCE:-../shared/spec}/$new_shared"
if [ ! -f "$known" ] || [ "$(sha256_of "$known")" != "$new_sha" ]; then
  test_env="SPEC_SOURCE=$out/spec-source "
fi

# --- (c) the API change report ---------------------------------------------------------------
if [ "$old_version" = "$new_version" ]; then
  report_name="$report_prefix$old_version-to-$new_version-${new_sha:0:12}.md" # same version, new content
else
  report_name="$report_prefix$old_version-to-$new_version.md"
fi
committed_report="spec/changes/$report_name"
if [ "$have_old" = 1 ]; then
  say "comparing $old_version -> $new_version"
  "${codegen[@]}" diff "$old_doc" "$spec" --format md >"$out/changes.md" ||
    die "kalshi-codegen diff failed (message above)"
  "${codegen[@]}" diff "$old_doc" "$spec" --format json >"$out/changes.json" ||
    die "kalshi-codegen diff --format json failed (message above)"
else
  cat >"$out/changes.md" <<EOF
## API changes: $old_version -> $new_version

No change report: the locked document ($old_version, sha256 \`${old_sha:0:12}...\`) was not
available to compare with. \`generated/SURFACE.txt\` in this diff shows how the client's
surface moved; \`kalshi-codegen diff OLD NEW\` with both documents gives the full report.
EOF
  printf '{"unavailable": "the locked document %s was not available"}\n' "$old_version" >"$out/changes.json"
fi
mkdir -p spec/changes
cp "$out/changes.md" "$committed_report"
github_output changes "$out/changes.md"
github_output committed_report "$committed_report"

# --- (d) regenerate --------------------------------------------------------------------------
say "generating the client from $new_version"
set +e
generate_log=$("${codegen[@]}" generate --target "$document" 2>&1)
generate_rc=$?
set -e
printf '%s\n' "$generate_log"

if [ "$generate_rc" -eq 2 ] && grep -q 'no longer match the spec' <<<"$generate_log"; then
  entries=$(sed -n 's/^  - \([^:]*\): \(.*\)$/- `\1`: \2/p' <<<"$generate_log")
  count=$(grep -c '^- ' <<<"$entries" || true)
  {
    printf '# %s %s -> %s: %s needs a person\n\n' "$what" "$old_version" "$new_version" "$overrides_file"
    if [ "$count" = 1 ]; then stopped="1 entry of \`$overrides_file\` no longer matches"
    else stopped="$count entries of \`$overrides_file\` no longer match"; fi
    printf '`kalshi-codegen generate` stopped: %s the\n' "$stopped"
    printf 'new spec. `generated/` is unchanged; `%s` already points at %s.\n\n' "$lock" "$new_version"
    printf '## Entries to change\n\n%s\n\n' "$entries"
    cat <<EOF
## What to do

1. Edit \`$overrides_file\` as each line above says (delete the entry, or change it to match the
   spec), and check the entries of the same operation that depended on it.
2. Regenerate:
   - locally, where this update started: run \`./scripts/spec-update.sh\` again with the same
     source; it continues this update (the old document is kept in its report folder) and
     writes the pull-request body;
   - on the pull-request branch CI opened: \`$sync_cmd --from $source\`, then
     \`kalshi-codegen generate --target $document\` (this body keeps the change report).
3. \`./scripts/test.sh --snapshot-update\` (with \`SPEC_SOURCE=DIR\`, DIR holding
   \`$new_shared\`, if \`../shared/spec/\` lacks it), review \`git diff\` (snapshots, \`generated/\`), and commit
   \`$overrides_file\`, \`generated/\`, the snapshots, \`$lock\` and
   \`$committed_report\` together.

EOF
    cat "$out/changes.md"
  } >"$out/overrides-stale.md"
  set_status stale
  github_output body "$out/overrides-stale.md"
  {
    echo
    echo "spec-update: STOPPED: $count override(s) in $overrides_file no longer match $what $new_version."
    echo "  A person must edit $overrides_file: $out/overrides-stale.md says which entries and how."
    echo "  Then run this script again with the same source (it continues this update)."
  } >&2
  exit "$EXIT_STALE"
fi
if [ "$generate_rc" -ne 0 ]; then
  set_status failed
  die "kalshi-codegen generate failed (exit $generate_rc, message above)"
fi

# --- (e) the pull-request body ---------------------------------------------------------------
cp "generated/$overrides_report" "$out/OVERRIDES.md"
# What the real server sends, against the new spec + overrides: a reviewed artefact too.
samples=${WIRE_SAMPLES:-../shared/wire-samples}
audit_note=""
rm -f "$uncovered_marker"
if [ "$document" = trade ] && [ -d "$samples" ]; then # recorded REST responses, vs spec/openapi.yaml
  audit_rc=0
  "${codegen[@]}" audit "$samples" --spec "$spec" --overrides overrides.yaml >"$out/audit.md" || audit_rc=$?
  case "$audit_rc" in
    0) audit_note="every deviation of the recorded responses is covered" ;;
    1)
      audit_note="**recorded responses deviate in ways overrides.yaml does not cover yet**: add the entries audit.md suggests"
      : >"$uncovered_marker"
      ;;
    *) set_status failed; die "kalshi-codegen audit failed (exit $audit_rc, message above)" ;;
  esac
fi
{
  printf '# %s %s -> %s\n\n' "$what" "$old_version" "$new_version"
  printf 'Synced from `%s` (sha256 `%s...`) and regenerated `generated/`.\n\n' "$(lock_field "$lock" source)" "${new_sha:0:12}"
  cat <<EOF
Review: the breaking changes below; the snapshot diffs and \`generated/SURFACE.txt\`, which
should move exactly as this report says; the override report at the end (every entry still
does what its reason says). The report is also committed as \`$committed_report\`.

EOF
  cat "$out/changes.md"
  printf '\n<details><summary>Override report (generated/OVERRIDES.md)</summary>\n\n'
  # drop the "Generated ... Do not edit" comment and demote its title under the change report
  sed -e '/^<!-- .* -->$/d' -e 's/^# /## /' "$out/OVERRIDES.md"
  printf '\n</details>\n'
  if [ -n "$audit_note" ]; then
    printf '\n<details><summary>Audit of recorded responses: %s</summary>\n\n' "$audit_note"
    sed -e 's/^# /## /' "$out/audit.md"
    printf '\n</details>\n'
  fi
} >"$out/pr-body.md"
# A pull-request body holds at most 65536 characters; the full report is in the commit.
"$py" - "$out/pr-body.md" "$committed_report" <<'EOF'
import sys
from pathlib import Path

path, report = Path(sys.argv[1]), sys.argv[2]
text = path.read_text(encoding="utf-8")
limit = 60000
if len(text) > limit:
    cut = text[:limit].rsplit("\n", 1)[0]
    cut += "\n</details>\n" * max(0, cut.count("<details>") - cut.count("</details>"))
    path.write_text(cut + f"\n\n... (cut to fit a pull request; the full report is `{report}`)\n", encoding="utf-8")
EOF
set_status updated
github_output body "$out/pr-body.md"

cat <<EOF

$what $old_version -> $new_version: client regenerated.
Reports in $out/: changes.md, changes.json, OVERRIDES.md, audit.md (recorded responses vs the new spec), pr-body.md (the pull-request body).
Next:
EOF
if [ -f "$uncovered_marker" ]; then
  cat <<EOF
  0. recorded responses deviate from $new_version in ways overrides.yaml does not cover:
     add the entries at the end of $out/audit.md (check each against the samples), then run
     this script again with the same source; it continues this update and re-audits
EOF
fi
cat <<EOF
  1. ${test_env}./scripts/test.sh --snapshot-update     # update the snapshots the regeneration changed
  2. git diff                                # review: generated/, snapshots, SURFACE.txt vs changes.md
  3. commit together: generated/ $lock $committed_report + the updated snapshots
     (and $overrides_file if you changed it); open the pull request with $out/pr-body.md as its body
EOF

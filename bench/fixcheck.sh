#!/usr/bin/env bash
# fixcheck.sh — apply every prodvet suggested fix to a copy of each corpus
# module and check that the result still builds and vets, and that -fix
# changed no file it had no reason to touch.
#
# Usage:   bench/fixcheck.sh                 # every module
#          ONLY="grpc" bench/fixcheck.sh
# Env:     BENCH, MODULES, ONLY, PRODVET_FLAGS (bench/env.sh); KEEP=1 keeps the copies in $BENCH/fixcheck
#
# Per module, in a fresh copy ($BENCH/fixcheck/<name>):
#   1. prodvet -json ./...: the files that the findings' fixes edit (what -fix may change);
#      a module whose findings carry no fix is done
#   2. go vet ./... on the unfixed module (a baseline: some modules have vet findings of their own)
#   3. prodvet -fix ./...
#   4. the files that changed (content hashes before and after) must be among those of step 2;
#      a fix whose file is gofmt-clean before and not after is reported (a warning)
#   5. go build ./... and go vet ./... must succeed, and go vet must print nothing it did
#      not print on the unfixed copy (so a fix that breaks a test file is caught too)
#   6. the module's own tests (go test -short -json) on every package whose files the fixes
#      edit, on the original and on the fixed copy: a test that passed before and does not
#      pass after (fails, or the package no longer builds or times out) is a fix that
#      compiles but changes what the program does (bench/cmd/testdiff compares the runs)
#   7. prodvet -fix again: reports fixes left (overlapping fixes are applied one per run),
#      and a fix that does not remove its own finding (it would be offered forever)
# Fails (exit 1) on any of: a crash or panic, exit status >= 2, an unexpected changed file,
# a build or vet failure after the fixes, a test that passed before and fails after.
# Env:     TEST_TIMEOUT (default 4m): go test's -timeout for each of the two test runs;
#          TESTS=0 skips step 6
set -euo pipefail
export LC_ALL=C
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/env.sh
source "$HERE/env.sh"

if [[ -n "${ONLY:-}" ]]; then "$HERE/setup.sh" $ONLY; else "$HERE/setup.sh"; fi
build_tools
PV="$BENCH_BIN/prodvet"
WORK="$BENCH/fixcheck"
mkdir -p "$WORK"

log() { printf '[fixcheck %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

hashes() { # files of the module with their content hashes, sorted
  find . -type f ! -name '.fixcheck-*' -print0 | sort -z | xargs -0 sha256sum
}

prodvet_ok() { # rc outfile: exit 0 or 1 and no panic
  (($1 < 2)) && ! grep -q 'panic:' "$2"
}

# vet_lines FILE: go vet's diagnostics, with the copy's path and columns dropped
# (a fix may shift a column on a line that vet reports anyway).
vet_lines() { grep -v '^#' "$1" | sed -E 's/^([^:]+):([0-9]+):[0-9]+:/\1:\2:/' | sort -u; }

# module_tests NAME SRC: in the fixed copy (the current directory), run the tests of
# every package a fix edited, here and in the original SRC, and compare.
module_tests() {
  local name=$1 src=$2 t=${TEST_TIMEOUT:-4m}
  local pkgs
  pkgs=$(sed -n 's|^\(.*\)/[^/]*$|./\1|p; /\//!s|^.*$|.|p' .fixcheck-changed | sort -u)
  [[ -n "$pkgs" ]] || return 0
  # Directories that are not packages of this module (testdata, a nested module) are dropped.
  pkgs=$(go list -e -f '{{if not .Error}}{{.ImportPath}}{{end}}' $pkgs 2>/dev/null | sort -u)
  [[ -n "$pkgs" ]] || return 0
  local n; n=$(wc -w <<<"$pkgs")
  # -p 1 keeps timing-sensitive tests as they run in the module's own CI; the
  # outer timeout stops a test binary that ignores -timeout (a hung cgo call).
  (cd "$src" && timeout -k 10s "$(( ${t%m} * 60 + 60 ))s" go test -short -p 1 -timeout "$t" -json $pkgs) >.fixcheck-tests-before 2>&1 || true
  timeout -k 10s "$(( ${t%m} * 60 + 60 ))s" go test -short -p 1 -timeout "$t" -json $pkgs >.fixcheck-tests-after 2>&1 || true
  local npass
  npass=$(grep -c '"Action":"pass","Package":"[^"]*","Test"' .fixcheck-tests-before || true)
  if ! "$BENCH_BIN/testdiff" .fixcheck-tests-before .fixcheck-tests-after >.fixcheck-tests-diff; then
    echo "== $name: tests that passed before the fixes and do not pass after:"; head -40 .fixcheck-tests-diff
    return 1
  fi
  log "$name: tests of the $n fixed package(s): $npass passed before, all still pass"
}

check_one() {
  local name=$1 src="$BENCH/src/$1" dir="$WORK/$1" rc
  if [[ -d "$dir" ]]; then chmod -R u+w "$dir"; rm -rf "$dir"; fi
  cp -r "$src" "$dir"
  cd "$dir"

  rc=0; "$PV" ${PRODVET_FLAGS:-} -json ./... >.fixcheck-json 2>.fixcheck-json.err || rc=$?
  if ! prodvet_ok "$rc" .fixcheck-json.err; then
    echo "== $name: prodvet -json failed (exit $rc)"; tail -30 .fixcheck-json.err; return 1
  fi
  "$BENCH_BIN/vetjson" -root . -fixfiles <.fixcheck-json >.fixcheck-allowed || return 1
  local nfind nfix
  nfind=$("$BENCH_BIN/vetjson" -root . <.fixcheck-json | wc -l)
  nfix=$(wc -l <.fixcheck-allowed)
  if ((nfix == 0)); then
    log "$name: $nfind finding(s), none with a fix: nothing to check"; return 0
  fi

  # The baseline comes from the original (same relative paths; its vet results are cached).
  rc=0; (cd "$src" && go vet ./...) >.fixcheck-vet-before 2>&1 || rc=$?
  log "$name: go vet on the unfixed module: exit $rc"

  hashes >.fixcheck-before
  rc=0; "$PV" ${PRODVET_FLAGS:-} -fix ./... >.fixcheck-fix 2>&1 || rc=$?
  if ! prodvet_ok "$rc" .fixcheck-fix; then
    echo "== $name: prodvet -fix failed (exit $rc)"; tail -30 .fixcheck-fix; return 1
  fi
  hashes >.fixcheck-after
  # Changed, added or removed files.
  diff <(cat .fixcheck-before) <(cat .fixcheck-after) | sed -n 's/^[<>] [0-9a-f]*  \.\///p' | sort -u >.fixcheck-changed || true
  local bad=0
  local unexpected
  unexpected=$(comm -23 .fixcheck-changed .fixcheck-allowed)
  if [[ -n "$unexpected" ]]; then
    echo "== $name: prodvet -fix changed files that no finding's fix edits:"; echo "$unexpected" | sed 's/^/   /'
    bad=1
  fi
  local f
  while read -r f; do
    [[ "$f" == *.go ]] || continue
    if gofmt -l "$src/$f" | grep -q . ; then continue; fi   # was not gofmt-clean before
    if gofmt -l "$f" | grep -q . ; then echo "   warning: $name: $f was gofmt-clean and is not after the fixes"; fi
  done <.fixcheck-changed

  rc=0; go build ./... >.fixcheck-build 2>&1 || rc=$?
  if ((rc != 0)); then
    echo "== $name: go build ./... fails after the fixes:"; head -40 .fixcheck-build; bad=1
  fi
  rc=0; go vet ./... >.fixcheck-vet-after 2>&1 || rc=$?
  local new
  new=$(comm -13 <(vet_lines .fixcheck-vet-before) <(vet_lines .fixcheck-vet-after))
  if [[ -n "$new" ]]; then
    echo "== $name: go vet ./... reports after the fixes what it did not before (exit $rc):"; echo "$new" | head -40; bad=1
  fi

  if [[ "${TESTS:-1}" != 0 ]] && ! module_tests "$name" "$src"; then bad=1; fi

  rc=0; "$PV" ${PRODVET_FLAGS:-} -fix ./... >.fixcheck-fix2 2>&1 || rc=$?
  if ! prodvet_ok "$rc" .fixcheck-fix2; then
    echo "== $name: second prodvet -fix failed (exit $rc)"; tail -30 .fixcheck-fix2; bad=1
  fi
  local again
  again=$(grep -c 'applied fixes to' .fixcheck-fix2 || true)
  log "$name: $nfind finding(s), fixes edit $nfix file(s), -fix changed $(wc -l <.fixcheck-changed);" \
      "build+vet $( ((bad)) && echo FAILED || echo ok);" \
      "second -fix: $(grep -o 'applied fixes to [0-9]* file(s)' .fixcheck-fix2 || echo 'nothing left to fix')"
  if ((again)); then
    # A second round is expected only for fixes skipped as overlapping.
    if ! grep -q 'overlaps another fix' .fixcheck-fix; then
      echo "   warning: $name: a second prodvet -fix changed files again although nothing was skipped: a fix that does not remove its finding?"
    fi
  fi
  git_diff_stat=$(diff -r -q "$src" . 2>/dev/null | grep -v '\.fixcheck-' | wc -l || true)
  log "$name: $git_diff_stat file(s) differ from the original after two rounds"
  return $bad
}

failed=()
while read -r name _; do
  selected "$name" || continue
  log "$name"
  if ! (check_one "$name"); then failed+=("$name"); fi
  [[ "${KEEP:-0}" == 1 ]] || { chmod -R u+w "$WORK/$name"; rm -rf "${WORK:?}/$name"; }
done < <(corpus_modules)
if ((${#failed[@]})); then echo "FAILED: ${failed[*]}"; exit 1; fi
echo "fixcheck: every fix builds and vets, and touches only the files of its findings"

#!/usr/bin/env bash
# findings.sh — run prodvet over the corpus and write every finding, one a line,
# sorted, to a file kept in the repository for diffing between versions:
#
#     module <TAB> file <TAB> line <TAB> analyzer <TAB> message
#
# Usage:   bench/findings.sh                 # every module -> bench/findings.tsv
#          ONLY="grpc zap" bench/findings.sh  # some modules (the file then holds only those)
# Env:     OUT (default bench/findings.tsv), BENCH, MODULES, ONLY (bench/env.sh)
#
# Then `git diff bench/findings.tsv` shows what a change did to the findings;
# every finding must be judged in bench/triage.md. Prints a count per module
# and analyzer, then checks them against the judgements in bench/triage.md
# (bench/cmd/triage; skipped with ONLY, OUT or PRODVET_FLAGS). Fails (exit 1) on a crash, a
# panic, an analyzer error, or any exit status of prodvet other than 0 (clean)
# and 1 (findings); exits 3 if a finding is not judged in bench/triage.md.
set -euo pipefail
export LC_ALL=C
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/env.sh
source "$HERE/env.sh"
OUT="${OUT:-$HERE/findings.tsv}"

if [[ -n "${ONLY:-}" ]]; then "$HERE/setup.sh" $ONLY; else "$HERE/setup.sh"; fi
build_tools

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=()
while read -r name _; do
  selected "$name" || continue
  dir="$BENCH/src/$name"
  printf '[findings %s] %s\n' "$(date +%H:%M:%S)" "$name" >&2
  rc=0
  (cd "$dir" && "$BENCH_BIN/prodvet" ${PRODVET_FLAGS:-} -json ./...) >"$tmp/$name.json" 2>"$tmp/$name.err" || rc=$?
  if ((rc >= 2)) || grep -q 'panic:' "$tmp/$name.err" "$tmp/$name.json"; then
    echo "== $name: prodvet failed (exit $rc):" >&2; tail -40 "$tmp/$name.err" >&2
    failed+=("$name"); continue
  fi
  if ! "$BENCH_BIN/vetjson" -module "$name" -root "$dir" <"$tmp/$name.json" >"$tmp/$name.tsv"; then
    failed+=("$name"); continue
  fi
done < <(corpus_modules)

{
  # The suite that produced these findings, so that a diff shows analyzers joining.
  echo "# prodvet analyzers: $("$BENCH_BIN/prodvet" list | awk '{print $1}' | paste -sd' ' -); flags: ${PRODVET_FLAGS:-none (the default set)}"
  while read -r name _; do
    [[ -f "$tmp/$name.tsv" ]] && cat "$tmp/$name.tsv"
  done < <(corpus_modules)
} >"$OUT"

echo "findings per module and analyzer ($(grep -vc '^#' "$OUT") in all, in $OUT):"
awk -F'\t' '!/^#/ { n[$1 "\t" $4]++ } END { for (k in n) { split(k, p, "\t"); printf "  %-16s %-14s %6d\n", p[1], p[2], n[k] } }' "$OUT" | sort
if ((${#failed[@]})); then echo "FAILED: ${failed[*]}" >&2; exit 1; fi

# Every finding must be judged in bench/triage.md.
if [[ -z "${ONLY:-}" && -z "${PRODVET_FLAGS:-}" && "$OUT" == "$HERE/findings.tsv" ]]; then
  echo
  if ! "$BENCH_BIN/triage" -findings "$OUT" -triage "$HERE/triage.md" -src "$BENCH/src"; then
    echo "findings.sh: some findings are not judged in bench/triage.md (exit 3)" >&2
    exit 3
  fi
fi

#!/usr/bin/env bash
# run.sh — measure prodvet beside go vet, staticcheck and a no-op floor on the
# corpus, interleaved in one session; print Markdown tables of the medians.
#
# Usage:   bench/run.sh                      # every module, 3 runs each
#          RUNS=1 ONLY=cobra bench/run.sh     # a quick check
#          bench/run.sh -tools prodvet,staticcheck -cold=false -analyzers=false
# Env:     RUNS (default 3), ONLY, BENCH, MODULES (see bench/env.sh)
# Other arguments go to bench/cmd/benchrun (bench/run.sh -h lists them).
#
# It runs bench/setup.sh first (idempotent: it only checks what is already
# there), builds prodvet and the bench helpers from this tree into $BENCH/bin,
# and writes $BENCH/results/<date>/{table.md,samples.tsv,analyzers.json,log.txt}.
# Exit status 1 if any run failed (a crash, a panic, an exit status >= 2).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/env.sh
source "$HERE/env.sh"

if [[ -n "${ONLY:-}" ]]; then "$HERE/setup.sh" $ONLY; else "$HERE/setup.sh"; fi
build_tools
exec "$BENCH_BIN/benchrun" -bench "$BENCH" -bin "$BENCH_BIN" -modules "$MODULES" -runs "${RUNS:-3}" "$@"

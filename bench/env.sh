# env.sh — settings shared by the bench/ scripts; sourced, not run.
#
# BENCH                 where the corpus, tools and results live
#                       (default ${XDG_CACHE_HOME:-~/.cache}/prodvet-bench, outside the repository)
# MODULES               the corpus list (default bench/modules.txt)
# ONLY="zap gin"        restrict a script to some modules (or name them as arguments)
# STATICCHECK_VERSION   the staticcheck to compare with (default v0.8.2)
# PRODVET_FLAGS         extra flags for prodvet in findings.sh and fixcheck.sh, e.g.
#                       "-enable all -errcmp.wrapped" to measure opt-in analyzers and rules
#                       (default: none, the default set as users get it)
# BENCH_BIN             where prodvet and the bench helpers are built (default $BENCH/bin;
#                       set it to run findings.sh or fixcheck.sh while run.sh is measuring)

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$BENCH_DIR/.." && pwd)"
BENCH="${BENCH:-${XDG_CACHE_HOME:-$HOME/.cache}/prodvet-bench}"
MODULES="${MODULES:-$BENCH_DIR/modules.txt}"
STATICCHECK_VERSION="${STATICCHECK_VERSION:-v0.8.2}"
BENCH_BIN="${BENCH_BIN:-$BENCH/bin}"
mkdir -p "$BENCH"
export BENCH MODULES
export GOTOOLCHAIN=local
export GOWORK=off          # some module zips ship a go.work; the copies drop it too
export GOFLAGS=-buildvcs=false
export GOPROXY="${GOPROXY:-https://proxy.golang.org,direct}"

# corpus_modules prints "name module@version [opts]" for each module of $MODULES.
corpus_modules() {
  awk '!/^[ \t]*(#|$)/ { print $1, $2, $3 }' "$MODULES"
}

# selected NAME [ARGS...]: whether module NAME is chosen by the script's
# arguments, or else by $ONLY (all modules when neither names any).
selected() {
  local name=$1; shift
  if (($#)); then
    local w; for w in "$@"; do [[ "$w" == "$name" ]] && return 0; done
    return 1
  fi
  [[ -z "${ONLY:-}" || " $ONLY " == *" $name "* ]]
}

# build_tools builds prodvet and the bench helpers from this tree into $BENCH_BIN
# (cheap when nothing changed: the build cache does the work).
build_tools() {
  mkdir -p "$BENCH_BIN"
  (cd "$REPO" && go build -o "$BENCH_BIN/" ./cmd/prodvet ./bench/cmd/...)
}

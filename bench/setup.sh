#!/usr/bin/env bash
# setup.sh — lay out the benchmark corpus (bench/modules.txt) and the tools the
# benchmark compares prodvet with, outside the repository.
#
# Needs only: Go (the version go.mod names), the Go module proxy, gcc (cgo
# packages), coreutils, awk, sed. Idempotent: a module already laid out at the
# same version is skipped, and so is a tool already installed at its version.
#
# Usage:   bench/setup.sh                 # every module in modules.txt, and staticcheck
#          bench/setup.sh grpc zap        # only the named modules (and staticcheck)
# Env:     BENCH       where everything goes (default: ${XDG_CACHE_HOME:-~/.cache}/prodvet-bench)
#          FORCE=1     lay out src/<name> again even if it is already there
#          GOMODCACHE, GOPROXY as usual
#
# Layout:  $BENCH/src/<name>      one writable copy of each module, go.sum complete,
#                                 every dependency in the module cache (works offline)
#          $BENCH/bin/staticcheck  honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION
#          $BENCH/stats/modules.tsv  packages, lines of code, dependencies of each module
#
# For each line "name module@version [opts]" of modules.txt it
#   1. downloads the module zip (go mod download -json module@version),
#   2. copies the extracted Dir to $BENCH/src/<name> (writable),
#   3. drops replace directives that point at local paths (sibling directories
#      of an upstream monorepo, not in the module zip),
#   4. downloads the dependencies that ./... (with tests) imports and completes
#      go.sum, refusing any change to go.mod's requirements (the module must be
#      fully pinned),
#   5. checks that every package, with its tests, loads without errors.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=bench/env.sh
source "$HERE/env.sh"

SRC="$BENCH/src"
STATS="$BENCH/stats"
mkdir -p "$SRC" "$STATS" "$BENCH/bin"

log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

install_staticcheck() {
  local want="staticcheck $STATICCHECK_VERSION"
  if [[ -x "$BENCH/bin/staticcheck" && -f "$BENCH/bin/.staticcheck-version" &&
        "$(cat "$BENCH/bin/.staticcheck-version")" == "$want" ]]; then
    log "staticcheck $STATICCHECK_VERSION: already installed"; return 0
  fi
  log "installing staticcheck $STATICCHECK_VERSION into $BENCH/bin"
  # Outside any module, so the repository's go.mod is not involved.
  (cd "$BENCH" && GOBIN="$BENCH/bin" go install "honnef.co/go/tools/cmd/staticcheck@$STATICCHECK_VERSION")
  echo "$want" > "$BENCH/bin/.staticcheck-version"
}

drop_local_replaces() {
  # go mod edit -print normalises go.mod; replace lines look like
  #   replace old [v] => new [v]      or, inside a block,   old [v] => new [v]
  go mod edit -print | awk '
    /^[ \t]*\/\// { next }
    / => / {
      line=$0; sub(/^[ \t]*replace[ \t]+/, "", line); sub(/^[ \t]+/, "", line)
      split(line, parts, / => /); n=split(parts[1], lhs, /[ \t]+/); split(parts[2], rhs, /[ \t]+/)
      if (rhs[1] ~ /^(\.|\/)/) { if (n>=2 && lhs[2]!="") print lhs[1] "@" lhs[2]; else print lhs[1] }
    }' | while read -r old; do
      log "  dropping local replace $old"
      go mod edit -dropreplace="$old"
    done
}

# requirements F: the modules go.mod file F requires and replaces, one a line, sorted.
requirements() {
  go mod edit -json "$1" | awk '
    /"(Require|Replace)": \[/ { in_list = 1; next }
    in_list && /^\t\]/ { in_list = 0 }
    in_list && /"(Path|Version)"/ { gsub(/[ \t",]/, ""); printf "%s ", $0 }
    in_list && /^\t\t}/ { print "" }' | sort
}

loc_of() { xargs -r cat 2>/dev/null | wc -l; }

setup_one() {
  local name=$1 modver=$2 opts=${3:-}
  local dst="$SRC/$name"
  if [[ "${FORCE:-0}" != 1 && -f "$dst/.corpus-ok" && "$(cat "$dst/.corpus-ok")" == "$modver $opts" ]]; then
    log "$name: already set up at $modver"; return 0
  fi
  log "$name: downloading $modver"
  local dir
  dir=$(cd "$BENCH" && go mod download -json "$modver" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  [[ -n "$dir" && -d "$dir" ]] || { log "$name: download failed"; return 1; }
  if [[ -d "$dst" ]]; then chmod -R u+w "$dst"; rm -rf "$dst"; fi
  cp -r "$dir" "$dst"
  chmod -R u+w "$dst"
  (
    set -e
    cd "$dst"
    cp go.mod .go.mod.orig; cp go.sum .go.sum.orig 2>/dev/null || true
    rm -f go.work go.work.sum
    for o in ${opts//,/ }; do
      case "$o" in
        modfile=*) f=${o#modfile=}; log "  using $f as go.mod"; cp "$f" go.mod; cp "${f%.mod}.sum" go.sum ;;
        "") ;;
        *) log "  unknown option $o"; exit 1 ;;
      esac
    done
    drop_local_replaces
    cp go.mod .go.mod.pinned
    log "$name: downloading the dependencies that ./... and its tests import"
    # Only modules that provide packages in the import graph are fetched: a plain
    # `go mod download` would also fetch every tool dependency and unused SDK.
    go list -mod=mod -e -deps -test ./... >/dev/null || exit 1
    # Compare what is required and replaced, not how go.mod is spelled: the go
    # command normalises the go line and moves "// indirect" comments.
    if [[ "$(requirements go.mod)" != "$(requirements .go.mod.pinned)" ]]; then
      log "$name: go.mod requirements had to change (module not fully pinned):"
      diff .go.mod.pinned go.mod >&2 || true
      exit 1
    fi
    errs=$(go list -e -deps -test -f '{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}' ./... | sort -u)
    if [[ -n "$errs" ]]; then
      log "$name: package load errors:"; printf '%s\n' "$errs" | head -20 >&2
      exit 1
    fi
    npkg=$(go list ./... | wc -l)
    nprod=$(go list -f '{{$d:=.Dir}}{{range .GoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .CgoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}' ./... | loc_of)
    ntest=$(go list -f '{{$d:=.Dir}}{{range .TestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}{{range .XTestGoFiles}}{{$d}}/{{.}}{{"\n"}}{{end}}' ./... | loc_of)
    ndeps=$(go list -deps -test ./... | grep -v -e '\.test$' -e ' \[' | sort -u | wc -l)
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$modver" "$npkg" "$nprod" "$ntest" "$ndeps" > "$STATS/module-$name.tsv"
    echo "$modver $opts" > .corpus-ok
  ) || return 1
  log "$name: ok ($(cut -f3,4,5,6 "$STATS/module-$name.tsv" | tr '\t' ' ') = packages prodLOC testLOC depPackages)"
}

install_staticcheck

fail=0
while read -r name modver opts; do
  selected "$name" "$@" || continue
  setup_one "$name" "$modver" "${opts:-}" || { log "$name: FAILED"; fail=1; }
done < <(corpus_modules)

{
  printf 'name\tversion\tpackages\tgo_loc_nontest\tgo_loc_test\tdep_packages_with_tests\n'
  while read -r name _; do
    [[ -f "$STATS/module-$name.tsv" ]] && cat "$STATS/module-$name.tsv"
  done < <(corpus_modules)
} > "$STATS/modules.tsv"
log "corpus ready in $SRC"
exit $fail

#!/bin/sh
# lint_golden.sh: run `tunnelcast ARGS...` and compare its standard output byte for byte.
# usage: lint_golden.sh BIN EXPECTED EXIT ARGS...   (EXIT: the exit status it must return)
# Run from the source tree (or the tree lint_fixtures.sh builds) so paths in the output are
# relative and stable.
# TC_UPDATE_GOLDEN=1 rewrites EXPECTED instead (review the diff before committing it).
set -u
bin=$1 expected=$2 want=$3
shift 3
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
NO_COLOR=1 "$bin" "$@" >"$out" 2>"$err"
rc=$?
if [ "$rc" -ne "$want" ]; then
  echo "lint_golden.sh: tunnelcast $* exited $rc, expected $want" >&2
  cat "$err" >&2
  exit 1
fi
if [ "${TC_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$out" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! cmp -s "$out" "$expected"; then
  echo "lint_golden.sh: output of tunnelcast $* differs from $expected:" >&2
  diff -u "$expected" "$out" >&2
  exit 1
fi

#!/bin/sh
# golden.sh: run tunnelcast on a sample snapshot and compare the output byte for byte.
# usage: golden.sh BIN MODE SNAPSHOT EXPECTED [EXIT [DOMAIN]]   (MODE: text | json | dot | diags |
#        explain | parse | parse-json | state | state-json | state-diags | drift | drift-json |
#        drift-markdown | drift-sarif; EXIT: the exit status predict (drift: drift) must
#        return, default 0; DOMAIN: for explain; state*: SNAPSHOT is a capture file)
# Run from the source tree so paths in the output are relative and stable.
# TC_UPDATE_GOLDEN=1 rewrites EXPECTED instead (review the diff before committing it).
set -u
bin=$1 mode=$2 snap=$3 expected=$4 want=${5:-0} dom=${6:-1}
out=$(mktemp) err=$(mktemp)
trap 'rm -f "$out" "$err" "$out.dot"' EXIT
case $mode in
  text)  "$bin" predict "$snap" >"$out" 2>"$err"; rc=$? ;;
  json)  "$bin" predict -f json "$snap" >"$out" 2>"$err"; rc=$? ;;
  diags) "$bin" predict "$snap" >/dev/null 2>"$out"; rc=$? ;;
  explain) "$bin" explain -q "$snap" "$dom" >"$out" 2>"$err"; rc=$?; want=0 ;;
  parse) "$bin" parse "$snap" >"$out" 2>"$err"; rc=$? ;;
  parse-json) "$bin" parse -f json "$snap" >"$out" 2>"$err"; rc=$? ;;
  state) "$bin" state -q "$snap" >"$out" 2>"$err"; rc=$? ;;
  state-json) "$bin" state -q -f json "$snap" >"$out" 2>"$err"; rc=$? ;;
  state-diags) "$bin" state "$snap" >/dev/null 2>"$out"; rc=$? ;;
  drift) "$bin" drift -q "$snap" >"$out" 2>"$err"; rc=$? ;;
  drift-*) "$bin" drift -q -f "${mode#drift-}" "$snap" >"$out" 2>"$err"; rc=$? ;;
  dot)   "$bin" diagram -q -o "$out.dot" "$snap" 2>"$err"; rc=$?; cp "$out.dot" "$out" 2>/dev/null ;;
  *) echo "golden.sh: unknown mode $mode" >&2; exit 2 ;;
esac
[ "$mode" = dot ] && want=0
if [ "$rc" -ne "$want" ]; then
  echo "golden.sh: tunnelcast exited $rc on $snap ($mode), expected $want" >&2
  cat "$err" >&2
  exit 1
fi
if [ "${TC_UPDATE_GOLDEN:-}" = 1 ]; then
  cp "$out" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! cmp -s "$out" "$expected"; then
  echo "golden.sh: $mode output of $snap differs from $expected:" >&2
  diff -u "$expected" "$out" >&2
  exit 1
fi

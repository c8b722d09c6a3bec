#!/bin/sh
# reasons_doc.sh: the reason codes of trace events are listed the same, in the same order, by the
# predictor's table (tc_reason_info_get(): `[TC_REASON_X] = {"code", "meaning"}` entries of
# eventlog.c), docs/predictor.md's "Reason codes" table and the schema's "reason" enum.
# usage: reasons_doc.sh EVENTLOG_C PREDICTOR_MD SCHEMA   (run from the source tree)
set -u
src=$1 doc=$2 schema=$3
. "$(dirname "$0")/lib.sh"
# the C table: entries may wrap after "=" (clang-format)
tr '\n' ' ' <"$src" | grep -o '\[TC_REASON_[A-Z0-9_]*\][[:space:]]*=[[:space:]]*{[[:space:]]*"[a-z0-9-]*"' |
  sed 's/.*"\([a-z0-9-]*\)"$/\1/' >"$tmp/code"
sed -n '/^## Reason codes/,/^## /p' "$doc" | sed -n 's/^| `\([a-z0-9-]*\)` |.*/\1/p' >"$tmp/doc"
tr '\n' ' ' <"$schema" | grep -o '"reason": *{[^}]*}' | head -n 1 | grep -o '"enum": *\[[^]]*\]' |
  grep -o '"[a-z0-9-]*"' | grep -v '"enum"' | tr -d '"' >"$tmp/schema"
[ -s "$tmp/code" ] || { echo "FAIL: no reason code in $src" >&2; exit 1; }
same "$tmp/code" "$tmp/doc" "the reason codes of $doc are not those of $src"
same "$tmp/code" "$tmp/schema" "the reason codes of $schema are not those of $src"
[ "$fails" -eq 0 ] && echo "reasons_doc.sh: $(wc -l <"$tmp/code") reason codes, the same in $doc and $schema"
[ "$fails" -eq 0 ]

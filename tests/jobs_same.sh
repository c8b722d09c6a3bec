#!/bin/sh
# jobs_same.sh: -j 1, -j 2 and -j 3 give the same bytes on a snapshot whose traces are long: 60
# overlapping crypto ACL lines (bench/pieces.py overlap 60, 120 domains), where the predictor's
# event log spans several chunks and a flow's records can cross a chunk boundary (-j 2 used to
# read such a flow as two, listing other flows than -j 1).
# usage: jobs_same.sh BIN   (run from the source tree; needs /usr/bin/python3 or python3)
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
"$py" bench/pieces.py overlap 60 "$tmp/s" >/dev/null || { echo "FAIL: bench/pieces.py" >&2; exit 1; }
fails=0
for j in 1 2 3; do
  "$bin" predict -q -v --exit-zero -j $j "$tmp/s" >"$tmp/text.$j" || fails=$((fails + 1))
  "$bin" predict -q -f json --exit-zero -j $j "$tmp/s" >"$tmp/json.$j" || fails=$((fails + 1))
done
grep -q '120 domains' "$tmp/text.1" || { echo "FAIL: the snapshot is not the 120-domain one" >&2; fails=$((fails + 1)); }
for j in 2 3; do
  for f in text json; do
    cmp -s "$tmp/$f.1" "$tmp/$f.$j" || { echo "FAIL: predict $f differs between -j 1 and -j $j" >&2; fails=$((fails + 1)); }
  done
done
[ "$fails" -eq 0 ] && echo "jobs_same: ok"
exit "$fails"

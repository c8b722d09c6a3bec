#!/bin/sh
# schema.sh: every JSON document tunnelcast writes, on every snapshot given, is valid against
# docs/tunnelcast.schema.json (JSON Schema 2020-12, Debian's python3-jsonschema).
# usage: schema.sh BIN SCHEMA ROUTES_DATA STATE_DATA SNAPSHOT...
#   per snapshot: predict -f json, predict -f json --failures single, lint -f json, parse -f json,
#   routes -f json, routes --compare -f json, drift -f json; once: diff -f json of the first
#   two snapshots and of the first against each lint fixture's oscillate case and
#   drift-before when given, routes FILE -f json on every capture under ROUTES_DATA/routes,
#   and the routes documents of ROUTES_DATA itself; state FILE -f json on every capture
#   under STATE_DATA (state_capture).
# Exits 77 (skipped) when /usr/bin/python3 (or $TC_PYTHON) has no jsonschema, except with TC_CI=1 (.ci/run sets
# it): CI must validate, so there a missing validator fails.
set -u
bin=$1 schema=$2 rdata=$3 sdata=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
py=${TC_PYTHON:-/usr/bin/python3} # Debian's python3-jsonschema is for this one
if ! "$py" -c 'import jsonschema' 2>/dev/null; then
  if [ "${TC_CI:-}" = 1 ]; then
    echo "FAIL: schema.sh: $py has no jsonschema (apt-get install python3-jsonschema; scripts/bootstrap does)" >&2
    exit 1
  fi
  echo "schema.sh: $py has no jsonschema; skipping JSON Schema validation" >&2
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0 n=0
# run KIND OK_RCS ARGS...: write tunnelcast's output to $tmp/KIND.N.json; an exit status outside
# OK_RCS (a space-separated list) fails
run() {
  kind=$1 ok=$2
  shift 2
  n=$((n + 1))
  "$bin" "$@" >"$tmp/$kind.$n.json" 2>"$tmp/err"
  rc=$?
  case " $ok " in
  *" $rc "*) ;;
  *)
    echo "FAIL: tunnelcast $* exited $rc:" >&2
    cat "$tmp/err" >&2
    fails=$((fails + 1))
    rm -f "$tmp/$kind.$n.json"
    ;;
  esac
}
for snap in "$@"; do
  run predict "0 1" predict -q -f json "$snap"
  run predict "0 1" predict -q -f json --failures single "$snap"
  run lint "0 1" lint -q -f json "$snap"
  run parse "0" parse -q -f json "$snap"
  run routes_snapshot "0" routes -q -f json "$snap"
  run routes_compare "0 1" routes -q --compare -f json "$snap"
  run drift "0 1" drift -q -f json "$snap"
done
[ $# -ge 2 ] && run diff "0 1" diff -q -f json "$1" "$2"
for snap in "$@"; do
  case $snap in */oscillate | */drift-before) run diff "0 1" diff -q -f json "$1" "$snap" ;; esac
done
for f in "$rdata"/routes/*.txt; do
  run routes "0" routes -q -f json "$f"
done
for f in "$sdata"/*.txt; do
  run state_capture "0" state -q -f json "$f"
done
run routes_snapshot "0" routes -q -f json "$rdata"
run routes_compare "0 1" routes -q --compare -f json "$rdata"
for kind in predict lint parse diff routes routes_snapshot routes_compare state_capture drift; do
  set -- "$tmp/$kind".*.json
  if [ ! -e "$1" ]; then
    echo "FAIL: no $kind document was written" >&2
    fails=$((fails + 1))
    continue
  fi
  "$py" "$here/schema_validate.py" "$schema" "$kind" "$@" || fails=$((fails + 1))
done
[ "$fails" -eq 0 ] && echo "schema.sh: $n JSON documents valid against $schema"
[ "$fails" -eq 0 ]

#!/bin/sh
# tcgen.sh: the benchmark generator writes a correct snapshot (not a timing test).
# usage: tcgen.sh TCGEN TUNNELCAST
# A small snapshot of both dialects, three peers per entry, asymmetric returns and overlapping
# lines must parse with zero diagnostics, have the domain count tcgen announces, be the same
# bytes when written twice, and predict stable except where tcgen made the return asymmetric:
# split returns oscillate, nothing is one-way or down.
set -u
gen=$1 bin=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "tcgen.sh: $*" >&2; exit 1; }

args="--seed 3 --devices 40 --hubs 2 --entries 24 --peers 3 --acl-lines 4 --routes 500 --asym 0.3 --overlap 0.2 --asa 0.5 --capture all"
# shellcheck disable=SC2086
"$gen" snapshot -o "$dir/a" $args 2>/dev/null || fail "tcgen snapshot failed"
# shellcheck disable=SC2086
"$gen" snapshot -o "$dir/b" $args 2>/dev/null || fail "tcgen snapshot failed (second run)"
diff -r "$dir/a" "$dir/b" >/dev/null || fail "the same arguments wrote different snapshots"

"$bin" predict -f json -q --exit-zero "$dir/a" >"$dir/out.json" || fail "predict failed"
field() { sed -n "s/^    \"$1\": \([0-9]*\),*$/\1/p" "$dir/out.json" | head -n 1; }
want_domains=$(sed -n 's/^- domains .*: \([0-9]*\)$/\1/p' "$dir/a/README.md")
moved=$(sed -n 's/.* \([0-9]*\) moved to a backup gateway, \([0-9]*\) split.*/\1/p' "$dir/a/README.md")
split=$(sed -n 's/.* \([0-9]*\) moved to a backup gateway, \([0-9]*\) split.*/\2/p' "$dir/a/README.md")
[ "$(field devices)" = 40 ] || fail "expected 40 devices, got $(field devices)"
[ "$(field domains)" = "$want_domains" ] || fail "expected $want_domains domains, got $(field domains)"
[ "$(field unknown_lines)" = 0 ] || fail "$(field unknown_lines) unknown lines"
[ "$(field diagnostics)" = 0 ] || fail "$(field diagnostics) diagnostics"
[ "$(field one_way)" = 0 ] || fail "$(field one_way) one-way domains"
[ "$(field down)" = 0 ] || fail "$(field down) domains down"
[ "$moved" -gt 0 ] && [ "$split" -gt 0 ] || fail "the seed should give moved and split returns ($moved, $split)"
[ "$(field oscillating)" -gt 0 ] || fail "split returns but no oscillating domain"
[ "$(field stable)" -gt "$(field oscillating)" ] || fail "mostly stable expected"
# an ASA and an IOS hub, both with a routing-table capture that replaced their routes
grep -q '^ASA Version' "$dir/a/configs/HUB1.cfg" || fail "HUB1 should be an ASA"
grep -q '^version 15' "$dir/a/configs/HUB2.cfg" || fail "HUB2 should be IOS"
[ -s "$dir/a/routes/HUB2.txt" ] || fail "no capture for HUB2"

# the big config and capture modes parse without unknown lines
"$gen" config -o "$dir/c.cfg" --mb 0.2 2>/dev/null || fail "tcgen config failed"
"$gen" config -o "$dir/a.cfg" --mb 0.2 --dialect asa 2>/dev/null || fail "tcgen config asa failed"
mkdir "$dir/one" && cp "$dir/c.cfg" "$dir/a.cfg" "$dir/one/"
"$bin" predict -q --exit-zero -f json "$dir/one" >"$dir/out.json" || fail "predict on the big configs failed"
[ "$(field unknown_lines)" = 0 ] || fail "config mode: $(field unknown_lines) unknown lines"
[ "$(field diagnostics)" = 0 ] || fail "config mode: $(field diagnostics) diagnostics"
# the many-interfaces shape: every route resolves, no diagnostics
"$gen" config -o "$dir/i.cfg" --ifaces 300 --static-routes 3000 --dialect asa 2>/dev/null || fail "tcgen config --ifaces failed"
"$gen" config -o "$dir/j.cfg" --ifaces 300 --static-routes 3000 2>/dev/null || fail "tcgen config --ifaces (ios) failed"
rm -f "$dir"/one/* && cp "$dir/i.cfg" "$dir/j.cfg" "$dir/one/"
"$bin" predict -q --exit-zero -f json "$dir/one" >"$dir/out.json" || fail "predict on the --ifaces configs failed"
[ "$(field unknown_lines)" = 0 ] || fail "--ifaces: $(field unknown_lines) unknown lines"
[ "$(field diagnostics)" = 0 ] || fail "--ifaces: $(field diagnostics) diagnostics"
[ "$("$bin" parse -q "$dir/i.cfg" | grep -c '^    static ')" = 3001 ] || fail "--ifaces: routes missing"
"$gen" routes -o "$dir/r.txt" --routes 2000 2>/dev/null || fail "tcgen routes failed"
"$bin" routes -q "$dir/r.txt" >"$dir/r.out" 2>"$dir/r.err" || fail "routes failed: $(cat "$dir/r.err")"
[ ! -s "$dir/r.err" ] || fail "route capture diagnostics: $(head -n 3 "$dir/r.err")"
exit 0

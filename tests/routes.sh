#!/bin/sh
# routes.sh: `tunnelcast routes SNAPSHOT`: the routing tables as `show ip route` / `show route`
# print them, JSON, --device, --vrf, --compare and its exit status, and the errors. Outputs are
# compared byte for byte with tests/golden/routes/ (TC_UPDATE_GOLDEN=1 rewrites them: check every
# line by hand before committing). Run from the source tree, so that paths stay relative.
set -u
bin=$1
. "$(dirname "$0")/lib.sh"
g=tests/golden/routes
snap=tests/data/routes

golden() { # golden NAME CODE -- command...: exit CODE, standard output as $g/NAME
  name=$1 code=$2
  shift 3
  expect "$code" "$name" -- "$@"
  if [ "${TC_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/out" "$g/$name" && echo "updated $g/$name"
  elif ! cmp -s "$tmp/out" "$g/$name"; then
    fail "$name: output differs from $g/$name"
    diff -u "$g/$name" "$tmp/out" >&2
  fi
}

# The tables: an ASA and IOS routers with static routes; VRF, secondary, /31, floating and
# equal-cost statics, a capture in place of a config's routes; JSON; one device, one VRF.
golden lab-a.text 0 -- "$bin" routes -q samples/lab-a
golden data.text 0 -- "$bin" routes -q "$snap"
golden data.json 0 -- "$bin" routes -q -f json "$snap"
golden data-hq-mgmt.text 0 -- "$bin" routes -q --device HQ --vrf MGMT "$snap"
# Computed routes of the routing samples, each line checked against the tables their READMEs
# work out by hand (OSPF costs, EIGRP composite metrics, BGP [20/0] and [200/0]).
for s in ospf-hub eigrp-hub bgp-isp rri-ospf svti-pair; do
  golden "$s.text" 0 -- "$bin" routes -q "samples/$s"
done
golden bgp-isp.json 0 -- "$bin" routes -q -f json samples/bgp-isp
# --compare: BR's capture differs from its config on three prefixes: exit 1.
golden data-compare.text 1 -- "$bin" routes -q --compare "$snap"
golden data-compare.json 1 -- "$bin" routes -q --compare -f json "$snap"
expect 0 "--compare --exit-zero" -- "$bin" routes -q --compare --exit-zero "$snap"
expect 0 "--compare of a device without capture" -- "$bin" routes -q --compare --device HQ "$snap"
has out "^HQ: no capture (routes/<hostname>.txt), nothing to compare$" "a device without capture is said once"
expect 0 "--compare of a snapshot without captures" -- "$bin" routes -q --compare samples/lab-a
has out "^ASA, R2, R3, R4, R5, R6: no capture" "every device without capture is named on one line"

# Help and errors: unknown device or VRF is a usage error naming it; snapshot options with a
# capture file; missing and empty snapshots; an output that cannot be written.
expect 0 "routes --help" -- "$bin" routes --help
has out "--compare" "--help lists --compare"
has out "no age column" "--help says there is no age column"
has out "1 --compare found" "--help gives the exit status of --compare"
expect 2 "unknown --device" -- "$bin" routes -q --device NOPE "$snap"
has err "no device named 'NOPE'" "the unknown device is named"
expect 2 "unknown --vrf" -- "$bin" routes -q --vrf BLUE "$snap"
has err "no VRF named 'BLUE'" "the unknown VRF is named"
expect 2 "--vrf of another device" -- "$bin" routes -q --device FW --vrf MGMT "$snap"
has err "no VRF named 'MGMT' on FW" "the device without that VRF is named"
expect 2 "--device with a capture file" -- "$bin" routes --device BR "$snap/routes/BR.txt"
has err "needs a SNAPSHOT directory" "snapshot options need a directory"
expect 0 "a capture file still parses" -- "$bin" routes "$snap/routes/BR.txt"
has out "^7 routes, 7 paths" "routes FILE prints the capture's table"
expect 3 "missing snapshot" -- "$bin" routes "$tmp/nowhere"
has err "nowhere" "the missing path is named"
mkdir "$tmp/empty"
expect 3 "snapshot without configs" -- "$bin" routes "$tmp/empty"
expect 4 "unwritable output" -- "$bin" routes -q -o "$tmp/no/dir/out.txt" "$snap"
expect 0 "diagnostics on standard error" -- "$bin" routes "$snap"
cmp -s "$tmp/out" "$g/data.text" || fail "diagnostics changed standard output"

[ "$fails" -eq 0 ] || { echo "routes.sh: $fails failure(s)" >&2; exit 1; }

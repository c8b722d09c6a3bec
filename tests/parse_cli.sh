#!/bin/sh
# parse_cli.sh: the contract of `tunnelcast parse` and `tunnelcast routes`: help, formats,
# exit codes, line statistics, and no pre-shared key in any output.
set -u
bin=$1
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/lib.sh"

expect 0 "help parse" -- "$bin" help parse
has out "usage: tunnelcast parse" "help parse"
expect 0 "routes --help" -- "$bin" routes --help
has out "nexthops" "routes --help describes the JSON"
expect 0 "--help lists them" -- "$bin" --help
has out "parse SNAPSHOT" "--help lists parse"
has out "routes FILE" "--help lists routes"
expect 2 "parse bad format" -- "$bin" parse -f yaml samples/lab-a
expect 2 "parse without snapshot" -- "$bin" parse
expect 3 "parse missing snapshot" -- "$bin" parse /nonexistent/snapshot
expect 3 "routes missing file" -- "$bin" routes /nonexistent/capture.txt
expect 4 "parse unwritable output" -- "$bin" parse -q -o /nonexistent/dir/out samples/lab-a

# a snapshot, as text: per file and overall statistics
expect 0 "parse lab-b" -- "$bin" parse samples/lab-b
has out "^ASA (asa) samples/lab-b/configs/asa.cfg" "parse names each device"
# (the totals count lab-b's state/ASA.txt capture too: 98 lines, 26 modelled)
has out "^  all files: 331 lines: 146 modelled (44.1%), 185 recognised but not modelled, 0 unknown, 0 malformed$" \
  "parse counts skipped lines apart from modelled ones"
has out "^    crypto, routing, ACL, NAT and interface: 233 lines: 140 modelled (60.1%), 93 recognised but" \
  "parse counts the relevant lines alike"
has out "crypto map OUTSIDE_MAP on outside:" "parse shows the crypto maps"
has out "^  all files:" "parse totals the files"

# one config file with keys of every kind: never printed
cat >"$tmp/r1.cfg" <<'CFG'
hostname R1
crypto isakmp key Zq9-isakmp-key address 1.1.1.1
crypto keyring KR
 pre-shared-key address 2.2.2.2 key Zq9-keyring-key
crypto ikev2 keyring K2
 peer P
  address 3.3.3.3
  pre-shared-key local Zq9-local-key
  pre-shared-key remote Zq9-remote-key
enable secret 5 Zq9-enable
snmp-server community Zq9-community RO
frobnicate Zq9-unknown-line key Zq9-in-unknown
CFG
for f in text json; do
  expect 0 "parse -f $f one file" -- "$bin" parse -f "$f" "$tmp/r1.cfg"
  hasnt out "Zq9" "parse -f $f prints no key"
  for k in isakmp-key keyring-key local-key remote-key enable community in-unknown; do
    hasnt err "Zq9-$k" "parse -f $f diagnostics print no $k"
  done
  has out "<secret>" "parse -f $f marks the keys"
done
has out '"unknown": 1' "parse -f json counts the unknown line"
has err "r1.cfg:12:1: warning: unknown command" "the unknown line is a diagnostic with file:line"

# routes: JSON with ECMP paths merged and null where the capture has nothing
cat >"$tmp/rt.txt" <<'CAP'
Gateway of last resort is 5.100.26.4 to network 0.0.0.0

S*    0.0.0.0/0 [1/0] via 5.100.26.4
                [1/0] via 5.100.26.5
      10.0.0.0/8 is variably subnetted, 2 subnets, 2 masks
C        10.0.1.0/24 is directly connected, GigabitEthernet0/0
CAP
expect 0 "routes json" -- "$bin" routes -f json "$tmp/rt.txt"
has out '"prefix": "0.0.0.0/0"' "routes json prefix"
has out '"ip": "5.100.26.5"' "routes json keeps the second path"
has out '"distance": null' "routes json: null distance for a connected route"
expect 0 "routes text" -- "$bin" routes "$tmp/rt.txt"
has out "^2 routes, 3 paths; 5 lines, 5 understood" "routes text counts routes, paths and lines"

if [ "$fails" -ne 0 ]; then
  echo "$fails parse/routes CLI checks failed" >&2
  exit 1
fi
echo "parse/routes CLI checks passed"

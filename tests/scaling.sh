#!/bin/sh
# scaling.sh: one hostile input shape of issue #20 at ten times the size that once stalled CI,
# generated here (never committed), run under a memory cap and a generous time limit. Not a
# timed test: linear code passes with minutes to spare, the quadratic code it replaced did not
# finish. Usage: scaling.sh TUNNELCAST SHAPE (the release build: ASan reserves address space
# `ulimit -v` would refuse).
set -eu
bin=$1
shape=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/s" "$tmp/s/configs"
cfg=$tmp/s/configs/r1.cfg
limit_kb=${TC_SCALING_VMEM_KB:-2000000} # 2 GB of address space
secs=${TC_SCALING_SECS:-120}

fail() {
	echo "scaling $shape: $*" >&2
	exit 1
}
# run ARGS...: tunnelcast under the caps; its stderr in $tmp/err
run() {
	(ulimit -v "$limit_kb" && exec timeout "$secs" "$bin" "$@") >"$tmp/out" 2>"$tmp/err" ||
		fail "tunnelcast $* failed (status $?); stderr: $(head -c 600 "$tmp/err")"
}
ios_head='hostname r1
interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
 crypto map M
access-list 101 permit ip 10.0.0.0 0.0.0.255 10.1.0.0 0.0.0.255
crypto ipsec transform-set T esp-aes esp-sha-hmac'

case $shape in
names) # 2 M ASA `name` lines (issue: 200 k took 80 s, a list scan per line)
	awk 'BEGIN { print "ASA Version 9.8(1)\nhostname fw"
		for (i = 0; i < 2000000; i++)
			printf "name 10.%d.%d.%d host%d\n", int(i / 65536) % 256, int(i / 256) % 256, i % 256, i }' >"$cfg"
	run parse -q "$tmp/s" ;;
local-address) # 500 k maps with `crypto map M local-address IF` (issue: 50 k > 120 s)
	awk -v head="$ios_head" 'BEGIN { print head
		for (i = 0; i < 500000; i++)
			printf "crypto map M%d 10 ipsec-isakmp\n set peer 192.0.2.2\n set transform-set T\n match address 101\ncrypto map M%d local-address GigabitEthernet0/0\n", i, i }' >"$cfg"
	run parse -q "$tmp/s" ;;
dynamic-map) # 500 k dynamic maps, each used by an entry (issue: 50 k took 22 s)
	awk -v head="$ios_head" 'BEGIN { print head
		for (i = 1; i <= 500000; i++)
			printf "crypto dynamic-map D%d 10\n set transform-set T\ncrypto map M %d ipsec-isakmp dynamic D%d\n", i, i % 65535 + 1, i }' >"$cfg"
	run parse -q "$tmp/s" ;;
transform-sets) # 500 k transform sets (issue: 50 k took 12 s)
	awk -v head="$ios_head" 'BEGIN { print head
		for (i = 0; i < 500000; i++)
			printf "crypto ipsec transform-set T%d esp-aes esp-sha-hmac\n", i }' >"$cfg"
	run parse -q "$tmp/s" ;;
fib-interfaces) # 50 000 interfaces and 1 M static routes naming them (a name scan per route)
	awk 'BEGIN { print "hostname r1"
		for (i = 0; i < 50000; i++)
			printf "interface GigabitEthernet0/%d\n ip address 10.%d.%d.1 255.255.255.0\n", i, int(i / 256) % 256, i % 256
		for (r = 0; r < 1000000; r++) {
			i = r % 50000
			printf "ip route 172.%d.%d.%d 255.255.255.255 gigabitethernet0/%d 10.%d.%d.2\n", int(r / 65536) % 256, int(r / 256) % 256, r % 256, i, int(i / 256) % 256, i % 256 } }' >"$cfg"
	run parse -q "$tmp/s" ;;
diagram-devices) # 200 k one-interface devices in a diagram (issue: 100 k took 52 s, a name scan
	# per node; ten times as many would take minutes to write as files)
	rm "$tmp/s/configs" -r && mkdir "$tmp/s/configs"
	awk -v d="$tmp/s/configs" 'BEGIN { for (i = 0; i < 200000; i++) {
		f = sprintf("%s/r%d.cfg", d, i)
		printf "hostname r%d\ninterface GigabitEthernet0/0\n ip address 10.%d.%d.1 255.255.255.0\n", i, int(i / 256) % 256, i % 256 > f
		close(f) } }'
	run diagram -q -f dot --max-nodes all -o "$tmp/d.dot" "$tmp/s"
	[ "$(grep -c '^[[:space:]]*"\{0,1\}r[0-9]' "$tmp/d.dot")" -ge 200000 ] || fail "devices missing from the diagram"
	run diagram -f dot -o "$tmp/d.dot" "$tmp/s" # folded (over --max-nodes 100), and it says so
	[ "$(grep -c '^[[:space:]]*"\{0,1\}r[0-9]' "$tmp/d.dot")" -le 100 ] || fail "the default diagram is not folded"
	grep -q "fold" "$tmp/err" || fail "no note on standard error that the diagram was folded" ;;
diagnostics) # 10 M unknown lines (issue: 10 MB of junk kept 844 MB of diagnostics, with -q too)
	awk 'BEGIN { print "hostname r1"; for (i = 0; i < 10000000; i++) print "zz" }' >"$cfg"
	limit_kb=600000 # the capped diagnostics fit in a few MB; stored, they took gigabytes
	run parse "$tmp/s"
	[ "$(grep -c '\[unknown-line\]$' "$tmp/err")" -eq 20 ] || fail "not 20 unknown-line diagnostics shown"
	grep -q "^tunnelcast: \.\.\. and 9999980 more unknown-line warnings in $cfg " "$tmp/err" ||
		fail "no summary line: $(tail -n 2 "$tmp/err")"
	run parse -q -f json "$tmp/s"
	grep -q '"suppressed": 9999980' "$tmp/out" || fail "JSON lacks the suppressed count"
	run parse -q --max-diagnostics 3 "$tmp/s" ;;
long-hostname) # a 1 MB hostname in step captions and labels (issue: 256 KB took 40 s, 1.8 GB)
	src=$(dirname "$0")/../samples/lab-a/configs
	cp "$src"/* "$tmp/s/configs/"
	awk '/^hostname / { printf "hostname "; for (i = 0; i < 1048576; i += 16) printf "aaaaaaaaaaaaaaaa"; print ""; next } { print }' \
		"$src/asa.cfg" >"$tmp/s/configs/asa.cfg"
	run diagram -q --domain 1 --steps --max-steps 3 -f dot -o "$tmp/x.dot" "$tmp/s"
	[ -f "$tmp/x-3.dot" ] && [ ! -f "$tmp/x-4.dot" ] || fail "not exactly 3 step pictures"
	grep -q 'trace has [0-9]* steps: drew the first 3' "$tmp/err" || fail "the cap is not said"
	grep -q '<B>a\{64\}…</B>' "$tmp/x-1.dot" || fail "hostname not cut to 64 bytes in its label" ;;
*)
	fail "unknown shape" ;;
esac
echo "scaling $shape: ok"

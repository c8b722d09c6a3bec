#!/bin/sh
# secrets.sh: a snapshot whose every secret-bearing command carries a unique secret (well-formed
# and malformed lines alike, so that both the model and the diagnostics paths see them; keywords
# abbreviated as the CLI accepts them, sub-mode lines that lost their indentation, routes/
# captures that quote them), run through every command and output format; no output may hold
# any part of any secret. Secrets equal to a keyword are checked by their masked quotes.
# Every secret contains "S3cr3t"; the grep looks for "3cr3t" (any case) so that a secret cut
# short or escaped (JSON, XML) is still caught. PNG pixels cannot be grepped: the PNG's text
# metadata is, and its pixels draw the same labels as the SVG and DOT, which are.
# usage: secrets.sh BIN   (run from the source tree)
set -u
bin=$1
fails=0
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
snap=$tmp/snap
mkdir -p "$snap/configs" "$tmp/out"

# lab-a with its pre-shared key made a secret too (both ends agree: the match path runs)
for f in samples/lab-a/configs/*.cfg; do
  sed -e 's/LabKey-2012/S3cr3t-PSK-lab/' -e '/^end$/d' -e '/^: end$/d' "$f" >"$snap/configs/${f##*/}"
done

cat >>"$snap/configs/r2.cfg" <<'EOF'
enable secret 5 $1$S3cr3t-01$abcdefghijklmnopqrstuv
enable password S3cr3t-02
enable secret level 7 S3cr3t-03
username admin privilege 15 secret 5 S3cr3t-04
username bob password 7 S3cr3t-05
username carol password S3cr3t-06
username dave privilege 15 algorithm-type scrypt secret S3cr3t-44
crypto isakmp key S3cr3t-07 address 198.51.100.7
crypto isakmp key 6 S3cr3t-08 address 0.0.0.0 0.0.0.0
crypto isakmp key S3cr3t-09 hostname peer.example.net
crypto keyring KR
 pre-shared-key address 198.51.100.8 key S3cr3t-10
 pre-shared-key hostname h.example.net key 6 S3cr3t-11
crypto ikev2 keyring KR2
 peer P1
  address 198.51.100.9
  pre-shared-key local S3cr3t-12
  pre-shared-key remote S3cr3t-13
 peer P2
  address 198.51.100.10
  pre-shared-key S3cr3t-14
snmp-server community S3cr3t-15 RO
snmp-server community S3cr3t-16 RW 10
snmp-server host 198.51.100.11 version 2c S3cr3t-17
snmp-server user u1 g1 v3 auth sha S3cr3t-18 priv aes 128 S3cr3t-19
tacacs-server host 198.51.100.12 key S3cr3t-20
tacacs server T1
 address ipv4 198.51.100.13
 key 7 S3cr3t-21
radius-server host 198.51.100.14 auth-port 1645 acct-port 1646 key S3cr3t-22
radius server R1
 address ipv4 198.51.100.15 auth-port 1812 acct-port 1813
 key S3cr3t-23
radius-server key S3cr3t-24
key chain KC
 key 1
  key-string S3cr3t-25
interface Loopback99
 ip address 198.51.100.99 255.255.255.255
 ip ospf authentication-key S3cr3t-26
 ip ospf message-digest-key 1 md5 S3cr3t-27
ntp authentication-key 1 md5 S3cr3t-28
router bgp 65001
 neighbor 198.51.100.16 password S3cr3t-29
crypto isakmp key S3cr3t-32
crypto isakmp key S3cr3t-33 address 999.1.1.1
crypto isakmp key S3cr3t-34 address
crypto isakmp key S3cr3t-39 address 198.51.100.17 trailing S3cr3t-40 junk
snmp-server community S3cr3t-36 BOGUSWORD extra
tacacs-server host 999.1.1.1 key S3cr3t-37
crypto keyring KR3
 pre-shared-key address 300.1.1.1 key S3cr3t-38
 pre-shared-key address 198.51.100.18 key
frobnicate key S3cr3t-41 password S3cr3t-45
crypto isakmp key S3cr3t-42é address 198.51.100.19
username quote secret 0 S3cr3t-43"<&>'
enable pass S3cr3t-100
username erin pass S3cr3t-101
cry isa ke S3cr3t-102 address 198.51.100.30
snmp-server comm S3cr3t-103 RO
crypto map MANUAL 10 ipsec-manual
 set session-key inbound esp 300 cipher S3cr3t-104 authenticator S3cr3t-105
 set session-key outbound ah 301 S3cr3t-106
crypto key import rsa K1 terminal S3cr3t-107
crypto key import rsa K2 pem url tftp://198.51.100.31/k passphrase S3cr3t-108
interface Loopback98
 standby 1 authentication S3cr3t-109
 standby 2 authentication md5 key-string 7 S3cr3t-110 timeout 30
 vrrp 3 authentication text S3cr3t-111
 vrrp 4 authentication md5 key-string S3cr3t-112
 ip nhrp authentication S3cr3t-113
 ipv6 ospf authentication ipsec spi 500 md5 S3cr3t-114
 ipv6 ospf encryption ipsec spi 501 esp aes-cbc 128 S3cr3t-115 sha1 S3cr3t-116
 isis password S3cr3t-117
router isis
 area-password S3cr3t-118
 domain-password S3cr3t-119 authenticate snp validate
end
EOF

cat >>"$snap/configs/asa.cfg" <<'EOF'
enable password S3cr3t-50 encrypted
enable password S3cr3t-51 level 15
passwd S3cr3t-52 encrypted
username admin password S3cr3t-53 privilege 15
username u2 password S3cr3t-54 encrypted privilege 15
tunnel-group 198.51.100.20 type ipsec-l2l
tunnel-group 198.51.100.20 ipsec-attributes
 ikev2 remote-authentication pre-shared-key S3cr3t-55
 ikev2 local-authentication pre-shared-key S3cr3t-56
tunnel-group 198.51.100.21 type ipsec-l2l
tunnel-group 198.51.100.21 ipsec-attributes
 ikev1 pre-shared-key S3cr3t-57
 ikev2 remote-authentication pre-shared-key 8 S3cr3t-58
snmp-server host inside 198.51.100.22 community S3cr3t-59 version 2c
snmp-server community S3cr3t-60
aaa-server TAC protocol tacacs+
aaa-server TAC (inside) host 10.26.15.31
 key S3cr3t-61
aaa-server RAD protocol radius
aaa-server RAD (inside) host 10.26.15.32
 key S3cr3t-62
 ldap-login-password S3cr3t-64
failover key S3cr3t-63
tunnel-group 999.1.1.1 ipsec-attributes
 ikev1 pre-shared-key S3cr3t-65
tunnel-group 198.51.100.23 ipsec-attributes
 ikev1 pre-shared-key
 ikev1 pre-shared-key S3cr3t-66 extra junk S3cr3t-67
 ikev2 remote-authentication pre-shared-key
 frobnicate pre-shared-key S3cr3t-68
crypto map OUTSIDE_MAP 20 set peer 198.51.100.20
crypto map OUTSIDE_MAP 20 match address NO-SUCH-ACL
username frank pass S3cr3t-120
tunnel-group 198.51.100.24 type ipsec-l2l
tunnel-group 198.51.100.24 ipsec-attributes
 ikev1 pre-shar S3cr3t-121
aaa-server RAD2 protocol radius
aaa-server RAD2 (inside) host 10.26.15.33 S3cr3t-122 timeout 5
 radius-common-pw S3cr3t-123
: end
EOF

# A state capture of R2 with config lines pasted into it: every one a diagnostic, masked.
mkdir -p "$snap/state"
cat >"$snap/state/R2.txt" <<'EOF'
R2#show crypto isakmp sa
dst             src             state          conn-id status
5.100.42.4      5.100.42.2      QM_IDLE           1001 ACTIVE
crypto isakmp key S3cr3t-90 address 198.51.100.90
 pre-shared-key address 198.51.100.91 key S3cr3t-91
R2#show running-config | include key
crypto isakmp key S3cr3t-92 address 198.51.100.92
EOF
# Sub-mode commands whose indentation was lost: each one an unknown line, quoted masked.
cat >"$snap/configs/r8.cfg" <<'EOF'
hostname R8
crypto keyring KR
pre-shared-key address 198.51.100.40 key S3cr3t-130
interface Loopback1
standby 1 authentication S3cr3t-131
ip nhrp authentication S3cr3t-132
ipv6 ospf encryption ipsec spi 600 esp 3des 7 S3cr3t-133 md5 7 S3cr3t-134
crypto map MAN 10 ipsec-manual
set session-key inbound esp 700 cipher S3cr3t-135 authenticator S3cr3t-136
router isis
area-password S3cr3t-137
key chain KC
key 1
key-string 7 S3cr3t-138
ikev1 pre-shared-key S3cr3t-139
radius-common-pw S3cr3t-140
vrrp 5 authentication md5 key-string 7 S3cr3t-141
end
EOF
# An abbreviated key (tunnelcast reads full keywords only: an unknown line, quoted) and a
# wildcard key equal to a keyword, whose line lint's wildcard-psk finding quotes.
cat >"$snap/configs/r7.cfg" <<'EOF'
hostname R7
cry isa ke S3cr3t-150 add 0.0.0.0 0.0.0.0
crypto isakmp key secret address 0.0.0.0 0.0.0.0
end
EOF
# R8's capture reads as a routing table (a route first), so every line after it is quoted:
# every form, the keyword-valued secrets (checked below by their exact masked text) too.
mkdir -p "$snap/routes"
cat >"$snap/routes/R8.txt" <<'EOF'
S*    0.0.0.0/0 [1/0] via 198.51.100.1
enable pass S3cr3t-160
username u pass S3cr3t-161
crypto isakmp ke S3cr3t-162 address 198.51.100.42
snmp-server comm S3cr3t-163 RO
 ikev1 pre-shar S3cr3t-164
username admin password password
crypto isakmp key secret address 198.51.100.43
 ikev1 pre-shared-key password
 set session-key inbound esp 256 cipher S3cr3t-165 authenticator S3cr3t-166
 set session-key outbound ah 257 S3cr3t-167
crypto key import rsa K terminal S3cr3t-168
 standby 1 authentication S3cr3t-169
 standby 1 authentication md5 key-string 7 S3cr3t-170
 vrrp 1 authentication S3cr3t-171
 vrrp 2 authentication md5 key-string S3cr3t-172
 ip nhrp authentication S3cr3t-173
 ipv6 ospf authentication ipsec spi 500 sha1 S3cr3t-174
 ipv6 ospf encryption ipsec spi 501 esp null sha1 S3cr3t-175
 area-password S3cr3t-176
 domain-password S3cr3t-177
 isis password S3cr3t-178
 radius-common-pw S3cr3t-179
aaa-server TAC (inside) host 10.26.15.34 S3cr3t-180 timeout 5
frobnicate key S3cr3t-181 password S3cr3t-182
R8(config)#enable secret S3cr3t-183
EOF
# R7's capture is a config saved by mistake (no route): only its first lines are quoted.
{
  cat "$snap/configs/r8.cfg"
  i=0
  while [ "$i" -lt 30 ]; do echo "username u$i pass S3cr3t-19$i"; i=$((i + 1)); done
} >"$snap/routes/R7.txt"

# A capture of the ASA's SAs (lab-b's: its 241 SA matches lab-a's line, its 242 SA is unexplained)
# for drift: a capture holds no secret, its verdicts quote the configs' names and addresses.
cp samples/lab-b/state/ASA.txt "$snap/state/ASA.txt"

# A second snapshot for diff: the same with one key changed on both ends of a tunnel.
cp -r "$snap" "$tmp/snap2"
sed -i 's/S3cr3t-PSK-lab/S3cr3t-PSK-new/' "$tmp/snap2/configs/asa.cfg" "$tmp/snap2/configs/r3.cfg"

n=0
out() { # out NAME command...: stdout and stderr of the command into $tmp/out/NAME.{out,err}
  name=$1
  shift
  "$@" >"$tmp/out/$name.out" 2>"$tmp/out/$name.err"
  n=$((n + 1))
}
has() { # has COMMAND: whether tunnelcast has that subcommand
  "$bin" help "$1" >/dev/null 2>&1
}

out predict "$bin" predict "$snap"
out predict-v "$bin" predict -v --failures single "$snap"
out predict-json "$bin" predict -f json --failures single "$snap"
ndom=$(grep -c '^[0-9][0-9]*  ' "$tmp/out/predict.out")
[ "$ndom" -ge 3 ] || { echo "FAIL: the secrets snapshot predicts only $ndom domains" >&2; fails=$((fails + 1)); }
i=1
while [ "$i" -le "$ndom" ]; do
  out "explain-$i" "$bin" explain "$snap" "$i"
  i=$((i + 1))
done
for f in dot svg png; do
  out "diagram-$f" "$bin" diagram -o "$tmp/out/diagram.$f" "$snap"
done
out diagram-domain "$bin" diagram --domain 1 -o "$tmp/out/domain.svg" "$snap"
if "$bin" help diagram | grep -q -- --steps; then
  out diagram-steps "$bin" diagram --domain 1 --steps -o "$tmp/out/steps.svg" "$snap"
fi
if has lint; then
  for f in text json sarif junit; do out "lint-$f" "$bin" lint -f "$f" "$snap"; done
fi
if has diff; then
  for f in text json markdown; do out "diff-$f" "$bin" diff -f "$f" "$snap" "$tmp/snap2"; done
fi
if has report; then
  out report "$bin" report -o "$tmp/out/report.html" "$snap"
fi
if has parse; then
  for f in text json; do out "parse-$f" "$bin" parse -f "$f" "$snap"; done
fi
if has state; then
  for f in text json; do out "state-$f" "$bin" state -f "$f" "$snap/state/R2.txt"; done
fi
if has routes; then
  for f in text json; do
    out "routes-$f" "$bin" routes -f "$f" "$snap"
    out "routes-compare-$f" "$bin" routes --compare -f "$f" "$snap"
    out "routes-file-$f" "$bin" routes -f "$f" "$snap/routes/R8.txt"
    out "routes-config-$f" "$bin" routes -f "$f" "$snap/routes/R7.txt"
  done
fi
if has drift; then
  for f in text json markdown sarif; do out "drift-$f" "$bin" drift -f "$f" "$snap"; done
  grep -q 'unexplained SA' "$tmp/out/drift-text.out" ||
    { echo "FAIL: drift saw no unexplained SA in the secrets snapshot" >&2; fails=$((fails + 1)); }
fi

# Every output must exist and say something (a run that crashed proves nothing).
for f in "$tmp"/out/*.out; do
  name=${f##*/}
  name=${name%.out}
  case $name in diagram-* | report) continue ;; esac
  if [ ! -s "$f" ]; then
    echo "FAIL: $name wrote nothing" >&2
    fails=$((fails + 1))
  fi
done
for f in diagram.dot diagram.svg diagram.png domain.svg; do
  [ -s "$tmp/out/$f" ] || { echo "FAIL: $f was not written" >&2; fails=$((fails + 1)); }
done
if has report && [ ! -s "$tmp/out/report.html" ]; then
  echo "FAIL: report.html was not written" >&2
  fails=$((fails + 1))
fi
# The diagnostics really saw the malformed secret lines (so their masking was exercised).
grep -q "^  crypto isakmp key <removed> address 999.1.1.1" "$tmp/out/predict.err" ||
  { echo "FAIL: no diagnostic quotes a masked isakmp key line" >&2; fails=$((fails + 1)); }

# The secrets equal to a keyword were masked and the word after them kept (the grep below
# cannot see them: they hold no "3cr3t").
for line in "username admin password <removed>" \
  "crypto isakmp key <removed> address 198.51.100.43" " ikev1 pre-shared-key <removed>"; do
  grep -q -F -x "  $line" "$tmp/out/predict.err" ||
    { echo "FAIL: no diagnostic quotes '$line'" >&2; fails=$((fails + 1)); }
done
for word in "password password" "key secret" "pre-shared-key password"; do
  if grep -a -q -F "$word" "$tmp"/out/*; then
    echo "FAIL: a keyword-valued secret appears ('$word')" >&2
    fails=$((fails + 1))
  fi
done
# The lost-indentation lines, R8's capture and lint's quote of the abbreviated key were seen.
grep -q "r8.cfg:.*\[unknown-line\]" "$tmp/out/predict.err" ||
  { echo "FAIL: r8.cfg's lines were not quoted" >&2; fails=$((fails + 1)); }
grep -q "^  set session-key inbound esp 700 cipher <removed> authenticator <removed>" \
  "$tmp/out/predict.err" || { echo "FAIL: no masked session-key line" >&2; fails=$((fails + 1)); }
grep -q "R8.txt:2:.*\[unknown-line\]" "$tmp/out/predict.err" ||
  { echo "FAIL: R8's capture lines were not quoted" >&2; fails=$((fails + 1)); }
grep -q "R7.txt:.*more lines not understood, not quoted" "$tmp/out/predict.err" ||
  { echo "FAIL: R7's capture was quoted whole" >&2; fails=$((fails + 1)); }
if has lint; then
  grep -q "^  cry isa ke <removed> add 0.0.0.0 0.0.0.0" "$tmp/out/lint-text.err" ||
    { echo "FAIL: lint does not quote the abbreviated key line" >&2; fails=$((fails + 1)); }
  grep -q "^  crypto isakmp key <removed> address 0.0.0.0 0.0.0.0" "$tmp/out/lint-text.out" ||
    { echo "FAIL: lint's finding does not quote the wildcard key line" >&2; fails=$((fails + 1)); }
fi

# PNG text chunks: tEXt is plain (grepped with the rest); a compressed one could hide a secret.
if od -A n -c "$tmp/out/diagram.png" | tr -d ' \n' | grep -q 'zTXt\|iTXt'; then
  echo "FAIL: the PNG has a compressed text chunk this test cannot read" >&2
  fails=$((fails + 1))
fi

leaks=$(grep -a -i -l "3cr3t" "$tmp"/out/* 2>/dev/null)
if [ -n "$leaks" ]; then
  for f in $leaks; do
    echo "FAIL: a secret appears in ${f##*/}:" >&2
    grep -a -i -o ".\{0,40\}3cr3t.\{0,20\}" "$f" | head -5 >&2
  done
  fails=$((fails + 1))
fi
# ... and the grep does find them where they are: in the configs (every one of them).
nsecrets=$(grep -a -i -o "s3cr3t-[0-9a-z]*" "$snap"/configs/* "$snap"/routes/* | sed 's/.*://' |
  sort -u | wc -l)
[ "$nsecrets" -ge 150 ] || { echo "FAIL: only $nsecrets secrets in the snapshot" >&2; fails=$((fails + 1)); }

[ "$fails" -eq 0 ] && echo "secrets.sh: $n runs, $(ls "$tmp/out" | wc -l) outputs, no secret"
exit "$fails"

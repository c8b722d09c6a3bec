#!/bin/sh
# predict_rules.sh: predictor behaviours no sample pins, each shown on the founding lab
# (samples/lab-a) changed by a few config lines, or by one option, with the owner and the
# state of the rows that change asserted before and after.
# usage: predict_rules.sh BIN   (run from the source tree)
set -u
bin=$1
. "$(dirname "$0")/lib.sh" # $tmp, $fails, fail, has, hasnt, expect

variant() { # variant NAME: a copy of samples/lab-a in $tmp/NAME; the next edits change it
  snap=$tmp/$1
  cp -r samples/lab-a "$snap"
}
before_end() { # before_end FILE LINE...: the lines inserted before FILE's closing `end`
  f=$snap/configs/$1
  shift
  printf '%s\n' "$@" >"$tmp/ins"
  awk -v ins="$tmp/ins" '/^(: )?end$/ && !done { while ((getline l < ins) > 0) print l; done = 1 }
                         { print }' "$f" >"$f.new" && mv "$f.new" "$f"
}
after() { # after FILE PATTERN LINE: LINE inserted after each line of FILE matching PATTERN
  sed -i "/$2/a\\
$3" "$snap/configs/$1"
}
predict() { # predict OUT [OPTION...]: the prediction of $snap, text, into $tmp/OUT
  out=$1
  shift
  "$bin" predict -q "$@" "$snap" >"$tmp/$out" 2>"$tmp/err"
  [ $? -le 1 ] || { fail "predict $* $snap failed"; cat "$tmp/err" >&2; }
}
row() { # row OUT N: "OWNER STATE" of row N of the table in $tmp/OUT
  awk -v n="$2" '/^#  DEVICE/ { t = 1; next } t && /^$/ { exit }
                 t && $1 == n { print $(NF - 1), $NF }' "$tmp/$1"
}
want() { # want OUT N "OWNER STATE" WHAT: row N of $tmp/OUT has that owner and state
  got=$(row "$1" "$2")
  [ "$got" = "$3" ] || fail "$4: row $2 is '$got', expected '$3'"
}
# lab-a's rows: 1 ASA (peers R3, R2), 2 R2, 3 R3. Unchanged, R2 owns the hub's SA and R3,
# whose SA R2's replaced (R4.3), is standby: R6 returns the traffic through R2.
lab_a() { # lab_a OUT WHAT: $tmp/OUT holds lab-a's own prediction
  want "$1" 1 "R2 stable" "$2"
  want "$1" 2 "ASA stable" "$2"
  want "$1" 3 "- standby" "$2"
}

# --assume: each switch on the sample where it changes an owner or a state.
snap=samples/rri-spokes
predict a
predict b --assume responder-moves-active
want a 2 "R3 stable" "rri-spokes"
want b 2 "R2 one-way" "responder-moves-active (R3.9)"
want a 4 "- standby" "rri-spokes"
want b 4 "ASA one-way" "responder-moves-active (R3.9)"
snap=samples/ikev2-hub
predict a
predict b --assume ikev2-accepts-backup
want a 1 "R3 one-way" "ikev2-hub"
want b 1 "R2 stable" "ikev2-accepts-backup (R4.2 off)"
snap=samples/lab-a
predict a
predict b --assume no-replacement
lab_a a "lab-a"
want b 1 "R2⇄R3 oscillating" "no-replacement (R4.3 off)"
has b "without settling" "no-replacement: the SA table never settles"
# ecmp-return: R6's two equal-cost routes back spread the flows over R2 and R3 (per-flow load
# sharing, L21); all flows on the first path (via R2) give lab-b's owner.
snap=samples/ecmp-return
predict a
predict b --assume ecmp-one-path
want a 1 "R2⇄R3 oscillating" "ecmp-return"
want b 1 "R2 stable" "ecmp-one-path"
has b "(--assume ecmp-one-path): walking the first, via 5.100.26.2" "ecmp-one-path: said"
snap=samples/lab-a

# --max-rounds: one round ends before the table settles ("did not settle": the changes of
# the last round count as a cycle); two rounds are enough for lab-a.
predict a --max-rounds 1
predict b --max-rounds 2
want a 1 "R2⇄R3 oscillating" "--max-rounds 1"
want a 2 "ASA oscillating" "--max-rounds 1"
has a "repeats from round 1 without settling" "--max-rounds 1: did not settle"
lab_a b "--max-rounds 2"
hasnt b "without settling" "--max-rounds 2"
expect 2 "--max-rounds 0" -- "$bin" predict -q --max-rounds 0 samples/lab-a
expect 2 "--max-rounds 1001" -- "$bin" predict -q --max-rounds 1001 samples/lab-a

# R1.5: R2 routes the hub's address out of Gi0/0, not the crypto interface (the path through
# R6 and R3 delivers it all the same): R2 cannot use its peer, R6's replies die at R2.
variant r15
before_end r2.cfg "ip route 5.100.14.1 255.255.255.255 5.100.26.6"
before_end r6.cfg "ip route 5.100.14.0 255.255.255.0 5.100.36.3"
predict a
want a 1 "R3 one-way" "R1.5 route to the peer via another interface"
want a 2 "- down" "R1.5 route to the peer via another interface"
has a "(R1.5," "R1.5 named in the trace"

# R3.10: the hub is originate-only: it never answers, R2's initiation is refused.
variant originate
before_end asa.cfg "crypto map OUTSIDE_MAP 10 set connection-type originate-only"
predict a
want a 1 "R3 one-way" "originate-only hub"
want a 2 "- down" "originate-only hub"
has a "(R3.10," "R3.10 named in the trace"

# R4.7: PFS group 14 on the hub and R3, group 5 on R2: no SA with R2 either way.
variant pfs
before_end asa.cfg "crypto map OUTSIDE_MAP 10 set pfs group14"
after r3.cfg "^ set transform-set TS" " set pfs group14"
after r2.cfg "^ set transform-set TS" " set pfs group5"
predict a
want a 1 "R3 one-way" "mismatched PFS groups"
want a 2 "- down" "mismatched PFS groups"
has a "(R4.7," "R4.7 named in the trace"
# ... the same group on R2: lab-a again
variant pfs-same
before_end asa.cfg "crypto map OUTSIDE_MAP 10 set pfs group14"
after r3.cfg "^ set transform-set TS" " set pfs group14"
after r2.cfg "^ set transform-set TS" " set pfs group14"
predict a
lab_a a "the same PFS group everywhere"

# R1.2: ACL-selected NAT (IOS `ip nat inside source list`) on R2. Selecting the VPN traffic,
# it translates R6's replies, which then miss the crypto ACL and leave in clear; an ACL that
# denies the VPN traffic first exempts it (lab-a's outcome).
nat_r2() { # nat_r2 ACL-LINE...: R2 overloads its inside (Gi0/0) on Gi0/1 for ACL NAT-SEL
  after r2.cfg "^ description to R6" " ip nat inside"
  after r2.cfg "^ description to R4" " ip nat outside"
  before_end r2.cfg "ip nat inside source list NAT-SEL interface GigabitEthernet0/1 overload" \
    "ip access-list extended NAT-SEL" "$@"
}
variant policy-nat
nat_r2 " permit ip 195.160.0.0 0.0.0.63 any"
predict a
want a 1 "R3 one-way" "ACL-selected NAT on R2"
has a "(R1.2," "R1.2 named in the trace"
variant policy-nat-exempt
nat_r2 " deny ip 195.160.0.0 0.0.0.63 10.26.241.0 0.0.0.255" " permit ip 195.160.0.0 0.0.0.63 any"
predict a
lab_a a "ACL-selected NAT on R2 denying the VPN traffic"

# R1.3: static 1:1 NAT on the hub for the host that sends (10.26.241.1): its traffic leaves
# with the mapped address, outside the crypto ACL, in clear.
variant static-nat
before_end asa.cfg "object network H241" " host 10.26.241.1" \
  " nat (inside,outside) static 5.100.14.41"
predict a
want a 1 "R2 one-way" "static 1:1 NAT on the hub"
has a "(R1.3," "R1.3 named in the trace"

# R1.1: a Null0 route on R2 for the hub's domain: R6's replies are discarded there.
variant null0
before_end r2.cfg "ip route 10.26.241.0 255.255.255.0 Null0"
predict a
want a 1 "R3 one-way" "Null0 route on R2"
has a "null interface" "Null0 route: the drop is said"

# A routing loop: R2 sends the hub's domain back to R6, which sends it to R2.
variant loop
before_end r2.cfg "ip route 10.26.241.0 255.255.255.0 5.100.26.6"
predict a
want a 1 "R3 one-way" "routing loop R2 <-> R6"
has a "routing loop" "routing loop: the drop is said"

# A pair whose traffic another entry carries only in part is down, not standby: HUB's CM 50
# (10.0.0.0/8 -> 10.9.9.5) is routed out Gi0/1, where CM2 encrypts 10.1.2.0/24 only; the rest
# of the /8 leaves in clear (R2.1: an entry protects only what leaves its interface).
snap=$tmp/partial
mkdir -p "$snap/configs"
cat >"$snap/configs/hub.cfg" <<'CFG'
hostname HUB
crypto isakmp key K1 address 5.100.0.2
crypto isakmp key K2 address 5.100.1.2
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
crypto map CM 50 ipsec-isakmp
 set peer 5.100.0.2
 set transform-set TS
 match address A50
crypto map CM2 5 ipsec-isakmp
 set peer 5.100.1.2
 set transform-set TS
 match address B5
interface GigabitEthernet0/0
 ip address 5.100.0.1 255.255.255.0
 crypto map CM
interface GigabitEthernet0/1
 ip address 5.100.1.1 255.255.255.0
 crypto map CM2
interface GigabitEthernet0/2
 ip address 10.1.0.1 255.255.0.0
ip route 0.0.0.0 0.0.0.0 5.100.0.2
ip route 10.9.9.0 255.255.255.0 5.100.1.2
ip access-list extended A50
 permit ip 10.0.0.0 0.255.255.255 host 10.9.9.5
ip access-list extended B5
 permit ip 10.1.2.0 0.0.0.255 10.9.9.0 0.0.0.255
end
CFG
predict partial.out
has partial.out "^1  HUB     CM   50   10.0.0.0/8   10.9.9.5/32  5.100.0.2  -  *down$" "a pair carried in part by another entry is down"
has partial.out "^2  HUB     CM2  5    10.1.2.0/24  10.9.9.0/24  5.100.1.2  5.100.1.2 (assumed)  *stable$" "the entry that carries its part is stable"

[ "$fails" -eq 0 ]

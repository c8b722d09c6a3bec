#!/usr/bin/python3
"""lengths.py: a hub with N crypto map entries toward two spokes, one mirrored ACL line each, for
the `lengths` benchmark of bench/run.

usage: bench/lengths.py N uniform|varied|missing OUTDIR

Line i protects 10.0.0.0/8 + i * 2048 on the hub and 20.0.0.0/8 (spoke 1, even i) or 30.0.0.0/8
(spoke 2, odd i) + i * 2048 on the far side. `uniform`: every prefix is a /24 (one source/destination
length pair, as in tcgen's snapshots); `varied`: each side's length is drawn from /21../30, so a
crypto map holds up to 100 length pairs, as hubs that grew over the years do; `missing`: as varied,
but the spokes lack the mirror of every other line, so those negotiations fail (the responder finds
no entry, and the failure names the one that lists the initiator). No two lines overlap; in the first
two every domain comes up. Deterministic (seed 7); N <= 8192.
"""
import os
import random
import sys


def dotted(a):
    return ".".join(str(a >> s & 255) for s in (24, 16, 8, 0))


def wildcard(length):
    return dotted(~(0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF)


def prefix(base, i, length):
    return (base + (i << 11)) & (0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF


def write_snapshot(out, hub, hub_acls, spoke, spoke_acls):
    """Write hub.cfg (hub's entries and ACLs, Gi0/0 toward 5.0.1.2 and 5.0.2.2, routes to 20/8 and
    30/8) and spoke1.cfg, spoke2.cfg (their entries and ACLs, default route to the hub) under
    OUTDIR/configs; the entries name crypto map CM, ISAKMP policy 10 and transform set TS."""
    isakmp = ["crypto isakmp policy 10", " encr aes", " authentication pre-share", " group 14"]
    tset = "crypto ipsec transform-set TS esp-aes esp-sha-hmac"
    hub += ["interface Gi0/0", " ip address 5.0.0.1 255.255.255.0", " crypto map CM",
            "interface Gi0/1", " ip address 10.0.0.1 255.0.0.0",
            "ip route 5.0.1.0 255.255.255.0 5.0.0.2", "ip route 5.0.2.0 255.255.255.0 5.0.0.3",
            "ip route 20.0.0.0 255.0.0.0 5.0.0.2", "ip route 30.0.0.0 255.0.0.0 5.0.0.3"]
    with open(os.path.join(out, "configs", "hub.cfg"), "w") as f:
        f.write("\n".join(hub + hub_acls + ["end"]) + "\n")
    for k in (1, 2):
        lines = ["hostname SPOKE%d" % k] + isakmp + ["crypto isakmp key BENCH address 5.0.0.1", tset]
        lines += spoke[k] + ["interface Gi0/0", " ip address 5.0.%d.2 255.255.255.0" % k, " crypto map CM",
                             "interface Gi0/1", " ip address %d.0.0.1 255.0.0.0" % (10 + 10 * k),
                             "ip route 0.0.0.0 0.0.0.0 5.0.%d.1" % k]
        with open(os.path.join(out, "configs", "spoke%d.cfg" % k), "w") as f:
            f.write("\n".join(lines + spoke_acls[k] + ["end"]) + "\n")


def main():
    if len(sys.argv) != 4 or sys.argv[2] not in ("uniform", "varied", "missing") or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    n, mode, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    if n > 8192:
        sys.exit("lengths.py: N <= 8192")
    rnd = random.Random(7)
    os.makedirs(os.path.join(out, "configs"), exist_ok=True)
    isakmp = ["crypto isakmp policy 10", " encr aes", " authentication pre-share", " group 14"]
    tset = "crypto ipsec transform-set TS esp-aes esp-sha-hmac"
    hub = ["hostname HUB"] + isakmp + ["crypto isakmp key BENCH address 5.0.1.2",
                                       "crypto isakmp key BENCH address 5.0.2.2", tset]
    hub_acls, spoke, spoke_acls = [], {1: [], 2: []}, {1: [], 2: []}
    for i in range(n):
        k = 1 + i % 2
        ll, rl = (24, 24) if mode == "uniform" else (rnd.randrange(21, 31), rnd.randrange(21, 31))
        la, ra = prefix(10 << 24, i, ll), prefix((10 + 10 * k) << 24, i, rl)
        seq = i + 1
        hub += ["crypto map CM %d ipsec-isakmp" % seq, " set peer 5.0.%d.2" % k,
                " set transform-set TS", " match address H%d" % i]
        hub_acls += ["ip access-list extended H%d" % i,
                     " permit ip %s %s %s %s" % (dotted(la), wildcard(ll), dotted(ra), wildcard(rl))]
        spoke[k] += ["crypto map CM %d ipsec-isakmp" % seq, " set peer 5.0.0.1",
                     " set transform-set TS", " match address S%d" % i]
        spoke_acls[k] += ["ip access-list extended S%d" % i]
        if mode != "missing" or i % 4 < 2:
            spoke_acls[k] += [" permit ip %s %s %s %s" % (dotted(ra), wildcard(rl), dotted(la), wildcard(ll))]
    write_snapshot(out, hub, hub_acls, spoke, spoke_acls)

if __name__ == "__main__":
    main()

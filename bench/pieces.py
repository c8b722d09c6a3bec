#!/usr/bin/python3
"""pieces.py: one IOS hub whose crypto ACL lines nest and overlap, for the `pieces` benchmark of
bench/run (issues 19 and 20: how many header-space pieces a domain is cut into).

usage: bench/pieces.py hub|overlap N OUTDIR

`hub`: N crypto map entries of 25 lines each toward two spokes (even entries spoke 1, odd spoke 2);
each side of a line is a random prefix of /16../28 inside one of sixteen /16s (10.0-15.x.x on the
hub, 20.0-15.x.x or 30.0-15.x.x on the far side), so lines nest inside each other; every fifth line
is `tcp ... eq N` or `udp ... eq N` (N from a few well-known ports). `overlap`: N lines (200 in issue
20) spread over N / 10 entries, both sides drawn from one /12 each, so nearly every line overlaps
many others. The spokes mirror every hub line. Deterministic (seed 19).

usage: bench/pieces.py overlaps hub|overlap N...: print, for each N, the lines and how many pairs
of lines toward the same spoke overlap on both sides (each such pair cuts both lines' pairs into
pieces and crosses their traces), without writing a snapshot.
"""
import os
import random
import sys

from lengths import dotted, wildcard, write_snapshot

PORTS = (22, 53, 80, 123, 443, 500, 1812, 3389)


def side(rnd, first_octet, nested):
    """A random prefix: /16../28 inside one of 16 /16s (nested), or /12../28 inside one /12."""
    if nested:
        length = rnd.randrange(16, 29)
        addr = first_octet << 24 | rnd.randrange(16) << 16 | rnd.getrandbits(16)
    else:
        length = rnd.randrange(12, 29)
        addr = first_octet << 24 | rnd.getrandbits(20)
    return addr & (0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF, length


def service(rnd, i):
    if i % 5 != 4:
        return "ip", ""
    return rnd.choice(("tcp", "udp")), " eq %d" % rnd.choice(PORTS)


def lines(mode, n):
    """The hub's lines in order: (entry, spoke k, (la, ll), (ra, rl), proto, port)."""
    rnd = random.Random(19)
    entries, per = (n, 25) if mode == "hub" else (max(1, n // 10), 10)
    line = 0
    for e in range(entries):
        k = 1 + e % 2
        for _ in range(per if mode == "hub" else min(per, n - line)):
            la = side(rnd, 10, mode == "hub")
            ra = side(rnd, 10 + 10 * k, mode == "hub")
            proto, port = service(rnd, line)
            line += 1
            yield e, k, la, ra, proto, port


def meets(x, y):
    """Do prefixes x and y (address, length) overlap?"""
    shift = 32 - min(x[1], y[1])
    return x[0] >> shift == y[0] >> shift


def overlaps(mode, n):
    """Lines, and pairs of lines toward one spoke overlapping on both sides (by /16 cells of
    the nested hub; by brute force for the overlap shape)."""
    cells = {}
    total = 0
    for _, k, la, ra, _, _ in lines(mode, n):
        key = (k, la[0] >> 16, ra[0] >> 16) if mode == "hub" else k
        cells.setdefault(key, []).append((la, ra))
        total += 1
    pairs = 0
    for v in cells.values():
        for i, (la, ra) in enumerate(v):
            pairs += sum(1 for lb, rb in v[:i] if meets(la, lb) and meets(ra, rb))
    return total, pairs


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "overlaps" and sys.argv[2] in ("hub", "overlap"):
        for n in sys.argv[3:]:
            total, pairs = overlaps(sys.argv[2], int(n))
            print("%s %s: %d lines, %d overlapping pairs, %.2f a line" %
                  (sys.argv[2], n, total, pairs, pairs / total))
        return
    if len(sys.argv) != 4 or sys.argv[1] not in ("hub", "overlap") or not sys.argv[2].isdigit():
        sys.exit(__doc__)
    mode, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    entries = n if mode == "hub" else max(1, n // 10)
    os.makedirs(os.path.join(out, "configs"), exist_ok=True)
    isakmp = ["crypto isakmp policy 10", " encr aes", " authentication pre-share", " group 14"]
    tset = "crypto ipsec transform-set TS esp-aes esp-sha-hmac"
    hub = ["hostname HUB"] + isakmp + ["crypto isakmp key BENCH address 5.0.1.2",
                                       "crypto isakmp key BENCH address 5.0.2.2", tset]
    hub_acls, spoke, spoke_acls = [], {1: [], 2: []}, {1: [], 2: []}
    for e in range(entries):
        k = 1 + e % 2
        seq = e + 1
        hub += ["crypto map CM %d ipsec-isakmp" % seq, " set peer 5.0.%d.2" % k,
                " set transform-set TS", " match address H%d" % e]
        spoke[k] += ["crypto map CM %d ipsec-isakmp" % seq, " set peer 5.0.0.1",
                     " set transform-set TS", " match address S%d" % e]
    acl_of = {}
    for e, k, (la, ll), (ra, rl), proto, port in lines(mode, n):
        if e not in acl_of:
            acl_of[e] = True
            hub_acls.append("ip access-list extended H%d" % e)
            spoke_acls[k].append("ip access-list extended S%d" % e)
        hub_acls.append(" permit %s %s %s %s %s%s" % (proto, dotted(la), wildcard(ll),
                                                      dotted(ra), wildcard(rl), port))
        spoke_acls[k].append(" permit %s %s %s%s %s %s" % (proto, dotted(ra), wildcard(rl),
                                                           port, dotted(la), wildcard(ll)))
    write_snapshot(out, hub, hub_acls, spoke, spoke_acls)


if __name__ == "__main__":
    main()

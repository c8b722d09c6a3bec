# state_conformance.py: `tunnelcast state -f json` against what ntc-templates and genieparser expect of the public captures.
#
# usage: python3 state_conformance.py BIN CORPUS_DIR
#
# Every capture of the state commands in the corpus (ntc-templates tests/cisco_{ios,asa}/
# show_crypto_*/*.raw and show_vpn-sessiondb*/*.raw with their .yml; genieparser's
# ShowCrypto*/ShowVpn* cli/equal/*_output.txt with their *_expected.py) is parsed by tunnelcast
# and the facts both tools state are compared: per SA its proxy pair (addresses, masks, protocol,
# ports), peer (an ASA `name` as printed: a lone capture has no config to resolve it), interface,
# crypto map and seq, packet counters (encaps/decaps, or Pkts Tx/Rx),
# whether it is established, an l2l SA's seconds left; per IKE SA its peer, local address and
# state. IPv6 entries are left out on both sides (tunnelcast models IPv4). A capture agrees when
# the facts are the same sets and tunnelcast understood every line. `show crypto map` is
# configuration: its capture agrees when it yields no SA, no IKE SA and no unknown line.
#
# Prints one line per capture and `state conformance: A/N captures agree; exceptions: ...`.
# Fails when a capture that is not a known exception disagrees, when a known exception agrees
# (take it off the list), or when no capture is found (the test never passes by skipping).
import ast
import glob
import ipaddress
import json
import os
import subprocess
import sys

import yaml

# Captures known not to agree, each with why (by file name): none.
EXCEPTIONS = {}


def v4(s):
    return bool(s) and ":" not in str(s)


def pfx(addr, mask):
    """'10.0.0.1', '255.255.255.0' -> '10.0.0.0/24' (host bits cleared, as tunnelcast prints)."""
    return str(ipaddress.ip_network(f"{addr}/{mask or '255.255.255.255'}", strict=False))


def num(s):
    return None if s in (None, "") else int(s)


def host(s):
    """'10.1.1.1/500' -> '10.1.1.1'"""
    return str(s).split("/")[0]


# ---- tunnelcast's facts --------------------------------------------------------------------


def ours(doc, sa_keys, with_ike=True):
    sas = set()
    for sa in doc["sas"]:
        f = {
            "iface": sa["interface"],
            "cmap": sa["crypto_map"],
            "seq": sa["seq"],
            "local": sa["local"],
            "remote": sa["remote"],
            "proto": sa["protocol"],
            "lport": sa["local_port"],
            "rport": sa["remote_port"],
            "peer": sa["peer"] or sa["peer_name"],
            "encaps": sa["encaps"],
            "decaps": sa["decaps"],
            "lifetime": sa["lifetime"],
            "established": sa["established"],
        }
        sas.add(tuple(f[k] for k in sa_keys))
    ikes = set()
    if with_ike:
        for k in doc["ike_sas"]:
            ikes.add((k["peer"] or k["peer_name"], k["local_address"], k["state"], k["up"]))
    return sas, ikes


# ---- the peers' expected facts ---------------------------------------------------------------

IPSEC_KEYS = ("iface", "cmap", "local", "remote", "proto", "lport", "rport", "peer", "encaps",
              "decaps")


def ntc_ipsec(rows, asa):
    keys = IPSEC_KEYS + (("seq",) if asa else ())
    sas = set()
    for r in rows:
        a = "identity" if asa else "ident"
        la, ra = r[f"local_{a}_addr"], r[f"remote_{a}_addr"]
        if not v4(la):
            continue
        p = "prot" if not asa else "protocol"
        f = {
            "iface": r["interface"],
            "cmap": r["crypto_map_tag"],
            "seq": num(r.get("sequence_number")),
            "local": pfx(la, r[f"local_{a}_mask"]),
            "remote": pfx(ra, r[f"remote_{a}_mask"]),
            "proto": int(r[f"local_{a}_{p}"]),
            "lport": int(r[f"local_{a}_port"]),
            "rport": int(r[f"remote_{a}_port"]),
            "peer": r["current_peer"] or r.get("current_peer_name") or None,
            "encaps": num(r["packets_encapsulated" if asa else "pkts_encaps"]),
            "decaps": num(r["packets_decapsulated" if asa else "pkts_decaps"]),
        }
        sas.add(tuple(f[k] for k in keys))
    return keys, sas, None


SESSION_KEYS = ("iface", "peer", "local", "remote", "proto", "established", "encaps", "decaps")
PROTOS = {"ip": 0, "icmp": 1, "tcp": 6, "udp": 17, "gre": 47, "esp": 50}


def flow_side(w, i):
    """One side of an IPSEC FLOW ('host A', 'A/M', 'any', then 'port N') -> (prefix, port, i)."""
    if w[i] == "host":
        p, i = pfx(w[i + 1], None), i + 2
    elif w[i] == "any":
        p, i = "0.0.0.0/0", i + 1
    else:
        a, m = w[i].split("/")
        p, i = pfx(a, m), i + 1
    port = 0
    if i + 1 < len(w) and w[i] == "port":
        port, i = int(w[i + 1]), i + 2
    return p, port, i


def flow(text):
    """'permit 47 host A host B' -> (local, remote, proto); None for IPv6."""
    w = text.split()
    if w[1] == "ipv6" or ":" in text:
        return None
    proto = PROTOS[w[1]] if w[1] in PROTOS else int(w[1])
    src, _, i = flow_side(w, 2)
    dst, _, i = flow_side(w, i)
    return src, dst, proto


def ntc_session(rows):
    sas, ikes = set(), set()
    for r in rows:
        fl = flow(f"permit {r['permit']} " + side(r["src_host"], r["src_mask"]) + " "
                  + side(r["dst_host"], r["dst_mask"]))
        status = r.get("ikev1_status") or r.get("ikev2_status")
        if v4(r["remote_ip"]):
            ikes.add((r["remote_ip"], r["local_ip"], status, status == "Active"))
        if fl and v4(r["peer"]):
            sas.add((r["interface"], r["peer"], fl[0], fl[1], fl[2], int(r["active_sa"]) > 0,
                     None, None))
    return ("iface", "peer", "local", "remote", "proto", "established"), \
        {s[:6] for s in sas}, ikes


def side(h, m):
    return f"host {h}" if not m else f"{h}/{m}"


def ntc_l2l(rows):
    keys = ("peer", "local", "remote", "encaps", "decaps", "lifetime")
    sas, ikes = set(), set()
    for r in rows:
        t = r["connection_type"]
        if not v4(r["ip_address"]):
            continue
        if t in ("IKE", "IKEv1", "IKEv2"):
            ikes.add((r["ip_address"], None, None, True))
        elif t.lower().startswith("ipsec") and v4(r["local_address_network"]):
            sas.add((r["ip_address"], pfx(r["local_address_network"], r["local_address_mask"]),
                     pfx(r["remote_address_network"], r["remote_address_mask"]),
                     num(r["packets_transmitted"]), num(r["packets_received"]),
                     num(r["rekey_time_left"])))
    return keys, sas, ikes


def ntc_ikev1(rows):
    return (), set(), {(r["peer"], None, r["state"], True) for r in rows if v4(r["peer"])}


def genie_ipsec(d):
    sas = set()
    for ifname, i in d.get("interface", {}).items():
        for sa in i.get("ident", {}).values():
            li, ri = sa["local_ident"], sa["remote_ident"]
            if not v4(li["addr"]):
                continue
            sas.add((ifname, i["crypto_map_tag"], pfx(li["addr"], li["mask"]),
                     pfx(ri["addr"], ri["mask"]), int(li["prot"]), int(li["port"]),
                     int(ri["port"]), sa["peer_ip"], sa["pkts_encaps"], sa["pkts_decaps"]))
    return IPSEC_KEYS, sas, None


def genie_isakmp(d, detail):
    ikes = set()
    for k in d.get("isakmp_stats", {}).get("IPv4", {}).values():
        if detail:
            ikes.add((k["remote_ip"], k["local_ip"], k["status"]))
        else:
            ikes.add((frozenset((k["destination"], k["source"])), k["session_state"]))
    return ikes


def genie_ikev2(d):
    ikes = set()
    for k in d.get("ipv4", {}).values():
        ikes.add((k["remote_ip"], k["local_ip"], k["status"]))
    for s in d.get("sessions", {}).values():
        for t in s.get("tunnels", {}).values():
            if v4(host(t["local"])):
                ikes.add((host(t["remote"]), host(t["local"]), t.get("status")))
    return ikes


def genie_session(d):
    sas, ikes = set(), set()
    for ifname, i in d.get("interface", {}).items():
        for peer, p in i.get("peer", {}).items():
            for port in p.get("port", {}).values():
                for k in port.get("ike_sa", {}).values():
                    if v4(k["remote"]):
                        ikes.add((k["remote"], k["local"], k["sa_status"],
                                  k["sa_status"] == "Active"))
                for text, fl in port.get("ipsec_flow", {}).items():
                    f = flow(text)
                    if f and v4(peer):
                        sas.add((ifname, peer, f[0], f[1], f[2], fl["active_sas"] > 0,
                                 fl.get("outbound_pkts_encrypted"),
                                 fl.get("inbound_pkts_decrypted")))
    return SESSION_KEYS, sas, ikes


# ---- the captures --------------------------------------------------------------------------


def captures(corpus):
    ntc = os.path.join(corpus, "ntc-templates", "tests")
    for raw in sorted(glob.glob(f"{ntc}/cisco_*/show_crypto_*/*.raw")
                      + glob.glob(f"{ntc}/cisco_*/show_vpn-sessiondb*/*.raw")):
        yield raw, "ntc", raw[:-4] + ".yml"
    genie = os.path.join(corpus, "genieparser", "src", "genie", "libs", "parser")
    for out in sorted(glob.glob(f"{genie}/*/tests/ShowCrypto*/cli/equal/*_output.txt")
                      + glob.glob(f"{genie}/*/tests/ShowVpn*/cli/equal/*_output.txt")):
        yield out, "genie", out[: -len("_output.txt")] + "_expected.py"


def expected(kind, path, exp):
    """(what the capture is, sa keys, expected SA facts, expected IKE facts or None)."""
    if kind == "ntc":
        with open(exp, encoding="utf-8") as f:
            rows = yaml.safe_load(f)["parsed_sample"]
        cmd = os.path.basename(os.path.dirname(path))
        asa = "cisco_asa" in path
        if cmd.startswith("show_crypto_ipsec_sa"):
            return cmd, *ntc_ipsec(rows, asa)
        if cmd.startswith("show_crypto_session"):
            return cmd, *ntc_session(rows)
        if cmd.startswith("show_vpn-sessiondb"):
            return cmd, *ntc_l2l(rows)
        if cmd.startswith("show_crypto_ikev1_sa"):
            return cmd, *ntc_ikev1(rows)
        return cmd, None, None, None
    with open(exp, encoding="utf-8") as f:
        text = f.read()
    d = ast.literal_eval(text[text.index("=") + 1:].strip())
    cmd = path.split(os.sep)[-4]
    if cmd.startswith("ShowCryptoIpsecSa"):
        return cmd, *genie_ipsec(d)
    if cmd.startswith("ShowCryptoIsakmpSa"):
        return cmd, (), set(), genie_isakmp(d, cmd.endswith("Detail"))
    if cmd.startswith("ShowCryptoIkev2Sa"):
        return cmd, (), set(), genie_ikev2(d)
    if cmd.startswith("ShowCryptoSession"):
        return cmd, *genie_session(d)
    if cmd == "ShowCryptoMap":
        return cmd, (), set(), set()
    return cmd, None, None, None


def ike_view(cmd, ikes):
    """tunnelcast's IKE facts in the shape the peer's expected ones have."""
    if cmd == "ShowCryptoIsakmpSa":
        return {(frozenset((p, l)), s) for p, l, s, _ in ikes}
    if cmd.startswith("ShowCrypto") and not cmd.startswith("ShowCryptoSession"):
        return {(p, l, s) for p, l, s, _ in ikes}
    if cmd.startswith("show_crypto_ikev1") or cmd.startswith("show_vpn-sessiondb"):
        return {(p, None, s, up) for p, _, s, up in ikes if up}
    return ikes


def check(bin_, path, kind, exp):
    """(agrees, what differs, or on agreement a note when there was nothing to compare)"""
    cmd, keys, want_sas, want_ikes = expected(kind, path, exp)
    if keys is None:
        return False, f"no comparison defined for {cmd}"
    r = subprocess.run([bin_, "state", "-q", "-f", "json", path], capture_output=True,
                       text=True, check=False)
    if r.returncode != 0:
        return False, f"tunnelcast exited {r.returncode}: {r.stderr.strip()}"
    doc = json.loads(r.stdout)
    got_sas, got_ikes = ours(doc, keys)
    why = []
    if doc["lines"]["unknown"]:
        why.append(f"{doc['lines']['unknown']} line(s) not understood")
    if got_sas != want_sas:
        why.append(f"SAs: tunnelcast only {sorted(got_sas - want_sas, key=str)}; "
                   f"{kind} only {sorted(want_sas - got_sas, key=str)}")
    if want_ikes is not None:
        got = ike_view(cmd, got_ikes)
        if got != want_ikes:
            why.append(f"IKE SAs: tunnelcast only {sorted(got - want_ikes, key=str)}; "
                       f"{kind} only {sorted(want_ikes - got, key=str)}")
    if why:
        return False, "; ".join(why)
    if cmd == "ShowCryptoMap":
        return True, " (configuration: no SA, no IKE SA, every line understood)"
    if not want_sas and not want_ikes:
        return True, " (no IPv4 SA on either side: every line understood)"
    return True, ""


def main():
    bin_, corpus = sys.argv[1], sys.argv[2]
    if not os.path.isdir(corpus):
        print(f"FAIL: no corpus folder {corpus}", file=sys.stderr)
        return 1
    n = agree = fails = 0
    seen = set()
    for path, kind, exp in captures(corpus):
        if not os.path.exists(exp):
            continue
        n += 1
        name = os.path.basename(path)
        seen.add(name)
        ok, why = check(bin_, path, kind, exp)
        rel = os.path.relpath(path, corpus)
        agree += ok
        if ok and name in EXCEPTIONS:
            print(f"FAIL: {rel} agrees now: take it off the exceptions")
            fails += 1
        elif ok:
            print(f"agree: {rel}{why}")
        elif name in EXCEPTIONS:
            print(f"exception: {rel}: {EXCEPTIONS[name]}")
        else:
            print(f"FAIL: {rel}: {why}")
            fails += 1
    for name in sorted(set(EXCEPTIONS) - seen):
        print(f"FAIL: exception {name} names no capture of the corpus")
        fails += 1
    if n == 0:
        print(f"FAIL: no state capture with expected results under {corpus}")
        return 1
    exc = "; ".join(f"{k} ({v.split(':')[0]})" for k, v in sorted(EXCEPTIONS.items()))
    print(f"state conformance: {agree}/{n} captures agree; exceptions: {exc or 'none'}")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""textfsm_routes.py: the TextFSM baseline of bench/run: parse one `show ip route` capture
with an ntc-templates template RUNS times and print the median (key=value, like tcbench).
Usage: textfsm_routes.py TEMPLATE CAPTURE RUNS   (Debian: apt-get install python3-textfsm)"""
import statistics
import sys
import time

import textfsm

template, capture, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(capture) as f:
    text = f.read()
times, records, nexthops = [], 0, 0
for _ in range(runs):
    with open(template) as f:
        fsm = textfsm.TextFSM(f)
    t0 = time.perf_counter()
    rows = fsm.ParseText(text)
    times.append(time.perf_counter() - t0)
    records = len(rows)
    header = fsm.header
    nh = header.index("NEXTHOP_IP") if "NEXTHOP_IP" in header else None
    nexthops = sum(len(r[nh]) if nh is not None and isinstance(r[nh], list) else 1 for r in rows)
med = statistics.median(times)
print(f"records={records} paths={nexthops} runs={runs} median_s={med:.6f} min_s={min(times):.6f} "
      f"records_per_s={records / med:.0f}")

#!/usr/bin/env python3
"""Runs scenarios of `astrid-bus bench` with two builds of the tool in
interleaved rounds (A, B, A, B, ...) and prints, per result, B / A: the
median of the rounds and their range. A change's effect on this noisy
machine is only visible between runs made back to back.

  bench/ab_rounds.py --rounds 3 /tmp/astrid-bus-before build-rel/src/cli/astrid-bus \\
      remote-latency remote-fanout

Throughput compares deliveries/s (B / A > 1 is faster), latency p50 and p99
(B / A < 1 is faster).
"""
import argparse
import json
import subprocess

from rounds import fmt, spread


def run(exe, scenario):
    out = subprocess.run([exe, "bench", scenario, "--json"], capture_output=True, text=True,
                         timeout=1800)
    return [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]


def key(r):
    rate = r.get("rate_per_sec", r.get("rate"))
    return (r["scenario"], r.get("subscribers", 1), rate)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("a", help="the astrid-bus binary before")
    ap.add_argument("b", help="the astrid-bus binary after")
    ap.add_argument("scenarios", nargs="+")
    args = ap.parse_args()
    for scenario in args.scenarios:
        rows = {}
        for _ in range(args.rounds):
            before = {key(r): r for r in run(args.a, scenario)}
            for r in run(args.b, scenario):
                old = before.get(key(r))
                for field in ("deliveries_per_sec", "p50_us", "p99_us"):
                    if old and old.get(field) and r.get(field):
                        rows.setdefault((key(r), field), []).append((old[field], r[field]))
        for (k, field), pairs in sorted(rows.items(), key=str):
            print(f"{k[0]:15} S={k[1]:<4} rate={str(k[2]):<7} {field:18} "
                  f"A {fmt(p[0] for p in pairs)}  B {fmt(p[1] for p in pairs)}  "
                  f"B/A {spread([b / a for a, b in pairs])}")


if __name__ == "__main__":
    main()

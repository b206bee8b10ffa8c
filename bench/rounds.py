#!/usr/bin/env python3
"""Runs a scenario of `astrid-bus bench` and a peer's (../shared/peers) in
interleaved rounds and prints, per result, the ratio ours / peer: the
median of the rounds and their range. On a machine whose speed swings
within minutes, only ratios measured back to back mean anything.

  bench/rounds.py --rounds 3 --bus build-rel/src/cli/astrid-bus \\
      --peers /tmp/peers fanout=tokio-broadcast:fanout remote-fanout=nats:fanout

Each PAIR is OURS=PEER:PEER_SCENARIO. Results are matched on the number of
subscribers; a peer's result of another payload size is ignored. Throughput
compares deliveries/s (higher is better), latency p50 and p99 (lower is
better, the ratio is ours / peer either way).
"""
import argparse
import json
import statistics
import subprocess


def run(cmd, cwd=None):
    out = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=1800)
    return [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]


def key(r):
    rate = r.get("rate_per_sec", r.get("rate"))
    return (r.get("subscribers", 1), rate) if rate else r.get("subscribers", 1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--bus", required=True, help="the astrid-bus binary (a Release build)")
    ap.add_argument("--peers", required=True, help="a writable copy of ../shared/peers")
    ap.add_argument("pairs", nargs="+", help="OURS=PEER:PEER_SCENARIO")
    args = ap.parse_args()
    for pair in args.pairs:
        ours, theirs = pair.split("=")
        peer, peer_scenario = theirs.split(":")
        rows = {}
        for _ in range(args.rounds):
            mine = run([args.bus, "bench", ours, "--json"])
            other = [r for r in run([f"./{peer}/bench.sh", peer_scenario], cwd=args.peers)
                     if r.get("scenario") == peer_scenario and r.get("payload_bytes", 64) == 64]
            for m in mine:
                p = next((o for o in other if key(o) == key(m)), None)
                if p is None:
                    continue
                for field in ("deliveries_per_sec", "p50_us", "p99_us"):
                    if m.get(field) and p.get(field):
                        rows.setdefault((key(m), field), []).append((m[field], p[field]))
        for (subs, field), pairs in sorted(rows.items()):
            print(f"{ours:14} vs {peer:15} S={str(subs):<12} {field:18} ours {fmt(p[0] for p in pairs)}  "
                  f"peer {fmt(p[1] for p in pairs)}  ratio {spread([a / b for a, b in pairs])}")


def spread(ratios):
    """The median of `ratios` with their range and count, as the rounds scripts print it."""
    return (f"median {statistics.median(ratios):.2f} "
            f"(range {min(ratios):.2f}-{max(ratios):.2f}, {len(ratios)} rounds)")


def fmt(xs):
    return "/".join(f"{x / 1e6:.2f}M" if x > 1e5 else f"{x:.1f}" for x in xs)


if __name__ == "__main__":
    main()

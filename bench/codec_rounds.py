#!/usr/bin/env python3
"""Runs bench_codec and the serde_json peer (../shared/peers/serde-json) in
interleaved rounds and prints, per scenario, the ratio of our messages/s to
the peer's: the median of the rounds and their range.

  bench/codec_rounds.py --rounds 3 --codec build-rel/bench/bench_codec \\
      --peer /tmp/peers/serde-json/target/release/serde-json-peer

Both decode JSON text into the typed model and encode it back, on the same
inputs: the 1 KiB IpcMessage and the mix of event roundtrip vectors.
"""
import argparse
import json
import os
import statistics
import subprocess

# peer scenario (prefix) -> bench_codec benchmark
SCENARIOS = {
    "ipc_message_user_input_1k": "BM_codec/ipc_message_user_input_1k",
    "event_mix": "BM_codec/event_mix",
}


def ours(codec, vectors, min_time):
    out = subprocess.run([codec, "--benchmark_format=json", f"--benchmark_min_time={min_time}",
                          "--benchmark_filter=^BM_codec/(ipc_message_user_input_1k|event_mix)/"],
                         env=dict(os.environ, ASTRID_VECTORS=vectors),
                         capture_output=True, text=True, check=True, timeout=600).stdout
    return {b["name"].removesuffix("/real_time"): b["items_per_second"]
            for b in json.loads(out)["benchmarks"]}


def peer(binary, vectors):
    out = subprocess.run([binary, vectors], capture_output=True, text=True, check=True,
                         timeout=600).stdout
    rows = [json.loads(l) for l in out.splitlines() if l.startswith("{")]
    return {name: r["messages_per_sec"] for r in rows
            for prefix, name in SCENARIOS.items() if r["scenario"].startswith(prefix)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--codec", required=True, help="bench_codec (a Release build)")
    ap.add_argument("--peer", required=True, help="the built serde-json-peer binary")
    ap.add_argument("--vectors", default=os.path.join(os.path.dirname(__file__), "..", "tests",
                                                      "data", "serde-vectors.ndjson"))
    ap.add_argument("--min-time", default="2", help="seconds per benchmark of ours")
    args = ap.parse_args()
    pairs = {name: [] for name in SCENARIOS.values()}
    for _ in range(args.rounds):
        theirs = peer(args.peer, args.vectors)
        mine = ours(args.codec, args.vectors, args.min_time)
        for name in pairs:
            pairs[name].append((mine[name], theirs[name]))
    for name, xs in pairs.items():
        ratios = [a / b for a, b in xs]
        print(f"{name:38} ours {'/'.join(f'{a / 1e3:.0f}k' for a, _ in xs)}  "
              f"serde_json {'/'.join(f'{b / 1e3:.0f}k' for _, b in xs)}  "
              f"ratio median {statistics.median(ratios):.2f} "
              f"(range {min(ratios):.2f}-{max(ratios):.2f}, {len(ratios)} rounds)")


if __name__ == "__main__":
    main()

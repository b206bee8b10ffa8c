#!/usr/bin/env python3
"""End-to-end check of astrid-bus serve / tail / pub, driving the real binary.

1. 10,000 messages from `pub` arrive complete and in order at two `tail`s
   with different patterns, while a third `tail` is SIGKILLed mid-stream.
2. Stopping the server mid-stream makes a `tail` exit 1 with a clear error.
3. Provenance stamped by `pub --origin --device-key-id` reaches `tail` as
   JSON and in `--format pretty`; without the flags there is none, and an
   unknown origin name is a usage error.

No sleeps wait for actors: the script polls process output (with a deadline)
for the port line and the "subscribed" line, then waits for exits.
Usage: remote_e2e.py ASTRID_BUS_BINARY
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import time

N = 10_000
DEADLINE_S = 120


def wait_for(cond, what):
    end = time.monotonic() + DEADLINE_S
    while not cond():
        if time.monotonic() > end:
            raise SystemExit(f"FAIL: timed out waiting for {what}")
        time.sleep(0.01)


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return f.read()


class Proc:
    def __init__(self, args, tmp, name, stdin=None):
        self.out = os.path.join(tmp, name + ".out")
        self.err = os.path.join(tmp, name + ".err")
        self.p = subprocess.Popen(args, stdout=open(self.out, "w"), stderr=open(self.err, "w"),
                                  stdin=stdin)

    def wait(self, what):
        try:
            return self.p.wait(timeout=DEADLINE_S)
        except subprocess.TimeoutExpired:
            self.p.kill()
            raise SystemExit(f"FAIL: {what} did not exit; stderr: {read(self.err)[-2000:]}")


def start_server(bus, tmp, name):
    conf = os.path.join(tmp, "e2e.conf")
    with open(conf, "w") as f:
        f.write("capacity = 100000\nlog_level = info\n")
    return serve_with(bus, tmp, name, conf)


def serve_with(bus, tmp, name, conf):
    """Starts `serve` on a free port with config file `conf`; returns (proc, host:port)."""
    srv = Proc([bus, "serve", "--port", "0", "--config", conf], tmp, name)
    wait_for(lambda: "listening" in read(srv.out) or srv.p.poll() is not None, "the port line")
    line = read(srv.out).splitlines()[0]
    if not line.startswith("listening "):
        raise SystemExit(f"FAIL: unexpected first line {line!r}; stderr: {read(srv.err)}")
    return srv, line.split()[1]


def start_tail(bus, tmp, name, addr, pattern, count=None):
    args = [bus, "tail", "--connect", addr, pattern]
    conf = os.path.join(tmp, "e2e.conf")
    if os.path.exists(conf):  # the connecting side's receivers take its capacity
        args += ["--config", conf]
    if count is not None:
        args += ["--count", str(count)]
    t = Proc(args, tmp, name)
    wait_for(lambda: "subscribed" in read(t.err) or t.p.poll() is not None, f"{name} to subscribe")
    return t


def check_stream(tail, name):
    lines = read(tail.out).splitlines()
    if len(lines) != N:
        raise SystemExit(f"FAIL: {name} printed {len(lines)} events, expected {N}")
    last_seq = 0
    for i, line in enumerate(lines):
        ev = json.loads(line)
        msg = ev["message"] if "message" in ev else ev
        n = msg["payload"]["data"]["n"]
        if n != i or msg["seq"] <= last_seq:
            raise SystemExit(f"FAIL: {name} line {i}: n={n} seq={msg['seq']} out of order")
        last_seq = msg["seq"]
    print(f"ok: {name} got {N} events complete and in order")


def fanout_and_kill(bus, tmp):
    srv, addr = start_server(bus, tmp, "server1")
    a = start_tail(bus, tmp, "tail_a", addr, "e2e.*", N)
    b = start_tail(bus, tmp, "tail_b", addr, "e2e.data", N)
    victim = start_tail(bus, tmp, "tail_victim", addr, "e2e.*")
    pub = subprocess.Popen([bus, "pub", "--connect", addr, "--topic", "e2e.data", "--payload", "-"],
                           stdin=subprocess.PIPE, stderr=open(os.path.join(tmp, "pub.err"), "w"),
                           text=True)
    pub.stdin.write("".join(json.dumps({"n": i}) + "\n" for i in range(N)))
    pub.stdin.close()
    wait_for(lambda: len(read(victim.out).splitlines()) > 0, "the victim's first event")
    victim.p.send_signal(signal.SIGKILL)
    victim.p.wait()
    print("ok: SIGKILLed one tail mid-stream")
    if pub.wait(timeout=DEADLINE_S) != 0:
        raise SystemExit(f"FAIL: pub exited {pub.returncode}: {read(os.path.join(tmp, 'pub.err'))}")
    for t, name in ((a, "tail_a"), (b, "tail_b")):
        rc = t.wait(name)
        if rc != 0:
            raise SystemExit(f"FAIL: {name} exited {rc}: {read(t.err)[-2000:]}")
        check_stream(t, name)
    print("ok: pub summary:", read(os.path.join(tmp, "pub.err")).strip().splitlines()[-1])
    srv.p.send_signal(signal.SIGTERM)
    if srv.wait("server1") != 0:
        raise SystemExit(f"FAIL: server exited non-zero: {read(srv.err)[-2000:]}")
    if "remote subscriber gone" not in read(srv.err):
        raise SystemExit("FAIL: the server did not log the killed tail")
    print("ok: server logged the lost subscriber and stopped cleanly on SIGTERM")


def server_stops_mid_stream(bus, tmp):
    srv, addr = start_server(bus, tmp, "server2")
    t = start_tail(bus, tmp, "tail_orphan", addr, "e2e.*")
    pub = subprocess.run([bus, "pub", "--connect", addr, "--topic", "e2e.x", "--payload", '{"n":1}',
                          "--repeat", "10"], capture_output=True, text=True, timeout=DEADLINE_S)
    if pub.returncode != 0:
        raise SystemExit(f"FAIL: pub: {pub.stderr}")
    wait_for(lambda: len(read(t.out).splitlines()) >= 10, "the orphan's events")
    srv.p.send_signal(signal.SIGKILL)
    srv.p.wait()
    rc = t.wait("tail_orphan")
    err = read(t.err)
    if rc != 1 or "is gone" not in err:
        raise SystemExit(f"FAIL: tail exited {rc} with stderr {err!r}")
    print("ok: tail exited 1 with a clear error when its server died:", err.strip().splitlines()[-1])


def pub_once(bus, addr, *flags):
    return subprocess.run([bus, "pub", "--connect", addr, "--topic", "e2e.p", "--payload", '{"n":1}',
                           *flags], capture_output=True, text=True, timeout=DEADLINE_S)


def provenance_shown(bus, tmp):
    srv, addr = start_server(bus, tmp, "server3")
    as_json = start_tail(bus, tmp, "tail_json", addr, "e2e.p", 2)
    pretty = Proc([bus, "tail", "--connect", addr, "e2e.p", "--count", "2", "--format", "pretty"],
                  tmp, "tail_pretty")
    wait_for(lambda: "subscribed" in read(pretty.err) or pretty.p.poll() is not None,
             "tail_pretty to subscribe")
    bad = pub_once(bus, addr, "--origin", "quantum_link")
    if bad.returncode != 2:
        raise SystemExit(f"FAIL: pub --origin quantum_link exited {bad.returncode}: {bad.stderr}")
    for flags in (("--principal", "alice", "--origin", "local_socket", "--device-key-id",
                   "laptop-1"), ()):
        r = pub_once(bus, addr, *flags)
        if r.returncode != 0:
            raise SystemExit(f"FAIL: pub {flags}: {r.stderr}")
    for t, name in ((as_json, "tail_json"), (pretty, "tail_pretty")):
        if t.wait(name) != 0:
            raise SystemExit(f"FAIL: {name}: {read(t.err)[-2000:]}")
    stamped, plain = (json.loads(line)["message"] for line in read(as_json.out).splitlines())
    if (stamped.get("origin"), stamped.get("device_key_id")) != ("local_socket", "laptop-1"):
        raise SystemExit(f"FAIL: provenance lost on the way: {stamped}")
    if "origin" in plain or "device_key_id" in plain:
        raise SystemExit(f"FAIL: provenance without the flags: {plain}")
    first, second = read(pretty.out).splitlines()
    if "principal=alice device_key_id=laptop-1 origin=local_socket" not in first:
        raise SystemExit(f"FAIL: pretty line without provenance: {first!r}")
    if "origin=" in second or "device_key_id=" in second:
        raise SystemExit(f"FAIL: pretty line with provenance it does not have: {second!r}")
    print("ok: provenance reaches tail as JSON and pretty:", first)
    srv.p.send_signal(signal.SIGTERM)
    srv.wait("server3")


def main():
    bus = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="astrid-e2e-") as tmp:
        fanout_and_kill(bus, tmp)
        server_stops_mid_stream(bus, tmp)
        provenance_shown(bus, tmp)
    print("PASS")


if __name__ == "__main__":
    main()

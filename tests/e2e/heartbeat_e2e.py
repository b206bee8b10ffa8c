#!/usr/bin/env python3
"""End-to-end check that silent nodes are noticed through middleman heartbeats.

A node stopped with SIGSTOP keeps its TCP connection open and says nothing;
only heartbeats (heartbeat_interval_ms, connection_timeout_ms in the config
file) reveal it. With short timeouts from a config file:
1. A SIGSTOPped `tail` is dropped by `serve` (logged, subscription removed)
   while another `tail` keeps receiving.
2. A SIGSTOPped `serve` makes a `tail` exit 1 with a clear error.

No fixed sleeps: the script polls process output with a deadline.
Usage: heartbeat_e2e.py ASTRID_BUS_BINARY
"""
import os
import signal
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from remote_e2e import Proc, read, serve_with, wait_for  # noqa: E402

CONFIG = """capacity = 100000
log_level = info
heartbeat_interval_ms = 100
connection_timeout_ms = 1000
"""


def start_tail(bus, tmp, conf, name, addr):
    t = Proc([bus, "tail", "--connect", addr, "--config", conf, "hb.*"], tmp, name)
    wait_for(lambda: "subscribed" in read(t.err) or t.p.poll() is not None, f"{name} to subscribe")
    if t.p.poll() is not None:
        raise SystemExit(f"FAIL: {name} exited early: {read(t.err)}")
    return t


def publish(bus, addr, n):
    pub = subprocess.run([bus, "pub", "--connect", addr, "--topic", "hb.x", "--payload",
                          '{"n":1}', "--repeat", str(n)], capture_output=True, text=True,
                         timeout=60)
    if pub.returncode != 0:
        raise SystemExit(f"FAIL: pub: {pub.stderr}")


def stopped_tail_is_dropped(bus, tmp, conf):
    srv, addr = serve_with(bus, tmp, "hb_server1", conf)
    frozen = start_tail(bus, tmp, conf, "hb_frozen", addr)
    alive = start_tail(bus, tmp, conf, "hb_alive", addr)
    frozen.p.send_signal(signal.SIGSTOP)
    try:
        publish(bus, addr, 5)
        wait_for(lambda: len(read(alive.out).splitlines()) >= 5, "the live tail's first events")
        wait_for(lambda: "remote subscriber gone" in read(srv.err), "the server to drop the frozen tail")
        print("ok: serve dropped the SIGSTOPped tail:",
              [l for l in read(srv.err).splitlines() if "remote subscriber gone" in l][0])
        publish(bus, addr, 5)
        wait_for(lambda: len(read(alive.out).splitlines()) >= 10, "the live tail's later events")
        if alive.p.poll() is not None:
            raise SystemExit(f"FAIL: the live tail exited: {read(alive.err)}")
        print("ok: the other tail kept receiving")
    finally:
        frozen.p.send_signal(signal.SIGKILL)
        frozen.p.wait()
        alive.p.send_signal(signal.SIGKILL)
        alive.p.wait()
        srv.p.send_signal(signal.SIGKILL)
        srv.p.wait()


def stopped_server_ends_the_tail(bus, tmp, conf):
    srv, addr = serve_with(bus, tmp, "hb_server2", conf)
    t = start_tail(bus, tmp, conf, "hb_orphan", addr)
    srv.p.send_signal(signal.SIGSTOP)
    try:
        rc = t.wait("hb_orphan")
        err = read(t.err)
        if rc != 1 or "is gone" not in err:
            raise SystemExit(f"FAIL: tail exited {rc} with stderr {err!r}")
        print("ok: tail exited 1 when its server went silent:", err.strip().splitlines()[-1])
    finally:
        if t.p.poll() is None:
            t.p.kill()
        srv.p.send_signal(signal.SIGKILL)
        srv.p.wait()


def main():
    bus = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="astrid-hb-") as tmp:
        conf = os.path.join(tmp, "heartbeat.conf")
        with open(conf, "w") as f:
            f.write(CONFIG)
        stopped_tail_is_dropped(bus, tmp, conf)
        stopped_server_ends_the_tail(bus, tmp, conf)
    print("PASS")


if __name__ == "__main__":
    main()

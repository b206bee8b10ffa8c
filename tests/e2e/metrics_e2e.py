#!/usr/bin/env python3
"""End-to-end check of `astrid-bus serve --metrics` with a real Prometheus.

serve (capacity 8, 1,000 bytes/s per guest) gets known traffic: a node whose
sync subscriber throws on three events, a tail frozen (SIGSTOP) while 200
events pass so that it lags, and a guest whose payload is larger than the
byte ceiling of a second. Then:
- the scraped page says what was done: events published (what pub
  accepted), crashes and restarts (3), the guest's rejection (1), the lag
  the node counted for the tail (what the tail lost on the node's side is
  part of what it reported, and the same under the reference's name),
  subscribers and connected nodes;
- `promtool check metrics` accepts the page;
- a Prometheus server scraping serve every second reports the target up,
  and a query through its HTTP API returns the crash counter.

Usage: metrics_e2e.py ASTRID_BUS_BINARY CRASHER_BINARY
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from remote_e2e import Proc, read, wait_for  # noqa: E402

CONFIG = """capacity = 8
throughput_bytes_per_sec = 1000
log_level = info
"""


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def samples(page):
    out = {}
    for line in page.splitlines():
        if line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            out[key] = float(value)
    return out


def pub(bus, addr, *args, stdin=None):
    r = subprocess.run([bus, "pub", "--connect", addr, *args], input=stdin, capture_output=True,
                       text=True, timeout=120)
    if r.returncode != 0:
        raise SystemExit(f"FAIL: pub {args}: {r.stderr}")
    accepted = int(re.search(r"accepted=(\d+)", r.stderr).group(1))
    m = re.search(r"rejected\(Rate limit exceeded\)=(\d+)", r.stderr)
    return accepted, int(m.group(1)) if m else 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def expect(page, key, want, what):
    got = page.get(key)
    if got != want:
        raise SystemExit(f"FAIL: {what}: {key} is {got}, expected {want}")
    print(f"ok: {what}: {key} = {got:g}")


def traffic(bus, crasher_bin, tmp, addr):
    """Returns what was done: (ipc accepted, crashes, rejections, tail's view of its lag)."""
    crasher = subprocess.Popen([crasher_bin, addr], stdin=subprocess.PIPE,
                               stderr=open(os.path.join(tmp, "crasher.err"), "w"), text=True)
    wait_for(lambda: "subscribed" in read(os.path.join(tmp, "crasher.err")) or crasher.poll() is not None,
             "the crasher to subscribe")
    tail = Proc([bus, "tail", "--connect", addr, "m.*"], tmp, "metrics_tail")
    wait_for(lambda: "subscribed" in read(tail.err), "the tail to subscribe")
    tail.p.send_signal(signal.SIGSTOP)
    accepted, _ = pub(bus, addr, "--topic", "m.x", "--payload", "1", "--repeat", "200")
    tail.p.send_signal(signal.SIGCONT)
    wait_for(lambda: len(read(tail.out).splitlines()) + tail_lag(tail) >= accepted,
             "the tail to account for every event")
    crashed, _ = pub(bus, addr, "--topic", "c.x", "--payload", '{"crash":true}', "--repeat", "3")
    guest_ok, rejected = pub(bus, addr, "--topic", "g.x", "--principal", "guest", "-",
                             stdin=json.dumps({"blob": "x" * 2000}) + "\n")
    return tail, crasher, accepted + crashed + guest_ok, crashed, rejected


def tail_lag(tail):
    return sum(int(n) for n in re.findall(r"lagged (\d+) events", read(tail.err)))


def check_page(page, published, crashes, rejected, tail):
    expect(page, 'astrid_bus_events_published_total{kind="ipc",event_kind="ipc"}', published,
           "published")
    expect(page, "astrid_bus_subscriber_crashes_total", crashes, "crashes of a remote handler")
    expect(page, "astrid_bus_subscriber_restarts_total", crashes, "restarts")
    expect(page, 'astrid_bus_ipc_rejected_total{reason="rate_limit_exceeded"}', rejected,
           "rate-limited guest")
    expect(page, 'astrid_bus_subscribers{kind="topic_receiver"}', 0, "topic receivers (tail is remote)")
    expect(page, 'astrid_bus_subscribers{kind="actor"}', 1, "the tail's remote receiver")
    expect(page, 'astrid_bus_subscribers{kind="sync"}', 1, "the crasher's subscriber")
    expect(page, "astrid_bus_nodes_connected", 2, "connected nodes (tail, crasher)")
    lag = sum(v for k, v in page.items() if k.startswith('astrid_bus_events_lagged_total{subscriber="tail@'))
    if not 0 < lag <= tail_lag(tail):
        raise SystemExit(f"FAIL: lag counted by the node {lag}, reported by the tail {tail_lag(tail)}")
    print(f"ok: the node counted {lag:g} events lost for the frozen tail, "
          f"the tail reported {tail_lag(tail)} in all")
    same = sum(v for k, v in page.items()
               if k.startswith('astrid_bus_receiver_lagged_total{subscriber="tail@'))
    if same != lag:
        raise SystemExit(f"FAIL: astrid_bus_receiver_lagged_total says {same}, ours {lag}")
    print("ok: the reference's astrid_bus_receiver_lagged_total says the same")


def with_prometheus(tmp, metrics_port, crashes):
    port = free_port()
    conf = os.path.join(tmp, "prometheus.yml")
    with open(conf, "w") as f:
        f.write("global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: astrid\n"
                f"    static_configs:\n      - targets: ['127.0.0.1:{metrics_port}']\n")
    prom = Proc([shutil.which("prometheus") or "/usr/bin/prometheus", f"--config.file={conf}",
                 f"--storage.tsdb.path={tmp}/tsdb", f"--web.listen-address=127.0.0.1:{port}",
                 "--log.level=warn"], tmp, "prometheus")
    api = f"http://127.0.0.1:{port}/api/v1"

    def target_up():
        try:
            targets = json.loads(get(f"{api}/targets"))["data"]["activeTargets"]
            return any(t["health"] == "up" for t in targets)
        except OSError:
            return prom.p.poll() is not None
    wait_for(target_up, "Prometheus to scrape serve")
    if prom.p.poll() is not None:
        raise SystemExit(f"FAIL: prometheus exited: {read(prom.err)}")
    print("ok: Prometheus reports the astrid target up")
    query = urllib.parse.quote("astrid_bus_subscriber_crashes_total")
    result = json.loads(get(f"{api}/query?query={query}"))["data"]["result"]
    if not result or float(result[0]["value"][1]) != crashes:
        raise SystemExit(f"FAIL: Prometheus query returned {result}")
    print(f"ok: Prometheus query astrid_bus_subscriber_crashes_total = {result[0]['value'][1]}")
    prom.p.send_signal(signal.SIGTERM)
    prom.wait("prometheus")


def main():
    bus, crasher_bin = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory(prefix="astrid-metrics-") as tmp:
        conf = os.path.join(tmp, "metrics.conf")
        with open(conf, "w") as f:
            f.write(CONFIG)
        srv = Proc([bus, "serve", "--port", "0", "--metrics", "127.0.0.1:0", "--config", conf],
                   tmp, "metrics_server")
        wait_for(lambda: "metrics http" in read(srv.out) or srv.p.poll() is not None,
                 "the metrics line")
        lines = read(srv.out).splitlines()
        addr, url = lines[0].split()[1], lines[1].split()[1]
        tail, crasher, published, crashes, rejected = traffic(bus, crasher_bin, tmp, addr)
        page_text = get(url)
        check_page(samples(page_text), published, crashes, rejected, tail)
        promtool = subprocess.run([shutil.which("promtool") or "/usr/bin/promtool", "check",
                                   "metrics"], input=page_text, capture_output=True, text=True,
                                  timeout=60)
        if promtool.returncode != 0:
            raise SystemExit(f"FAIL: promtool check metrics: {promtool.stdout}{promtool.stderr}")
        print("ok: promtool check metrics accepts the page")
        with_prometheus(tmp, url.split(":")[2].split("/")[0], crashes)
        crasher.stdin.close()
        crasher.wait(timeout=60)
        tail.p.send_signal(signal.SIGTERM)
        tail.wait("metrics_tail")
        srv.p.send_signal(signal.SIGTERM)
        srv.wait("metrics_server")
    print("PASS")


if __name__ == "__main__":
    main()

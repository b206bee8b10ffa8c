#!/usr/bin/env python3
"""End-to-end check that bad input is refused before anything starts.

Every case runs the real binary with a time limit and checks its exit code
(2: input error, 1: runtime failure), that its one stderr line names the
file, flag or config line and the reason, and that stdout (NDJSON only)
stays empty:

1. TLS files that are missing, empty, not PEM, a key of another
   certificate or with a passphrase, a CA file without a certificate: serve, tail, pub and stats
   exit 2 naming the file, instead of serving until the first peer aborts
   them, or hanging with CAF's exception on stdout.
2. A pattern or topic deeper than 20 segments exits 2 naming the limit,
   also when the node could not be reached anyway.
3. --metrics 99999, and `metrics = 99999` in a config file (file:line).
4. A port in use, for the node or its metrics (exit 1, "address already
   in use"); a --bind or --connect
   host that does not resolve (exit 1, "does not resolve"), with and
   without --insecure-plaintext.
5. A TLS serve with valid files refuses a client holding a certificate of
   another CA (the client exits 1, nothing on stdout), and goes on serving.

Usage: input_e2e.py ASTRID_BUS_BINARY
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from exposure_e2e import make_certs, still_serves, tls_args  # noqa: E402
from remote_e2e import Proc, read, wait_for  # noqa: E402

DEEP = ".".join(["a"] * 25)


def expect(bus, args, code, *parts, stdin=None):
    """Runs `bus args` (30 s at most); checks exit code, stderr parts, empty stdout."""
    try:
        r = subprocess.run([bus, *args], capture_output=True, text=True, timeout=30,
                           input=stdin if stdin is not None else "")
    except subprocess.TimeoutExpired:
        raise SystemExit(f"FAIL: {args} did not exit within 30 s")
    what = " ".join(a if len(a) < 60 else a[:57] + "..." for a in args)
    if r.returncode != code:
        raise SystemExit(f"FAIL: {what}: exit {r.returncode}, not {code}: {r.stderr!r}")
    if r.stdout:
        raise SystemExit(f"FAIL: {what}: wrote to stdout: {r.stdout!r}")
    for part in parts:
        if part not in r.stderr:
            raise SystemExit(f"FAIL: {what}: {part!r} not in stderr {r.stderr!r}")
    if len(r.stderr.splitlines()) != 1:
        raise SystemExit(f"FAIL: {what}: not one line on stderr: {r.stderr!r}")
    if "unhandled exception" in r.stderr:
        raise SystemExit(f"FAIL: {what}: CAF's own report: {r.stderr!r}")
    print(f"ok: exit {code}: {r.stderr.strip().splitlines()[-1]}")


def bad_tls_files(bus, tmp, paths, conf):
    cert, key = paths["node"]
    ca = paths["ca"]
    empty, garbage = os.path.join(tmp, "empty.pem"), os.path.join(tmp, "garbage.pem")
    open(empty, "w").close()
    with open(garbage, "w") as f:
        f.write("not a certificate\n")
    missing = os.path.join(tmp, "missing.pem")
    rogue_key = paths["intruder"][1]
    node = ["--config", conf]
    expect(bus, ["serve", "--port", "0", *node, "--tls-cert", missing, "--tls-key", missing,
                 "--tls-ca", missing], 2, f"TLS certificate '{missing}': No such file or directory")
    expect(bus, ["tail", "--connect", "127.0.0.1:1", *node, "--tls-cert", cert, "--tls-key",
                 missing, "--tls-ca", ca], 2, f"TLS key '{missing}': No such file or directory")
    expect(bus, ["tail", *node, "--tls-cert", empty, "--tls-key", key, "--tls-ca", ca], 2,
           f"TLS certificate '{empty}': the file is empty")
    expect(bus, ["pub", "--topic", "a.b", "--payload", "{}", *node, "--tls-cert", garbage,
                 "--tls-key", key, "--tls-ca", ca], 2, f"TLS certificate '{garbage}': no start line")
    expect(bus, ["pub", "--topic", "a.b", "--payload", "{}", *node, "--tls-cert", cert,
                 "--tls-key", rogue_key, "--tls-ca", ca], 2,
           f"TLS key '{rogue_key}': does not belong to the certificate '{cert}'")
    encrypted = os.path.join(tmp, "encrypted-key.pem")
    subprocess.run(["openssl", "pkey", "-in", key, "-aes256", "-passout", "pass:secret", "-out",
                    encrypted], check=True, capture_output=True)
    expect(bus, ["stats", *node, "--tls-cert", cert, "--tls-key", encrypted, "--tls-ca", ca], 2,
           f"TLS key '{encrypted}': encrypted with a passphrase")
    expect(bus, ["stats", *node, "--tls-cert", cert, "--tls-key", key, "--tls-ca", empty], 2,
           f"TLS CA file '{empty}': the file is empty")
    expect(bus, ["stats", *node, "--tls-cert", cert, "--tls-key", key, "--tls-ca", garbage], 2,
           f"TLS CA file '{garbage}': no certificate or crl found")
    with open(os.path.join(tmp, "tls.conf"), "w") as f:
        f.write(f"tls_certificate = {cert}\ntls_key = {key}\ntls_ca_file = {missing}\n")
    expect(bus, ["serve", "--port", "0", "--config", os.path.join(tmp, "tls.conf")], 2,
           f"TLS CA file '{missing}': No such file or directory")


def bad_patterns_and_addresses(bus, tmp, conf):
    node = ["--config", conf]
    expect(bus, ["tail", "--connect", "127.0.0.1:1", *node, DEEP], 2,
           f"pattern '{DEEP}': deeper than 20 segments")
    expect(bus, ["tail", "--connect", "not.a.host.invalid:7420", *node, DEEP], 2,
           "deeper than 20 segments")
    expect(bus, ["pub", "--connect", "127.0.0.1:1", "--topic", DEEP, "--payload", "{}", *node], 2,
           f"--topic '{DEEP}': deeper than 20 segments")
    expect(bus, ["serve", "--port", "0", "--metrics", "99999", *node], 2,
           "--metrics: expected HOST:PORT or PORT with a port 0-65535, got '99999'")
    bad_conf = os.path.join(tmp, "metrics.conf")
    with open(bad_conf, "w") as f:
        f.write("log_level = info\nmetrics = 99999\n")
    expect(bus, ["serve", "--port", "0", "--config", bad_conf], 2,
           f"{bad_conf}:2: key 'metrics': expected HOST:PORT or PORT with a port 0-65535")
    expect(bus, ["tail", "--connect", "not.a.host.invalid:7420", *node], 1,
           "--connect not.a.host.invalid: the name 'not.a.host.invalid' does not resolve")
    expect(bus, ["stats", "--connect", "not.a.host.invalid:7420", *node], 1, "does not resolve")
    for extra in ([], ["--insecure-plaintext"]):
        expect(bus, ["serve", "--port", "0", "--bind", "not.a.host.invalid", *extra, *node], 1,
               "--bind not.a.host.invalid: the name 'not.a.host.invalid' does not resolve")


def port_in_use(bus, conf):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        expect(bus, ["serve", "--port", str(port), "--config", conf], 1,
               f"cannot serve on 127.0.0.1:{port}: address already in use")
        expect(bus, ["serve", "--port", "0", "--metrics", str(port), "--config", conf], 1,
               f"cannot serve metrics on {port}: address already in use")


def tls_survives_a_bad_client(bus, tmp, paths, conf):
    srv = Proc([bus, "serve", "--port", "0", "--config", conf, *tls_args(paths)], tmp, "in_tls")
    wait_for(lambda: "listening" in read(srv.out) or srv.p.poll() is not None, "the TLS port line")
    addr = read(srv.out).split()[1]
    cert, key = paths["intruder"]
    rogue = ["--tls-cert", cert, "--tls-key", key, "--tls-ca", paths["rogue"]]
    expect(bus, ["stats", "--connect", addr, "--config", conf, *rogue], 1, f"cannot connect to {addr}")
    expect(bus, ["pub", "--connect", addr, "--topic", "a.b", "--payload", "{}", "--config", conf],
           1, f"cannot connect to {addr}")
    if srv.p.poll() is not None:
        raise SystemExit(f"FAIL: TLS serve ended after a refused client: {read(srv.err)}")
    still_serves(bus, tmp, addr, "in_tls_tail", tls_args(paths))
    print("ok: TLS serve refused clients without a valid certificate and went on serving")
    srv.p.send_signal(signal.SIGTERM)
    srv.wait("in_tls")


def main():
    bus = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="astrid-input-") as tmp:
        conf = os.path.join(tmp, "input.conf")
        with open(conf, "w") as f:
            f.write("log_level = info\n")
        paths = make_certs(tmp)
        paths["rogue"] = os.path.join(tmp, "rogue.pem")
        bad_tls_files(bus, tmp, paths, conf)
        bad_patterns_and_addresses(bus, tmp, conf)
        port_in_use(bus, conf)
        tls_survives_a_bad_client(bus, tmp, paths, conf)
    print("PASS")


if __name__ == "__main__":
    main()

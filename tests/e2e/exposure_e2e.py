#!/usr/bin/env python3
"""End-to-end check that a served node survives whoever reaches its port.

1. Plain TCP on loopback: three connections each send one 32-byte BASP
   header announcing a 0xF0000000-byte payload and nothing else (a peer
   that needs no handshake, no certificate, only the port). serve closes
   each of them, grows by less than 64 MiB and keeps serving a tail.
2. TLS: three clients without a certificate, and three with a certificate
   of another CA, try the same; none gets past the TLS handshake, the node
   grows by less than 64 MiB, and a node holding the right certificate
   still receives events.
3. serve --bind 0.0.0.0 without TLS exits 2 naming the risk; with
   --insecure-plaintext it starts and logs a security warning.

Usage: exposure_e2e.py ASTRID_BUS_BINARY
"""
import os
import signal
import socket
import ssl
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from remote_e2e import Proc, read, serve_with, wait_for  # noqa: E402

BOMB = bytes([0x01, 0, 0, 0]) + (0xF0000000).to_bytes(4, "big") + (1).to_bytes(8, "big") + bytes(16)
GROWTH_LIMIT_KIB = 64 * 1024


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise SystemExit(f"FAIL: no VmRSS for pid {pid}")


def host_port(addr):
    host, port = addr.rsplit(":", 1)
    return host, int(port)


def bomb_plain(addr):
    """Sends the header; returns True once the server closed the connection."""
    with socket.create_connection(host_port(addr), timeout=30) as s:
        s.sendall(BOMB)
        try:
            while s.recv(4096):
                pass  # the server's own handshake comes first
        except ConnectionResetError:
            pass
        return True


def bomb_tls(addr, ca, cert=None, key=None):
    """Tries the header over TLS; returns what stopped it (never the header)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.load_verify_locations(ca)
    if cert:
        ctx.load_cert_chain(cert, key)
    try:
        with socket.create_connection(host_port(addr), timeout=30) as raw:
            with ctx.wrap_socket(raw) as s:
                s.sendall(BOMB)
                data = s.recv(4096)  # TLS 1.3: the server's verdict on our certificate
                return "closed" if not data else f"unexpected {len(data)} bytes"
    except (ssl.SSLError, ConnectionResetError, BrokenPipeError) as e:
        return f"refused: {e}"


def make_certs(tmp):
    """A CA that signs the node's certificate, and an unrelated second CA with a certificate."""
    def run(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    paths = {}
    for ca in ("ca", "rogue"):
        run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", f"/CN={ca}",
            "-keyout", f"{tmp}/{ca}-key.pem", "-out", f"{tmp}/{ca}.pem")
    for name, ca in (("node", "ca"), ("intruder", "rogue")):
        run("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}",
            "-keyout", f"{tmp}/{name}-key.pem", "-out", f"{tmp}/{name}.csr")
        run("x509", "-req", "-in", f"{tmp}/{name}.csr", "-CA", f"{tmp}/{ca}.pem",
            "-CAkey", f"{tmp}/{ca}-key.pem", "-CAcreateserial", "-days", "1",
            "-out", f"{tmp}/{name}.pem")
        paths[name] = (f"{tmp}/{name}.pem", f"{tmp}/{name}-key.pem")
    paths["ca"] = f"{tmp}/ca.pem"
    return paths


def tls_args(paths, name="node"):
    cert, key = paths[name]
    return ["--tls-cert", cert, "--tls-key", key, "--tls-ca", paths["ca"]]


def still_serves(bus, tmp, addr, name, extra=()):
    t = Proc([bus, "tail", "--connect", addr, "--count", "1", "exp.*", *extra], tmp, name)
    wait_for(lambda: "subscribed" in read(t.err) or t.p.poll() is not None, f"{name} to subscribe")
    pub = subprocess.run([bus, "pub", "--connect", addr, "--topic", "exp.x", "--payload", '{"n":1}',
                          *extra], capture_output=True, text=True, timeout=60)
    if pub.returncode != 0 or t.wait(name) != 0 or len(read(t.out).splitlines()) != 1:
        raise SystemExit(f"FAIL: {name} got nothing after the attack: {read(t.err)} {pub.stderr}")


def check_growth(srv, before, what):
    grown = rss_kib(srv.p.pid) - before
    if grown > GROWTH_LIMIT_KIB:
        raise SystemExit(f"FAIL: {what}: serve grew by {grown // 1024} MiB")
    print(f"ok: {what}: serve grew by {grown} KiB (limit {GROWTH_LIMIT_KIB} KiB)")


def plain_bomb(bus, tmp, conf):
    srv, addr = serve_with(bus, tmp, "exp_plain", conf)
    before = rss_kib(srv.p.pid)
    for _ in range(3):
        bomb_plain(addr)
    wait_for(lambda: read(srv.err).count("announced a message of 4026531840 bytes") == 3,
             "serve to log the three refused headers")
    check_growth(srv, before, "three 4 GiB headers in plain TCP")
    still_serves(bus, tmp, addr, "exp_plain_tail")
    print("ok: plain TCP: each connection was closed, and serve went on serving")
    srv.p.send_signal(signal.SIGTERM)
    srv.wait("exp_plain")


def tls_bomb(bus, tmp, conf):
    paths = make_certs(tmp)
    srv = Proc([bus, "serve", "--port", "0", "--config", conf, *tls_args(paths)], tmp, "exp_tls")
    wait_for(lambda: "listening" in read(srv.out) or srv.p.poll() is not None, "the TLS port line")
    addr = read(srv.out).split()[1]
    before = rss_kib(srv.p.pid)
    for who, cert in (("no certificate", None), ("a certificate of another CA", paths["intruder"])):
        for _ in range(3):
            verdict = bomb_tls(addr, paths["ca"], *(cert or (None, None)))
            if not (verdict.startswith("refused") or verdict == "closed"):
                raise SystemExit(f"FAIL: TLS with {who}: {verdict}")
        print(f"ok: TLS with {who}: {verdict}")
    check_growth(srv, before, "six TLS clients without a valid certificate")
    still_serves(bus, tmp, addr, "exp_tls_tail", tls_args(paths))
    print("ok: TLS: a node with the CA's certificate still receives events")
    srv.p.send_signal(signal.SIGTERM)
    srv.wait("exp_tls")


def refuses_open_plaintext(bus, tmp, conf):
    r = subprocess.run([bus, "serve", "--port", "0", "--bind", "0.0.0.0", "--config", conf],
                       capture_output=True, text=True, timeout=60)
    if r.returncode != 2 or "without TLS" not in r.stderr:
        raise SystemExit(f"FAIL: serve --bind 0.0.0.0 exited {r.returncode}: {r.stderr!r}")
    print("ok: serve --bind 0.0.0.0 without TLS refused:", r.stderr.strip().splitlines()[-1])
    srv = Proc([bus, "serve", "--port", "0", "--bind", "0.0.0.0", "--insecure-plaintext",
                "--config", conf], tmp, "exp_open")
    wait_for(lambda: "listening" in read(srv.out) or srv.p.poll() is not None, "the open port line")
    if "security: serving without TLS" not in read(srv.err):
        raise SystemExit(f"FAIL: no security warning: {read(srv.err)}")
    print("ok: --insecure-plaintext serves beyond loopback and logs a security warning")
    srv.p.send_signal(signal.SIGTERM)
    srv.wait("exp_open")


def main():
    bus = sys.argv[1]
    with tempfile.TemporaryDirectory(prefix="astrid-exposure-") as tmp:
        conf = os.path.join(tmp, "exposure.conf")
        with open(conf, "w") as f:
            f.write("log_level = info\n")
        plain_bomb(bus, tmp, conf)
        tls_bomb(bus, tmp, conf)
        refuses_open_plaintext(bus, tmp, conf)
    print("PASS")


if __name__ == "__main__":
    main()

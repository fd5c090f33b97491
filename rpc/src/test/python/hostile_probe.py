"""Hostile-peer probes that the shared miniclient lacks, for org.flapp.rpc.hostile tests.

Reuses miniclient's Session (an independent Foolscap client: plaintext GET, TLS, hellos, Banana
with vocab table 1) from the shared tools folder, then misbehaves. Prints every top-level item the
server sends as "<- ...", then how the connection ended:

    end: closed after 0.3 s      (the server closed it)
    end: quiet for 3.0 s         (nothing more arrived; the connection was still open)

Usage: hostile_probe.py SHARED_TOOLS_DIR MODE FURL CERTPEM [ARG]
  deep N          a call to echo whose argument nests N lists (OPENs, then CLOSEs), then PING 7
  huge-string     a call to echo whose argument is a STRING header declaring 2**40 bytes
  big-message MIB a call to echo with MIB strings of 1 MiB each, then PING 7
  flood N         N pipelined calls to `never` (a handler that never answers); prints how many
                  went out, then holds the connection until stdin closes
  stall-hello     GET, TLS handshake, then silence (no hello): how long until the server closes
  misbehave WHICH miniclient's own probe WHICH (see miniclient.py), with one change: its final
                  line tells a closed connection ("end: EOFError(...)") from a quiet one
                  ("end: TimeoutError(...)"), which miniclient itself reports alike
"""
import os
import socket
import ssl
import sys
import time

sys.path.insert(0, sys.argv[1])
import bananadec as bd  # noqa: E402  (from the shared tools folder)
import bananaenc as be  # noqa: E402
import miniclient  # noqa: E402
from miniclient import Conn, Session, parse_furl, hint_hostport  # noqa: E402

QUIET = 3.0


def violations(item):
    """Every byte string in an item that starts like a Violation text (render() cuts them short)."""
    value = getattr(item, "value", None)
    if isinstance(value, bytes) and value.startswith(b"Violation"):
        yield value
    for child in getattr(item, "children", None) or ():
        yield from violations(child)


def watch(s, quiet=QUIET):
    """Prints what arrives until the server closes the connection or stays quiet for `quiet` s."""
    start = time.time()

    def recv_some():
        d = s.c.s.recv(65536)
        return d if d else None

    s.c.recv_some = recv_some
    s.c.s.settimeout(quiet)
    try:
        while True:
            m = s.next_message()
            print("<-", bd.render(m)[:600], flush=True)
            for text in violations(m):
                print("violation: ...%s" % text[-300:].decode("utf-8", "replace"), flush=True)
    except EOFError:
        print("end: closed after %.1f s" % (time.time() - start), flush=True)
    except socket.timeout:
        print("end: quiet for %.1f s" % (time.time() - start), flush=True)
    except OSError as e:  # a reset counts as closed
        print("end: closed after %.1f s (%s)" % (time.time() - start, e.__class__.__name__), flush=True)


def connect(furl, cert):
    s = Session(furl, cert, cid="hostile-%d" % os.getpid())
    s.call(0, "getReferenceByName", kwargs={"name": s.swissnum.encode()})
    answer = s.next_message()
    return s, answer.children[1].children[0].value  # the service's clid


def call_prefix(s, reqid, clid, method):
    """OPEN call, reqID, clid, method, OPEN arguments, count 1: the caller appends one argument."""
    e = s.enc
    cid, t1 = e.open()
    aid, t2 = e.open()
    data = (t1 + e.bytes_token(b"call") + e.int_token(reqid) + e.int_token(clid) + e.bytes_token(method)
            + t2 + e.bytes_token(b"arguments") + e.int_token(1))
    return data, (aid, cid)


def ping(n):
    return be.b128(n) + bytes([be.PING])


def deep(furl, cert, depth):
    s, svc = connect(furl, cert)
    e = s.enc
    data, (aid, cid) = call_prefix(s, 2, svc, b"echo")
    parts = [data]
    ids = []
    for _ in range(depth):
        oid, t = e.open()
        ids.append(oid)
        parts.append(t + e.bytes_token(b"list"))
    for oid in reversed(ids):
        parts.append(e.close(oid))
    parts.append(e.close(aid) + e.close(cid) + ping(7))
    s.send(b"".join(parts))
    watch(s)


def huge_string(furl, cert):
    s, svc = connect(furl, cert)
    data, _ = call_prefix(s, 2, svc, b"echo")
    s.send(data + be.b128(2 ** 40) + bytes([be.STRING]) + b"only a few bytes follow")
    watch(s)


def big_message(furl, cert, mib):
    s, svc = connect(furl, cert)
    e = s.enc
    cid, t1 = e.open()
    aid, t2 = e.open()
    lid, t3 = e.open()
    chunk = b"x" * (1 << 20)
    body = b"".join(be.b128(len(chunk)) + bytes([be.STRING]) + chunk for _ in range(mib))
    s.send(t1 + e.bytes_token(b"call") + e.int_token(2) + e.int_token(svc) + e.bytes_token(b"echo")
           + t2 + e.bytes_token(b"arguments") + e.int_token(1)
           + t3 + e.bytes_token(b"list") + body + e.close(lid) + e.close(aid) + e.close(cid) + ping(7))
    watch(s)


def flood(furl, cert, count):
    s, svc = connect(furl, cert)
    calls = b"".join(s.enc.call(2 + i, svc, "never", (i,)) for i in range(count))
    s.c.s.settimeout(5)
    sent = 0
    try:
        while sent < len(calls):
            sent += s.c.s.send(calls[sent:sent + 65536])
    except socket.timeout:
        pass
    print("sent %d of %d bytes" % (sent, len(calls)), flush=True)
    sys.stdin.read()  # hold the connection open until the test is done


def stall_hello(furl, cert):
    tubid, hints, _ = parse_furl(furl)
    host, port = hint_hostport(hints[0])
    c = Conn(host, port, "stall-hello-%d" % os.getpid())
    c.send(("GET /id/%s HTTP/1.1\r\nHost: %s\r\nUpgrade: TLS/1.0\r\nConnection: Upgrade\r\n\r\n"
            % (tubid, host)).encode(), "http-request")
    c.read_block()
    c.start_tls(cert)
    start = time.time()
    c.s.settimeout(30)
    received = b""
    ending = "closed"
    while True:  # the server's hello arrives; then nothing, until it gives up on us
        try:
            got = c.s.recv(65536)
        except socket.timeout:
            ending = "quiet"
            break
        except OSError:
            break
        if not got:
            break
        received += got
    print("received %d bytes: %r" % (len(received), received[:60]), flush=True)
    print("end: %s after %.1f s" % (ending, time.time() - start), flush=True)


def recv_telling_timeout(self):
    """Conn.recv_some, except that a read timeout propagates instead of looking like EOF."""
    try:
        d = self.s.recv(65536)
    except (ConnectionResetError, ssl.SSLError):
        return None
    return d or None


def main():
    if sys.argv[2] == "misbehave":
        Conn.recv_some = recv_telling_timeout
        miniclient.run_misbehave(sys.argv[4], sys.argv[5], sys.argv[3])
        return
    mode, furl, cert = sys.argv[2], sys.argv[3], sys.argv[4]
    arg = sys.argv[5] if len(sys.argv) > 5 else None
    if mode == "deep":
        deep(furl, cert, int(arg))
    elif mode == "huge-string":
        huge_string(furl, cert)
    elif mode == "big-message":
        big_message(furl, cert, int(arg))
    elif mode == "flood":
        flood(furl, cert, int(arg))
    elif mode == "stall-hello":
        stall_hello(furl, cert)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

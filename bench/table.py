#!/usr/bin/env python3
"""Prints bench/run-all.sh's figures (RESULTS: one "key value" a line) as the Markdown table of
docs/performance.md: job | Python | Flapp | OpenSSH | goal | met?, each goal of issue 11 checked
against the figures of the same run. Usage: table.py RESULTS [NOTE]"""
import sys

r = {}
for line in open(sys.argv[1]):
    key, _, value = line.strip().partition(" ")
    try:
        r[key] = float(value)
    except ValueError:
        pass
note = sys.argv[2] if len(sys.argv) > 2 else ""


def get(key):
    return r.get(key)


def fmt(value, unit):
    if value is None:
        return "-"
    if unit == "s":
        return "%.2f s" % value
    if unit == "MiB":
        return "%.0f MiB" % value
    if unit == "MB/s":
        return "%.0f MB/s" % value
    if unit == "calls/s":
        return "{:,.0f}/s".format(value)
    return "%g %s" % (value, unit)


def failed(*keys):
    n = sum(int(r.get(k + ".failures", 0)) for k in keys)
    return " (%d failed)" % n if n else ""


def check(ok):
    if ok is None:
        return "?"
    return "yes" if ok else "**no**"


def ratio(a, b):
    return None if a is None or not b else a / b


rows = []


def row(job, py, ours, ssh, goal, ok):
    rows.append((job, py, ours, ssh, goal, check(ok)))


def le(a, b, factor=1.0):
    return None if a is None or b is None else a <= b * factor


def ge(a, b, factor=1.0):
    return None if a is None or b is None else a >= b * factor


up_o, up_p, up_s = get("up.ours.s"), get("up.py.s"), get("up.scp.s")
row("upload 6 bytes, whole client process", fmt(up_p, "s") + failed("up.py"), fmt(up_o, "s") + failed("up.ours"),
    "scp " + fmt(up_s, "s") + failed("up.scp"), "Flapp ≤ scp (JVM `--version` %s)" % fmt(get("jvm.version.s"), "s"),
    le(up_o, up_s))
t_o, t_p, t_s = get("true.ours.s"), get("true.py.s"), get("true.ssh.s")
row("run-command `true`", fmt(t_p, "s"), fmt(t_o, "s") + failed("true.ours"), "ssh forced command " + fmt(t_s, "s"),
    "Flapp ≤ ssh", le(t_o, t_s))
rss_o, rss_p = get("up.ours.rss.mib"), get("up.py.rss.mib")
row("client peak RSS, small upload", fmt(rss_p, "MiB"), fmt(rss_o, "MiB"), "scp " + fmt(get("up.scp.rss.mib"), "MiB"),
    "Flapp ≤ Python", le(rss_o, rss_p))
b_o, b_po, b_p, b_s = get("bulk.ours.mbs"), get("bulk.pyclient-ours.mbs"), get("bulk.py.mbs"), get("bulk.scp.mbs")
row("bulk upload, our client → our server (fsync included)", fmt(b_p, "MB/s") + " (Python pair)",
    "%s (client CPU %s, server %s)%s" % (fmt(b_o, "MB/s"), fmt(get("bulk.ours.client.cpu.s"), "s"),
                                         fmt(get("bulk.ours.server.cpu.s"), "s"), failed("bulk.ours")),
    "scp %s (then fsync: %s)" % (fmt(b_s, "MB/s"), fmt(get("bulk.scp-fsync.mbs"), "MB/s")),
    "≥ 2× scp", ge(b_o, b_s, 2))
row("bulk upload, Python's client → our server", fmt(b_p, "MB/s") + " (Python's server)",
    fmt(b_po, "MB/s") + failed("bulk.pyclient-ours"), "", "≥ 1.5× Python's server", ge(b_po, b_p, 1.5))
br_o, br_p = get("bulk.ours.client.rss.mib"), get("bulk.py.client.rss.mib")
row("client peak RSS, bulk upload", fmt(br_p, "MiB"), fmt(br_o, "MiB"), "", "Flapp ≤ 64 MiB", le(br_o, 64))
w_o, w_p, w_s = get("wc.ours.mbs"), get("wc.py.mbs"), get("wc.ssh.mbs")
row("stdin through `wc -c`", fmt(w_p, "MB/s"), fmt(w_o, "MB/s") + failed("wc.ours"), "ssh " + fmt(w_s, "MB/s"),
    "≥ 1.5× ssh", ge(w_o, w_s, 1.5))
c_o, c_p = get("burst.ours.s"), get("burst.py.s")
fails = int(r.get("burst.ours.failures", 0))
row("many clients at once, total wall", fmt(c_p, "s") + failed("burst.py"), fmt(c_o, "s") + failed("burst.ours"), "",
    "≤ 0.5× Python, 0 failures", None if le(c_o, c_p, 0.5) is None else le(c_o, c_p, 0.5) and fails == 0)
cr_o, cr_p = get("burst.ours.server.rss.mib"), get("burst.py.server.rss.mib")
row("server peak RSS during those", fmt(cr_p, "MiB"), fmt(cr_o, "MiB"), "", "≤ 2× Python", le(cr_o, cr_p, 2))
row("server CPU during those", fmt(get("burst.py.server.cpu.s"), "s"), fmt(get("burst.ours.server.cpu.s"), "s"), "",
    "", None)
i_o, i_p = get("idle.rss.ours.mib"), get("idle.rss.py.mib")
row("server idle RSS after start", fmt(i_p, "MiB"), fmt(i_o, "MiB"), "", "≤ 1.5× Python", le(i_o, i_p, 1.5))
s_o, s_p = get("start.ours.up.s"), get("start.py.up.s")
row("`start` → port accepts / → first upload OK",
    "%s / %s" % (fmt(get("start.py.port.s"), "s"), fmt(s_p, "s")),
    "%s / %s" % (fmt(get("start.ours.port.s"), "s"), fmt(s_o, "s")), "", "first upload ≤ Python", le(s_o, s_p))
transport = next((k.split(".")[2] for k in r if k.startswith("engine.netty.")), "?")
limit = get("engine.netty.%s.pingpong-caller-tls" % transport)
loop_limit = get("engine.netty.%s.pingpong-loop" % transport)
q_o, q_n, q_d, q_p = (get("engine.java.sequential"), get("engine.java.nonblocking.sequential"),
                      get("engine.java.direct.sequential"), get("engine.python.sequential"))
row("engine: sequential callRemote (default / non-blocking handler / direct executor)", fmt(q_p, "calls/s"),
    "%s / %s / %s" % (fmt(q_o, "calls/s"), fmt(q_n, "calls/s"), fmt(q_d, "calls/s")),
    "raw Netty %s ping-pong, caller thread + TLS %s (loop to loop, plain %s)" % (
        transport, fmt(limit, "calls/s"), fmt(loop_limit, "calls/s")), "≥ 20× Python (%s×)" % (
        "%.1f" % ratio(q_o, q_p) if ratio(q_o, q_p) else "?"), ge(q_o, q_p, 20))
p_o, p_d, p_p = get("engine.java.pipelined"), get("engine.java.direct.pipelined"), get("engine.python.pipelined")
row("engine: pipelined callRemote, 100 in flight", fmt(p_p, "calls/s"),
    "%s / %s" % (fmt(p_o, "calls/s"), fmt(p_d, "calls/s")), "", "≥ 50× Python (%s×)" % (
        "%.0f" % ratio(p_o, p_p) if ratio(p_o, p_p) else "?"), ge(p_o, p_p, 50))

print()
print("| job | Python | Flapp | OpenSSH | goal | met? |")
print("|---|---|---|---|---|---|")
for cells in rows:
    print("| " + " | ".join(cells) + " |")
print()
print("load average %s before, %s after; %s" % (r.get("load.before", "?"), r.get("load.after", "?"), note))

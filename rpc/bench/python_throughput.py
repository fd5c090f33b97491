"""callRemote throughput between two Python Foolscap 21.7.0 Tubs on loopback, in one process.

The same measurement as org.flapp.rpc.bench.CallThroughput: a tiny remote method that echoes an
int, called (1) sequentially, each call waiting for the previous answer, and (2) pipelined, with
up to WINDOW calls outstanding. Prints one line per mode:

    python sequential <calls/s> (<calls> calls in <seconds> s)
    python pipelined  <calls/s> (<calls> calls in <seconds> s)

Usage: /usr/bin/python3 python_throughput.py [SECONDS] [WINDOW]
Both Tubs share one reactor thread, as two Python processes on this 2-core machine would each
want a core: figures are for the whole round trip, both sides included.
"""
import sys
import time

from twisted.internet import defer, reactor

from foolscap.api import Referenceable, Tub
from foolscap.util import allocate_tcp_port


class Echo(Referenceable):
    def remote_echo(self, value):
        return value


@defer.inlineCallbacks
def sequential(ref, seconds):
    calls = 0
    start = time.perf_counter()
    deadline = start + seconds
    while True:
        for i in range(50):
            answer = yield ref.callRemote("echo", i)
            assert answer == i
        calls += 50
        now = time.perf_counter()
        if now >= deadline:
            return calls, now - start


def pipelined(ref, seconds, window):
    """Keeps `window` calls outstanding; each answer sends the next call."""
    done = defer.Deferred()
    state = {"sent": 0, "answered": 0, "stopping": False}
    start = time.perf_counter()
    deadline = start + seconds

    def send():
        i = state["sent"]
        state["sent"] += 1
        ref.callRemote("echo", i).addCallbacks(answered, failed)

    def answered(value):
        state["answered"] += 1
        if not state["stopping"] and state["answered"] % 100 == 0 and time.perf_counter() >= deadline:
            state["stopping"] = True
        if not state["stopping"]:
            send()
        elif state["answered"] == state["sent"]:
            done.callback((state["answered"], time.perf_counter() - start))

    def failed(f):
        if not done.called:
            done.errback(f)

    for _ in range(window):
        send()
    return done


@defer.inlineCallbacks
def main(seconds, window):
    server = Tub()
    server.startService()
    port = allocate_tcp_port()
    server.listenOn("tcp:%d:interface=127.0.0.1" % port)
    server.setLocation("tcp:127.0.0.1:%d" % port)
    furl = server.registerReference(Echo())
    client = Tub()
    client.startService()
    try:
        ref = yield client.getReference(furl)
        yield sequential(ref, 1.0)  # warm-up
        calls, elapsed = yield sequential(ref, seconds)
        print("python sequential %.0f (%d calls in %.2f s)" % (calls / elapsed, calls, elapsed), flush=True)
        yield pipelined(ref, 1.0, window)  # warm-up
        calls, elapsed = yield pipelined(ref, seconds, window)
        print("python pipelined %.0f (%d calls in %.2f s)" % (calls / elapsed, calls, elapsed), flush=True)
    finally:
        yield client.stopService()
        yield server.stopService()
        reactor.stop()


if __name__ == "__main__":
    secs = float(sys.argv[1]) if len(sys.argv) > 1 else 5.0
    win = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    reactor.callWhenRunning(lambda: main(secs, win).addErrback(lambda f: (f.printTraceback(), reactor.stop())))
    reactor.run()

"""A Python Foolscap Tub for the negotiation interop tests.

Listens on 127.0.0.1 (a free port), publishes one trivial object, prints its FURL on one line,
and runs until its standard input is closed (the Java test closes it, or dies).
"""
import sys

from twisted.internet import reactor, stdio
from twisted.internet.protocol import Protocol

from foolscap.api import Referenceable, Tub
from foolscap.util import allocate_tcp_port


class Echo(Referenceable):
    def remote_echo(self, value):
        return value


class StopOnEof(Protocol):
    def connectionLost(self, reason):
        if reactor.running:
            reactor.stop()


def main():
    tub = Tub()
    tub.startService()
    port = allocate_tcp_port()
    tub.listenOn("tcp:%d:interface=127.0.0.1" % port)
    tub.setLocation("tcp:127.0.0.1:%d" % port)
    furl = tub.registerReference(Echo())
    print(furl, flush=True)
    stdio.StandardIO(StopOnEof())
    reactor.run()


if __name__ == "__main__":
    main()

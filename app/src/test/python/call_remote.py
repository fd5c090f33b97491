#!/usr/bin/python3
"""Makes one call to a flappserver service that flappclient never makes, with arguments of the
wrong type, and prints the failure the way flappclient prints one (str() of the failure).

Usage: call_remote.py FURL CASE

CASE is one of:
  putfile-int-name        putfile(123, source)
  putfile-missing-source  putfile(b"name") without its second argument
  feed-stdin-int          execute(watcher), then feed_stdin(123) on the stdin handle it answers
                          (the service must accept stdin)
Prints "answered" when the call succeeded. Exit status 0 unless the connection itself failed.
"""
import sys

from twisted.internet import defer, task
from foolscap.api import Referenceable, Tub


class Source(Referenceable):
    def remote_read(self, size):
        return b""


class Watcher(Referenceable):
    def remote_stdout(self, data):
        pass

    def remote_stderr(self, data):
        pass

    def remote_done(self, signal, exitcode):
        pass


def call(rref, case):
    if case == "putfile-int-name":
        return rref.callRemote("putfile", 123, Source())
    if case == "putfile-missing-source":
        return rref.callRemote("putfile", b"name")
    if case == "feed-stdin-int":
        d = rref.callRemote("execute", Watcher())
        d.addCallback(lambda stdin: stdin.callRemote("feed_stdin", 123))
        return d
    raise SystemExit("unknown case %r" % case)


@defer.inlineCallbacks
def main(reactor, furl, case):
    tub = Tub()
    tub.startService()
    rref = yield tub.getReference(furl)
    d = call(rref, case)
    d.addCallbacks(lambda _ign: "answered", str)
    print((yield d), flush=True)
    yield tub.stopService()


if __name__ == "__main__":
    task.react(main, sys.argv[1:3])

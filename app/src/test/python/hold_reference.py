#!/usr/bin/python3
"""Holds one connection to an upload-file service across a pause.

Usage: hold_reference.py FURL FIRST_FILE SECOND_FILE

Gets a reference to FURL, uploads FIRST_FILE through it and prints "first: ok", then waits for a
line on stdin, uploads SECOND_FILE through the same reference and prints "second: ok" or
"second: failed <exception type>". Lets a test revoke the FURL between the two uploads and see
whether a reference obtained before the revocation still works.
"""
import os
import sys

from twisted.internet import defer, task, threads
from foolscap.api import Referenceable, Tub


class Source(Referenceable):
    def __init__(self, path):
        self.f = open(path, "rb")

    def remote_read(self, size):
        return self.f.read(size)


def upload(rref, path):
    return rref.callRemote("putfile", os.path.basename(path).encode("utf-8"), Source(path))


@defer.inlineCallbacks
def main(reactor, furl, first, second):
    tub = Tub()
    tub.startService()
    rref = yield tub.getReference(furl)
    yield upload(rref, first)
    print("first: ok", flush=True)
    yield threads.deferToThread(sys.stdin.readline)
    # callbacks, not try/except: a remote failure's type cannot be thrown into a generator
    d = upload(rref, second)
    d.addCallbacks(lambda _ign: "second: ok", lambda f: "second: failed %s" % (f.type,))
    outcome = yield d
    print(outcome, flush=True)
    tub.stopService()  # not waited for: only the two results matter


if __name__ == "__main__":
    task.react(main, sys.argv[1:4])

#!/usr/bin/python3
"""Calls an upload-file service's putfile directly, with names flappclient would never send.

Usage: putfile_names.py FURL NAMES_JSON

NAMES_JSON is a JSON list of names (JSON strings, so NUL bytes and the like can be written
"\\u0000"). Each name is sent UTF-8 encoded, as flappclient sends names, with a source whose
read() answers b"uploaded as <name>" once and then b"". One JSON object per name is printed on
stdout, in order: {"name": ..., "ok": true} or {"name": ..., "ok": false, "type": remote
exception type, "message": its text}. Exit status 0 unless the connection itself failed.
"""
import json
import sys

from twisted.internet import defer, task
from foolscap.api import Referenceable, Tub


class Source(Referenceable):
    def __init__(self, data):
        self.data = data

    def remote_read(self, size):
        block, self.data = self.data[:size], self.data[size:]
        return block


def describe_failure(name, f):
    # a remote failure arrives as a CopiedFailure: its type is the remote type's name
    kind = f.type
    if not isinstance(kind, str):
        kind = "%s.%s" % (kind.__module__, kind.__name__)
    return {"name": name, "ok": False, "type": kind, "message": f.getErrorMessage()}


@defer.inlineCallbacks
def main(reactor, furl, names_json):
    tub = Tub()
    tub.startService()
    rref = yield tub.getReference(furl)
    for name in json.loads(names_json):
        data = ("uploaded as %s" % name).encode("utf-8", "surrogateescape")
        d = rref.callRemote("putfile", name.encode("utf-8", "surrogateescape"), Source(data))
        # callbacks, not try/except: a remote failure's type cannot be thrown into a generator
        d.addCallbacks(lambda _ign, n=name: {"name": n, "ok": True},
                       lambda f, n=name: describe_failure(n, f))
        outcome = yield d
        print(json.dumps(outcome), flush=True)
    yield tub.stopService()


if __name__ == "__main__":
    task.react(main, sys.argv[1:3])

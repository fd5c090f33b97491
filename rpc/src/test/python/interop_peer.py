"""A Python Foolscap 21.7.0 peer for Flapp's interop tests.

  interop_peer.py serve          publish an Echo object; print its FURL on the first line of
                                 stdout; run until killed or until stdin closes
  interop_peer.py client FURL    call the Java Echo object at FURL through every check below;
                                 print one JSON line per check; exit 0 only if all passed

Both sides offer the same Echo methods, so each check runs in both directions.
"""
import decimal
import json
import sys

from twisted.internet import defer, reactor, stdio
from twisted.protocols.basic import LineReceiver
from foolscap.api import Referenceable, Tub


def sample_values():
    """Values of every serializable type, by name; the Java tests build the same ones."""
    shared = [1]
    cyclic = []
    cyclic.append(cyclic)
    return {
        "none": None,
        "true": True,
        "false": False,
        "zero": 0,
        "int": 123456,
        "negative": -42,
        "int32max": 2**31 - 1,
        "int32min": -2**31,
        "long": 2**31,
        "longneg": -2**31 - 1,
        "int64max": 2**63 - 1,
        "huge": 2**100,
        "hugeneg": -(2**100),
        "float": 1.5,
        "negzero": -0.0,
        "bytes": b"\x00\x01binary\xff",
        "vocabbytes": b"list",
        "emptybytes": b"",
        "text": "h\u00e9llo \u2603",
        "vocabtext": "call",
        "emptytext": "",
        "list": [1, b"two", "three", None],
        "emptylist": [],
        "tuple": (1, b"a", ("nested",)),
        "emptytuple": (),
        "dict": {b"b": 2, b"a": 1, "text": [1, 2]},
        "intdict": {3: "c", 1: "a", 2: "b"},
        "set": {1, 2, 3},
        "frozenset": frozenset([b"x", b"y"]),
        "decimal": decimal.Decimal("1.5"),
        "shared": [shared, shared],
        "cyclic": cyclic,
        "bigstring": b"x" * 100000,
    }


def same(a, b):
    """Equality that also insists on the same Python types, recursively (tuple is not list)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        if len(a) != len(b):
            return False
        if a is not None and len(a) > 0 and a[0] is a:  # self-containing list
            return b[0] is b
        return all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, float) and a == 0.0:
        return str(a) == str(b)
    return a == b


class Echo(Referenceable):
    def __init__(self):
        self.notes = []

    def remote_echo(self, value):
        return value

    def remote_make(self, name):
        return sample_values()[name]

    def remote_check(self, name, value):
        expected = sample_values()[name]
        if name == "shared":
            return type(value) is list and value[0] is value[1] and same(value[0], [1])
        if same(expected, value):
            return True
        return "expected %r, got %r" % (expected, value)

    def remote_fail(self, kind, message):
        if kind == "value":
            raise ValueError(message)
        if kind == "key":
            raise KeyError(message)
        raise RuntimeError(message)

    def remote_call_back(self, ref, method, *args):
        return ref.callRemote(method, *args)

    def remote_note(self, value):
        self.notes.append(value)

    def remote_notes(self):
        return self.notes

    def remote_new_object(self):
        return Echo()


class StopOnEof(LineReceiver):
    delimiter = b"\n"

    def lineReceived(self, line):
        pass

    def connectionLost(self, reason):
        if reactor.running:
            reactor.stop()


def serve():
    tub = Tub()
    listener = tub.listenOn("tcp:0:interface=127.0.0.1")
    tub.setLocation("tcp:127.0.0.1:%d" % listener.getPortnum())
    tub.startService()
    furl = tub.registerReference(Echo())
    sys.stdout.write(furl + "\n")
    sys.stdout.flush()
    stdio.StandardIO(StopOnEof())
    reactor.run()


class Results:
    def __init__(self):
        self.failed = 0

    def report(self, check, ok, detail=""):
        if not ok:
            self.failed += 1
        sys.stdout.write(json.dumps({"check": check, "ok": bool(ok), "detail": str(detail)}) + "\n")
        sys.stdout.flush()


@defer.inlineCallbacks
def run_client(furl):
    results = Results()
    tub = Tub()
    tub.startService()
    try:
        echo = yield tub.getReference(furl)
        for name, value in sample_values().items():
            # Python -> Java -> Python: the Java side must keep every type
            try:
                back = yield echo.callRemote("echo", value)
                if name == "shared":
                    ok = type(back) is list and back[0] is back[1]
                else:
                    ok = same(value, back)
                results.report("echo:" + name, ok, "" if ok else repr(back)[:200])
            except Exception as e:
                results.report("echo:" + name, False, e)
            # Java builds the value itself: it must be the one Python expects
            try:
                made = yield echo.callRemote("make", name)
                if name == "shared":
                    ok = type(made) is list and made[0] is made[1]
                else:
                    ok = same(value, made)
                results.report("make:" + name, ok, "" if ok else repr(made)[:200])
            except Exception as e:
                results.report("make:" + name, False, e)
        # exceptions raised in Java arrive with type and message
        try:
            yield echo.callRemote("fail", "value", "bad value here")
            results.report("fail", False, "no exception")
        except Exception as e:
            text = str(e)
            results.report("fail", "bad value here" in text, text[:300])
        # a reference passed as an argument is called back
        mine = Echo()
        got = yield echo.callRemote("call_back", mine, "echo", b"ping")
        results.report("call_back", got == b"ping", repr(got))
        # callRemoteOnly: no answer, but it arrives
        echo.callRemoteOnly("note", b"one")
        echo.callRemoteOnly("note", "two")
        notes = yield echo.callRemote("notes")
        results.report("call_only", list(notes) == [b"one", "two"], repr(notes))
        # an object returned by Java can be called
        other = yield echo.callRemote("new_object")
        got = yield other.callRemote("echo", 7)
        results.report("returned_object", got == 7, repr(got))
        # unknown method: a clean remote error, the connection survives
        try:
            yield echo.callRemote("no_such_method")
            results.report("unknown_method", False, "no exception")
        except Exception as e:
            got = yield echo.callRemote("echo", 1)
            results.report("unknown_method", got == 1, str(e)[:300])
    except Exception as e:
        results.report("connect", False, e)
    finally:
        global exit_code
        exit_code = 0 if results.failed == 0 else 1
        yield tub.stopService()
        reactor.stop()


exit_code = 1


def client(furl):
    reactor.callWhenRunning(run_client, furl)
    reactor.run()
    sys.exit(exit_code)


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    elif sys.argv[1] == "client":
        client(sys.argv[2])
    else:
        raise SystemExit("usage: interop_peer.py serve | client FURL")

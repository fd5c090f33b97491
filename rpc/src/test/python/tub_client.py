"""A Python Foolscap client for the negotiation interop tests.

  tub_client.py FURL [PEMFILE]

Connects with getReference (using PEMFILE as its identity when given) and prints one line:
"connected" if a reference arrived, or "failed: <error>". Gives up after 10 seconds.
"""
import sys

from twisted.internet import reactor

from foolscap.api import Tub


def main(argv):
    furl = argv[1]
    cert = open(argv[2], "rb").read() if len(argv) > 2 else None
    tub = Tub(certData=cert) if cert else Tub()
    tub.startService()
    print("tubid " + tub.getTubID(), flush=True)

    def done(result):
        if isinstance(result, Exception) or hasattr(result, "getErrorMessage"):
            print("failed: " + result.getErrorMessage(), flush=True)
        else:
            print("connected", flush=True)
        if reactor.running:
            reactor.stop()

    d = tub.getReference(furl)
    d.addCallbacks(done, done)
    reactor.callLater(10, lambda: (print("failed: timeout", flush=True), reactor.stop()))
    reactor.run()


if __name__ == "__main__":
    main(sys.argv)

"""Identity oracle for TubIdentityInteropTest, using the installed Python Foolscap.

  identity_tool.py create PEMFILE   write a new Foolscap tub.pem to PEMFILE, print its TubID
  identity_tool.py tubid PEMFILE    load PEMFILE as a Tub's certificate, print the TubID Foolscap sees
"""
import sys

from foolscap.api import Tub


def main(argv):
    command, path = argv[1], argv[2]
    if command == "create":
        tub = Tub()  # a fresh certificate of Foolscap's own kind
        with open(path, "wb") as out:
            out.write(tub.getCertData())
        print(tub.getTubID())
    elif command == "tubid":
        with open(path, "rb") as f:
            tub = Tub(certData=f.read())
        print(tub.getTubID())
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)

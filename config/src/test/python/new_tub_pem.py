"""Makes a throw-away Foolscap identity with foolscap's own certificate code and prints it as a
JSON object {"tubid": ..., "pem": ...}, the pem text being what a Tub stores in tub.pem. Lets the
Java tests build base directories that Python's flappserver can run, without committing a key."""
import json
import sys

from foolscap import crypto

certificate = crypto.createCertificate()
pem = certificate.dumpPEM()
if isinstance(pem, bytes):
    pem = pem.decode("ascii")
tubid = crypto.digest32(certificate.digest("sha1"))
json.dump({"tubid": tubid, "pem": pem}, sys.stdout)

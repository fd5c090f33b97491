"""Reads one JSON document on stdin and writes it back the way Python's flappserver saves
services.json: json.dump with indent=2, key order kept, no trailing newline. Used by the Java
tests as the reference formatter."""
import json
import sys

document = json.loads(sys.stdin.buffer.read().decode("utf-8"))
json.dump(document, sys.stdout, indent=2)

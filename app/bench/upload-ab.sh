#!/bin/bash
# Alternating A/B of upload throughput: one SIZE_MB upload to each server in turn, ROUNDS rounds,
# with Python's flappclient. Servers: ours (FLAPP_CP), Python's, and optionally ours with extra
# classes first on the classpath (FLAPP_CP_B, e.g. an older UploadTransfer compiled with javac),
# to compare two versions of ours under the same load. Prints one line per upload. Not a test.
#
# Usage: FLAPP_CP=... [FLAPP_CP_B=...] [SIZE_MB=300] [ROUNDS=7] app/bench/upload-ab.sh [WORKDIR]
set -u
W=${1:-$(mktemp -d /tmp/flapp-ab.XXXXXX)}
SIZE_MB=${SIZE_MB:-300}
ROUNDS=${ROUNDS:-7}
mkdir -p "$W" && cd "$W" || exit 1
fp() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
[ -f f.bin ] || head -c "${SIZE_MB}M" /dev/urandom > f.bin
SERVERS="ours py"
[ -n "${FLAPP_CP_B:-}" ] && SERVERS="ours oursB py"
cp_of() { if [ "$1" = oursB ]; then echo "$FLAPP_CP_B:$FLAPP_CP"; else echo "$FLAPP_CP"; fi; }
for v in $SERVERS; do
    rm -rf "$v" "up-$v"; mkdir -p "up-$v"; p=$(fp)
    if [ "$v" = py ]; then
        flappserver create -q --port "tcp:$p:interface=127.0.0.1" --location "tcp:127.0.0.1:$p" py >/dev/null 2>&1
        flappserver add py upload-file "$W/up-py" | sed -n 's/FURL is //p' > py.furl
        flappserver start py >/dev/null 2>&1
    else
        java -cp "$(cp_of $v)" org.flapp.app.FlappServer create -q --port "tcp:$p:interface=127.0.0.1" \
            --location "tcp:127.0.0.1:$p" "$v"
        java -cp "$(cp_of $v)" org.flapp.app.FlappServer add "$v" upload-file "$W/up-$v" \
            | sed -n 's/FURL is //p' > "$v.furl"
        java -cp "$(cp_of $v)" org.flapp.app.FlappServer start --nodaemon "$v" > "$v.log" 2>&1 &
    fi
done
trap 'for v in $SERVERS; do flappserver stop "$v" >/dev/null 2>&1; done' EXIT
sleep 5
for r in $(seq "$ROUNDS"); do
    for v in $SERVERS; do
        s=$(date +%s.%N); flappclient --furl "$(cat "$v.furl")" upload-file f.bin >/dev/null; e=$(date +%s.%N)
        awk -v n="$v" -v s="$s" -v e="$e" -v r="$r" -v b=$((SIZE_MB * 1048576)) \
            'BEGIN { printf "round %d %-5s %6.2f s %6.1f MB/s\n", r, n, e - s, b / (e - s) / 1e6 }'
    done
done

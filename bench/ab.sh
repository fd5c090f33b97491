#!/bin/bash
# A/B of two sets of JVM options for Flapp's pair, in alternation within one run (so both see the
# same foreign load): two servers (bin/flappserver start, FLAPPSERVER_JAVA_OPTS=$A_SERVER or
# $B_SERVER), each with its own client options (FLAPP_JAVA_OPTS=$A_CLIENT or $B_CLIENT). Per round
# and side: a 6-byte upload (whole client process), a SIZE_MB upload (MB/s, client CPU), then, at
# the end, each server's RSS. Prints one line per measurement and the medians. Not a test.
#
# Usage: A_SERVER=... B_SERVER=... A_CLIENT=... B_CLIENT=... [A_SERVER_ENV=VAR=value ...]
#        [SIZE_MB=256] [ROUNDS=5] bench/ab.sh [WORKDIR]
# e.g. the OpenSSL engine against the JDK's:
#   B_SERVER="-XX:+UseSerialGC -Xss512k -Dflapp.tls=jdk" B_CLIENT=-Dflapp.tls=jdk bench/ab.sh
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${1:-$(mktemp -d /tmp/flapp-ab.XXXXXX)}
SIZE_MB=${SIZE_MB:-256}
ROUNDS=${ROUNDS:-5}
BASE="-XX:+UseSerialGC -Xss512k"      # what bin/flappserver gives a background server by default
A_SERVER=${A_SERVER:-$BASE} B_SERVER=${B_SERVER:-$BASE} A_CLIENT=${A_CLIENT:-} B_CLIENT=${B_CLIENT:-}
A_SERVER_ENV=${A_SERVER_ENV:-} B_SERVER_ENV=${B_SERVER_ENV:-}   # e.g. FLAPP_SERVER_SIZING=off
mkdir -p "$W" && cd "$W" || exit 1
export FLAPP_CDS_DIR=$W/cds
fp() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
[ "$(stat -c %s f.bin 2>/dev/null || echo 0)" = $((SIZE_MB << 20)) ] || head -c $((SIZE_MB << 20)) /dev/urandom > f.bin
printf 'hello\n' > s.txt
trap 'for v in A B; do "$REPO/bin/flappserver" stop "$W/$v" >/dev/null 2>&1; done' EXIT
for v in A B; do
    rm -rf "$v" "up-$v"; mkdir -p "up-$v"; p=$(fp)
    "$REPO/bin/flappserver" create -q --port "tcp:$p:interface=127.0.0.1" --location "tcp:127.0.0.1:$p" "$v"
    "$REPO/bin/flappserver" add "$v" upload-file "$W/up-$v" | sed -n 's/FURL is //p' > "$v.furl"
    opts=${v}_SERVER
    senv=${v}_SERVER_ENV
    env ${!senv} FLAPPSERVER_JAVA_OPTS="${!opts}" "$REPO/bin/flappserver" start "$v" >/dev/null 2>&1 || { echo "server $v did not start" >&2; cat "$v/twistd.log" >&2; exit 1; }
done
sleep 1
for v in A B; do echo "server $v idle RSS $(awk '$1 == "VmRSS:" { printf "%.0f MiB", $2 / 1024 }' "/proc/$(cat "$v/twistd.pid")/status")"; done
for v in A B; do   # training runs: AppCDS archives, and the launcher's first run
    copts=${v}_CLIENT; FLAPP_JAVA_OPTS=${!copts} "$REPO/bin/flappclient" --furl "$(cat "$v.furl")" upload-file s.txt >/dev/null
done
: > ab.txt
for r in $(seq "$ROUNDS"); do
    for v in A B; do
        copts=${v}_CLIENT
        /usr/bin/time -f "%e %U %S %M" -o t.txt env FLAPP_JAVA_OPTS="${!copts}" "$REPO/bin/flappclient" --furl "$(cat "$v.furl")" upload-file s.txt >/dev/null
        read -r e u s m < t.txt; echo "$v small $e" >> ab.txt; echo "$v smallcpu $(echo "$u + $s" | bc)" >> ab.txt
        printf 'round %d %s small %5.2f s cpu %5.2f s %4.0f MiB' "$r" "$v" "$e" "$(echo "$u + $s" | bc)" "$((m / 1024))"
        rm -f "up-$v/f.bin"
        /usr/bin/time -f "%e %U %S %M" -o t.txt env FLAPP_JAVA_OPTS="${!copts}" "$REPO/bin/flappclient" --furl "$(cat "$v.furl")" upload-file f.bin >/dev/null
        read -r e u s m < t.txt
        mbs=$(awk -v b=$((SIZE_MB << 20)) -v t="$e" 'BEGIN { printf "%.1f", b / t / 1e6 }')
        echo "$v bulk $mbs" >> ab.txt; echo "$v bulkcpu $(echo "$u + $s" | bc)" >> ab.txt
        printf '   bulk %6.1f MB/s cpu %5.2f s %4.0f MiB   load %s\n' "$mbs" "$(echo "$u + $s" | bc)" "$((m / 1024))" "$(cut -d' ' -f1 /proc/loadavg)"
    done
done
for v in A B; do
    st=/proc/$(cat "$v/twistd.pid")/status
    echo "server $v RSS after $(awk '$1 == "VmRSS:" { printf "%.0f", $2 / 1024 }' "$st") MiB, peak $(awk '$1 == "VmHWM:" { printf "%.0f", $2 / 1024 }' "$st") MiB"
done
for v in A B; do
    for k in small smallcpu bulk bulkcpu; do
        printf 'median %s %s %s\n' "$v" "$k" "$(awk -v v="$v" -v k="$k" '$1 == v && $2 == k { print $3 }' ab.txt | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
    done
done

#!/bin/bash
# A/B of the server's memory and CPU during a burst of concurrent uploads (our client), in
# alternation within one run: per round, two fresh servers (A and B) are started, then each takes
# CLIENTS uploads of SIZE_MB at once; per server and round: idle RSS 3 s after the start, peak RSS
# over the burst (VmHWM reset first), RSS after it, wall time, server CPU, failed uploads. Prints
# one line per burst and the medians. Not a test.
#
# A and B may be two builds: A_HOME / B_HOME name a tree with bin/flappserver and the jars (a
# checkout after `mvn package`, or a copy of bin/ next to a copy of packaging/target/lib/ as lib/);
# both default to this checkout. A_SERVER / B_SERVER are FLAPPSERVER_JAVA_OPTS, A_ENV / B_ENV extra
# environment for the server (e.g. FLAPP_SERVER_SIZING=off).
#
# Usage: [A_HOME=...] [B_HOME=...] [A_SERVER=...] [B_SERVER=...] [CLIENTS=20] [SIZE_MB=10]
#        [ROUNDS=5] bench/burst-ab.sh [WORKDIR]
# e.g. the upload budget of 4 blocks against the default:
#   B_SERVER="-XX:+UseSerialGC -Xss512k -Dflapp.upload.budget=4" bench/burst-ab.sh
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${1:-$(mktemp -d /tmp/flapp-burst.XXXXXX)}
CLIENTS=${CLIENTS:-20} SIZE_MB=${SIZE_MB:-10} ROUNDS=${ROUNDS:-5}
BASE="-XX:+UseSerialGC -Xss512k"      # what bin/flappserver gives a background server by default
A_HOME=${A_HOME:-$REPO} B_HOME=${B_HOME:-$REPO}
A_SERVER=${A_SERVER:-$BASE} B_SERVER=${B_SERVER:-$BASE} A_ENV=${A_ENV:-} B_ENV=${B_ENV:-}
mkdir -p "$W/many" && cd "$W" || exit 1
export FLAPP_CDS_DIR=$W/cds-client   # the client's archive; each server variant has its own
fp() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
mib() { awk -v k="$2:" '$1 == k { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # clock ticks
for i in $(seq "$CLIENTS"); do
    [ "$(stat -c %s "many/$i.bin" 2>/dev/null || echo 0)" = $((SIZE_MB << 20)) ] ||
        head -c $((SIZE_MB << 20)) /dev/urandom > "many/$i.bin"
done
home() { local h=${1}_HOME; echo "${!h}"; }
server() { # VARIANT ARGS...: flappserver of that variant, with its options, environment and archive dir
    local v=$1 opts=${1}_SERVER senv=${1}_ENV; shift
    env ${!senv} FLAPP_CDS_DIR="$W/cds-$v" FLAPPSERVER_JAVA_OPTS="${!opts}" "$(home "$v")/bin/flappserver" "$@"
}
trap 'for v in A B; do server $v stop "$W/$v" >/dev/null 2>&1; done' EXIT
for v in A B; do
    rm -rf "$v" "up-$v"; mkdir -p "up-$v"; p=$(fp)
    server "$v" create -q --port "tcp:$p:interface=127.0.0.1" --location "tcp:127.0.0.1:$p" "$v"
    server "$v" add "$v" upload-file "$W/up-$v" | sed -n 's/FURL is //p' > "$v.furl"
    # a first start and stop records the server's AppCDS archive, which every round then uses;
    # one upload in it trains the client's (and puts the upload path's classes in the server's
    # archive, as a first run that served uploads does: about 6 MiB more idle RSS, see
    # docs/performance.md)
    server "$v" start "$v" >/dev/null 2>&1 || { echo "server $v did not start" >&2; cat "$v/twistd.log" >&2; exit 1; }
    "$REPO/bin/flappclient" --furl "$(cat "$v.furl")" upload-file many/1.bin >/dev/null
    server "$v" stop "$v" >/dev/null 2>&1
done
: > burst.txt
for r in $(seq "$ROUNDS"); do
    for v in A B; do
        server "$v" start "$v" >/dev/null 2>&1 || { echo "server $v did not start" >&2; cat "$v/twistd.log" >&2; exit 1; }
    done
    sleep 3
    for v in A B; do echo "$v idle $(mib "$(cat "$v/twistd.pid")" VmRSS)" >> burst.txt; done
    for v in A B; do
        pid=$(cat "$v/twistd.pid"); rm -f "up-$v"/*; sync
        c0=$(cpu "$pid"); echo 5 > "/proc/$pid/clear_refs"
        s=$(date +%s.%N); pids=(); failed=0
        for i in $(seq "$CLIENTS"); do
            "$REPO/bin/flappclient" --furl "$(cat "$v.furl")" upload-file "many/$i.bin" >/dev/null 2>&1 &
            pids+=($!)
        done
        for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
        e=$(date +%s.%N)
        for i in $(seq "$CLIENTS"); do cmp -s "many/$i.bin" "up-$v/$i.bin" || failed=$((failed + 1)); done
        wall=$(echo "$e - $s" | bc); scpu=$(echo "scale=2; ($(cpu "$pid") - $c0) / $(getconf CLK_TCK)" | bc)
        { echo "$v peak $(mib "$pid" VmHWM)"; echo "$v after $(mib "$pid" VmRSS)"; echo "$v wall $wall"
          echo "$v cpu $scpu"; echo "$v failed $failed"; } >> burst.txt
        printf 'round %d %s peak %s MiB after %s MiB wall %.2f s server cpu %s s failed %d   load %s\n' "$r" "$v" \
            "$(mib "$pid" VmHWM)" "$(mib "$pid" VmRSS)" "$wall" "$scpu" "$failed" "$(cut -d' ' -f1 /proc/loadavg)"
    done
    for v in A B; do server "$v" stop "$v" >/dev/null 2>&1; done
done
for k in idle peak after wall cpu failed; do
    for v in A B; do
        printf 'median %s %-6s %s   (%s)\n' "$v" "$k" \
            "$(awk -v v="$v" -v k="$k" '$1 == v && $2 == k { print $3 }' burst.txt | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')" \
            "$(awk -v v="$v" -v k="$k" '$1 == v && $2 == k { printf "%s ", $3 }' burst.txt)"
    done
done

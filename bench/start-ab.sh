#!/bin/bash
# Server start-up A/B (issue 11): `flappserver start` -> port accepts -> first 6-byte upload OK ->
# `stop`, for two Flapp installations and Python's flappserver, in alternation within one run (so
# all see the same foreign load). Each side gets one untimed cycle first (AppCDS archives are
# made then). Per cycle: wall time to the port and to the first upload (our client for all), CPU
# of the `start` command itself and of the server process when the upload is done, the server's
# RSS a second later. Prints one line per cycle and the medians. Not a test.
#
# Usage: [A=DIR] [B=DIR] [ROUNDS=5] [A_ENV="VAR=value ..."] [B_ENV=...] bench/start-ab.sh [WORKDIR]
#   DIR holds bin/flappserver and lib/ (an unpacked tarball, or a copy of bin/ and packaging/target/lib);
#   A defaults to this checkout. B unset: only A and Python.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${1:-$(mktemp -d /tmp/flapp-start-ab.XXXXXX)}
A=${A:-$REPO} B=${B:-} ROUNDS=${ROUNDS:-5} A_ENV=${A_ENV:-} B_ENV=${B_ENV:-}
PY_SERVER=${PY_SERVER:-/usr/bin/flappserver}
CLIENT=$REPO/bin/flappclient
mkdir -p "$W" && cd "$W" || exit 1
sides="A py"
[ -n "$B" ] && sides="A B py"
tool() { case $1 in A) echo "$A/bin/flappserver" ;; B) echo "$B/bin/flappserver" ;; py) echo "$PY_SERVER" ;; esac; }
# each side its own AppCDS directory: a launcher deletes the archives of other jar sets
envof() { case $1 in A) echo "FLAPP_CDS_DIR=$W/cds-A $A_ENV" ;; B) echo "FLAPP_CDS_DIR=$W/cds-B $B_ENV" ;; py) echo "" ;; esac; }
fp() { /usr/bin/python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
now() { date +%s.%N; }
clk=$(getconf CLK_TCK)
printf 'hello\n' > small.txt
trap 'for v in $sides; do env $(envof $v) "$(tool $v)" stop "$W/$v" >/dev/null 2>&1; done' EXIT
for v in $sides; do
    rm -rf "$v" "up-$v"; mkdir -p "up-$v"; p=$(fp)
    env $(envof $v) "$(tool $v)" create -q --port "tcp:$p:interface=127.0.0.1" --location "tcp:127.0.0.1:$p" "$v" >/dev/null 2>&1
    env $(envof $v) "$(tool $v)" add "$v" upload-file "$W/up-$v" | sed -n 's/FURL is //p' > "$v.furl"
    echo "$p" > "$v.port"
    [ -s "$v.furl" ] || { echo "cannot create $v" >&2; exit 1; }
done

cycle() { # SIDE: one start/upload/stop cycle; prints "port up startcpu servercpu rssMiB"
    local v=$1 p s t1 t2 pid tries
    p=$(cat "$v.port")
    s=$(now)
    env $(envof $v) /usr/bin/time -f "%U %S" -o "$v.time" "$(tool $v)" start "$v" >/dev/null 2>&1 &
    local starter=$!
    for tries in $(seq 3000); do accepts "$p" && break; sleep 0.01; done
    t1=$(now)
    for tries in $(seq 100); do "$CLIENT" --furl "$(cat "$v.furl")" upload-file small.txt >/dev/null 2>&1 && break; done
    t2=$(now)
    wait "$starter"
    pid=$(cat "$v/twistd.pid")
    local cpu rss
    cpu=$(awk -v t="$clk" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$pid/stat")
    sleep 1
    rss=$(awk '$1 == "VmRSS:" { printf "%.0f", $2 / 1024 }' "/proc/$pid/status")
    env $(envof $v) "$(tool $v)" stop "$v" >/dev/null 2>&1
    while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    rm -f "up-$v/small.txt"
    awk -v a="$s" -v b="$t1" -v c="$t2" -v cpu="$cpu" -v rss="$rss" '{ printf "%.2f %.2f %.2f %s %s\n", b - a, c - a, $1 + $2, cpu, rss }' "$v.time"
}

for v in $sides; do cycle "$v" > /dev/null; done   # archives, caches
: > ab.txt
for r in $(seq "$ROUNDS"); do
    for v in $sides; do
        read -r port up startcpu cpu rss < <(cycle "$v")
        echo "$v $port $up $startcpu $cpu $rss" >> ab.txt
        printf 'round %d %-2s port %5.2f s  upload OK %5.2f s  start cmd CPU %5.2f s  server CPU %5.2f s  RSS %4s MiB  load %s\n' \
            "$r" "$v" "$port" "$up" "$startcpu" "$cpu" "$rss" "$(cut -d' ' -f1 /proc/loadavg)"
    done
done
med() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
for v in $sides; do
    printf 'median %-2s' "$v"
    for c in 2:port 3:upload 4:startcpu 5:servercpu 6:rss; do
        printf '  %s %s' "${c#*:}" "$(awk -v v="$v" -v c="${c%%:*}" '$1 == v { print $c }' ab.txt | med)"
    done
    echo
done

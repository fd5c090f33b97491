#!/bin/bash
# Client benchmark: Flapp's flappclient against Python Foolscap's flappclient, both talking to the
# same Flapp flappserver (started from the built jars on a temporary base directory), in the same
# run. Not a test: run it by hand, on a quiet machine, and record the figures in
# docs/perf-client.md. Operations:
#   small    upload-file of a 6-byte file
#   true     run-command of `true`
#   bulk     upload-file of a 1 GiB file (BULK_MB)
#   stdin    256 MiB (STDIN_MB) through run-command `wc -c` on stdin
# For each: median wall time, median CPU (user+sys) and median peak RSS over RUNS runs (bulk and
# stdin once), from /usr/bin/time. Our client runs as `java $JAVA_OPTS -cp ...`, once with the
# JVM's defaults and once with the launcher options recommended in docs/perf-client.md (including
# an AppCDS archive made by a training run here); scp is not involved.
#
# Usage: client-cli/bench/client-bench.sh [WORKDIR]
#   RUNS (default 7), BULK_MB (1024), STDIN_MB (256), SKIP_BULK=1 to run only the small operations.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${1:-$(mktemp -d /tmp/flapp-client-bench.XXXXXX)}
RUNS=${RUNS:-7}
BULK_MB=${BULK_MB:-1024}
STDIN_MB=${STDIN_MB:-256}
mkdir -p "$WORK"
echo "work directory: $WORK"

# ---- build and class paths (jars: AppCDS does not archive classes from directories) ----------
(cd "$REPO" && mvn -q -o -pl app,client-cli -am package -DskipTests -Dmaven.test.skip=true)
deps() { # module -> its third-party runtime jars
    (cd "$REPO" && mvn -q -o -pl "$1" dependency:build-classpath -Dmdep.includeScope=runtime \
        -Dmdep.outputFile="$WORK/$1.cp" >/dev/null)
    tr ':' '\n' < "$WORK/$1.cp" | grep -v -e /org/flapp/ -e junit -e opentest4j -e apiguardian | paste -sd:
}
jar_of() { ls "$REPO/$1"/target/flapp-*.jar | grep -v -e sources -e tests | head -1; }
CLIENT_CP="$(jar_of client-cli):$(jar_of rpc):$(deps client-cli)"
SERVER_CP="$(jar_of app):$(jar_of services):$(jar_of config):$(jar_of rpc):$(deps app)"

# ---- server ----------------------------------------------------------------------------------
server() { java -cp "$SERVER_CP" org.flapp.app.FlappServer "$@"; }
PORT=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
rm -rf "$WORK/server" "$WORK/uploads" "$WORK/commands"
mkdir -p "$WORK/uploads" "$WORK/commands"
server create -q --port "tcp:$PORT:interface=127.0.0.1" --location "tcp:127.0.0.1:$PORT" "$WORK/server"
furl_of() { sed -n 's/^FURL is //p'; }
FURL_UP=$(server add "$WORK/server" upload-file "$WORK/uploads" | furl_of)
FURL_TRUE=$(server add "$WORK/server" run-command "$WORK/commands" true | furl_of)
FURL_WC=$(server add "$WORK/server" run-command --accept-stdin "$WORK/commands" wc -c | furl_of)
server start "$WORK/server" >/dev/null
trap 'server stop "$WORK/server" >/dev/null 2>&1 || true' EXIT INT TERM
until /usr/bin/python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 1)" 2>/dev/null; do
    sleep 0.2
done

# ---- inputs ------------------------------------------------------------------------------------
printf 'hello\n' > "$WORK/small.txt"
if [ -z "${SKIP_BULK:-}" ]; then
    [ -f "$WORK/bulk.bin" ] || dd if=/dev/urandom of="$WORK/bulk.bin" bs=1M count="$BULK_MB" status=none
    [ -f "$WORK/stdin.bin" ] || head -c $((STDIN_MB * 1048576)) "$WORK/bulk.bin" > "$WORK/stdin.bin"
    if [ ! -s "$WORK/stdin.bin" ] || [ "$(stat -c %s "$WORK/stdin.bin")" -lt $((STDIN_MB * 1048576)) ]; then
        dd if=/dev/urandom of="$WORK/stdin.bin" bs=1M count="$STDIN_MB" status=none
    fi
fi

# ---- clients -----------------------------------------------------------------------------------
# The recommended launcher options (docs/perf-client.md); the archive comes from one training run.
ARCHIVE="$WORK/flappclient.jsa"
rm -f "$ARCHIVE"
java -XX:ArchiveClassesAtExit="$ARCHIVE" -cp "$CLIENT_CP" org.flapp.client.FlappClient \
    --furl "$FURL_UP" upload-file "$WORK/small.txt" >/dev/null 2>&1
java -XX:SharedArchiveFile="$ARCHIVE" -cp "$CLIENT_CP" org.flapp.client.FlappClient \
    --furl "$FURL_TRUE" run-command >/dev/null 2>&1 || true
TUNED="-XX:SharedArchiveFile=$ARCHIVE -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k"
BULK_TUNED="-XX:SharedArchiveFile=$ARCHIVE -XX:+UseSerialGC -XX:-UsePerfData"

# commands as arrays: /usr/bin/time runs programs, not shell functions
OURS_DEFAULT=(java -cp "$CLIENT_CP" org.flapp.client.FlappClient)
read -r -a tuned_opts <<< "$TUNED"
read -r -a bulk_opts <<< "$BULK_TUNED"
OURS_TUNED=(java "${tuned_opts[@]}" -cp "$CLIENT_CP" org.flapp.client.FlappClient)
OURS_BULK=(java "${bulk_opts[@]}" -cp "$CLIENT_CP" org.flapp.client.FlappClient)
PYTHON=(flappclient)

client() { # name -> its command words (no spaces inside the paths used here)
    case $1 in
        ours_default) echo "${OURS_DEFAULT[*]}" ;;
        ours_bulk) echo "${OURS_BULK[*]}" ;;
        python) echo "${PYTHON[*]}" ;;
    esac
}

# measure N LABEL INPUT COMMAND...: median wall s, CPU s and peak RSS MiB of N runs (stdin from INPUT)
measure() {
    local n=$1 label=$2 input=$3; shift 3
    local results="$WORK/times.txt" i
    : > "$results"
    for i in $(seq "$n"); do
        if ! /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" < "$input" > "$WORK/out.txt" 2> "$WORK/err.txt"; then
            echo "  $label: FAILED (run $i):" >&2
            cat "$WORK/err.txt" >&2
        fi
        cat "$WORK/time.txt" >> "$results"
    done
    awk -v l="$label" '
        { w[NR] = $1; c[NR] = $2 + $3; m[NR] = $4 / 1024 }
        function median(a, n,   i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return a[int((n + 1) / 2)]
        }
        END { printf "  %-24s wall %7.2f s   cpu %7.2f s   peak rss %5.0f MiB\n", l, median(w, NR), median(c, NR), median(m, NR) }' "$results"
}

rate() { # label bytes: MB/s from the last measurement's median wall (single runs only)
    awk -v l="$1" -v b="$2" '{ printf "  %-24s %7.1f MB/s\n", l, b / $1 / 1e6 }' "$WORK/time.txt"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
echo "small upload (6 bytes), $RUNS runs each:"
measure "$RUNS" "flapp (JVM defaults)" /dev/null "${OURS_DEFAULT[@]}" --furl "$FURL_UP" upload-file "$WORK/small.txt"
measure "$RUNS" "flapp (launcher opts)" /dev/null "${OURS_TUNED[@]}" --furl "$FURL_UP" upload-file "$WORK/small.txt"
measure "$RUNS" "python flappclient" /dev/null "${PYTHON[@]}" --furl "$FURL_UP" upload-file "$WORK/small.txt"

echo "run-command true, $RUNS runs each:"
measure "$RUNS" "flapp (JVM defaults)" /dev/null "${OURS_DEFAULT[@]}" --furl "$FURL_TRUE" run-command
measure "$RUNS" "flapp (launcher opts)" /dev/null "${OURS_TUNED[@]}" --furl "$FURL_TRUE" run-command
measure "$RUNS" "python flappclient" /dev/null "${PYTHON[@]}" --furl "$FURL_TRUE" run-command

if [ -z "${SKIP_BULK:-}" ]; then
    BULK_BYTES=$(stat -c %s "$WORK/bulk.bin")
    STDIN_BYTES=$(stat -c %s "$WORK/stdin.bin")
    echo "upload of $BULK_MB MiB, once each:"
    for who in ours_default ours_bulk python; do
        rm -f "$WORK/uploads/bulk.bin"
        measure 1 "$who" /dev/null $(client "$who") --furl "$FURL_UP" upload-file "$WORK/bulk.bin"
        rate "$who" "$BULK_BYTES"
        cmp -s "$WORK/bulk.bin" "$WORK/uploads/bulk.bin" || echo "  $who: uploaded file differs!" >&2
    done
    echo "$STDIN_MB MiB on stdin through run-command 'wc -c', once each:"
    for who in ours_default ours_bulk python; do
        measure 1 "$who" "$WORK/stdin.bin" $(client "$who") --furl "$FURL_WC" run-command
        rate "$who" "$STDIN_BYTES"
        [ "$(tr -d ' \n' < "$WORK/out.txt")" = "$STDIN_BYTES" ] || echo "  $who: wc -c said $(cat "$WORK/out.txt")" >&2
    done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

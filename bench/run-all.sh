#!/bin/bash
# The whole performance table of docs/performance.md (issue 11) in one run: Python Foolscap 21.7.0's
# flappserver/flappclient, Flapp's (through bin/flappserver and bin/flappclient, as installed), and
# OpenSSH (a private sshd on 127.0.0.1 with its own host key, keys and config in the work
# directory; the system's sshd and ~/.ssh are never touched), all on loopback, one after the other.
# Not a test: run it by hand on a quiet machine, from a checkout built with
#   ./mvnw -B -DskipTests package
#
# Usage: bench/run-all.sh [--quick] [WORKDIR]
#   --quick      small sizes and few runs (a smoke test of the script: about a minute)
#   RUNS         runs of each short job, medians reported (7; quick 3)
#   BULK_MB      bulk upload size in MiB (1024; quick 64);  STDIN_MB (256; quick 32)
#   CLIENTS      concurrent uploads (50; quick 5) of SMALL_MB each (10; quick 2)
#   START_RUNS   start/stop cycles of each server (5; quick 2);  RPC_SECONDS (5; quick 1)
#   FLAPP_JAVA_OPTS / FLAPPSERVER_JAVA_OPTS pass through to the launchers (for A/B runs)
# Prints each measurement as it goes, then the table; the raw figures stay in WORKDIR/results.txt.
set -uo pipefail

QUICK=false
if [ "${1:-}" = --quick ]; then QUICK=true; shift; fi
REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${1:-$(mktemp -d /tmp/flapp-bench-all.XXXXXX)}
if [ "$QUICK" = true ]; then d_runs=3 d_bulk=64 d_stdin=32 d_clients=5 d_small=2 d_start=2 d_rpc=1
else d_runs=7 d_bulk=1024 d_stdin=256 d_clients=50 d_small=10 d_start=5 d_rpc=5; fi
RUNS=${RUNS:-$d_runs} BULK_MB=${BULK_MB:-$d_bulk} STDIN_MB=${STDIN_MB:-$d_stdin}
CLIENTS=${CLIENTS:-$d_clients} SMALL_MB=${SMALL_MB:-$d_small}
START_RUNS=${START_RUNS:-$d_start} RPC_SECONDS=${RPC_SECONDS:-$d_rpc}

OURS_SERVER=$REPO/bin/flappserver
OURS_CLIENT=$REPO/bin/flappclient
PY_SERVER=${PY_SERVER:-/usr/bin/flappserver}
PY_CLIENT=${PY_CLIENT:-/usr/bin/flappclient}
PYTHON=${PYTHON:-/usr/bin/python3}
LIB=$REPO/packaging/target/lib
TEST_CLASSES=$REPO/rpc/target/test-classes
for f in "$LIB/flapp-rpc-"*.jar "$TEST_CLASSES/org/flapp/rpc/bench/CallThroughput.class" \
         "$PY_SERVER" "$PY_CLIENT" /usr/sbin/sshd /usr/bin/ssh /usr/bin/scp /usr/bin/time; do
    [ -e "$f" ] || { echo "missing $f (build first: ./mvnw -B -DskipTests package; needs python3-foolscap, openssh-server, time)" >&2; exit 1; }
done

mkdir -p "$WORK" && cd "$WORK" || exit 1
RESULTS=$WORK/results.txt
: > "$RESULTS"
export FLAPP_CDS_DIR=$WORK/cds          # the launchers' AppCDS archives: private to this run
echo "work directory: $WORK (quick=$QUICK)"

# ---- helpers ----------------------------------------------------------------------------------
rec() { echo "$1 $2" >> "$RESULTS"; printf '  %-34s %s\n' "$1" "$2"; }
free_port() { "$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() { local i; for i in $(seq 3000); do accepts "$1" && return 0; sleep 0.01; done; return 1; }
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }
pid_of() { cat "$1/twistd.pid" 2>/dev/null; }
clk=$(getconf CLK_TCK)
cpu_of() { awk -v t="$clk" '{ printf "%.2f\n", ($14 + $15) / t }' "/proc/$1/stat"; }
kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
mib() { awk '{ printf "%.0f\n", $1 / 1024 }'; }
sub() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f\n", a - b }'; }
mbs() { awk -v b="$1" -v t="$2" 'BEGIN { printf "%.1f\n", b / t / 1e6 }'; }
size_of() { stat -c %s "$1"; }

# timed OUT IN CMD...: runs CMD with stdin IN, appends "wall user+sys peakKiB status" to OUT
timed() {
    local out=$1 in=$2; shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.1" "$@" < "$in" > "$WORK/stdout.1" 2> "$WORK/stderr.1"
    local status=$?
    [ "$status" -eq 0 ] || { echo "  FAILED ($status): $*" >&2; tail -3 "$WORK/stderr.1" >&2; }
    awk -v s="$status" 'END { printf "%s %.2f %s %s\n", $1, $2 + $3, $4, s }' "$WORK/time.1" >> "$out"
}
col() { awk -v c="$1" '{ print $c }' "$2"; }        # column C of a timed file
failures() { awk '$4 != 0' "$1" | wc -l; }

# ---- inputs -----------------------------------------------------------------------------------
printf 'hello\n' > small.txt
[ "$(size_of bulk.bin 2>/dev/null || echo 0)" = $((BULK_MB << 20)) ] ||
    head -c $((BULK_MB << 20)) /dev/urandom > bulk.bin
[ "$(size_of stdin.bin 2>/dev/null || echo 0)" = $((STDIN_MB << 20)) ] || head -c $((STDIN_MB << 20)) bulk.bin > stdin.bin
[ "$(size_of stdin.bin)" = $((STDIN_MB << 20)) ] || head -c $((STDIN_MB << 20)) /dev/urandom > stdin.bin
mkdir -p many
for i in $(seq "$CLIENTS"); do
    [ "$(size_of "many/$i.bin" 2>/dev/null || echo 0)" = $((SMALL_MB << 20)) ] ||
        head -c $((SMALL_MB << 20)) /dev/urandom > "many/$i.bin"
done

# ---- servers: ours and Python's, each with upload-file, run-command true, run-command wc -c ----
STARTED=""
SSHD_PID=""
PRIVSEP_MADE=""
cleanup() {
    for d in $STARTED; do
        case $d in py-*) "$PY_SERVER" stop "$d" ;; *) "$OURS_SERVER" stop "$d" ;; esac >/dev/null 2>&1
    done
    [ -n "$SSHD_PID" ] && kill "$SSHD_PID" 2>/dev/null
    [ -n "$PRIVSEP_MADE" ] && rmdir /run/sshd 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM

tool_of() { case $1 in py-*) echo "$PY_SERVER" ;; *) echo "$OURS_SERVER" ;; esac; }
make_server() { # DIR: creates it with the three services; FURLs in DIR.up, DIR.true, DIR.wc
    local dir=$1 tool port
    tool=$(tool_of "$1")
    port=$(free_port)
    rm -rf "$dir" "$dir-up" "$dir-cmd"; mkdir -p "$dir-up" "$dir-cmd"
    "$tool" create -q --port "tcp:$port:interface=127.0.0.1" --location "tcp:127.0.0.1:$port" "$dir" >/dev/null 2>&1
    "$tool" add "$dir" upload-file "$WORK/$dir-up" | sed -n 's/^FURL is //p' > "$dir.up"
    "$tool" add "$dir" run-command "$WORK/$dir-cmd" true | sed -n 's/^FURL is //p' > "$dir.true"
    "$tool" add "$dir" run-command --accept-stdin "$WORK/$dir-cmd" wc -c | sed -n 's/^FURL is //p' > "$dir.wc"
    echo "$port" > "$dir.port"
    [ -s "$dir.up" ] && [ -s "$dir.wc" ] || { echo "cannot create $dir" >&2; exit 1; }
}
start_server() { # DIR: starts it and waits until its port accepts
    "$(tool_of "$1")" start "$1" >/dev/null 2>&1 &
    local starter=$!
    STARTED="$STARTED $1"
    wait_port "$(cat "$1.port")" || { echo "$1 does not accept connections" >&2; exit 1; }
    wait "$starter"
}
stop_server() {
    local pid
    pid=$(pid_of "$1")
    "$(tool_of "$1")" stop "$1" >/dev/null 2>&1
    while [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
    STARTED=${STARTED/ $1/}
}

# ---- OpenSSH: a private sshd -------------------------------------------------------------------
start_sshd() {
    local s=$WORK/ssh user
    user=$(id -un)
    rm -rf "$s"; mkdir -m 700 "$s"
    for k in host_key id_plain id_true id_wc; do ssh-keygen -q -t ed25519 -N '' -C "flapp-bench-$k" -f "$s/$k"; done
    {
        cat "$s/id_plain.pub"
        echo "command=\"true\",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding $(cat "$s/id_true.pub")"
        echo "command=\"wc -c\",no-pty,no-port-forwarding,no-agent-forwarding,no-X11-forwarding $(cat "$s/id_wc.pub")"
    } > "$s/authorized_keys"
    SSH_PORT=$(free_port)
    cat > "$s/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $SSH_PORT
HostKey $s/host_key
PidFile $s/sshd.pid
AuthorizedKeysFile $s/authorized_keys
AllowUsers $user
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitUserRC no
PermitUserEnvironment no
UseDNS no
PrintMotd no
LogLevel ERROR
Subsystem sftp internal-sftp
EOF
    echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1-2 "$s/host_key.pub")" > "$s/known_hosts"
    # sshd insists on its privilege-separation directory; made (and removed) only when absent
    if [ ! -d /run/sshd ]; then mkdir -m 755 /run/sshd && PRIVSEP_MADE=yes; fi
    /usr/sbin/sshd -D -e -f "$s/sshd_config" 2> "$s/sshd.log" &
    SSHD_PID=$!
    wait_port "$SSH_PORT" || { echo "private sshd did not start:" >&2; cat "$s/sshd.log" >&2; exit 1; }
    SSH_OPTS=(-F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o "UserKnownHostsFile=$s/known_hosts"
              -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o UpdateHostKeys=no
              -o ControlMaster=no -o LogLevel=ERROR)
    SSH_TARGET="$user@127.0.0.1"
}

# ---- 0. the machine ---------------------------------------------------------------------------
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
rec load.before "$(cut -d' ' -f1 /proc/loadavg)"
: > jvm.t
for i in $(seq "$RUNS"); do timed jvm.t /dev/null java -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC --version; done
rec jvm.version.s "$(col 1 jvm.t | median)"

start_sshd
make_server ours
make_server py-srv
# one start and stop first: a first start records the class list of the server's AppCDS archive,
# which the next start dumps; every later start of an installed server maps that archive
start_server ours
stop_server ours
start_server ours
start_server py-srv
sleep 2
rec idle.rss.ours.mib "$(kib "$(pid_of ours)" VmRSS | mib)"
rec idle.rss.py.mib "$(kib "$(pid_of py-srv)" VmRSS | mib)"
# one training run each: the launcher makes its AppCDS archive on the first real run
"$OURS_CLIENT" --furl "$(cat ours.up)" upload-file small.txt >/dev/null 2>&1
"$OURS_CLIENT" --furl "$(cat ours.true)" run-command >/dev/null 2>&1
"$OURS_CLIENT" --furl "$(cat ours.up)" upload-file small.txt >/dev/null 2>&1

# ---- 1. small operations: rounds alternate between the three, medians of RUNS ------------------
echo "small operations, $RUNS runs each (medians):"
: > up.ours; : > up.py; : > up.scp; : > true.ours; : > true.py; : > true.ssh
for i in $(seq "$RUNS"); do
    timed up.ours /dev/null "$OURS_CLIENT" --furl "$(cat ours.up)" upload-file small.txt
    timed up.py /dev/null "$PY_CLIENT" --furl "$(cat py-srv.up)" upload-file small.txt
    timed up.scp /dev/null scp -q "${SSH_OPTS[@]}" -i ssh/id_plain -P "$SSH_PORT" small.txt "$SSH_TARGET:$WORK/scp-small.txt"
    timed true.ours /dev/null "$OURS_CLIENT" --furl "$(cat ours.true)" run-command
    timed true.py /dev/null "$PY_CLIENT" --furl "$(cat py-srv.true)" run-command
    timed true.ssh /dev/null ssh "${SSH_OPTS[@]}" -i ssh/id_true -p "$SSH_PORT" "$SSH_TARGET"
done
for w in up.ours up.py up.scp true.ours true.py true.ssh; do
    rec "$w.s" "$(col 1 $w | median)"
    rec "$w.rss.mib" "$(col 3 $w | median | mib)"
    [ "$(failures $w)" = 0 ] || rec "$w.failures" "$(failures $w)"
done

# ---- 2. bulk upload ---------------------------------------------------------------------------
BULK_BYTES=$(size_of bulk.bin)
echo "upload of $BULK_MB MiB, once each (server CPU from /proc):"
bulk() { # LABEL SERVERDIR CLIENT
    local label=$1 dir=$2 client=$3 pid c0 t
    rm -f "$dir-up/bulk.bin"; sync
    pid=$(pid_of "$dir"); c0=$(cpu_of "$pid")
    : > "bulk.$label"
    timed "bulk.$label" /dev/null "$client" --furl "$(cat "$dir.up")" upload-file bulk.bin
    t=$(col 1 "bulk.$label")
    rec "bulk.$label.mbs" "$(mbs "$BULK_BYTES" "$t")"
    rec "bulk.$label.client.cpu.s" "$(col 2 "bulk.$label")"
    rec "bulk.$label.client.rss.mib" "$(col 3 "bulk.$label" | mib)"
    rec "bulk.$label.server.cpu.s" "$(sub "$(cpu_of "$pid")" "$c0")"
    cmp -s bulk.bin "$dir-up/bulk.bin" || rec "bulk.$label.failures" 1
    rm -f "$dir-up/bulk.bin"
}
bulk ours ours "$OURS_CLIENT"
bulk pyclient-ours ours "$PY_CLIENT"
bulk py py-srv "$PY_CLIENT"
rm -f scp-bulk.bin; sync
: > bulk.scp
timed bulk.scp /dev/null scp -q "${SSH_OPTS[@]}" -i ssh/id_plain -P "$SSH_PORT" bulk.bin "$SSH_TARGET:$WORK/scp-bulk.bin"
rec bulk.scp.mbs "$(mbs "$BULK_BYTES" "$(col 1 bulk.scp)")"
cmp -s bulk.bin scp-bulk.bin || rec bulk.scp.failures 1
rm -f scp-bulk.bin; sync
s=$(now)   # scp, then the file forced to disk, as the Flapp server does before it answers
scp -q "${SSH_OPTS[@]}" -i ssh/id_plain -P "$SSH_PORT" bulk.bin "$SSH_TARGET:$WORK/scp-bulk.bin" && sync scp-bulk.bin
rec bulk.scp-fsync.mbs "$(mbs "$BULK_BYTES" "$(sub "$(now)" "$s")")"
rm -f scp-bulk.bin

# ---- 3. stdin through wc -c -------------------------------------------------------------------
STDIN_BYTES=$(size_of stdin.bin)
echo "$STDIN_MB MiB of stdin through wc -c, once each:"
wc_run() { # LABEL CMD...
    local label=$1; shift
    : > "wc.$label"
    timed "wc.$label" stdin.bin "$@"
    rec "wc.$label.mbs" "$(mbs "$STDIN_BYTES" "$(col 1 "wc.$label")")"
    [ "$(tr -d ' \n' < stdout.1)" = "$STDIN_BYTES" ] || rec "wc.$label.failures" 1
}
wc_run ours "$OURS_CLIENT" --furl "$(cat ours.wc)" run-command
wc_run py "$PY_CLIENT" --furl "$(cat py-srv.wc)" run-command
wc_run ssh ssh "${SSH_OPTS[@]}" -i ssh/id_wc -p "$SSH_PORT" "$SSH_TARGET"

# ---- 4. many clients at once ------------------------------------------------------------------
echo "$CLIENTS clients x $SMALL_MB MiB at once (server peak RSS over the burst: VmHWM reset first):"
burst() { # LABEL SERVERDIR CLIENT
    local label=$1 dir=$2 client=$3 pid c0 s e i failed=0 pids=()
    rm -rf "$dir-up"/*; sync
    pid=$(pid_of "$dir"); c0=$(cpu_of "$pid")
    echo 5 > "/proc/$pid/clear_refs" 2>/dev/null || echo "  (cannot reset the peak RSS of $pid: figure is since start)" >&2
    s=$(now)
    for i in $(seq "$CLIENTS"); do
        "$client" --furl "$(cat "$dir.up")" upload-file "many/$i.bin" >/dev/null 2>"burst.$label.$i.err" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
    e=$(now)
    rec "burst.$label.s" "$(sub "$e" "$s")"
    rec "burst.$label.server.rss.mib" "$(kib "$pid" VmHWM | mib)"
    rec "burst.$label.server.cpu.s" "$(sub "$(cpu_of "$pid")" "$c0")"
    for i in $(seq "$CLIENTS"); do cmp -s "many/$i.bin" "$dir-up/$i.bin" || failed=$((failed + 1)); done
    rec "burst.$label.failures" "$failed"
    rm -rf "$dir-up"/* burst.$label.*.err
}
burst ours ours "$OURS_CLIENT"
burst py py-srv "$PY_CLIENT"

stop_server ours
stop_server py-srv

# ---- 5. start-up: start -> port accepts -> first upload OK (our client for both) --------------
echo "start-up, $START_RUNS cycles each:"
make_server start-ours
make_server py-start
: > start.ours.port; : > start.ours.up; : > start.py.port; : > start.py.up
for i in $(seq "$START_RUNS"); do
    for dir in start-ours py-start; do
        label=ours; [ "$dir" = py-start ] && label=py
        port=$(cat "$dir.port")
        s=$(now)
        "$(tool_of "$dir")" start "$dir" >/dev/null 2>&1 &
        starter=$!
        STARTED="$STARTED $dir"
        wait_port "$port"
        sub "$(now)" "$s" >> "start.$label.port"
        tries=0
        until "$OURS_CLIENT" --furl "$(cat "$dir.up")" upload-file small.txt >/dev/null 2>&1; do
            tries=$((tries + 1)); [ "$tries" -lt 100 ] || break
        done
        sub "$(now)" "$s" >> "start.$label.up"
        wait "$starter"
        stop_server "$dir"
    done
done
for f in start.ours.port start.ours.up start.py.port start.py.up; do rec "$f.s" "$(median < $f)"; done

# ---- 6. the engine: callRemote between two Tubs in one JVM, and the raw round-trip limit ------
echo "engine, $RPC_SECONDS s per mode:"
ENGINE_CP="$TEST_CLASSES:$LIB/*"
java -cp "$ENGINE_CP" org.flapp.rpc.bench.CallThroughput "$RPC_SECONDS" 100 > engine.txt
java -cp "$ENGINE_CP" org.flapp.rpc.bench.CallThroughput "$RPC_SECONDS" 100 --nonblocking >> engine.txt
java -cp "$ENGINE_CP" org.flapp.rpc.bench.CallThroughput "$RPC_SECONDS" 100 --direct >> engine.txt
"$PYTHON" "$REPO/rpc/bench/python_throughput.py" "$RPC_SECONDS" 100 >> engine.txt
java -cp "$ENGINE_CP" org.flapp.rpc.bench.PingPong "$RPC_SECONDS" >> engine.txt
awk '{ gsub(/-/, ".", $1); print "engine." $1 "." $2, $3 }' engine.txt | while read -r k v; do rec "$k" "$v"; done
rec load.after "$(cut -d' ' -f1 /proc/loadavg)"

"$PYTHON" "$REPO/bench/table.py" "$RESULTS" "quick=$QUICK runs=$RUNS bulk=${BULK_MB}MiB stdin=${STDIN_MB}MiB clients=${CLIENTS}x${SMALL_MB}MiB start_runs=$START_RUNS rpc=${RPC_SECONDS}s"

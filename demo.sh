#!/usr/bin/env bash
# The Flapp tour: builds the programs, then, in a temporary base directory, creates a server
# with an upload-file and a run-command service, starts it, uploads a file and runs the command
# with flappclient, shows the results and stops the server.
#   ./demo.sh              build (./mvnw -B -q -DskipTests package), then the tour
#   ./demo.sh --no-build   the tour with what is already built
set -euo pipefail
cd "$(dirname "$0")"

if [ "${1:-}" != --no-build ]; then
    echo "== building (./mvnw -B -q -DskipTests package)"
    ./mvnw -B -q -DskipTests package
fi
export PATH="$PWD/bin:$PATH"

work=$(mktemp -d "${TMPDIR:-/tmp}/flapp-demo.XXXXXX")
server="$work/server"
cleanup() {
    flappserver stop --quiet "$server" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# a free TCP port on the loopback interface
for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done

step() {
    printf '\n$ %s\n' "$*"
    "$@"
}

step flappserver create --location "tcp:127.0.0.1:$port" --port "tcp:$port:interface=127.0.0.1" --umask 0077 "$server"
mkdir "$server/incoming"
step flappserver add "$server" upload-file "$server/incoming" | tee "$work/upload.out"
step flappserver add "$server" run-command "$server/incoming" ls -l | tee "$work/run.out"
upload_furl=$(sed -n 's/^FURL is //p' "$work/upload.out")
run_furl=$(sed -n 's/^FURL is //p' "$work/run.out")

step flappserver start "$server"
step flappserver status "$server"

printf 'hello from the Flapp demo\n' > "$work/hello.txt"
step flappclient --furl "$upload_furl" upload-file "$work/hello.txt"
step flappclient --furl "$run_furl" run-command
step cat "$server/incoming/hello.txt"

step flappserver list "$server"
step flappserver stop "$server"
echo
echo "== done: the server ran in $server (now deleted)"

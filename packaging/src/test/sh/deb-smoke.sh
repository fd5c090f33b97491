#!/usr/bin/env bash
# Installs the built .deb (as root, on a throwaway machine: CI), checks the installed programs,
# runs a create/add/start/upload/stop cycle as the flappserver user from the installed copy,
# then purges the package and checks that it is gone. Any failure fails the script.
#   packaging/src/test/sh/deb-smoke.sh [path/to/flapp_VERSION_all.deb]
set -euo pipefail
cd "$(dirname "$0")/../../../.."

deb=${1:-$(ls packaging/target/flapp_*_all.deb | head -n 1)}
case "$deb" in /*|./*) ;; *) deb="./$deb" ;; esac
[ "$(id -u)" = 0 ] || { echo "deb-smoke: must run as root (it installs and purges a package)" >&2; exit 1; }

fail() {
    echo "deb-smoke: FAILED: $*" >&2
    exit 1
}
as_server() {
    (cd / && runuser -u flappserver -- "$@")
}

export DEBIAN_FRONTEND=noninteractive
echo "== installing $deb"
apt-get install -y -qq "$deb" >/dev/null
work=$(mktemp -d)
base=/var/lib/flappserver/smoke-$$
cleanup() {
    as_server flappserver stop --quiet "$base" >/dev/null 2>&1 || true
    rm -rf "$work" "$base"
    if dpkg -s flapp >/dev/null 2>&1; then apt-get purge -y -qq flapp >/dev/null || true; fi
}
trap cleanup EXIT

echo "== the installed programs"
[ "$(command -v flappserver)" = /usr/bin/flappserver ] || fail "flappserver is not /usr/bin/flappserver"
[ "$(readlink -f /usr/bin/flappclient)" = /usr/share/flapp/bin/flappclient ] || fail "flappclient is not Flapp's"
flappserver --version | tee "$work/version"
grep -q '^Flapp version: ' "$work/version" || fail "flappserver --version"
flappclient --version | grep -q '^flappclient (Flapp) ' || fail "flappclient --version"
getent passwd flappserver | grep -q ':/var/lib/flappserver:' || fail "no flappserver user with home /var/lib/flappserver"
[ -f /usr/lib/systemd/system/flappserver@.service ] || fail "no unit"
[ -f /usr/lib/systemd/system/flappserver@.socket ] || fail "no socket unit"
man -w flappserver-start >/dev/null 2>&1 || [ -f /usr/share/man/man1/flappserver-start.1.gz ] || fail "no man page"
if dpkg -s python3-foolscap >/dev/null 2>&1; then
    # Python's programs are diverted, not overwritten
    /usr/bin/flappserver.foolscap --version >/dev/null 2>&1 || fail "Python's flappserver was not kept as flappserver.foolscap"
fi

echo "== a server cycle as the flappserver user"
port=
for _ in $(seq 50); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
done
as_server flappserver create --quiet --location "tcp:127.0.0.1:$port" --port "tcp:$port:interface=127.0.0.1" --umask 0077 "$base"
as_server mkdir "$base/incoming"
furl=$(as_server flappserver add "$base" upload-file "$base/incoming" | sed -n 's/^FURL is //p')
[ -n "$furl" ] || fail "add printed no FURL"
as_server flappserver start "$base"
as_server flappserver status "$base" >/dev/null || fail "status says the server is not running"
head -c 100000 /dev/urandom > "$work/payload.bin"
chmod 755 "$work"; chmod 644 "$work/payload.bin"
as_server flappclient --furl "$furl" upload-file "$work/payload.bin"
cmp "$work/payload.bin" "$base/incoming/payload.bin" || fail "the uploaded file differs"
[ "$(stat -c %U "$base/incoming/payload.bin")" = flappserver ] || fail "the upload is not owned by flappserver"
as_server flappserver stop "$base"
if as_server flappserver status "$base" >/dev/null; then fail "the server still runs after stop"; fi
rm -rf "$base"

echo "== purging"
apt-get purge -y -qq flapp >/dev/null
if dpkg -s flapp >/dev/null 2>&1; then fail "flapp is still installed"; fi
[ ! -e /usr/share/flapp ] || fail "/usr/share/flapp is left over"
if dpkg -s python3-foolscap >/dev/null 2>&1; then
    [ -f /usr/bin/flappserver ] && [ ! -e /usr/bin/flappserver.foolscap ] || fail "Python's flappserver was not put back"
fi
echo "== deb-smoke: OK"

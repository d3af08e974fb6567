#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster:
#   scripts/with-postgres.sh .venv/bin/python -m pytest -q
# Installs Debian's postgresql if it is missing (as root), starts a cluster in a temporary
# folder as the `postgres` user on a loopback port, creates a database, exports
# FOLLOWUP_TEST_DB=postgresql+psycopg://... for the command, then stops and deletes it all.
set -euo pipefail

find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

BIN=$(find_bin || true)
if [ -z "$BIN" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "with-postgres: PostgreSQL is not installed; run as root or: apt-get install postgresql" >&2
        exit 1
    fi
    echo "with-postgres: installing Debian's postgresql" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    BIN=$(find_bin)
fi

# initdb refuses to run as root: the cluster belongs to `postgres` (or to us if not root).
if [ "$(id -u)" -eq 0 ]; then
    AS=(runuser -u postgres --)
    OWNER=postgres
else
    AS=()
    OWNER=$(id -un)
fi

DIR=$(mktemp -d /tmp/followup-pg.XXXXXX)
chmod 755 "$DIR"
[ "$(id -u)" -eq 0 ] && chown postgres "$DIR"
PORT=${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}

cleanup() {
    "${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
}
trap cleanup EXIT

"${AS[@]}" "$BIN/initdb" -D "$DIR/data" -U "$OWNER" -A trust -E UTF8 --no-locale >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w start \
    -o "-h 127.0.0.1 -p $PORT -k $DIR -c max_connections=300 -c fsync=off" >/dev/null
"${AS[@]}" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$OWNER" followup_test

export FOLLOWUP_TEST_DB="postgresql+psycopg://$OWNER@127.0.0.1:$PORT/followup_test"
echo "with-postgres: FOLLOWUP_TEST_DB=$FOLLOWUP_TEST_DB" >&2
"$@"

#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on 127.0.0.1, for the tests and the benchmark.
#   tools/pgtest.sh start STATE_DIR [--durable]   initdb in a temporary folder, start on a free port,
#                                                 write the URL to STATE_DIR/url
#   tools/pgtest.sh stop STATE_DIR                stop it and delete its data
#   tools/pgtest.sh stop-keep STATE_DIR           stop it (pg_ctl -m fast), keeping its data, port and URL
#   tools/pgtest.sh restart STATE_DIR             start it again on the same port and data (stopping it
#                                                 first if it runs): a database restart, for tests
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` system user (the
# Debian package creates it). Without --durable, fsync is off: the data is thrown away anyway.
set -euo pipefail

PG_BIN="${CLEARWAY_PG_BIN:-/usr/lib/postgresql/15/bin}"
cmd="${1:-}"
state="${2:-}"
usage="usage: $0 start|stop|stop-keep|restart STATE_DIR [--durable]"
[ -n "$cmd" ] && [ -n "$state" ] || { echo "$usage" >&2; exit 64; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then
    as_owner=(runuser -u postgres --)
fi
cd /tmp

case "$cmd" in
start)
    if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
        echo "pgtest: PostgreSQL 15 is not installed ($PG_BIN/initdb is missing): apt-get install postgresql (tools/dev.sh deps)" >&2
        exit 1
    fi
    if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "pgtest: running as root, but there is no postgres system user to run the cluster as" >&2
        exit 1
    fi
    mkdir -p "$state"
    "$0" stop "$state" >/dev/null 2>&1 || true
    data="$(mktemp -d /tmp/clearway-pg.XXXXXX)"
    [ ${#as_owner[@]} -eq 0 ] || chown postgres:postgres "$data"
    chmod 0700 "$data"
    echo "$data" > "$state/data"
    "${as_owner[@]}" "$PG_BIN/initdb" -D "$data/db" -U postgres --auth=trust -E UTF8 --locale=C >"$state/initdb.log" 2>&1 \
        || { cat "$state/initdb.log" >&2; exit 1; }
    {
        echo "listen_addresses = '127.0.0.1'"
        echo "unix_socket_directories = '$data'"
        echo "max_connections = 60"
        echo "shared_buffers = 64MB"
        if [ "${3:-}" != "--durable" ]; then
            echo "fsync = off"
            echo "synchronous_commit = off"
            echo "full_page_writes = off"
        fi
    } >> "$data/db/postgresql.conf"
    for attempt in $(seq 1 20); do
        port=$((20000 + RANDOM % 40000))
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            continue # taken
        fi
        if "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data/db" -o "-p $port" -l "$data/log" -w -t 30 start >/dev/null 2>&1; then
            echo "postgresql://postgres@127.0.0.1:$port/postgres" > "$state/url"
            echo "pgtest: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port, data in $data"
            exit 0
        fi
        echo "pgtest: start on port $port failed (attempt $attempt)" >&2
    done
    cat "$data/log" >&2 || true
    exit 1
    ;;
stop)
    rm -f "$state/url"
    if [ -f "$state/data" ]; then
        data="$(cat "$state/data")"
        if [ -d "$data/db" ]; then
            "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data/db" -m fast -w -t 30 stop >/dev/null 2>&1 || true
        fi
        case "$data" in /tmp/clearway-pg.*) rm -rf "$data" ;; esac
        rm -f "$state/data"
    fi
    echo "pgtest: stopped"
    ;;
stop-keep|restart)
    data="$(cat "$state/data" 2>/dev/null || true)"
    url="$(cat "$state/url" 2>/dev/null || true)"
    if [ -z "$data" ] || [ ! -d "$data/db" ] || [ -z "$url" ]; then
        echo "pgtest: no cluster started in $state (start it first)" >&2
        exit 1
    fi
    # Stopping a stopped cluster is no error: both verbs can be repeated.
    if "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data/db" status >/dev/null 2>&1; then
        "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data/db" -m fast -w -t 30 stop >/dev/null
    fi
    if [ "$cmd" = stop-keep ]; then
        echo "pgtest: stopped, data kept in $data"
        exit 0
    fi
    port="${url##*:}"
    port="${port%%/*}"
    "${as_owner[@]}" "$PG_BIN/pg_ctl" -D "$data/db" -o "-p $port" -l "$data/log" -w -t 30 start >/dev/null \
        || { tail -20 "$data/log" >&2; exit 1; }
    echo "pgtest: started again on 127.0.0.1:$port, data in $data"
    ;;
*)
    echo "$usage" >&2
    exit 64
    ;;
esac

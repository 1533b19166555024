# Sourced by scripts/test.sh and bench/run.sh: a throwaway PostgreSQL cluster (trust auth, loopback,
# a free port, in a temp dir removed on exit), from Debian's packages (installed if missing).
#
#   pg_cluster_start [PREPARE] [OPTION...]   initdb, then the function PREPARE (may be ""; it may add
#                                            files to "$PG_DIR/data"), then the server with -c OPTIONs;
#                                            sets PG_BIN, PG_DIR, PG_PORT, PG_USER
#   pg_cluster_stop                          stops it and removes its directory (call it on exit)
#   pg_fresh_database NAME                   drops and creates NAME; prints its URL

PG_BIN="" PG_DIR="" PG_PORT="" PG_USER=""
pg_running=0

as_pg() {
    # initdb and the server refuse to run as root: run them as the `postgres` user then.
    if [ "$(id -u)" = 0 ]; then
        (cd "$PG_DIR" && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

pg_cluster_stop() {
    if [ "$pg_running" = 1 ]; then
        as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -n "$PG_DIR" ]; then
        rm -rf "$PG_DIR"
    fi
}

pg_find_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    fi
}

pg_cluster_start() {
    local prepare=${1:-} option options=()
    shift || true
    for option in "$@"; do options+=(-c "$option"); done
    PG_BIN=$(pg_find_bin)
    if [ -z "$PG_BIN" ]; then
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo="sudo"
        $sudo apt-get update
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y postgresql
        PG_BIN=$(pg_find_bin)
        [ -n "$PG_BIN" ] || { echo "no initdb under /usr/lib/postgresql after installing postgresql" >&2; exit 1; }
    fi
    echo "using $PG_BIN"
    if [ "$(id -u)" = 0 ]; then
        PG_USER=postgres
        id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    else
        PG_USER=$(id -un)
    fi
    PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/gatehouse-pg.XXXXXX")
    [ "$(id -u)" != 0 ] || chown postgres "$PG_DIR"
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U "$PG_USER" --auth=trust -E UTF8 --locale=C >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; exit 1; }
    [ -z "$prepare" ] || "$prepare"
    PG_PORT=$(free_port)
    pg_running=1
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 ${options[*]}" start >/dev/null \
        || { cat "$PG_DIR/server.log" >&2; exit 1; }
}

pg_fresh_database() {
    PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/dropdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" --if-exists "$1"
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$1"
    echo "postgres://$PG_USER@127.0.0.1:$PG_PORT/$1"
}

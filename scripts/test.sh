#!/usr/bin/env bash
# Gatehouse's test command. The README and .ci/run call exactly this script, from any directory.
#
# Steps:
#   (0) libgmp-dev (GMP) and libssl-dev (OpenSSL's libcrypto), which the build links, nginx-light
#       (the balancer of the e2e run over several processes), and chromium with chromium-driver (the
#       managed login pages' browser tests), from Debian's packages if missing
#   (a) the Python venv .venv with e2e/requirements.txt (awscli, boto3, pytest, requests)
#   (b) PostgreSQL server binaries: /usr/lib/postgresql/*/bin, else `apt-get install postgresql`
#   (c) a throwaway PostgreSQL cluster (trust auth, loopback, free port) in a temp dir, removed on exit;
#       exports GATEHOUSE_TEST_DATABASE_URL=postgres://USER@127.0.0.1:PORT/gatehouse_test, and
#       GATEHOUSE_TEST_DATABASE_CA, the CA of the certificate it speaks TLS with
#   (d) swift build --build-tests; swift test   (the Swift suite's PostgreSQL run uses that URL)
#   (e) swift build -c release --product gatehouse
#   (f) the end-to-end suite (pytest e2e/) against that binary: once on SQLite, once on PostgreSQL
#       (database gatehouse_e2e, created fresh); then the sign-in, MFA, token and lockout tests again
#       with each of the session's servers two processes on PostgreSQL behind nginx (a fresh database).
#       Every run happens; the script fails if any fails.
#   (g) scripts/fuzz.sh: a minute of libFuzzer over the request parsing (its own build, .build/fuzz)
#
# Flags for fast local runs (set to 1):
#   GATEHOUSE_SKIP_SWIFT_TESTS  skip (d)
#   GATEHOUSE_SKIP_BUILD        skip (e) and test the existing $GATEHOUSE_BIN
#   GATEHOUSE_SKIP_POSTGRES     skip (b), (c) and the PostgreSQL e2e run; the Swift suite gets no database URL
#   GATEHOUSE_SKIP_E2E          skip (f)
#   GATEHOUSE_SKIP_FUZZ         skip (g)
# Settings:
#   GATEHOUSE_BIN               server binary for (f), default .build/release/gatehouse
#   GATEHOUSE_E2E_STORES        runs of (f), default "sqlite postgres balanced"
#   arguments                   passed to both pytest runs, e.g. `scripts/test.sh -x -k durability`
#
# Example: GATEHOUSE_SKIP_SWIFT_TESTS=1 GATEHOUSE_SKIP_BUILD=1 scripts/test.sh -x
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

flag() { [ "${!1:-0}" = 1 ]; }
step() { printf '\n==> %s\n' "$*"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# (0) C libraries the build links: GMP (libgmp-dev) for SRP's arithmetic, OpenSSL's libcrypto
#     (libssl-dev) for RS256 signatures -----------------------------------------------------------
missing=()
compgen -G "/usr/include/gmp.h" >/dev/null || compgen -G "/usr/include/*/gmp.h" >/dev/null || missing+=(libgmp-dev)
[ -f /usr/include/openssl/evp.h ] || missing+=(libssl-dev)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
    step "installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

# (a) Python environment ------------------------------------------------------------------------------
step "Python venv .venv"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r e2e/requirements.txt

# (b) + (c) PostgreSQL --------------------------------------------------------------------------------
# shellcheck source=scripts/postgres-cluster.sh
source scripts/postgres-cluster.sh

# TLS with a certificate for localhost signed by a CA of this run (the tests verify it).
make_certificates() {
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=gatehouse test CA" \
        -keyout "$PG_DIR/ca.key" -out "$PG_DIR/ca.crt" >/dev/null 2>&1
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$PG_DIR/data/server.key" \
        -out "$PG_DIR/server.csr" >/dev/null 2>&1
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' >"$PG_DIR/san.ext"
    openssl x509 -req -in "$PG_DIR/server.csr" -CA "$PG_DIR/ca.crt" -CAkey "$PG_DIR/ca.key" -CAcreateserial -days 2 \
        -extfile "$PG_DIR/san.ext" -out "$PG_DIR/data/server.crt" >/dev/null 2>&1
    chmod 600 "$PG_DIR/data/server.key"
    [ "$(id -u)" != 0 ] || chown postgres "$PG_DIR/data/server.key" "$PG_DIR/data/server.crt"
    export GATEHOUSE_TEST_DATABASE_CA="$PG_DIR/ca.crt"
}

start_postgres() {
    step "throwaway PostgreSQL cluster"
    trap pg_cluster_stop EXIT
    pg_cluster_start make_certificates fsync=off ssl=on
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" gatehouse_test
    export GATEHOUSE_TEST_DATABASE_URL="postgres://$PG_USER@127.0.0.1:$PG_PORT/gatehouse_test"
    echo "GATEHOUSE_TEST_DATABASE_URL=$GATEHOUSE_TEST_DATABASE_URL"
}

if ! flag GATEHOUSE_SKIP_POSTGRES; then
    start_postgres
fi

# (d) Swift unit and conformance tests ----------------------------------------------------------------
if ! flag GATEHOUSE_SKIP_SWIFT_TESTS; then
    step "swift build --build-tests && swift test"
    swift build --build-tests
    swift test
fi

# (e) release binary ----------------------------------------------------------------------------------
if ! flag GATEHOUSE_SKIP_BUILD; then
    step "swift build -c release --product gatehouse"
    swift build -c release --product gatehouse
fi

# (f) end-to-end suite --------------------------------------------------------------------------------
status=0
if ! flag GATEHOUSE_SKIP_E2E; then
    export GATEHOUSE_BIN="${GATEHOUSE_BIN:-.build/release/gatehouse}"
    for store in ${GATEHOUSE_E2E_STORES:-sqlite postgres balanced}; do
        case "$store" in
            sqlite)
                step "e2e on SQLite ($GATEHOUSE_BIN)"
                GATEHOUSE_E2E_STORE=sqlite .venv/bin/python -m pytest e2e "$@" || status=1
                ;;
            postgres)
                if flag GATEHOUSE_SKIP_POSTGRES; then
                    echo "skipping the PostgreSQL e2e run: GATEHOUSE_SKIP_POSTGRES=1"
                    continue
                fi
                step "e2e on PostgreSQL ($GATEHOUSE_BIN)"
                url=$(pg_fresh_database gatehouse_e2e)
                private=$(pg_fresh_database gatehouse_e2e_private)
                GATEHOUSE_E2E_STORE=postgres GATEHOUSE_E2E_DATABASE_URL="$url" GATEHOUSE_E2E_PRIVATE_DATABASE_URL="$private" \
                    .venv/bin/python -m pytest e2e "$@" || status=1
                ;;
            balanced)
                if flag GATEHOUSE_SKIP_POSTGRES; then
                    echo "skipping the e2e run behind nginx: GATEHOUSE_SKIP_POSTGRES=1"
                    continue
                fi
                step "e2e through nginx, two processes per server on PostgreSQL ($GATEHOUSE_BIN)"
                url=$(pg_fresh_database gatehouse_e2e)
                GATEHOUSE_E2E_BALANCED=1 GATEHOUSE_E2E_STORE=postgres GATEHOUSE_E2E_DATABASE_URL="$url" \
                    .venv/bin/python -m pytest e2e/test_processes.py e2e/test_sign_in.py e2e/test_mfa.py \
                    e2e/test_access_token_operations.py e2e/test_brute_force.py e2e/test_oauth_endpoints.py "$@" || status=1
                ;;
            *)
                echo "unknown store '$store' in GATEHOUSE_E2E_STORES" >&2
                exit 2
                ;;
        esac
    done
fi

# (g) fuzzing -----------------------------------------------------------------------------------------
if ! flag GATEHOUSE_SKIP_FUZZ; then
    step "scripts/fuzz.sh (${GATEHOUSE_FUZZ_SECONDS:-60} s)"
    scripts/fuzz.sh || status=1
fi
exit "$status"

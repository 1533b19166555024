#!/usr/bin/env bash
# Gatehouse on a pool of BENCH_SMALL (1,000) and of BENCH_LARGE (1,000,000) users: AdminGetUser of a
# random user and ListUsers with an exact email filter on a random user, each measured with wrk
# (-t2 -c32) for BENCH_SECONDS, with the server's CPU per 1,000 requests and its resident memory.
#
# Usage:  bench/users-at-scale.sh      (needs wrk; GATEHOUSE_BIN and USER_STORE_BENCH_BIN may name
#                                        release binaries, else both are built)
# The users are written straight into the server's SQLite file by UserStoreBench --load-pool, as
# the server stores them (the server is stopped meanwhile). Writes bench/users-at-scale.md.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
SMALL=${BENCH_SMALL:-1000}
LARGE=${BENCH_LARGE:-1000000}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
OUT=$BENCH_DIR/.out-scale
export BENCH_AMZ_DATE
BENCH_AMZ_DATE=$(date -u +%Y%m%dT%H%M%SZ)
log() { echo "[scale] $*" >&2; }

if [ -z "${GATEHOUSE_BIN:-}" ] || [ -z "${USER_STORE_BENCH_BIN:-}" ]; then
  (cd "$ROOT" && swift build -c release --product gatehouse && swift build -c release --product UserStoreBench)
fi
GATEHOUSE_BIN=${GATEHOUSE_BIN:-$ROOT/.build/release/gatehouse}
USER_STORE_BENCH_BIN=${USER_STORE_BENCH_BIN:-$ROOT/.build/release/UserStoreBench}

rm -rf "$OUT" && mkdir -p "$OUT"
DATA=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT/
SERVER=
stop_server() { [ -z "$SERVER" ] || { kill "$SERVER"; wait "$SERVER" || true; SERVER=; }; }
trap 'stop_server; rm -rf "$DATA"' EXIT
start_server() {
  "$GATEHOUSE_BIN" serve --port "$PORT" --data-dir "$DATA" --log-level error >>"$OUT/server.log" 2>&1 &
  SERVER=$!
  until curl -s -o /dev/null "${URL}health"; do sleep 0.1; done
}
call() { # op body
  curl -sf "$URL" -H 'Content-Type: application/x-amz-json-1.1' -H "X-Amz-Target: AWSCognitoIdentityProviderService.$1" \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${BENCH_AMZ_DATE:0:8}/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0" \
    -d "$2"
}
cpu_ticks() { local stat; stat=$(<"/proc/$1/stat"); set -- ${stat##*) }; echo $(( ${12} + ${13} )); }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }

start_server
declare -A POOL
for size in "$SMALL" "$LARGE"; do
  POOL[$size]=$(call CreateUserPool "{\"PoolName\":\"scale-$size\"}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["UserPool"]["Id"])')
done
stop_server
for size in "$SMALL" "$LARGE"; do
  log "loading $size users"
  "$USER_STORE_BENCH_BIN" --load-pool "${POOL[$size]}" --count "$size" --data-dir "$DATA" | tee -a "$OUT/load.log" >&2
done

start_server
log "server RSS after start: $(rss_mib "$SERVER") MiB"
ROWS=()
for op in AdminGetUser ListUsers; do
  for size in "$SMALL" "$LARGE"; do
    case $op in
      AdminGetUser) body="{\"UserPoolId\":\"${POOL[$size]}\",\"Username\":\"user-%%R%%\"}" ;;
      ListUsers) body="{\"UserPoolId\":\"${POOL[$size]}\",\"Filter\":\"email = \\\"user%%R%%@example.com\\\"\"}" ;;
    esac
    echo "$body" >"$OUT/$op-$size.body"
    export BENCH_TARGET=$op BENCH_BODY_FILE=$OUT/$op-$size.body BENCH_RANDOM_MAX=$size
    wrk -t2 -c32 -d2s -s "$BENCH_DIR/request.lua" "$URL" >/dev/null
    before=$(cpu_ticks "$SERVER")
    wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency -s "$BENCH_DIR/request.lua" "$URL" >"$OUT/$op-$size.wrk"
    sleep 1
    after=$(cpu_ticks "$SERVER")
    requests=$(awk '/requests in/ {print $1}' "$OUT/$op-$size.wrk")
    errors=$(awk '/Non-2xx/ {print $NF}' "$OUT/$op-$size.wrk")
    rate=$(awk '/Requests\/sec/ {print $2}' "$OUT/$op-$size.wrk")
    p99=$(awk '$1 == "99%" {print $2}' "$OUT/$op-$size.wrk")
    cpu=$(python3 -c "print(f'{($after - $before) * 1000 / $(getconf CLK_TCK) / $requests * 1000:.1f}')")
    ROWS+=("| $op | $size | $rate | $p99 | $cpu | ${errors:-0} | $(rss_mib "$SERVER") |")
    log "${ROWS[-1]}"
  done
done
{
  echo "# Gatehouse on pools of $SMALL and $LARGE users"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git -C "$ROOT" rev-parse --short HEAD); $(nproc) cores"
  echo "- wrk -t2 -c32 -d${SECONDS_PER_RUN}s, a random user of the pool per request; RSS after each run"
  echo
  echo "| Operation | users in pool | req/s | p99 | server CPU-ms / 1k req | non-2xx | server RSS (MiB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$BENCH_DIR/users-at-scale.md"

#!/usr/bin/env bash
# What checking an admin call's signature and policy costs Gatehouse: DescribeUserPool and
# AdminGetUser on a server with an access keys file (each request signed for real by botocore,
# which the server verifies again on every replay within its 15 minutes, and allowed by the key's
# policy) back to back with the same calls on a server without keys (the unsigned path).
#
# Usage:  bench/admin-auth.sh     (installs wrk from Debian if missing: root or sudo)
#
# BENCH_ROUNDS pairs of wrk runs (-t2 -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s, after a warm-up)
# per call; bench/pairs_report.py gives each server's CPU per call (utime+stime from /proc/PID/stat
# until the server is idle again), their difference, the p99s' ratio and the throughputs' ratio, and
# the medians.
# Environment: BENCH_SECONDS=5, BENCH_WARMUP=2, BENCH_CONNECTIONS=32, BENCH_ROUNDS=3,
#   GATEHOUSE_BIN=path (default: build the release binary). Outputs go to bench/.out-admin/.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
OUT=$BENCH_DIR/.out-admin
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

ensure_command wrk wrk
PYTHON=$ROOT/.venv/bin/python  # botocore signs the requests
[ -x "$PYTHON" ] || { log "no $PYTHON: run scripts/test.sh once, or make .venv with botocore"; exit 2; }
if [ -z "${GATEHOUSE_BIN:-}" ]; then
  log "building gatehouse (release)"
  (cd "$ROOT" && swift build -c release --product gatehouse >/dev/null)
  GATEHOUSE_BIN=$ROOT/.build/release/gatehouse
fi

rm -rf "$OUT" && mkdir -p "$OUT"
declare -A DATA

cat >"$OUT/access-keys.json" <<'KEYS'
{"AccessKeys": [{"AccessKeyId": "AKIDBENCH", "SecretAccessKey": "bench-secret", "Principal": "arn:aws:iam::123456789012:user/bench",
  "Policy": {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["cognito-idp:Describe*", "cognito-idp:Admin*", "cognito-idp:Create*"], "Resource": "*"},
    {"Effect": "Deny", "Action": "cognito-idp:AdminDeleteUser", "Resource": "*"}]}}]}
KEYS
for server in unsigned signed; do
  port=$(free_port) DATA[$server]=$(mktemp -d)
  SCRATCH+=("${DATA[$server]}")
  URL[$server]=http://127.0.0.1:$port/
  keys=(); [ "$server" = signed ] && keys=(--access-keys-file "$OUT/access-keys.json")
  "$GATEHOUSE_BIN" serve --host 127.0.0.1 --port "$port" --data-dir "${DATA[$server]}" --log-level error "${keys[@]}" \
    >"$OUT/$server.log" 2>&1 &
  PID[$server]=$!
  wait_ready "$server" "${URL[$server]}health"
done

sign() { # server operation body -> "Name: value" header lines of the request botocore signs now
  "$PYTHON" - "${URL[$1]}" "$2" "$3" <<'PY'
import sys
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
url, operation, body = sys.argv[1:]
request = AWSRequest(method="POST", url=url, data=body.encode(), headers={
    "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}"})
SigV4Auth(Credentials("AKIDBENCH", "bench-secret"), "cognito-idp", "us-east-1").add_auth(request)
for name, value in request.headers.items():
    print(f"{name}: {value}")
PY
}
signed_call() { # operation body -> response body; fails on non-200
  local resp
  resp=$(sign signed "$1" "$2" | sed 's/^/-H\n/' | tr '\n' '\0' | xargs -0 curl -s -w '\n%{http_code}' "${URL[signed]}" -d "$2")
  [ "${resp##*$'\n'}" = 200 ] || { log "signed $1 -> ${resp}"; return 1; }
  printf '%s\n' "${resp%$'\n'*}"
}

for server in unsigned signed; do
  if [ "$server" = signed ]; then make=signed_call; else make="call unsigned"; fi
  pool=$($make CreateUserPool '{"PoolName":"bench-admin"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["UserPool"]["Id"])')
  $make AdminCreateUser "{\"UserPoolId\":\"$pool\",\"Username\":\"bench-user\",\"MessageAction\":\"SUPPRESS\"}" >/dev/null
  printf '%s' "{\"UserPoolId\":\"$pool\"}" >"$OUT/DescribeUserPool-$server.body"  # signed as is: no newline
  printf '%s' "{\"UserPoolId\":\"$pool\",\"Username\":\"bench-user\"}" >"$OUT/AdminGetUser-$server.body"
done

for op in DescribeUserPool AdminGetUser; do
  export BENCH_TARGET=$op
  sign signed "$op" "$(<"$OUT/$op-signed.body")" >"$OUT/$op-signed.headers"
  for server in unsigned signed; do
    export BENCH_BODY_FILE=$OUT/$op-$server.body
    if [ "$server" = signed ]; then export BENCH_HEADERS_FILE=$OUT/$op-signed.headers; else unset BENCH_HEADERS_FILE; fi
    [ "$WARMUP" = 0 ] || wrk_load "$server" "$WARMUP" "$OUT/$op-$server.warmup"
  done
  for round in $(seq "$ROUNDS"); do
    for server in unsigned signed; do
      export BENCH_BODY_FILE=$OUT/$op-$server.body
      if [ "$server" = signed ]; then export BENCH_HEADERS_FILE=$OUT/$op-signed.headers; else unset BENCH_HEADERS_FILE; fi
      log "$op on the $server server: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
      measured_load "$server" "$SECONDS_PER_RUN" "$OUT/$op-$server.$round"
    done
  done
done

pairs_report "What checking an admin call's signature and policy costs Gatehouse" \
  --pair "DescribeUserPool:DescribeUserPool-unsigned:DescribeUserPool-signed" \
  --pair "AdminGetUser:AdminGetUser-unsigned:AdminGetUser-signed" \
  --meta "wrk=-t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s (after ${WARMUP}s warm-up), $ROUNDS pairs of runs per call"

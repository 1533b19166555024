#!/usr/bin/env bash
# What invoking a trigger costs Gatehouse: SignUp with a PreSignUp function and InitiateAuth
# (USER_PASSWORD_AUTH) with a PreTokenGeneration V2_0 function, each run back to back with the same
# call in a pool without the function.
#
# Usage:  bench/triggers.sh       (installs wrk and nginx-light from Debian if missing: root or sudo)
#
# The functions are nginx (Debian's nginx-light) answering every Invoke API request at once with a
# fixed answer, so that the stub is not the bottleneck: PreSignUp gets `{"response":{}}` (nothing
# changed), PreTokenGeneration a claim added to each token. Gatehouse signs the invocations as for
# AWS (keys AKIDBENCH) and reuses its connections; nginx's counters show how many it opened.
# BENCH_ROUNDS pairs of wrk runs (-t2 -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s, after a warm-up)
# per call: the call without its trigger, then with it. For each pair, bench/pairs_report.py gives
# Gatehouse's CPU per call (utime+stime from /proc/PID/stat until the server is idle again) with and
# without, their difference (the invocation's CPU), the p99s' ratio and the throughputs' ratio, and
# the medians of the pairs. Then InvokeFloorBench times, against the same stub, what an invocation
# cannot avoid with the HTTP client the server uses: async-http-client's own POST and the SigV4
# signature, with the stub's CPU per POST (it shares the two cores with the server).
#
# Environment: BENCH_SECONDS=5, BENCH_WARMUP=2, BENCH_CONNECTIONS=32, BENCH_ROUNDS=3,
#   GATEHOUSE_BIN=path (default: build the release binary).
# Outputs go to bench/.out-triggers/ (report.md, wrk logs, CPU samples, the servers' logs).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
OUT=$BENCH_DIR/.out-triggers
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

ensure_command wrk wrk
ensure_command nginx nginx-light
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
log "building gatehouse and InvokeFloorBench (release)"
release_gatehouse InvokeFloorBench

rm -rf "$OUT" && mkdir -p "$OUT/nginx"
DATA_DIR=$(mktemp -d)
SCRATCH+=("$DATA_DIR")

# The Invoke API stub. PreTokenGeneration's answer adds a claim to both tokens.
LAMBDA_PORT=$(free_port)
cat >"$OUT/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $OUT/nginx/nginx.pid;
error_log $OUT/nginx/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $OUT/nginx/body;
  proxy_temp_path $OUT/nginx/proxy;
  fastcgi_temp_path $OUT/nginx/fastcgi;
  uwsgi_temp_path $OUT/nginx/uwsgi;
  scgi_temp_path $OUT/nginx/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 300s;
  client_body_buffer_size 64k;
  server {
    listen 127.0.0.1:$LAMBDA_PORT;
    default_type application/json;
    location = /status { stub_status; }
    location ~ pre-token-generation/invocations\$ {
      return 200 '{"response":{"claimsAndScopeOverrideDetails":{"idTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"}},"accessTokenGeneration":{"claimsToAddOrOverride":{"tenant":"acme"}}}}}';
    }
    location / { return 200 '{"response":{}}'; }
  }
}
CONF
"$NGINX" -c "$OUT/nginx/nginx.conf" -g 'daemon off;' >"$OUT/nginx.log" 2>&1 &
PID[nginx]=$!
URL[nginx]=http://127.0.0.1:$LAMBDA_PORT/
wait_ready nginx "${URL[nginx]}status"

port=$(free_port)
URL[gatehouse]=http://127.0.0.1:$port/
AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench-secret \
  "$GATEHOUSE_BIN" serve --host 127.0.0.1 --port "$port" --data-dir "$DATA_DIR" --log-level error \
  --lambda-endpoint-url "http://127.0.0.1:$LAMBDA_PORT" >"$OUT/gatehouse.log" 2>&1 &
PID[gatehouse]=$!
wait_ready gatehouse "${URL[gatehouse]}health"
log "gatehouse on port $port, the Invoke API stub (nginx) on port $LAMBDA_PORT"

FUNCTIONS=arn:aws:lambda:us-east-1:123456789012:function
body_for() { # call trigger-or-none -> JSON body of the measured requests, in a new pool
  local pool client config=""
  case $2 in
    PreSignUp) config=",\"LambdaConfig\":{\"PreSignUp\":\"$FUNCTIONS:pre-sign-up\"}" ;;
    PreTokenGeneration) config=",\"LambdaConfig\":{\"PreTokenGenerationConfig\":{\"LambdaVersion\":\"V2_0\",\"LambdaArn\":\"$FUNCTIONS:pre-token-generation\"}}" ;;
  esac
  pool=$(call gatehouse CreateUserPool "{\"PoolName\":\"bench-$1-$2\",\"UserPoolTier\":\"ESSENTIALS\"$config}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["UserPool"]["Id"])')
  client=$(create_client gatehouse "$pool" '"ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]')
  case $1 in
    SignUp) echo "{\"ClientId\":\"$client\",\"Username\":\"s-%%N%%\",\"Password\":\"P2\$Sword\"}" ;;
    InitiateAuth)
      create_user gatehouse "$pool" bench-user
      call gatehouse AdminSetUserPassword \
        "{\"UserPoolId\":\"$pool\",\"Username\":\"bench-user\",\"Password\":\"P2\$Sword\",\"Permanent\":true}" >/dev/null
      echo "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"$client\",\"AuthParameters\":{\"USERNAME\":\"bench-user\",\"PASSWORD\":\"P2\$Sword\"}}" ;;
  esac
}

nginx_counts() { # -> "accepted-connections requests" so far
  curl -s "${URL[nginx]}status" | awk 'NR == 3 { print $1, $3 }'
}

for pair in SignUp:PreSignUp InitiateAuth:PreTokenGeneration; do
  op=${pair%%:*} trigger=${pair#*:}
  body_for "$op" none >"$OUT/$op.body"
  body_for "$op" "$trigger" >"$OUT/$op+$trigger.body"
  export BENCH_TARGET=$op
  for run in "$op" "$op+$trigger"; do  # warm-up, and a first sample of each answer
    export BENCH_BODY_FILE=$OUT/$run.body
    call gatehouse "$op" "$(sed 's/%%N%%/sample/' "$BENCH_BODY_FILE")" >"$OUT/$run.sample-response"
    [ "$WARMUP" = 0 ] || wrk_load gatehouse "$WARMUP" "$OUT/$run.warmup"
  done
  for round in $(seq "$ROUNDS"); do
    for run in "$op" "$op+$trigger"; do
      export BENCH_BODY_FILE=$OUT/$run.body
      log "$run: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
      invocations=$(nginx_counts)
      measured_load gatehouse "$SECONDS_PER_RUN" "$OUT/$run.$round"
      echo "$invocations $(nginx_counts)" >"$OUT/$run.$round.invocations"
    done
  done
done

log "InvokeFloorBench: async-http-client's POST and the SigV4 signature, and the stub's CPU per POST"
FLOOR_POSTS=60000
stub_worker=$(pgrep -P "${PID[nginx]}" | head -1)
stub_before=$(cpu_ticks "$stub_worker")
"$ROOT/.build/release/InvokeFloorBench" "${URL[nginx]%/}" "$FLOOR_POSTS" >"$OUT/invoke-floor"
stub_after=$(cpu_ticks "$stub_worker")
floor() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" "$OUT/invoke-floor"; }
# InvokeFloorBench's 200 warm-up POSTs are counted too.
stub_ms=$(python3 -c "print(f'{($stub_after - $stub_before) * 1000 / $(getconf CLK_TCK) / ($FLOOR_POSTS + 200):.4f}')")

pairs_report "What a trigger invocation costs Gatehouse" \
  --pair "SignUp + PreSignUp:SignUp:SignUp+PreSignUp" \
  --pair "InitiateAuth + PreTokenGeneration:InitiateAuth:InitiateAuth+PreTokenGeneration" \
  --meta "Invoke API stub=$("$NGINX" -v 2>&1 | cut -d/ -f2), one worker, fixed answers" \
  --meta "wrk=-t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s (after ${WARMUP}s warm-up), $ROUNDS pairs of runs per call" \
  --meta "What an invocation cannot avoid=async-http-client's POST of an event-sized body to the stub, $(floor http_client_post_ms) ms of CPU, 32 at a time; the SigV4 signature, $(floor sigv4_sign_ms) ms (InvokeFloorBench); the stub's own CPU per POST, $stub_ms ms"

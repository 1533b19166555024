# What bench/run.sh, bench/triggers.sh and bench/admin-auth.sh share. Source it after setting
# BENCH_DIR (this folder); it sets:
#   ROOT, WARMUP (BENCH_WARMUP, 2 s), CONNECTIONS (BENCH_CONNECTIONS, 32), and BENCH_AMZ_DATE
#   (exported: the X-Amz-Date of every request);
#   PID and URL, associative arrays for each server's process id and base URL (ending in /), and
#   SCRATCH, folders to remove: at exit, the servers in PID are stopped and SCRATCH removed.
# The functions also use OUT (the raw outputs' folder) and SECONDS_PER_RUN (wrk's default
# duration); wrk_load needs BENCH_TARGET and BENCH_BODY_FILE exported (bench/request.lua reads them).

ROOT=$(dirname "$BENCH_DIR")
WARMUP=${BENCH_WARMUP:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
export BENCH_AMZ_DATE
BENCH_AMZ_DATE=$(date -u +%Y%m%dT%H%M%SZ)
declare -A PID URL
SCRATCH=()
cleanup() {
  for p in "${PID[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "${SCRATCH[@]}"
  ! declare -F pg_cluster_stop >/dev/null || pg_cluster_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "[bench] $*" >&2; }
ensure_command() { # command package: installs the Debian package when the command is missing (root or sudo)
  command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] && return 0
  local sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
  log "installing $2"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "$2" >/dev/null
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_ready() { # name url-to-GET
  for _ in $(seq 300); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$2")" = 200 ] && return 0
    kill -0 "${PID[$1]}" 2>/dev/null || { log "$1 exited; see $OUT/$1.log"; exit 2; }
    sleep 0.1
  done
  log "$1 not ready after 30 s"; exit 2
}
call() { # server op body -> response body on stdout; fails (still printing it) on non-200
  local resp code
  resp=$(curl -s -w '\n%{http_code}' "${URL[$1]}" \
    -H 'Content-Type: application/x-amz-json-1.1' \
    -H "X-Amz-Target: AWSCognitoIdentityProviderService.$2" \
    -H "X-Amz-Date: $BENCH_AMZ_DATE" \
    -H "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/${BENCH_AMZ_DATE:0:8}/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000" \
    -d "$3")
  code=${resp##*$'\n'}
  printf '%s\n' "${resp%$'\n'*}"
  if [ "$code" != 200 ]; then log "$1 $2 $3 -> HTTP $code: ${resp%$'\n'*}"; return 1; fi
}
create_pool() { # server name -> pool id
  local resp; resp=$(call "$1" CreateUserPool "{\"PoolName\":\"$2\"}") || return 1
  python3 -c 'import json, sys; print(json.load(sys.stdin)["UserPool"]["Id"])' <<<"$resp"
}
create_user() { # server pool-id username
  call "$1" AdminCreateUser "{\"UserPoolId\":\"$2\",\"Username\":\"$3\",\"MessageAction\":\"SUPPRESS\",
    \"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"$3@example.com\"}]}" >/dev/null
}
create_client() { # server pool-id [more JSON members] -> client id
  local resp; resp=$(call "$1" CreateUserPoolClient "{\"UserPoolId\":\"$2\",\"ClientName\":\"bench\"${3:+,$3}}") || return 1
  python3 -c 'import json, sys; print(json.load(sys.stdin)["UserPoolClient"]["ClientId"])' <<<"$resp"
}
cpu_ticks() { # pid -> utime+stime in clock ticks
  local stat; stat=$(<"/proc/$1/stat"); set -- ${stat##*) }; echo $(( ${12} + ${13} ))
}
wait_idle() { # pid: wait (max 60 s) until the server finishes in-flight work (< 2 ticks / 0.5 s)
  local a b
  for _ in $(seq 120); do
    a=$(cpu_ticks "$1"); sleep 0.5; b=$(cpu_ticks "$1")
    [ $((b - a)) -lt 2 ] && return 0
  done
  log "warning: pid $1 still busy after 60 s"
}
measured_load() { # server seconds stem: once the server is idle, wrk_load -> stem.wrk, and the server's CPU around it -> stem.cpu
  local before
  wait_idle "${PID[$1]}"
  before=$(cpu_ticks "${PID[$1]}")
  wrk_load "$1" "$2" "$3.wrk"
  wait_idle "${PID[$1]}"  # CPU of the requests still in flight when the load stopped counts too
  echo "$before $(cpu_ticks "${PID[$1]}") $(getconf CLK_TCK) $CONNECTIONS" >"$3.cpu"
}
pairs_report() { # title [--pair LABEL:WITHOUT:WITH ...] [--meta K=V ...]: bench/pairs_report.py on $OUT's ROUNDS rounds
  local title=$1 commit
  shift
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
  [ -z "$(git -C "$ROOT" status --porcelain -- Sources Package.swift 2>/dev/null)" ] || commit="$commit (dirty)"
  python3 "$BENCH_DIR/pairs_report.py" "$OUT" --rounds "$ROUNDS" --output "$OUT/report.md" --title "$title" "$@" \
    --meta "Date=$(date -u '+%Y-%m-%d %H:%M UTC')" \
    --meta "Machine=$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)" \
    --meta "Gatehouse=$commit"
}
wrk_load() { # server seconds output-file: wrk with bench/request.lua (BENCH_TARGET, BENCH_BODY_FILE exported)
  # --timeout above the duration: slow responses are measured, not dropped from the histogram.
  wrk -t2 -c"$CONNECTIONS" --latency --timeout "$((SECONDS_PER_RUN + 5))s" -d"$2s" \
    -s "$BENCH_DIR/request.lua" "${URL[$1]}" >"$3" 2>&1
}
release_gatehouse() { # : GATEHOUSE_BIN, else the release binary (built, as the other products named)
  local product
  for product in "$@"; do (cd "$ROOT" && swift build -c release --product "$product" >/dev/null); done
  if [ -z "${GATEHOUSE_BIN:-}" ]; then
    (cd "$ROOT" && swift build -c release --product gatehouse >/dev/null)
    GATEHOUSE_BIN=$ROOT/.build/release/gatehouse
  fi
}
start_gatehouse() { # : a server on SQLite in a scratch directory as URL[gatehouse] and PID[gatehouse], its log $OUT/gatehouse.log
  local data port
  data=$(mktemp -d)
  SCRATCH+=("$data")
  port=$(free_port)
  URL[gatehouse]=http://127.0.0.1:$port/
  "$GATEHOUSE_BIN" serve --host 127.0.0.1 --port "$port" --data-dir "$data" --log-level error >"$OUT/gatehouse.log" 2>&1 &
  PID[gatehouse]=$!
  wait_ready gatehouse "${URL[gatehouse]}health"
}

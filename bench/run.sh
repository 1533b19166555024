#!/usr/bin/env bash
# Gatehouse vs moto throughput benchmark for the cognito-idp JSON API.
#
# Usage:  bench/run.sh            (from anywhere; run as root, or with sudo available
#                                  if wrk has to be installed)
#
# What it does, in one run:
#   1. installs wrk (Debian package) if missing and moto[server] into bench/.venv
#      (reuses ./.venv if it already has moto_server);
#   2. builds Gatehouse (swift build -c release --product gatehouse) unless
#      GATEHOUSE_BIN is given, and the SRP load generator SRPSignInBench, starts Gatehouse on a
#      fresh data dir, and starts moto_server;
#   3. for each operation (DescribeUserPool, UpdateUserPool, ListUserPools,
#      CreateUserPool, AdminCreateUser, AdminGetUser, ListUsers filtered by email
#      among 100 users, SignUp, InitiateAuth: a USER_PASSWORD_AUTH sign-in that returns
#      tokens) on each server: prepares state over plain HTTP, runs a short
#      warm-up, then `wrk -t2 -c$BENCH_CONNECTIONS -d${BENCH_SECONDS}s --latency`
#      with bench/request.lua (wrk counts non-2xx responses itself), and samples the
#      server's CPU time (utime+stime in /proc/PID/stat) around the run;
#      SRPSignIn, a full USER_SRP_AUTH sign-in (InitiateAuth, then RespondToAuthChallenge
#      PASSWORD_VERIFIER), takes two dependent requests, which wrk cannot make: it is run the
#      same way, at the same number of connections, with SRPSignInBench (Sources/SRPSignInBench:
#      the client's SRP math in OpenSSL's big numbers) instead of wrk. The client's math takes
#      about as much CPU as the server's, on the same cores, so sign-ins/s are shared with the
#      client; the server's CPU time per completed sign-in is the figure to compare;
#   4. bench/report.py turns the outputs into Markdown tables (req/s, p50, p99,
#      Gatehouse/moto ratio, CPU-ms per 1000 requests; for SRPSignIn sign-ins/s and
#      CPU-ms per sign-in, and, with SignInFloorBench's timings of the arithmetic a sign-in cannot
#      avoid around each run, CPU per sign-in as a multiple of that floor, the median of
#      BENCH_SIGN_IN_ROUNDS runs), printed and written to bench/.out/report.md
#      (the README shows the current run; bench/results.md keeps the ones before).
# Exits 1 if any run saw a non-200 response, a socket error or a failed SRP sign-in (an invalid
# measurement) or could not be prepared; the report shows a sample request and response.
# Takes about 5-6 minutes with the defaults (moto's CreateUserPool is ~200 ms of CPU each).
#
# Environment:
#   BENCH_SECONDS=10        duration of each measured run (wrk, or SRPSignInBench for SRPSignIn)
#   BENCH_WARMUP=2          warm-up seconds before each measured run (0 = none)
#   BENCH_CONNECTIONS=32    wrk's and SRPSignInBench's connections (wrk's threads are always 2)
#   BENCH_OPS="DescribeUserPool UpdateUserPool ListUserPools CreateUserPool AdminCreateUser AdminGetUser ListUsers SignUp InitiateAuth SRPSignIn"
#                           (also, not in the default run, the contended writes of issue 25 and the
#                           same writes spread out: AdminUpdateUserAttributes, every connection writing
#                           one user, and AdminUpdateUserAttributesSpread, each request one of 100 users
#                           at random; UpdateUserPoolSpread, each request one of 32 pools at random,
#                           beside UpdateUserPool, one pool)
#   BENCH_SIGN_IN_ROUNDS=3  Gatehouse's sign-ins (InitiateAuth, SRPSignIn) are measured this many
#                           times, each run between two timings of their floor (the machine's speed
#                           drifts by 10-15% within a minute); the report gives the median multiple
#   BENCH_SERVERS="gatehouse gatehouse-postgres moto"   which servers to measure: Gatehouse on
#                           SQLite, Gatehouse on PostgreSQL (its CPU figures are Gatehouse's alone,
#                           not PostgreSQL's, which runs on the same cores), moto
#   GATEHOUSE_BIN=path      use this binary, don't build
#   BENCH_DATABASE_URL=url  gatehouse-postgres's --database-url (an empty database, or export
#                           GATEHOUSE_MASTER_KEY_FILE naming the key of the runs before); without it,
#                           a throwaway cluster of Debian's PostgreSQL (scripts/postgres-cluster.sh,
#                           default settings, fsync on)
# Raw outputs (wrk logs, SRPSignInBench results, bodies, CPU samples, server logs) go to bench/.out/.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
SERVERS=${BENCH_SERVERS:-gatehouse gatehouse-postgres moto}
OPS=${BENCH_OPS:-DescribeUserPool UpdateUserPool ListUserPools CreateUserPool AdminCreateUser AdminGetUser ListUsers SignUp InitiateAuth SRPSignIn}
OUT=$BENCH_DIR/.out
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"
# shellcheck source=scripts/postgres-cluster.sh
source "$BENCH_DIR/../scripts/postgres-cluster.sh"

# ---- 1. tools -------------------------------------------------------------
ensure_command wrk wrk
if [ -x "$ROOT/.venv/bin/moto_server" ]; then
  VENV=$ROOT/.venv
else
  VENV=$BENCH_DIR/.venv
  if [ ! -x "$VENV/bin/moto_server" ]; then
    log "installing moto[server] into $VENV"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q 'moto[server]'
  fi
fi
case " $OPS " in *" SRPSignIn "*)
  log "building SRPSignInBench (release)"
  (cd "$ROOT" && swift build -c release --product SRPSignInBench >/dev/null)
esac
MOTO_VERSION=$("$VENV/bin/python" -c 'import moto; print(moto.__version__)')

case " $SERVERS " in *" gatehouse "*|*" gatehouse-postgres "*)
  if [ -z "${GATEHOUSE_BIN:-}" ]; then
    log "building gatehouse (release)"
    (cd "$ROOT" && swift build -c release --product gatehouse)
    GATEHOUSE_BIN=$ROOT/.build/release/gatehouse
  fi
  [ -x "$GATEHOUSE_BIN" ] || { log "no gatehouse binary at $GATEHOUSE_BIN"; exit 2; }
esac

# ---- 2. servers -------------------------------------------------------------
rm -rf "$OUT" && mkdir -p "$OUT"

# The floor of a sign-in (RS256 signatures, the password check, SRP's exchange) is timed on this
# machine just before and just after each measured run of Gatehouse's sign-ins; `openssl speed`
# once, beside it.
OPENSSL_RSA=""
SIGN_IN_ROUNDS=${BENCH_SIGN_IN_ROUNDS:-3}
case " $OPS " in *" InitiateAuth "*|*" SRPSignIn "*)
  log "building SignInFloorBench (release)"
  (cd "$ROOT" && swift build -c release --product SignInFloorBench >/dev/null)
  OPENSSL_RSA=$(openssl speed -seconds 2 rsa2048 2>/dev/null | awk '/^rsa 2048/ { printf "%.3f ms per RSA-2048 signature", $4 * 1000 }')
esac
time_floor() { "$ROOT/.build/release/SignInFloorBench" 400 >"$1"; } # output-file
LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
cpu_totals() { # -> all CPU ticks and the stolen ones (the hypervisor ran something else), from /proc/stat
  local _ user nice system idle iowait irq softirq steal
  read -r _ user nice system idle iowait irq softirq steal _ </proc/stat
  echo "$((user + nice + system + idle + iowait + irq + softirq + steal)) $steal"
}
CPU_AT_START=$(cpu_totals)
DATA_DIR=$(mktemp -d)
SCRATCH+=("$DATA_DIR")


for server in $SERVERS; do
  port=$(free_port)
  URL[$server]=http://127.0.0.1:$port/
  case $server in
    gatehouse|gatehouse-postgres)
      args=(serve --host 127.0.0.1 --port "$port" --data-dir "$DATA_DIR/$server" --log-level error)
      if [ "$server" = gatehouse-postgres ]; then
        if [ -z "${BENCH_DATABASE_URL:-}" ]; then
          log "starting a throwaway PostgreSQL cluster"
          pg_cluster_start "" >/dev/null
          BENCH_DATABASE_URL=$(pg_fresh_database gatehouse_bench)
        fi
        args+=(--database-url "$BENCH_DATABASE_URL")
      fi
      "$GATEHOUSE_BIN" "${args[@]}" >"$OUT/$server.log" 2>&1 &
      PID[$server]=$!
      wait_ready "$server" "${URL[$server]}health" ;;
    moto)
      "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port" >"$OUT/moto.log" 2>&1 &
      PID[$server]=$!
      wait_ready moto "${URL[$server]}moto-api/" ;;
    *) log "unknown server $server"; exit 2 ;;
  esac
  log "$server running on port $port (pid ${PID[$server]})"
done

# ---- 3. runs ----------------------------------------------------------------
body_for() { # server op -> JSON body for the measured requests (after preparing state)
  local id i client flow
  case $2 in
    DescribeUserPool|UpdateUserPool|AdminCreateUser|AdminGetUser|AdminUpdateUserAttributes*|ListUsers|SignUp|InitiateAuth|SRPSignIn)
      id=$(create_pool "$1" "bench-${2%UserPool}") || return 1 ;;
    ListUserPools) for i in $(seq 100); do create_pool "$1" "bench-list-$i" >/dev/null || return 1; done ;;
    UpdateUserPoolSpread) for i in $(seq 32); do create_pool "$1" "bench-spread-$i" || return 1; done >"$OUT/$1-$2.choices" ;;
  esac
  case $2 in
    AdminGetUser|AdminUpdateUserAttributes) create_user "$1" "$id" bench-user || return 1 ;;
    ListUsers|AdminUpdateUserAttributesSpread) for i in $(seq 0 99); do create_user "$1" "$id" "user$i" || return 1; done ;;
    SignUp) client=$(create_client "$1" "$id") || return 1 ;;
    InitiateAuth|SRPSignIn) # a confirmed user with a permanent password, and a client allowing the op's flow
      [ "$2" = InitiateAuth ] && flow=ALLOW_USER_PASSWORD_AUTH || flow=ALLOW_USER_SRP_AUTH
      client=$(create_client "$1" "$id" "\"ExplicitAuthFlows\":[\"$flow\",\"ALLOW_REFRESH_TOKEN_AUTH\"]") || return 1
      create_user "$1" "$id" bench-user || return 1
      call "$1" AdminSetUserPassword \
        "{\"UserPoolId\":\"$id\",\"Username\":\"bench-user\",\"Password\":\"P2\$Sword\",\"Permanent\":true}" >/dev/null || return 1 ;;
  esac
  case $2 in
    DescribeUserPool) echo "{\"UserPoolId\":\"$id\"}" ;;
    UpdateUserPool*) [ "$2" = UpdateUserPool ] || id=%%C%%
      cat <<EOF
{"UserPoolId":"$id",
 "Policies":{"PasswordPolicy":{"MinimumLength":12,"RequireUppercase":true,"RequireLowercase":true,
   "RequireNumbers":true,"RequireSymbols":false,"TemporaryPasswordValidityDays":3}},
 "AutoVerifiedAttributes":["email"],
 "UserPoolTags":{"env":"bench","team":"identity"},
 "MfaConfiguration":"OFF","DeletionProtection":"INACTIVE"}
EOF
      ;;
    ListUserPools) echo '{"MaxResults":60}' ;;
    CreateUserPool) echo '{"PoolName":"bench-create"}' ;;
    AdminCreateUser) echo "{\"UserPoolId\":\"$id\",\"Username\":\"u-%%N%%\",\"MessageAction\":\"SUPPRESS\",\"TemporaryPassword\":\"Temp-Passw0rd\",\"UserAttributes\":[{\"Name\":\"email\",\"Value\":\"u-%%N%%@example.com\"}]}" ;;
    AdminGetUser) echo "{\"UserPoolId\":\"$id\",\"Username\":\"bench-user\"}" ;;
    # Every request a new value, so that each one writes the one user all the connections share.
    AdminUpdateUserAttributes) echo "{\"UserPoolId\":\"$id\",\"Username\":\"bench-user\",\"UserAttributes\":[{\"Name\":\"given_name\",\"Value\":\"n-%%N%%\"}]}" ;;
    AdminUpdateUserAttributesSpread) echo "{\"UserPoolId\":\"$id\",\"Username\":\"user%%R%%\",\"UserAttributes\":[{\"Name\":\"given_name\",\"Value\":\"n-%%N%%\"}]}" ;;
    ListUsers) echo "{\"UserPoolId\":\"$id\",\"Filter\":\"email = \\\"user42@example.com\\\"\",\"Limit\":10}" ;;
    SignUp) echo "{\"ClientId\":\"$client\",\"Username\":\"s-%%N%%\",\"Password\":\"P2\$Sword\"}" ;;
    InitiateAuth) echo "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"$client\",\"AuthParameters\":{\"USERNAME\":\"bench-user\",\"PASSWORD\":\"P2\$Sword\"}}" ;;
    # Not a request body: SRPSignInBench's parameters, from which it makes both requests of each sign-in.
    SRPSignIn) echo "{\"UserPoolId\":\"$id\",\"ClientId\":\"$client\",\"Username\":\"bench-user\",\"Password\":\"P2\$Sword\"}" ;;
    *) log "unknown op $2"; return 1 ;;
  esac
}

srp_load() { # server seconds output-file: full USER_SRP_AUTH sign-ins with the parameters in $BENCH_BODY_FILE
  # The file gets the generator's JSON only, its stderr (normally empty) goes next to it.
  BENCH_SECONDS=$2 BENCH_SRP_CONNECTIONS=$CONNECTIONS \
    "$ROOT/.build/release/SRPSignInBench" "${URL[$1]}" "$BENCH_BODY_FILE" >"$3" 2>"$3.log" ||
    log "$1: SRPSignInBench failed, see $3.log"  # report.py then finds no result in $3
}

for server in $SERVERS; do
  for op in $OPS; do
    run=$OUT/$server-$op
    if ! body_for "$server" "$op" >"$run.body"; then
      log "$server $op: preparing state failed, not measured"; continue
    fi
    # A *Spread op is its operation on a random one of several pools (%%C%%) or users (%%R%%).
    export BENCH_TARGET=${op%Spread} BENCH_BODY_FILE=$run.body BENCH_CHOICES_FILE=$OUT/$server-$op.choices BENCH_RANDOM_MAX=100
    if [ "$op" = SRPSignIn ]; then
      # No single request to sample: the generator reports what its first failed sign-in got.
      load=srp_load ext=srp
    else
      sample=$(<"$run.body"); sample=${sample//%%R%%/0}; sample=${sample//%%N%%/sample}
      [ ! -s "$BENCH_CHOICES_FILE" ] || sample=${sample//%%C%%/$(head -1 "$BENCH_CHOICES_FILE")}
      call "$server" "$BENCH_TARGET" "$sample" >"$run.sample-response" ||
        log "$server $op: warning: a single request already fails; measuring anyway"
      load=wrk_load ext=wrk
    fi
    [ "$WARMUP" = 0 ] || $load "$server" "$WARMUP" "$run.warmup"
    rounds=1 floored=""
    case "$server $op" in "gatehouse InitiateAuth"|"gatehouse SRPSignIn") rounds=$SIGN_IN_ROUNDS floored=1 ;; esac
    for round in $(seq "$rounds"); do
      # Round 1 keeps the plain names (the main tables); later rounds add their number.
      stem=$run; [ "$round" = 1 ] || stem=$run.$round
      wait_idle "${PID[$server]}"
      [ -z "$floored" ] || time_floor "$stem.floor-before"
      log "$server $op: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $rounds)"
      before=$(cpu_ticks "${PID[$server]}")
      $load "$server" "$SECONDS_PER_RUN" "$stem.$ext"
      wait_idle "${PID[$server]}"  # CPU of the requests still in flight when the load stopped counts too
      after=$(cpu_ticks "${PID[$server]}")
      echo "$before $after $(getconf CLK_TCK) $CONNECTIONS" >"$stem.cpu"
      [ -z "$floored" ] || time_floor "$stem.floor-after"
    done
  done
done

# ---- 4. report --------------------------------------------------------------
memory=()
for server in $SERVERS; do  # the most memory each server held at once (VmHWM), after every run
  memory+=("$server $(awk '/^VmHWM/ { printf "%.0f MB", $2 / 1024 }' "/proc/${PID[$server]}/status")")
done
STEAL=$(echo "$CPU_AT_START $(cpu_totals)" | awk '{ printf "%.1f%%", ($3 > $1 ? 100 * ($4 - $2) / ($3 - $1) : 0) }')
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
[ -z "$(git -C "$ROOT" status --porcelain -- Sources Package.swift 2>/dev/null)" ] || COMMIT="$COMMIT (dirty)"
srp_meta=()
case " $OPS " in *" SRPSignIn "*)
  srp_meta=(--meta "SRPSignIn load=SRPSignInBench, $CONNECTIONS connections, ${SECONDS_PER_RUN}s (after ${WARMUP}s warm-up)")
esac
python3 "$BENCH_DIR/report.py" "$OUT" \
  --servers "$SERVERS" --ops "$OPS" --output "$OUT/report.md" \
  --meta "Date=$(date -u '+%Y-%m-%d %H:%M UTC')" \
  --meta "Machine=$(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load average at start $LOAD, CPU time stolen by the hypervisor during the runs $STEAL" \
  --meta "Gatehouse=$COMMIT" \
  --meta "moto=$MOTO_VERSION" \
  --meta "Peak resident memory=$(IFS=,; echo "${memory[*]}" | sed 's/,/, /g')" \
  --meta "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f2), -t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s (after ${WARMUP}s warm-up)" \
  ${OPENSSL_RSA:+--meta "openssl speed=$OPENSSL_RSA"} --sign-in-rounds "$SIGN_IN_ROUNDS" \
  "${srp_meta[@]}"

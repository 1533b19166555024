#!/usr/bin/env bash
# What remembered devices cost Gatehouse (SQLite):
# 1. A full device sign-in (USER_SRP_AUTH, PASSWORD_VERIFIER with DEVICE_KEY, DEVICE_SRP_AUTH,
#    DEVICE_PASSWORD_VERIFIER) beside a full USER_SRP_AUTH sign-in of a pool that tracks no devices:
#    the server's CPU per sign-in, each run between two timings of its floor (SignInFloorBench:
#    2 RS256 signatures and 1 SRP exchange, and 2 exchanges for the device sign-in).
# 2. A user with 1,000 remembered devices against users with fewer: AdminListDevices and ListDevices
#    by wrk, a page of 1 against a user with one device and a page of 60 against a user with 60;
#    and full device sign-ins by SRPSignInBench of that user against those of a user with a few
#    (SRPSignInBench confirms a new device for each run).
#
# Usage:  bench/devices.sh       (installs wrk from Debian if missing: root or sudo)
# Environment: BENCH_SECONDS=5, BENCH_WARMUP=2, BENCH_CONNECTIONS=32, BENCH_ROUNDS=3,
#   GATEHOUSE_BIN=path (default: build the release binary).
# Outputs go to bench/.out-devices/ (report.md, wrk logs, SRPSignInBench results, CPU samples).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
OUT=$BENCH_DIR/.out-devices
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

ensure_command wrk wrk
log "building gatehouse, SRPSignInBench and SignInFloorBench (release)"
release_gatehouse SRPSignInBench SignInFloorBench
rm -rf "$OUT" && mkdir -p "$OUT"
start_gatehouse

FLOWS='"ExplicitAuthFlows":["ALLOW_USER_SRP_AUTH","ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]'
pool_with() { # name [DeviceConfiguration JSON] -> "pool-id client-id"
  local pool
  pool=$(call gatehouse CreateUserPool "{\"PoolName\":\"$1\"${2:+,\"DeviceConfiguration\":$2}}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["UserPool"]["Id"])')
  echo "$pool $(create_client gatehouse "$pool" "$FLOWS")"
}
user_with_password() { # pool-id username
  create_user gatehouse "$1" "$2"
  call gatehouse AdminSetUserPassword "{\"UserPoolId\":\"$1\",\"Username\":\"$2\",\"Password\":\"P2\$Sword\",\"Permanent\":true}" >/dev/null
}
srp_params() { # pool client username [device] -> SRPSignInBench's parameters
  echo "{\"UserPoolId\":\"$1\",\"ClientId\":\"$2\",\"Username\":\"$3\",\"Password\":\"P2\$Sword\"${4:+,\"DeviceSignIn\":\"true\"}}"
}
srp_run() { # params-file seconds stem: SRPSignInBench -> stem.srp, the server's CPU around it -> stem.cpu
  local before
  wait_idle "${PID[gatehouse]}"
  before=$(cpu_ticks "${PID[gatehouse]}")
  BENCH_SECONDS=$2 BENCH_SRP_CONNECTIONS=$CONNECTIONS "$ROOT/.build/release/SRPSignInBench" "${URL[gatehouse]}" "$1" >"$3.srp" 2>"$3.srp.log"
  wait_idle "${PID[gatehouse]}"
  echo "$before $(cpu_ticks "${PID[gatehouse]}") $(getconf CLK_TCK) $CONNECTIONS" >"$3.cpu"
}

read -r plain_pool plain_client < <(pool_with bench-plain)
read -r device_pool device_client < <(pool_with bench-devices '{"ChallengeRequiredOnNewDevice":true,"DeviceOnlyRememberedOnUserPrompt":false}')
user_with_password "$plain_pool" bench-user
for user in one single sixty many; do user_with_password "$device_pool" "$user"; done
srp_params "$plain_pool" "$plain_client" bench-user >"$OUT/SRPSignIn.params"
srp_params "$device_pool" "$device_client" one device >"$OUT/DeviceSRPSignIn.params"
srp_params "$device_pool" "$device_client" many device >"$OUT/DeviceSRPSignIn-many.params"

log "giving 'many' 1,000 remembered devices, 'sixty' 60 and 'single' one (a sign-in and a ConfirmDevice each)"
python3 - "${URL[gatehouse]}" "$device_client" <<'PY'
import json, sys, urllib.request
url, client = sys.argv[1:]
def call(op, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService." + op})
    return json.load(urllib.request.urlopen(request))
for user, devices in (("single", 1), ("sixty", 60), ("many", 1000)):
    for _ in range(devices):
        result = call("InitiateAuth", {"ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
                                       "AuthParameters": {"USERNAME": user, "PASSWORD": "P2$Sword"}})["AuthenticationResult"]
        # ConfirmDevice does not check the verifier (docs/compatibility.md): any valid one does for listing.
        call("ConfirmDevice", {"AccessToken": result["AccessToken"], "DeviceKey": result["NewDeviceMetadata"]["DeviceKey"],
                               "DeviceSecretVerifierConfig": {"PasswordVerifier": "Ag==", "Salt": "AQ=="}})
PY

# The list bodies: each user's devices, by an administrator and by the user's own access token
# (a sign-in with the password alone presents no device, so it adds one more, not remembered).
for user in single sixty many; do
  token=$(call gatehouse InitiateAuth "{\"ClientId\":\"$device_client\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",
    \"AuthParameters\":{\"USERNAME\":\"$user\",\"PASSWORD\":\"P2\$Sword\"}}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["AuthenticationResult"]["AccessToken"])')
  for limit in 1 60; do
    echo "{\"UserPoolId\":\"$device_pool\",\"Username\":\"$user\",\"Limit\":$limit}" >"$OUT/AdminListDevices-$user-$limit.body"
    echo "{\"AccessToken\":\"$token\",\"Limit\":$limit}" >"$OUT/ListDevices-$user-$limit.body"
  done
done
LISTS="single-1 many-1 sixty-60 many-60"

for round in $(seq "$ROUNDS"); do
  for run in SRPSignIn DeviceSRPSignIn; do
    "$ROOT/.build/release/SignInFloorBench" 400 >"$OUT/$run.$round.floor-before"
    log "$run: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
    srp_run "$OUT/$run.params" "$SECONDS_PER_RUN" "$OUT/$run.$round"
    "$ROOT/.build/release/SignInFloorBench" 400 >"$OUT/$run.$round.floor-after"
  done
  log "DeviceSRPSignIn of the user with 1,000 devices (round $round of $ROUNDS)"
  srp_run "$OUT/DeviceSRPSignIn-many.params" "$SECONDS_PER_RUN" "$OUT/DeviceSRPSignIn-many.$round"
  for op in AdminListDevices ListDevices; do
    export BENCH_TARGET=$op
    for list in $LISTS; do
      export BENCH_BODY_FILE=$OUT/$op-$list.body
      [ "$round" != 1 ] || [ "$WARMUP" = 0 ] || wrk_load gatehouse "$WARMUP" "$OUT/$op-$list.warmup"
      log "$op $list: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
      measured_load gatehouse "$SECONDS_PER_RUN" "$OUT/$op-$list.$round"
    done
  done
done

pairs_report "Remembered devices: a user with 1,000 devices against users with 1 and 60" \
  --pair "AdminListDevices, page of 1 (2 devices, 1,001):AdminListDevices-single-1:AdminListDevices-many-1" \
  --pair "AdminListDevices, page of 60 (61 devices, 1,001):AdminListDevices-sixty-60:AdminListDevices-many-60" \
  --pair "ListDevices, page of 1 (1 remembered, 1,000):ListDevices-single-1:ListDevices-many-1" \
  --pair "ListDevices, page of 60 (60 remembered, 1,000):ListDevices-sixty-60:ListDevices-many-60" \
  --meta "wrk=-t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s (after ${WARMUP}s warm-up), $ROUNDS pairs of runs per call"
python3 - "$OUT" "$ROUNDS" <<'PY' | tee -a "$OUT/report.md"
import json, statistics, sys
from pathlib import Path
out, rounds = Path(sys.argv[1]), int(sys.argv[2])
def floor(run, n, key):
    values = [dict(p.split("=") for p in (out / f"{run}.{n}.floor-{w}").read_text().split())[key] for w in ("before", "after")]
    return sum(map(float, values)) / 2
def sign_in(run, n):
    result = json.loads((out / f"{run}.{n}.srp").read_text())
    before, after, tck, _ = map(int, (out / f"{run}.{n}.cpu").read_text().split())
    assert result["errors"] == 0 and result["sign_ins"] > 0, f"{run} round {n}: {result}"
    return (after - before) * 1000 / tck / result["sign_ins"], result["sign_ins"] / result["elapsed_seconds"]
print("\nFull sign-ins by SRPSignInBench: the server's CPU per sign-in (ms) and its multiple of the floor (the mean of")
print("SignInFloorBench's timings just before and after the run: 2 RS256 signatures and 1 SRP exchange, 2 for a device):\n")
print("| Sign-in | runs: CPU-ms (multiple of the floor) | sign-ins/s | median multiple |")
print("|---|---|---:|---:|")
for run, key, label in (("SRPSignIn", "floor_srp_sign_in_ms", "USER_SRP_AUTH"),
                        ("DeviceSRPSignIn", "floor_device_srp_sign_in_ms", "USER_SRP_AUTH + DEVICE_SRP_AUTH")):
    cells, multiples, rates = [], [], []
    for n in range(1, rounds + 1):
        cpu, rate = sign_in(run, n)
        multiples.append(cpu / floor(run, n, key))
        rates.append(rate)
        cells.append(f"{cpu:.3f} ({multiples[-1]:.2f}×)")
    print(f"| {label} | {', '.join(cells)} | {statistics.median(rates):,.0f} | {statistics.median(multiples):.2f}× |")
many = [sign_in("DeviceSRPSignIn-many", n) for n in range(1, rounds + 1)]
one = [sign_in("DeviceSRPSignIn", n) for n in range(1, rounds + 1)]
print(f"\nDevice sign-ins of the user with 1,000 devices: {', '.join(f'{c:.3f}' for c, _ in many)} CPU-ms "
      f"(median {statistics.median(c for c, _ in many):.3f}), against {statistics.median(c for c, _ in one):.3f} for the user with a few.")
PY

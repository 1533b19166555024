#!/usr/bin/env bash
# What threat protection costs a sign-in on Gatehouse (SQLite): InitiateAuth USER_PASSWORD_AUTH on a
# pool without it, back to back with the same call on a PLUS pool in AUDIT mode (a risk
# configuration read, the user's baseline events read, the compromised-password lookup, an event
# written) and in ENFORCED mode with a NO_ACTION configuration (the same, acting on nothing). The
# user always signs in from the same address, so every sign-in is recorded and passes.
#
# Usage:  bench/threat-protection.sh       (installs wrk from Debian if missing: root or sudo)
# Environment: BENCH_SECONDS=5, BENCH_WARMUP=2, BENCH_CONNECTIONS=32, BENCH_ROUNDS=3,
#   GATEHOUSE_BIN=path (default: build the release binary).
# Outputs go to bench/.out-threat-protection/ (report.md, wrk logs, CPU samples).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
WARMUP=${BENCH_WARMUP:-2}
ROUNDS=${BENCH_ROUNDS:-3}
OUT=$BENCH_DIR/.out-threat-protection
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

ensure_command wrk wrk
log "building gatehouse (release)"
release_gatehouse
rm -rf "$OUT" && mkdir -p "$OUT"
start_gatehouse

FLOWS='"ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]'
for run in Plain Audit Enforced; do
  case $run in
    Plain) settings='' ;;
    Audit) settings=',"UserPoolTier":"PLUS","UserPoolAddOns":{"AdvancedSecurityMode":"AUDIT"}' ;;
    Enforced) settings=',"UserPoolTier":"PLUS","UserPoolAddOns":{"AdvancedSecurityMode":"ENFORCED"}' ;;
  esac
  pool=$(call gatehouse CreateUserPool "{\"PoolName\":\"bench-$run\"$settings}" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["UserPool"]["Id"])')
  [ "$run" != Enforced ] || call gatehouse SetRiskConfiguration "{\"UserPoolId\":\"$pool\",\"AccountTakeoverRiskConfiguration\":{\"Actions\":{
    \"LowAction\":{\"EventAction\":\"NO_ACTION\",\"Notify\":false},\"MediumAction\":{\"EventAction\":\"NO_ACTION\",\"Notify\":false},
    \"HighAction\":{\"EventAction\":\"NO_ACTION\",\"Notify\":false}}}}" >/dev/null
  client=$(create_client gatehouse "$pool" "$FLOWS")
  create_user gatehouse "$pool" bench-user
  call gatehouse AdminSetUserPassword "{\"UserPoolId\":\"$pool\",\"Username\":\"bench-user\",\"Password\":\"P2\$Sword\",\"Permanent\":true}" >/dev/null
  echo "{\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"ClientId\":\"$client\",\"AuthParameters\":{\"USERNAME\":\"bench-user\",\"PASSWORD\":\"P2\$Sword\"}}" \
    >"$OUT/$run.body"
done

export BENCH_TARGET=InitiateAuth
for run in Plain Audit Enforced; do
  export BENCH_BODY_FILE=$OUT/$run.body
  [ "$WARMUP" = 0 ] || wrk_load gatehouse "$WARMUP" "$OUT/$run.warmup"
done
for round in $(seq "$ROUNDS"); do
  for run in Plain Audit Enforced; do
    export BENCH_BODY_FILE=$OUT/$run.body
    log "InitiateAuth on the $run pool: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
    measured_load gatehouse "$SECONDS_PER_RUN" "$OUT/$run.$round"
  done
done

pairs_report "What threat protection costs a sign-in" \
  --pair "InitiateAuth, AUDIT:Plain:Audit" --pair "InitiateAuth, ENFORCED (NO_ACTION):Plain:Enforced" \
  --meta "wrk=-t2 -c$CONNECTIONS -d${SECONDS_PER_RUN}s (after ${WARMUP}s warm-up), $ROUNDS rounds of the three runs"

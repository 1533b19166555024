#!/usr/bin/env bash
# What a pool domain's OAuth endpoints cost Gatehouse (SQLite), beside the API's InitiateAuth in
# the same run: the server's CPU per call, req/s, p50 and p99 at $CONNECTIONS connections, for
# 1. InitiateAuth USER_PASSWORD_AUTH (a password check, 2 RS256 signatures),
# 2. the authorization code flow: a sign-in POST to /login (the password check; a sealed code in
#    the 302) and its redemption at /oauth2/token (2 RS256 signatures): one flow is two requests,
# 3. /oauth2/token with client_credentials (1 RS256 signature),
# 4. /oauth2/userInfo with an access token (1 RS256 verification, a user read).
# The sign-ins are set against their floor (SignInFloorBench's floor_user_password_auth_ms: a
# password check and 2 RS256 signatures), timed just before and after each run.
#
# Usage:  bench/oauth.sh       (installs wrk from Debian if missing: root or sudo)
# Environment: BENCH_SECONDS=5, BENCH_WARMUP=2, BENCH_CONNECTIONS=32, BENCH_ROUNDS=3,
#   GATEHOUSE_BIN=path (default: build the release binary).
# Outputs go to bench/.out-oauth/ (report.md, wrk logs, CPU samples).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SECONDS_PER_RUN=${BENCH_SECONDS:-5}
ROUNDS=${BENCH_ROUNDS:-3}
OUT=$BENCH_DIR/.out-oauth
# shellcheck source=bench/common.sh
source "$BENCH_DIR/common.sh"

ensure_command wrk wrk
log "building gatehouse and SignInFloorBench (release)"
release_gatehouse SignInFloorBench
rm -rf "$OUT" && mkdir -p "$OUT"
start_gatehouse

log "a pool with the domain bench-oauth, a web client (code flow), a machine client (client_credentials), a user"
python3 - "${URL[gatehouse]}" "$OUT" <<'PY'
import base64, json, os, re, sys, urllib.parse, urllib.request
url, out = sys.argv[1:]
date = os.environ["BENCH_AMZ_DATE"]
def call(op, body):
    # The admin calls are taken unsigned from loopback; the fake signature only names the region.
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers={
        "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService." + op, "X-Amz-Date": date,
        "Authorization": f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{date[:8]}/us-east-1/cognito-idp/aws4_request, "
                         "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000"})
    return json.load(urllib.request.urlopen(request))
pool = call("CreateUserPool", {"PoolName": "bench-oauth"})["UserPool"]["Id"]
call("CreateUserPoolDomain", {"UserPoolId": pool, "Domain": "bench-oauth"})
call("CreateResourceServer", {"UserPoolId": pool, "Identifier": "api", "Name": "api", "Scopes": [{"ScopeName": "read", "ScopeDescription": "r"}]})
callback = "http://localhost/cb"
web = call("CreateUserPoolClient", {"UserPoolId": pool, "ClientName": "web", "GenerateSecret": True, "AllowedOAuthFlows": ["code"],
                                     "AllowedOAuthScopes": ["openid", "email"], "AllowedOAuthFlowsUserPoolClient": True,
                                     "CallbackURLs": [callback], "SupportedIdentityProviders": ["COGNITO"],
                                     "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})["UserPoolClient"]
machine = call("CreateUserPoolClient", {"UserPoolId": pool, "ClientName": "machine", "GenerateSecret": True,
                                         "AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["api/read"],
                                         "AllowedOAuthFlowsUserPoolClient": True})["UserPoolClient"]
call("AdminCreateUser", {"UserPoolId": pool, "Username": "bench-user", "MessageAction": "SUPPRESS",
                         "UserAttributes": [{"Name": "email", "Value": "bench@example.com"}]})
call("AdminSetUserPassword", {"UserPoolId": pool, "Username": "bench-user", "Password": "P2$Sword", "Permanent": True})

def basic(client):
    return "Basic " + base64.b64encode(f"{client['ClientId']}:{client['ClientSecret']}".encode()).decode()
def write(name, text):
    open(f"{out}/{name}", "w").write(text)
csrf = "00000000-0000-4000-8000-000000000000"
query = urllib.parse.urlencode({"response_type": "code", "client_id": web["ClientId"], "redirect_uri": callback, "scope": "openid email"})
write("login.path", f"/_domain/bench-oauth/login?{query}")
write("login.body", urllib.parse.urlencode({"_csrf": csrf, "username": "bench-user", "password": "P2$Sword"}))
write("login.headers", f"Cookie: XSRF-TOKEN={csrf}\nContent-Type: application/x-www-form-urlencoded\n")
write("token.body", "grant_type=authorization_code&code=%%CODE%%&redirect_uri=" + urllib.parse.quote(callback, safe=""))
write("token.headers", f"Authorization: {basic(web)}\nContent-Type: application/x-www-form-urlencoded\n")
write("client-credentials.body", "grant_type=client_credentials")
write("client-credentials.headers", f"Authorization: {basic(machine)}\nContent-Type: application/x-www-form-urlencoded\n")
write("InitiateAuth.body", json.dumps({"ClientId": web["ClientId"], "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": {
    "USERNAME": "bench-user", "PASSWORD": "P2$Sword",
    "SECRET_HASH": base64.b64encode(__import__("hmac").new(web["ClientSecret"].encode(), ("bench-user" + web["ClientId"]).encode(),
                                                            "sha256").digest()).decode()}}))
# One code flow by hand, for userInfo's access token.
class Stop(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args): return None
opener = urllib.request.build_opener(Stop)
login = urllib.request.Request(url.rstrip("/") + open(f"{out}/login.path").read(), data=open(f"{out}/login.body").read().encode(),
                               headers={"Cookie": f"XSRF-TOKEN={csrf}"})
try:
    opener.open(login)
    raise SystemExit("the sign-in did not redirect")
except urllib.error.HTTPError as redirect:
    code = re.search(r"code=([^&]+)", redirect.headers["Location"]).group(1)
token = json.load(urllib.request.urlopen(urllib.request.Request(
    url.rstrip("/") + "/_domain/bench-oauth/oauth2/token", headers={"Authorization": basic(web)},
    data=f"grant_type=authorization_code&code={code}&redirect_uri={urllib.parse.quote(callback, safe='')}".encode())))
write("userinfo.headers", f"Authorization: Bearer {token['access_token']}\n")
PY

oauth_load() { # stem mode [METHOD PATH BODY HEADERS]: wrk with bench/oauth.lua, the server's CPU around it -> stem.wrk, stem.cpu
  local stem=$1 before
  shift
  wait_idle "${PID[gatehouse]}"
  before=$(cpu_ticks "${PID[gatehouse]}")
  if [ "$1" = code ]; then
    BENCH_OAUTH_MODE=code BENCH_LOGIN_PATH=$(<"$OUT/login.path") BENCH_LOGIN_BODY_FILE=$OUT/login.body \
      BENCH_HEADERS_FILE=$OUT/login.headers BENCH_TOKEN_PATH=/_domain/bench-oauth/oauth2/token \
      BENCH_TOKEN_BODY_FILE=$OUT/token.body BENCH_TOKEN_HEADERS_FILE=$OUT/token.headers \
      wrk -t2 -c"$CONNECTIONS" --latency --timeout "$((SECONDS_PER_RUN + 5))s" -d"${SECONDS_PER_RUN}s" \
      -s "$BENCH_DIR/oauth.lua" "${URL[gatehouse]}" >"$stem.wrk" 2>&1
  else
    env BENCH_OAUTH_MODE=request BENCH_METHOD="$2" BENCH_PATH="$3" ${4:+BENCH_BODY_FILE="$4"} BENCH_HEADERS_FILE="$5" \
      wrk -t2 -c"$CONNECTIONS" --latency --timeout "$((SECONDS_PER_RUN + 5))s" -d"${SECONDS_PER_RUN}s" \
      -s "$BENCH_DIR/oauth.lua" "${URL[gatehouse]}" >"$stem.wrk" 2>&1
  fi
  wait_idle "${PID[gatehouse]}"
  echo "$before $(cpu_ticks "${PID[gatehouse]}") $(getconf CLK_TCK) $CONNECTIONS" >"$stem.cpu"
}

for round in $(seq "$ROUNDS"); do
  "$ROOT/.build/release/SignInFloorBench" 400 >"$OUT/InitiateAuth.$round.floor-before"
  log "InitiateAuth USER_PASSWORD_AUTH: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
  BENCH_TARGET=InitiateAuth BENCH_BODY_FILE=$OUT/InitiateAuth.body measured_load gatehouse "$SECONDS_PER_RUN" "$OUT/InitiateAuth.$round"
  "$ROOT/.build/release/SignInFloorBench" 400 >"$OUT/InitiateAuth.$round.floor-after"
  cp "$OUT/InitiateAuth.$round.floor-after" "$OUT/CodeFlow.$round.floor-before"
  log "authorization code flow: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
  oauth_load "$OUT/CodeFlow.$round" code
  "$ROOT/.build/release/SignInFloorBench" 400 >"$OUT/CodeFlow.$round.floor-after"
  log "client_credentials: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
  oauth_load "$OUT/ClientCredentials.$round" request POST /_domain/bench-oauth/oauth2/token "$OUT/client-credentials.body" \
    "$OUT/client-credentials.headers"
  log "userInfo: ${SECONDS_PER_RUN}s x $CONNECTIONS connections (round $round of $ROUNDS)"
  oauth_load "$OUT/UserInfo.$round" request GET /_domain/bench-oauth/oauth2/userInfo "" "$OUT/userinfo.headers"
done

commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "no commit")
[ -z "$(git -C "$ROOT" status --porcelain -- Sources Package.swift 2>/dev/null)" ] || commit="$commit (dirty)"
python3 - "$OUT" "$ROUNDS" "$commit" "$CONNECTIONS" "$SECONDS_PER_RUN" <<'PY' | tee "$OUT/report.md"
import statistics, sys, time, os
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]).parent))
from report import parse_wrk
out, rounds, commit, connections, seconds = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
def floor(run, n):
    values = [dict(p.split("=") for p in (out / f"{run}.{n}.floor-{w}").read_text().split())["floor_user_password_auth_ms"]
              for w in ("before", "after")]
    return sum(map(float, values)) / 2
print(f"OAuth endpoints against InitiateAuth, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Gatehouse {commit}, SQLite, "
      f"{os.cpu_count()} cores; wrk -t2 -c{connections} -d{seconds}s, {rounds} rounds (medians; CPU per call of the server)\n")
print("| Call | req/s | p50 | p99 | p99/p50 | CPU per call | multiple of the floor |")
print("|---|---:|---:|---:|---:|---:|---:|")
failed = False
for run, label, per_call, floored in (("InitiateAuth", "InitiateAuth USER_PASSWORD_AUTH", 1, True),
                                       ("CodeFlow", "code flow: /login + /oauth2/token (req/s and CPU per flow, latency per request)", 2, True),
                                       ("ClientCredentials", "/oauth2/token client_credentials", 1, False),
                                       ("UserInfo", "/oauth2/userInfo", 1, False)):
    rows = []
    for n in range(1, rounds + 1):
        r = parse_wrk((out / f"{run}.{n}.wrk").read_text())
        before, after, tck, conns = map(int, (out / f"{run}.{n}.cpu").read_text().split())
        if r["non200"] or r["socket_errors"] or not r["requests"]:
            failed = True
            print(f"<!-- {run} round {n}: {r} -->")
        cpu = (after - before) * 1000 / tck / ((r["requests"] + conns) / per_call)
        rows.append((r["rps"] / per_call, r["p50_ms"], r["p99_ms"], cpu, cpu / floor(run, n) if floored else None))
    med = lambda i: statistics.median(row[i] for row in rows)
    multiple = f"{med(4):.2f}×" if floored else ""
    print(f"| {label} | {med(0):,.0f} | {med(1):.2f} ms | {med(2):.2f} ms | {med(2) / med(1):.1f}× | {med(3):.3f} ms | {multiple} |")
print("\nThe floor: SignInFloorBench's password check and 2 RS256 signatures (floor_user_password_auth_ms), "
      "the mean of its timings just before and after each run.")
sys.exit(1 if failed else 0)
PY

#!/usr/bin/env python3
"""Load generator for full USER_SRP_AUTH sign-ins, which wrk cannot make (two dependent requests).

Usage:  srp-sign-in.py URL PARAMS_FILE
  URL          the server, e.g. http://127.0.0.1:9229/
  PARAMS_FILE  JSON {"UserPoolId", "ClientId", "Username", "Password"}: a confirmed user with a
               permanent password, and a client of its pool that allows ALLOW_USER_SRP_AUTH

Environment: BENCH_SECONDS (default 10), BENCH_SRP_WORKERS (default 4), BENCH_AMZ_DATE (X-Amz-Date,
default now).

Each worker process signs in over and over on its own keep-alive connection: InitiateAuth
USER_SRP_AUTH with a new SRP_A (a fresh random a for every sign-in), then RespondToAuthChallenge
PASSWORD_VERIFIER with the claim signature computed from that challenge. The SRP math is pycognito's
(AWSSRP); the requests are sent here, with bench/run.sh's headers, so that no boto3 time is spent
per request. A sign-in is completed when the second response is HTTP 200 and holds
AuthenticationResult.AccessToken; any other outcome (a non-200 response, another challenge, a
connection error) is one error. Workers start no sign-in after BENCH_SECONDS but finish the one
they are in, so the server's CPU time measured around the whole run goes to counted sign-ins and
errors only.

Prints one JSON object: sign_ins (completed), errors, elapsed_seconds (start until every worker
has finished), workers, first_error (what the first failed sign-in got, or null).
"""
import http.client
import json
import multiprocessing
import os
import sys
import time
from urllib.parse import urlsplit

from pycognito.aws_srp import AWSSRP

# AWSSRP creates a boto3 client unless given one; it is used only by AWSSRP.authenticate_user,
# which this does not call.
UNUSED_BOTO3_CLIENT = object()


class SignInFailed(Exception):
    pass


def headers(op):
    amz_date = os.environ.get("BENCH_AMZ_DATE") or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return {
        "Content-Type": "application/x-amz-json-1.1",
        "X-Amz-Target": f"AWSCognitoIdentityProviderService.{op}",
        "X-Amz-Date": amz_date,
        "Authorization": f"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/{amz_date[:8]}/us-east-1/cognito-idp/aws4_request, "
                         "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000",
    }


def post(conn, path, op, body):
    """Sends one request; returns the JSON answer if it is HTTP 200, else raises SignInFailed."""
    conn.request("POST", path, json.dumps(body), headers(op))
    response = conn.getresponse()
    text = response.read()  # read fully, so that the connection can carry the next request
    if response.status != 200:
        raise SignInFailed(f"{op} -> HTTP {response.status}: {text[:500].decode(errors='replace')}")
    return json.loads(text)


def sign_in(conn, path, srp, params):
    srp.small_a_value = srp.generate_random_small_a()
    srp.large_a_value = srp.calculate_a()
    auth_params = srp.get_auth_params()
    challenge = post(conn, path, "InitiateAuth",
                     {"AuthFlow": "USER_SRP_AUTH", "ClientId": params["ClientId"], "AuthParameters": auth_params})
    if challenge.get("ChallengeName") != "PASSWORD_VERIFIER":
        raise SignInFailed(f"InitiateAuth -> {json.dumps(challenge)[:500]}")
    answer = {"ClientId": params["ClientId"], "ChallengeName": "PASSWORD_VERIFIER",
              "ChallengeResponses": srp.process_challenge(challenge["ChallengeParameters"], auth_params)}
    if "Session" in challenge:
        answer["Session"] = challenge["Session"]
    result = post(conn, path, "RespondToAuthChallenge", answer)
    if not result.get("AuthenticationResult", {}).get("AccessToken"):
        raise SignInFailed(f"RespondToAuthChallenge -> {json.dumps(result)[:500]}")


def worker(args):
    url, params, deadline = args
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    srp = AWSSRP(params["Username"], params["Password"], params["UserPoolId"], params["ClientId"],
                 client=UNUSED_BOTO3_CLIENT)
    sign_ins = errors = 0
    first_error = None
    while time.monotonic() < deadline:
        try:
            sign_in(conn, parts.path or "/", srp, params)
            sign_ins += 1
        except (SignInFailed, OSError, http.client.HTTPException, ValueError, KeyError) as e:
            errors += 1
            first_error = first_error or f"{type(e).__name__}: {e}"
            conn.close()  # start the next sign-in on a new connection, whatever state this one is in
    conn.close()
    return sign_ins, errors, first_error


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    url, params_file = sys.argv[1:]
    with open(params_file) as f:
        params = json.load(f)
    seconds = float(os.environ.get("BENCH_SECONDS", "10"))
    workers = int(os.environ.get("BENCH_SRP_WORKERS", "4"))
    start = time.monotonic()
    with multiprocessing.Pool(workers) as pool:
        results = pool.map(worker, [(url, params, start + seconds)] * workers, chunksize=1)
    elapsed = time.monotonic() - start
    print(json.dumps({
        "sign_ins": sum(r[0] for r in results),
        "errors": sum(r[1] for r in results),
        "elapsed_seconds": round(elapsed, 3),
        "workers": workers,
        "first_error": next((r[2] for r in results if r[2]), None),
    }))


if __name__ == "__main__":
    main()

"""The admin API behind access keys (`--access-keys-file`): SigV4 checked as AWS checks it, each
key's IAM-style policy, AWS's errors through boto3, the aws CLI and `gatehouse cognito-idp`; the
public operations unsigned; and a server that will not listen beyond loopback unsigned."""
import datetime
import json
import re
import subprocess
import uuid
from unittest import mock

import boto3
import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials

from conftest import _binary
from helpers import ACCOUNT_ID, AMZ_JSON, REGION, TARGET_PREFIX, expect_client_error, free_port, server_env
from test_native_cli import _environment, run_aws_v1, run_native

ADMIN = ("AKIDADMIN", "admin-secret")
READER = ("AKIDREADER", "reader-secret")
KEYS = {"AccessKeys": [
    {"AccessKeyId": ADMIN[0], "SecretAccessKey": ADMIN[1], "Principal": f"arn:aws:iam::{ACCOUNT_ID}:user/admin",
     "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cognito-idp:*", "Resource": "*"}]}},
    {"AccessKeyId": READER[0], "SecretAccessKey": READER[1], "Principal": f"arn:aws:iam::{ACCOUNT_ID}:user/reader",
     "Policy": {"Version": "2012-10-17", "Statement": [
         {"Effect": "Allow", "Action": ["cognito-idp:Describe*", "cognito-idp:List*", "cognito-idp:AdminGetUser"],
          "Resource": f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/*"},
         {"Effect": "Allow", "Action": "cognito-idp:ListUserPools", "Resource": "*"},
         {"Effect": "Deny", "Action": "cognito-idp:ListUsers", "Resource": "*"}]}},
]}


@pytest.fixture(scope="module")
def keyed_server(server_factory, tmp_path_factory):
    keys = tmp_path_factory.mktemp("keys") / "access-keys.json"
    keys.write_text(json.dumps(KEYS))
    return server_factory(options={"access-keys-file": str(keys)}).start()


def client(server, key):
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=60)
    return boto3.session.Session(aws_access_key_id=key[0], aws_secret_access_key=key[1]).client(
        "cognito-idp", region_name=REGION, config=config, endpoint_url=server.endpoint)


@pytest.fixture(scope="module")
def pool(keyed_server):
    """(pool id, app client id) made by the admin key."""
    admin = client(keyed_server, ADMIN)
    pool_id = admin.create_user_pool(PoolName=f"e2e-keys-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]
    app = admin.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH",
                                                                                                 "ALLOW_REFRESH_TOKEN_AUTH"])
    admin.admin_create_user(UserPoolId=pool_id, Username="ada", MessageAction="SUPPRESS")
    return pool_id, app["UserPoolClient"]["ClientId"]


def denied(principal, action, resource, explicit=False):
    reason = ("with an explicit deny in an identity-based policy" if explicit
              else f"because no identity-based policy allows the cognito-idp:{action} action")
    return f"User: arn:aws:iam::{ACCOUNT_ID}:user/{principal} is not authorized to perform: cognito-idp:{action} on resource: {resource} {reason}"


def test_each_key_may_do_what_its_policy_allows(keyed_server, pool):
    pool_id, _ = pool
    reader = client(keyed_server, READER)
    assert reader.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id
    assert reader.admin_get_user(UserPoolId=pool_id, Username="ada")["Username"] == "ada"
    assert pool_id in [p["Id"] for p in reader.list_user_pools(MaxResults=60)["UserPools"]]
    pool_arn = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{pool_id}"
    expect_client_error(reader.list_users, "AccessDeniedException", denied("reader", "ListUsers", pool_arn, explicit=True),
                        UserPoolId=pool_id)
    expect_client_error(reader.admin_delete_user, "AccessDeniedException", denied("reader", "AdminDeleteUser", pool_arn),
                        UserPoolId=pool_id, Username="ada")
    expect_client_error(reader.create_user_pool, "AccessDeniedException", denied("reader", "CreateUserPool", "*"), PoolName="no")
    assert client(keyed_server, ADMIN).admin_get_user(UserPoolId=pool_id, Username="ada")["Username"] == "ada"


def test_unknown_keys_and_wrong_secrets_get_awss_errors(keyed_server, pool):
    expect_client_error(client(keyed_server, ("AKIDNOBODY", "x")).list_user_pools, "UnrecognizedClientException",
                        "The security token included in the request is invalid.", MaxResults=1)
    expect_client_error(client(keyed_server, (ADMIN[0], "wrong")).list_user_pools, "InvalidSignatureException",
                        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
                        "Key and signing method. Consult the service documentation for details.", MaxResults=1)


def raw(server, operation, body, headers):
    return requests.post(server.endpoint, data=body, timeout=10, headers={
        "Content-Type": AMZ_JSON, "X-Amz-Target": TARGET_PREFIX + operation, **headers})


def signed_headers(server, operation, body, key, when):
    """The headers botocore's signer gives a request made at `when`."""
    request = AWSRequest(method="POST", url=server.endpoint + "/", data=body,
                         headers={"Content-Type": AMZ_JSON, "X-Amz-Target": TARGET_PREFIX + operation})
    with mock.patch("botocore.auth.get_current_datetime", return_value=when.replace(tzinfo=None)):
        SigV4Auth(Credentials(*key), "cognito-idp", REGION).add_auth(request)
    return dict(request.headers.items())


def test_unsigned_stale_and_malformed_admin_calls_are_refused_and_public_ones_are_not(keyed_server, pool):
    body = json.dumps({"MaxResults": 1})
    answer = raw(keyed_server, "ListUserPools", body, {})
    assert (answer.status_code, answer.json()) == (400, {"__type": "MissingAuthenticationTokenException",
                                                         "message": "Missing Authentication Token"})
    # An operation Gatehouse does not implement is not told apart before the signature is checked.
    answer = raw(keyed_server, "DescribeIdentityProvider", body, {"Authorization": "Bearer token"})
    assert answer.json()["__type"] == "IncompleteSignatureException"
    answer = raw(keyed_server, "ListUserPools", body, {"Authorization": "Bearer token"})
    assert answer.json() == {"__type": "IncompleteSignatureException", "message": (
        "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
        "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a "
        "'X-Amz-Date' or a 'Date' header. Authorization=Bearer token")}
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    stale = now - datetime.timedelta(minutes=20)
    answer = raw(keyed_server, "ListUserPools", body, signed_headers(keyed_server, "ListUserPools", body, ADMIN, stale))
    assert answer.json()["__type"] == "InvalidSignatureException"
    assert answer.json()["message"].startswith(f"Signature expired: {stale.strftime('%Y%m%dT%H%M%SZ')} is now earlier than ")
    assert answer.json()["message"].endswith(" - 15 min.)")
    answer = raw(keyed_server, "ListUserPools", body, signed_headers(keyed_server, "ListUserPools", body, ADMIN, now))
    assert answer.status_code == 200
    tampered = signed_headers(keyed_server, "ListUserPools", body, ADMIN, now)
    answer = raw(keyed_server, "ListUserPools", json.dumps({"MaxResults": 2}), tampered)
    assert answer.json()["__type"] == "InvalidSignatureException"
    # A signature over the host alone, of a known key, with the date unsigned beside it.
    undated = signed_headers(keyed_server, "ListUserPools", body, ADMIN, now)
    undated["Authorization"] = re.sub(r"SignedHeaders=[^,]*", "SignedHeaders=host", undated["Authorization"])
    answer = raw(keyed_server, "ListUserPools", body, undated)
    assert (answer.status_code, answer.json()["__type"]) == (400, "InvalidSignatureException")
    assert raw(keyed_server, "ListUserPools", body, signed_headers(keyed_server, "ListUserPools", body, ADMIN, now)).status_code == 200

    _, app = pool
    for headers in ({}, {"Authorization": "Bearer token"}):
        answer = raw(keyed_server, "SignUp", json.dumps({"ClientId": app, "Username": f"u{uuid.uuid4().hex[:6]}",
                                                         "Password": "P2$Sword"}), headers)
        assert answer.status_code == 200, answer.text


def test_the_aws_cli_and_gatehouse_cognito_idp_sign_with_the_keys(keyed_server, pool, tmp_path):
    pool_id, _ = pool
    refusals = {"AKIDNOBODY": "(UnrecognizedClientException) when calling the DescribeUserPool operation: "
                              "The security token included in the request is invalid.",
                ADMIN[0]: "(InvalidSignatureException) when calling the DescribeUserPool operation: "
                          "The request signature we calculated does not match the signature you provided."}
    for key, allowed in [(ADMIN, True), (READER, True), (("AKIDNOBODY", "x"), False), ((ADMIN[0], "wrong"), False)]:
        env = _environment(tmp_path, {"AWS_ACCESS_KEY_ID": key[0], "AWS_SECRET_ACCESS_KEY": key[1]})
        for run in (run_aws_v1, run_native):
            done = run(keyed_server.endpoint, "describe-user-pool", "--user-pool-id", pool_id, env=env)
            if allowed:
                assert done.code == 0 and pool_id in done.stdout, done.stderr
            else:  # the aws CLI v1 exits 255 on a service error, `gatehouse cognito-idp` 254 as the aws CLI v2
                assert done.code == (255 if run is run_aws_v1 else 254)
                assert "An error occurred " + refusals[key[0]] in done.stderr, done.stderr
    env = _environment(tmp_path, {"AWS_ACCESS_KEY_ID": READER[0], "AWS_SECRET_ACCESS_KEY": READER[1]})
    for run in (run_aws_v1, run_native):
        done = run(keyed_server.endpoint, "list-users", "--user-pool-id", pool_id, env=env)
        assert done.code == (255 if run is run_aws_v1 else 254) and "(AccessDeniedException)" in done.stderr


def test_without_keys_the_server_listens_beyond_loopback_only_when_told(tmp_path):
    command = [str(_binary()), "serve", "--host", "0.0.0.0", "--port", str(free_port()), "--data-dir", str(tmp_path / "data")]
    refused = subprocess.run(command, env=server_env(), capture_output=True, text=True, timeout=60)
    assert refused.returncode != 0
    assert ("listening on 0.0.0.0 without --access-keys-file would let anyone who reaches it administer every pool: "
            "give an access keys file, or --allow-unsigned-admin to accept that") in refused.stderr
    process = subprocess.Popen(command + ["--allow-unsigned-admin"], env=server_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        started = next((line for line in process.stdout if "gatehouse starting" in line), "")
        assert "admin calls are taken unsigned from any address (--allow-unsigned-admin)" in started, started
    finally:
        process.terminate()
        process.wait(timeout=10)

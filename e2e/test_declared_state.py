"""Declared state: `gatehouse serve --bootstrap FILE`, `gatehouse apply FILE`, `gatehouse export` and
`gatehouse mirror`. Pools and app clients keep the ids the file gives them; applying a file twice
writes nothing; a changed setting is updated and an omitted one returns to its default; errors name
the file, line and field; export → apply round-trips, client secrets included; a mirror of moto's
`moto_server` or of another Gatehouse leaves triggers and secrets out unless asked; a reset returns
to the bootstrap state."""
import base64
import hashlib
import hmac
import json
import random
import string
import subprocess
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
import requests
from botocore.config import Config

from conftest import _binary
from helpers import ACCESS_KEY, ACCOUNT_ID, REGION, SECRET_KEY, GatehouseServer, expect_client_error, server_env

PASSWORD = "Correct-Horse-1"


def pool_id():
    return REGION + "_" + "".join(random.choices(string.ascii_letters + string.digits, k=9))


def client_id():
    return "".join(random.choices("0123456789abcdefghijklmnopqrstuv", k=26))


def state(pool, web, backend, domain, secret="s3cretS3cretS3cretS3cret12", minimum_length=10):
    """A declared state of one pool, as YAML, with the ids and domain given."""
    return f"""\
UserPools:
  - Id: {pool}
    PoolName: declared
    Policies:
      PasswordPolicy:
        MinimumLength: {minimum_length}
    Schema:
      - Name: tenant
        AttributeDataType: String
    MfaConfig:
      SoftwareTokenMfaConfiguration: {{Enabled: true}}
      MfaConfiguration: OPTIONAL
    Domain:
      Domain: {domain}
    Clients:
      - ClientId: {web}
        ClientName: web
        ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
      - ClientId: {backend}
        ClientName: backend
        ClientSecret: {secret}
        ExplicitAuthFlows: [ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
        AllowedOAuthFlows: [client_credentials]
        AllowedOAuthScopes: [api/read]
        AllowedOAuthFlowsUserPoolClient: true
    Groups:
      - GroupName: admins
        Precedence: 1
    Users:
      - Username: alice
        Password: {PASSWORD}
        UserAttributes:
          - {{Name: email, Value: alice@example.com}}
          - {{Name: email_verified, Value: "true"}}
        Groups: [admins]
      - Username: bob
        TemporaryPassword: Temporary-Pass-1
        Enabled: false
      - Username: carol
        Password: {PASSWORD}
        UserStatus: UNCONFIRMED
    ResourceServers:
      - Identifier: api
        Name: API
        Scopes: [{{ScopeName: read, ScopeDescription: Read}}]
    UICustomization:
      CSS: ".banner-customizable {{background-color: #123456;}}"
"""


@pytest.fixture
def ids():
    return {"pool": pool_id(), "web": client_id(), "backend": client_id(), "domain": f"declared-{random.randrange(10**9)}"}


def write(tmp_path, text, name="state.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def gatehouse(server, *args, env=None):
    """`gatehouse <args>` against `server`: (exit status, standard output, standard error)."""
    result = subprocess.run([server.binary, *args, "--endpoint-url", server.endpoint],
                            env=server_env({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                                            "AWS_DEFAULT_REGION": REGION, **(env or {})}),
                            capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def apply(server, path):
    """The changes `gatehouse apply` printed, as {path: change}."""
    status, out, err = gatehouse(server, "apply", str(path))
    assert status == 0, err
    return dict(reversed(line.split("\t")) for line in out.splitlines())


def sign_in(idp, client, username="alice", password=PASSWORD):
    return idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": password})["AuthenticationResult"]


def claims(token):
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_a_bootstrap_file_makes_its_pools_with_their_ids(server_factory, make_client, tmp_path, ids):
    path = write(tmp_path, state(**ids))
    server = server_factory(options={"bootstrap": str(path)}).start()
    try:
        idp = make_client(endpoint=server.endpoint)
        pool = idp.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]
        assert (pool["Id"], pool["Name"], pool["Policies"]["PasswordPolicy"]["MinimumLength"], pool["MfaConfiguration"],
                pool["Domain"]) == (ids["pool"], "declared", 10, "OPTIONAL", ids["domain"])
        assert pool["Arn"] == f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{ids['pool']}"
        assert "custom:tenant" in [attribute["Name"] for attribute in pool["SchemaAttributes"]]
        assert idp.get_user_pool_mfa_config(UserPoolId=ids["pool"])["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
        backend = idp.describe_user_pool_client(UserPoolId=ids["pool"], ClientId=ids["backend"])["UserPoolClient"]
        assert (backend["ClientName"], backend["ClientSecret"]) == ("backend", "s3cretS3cretS3cretS3cret12")
        assert idp.get_group(UserPoolId=ids["pool"], GroupName="admins")["Group"]["Precedence"] == 1
        assert idp.describe_resource_server(UserPoolId=ids["pool"], Identifier="api")["ResourceServer"]["Scopes"] == [
            {"ScopeName": "read", "ScopeDescription": "Read"}]
        assert backend["AllowedOAuthScopes"] == ["api/read"]
        assert idp.get_ui_customization(UserPoolId=ids["pool"])["UICustomization"]["CSS"] == ".banner-customizable {background-color: #123456;}"
        tokens = sign_in(idp, ids["web"])
        assert claims(tokens["AccessToken"])["cognito:groups"] == ["admins"]
        assert claims(tokens["IdToken"])["aud"] == ids["web"]
        secret_hash = base64.b64encode(hmac.new(b"s3cretS3cretS3cretS3cret12", ("alice" + ids["backend"]).encode(),
                                                hashlib.sha256).digest()).decode()
        assert idp.admin_initiate_auth(UserPoolId=ids["pool"], ClientId=ids["backend"], AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                       AuthParameters={"USERNAME": "alice", "PASSWORD": PASSWORD, "SECRET_HASH": secret_hash},
                                       )["AuthenticationResult"]["AccessToken"]
        bob = idp.admin_get_user(UserPoolId=ids["pool"], Username="bob")
        assert (bob["UserStatus"], bob["Enabled"]) == ("FORCE_CHANGE_PASSWORD", False)
        assert idp.admin_get_user(UserPoolId=ids["pool"], Username="carol")["UserStatus"] == "UNCONFIRMED"
        expect_client_error(sign_in, "UserNotConfirmedException", "User is not confirmed.", idp=idp, client=ids["web"], username="carol")
        idp.admin_confirm_sign_up(UserPoolId=ids["pool"], Username="carol")
        assert sign_in(idp, ids["web"], username="carol")["AccessToken"], "the declared password, once confirmed"
        assert server.outbox(userPoolId=ids["pool"]) == [], "declared users get no invitation"

        # A restart applies the file again: nothing changes, and a password is set only at creation.
        idp.admin_set_user_password(UserPoolId=ids["pool"], Username="alice", Password="Changed-Since-1", Permanent=True)
        server.stop()
        server.start()
        again = idp.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]
        assert again["LastModifiedDate"] == pool["LastModifiedDate"]
        expect_client_error(sign_in, "NotAuthorizedException", "Incorrect username or password.", idp=idp, client=ids["web"])
        assert sign_in(idp, ids["web"], password="Changed-Since-1")["AccessToken"]
    finally:
        server.stop()


def test_applying_twice_changes_nothing_and_a_changed_file_is_applied(live_server, cognito, tmp_path, ids):
    path = write(tmp_path, state(**ids))
    first = apply(live_server, path)
    assert set(first.values()) <= {"created", "updated"} and first[ "UserPools[0]"] == "created", first
    pool = cognito.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]
    web = cognito.describe_user_pool_client(UserPoolId=ids["pool"], ClientId=ids["web"])["UserPoolClient"]

    assert set(apply(live_server, path).values()) == {"unchanged"}
    assert cognito.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]["LastModifiedDate"] == pool["LastModifiedDate"]
    assert cognito.describe_user_pool_client(UserPoolId=ids["pool"], ClientId=ids["web"])["UserPoolClient"] == web

    changed = (state(**ids, minimum_length=12).replace("ClientName: web", "ClientName: website")
               .replace("        Precedence: 1\n", "").replace("alice@example.com", "alice@example.org")
               .replace("Groups: [admins]", "Groups: []").replace("Enabled: false", "Enabled: true"))
    assert apply(live_server, write(tmp_path, changed, "changed.yaml")) == {
        "UserPools[0]": "updated", "UserPools[0].ResourceServers[0]": "unchanged", "UserPools[0].Clients[0]": "updated",
        "UserPools[0].Clients[1]": "unchanged", "UserPools[0].Domain": "unchanged",
        "UserPools[0].UICustomization": "unchanged", "UserPools[0].Groups[0]": "updated",
        "UserPools[0].Users[0]": "updated", "UserPools[0].Users[1]": "updated", "UserPools[0].Users[2]": "unchanged"}
    assert cognito.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert cognito.describe_user_pool_client(UserPoolId=ids["pool"], ClientId=ids["web"])["UserPoolClient"]["ClientName"] == "website"
    assert "Precedence" not in cognito.get_group(UserPoolId=ids["pool"], GroupName="admins")["Group"], "omitted: none"
    alice = cognito.admin_get_user(UserPoolId=ids["pool"], Username="alice")
    assert {"Name": "email", "Value": "alice@example.org"} in alice["UserAttributes"]
    assert cognito.admin_list_groups_for_user(UserPoolId=ids["pool"], Username="alice")["Groups"] == []
    assert cognito.admin_get_user(UserPoolId=ids["pool"], Username="bob")["Enabled"] is True

    # What the file omits returns to its default, as UpdateUserPool does.
    without_policies = changed.replace("    Policies:\n      PasswordPolicy:\n        MinimumLength: 12\n", "")
    assert apply(live_server, write(tmp_path, without_policies, "defaults.yaml"))["UserPools[0]"] == "updated"
    assert cognito.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]["Policies"]["PasswordPolicy"]["MinimumLength"] == 8


@pytest.mark.parametrize("change, expected", [
    (("MinimumLength: 10", "MinimumLength: 3"),
     ":6: UserPools[0].Policies.PasswordPolicy.MinimumLength: 1 validation error detected: Value '3' at "
     "'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6"),
    (("MinimumLength: 10", "MinimumLenght: 10"),
     ":6: UserPools[0].Policies.PasswordPolicy.MinimumLenght: is not a setting here; the settings are: MinimumLength, "
     "RequireUppercase, RequireLowercase, RequireNumbers, RequireSymbols, PasswordHistorySize, TemporaryPasswordValidityDays"),
    (("Precedence: 1", "Precedence: first"), ":28: UserPools[0].Groups[0].Precedence: expected integer"),
    (("Enabled: false", "Enabled: nope"), ":38: UserPools[0].Users[1].Enabled: expected boolean"),
    (("  - Id: POOL", "  - Id: us-east-1_sh-rt"),
     ":2: UserPools[0].Id: us-east-1_sh-rt is not a user pool id: <region>_<letters or digits>, at most 55 characters, "
     "e.g. us-east-1_Example01"),
    (("ClientId: WEB", "ClientId: Not-A-Client-Id"),
     ":16: UserPools[0].Clients[0].ClientId: Not-A-Client-Id is not an app client id: 25 or 26 lower-case letters and digits"),
    (("ClientId: BACKEND", "ClientId: WEB"), ":19: UserPools[0].Clients[1].ClientId: WEB is declared twice"),
    (("        TemporaryPassword: Temporary-Pass-1\n", "        MessageAction: RESEND\n"),
     ":37: UserPools[0].Users[1].MessageAction: is not declared: a declared user has Username, UserAttributes, "
     "TemporaryPassword or Password, UserStatus, Enabled and Groups"),
    (("UserPools:", "Pools:"), ":1: Pools: is not a part of a declared state; the parts are: UserPools"),
])
def test_errors_name_the_file_line_and_field_and_apply_nothing(live_server, cognito, tmp_path, ids, change, expected):
    old, new = change
    for name in ("POOL", "WEB", "BACKEND"):
        key = {"POOL": "pool", "WEB": "web", "BACKEND": "backend"}[name]
        old, new, expected = old.replace(name, ids[key]), new.replace(name, ids[key]), expected.replace(name, ids[key])
    text = state(**ids)
    assert old in text
    path = write(tmp_path, text.replace(old, new))
    status, out, err = gatehouse(live_server, "apply", str(path))
    assert (status, out, err) == (1, "", f"Error: {path}{expected}\n")
    expect_client_error(cognito.describe_user_pool, "ResourceNotFoundException", f"User pool {ids['pool']} does not exist.",
                        UserPoolId=ids["pool"])


def test_a_refusal_of_the_service_names_the_part_and_keeps_what_came_before(live_server, cognito, tmp_path, ids):
    path = write(tmp_path, state(**{**ids, "domain": "aws-declared"}))
    status, out, err = gatehouse(live_server, "apply", str(path))
    assert (status, out, err) == (1, "", f"Error: {path}:13: UserPools[0].Domain: InvalidParameterException: "
                                         "Domain cannot contain reserved word: aws\n")
    assert cognito.describe_user_pool_client(UserPoolId=ids["pool"], ClientId=ids["web"])["UserPoolClient"]["ClientName"] == "web"
    expect_client_error(cognito.get_group, "ResourceNotFoundException", "Group not found.", UserPoolId=ids["pool"], GroupName="admins")


def test_a_bootstrap_file_with_an_error_stops_the_start(server_factory, tmp_path, ids):
    path = write(tmp_path, state(**ids).replace("MinimumLength: 10", "MinimumLength: 3"))
    server = server_factory(options={"bootstrap": str(path)})
    with pytest.raises(RuntimeError) as failure:
        server.start()
    assert f"Error: {path}:6: UserPools[0].Policies.PasswordPolicy.MinimumLength: 1 validation error detected" in str(failure.value)


def test_export_then_apply_round_trips_into_another_server(server_factory, live_server, make_client, tmp_path, ids):
    apply(live_server, write(tmp_path, state(**ids)))
    status, exported, err = gatehouse(live_server, "export", "--user-pool-id", ids["pool"])
    assert status == 0, err
    assert "ClientSecret: s3cretS3cretS3cretS3cret12" in exported and "Users" not in exported
    path = write(tmp_path, exported, "exported.yaml")
    assert set(apply(live_server, path).values()) == {"unchanged"}, "the export is the pool as it is"

    other = server_factory(database_url=None).start()
    try:
        assert apply(other, path)["UserPools[0]"] == "created"
        status, again, err = gatehouse(other, "export", "--user-pool-id", ids["pool"])
        assert (status, again) == (0, exported), err
        status, as_json, err = gatehouse(other, "export", "--user-pool-id", ids["pool"], "--output", "json")
        secrets = {client["ClientId"]: client.get("ClientSecret") for client in json.loads(as_json)["UserPools"][0]["Clients"]}
        assert secrets == {ids["web"]: None, ids["backend"]: "s3cretS3cretS3cretS3cret12"}
        idp = make_client(endpoint=other.endpoint)
        assert idp.describe_user_pool_client(UserPoolId=ids["pool"], ClientId=ids["backend"])["UserPoolClient"]["ClientSecret"] \
            == "s3cretS3cretS3cretS3cret12"
    finally:
        other.stop()


def test_a_mirror_of_another_gatehouse_leaves_secrets_and_triggers_out_unless_asked(live_server, cognito, tmp_path, ids):
    apply(live_server, write(tmp_path, state(**ids)))
    function = f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:pre-sign-up"
    pool = cognito.describe_user_pool(UserPoolId=ids["pool"])["UserPool"]
    cognito.update_user_pool(UserPoolId=ids["pool"], Policies=pool["Policies"], MfaConfiguration="OPTIONAL",
                             LambdaConfig={"PreSignUp": function})
    mirror = ["mirror", "--user-pool-id", ids["pool"], "--output", "json"]
    result = subprocess.run([live_server.binary, *mirror, "--from-endpoint-url", live_server.endpoint],
                            env=server_env({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    declared = json.loads(result.stdout)["UserPools"][0]
    assert (declared["Id"], "LambdaConfig" in declared) == (ids["pool"], False)
    clients = {client["ClientId"]: client for client in declared["Clients"]}
    assert clients[ids["backend"]].get("GenerateSecret") is True and "ClientSecret" not in clients[ids["backend"]]
    assert "GenerateSecret" not in clients[ids["web"]]
    result = subprocess.run([live_server.binary, *mirror, "--include-lambda-config", "--include-client-secrets",
                             "--from-endpoint-url", live_server.endpoint],
                            env=server_env({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY}),
                            capture_output=True, text=True, timeout=60)
    declared = json.loads(result.stdout)["UserPools"][0]
    assert declared["LambdaConfig"] == {"PreSignUp": function}
    assert {client["ClientId"]: client.get("ClientSecret") for client in declared["Clients"]} == {
        ids["web"]: None, ids["backend"]: "s3cretS3cretS3cretS3cret12"}


def test_a_mirror_of_moto_bootstraps_gatehouse_with_the_same_ids(moto_server, server_factory, make_client, tmp_path):
    moto = boto3.client("cognito-idp", region_name=REGION, endpoint_url=moto_server, aws_access_key_id="testing",
                        aws_secret_access_key="testing", config=Config(retries={"max_attempts": 1}))
    pool = moto.create_user_pool(PoolName="mirrored", Policies={"PasswordPolicy": {"MinimumLength": 12}},
                                 LambdaConfig={"PreSignUp": f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:check"})["UserPool"]
    app = moto.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app", GenerateSecret=True,
                                       ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    moto.create_group(UserPoolId=pool["Id"], GroupName="staff", Description="Staff", Precedence=3)
    moto.create_resource_server(UserPoolId=pool["Id"], Identifier="api", Name="API", Scopes=[{"ScopeName": "read", "ScopeDescription": "Read"}])
    domain = f"mirrored-{random.randrange(10**9)}"
    moto.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    mirrored = subprocess.run([str(_binary()), "mirror", "--user-pool-id", pool["Id"], "--from-endpoint-url", moto_server],
                              env=server_env({"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}),
                              capture_output=True, text=True, timeout=60)
    assert mirrored.returncode == 0, mirrored.stderr
    assert mirrored.stderr.startswith("Left out the UI customization, as GetUICustomization failed: An error occurred (500)"), \
        "moto does not serve it"
    assert "LambdaConfig" not in mirrored.stdout and app["ClientSecret"] not in mirrored.stdout
    path = write(tmp_path, mirrored.stdout, "mirror.yaml")
    server = server_factory(options={"bootstrap": str(path)}).start()
    try:
        idp = make_client(endpoint=server.endpoint)
        described = idp.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
        assert (described["Name"], described["Policies"]["PasswordPolicy"]["MinimumLength"], described["LambdaConfig"]) == (
            "mirrored", 12, {})
        client = idp.describe_user_pool_client(UserPoolId=pool["Id"], ClientId=app["ClientId"])["UserPoolClient"]
        assert client["ClientName"] == "app" and client["ClientSecret"] != app["ClientSecret"], "a secret of its own"
        assert client["ExplicitAuthFlows"] == ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
        group = idp.get_group(UserPoolId=pool["Id"], GroupName="staff")["Group"]
        assert (group["Description"], group["Precedence"]) == ("Staff", 3)
        assert idp.describe_resource_server(UserPoolId=pool["Id"], Identifier="api")["ResourceServer"]["Name"] == "API"
        assert described["Domain"] == domain
    finally:
        server.stop()


def test_a_reset_returns_to_the_bootstrap_state(server_factory, private_store, make_client, tmp_path, ids):
    path = write(tmp_path, state(**ids))
    server = server_factory(options={"bootstrap": str(path), **private_store["options"]}, flags=["development-reset"],
                            database_url=private_store["database_url"]).start()
    try:
        idp = make_client(endpoint=server.endpoint)
        requests.post(f"{server.endpoint}/_gatehouse/reset", timeout=60).raise_for_status()  # from the bootstrap state alone
        idp.create_user_pool(PoolName="extra")
        idp.admin_delete_user(UserPoolId=ids["pool"], Username="alice")
        idp.admin_create_user(UserPoolId=ids["pool"], Username="dave", MessageAction="SUPPRESS")
        answer = requests.post(f"{server.endpoint}/_gatehouse/reset", timeout=60)
        assert (answer.status_code, answer.json()) == (200, {"DeletedUserPools": 2, "RestoredUserPools": 1})
        assert [pool["Id"] for pool in idp.list_user_pools(MaxResults=60)["UserPools"]] == [ids["pool"]]
        assert sorted(user["Username"] for user in idp.list_users(UserPoolId=ids["pool"])["Users"]) == ["alice", "bob", "carol"]
        assert sign_in(idp, ids["web"])["AccessToken"], "the same client id, the declared password"
    finally:
        server.stop()


def test_apply_is_an_admin_call(server_factory, tmp_path, ids):
    keys = tmp_path / "access-keys.json"
    keys.write_text(json.dumps({"AccessKeys": [
        {"AccessKeyId": "AKIDAPPLY", "SecretAccessKey": "apply-secret", "Principal": f"arn:aws:iam::{ACCOUNT_ID}:user/apply",
         "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cognito-idp:*", "Resource": "*"}]}},
        {"AccessKeyId": "AKIDREAD", "SecretAccessKey": "read-secret", "Principal": f"arn:aws:iam::{ACCOUNT_ID}:user/reader",
         "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cognito-idp:Describe*", "Resource": "*"}]}},
    ]}))
    server = server_factory(options={"access-keys-file": str(keys)}).start()
    try:
        path = write(tmp_path, state(**ids))
        unsigned = requests.post(f"{server.endpoint}/_gatehouse/apply", data=json.dumps({"UserPools": []}), timeout=10)
        assert (unsigned.status_code, unsigned.json()) == (400, {"__type": "MissingAuthenticationTokenException",
                                                                 "message": "Missing Authentication Token"})
        status, _, err = gatehouse(server, "apply", str(path), env={"AWS_ACCESS_KEY_ID": "AKIDREAD", "AWS_SECRET_ACCESS_KEY": "read-secret"})
        arn = f"arn:aws:cognito-idp:{REGION}:{ACCOUNT_ID}:userpool/{ids['pool']}"
        assert (status, err) == (1, f"Error: {path}: AccessDeniedException: User: arn:aws:iam::{ACCOUNT_ID}:user/reader is not "
                                    f"authorized to perform: cognito-idp:CreateUserPool on resource: {arn} because no "
                                    "identity-based policy allows the cognito-idp:CreateUserPool action\n")
        status, out, err = gatehouse(server, "apply", str(path), env={"AWS_ACCESS_KEY_ID": "AKIDAPPLY", "AWS_SECRET_ACCESS_KEY": "apply-secret"})
        assert status == 0 and "created\tUserPools[0]\n" in out, err
    finally:
        server.stop()


def test_two_processes_bootstrapping_one_store_at_once_both_start(server_factory, make_client, tmp_path, ids):
    first = server_factory()
    first.start().stop()  # the store and its master key exist: what is raced for is the bootstrap state
    first.options["bootstrap"] = str(write(tmp_path, state(**ids)))
    second = GatehouseServer(first.binary, first.data_dir, tmp_path / "second.log", database_url=first.database_url,
                             options=first.options)
    try:
        with ThreadPoolExecutor(2) as pool:
            for started in [pool.submit(server.start) for server in (first, second)]:
                started.result()
        for server in (first, second):
            idp = make_client(endpoint=server.endpoint)
            assert sorted(user["Username"] for user in idp.list_users(UserPoolId=ids["pool"])["Users"]) == ["alice", "bob", "carol"]
            assert [client["ClientId"] for client in idp.list_user_pool_clients(UserPoolId=ids["pool"])["UserPoolClients"]] \
                == sorted([ids["web"], ids["backend"]])
    finally:
        second.stop()
        first.stop()

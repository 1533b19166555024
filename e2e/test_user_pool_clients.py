"""App clients through boto3 and the aws CLI: defaults, reset on update, secrets, paging, errors."""
import glob
import os
import re
import shutil
import subprocess
from datetime import datetime

from helpers import STORE, expect_client_error, strip_metadata

NAME_ONLY_KEYS = {"UserPoolId", "ClientName", "ClientId", "LastModifiedDate", "CreationDate", "RefreshTokenValidity",
                  "TokenValidityUnits", "AllowedOAuthFlowsUserPoolClient", "EnableTokenRevocation",
                  "EnablePropagateAdditionalUserContextData", "AuthSessionValidity"}


def test_a_name_only_client_has_cognitos_defaults(cognito, make_pool):
    pool_id = make_pool()["Id"]
    created = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]
    assert set(created) == NAME_ONLY_KEYS
    assert re.fullmatch(r"[0-9a-v]{20,26}", created["ClientId"])
    assert isinstance(created["CreationDate"], datetime)
    assert created["LastModifiedDate"] == created["CreationDate"]
    assert (created["RefreshTokenValidity"], created["TokenValidityUnits"], created["AuthSessionValidity"]) == (30, {}, 3)
    assert (created["AllowedOAuthFlowsUserPoolClient"], created["EnableTokenRevocation"],
            created["EnablePropagateAdditionalUserContextData"]) == (False, True, False)
    described = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=created["ClientId"])["UserPoolClient"]
    assert described == created


def test_update_resets_omitted_settings_and_keeps_name_and_units(cognito, make_pool):
    pool_id = make_pool()["Id"]
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AccessTokenValidity=30, TokenValidityUnits={"AccessToken": "minutes"}, ReadAttributes=["email"],
        PreventUserExistenceErrors="ENABLED", AuthSessionValidity=10)["UserPoolClient"]["ClientId"]
    updated = cognito.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, RefreshTokenValidity=7)["UserPoolClient"]
    assert updated == cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
    assert updated["ClientName"] == "app"
    assert updated["TokenValidityUnits"] == {"AccessToken": "minutes"}
    assert updated["RefreshTokenValidity"] == 7
    assert updated["AuthSessionValidity"] == 3
    for reset in ("ExplicitAuthFlows", "AccessTokenValidity", "ReadAttributes", "PreventUserExistenceErrors"):
        assert reset not in updated
    assert updated["LastModifiedDate"] >= updated["CreationDate"]


def test_a_generated_secret_is_returned_every_time_and_never_stored_in_the_clear(cognito, make_pool, live_server):
    pool_id = make_pool()["Id"]
    created = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="server", GenerateSecret=True)["UserPoolClient"]
    secret = created["ClientSecret"]
    assert re.fullmatch(r"[0-9a-v]{40,52}", secret)
    client_id = created["ClientId"]
    assert cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]["ClientSecret"] == secret
    updated = cognito.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, ClientName="renamed")
    assert updated["UserPoolClient"]["ClientSecret"] == secret
    stored = _stored_client_bytes(live_server)
    assert client_id.encode() in stored, "the check reads where clients are stored"
    assert secret.encode() not in stored


def test_list_pages_through_every_client_once(cognito, make_pool):
    pool_id = make_pool()["Id"]
    created = {cognito.create_user_pool_client(UserPoolId=pool_id, ClientName=f"c{i}")["UserPoolClient"]["ClientId"]
               for i in range(5)}
    pages = cognito.get_paginator("list_user_pool_clients").paginate(UserPoolId=pool_id, PaginationConfig={"PageSize": 2})
    listed = [client for page in pages for client in page["UserPoolClients"]]
    assert [c["ClientId"] for c in listed] == sorted(created)
    assert all(set(c) == {"ClientId", "UserPoolId", "ClientName"} and c["UserPoolId"] == pool_id for c in listed)


def test_delete_and_errors(cognito, make_pool):
    pool_id = make_pool()["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="gone")["UserPoolClient"]["ClientId"]
    assert strip_metadata(cognito.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)) == {}
    expect_client_error(cognito.describe_user_pool_client, "ResourceNotFoundException",
                        f"User pool client {client_id} does not exist.", UserPoolId=pool_id, ClientId=client_id)
    expect_client_error(cognito.list_user_pool_clients, "ResourceNotFoundException",
                        "User pool us-east-1_nopool000 does not exist.", UserPoolId="us-east-1_nopool000")
    expect_client_error(cognito.create_user_pool_client, "InvalidOAuthFlowException",
                        "CallbackUrls can not be empty when code flow or implicit flow is selected",
                        UserPoolId=pool_id, ClientName="oauth", AllowedOAuthFlows=["code"], AllowedOAuthFlowsUserPoolClient=True)
    expect_client_error(cognito.create_user_pool_client, "InvalidParameterException", "Invalid range for token validity.",
                        UserPoolId=pool_id, ClientName="long", IdTokenValidity=2, TokenValidityUnits={"IdToken": "days"})
    assert cognito.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"] == []


def test_cli_creates_updates_and_lists_clients(aws, make_pool):
    pool_id = make_pool()["Id"]
    result = aws("cognito-idp", "create-user-pool-client", "--user-pool-id", pool_id, "--client-name", "cli",
                 "--generate-secret", "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
                 "--token-validity-units", "AccessToken=minutes,IdToken=minutes", "--access-token-validity", "15")
    assert result.code == 0, result.stderr
    client = result.json["UserPoolClient"]
    assert client["ExplicitAuthFlows"] == ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    assert client["TokenValidityUnits"] == {"AccessToken": "minutes", "IdToken": "minutes"}
    assert client["AccessTokenValidity"] == 15
    result = aws("cognito-idp", "update-user-pool-client", "--user-pool-id", pool_id, "--client-id", client["ClientId"],
                 "--client-name", "cli-renamed")
    assert result.code == 0, result.stderr
    assert result.json["UserPoolClient"]["ClientSecret"] == client["ClientSecret"]
    assert "ExplicitAuthFlows" not in result.json["UserPoolClient"]
    result = aws("cognito-idp", "list-user-pool-clients", "--user-pool-id", pool_id)
    assert result.code == 0, result.stderr
    assert result.json["UserPoolClients"] == [{"ClientId": client["ClientId"], "UserPoolId": pool_id, "ClientName": "cli-renamed"}]


def _stored_client_bytes(server):
    """Everything the store holds of app clients: the SQLite files, or the PostgreSQL rows."""
    if STORE == "sqlite":
        return b"".join(path.read_bytes() for path in server.data_dir.glob("gatehouse.sqlite3*"))
    psql = shutil.which("psql") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))), None)
    assert psql, "psql is installed with PostgreSQL"
    done = subprocess.run([psql, os.environ["GATEHOUSE_E2E_DATABASE_URL"], "-At", "-c",
                           "SELECT key, encode(document, 'escape') FROM user_pool_items WHERE kind = 'client'"],
                          capture_output=True, timeout=60, check=True)
    return done.stdout

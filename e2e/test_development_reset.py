"""`POST /_gatehouse/reset` and `gatehouse reset`: a server started with --development-reset returns
to empty in one step (every pool, with its clients, users and outbox), keeping its keys; without
the flag the endpoint does not exist; web pages and proxied callers are refused. A reset empties a
whole store: on PostgreSQL the server has a database of its own (`private_store`)."""
import subprocess

import pytest
import requests

from helpers import expect_client_error, server_env, unique_name

PASSWORD = "Str0ng-Passphrase!"


@pytest.fixture(scope="module")
def resettable(server_factory, private_store):
    server = server_factory(flags=["development-reset"], database_url=private_store["database_url"],
                            options=private_store["options"]).start()
    requests.post(f"{server.endpoint}/_gatehouse/reset", timeout=60).raise_for_status()  # what other tests left in the store
    yield server
    server.stop()


def _pool_with_a_user(idp):
    pool_id = idp.create_user_pool(PoolName=unique_name("reset"))["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="ada", DesiredDeliveryMediums=["EMAIL"],
                          UserAttributes=[{"Name": "email", "Value": "ada@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ada", Password=PASSWORD, Permanent=True)
    return pool_id, client_id


def _sign_in(idp, client_id):
    return idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD})["AuthenticationResult"]


def test_a_reset_deletes_every_pool_and_keeps_the_keys(make_client, resettable):
    idp = make_client(endpoint=resettable.endpoint)
    pools = [_pool_with_a_user(idp) for _ in range(2)]
    assert resettable.outbox(userPoolId=pools[0][0]), "AdminCreateUser's invitation"
    answer = requests.post(f"{resettable.endpoint}/_gatehouse/reset", timeout=60)
    assert (answer.status_code, answer.json()) == (200, {"DeletedUserPools": 2, "RestoredUserPools": 0})
    assert idp.list_user_pools(MaxResults=60)["UserPools"] == []
    for pool_id, client_id in pools:
        expect_client_error(idp.describe_user_pool, "ResourceNotFoundException", f"User pool {pool_id} does not exist.", UserPoolId=pool_id)
        expect_client_error(_sign_in, "ResourceNotFoundException", f"User pool client {client_id} does not exist.", idp=idp,
                            client_id=client_id)
        assert resettable.outbox(userPoolId=pool_id) == []
    pool_id, client_id = _pool_with_a_user(idp)
    assert _sign_in(idp, client_id)["AccessToken"], "a pool made after the reset signs its users in"
    printed = subprocess.run([str(resettable.binary), "reset", "--endpoint-url", resettable.endpoint], env=server_env(),
                             capture_output=True, text=True, timeout=60)
    assert printed.returncode == 0 and printed.stdout.strip() == '{"DeletedUserPools":1,"RestoredUserPools":0}', printed
    assert idp.list_user_pools(MaxResults=60)["UserPools"] == []


def test_without_the_flag_there_is_no_reset(cognito, make_pool, live_server):
    pool_id = make_pool()["Id"]
    answer = requests.post(f"{live_server.endpoint}/_gatehouse/reset", timeout=10)
    assert (answer.status_code, answer.json()) == (400, {"__type": "UnknownOperationException",
                                                         "message": "Unknown operation POST /_gatehouse/reset."})
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id
    printed = subprocess.run([str(live_server.binary), "reset", "--endpoint-url", live_server.endpoint], env=server_env(),
                             capture_output=True, text=True, timeout=60)
    assert printed.returncode != 0 and "the server answered 400" in printed.stderr and "--development-reset" in printed.stderr, printed


def test_web_pages_and_proxied_callers_cannot_reset(make_client, resettable):
    idp = make_client(endpoint=resettable.endpoint)
    pool_id, _ = _pool_with_a_user(idp)
    for headers, message in [
        ({"Origin": "https://evil.example"}, "The development endpoints do not answer web pages."),
        ({"Sec-Fetch-Site": "cross-site"}, "The development endpoints do not answer web pages."),
        ({"X-Forwarded-For": "203.0.113.9"}, "The development endpoints answer this machine only; start the server with "
                                             "--development-from-anywhere to serve them to others."),
    ]:
        answer = requests.post(f"{resettable.endpoint}/_gatehouse/reset", headers=headers, timeout=10)
        assert (answer.status_code, answer.json()) == (403, {"__type": "AccessDeniedException", "message": message}), headers
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id, "nothing was deleted"

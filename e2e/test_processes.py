"""Two server processes on one database (the session's PostgreSQL database, or one SQLite data
directory): each keeps the pools and app clients it reads in memory, and a change one process has
answered is what the other answers from the next call on, however soon it comes (pools and clients
are cached with a change count every process reads: a PostgreSQL sequence, or the SQLite file's
`-changes` counter that every process maps)."""
import pytest

import requests

from helpers import BALANCED, expect_client_error, unique_name

PASSWORD = "P2$Sword"


@pytest.fixture
def pair(server_factory, make_client):
    first, second = server_factory(), server_factory()
    second.data_dir = first.data_dir  # SQLite: the same file (PostgreSQL: the same database already)
    servers = [first.start(), second.start()]
    yield [make_client(endpoint=server.endpoint) for server in servers]
    for server in servers:
        server.stop()


def test_a_pool_changed_by_one_process_is_what_the_other_describes_next(pair):
    first, second = pair
    pool_id = first.create_user_pool(PoolName=unique_name("shared"))["UserPool"]["Id"]
    for length in range(6, 26):
        second.describe_user_pool(UserPoolId=pool_id)  # the second process keeps the pool as it is
        first.update_user_pool(UserPoolId=pool_id, Policies={"PasswordPolicy": {"MinimumLength": length}})
        described = second.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        assert described["Policies"]["PasswordPolicy"]["MinimumLength"] == length
    first.delete_user_pool(UserPoolId=pool_id)
    expect_client_error(lambda: second.describe_user_pool(UserPoolId=pool_id), "ResourceNotFoundException",
                        f"User pool {pool_id} does not exist.")


def test_a_client_changed_by_one_process_is_what_the_other_signs_in_with_next(pair):
    first, second = pair
    pool_id = first.create_user_pool(PoolName=unique_name("shared"))["UserPool"]["Id"]
    client_id = first.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    first.admin_create_user(UserPoolId=pool_id, Username="ann", MessageAction="SUPPRESS")
    first.admin_set_user_password(UserPoolId=pool_id, Username="ann", Password=PASSWORD, Permanent=True)

    def sign_in():
        return second.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                    AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD})

    for _ in range(10):
        assert "AccessToken" in sign_in()["AuthenticationResult"]
        first.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"])
        expect_client_error(sign_in, "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client")
        first.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, ExplicitAuthFlows=[
            "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    assert "AccessToken" in sign_in()["AuthenticationResult"]
    first.delete_user_pool_client(UserPoolId=pool_id, ClientId=client_id)
    expect_client_error(sign_in, "ResourceNotFoundException", f"User pool client {client_id} does not exist.")


@pytest.mark.skipif(not BALANCED, reason="the session's server is one process")
def test_the_balancer_hands_requests_to_every_process_in_turn(live_server):
    upstreams = [requests.get(f"{live_server.endpoint}/health", timeout=10).headers["X-Upstream"] for _ in range(4)]
    assert sorted(set(upstreams)) == sorted(f"127.0.0.1:{server.port}" for server in live_server.servers)
    assert upstreams[0] != upstreams[1]

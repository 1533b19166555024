"""GET /metrics: the process's counters in Prometheus's text format: requests by operation and
outcome with their latency, sign-ins by flow and result (the managed login pages' too), lockouts,
messages by medium and status, and the store's connections."""
import re

import requests

from helpers import unique_name
from managed_login import CALLBACK, Pages, make_oauth_pool, make_user

PASSWORD = "Str0ng-Passphrase!"


def _samples(server):
    answer = requests.get(f"{server.endpoint}/metrics", timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    samples = {}
    for line in answer.text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            samples[name] = float(value)
    return samples, answer.text


def test_requests_sign_ins_lockouts_and_messages_are_counted(server_factory, make_client, request):
    server = server_factory().start()  # counts of its own
    request.addfinalizer(server.stop)
    idp = make_client(endpoint=server.endpoint)
    pool_id = idp.create_user_pool(PoolName=unique_name("metrics"))["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                            ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username="ann", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ann", Password=PASSWORD, Permanent=True)
    # No SmsConfiguration: the invitation by SMS is kept as FAILED.
    idp.admin_create_user(UserPoolId=pool_id, Username="bob", DesiredDeliveryMediums=["SMS"],
                          UserAttributes=[{"Name": "phone_number", "Value": "+15555550199"}])

    def sign_in(password):
        try:
            idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ann", "PASSWORD": password})
        except idp.exceptions.NotAuthorizedException:
            pass
    sign_in(PASSWORD)
    for _ in range(6):  # the fifth wrong password locks the user out; the sixth is refused unchecked
        sign_in("Wrong-Passphrase1")
    samples, text = _samples(server)
    assert samples['gatehouse_requests_total{operation="InitiateAuth",outcome="success"}'] == 1
    assert samples['gatehouse_requests_total{operation="InitiateAuth",outcome="NotAuthorizedException"}'] == 6
    assert samples['gatehouse_requests_total{operation="CreateUserPool",outcome="success"}'] == 1
    assert samples['gatehouse_request_duration_seconds_count{operation="InitiateAuth"}'] == 7
    assert re.search(r'gatehouse_request_duration_seconds_bucket\{operation="InitiateAuth",le="5\.0"\} 7', text), text
    assert samples['gatehouse_sign_ins_total{flow="USER_PASSWORD_AUTH",result="tokens"}'] == 1
    assert samples['gatehouse_sign_ins_total{flow="USER_PASSWORD_AUTH",result="NotAuthorizedException"}'] == 6
    assert samples["gatehouse_lockouts_total"] == 1, "the sixth is refused unchecked"
    assert samples['gatehouse_messages_total{medium="SMS",status="FAILED"}'] == 1
    assert "# HELP gatehouse_requests_total Cognito API requests" in text
    proxied = requests.get(f"{server.endpoint}/metrics", headers={"X-Forwarded-For": "203.0.113.9"}, timeout=10)
    assert (proxied.status_code, proxied.json()["message"]) == (403, "The metrics answer this machine only; start the server with "
                                                                      "--metrics-from-anywhere to serve them to others.")


def test_managed_login_sign_ins_and_the_stores_connections_are_shown(server_factory, make_client, request):
    server = server_factory().start()  # counts of its own
    request.addfinalizer(server.stop)
    idp = make_client(endpoint=server.endpoint)
    oauth = make_oauth_pool(idp, lambda **params: idp.create_user_pool(PoolName=unique_name("metrics"), **params)["UserPool"], server)
    make_user(idp, oauth.pool_id)
    assert Pages(oauth).sign_in().startswith(CALLBACK)
    pages = Pages(oauth)
    pages.sign_in(password="Wrong-Passphrase1")
    samples, _ = _samples(server)
    assert samples['gatehouse_sign_ins_total{flow="MANAGED_LOGIN",result="tokens"}'] == 1
    assert samples['gatehouse_sign_ins_total{flow="MANAGED_LOGIN",result="NotAuthorizedException"}'] == 1
    # At rest no call holds a connection; PostgreSQL's pool has --database-pool-size's 8, SQLite one writer.
    assert samples["gatehouse_database_calls_in_flight"] == 0
    assert samples["gatehouse_database_connections"] == (8 if server.database_url else 1)

"""What a server gives away: requests for a Host it does not answer to (a DNS rebinding) are
refused; the development endpoints answer loopback callers only unless told; an unknown user looks
like a known one to a client that hides users; development mode is announced; and request quotas hold."""
import json
import re
import socket
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from botocore.exceptions import ClientError

from helpers import AMZ_JSON, TARGET_PREFIX, expect_client_error, fake_authorization, server_env


def test_a_host_the_server_does_not_answer_to_is_refused(server):
    for host in ("evil.example", "localhost.evil.example:9229"):
        api = requests.post(server.endpoint, data="{}", timeout=10, headers={
            "Host": host, "Content-Type": AMZ_JSON, "X-Amz-Target": TARGET_PREFIX + "ListUserPools",
            "Authorization": fake_authorization()})
        assert (api.status_code, api.json()) == (403, {"__type": "AccessDeniedException", "message": (
            f"Gatehouse does not answer to the host {host}: name it with --allowed-host if it is this server's.")})
        assert requests.get(f"{server.endpoint}/health", headers={"Host": host}, timeout=10).status_code == 403
    for host in ("localhost:1", "app.localhost", "127.0.0.1"):
        assert requests.get(f"{server.endpoint}/health", headers={"Host": host}, timeout=10).status_code == 200


def machine_address():
    """This machine's address on its default route (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 9))
            return probe.getsockname()[0]
        except OSError:
            return None


def test_development_mode_is_announced_at_start(server_factory):
    for outbox, clock in ((True, False), (False, True), (False, False)):
        server = server_factory(development_outbox=outbox, development_clock=clock).start()
        server.stop()
        announced = [line for line in server.log_path.read_text().splitlines() if "development mode: not for real users" in line]
        if outbox or clock:
            assert len(announced) == 1, server.log_tail()
            assert ("keeps codes and temporary passwords" in announced[0]) == outbox, announced
            assert ("movable at POST /_gatehouse/clock" in announced[0]) == clock, announced
            assert "loopback only" in announced[0], announced
        else:
            assert not announced, announced


def test_development_endpoints_answer_other_machines_only_when_told(server_factory):
    address = machine_address()
    if not address or address.startswith("127."):
        pytest.skip(f"this machine has no address beyond loopback to call from ({address})")
    for anywhere in (False, True):
        server = server_factory(options={"host": "0.0.0.0"},
                                flags=["allow-unsigned-admin"] + (["development-from-anywhere"] if anywhere else [])).start()
        try:
            remote = f"http://{address}:{server.port}"
            assert requests.get(f"{server.endpoint}/_gatehouse/outbox", timeout=10).status_code == 200
            answer = requests.get(f"{remote}/_gatehouse/outbox", timeout=10)
            if anywhere:
                assert answer.status_code == 200
            else:
                assert (answer.status_code, answer.json()["__type"]) == (403, "AccessDeniedException")
                assert json.loads(answer.text)["message"] == ("The development endpoints answer this machine only; start the "
                                                              "server with --development-from-anywhere to serve them to others.")
        finally:
            server.stop()


def test_a_client_that_hides_users_answers_an_unknown_user_as_a_real_one(cognito, make_pool):
    """ForgotPassword tells nothing by its delivery medium: a pool that recovers by phone first
    seems to send every reset code by SMS, known user or not, and the made-up number stays the same;
    nor by its limit of codes."""
    pool_id = make_pool(AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_phone_number", "Priority": 1},
                                                                        {"Name": "verified_email", "Priority": 2}]})["Id"]
    app = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", PreventUserExistenceErrors="ENABLED")
    app = app["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="real", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "phone_number", "Value": "+15555550123"}, {"Name": "phone_number_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="real", Password="P2$Sword", Permanent=True)
    real = cognito.forgot_password(ClientId=app, Username="real")["CodeDeliveryDetails"]
    unknown = cognito.forgot_password(ClientId=app, Username="nobody")["CodeDeliveryDetails"]
    assert (real["DeliveryMedium"], real["AttributeName"]) == (unknown["DeliveryMedium"], unknown["AttributeName"]) == ("SMS", "phone_number")
    assert len(unknown["Destination"]) == len(real["Destination"]) == len("+*******0123")
    assert cognito.forgot_password(ClientId=app, Username="nobody")["CodeDeliveryDetails"] == unknown
    # Nor by its limit: the 6th code in an hour is refused alike.
    for name in ("real", "nobody"):
        for _ in range(5 - (2 if name == "nobody" else 1)):
            cognito.forgot_password(ClientId=app, Username=name)
        expect_client_error(cognito.forgot_password, "LimitExceededException", "Attempt limit exceeded, please try after some time.",
                            ClientId=app, Username=name)

    admin_only = make_pool(AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "admin_only", "Priority": 1}]})["Id"]
    hiding = cognito.create_user_pool_client(UserPoolId=admin_only, ClientName="app", PreventUserExistenceErrors="ENABLED")
    expect_client_error(cognito.forgot_password, "NotAuthorizedException", "Contact administrator to reset password.",
                        ClientId=hiding["UserPoolClient"]["ClientId"], Username="nobody")


def test_request_quotas_refuse_a_category_over_its_rate(server_factory, make_client):
    """With --request-quota, a category's requests over its rate get AWS's throttling answer;
    other categories go on."""
    server = server_factory(flags=[], options={"request-quota": "UserPoolRead=2"}).start()
    cognito = make_client(endpoint=server.endpoint)

    def ask(_):
        try:
            cognito.list_user_pools(MaxResults=10)
            return "ok"
        except ClientError as error:
            return error.response["Error"]["Code"], error.response["Error"]["Message"]
    # At once, so that the rate is exceeded however long each call takes on a busy machine.
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(ask, range(20)))
    allowed = 2 + 2 * (time.monotonic() - started)  # a second's worth at once, then 2 per second
    assert 2 <= answers.count("ok") <= allowed, answers
    assert set(answers) == {"ok", ("TooManyRequestsException", "Rate exceeded")}, answers
    cognito.create_user_pool(PoolName="other-category")
    server.stop()


def test_json_logs_are_one_object_per_line(server_factory):
    server = server_factory(options={"log-format": "json"}, flags=["development-reset"], database_url=None).start()
    server.stop()
    # Every line the server wrote is one JSON object (the harness heads each start with "=== start").
    lines = [line for line in server.log_path.read_text().splitlines() if line and not line.startswith("=== ")]
    records = [json.loads(line) for line in lines]
    assert records and all({"time", "level", "label", "message", "source"} <= record.keys() for record in records), records
    (announced,) = [record for record in records if record["message"] == "development mode: not for real users"]
    assert announced["level"] == "warning" and announced["reset"] == "every pool deleted at POST /_gatehouse/reset", announced
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", announced["time"]), announced


def test_an_unknown_log_format_is_refused(live_server, tmp_path):
    done = subprocess.run([str(live_server.binary), "serve", "--log-format", "xml", "--data-dir", str(tmp_path)],
                          env=server_env(), capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "unknown log format xml: text or json" in done.stderr, done

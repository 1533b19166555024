"""Restarts, crashes and concurrent writers. These tests stop and start the session server."""
import signal
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from helpers import assert_ok


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_graceful_restart_keeps_pools(live_server, raw, make_pool, sig):
    pool_id = make_pool(UserPoolTags={"a": "1", "b": "2"})["Id"]
    raw.call("UpdateUserPool", {"UserPoolId": pool_id, "MfaConfiguration": "OFF", "AutoVerifiedAttributes": ["email"],
                                "UserPoolTags": {"a": "1", "b": "2", "c": "3"}})
    raw.call("AddCustomAttributes", {"UserPoolId": pool_id, "CustomAttributes": [
        {"Name": "kept", "AttributeDataType": "Number", "Mutable": True}]})
    before = raw.describe(pool_id)

    code = live_server.stop(sig)
    assert code == 0, f"exit code {code} after {sig.name}:\n{live_server.log_tail()}"
    live_server.start()
    assert raw.describe(pool_id) == before
    assert pool_id in raw.list_pool_ids()


def _crash_state(name, round_):
    return {"PoolName": f"{name}-round{round_}", "UserPoolTags": {"round": str(round_)},
            "DeletionProtection": "ACTIVE" if round_ % 2 else "INACTIVE",
            "Policies": {"PasswordPolicy": {"MinimumLength": 10 + round_, "RequireUppercase": False,
                                            "RequireLowercase": True, "RequireNumbers": True, "RequireSymbols": False,
                                            "TemporaryPasswordValidityDays": 2 + round_}}}


def test_acknowledged_writes_survive_kill_9(live_server, raw, pool_name):
    pool_id = None
    for round_ in range(3):
        if pool_id is None:
            response = raw.post({"PoolName": pool_name}, op="CreateUserPool")
            pool_id = assert_ok(response)["UserPool"]["Id"]
        state = _crash_state(pool_name, round_)
        assert_ok(raw.post({"UserPoolId": pool_id, **state}, op="UpdateUserPool"))
        live_server.kill()
        live_server.start()

        after = raw.describe(pool_id)
        assert after["Name"] == state["PoolName"]
        assert after["UserPoolTags"] == state["UserPoolTags"]
        assert after["DeletionProtection"] == state["DeletionProtection"]
        assert after["Policies"]["PasswordPolicy"] == state["Policies"]["PasswordPolicy"]


def test_create_acknowledged_before_kill_9_survives(live_server, raw, pool_name):
    created = assert_ok(raw.post({"PoolName": pool_name}, op="CreateUserPool"))["UserPool"]
    live_server.kill()
    live_server.start()
    assert raw.describe(created["Id"]) == created


WRITERS, WRITES = 8, 25


def _writer_state(base, writer, seq):
    return {
        "PoolName": f"{base}-w{writer}-s{seq}",
        "UserPoolTags": {"writer": str(writer), "seq": str(seq), "stamp": f"{writer}.{seq}"},
        "Policies": {"PasswordPolicy": {"MinimumLength": 6 + (writer * WRITES + seq) % 94,
                                        "RequireUppercase": writer % 2 == 0, "RequireLowercase": seq % 2 == 0,
                                        "RequireNumbers": True, "RequireSymbols": False,
                                        "TemporaryPasswordValidityDays": 1 + seq}},
        "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": seq % 2 == 0,
                                "DeviceOnlyRememberedOnUserPrompt": writer % 2 == 1},
    }


def _observed_state(pool, states):
    """The (writer, seq) whose whole state `pool` shows, or an AssertionError naming the mix."""
    assert pool["Name"] in states, pool["Name"]
    writer, seq, state = states[pool["Name"]]
    shown = {"UserPoolTags": pool["UserPoolTags"], "PasswordPolicy": pool["Policies"]["PasswordPolicy"],
             "DeviceConfiguration": pool.get("DeviceConfiguration")}
    assert shown == {"UserPoolTags": state["UserPoolTags"], "PasswordPolicy": state["Policies"]["PasswordPolicy"],
                     "DeviceConfiguration": state["DeviceConfiguration"]}, f"mixed state under name {pool['Name']}"
    return writer, seq


def test_concurrent_updates_are_atomic(raw, make_client, make_pool, pool_name):
    pool_id = make_pool()["Id"]
    clients = [make_client() for _ in range(WRITERS)]  # boto3 makes clients thread-unsafely; use them in threads
    states = {s["PoolName"]: (w, q, s) for w in range(WRITERS) for q in range(WRITES)
              for s in [_writer_state(pool_name, w, q)]}
    writing = threading.Event()
    writing.set()

    def write(writer):
        acknowledged = []
        for seq in range(WRITES):
            clients[writer].update_user_pool(UserPoolId=pool_id, **_writer_state(pool_name, writer, seq))
            acknowledged.append(seq)
        return acknowledged

    def read():
        """Describes while the writers run: every state seen must be one whole write."""
        seen = 0
        while writing.is_set():
            pool = raw.describe(pool_id)
            if pool["Name"] in states:
                _observed_state(pool, states)
                seen += 1
        return seen

    with ThreadPoolExecutor(WRITERS + 1) as executor:
        reader = executor.submit(read)
        writers = [executor.submit(write, w) for w in range(WRITERS)]
        try:
            results = [w.result() for w in writers]
        finally:
            writing.clear()
        assert reader.result() > 0
    assert results == [list(range(WRITES))] * WRITERS

    writer, seq = _observed_state(raw.describe(pool_id), states)
    # Every writer's later update started after its earlier one was acknowledged, so only a last write can win.
    assert seq == WRITES - 1, (writer, seq)


def test_users_memberships_codes_and_the_outbox_survive_kill_9(live_server, cognito, make_pool):
    pool_id = make_pool(AutoVerifiedAttributes=["email"])["Id"]
    app = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    cognito.create_group(UserPoolId=pool_id, GroupName="kept")
    cognito.admin_create_user(UserPoolId=pool_id, Username="kim", MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "kim@example.com"}])
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="kim", GroupName="kept")
    cognito.sign_up(ClientId=app, Username="lou", Password="P2$Sword", UserAttributes=[{"Name": "email", "Value": "lou@example.com"}])
    code = live_server.code_sent_to("lou@example.com")
    before = cognito.admin_get_user(UserPoolId=pool_id, Username="kim")

    live_server.kill()
    live_server.start()
    after = cognito.admin_get_user(UserPoolId=pool_id, Username="kim")
    assert {k: after[k] for k in before if k != "ResponseMetadata"} == {k: before[k] for k in before if k != "ResponseMetadata"}
    groups = cognito.admin_list_groups_for_user(UserPoolId=pool_id, Username="kim")["Groups"]
    assert [g["GroupName"] for g in groups] == ["kept"]
    assert live_server.code_sent_to("lou@example.com") == code
    cognito.confirm_sign_up(ClientId=app, Username="lou", ConfirmationCode=code)
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["EstimatedNumberOfUsers"] == 2

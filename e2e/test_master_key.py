"""The master key: the server's secrets are stored wrapped by a key the database does not hold, so
a copy of the database alone opens nothing; the key file and the database are their owner's only."""
import re
import shutil
import sqlite3
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor

import jwt
import pytest

from helpers import server_env


PASSWORD = "P2$Sword"
MARKER = "master-key-id"


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def stored_secrets(data_dir):
    with sqlite3.connect(data_dir / "gatehouse.sqlite3") as db:
        return dict(db.execute("SELECT name, value FROM secrets"))


def _signed_in_user(make_client, server):
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(PoolName="keys")["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="kit", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="kit", Password=PASSWORD, Permanent=True)
    return client_id


def _sign_in(make_client, server, client_id):
    return make_client(endpoint=server.endpoint).initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "kit", "PASSWORD": PASSWORD})


def test_secrets_are_stored_wrapped_and_a_copied_database_alone_opens_nothing(server_factory, make_client):
    server = server_factory(database_url=None).start()
    client_id = _signed_in_user(make_client, server)
    assert "AccessToken" in _sign_in(make_client, server, client_id)["AuthenticationResult"]
    assert server.stop() == 0
    key_file = server.data_dir / "master.key"
    assert (mode(server.data_dir), mode(key_file), mode(server.data_dir / "gatehouse.sqlite3")) == (0o700, 0o600, 0o600)
    secrets = stored_secrets(server.data_dir)
    key_id = secrets.pop(MARKER).decode()
    assert {"sign-in-key", "signing-key-seal", "client-secret-key"} <= set(secrets)
    for name, value in secrets.items():
        assert value[:17] == b"\x01" + key_id.encode() and len(value) == 77, name

    copy = server_factory(database_url=None)
    copy.data_dir.mkdir(parents=True)
    shutil.copy(server.data_dir / "gatehouse.sqlite3", copy.data_dir / "gatehouse.sqlite3")
    with pytest.raises(RuntimeError) as refused:
        copy.start()
    assert (f"The database's secrets are wrapped by master key {key_id} and no master key was given: name that key's "
            "file with --master-key-file (or GATEHOUSE_MASTER_KEY_FILE).") in str(refused.value)
    assert not (copy.data_dir / "master.key").exists(), "no second key is made beside the database's"

    other = copy.data_dir.parent / "other.key"
    other.write_text("A" * 43 + "=\n")
    copy.options["master-key-file"] = str(other)
    with pytest.raises(RuntimeError) as wrong:
        copy.start()
    assert f"The database's secrets are wrapped by master key {key_id}, not by the key in {other}" in str(wrong.value)

    copy.options["master-key-file"] = str(key_file)
    copy.start()
    assert "AccessToken" in _sign_in(make_client, copy, client_id)["AuthenticationResult"], "with its key the copy signs in"
    assert copy.stop() == 0


def test_secrets_stored_in_the_clear_are_wrapped_at_start(server_factory, make_client):
    """A database of a version before master keys: no key named, secrets in the clear."""
    server = server_factory(database_url=None).start()
    client_id = _signed_in_user(make_client, server)
    assert server.stop() == 0
    (server.data_dir / "master.key").unlink()
    with sqlite3.connect(server.data_dir / "gatehouse.sqlite3") as db:
        db.execute("DELETE FROM secrets WHERE name = ?", (MARKER,))
        db.execute("UPDATE secrets SET value = randomblob(32)")
    server.start()
    assert "AccessToken" in _sign_in(make_client, server, client_id)["AuthenticationResult"]
    assert server.stop() == 0
    secrets = stored_secrets(server.data_dir)
    key_id = secrets.pop(MARKER).decode()
    assert all(value[:17] == b"\x01" + key_id.encode() for value in secrets.values()), secrets
    assert mode(server.data_dir / "master.key") == 0o600


def test_keys_rotate_replaces_the_master_key_and_the_signing_keys_while_the_server_runs(server_factory, make_client):
    server = server_factory(database_url=None).start()
    client_id = _signed_in_user(make_client, server)
    before = _sign_in(make_client, server, client_id)["AuthenticationResult"]
    pool_id = jwt.decode(before["AccessToken"], options={"verify_signature": False})["iss"].rsplit("/", 1)[1]
    key_file = server.data_dir / "master.key"
    old_id = stored_secrets(server.data_dir)[MARKER].decode()

    printed = server.run_subcommand("keys", "rotate")
    new_id = stored_secrets(server.data_dir)[MARKER].decode()
    assert printed == (f"master key {old_id} replaced by {new_id}: running servers go on; each needs the new key file "
                       "when it next starts\nsigning keys of 1 user pools replaced: the old ones stay in the JWKS and verify "
                       "their tokens for a day more\n")
    assert new_id != old_id and mode(key_file) == 0o600
    assert (server.data_dir / f"master.key.{old_id}").read_text() != key_file.read_text(), "the old key is kept beside"
    secrets = stored_secrets(server.data_dir)
    del secrets[MARKER]
    assert all(value[:17] == b"\x01" + new_id.encode() for value in secrets.values())

    cognito = make_client(endpoint=server.endpoint)
    fresh = _sign_in(make_client, server, client_id)["AuthenticationResult"]
    assert jwt.get_unverified_header(fresh["AccessToken"])["kid"] != jwt.get_unverified_header(before["AccessToken"])["kid"], \
        "the running server signs with the keys the rotation stored from its next call on"

    def refreshed():
        return cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                     AuthParameters={"REFRESH_TOKEN": before["RefreshToken"]})["AuthenticationResult"]
    assert "AccessToken" in refreshed(), "the running server goes on with the secrets it holds"
    server.restart()
    after = _sign_in(make_client, server, client_id)["AuthenticationResult"]
    old_kid, new_kid = (jwt.get_unverified_header(tokens["AccessToken"])["kid"] for tokens in (before, after))
    assert old_kid != new_kid, "tokens are signed with the new keys"
    issuer = f"{server.endpoint}/{pool_id}"
    jwks = jwt.PyJWKClient(f"{issuer}/.well-known/jwks.json")
    assert len(jwks.get_jwk_set().keys) == 4, "the retired keys stay published"
    for tokens in (before, after):
        for name in ("IdToken", "AccessToken"):
            jwt.decode(tokens[name], jwks.get_signing_key_from_jwt(tokens[name]).key, algorithms=["RS256"], issuer=issuer,
                       options={"verify_aud": False})
        assert cognito.get_user(AccessToken=tokens["AccessToken"])["Username"] == "kit"
    assert "AccessToken" in refreshed(), "the secrets kept their values: refresh tokens from before still work"
    assert server.stop() == 0


def test_processes_starting_at_once_on_a_new_data_directory_share_the_one_key_made(server_factory, make_client):
    """Two processes started together on a data directory without a key: the first to make master.key
    makes it whole, the other reads it, and both serve the one database (five rounds, each on a new
    directory)."""
    for _ in range(5):
        first = server_factory(database_url=None)
        second = server_factory(database_url=None)
        second.data_dir = first.data_dir
        with ThreadPoolExecutor(2) as starting:
            for started in [starting.submit(server.start) for server in (first, second)]:
                started.result()
        assert [path.name for path in first.data_dir.iterdir() if path.name.startswith("master.key")] == ["master.key"]
        key_ids = {re.search(r"master key[=: \"]+(\S+) from", server.log_path.read_text()).group(1) for server in (first, second)}
        assert key_ids == {stored_secrets(first.data_dir)[MARKER].decode()}
        pool_id = make_client(endpoint=first.endpoint).create_user_pool(PoolName="shared")["UserPool"]["Id"]
        assert make_client(endpoint=second.endpoint).describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id
        assert (first.stop(), second.stop()) == (0, 0)


def test_keys_rotate_without_a_key_refuses_and_makes_none(server_factory):
    server = server_factory(database_url=None)
    server.data_dir.mkdir(parents=True)
    result = subprocess.run([server.binary, "keys", "rotate", "--data-dir", str(server.data_dir)], env=server_env(),
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == (f"Error: There is no master key to rotate: {server.data_dir}/master.key does not exist "
                                     "(the server makes it on its first start).")
    assert list(server.data_dir.iterdir()) == []

"""Server configuration: GATEHOUSE_* environment variables and the SQLite file location."""
import pytest

from helpers import STORE, RawClient, pool_arn, unique_name

OTHER_ACCOUNT = "210987654321"


def test_environment_variables_configure_the_server(server_factory):
    server = server_factory(use_env=True, account_id=OTHER_ACCOUNT).start()
    raw = RawClient(server.endpoint)
    pool = raw.call("CreateUserPool", {"PoolName": unique_name("env")}, region="ap-northeast-1")["UserPool"]
    assert pool["Arn"] == pool_arn(pool["Id"], region="ap-northeast-1", account=OTHER_ACCOUNT)
    if STORE == "sqlite":
        assert (server.data_dir / "gatehouse.sqlite3").is_file()
    assert server.stop() == 0


def test_sqlite_store_lives_in_the_data_dir(live_server):
    if STORE != "sqlite":
        pytest.skip("the server runs on PostgreSQL")
    assert (live_server.data_dir / "gatehouse.sqlite3").is_file()

"""The AWS JSON 1.1 wire contract as seen by a raw HTTP client."""
import requests

from helpers import assert_ok, pool_arn, pool_id_pattern, unique_name


def test_health(live_server):
    response = requests.get(live_server.endpoint + "/health", timeout=5)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_success_headers_and_empty_output(raw):
    response = raw.post({"PoolName": unique_name("wire")}, op="CreateUserPool")
    pool_id = assert_ok(response)["UserPool"]["Id"]
    update = raw.post({"UserPoolId": pool_id, "UserPoolTags": {"k": "v"}}, op="UpdateUserPool")
    assert assert_ok(update) == {}
    assert update.headers["x-amzn-RequestId"] != response.headers["x-amzn-RequestId"]


def test_region_comes_from_the_credential_scope(raw):
    created = raw.call("CreateUserPool", {"PoolName": unique_name("scope")}, region="ap-southeast-2")["UserPool"]
    assert pool_id_pattern("ap-southeast-2").match(created["Id"]), created["Id"]
    assert created["Arn"] == pool_arn(created["Id"], region="ap-southeast-2")
    assert raw.describe(created["Id"], region="ap-southeast-2")["Id"] == created["Id"]
    assert created["Id"] in raw.list_pool_ids(region="ap-southeast-2")
    assert created["Id"] not in raw.list_pool_ids(region="us-east-1")


def test_describe_is_byte_for_byte_repeatable(raw):
    pool_id = raw.call("CreateUserPool", {"PoolName": unique_name("bytes"), "UserPoolTags": {"k": "v"}})["UserPool"]["Id"]
    first = raw.describe_bytes(pool_id)
    assert all(raw.describe_bytes(pool_id) == first for _ in range(5))

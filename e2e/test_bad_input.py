"""Bad requests: each gets the exact error, and nothing is written (the sentinel pool and the pool
count are unchanged afterwards)."""
import json

import pytest

from helpers import MAX_BODY, TARGET_PREFIX, assert_error

VALIDATION = "1 validation error detected: Value {value} at '{path}' failed to satisfy constraint: {constraint}"


def _update(pool_id, **params):
    return {"UserPoolId": pool_id, **params}


def _send(raw, case, pool_id):
    body = case["body"](pool_id)
    return raw.post(body, **{k: case[k] for k in ("op", "target", "auth") if k in case})


def _case(name, body, status=400, error=None, message=None, **request):
    return pytest.param({"body": body, "status": status, "error": error, "message": message, **request}, id=name)


def _wrong_type(path, expected):
    return f"Unexpected value at '{path}': expected {expected}."


CASES = [
    _case("unknown-operation", lambda p: _update(p, PoolName="x"), target=TARGET_PREFIX + "Nope",
          error="UnknownOperationException", message="Unknown operation Nope."),
    _case("wrong-target-prefix", lambda p: _update(p, PoolName="x"), target="AWSCognitoIdentityService.UpdateUserPool",
          error="UnknownOperationException"),
    _case("missing-target", lambda p: _update(p, PoolName="x"),
          error="UnknownOperationException", message="Missing X-Amz-Target header."),
    _case("malformed-json", lambda p: b'{"UserPoolId": "' + p.encode() + b'", "PoolName": ', op="UpdateUserPool",
          error="SerializationException", message="The request body is not valid JSON."),
    # Found by WireFuzz: a high surrogate escape before an escape below the low ones trapped the server.
    _case("broken-surrogate-pair", lambda p: b'{"UserPoolId": "' + p.encode() + b'", "PoolName": "\\uD800\\u0041"}',
          op="UpdateUserPool", error="SerializationException", message="The request body is not valid JSON."),
    _case("body-is-array", lambda p: [_update(p, PoolName="x")], op="UpdateUserPool",
          error="SerializationException", message="The request body must be a JSON object."),
    _case("body-is-string", lambda p: p, op="UpdateUserPool",
          error="SerializationException", message="The request body must be a JSON object."),
    _case("body-is-number", lambda p: 42, op="CreateUserPool",
          error="SerializationException", message="The request body must be a JSON object."),
    _case("invalid-utf8", lambda p: b'{"UserPoolId": "' + p.encode() + b'", "PoolName": "bad\xff\xfe"}',
          op="UpdateUserPool", error="SerializationException", message="The request body is not valid UTF-8."),
    _case("invalid-utf8-create", lambda p: b'{"PoolName": "caf\xe9"}', op="CreateUserPool",
          error="SerializationException", message="The request body is not valid UTF-8."),
    _case("wrong-type-integer", lambda p: _update(p, Policies={"PasswordPolicy": {"MinimumLength": "8"}}),
          op="UpdateUserPool", error="SerializationException",
          message=_wrong_type("Policies.PasswordPolicy.MinimumLength", "integer")),
    _case("wrong-type-fraction", lambda p: _update(p, Policies={"PasswordPolicy": {"MinimumLength": 8.5}}),
          op="UpdateUserPool", error="SerializationException",
          message=_wrong_type("Policies.PasswordPolicy.MinimumLength", "integer")),
    _case("wrong-type-string", lambda p: _update(p, PoolName=5), op="UpdateUserPool",
          error="SerializationException", message=_wrong_type("PoolName", "string")),
    _case("wrong-type-boolean", lambda p: _update(p, DeviceConfiguration={"ChallengeRequiredOnNewDevice": "yes"}),
          op="UpdateUserPool", error="SerializationException",
          message=_wrong_type("DeviceConfiguration.ChallengeRequiredOnNewDevice", "boolean")),
    _case("wrong-type-map", lambda p: _update(p, UserPoolTags=["a"]), op="UpdateUserPool",
          error="SerializationException", message=_wrong_type("UserPoolTags", "map")),
    _case("wrong-type-list", lambda p: _update(p, AutoVerifiedAttributes="email"), op="UpdateUserPool",
          error="SerializationException", message=_wrong_type("AutoVerifiedAttributes", "list")),
    _case("wrong-type-structure", lambda p: _update(p, Policies=3), op="UpdateUserPool",
          error="SerializationException", message=_wrong_type("Policies", "structure")),
    _case("wrong-type-create", lambda p: {"PoolName": ["x"]}, op="CreateUserPool",
          error="SerializationException", message=_wrong_type("PoolName", "string")),
    _case("not-implemented", lambda p: {"UserPoolId": p, "ProviderName": "Google"}, op="DescribeIdentityProvider",
          error="NotImplementedException", message="Gatehouse does not implement DescribeIdentityProvider yet."),
    _case("minimum-length-too-small", lambda p: _update(p, Policies={"PasswordPolicy": {"MinimumLength": 5}}),
          op="UpdateUserPool", error="InvalidParameterException",
          message=VALIDATION.format(value="'5'", path="policies.passwordPolicy.minimumLength",
                                    constraint="Member must have value greater than or equal to 6")),
    _case("minimum-length-too-large", lambda p: _update(p, Policies={"PasswordPolicy": {"MinimumLength": 100}}),
          op="UpdateUserPool", error="InvalidParameterException",
          message=VALIDATION.format(value="'100'", path="policies.passwordPolicy.minimumLength",
                                    constraint="Member must have value less than or equal to 99")),
    _case("two-validation-errors",
          lambda p: _update(p, Policies={"PasswordPolicy": {"MinimumLength": 5, "PasswordHistorySize": 30}}),
          op="UpdateUserPool", error="InvalidParameterException",
          message="2 validation errors detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to "
                  "satisfy constraint: Member must have value greater than or equal to 6; Value '30' at "
                  "'policies.passwordPolicy.passwordHistorySize' failed to satisfy constraint: Member must have "
                  "value less than or equal to 24"),
    _case("missing-user-pool-id", lambda p: {"PoolName": "x"}, op="UpdateUserPool", error="InvalidParameterException",
          message=VALIDATION.format(value="null", path="userPoolId", constraint="Member must not be null")),
    _case("pool-name-pattern", lambda p: _update(p, PoolName="bad/name"), op="UpdateUserPool",
          error="InvalidParameterException",
          message=VALIDATION.format(value="'bad/name'", path="poolName",
                                    constraint="Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+")),
    _case("pool-name-pattern-create", lambda p: {"PoolName": "bad/name"}, op="CreateUserPool",
          error="InvalidParameterException",
          message=VALIDATION.format(value="'bad/name'", path="poolName",
                                    constraint="Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+")),
    _case("list-max-results-zero", lambda p: {"MaxResults": 0}, op="ListUserPools", error="InvalidParameterException",
          message=VALIDATION.format(value="'0'", path="maxResults",
                                    constraint="Member must have value greater than or equal to 1")),
    _case("list-max-results-missing", lambda p: {}, op="ListUserPools", error="InvalidParameterException",
          message=VALIDATION.format(value="null", path="maxResults", constraint="Member must not be null")),
    _case("mfa-on-without-sms", lambda p: {"PoolName": "mfa-on", "MfaConfiguration": "ON"}, op="CreateUserPool",
          error="InvalidParameterException", message="SMS configuration and Auto verification for phone_number "
                                                     "are required when MFA is required/optional"),
    _case("default-email-with-from",
          lambda p: {"PoolName": "from", "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT",
                                                                "From": "a@example.com"}},
          op="CreateUserPool", error="InvalidParameterException",
          message="Cannot configure From email address for default email configuration"),
    _case("update-default-email-with-from",
          lambda p: _update(p, EmailConfiguration={"EmailSendingAccount": "COGNITO_DEFAULT", "From": "a@example.com"}),
          op="UpdateUserPool", error="InvalidParameterException",
          message="Cannot configure From email address for default email configuration"),
    _case("unknown-pool", lambda p: _update(p[:-1] + ("x" if p[-1] != "x" else "y"), PoolName="x"),
          op="UpdateUserPool", error="ResourceNotFoundException"),
    _case("update-without-authorization", lambda p: _update(p, PoolName="unsigned"), op="UpdateUserPool", auth=False,
          error="MissingAuthenticationTokenException", message="Missing Authentication Token"),
    _case("create-without-authorization", lambda p: {"PoolName": "unsigned"}, op="CreateUserPool", auth=False,
          error="MissingAuthenticationTokenException", message="Missing Authentication Token"),
    _case("delete-without-authorization", lambda p: {"UserPoolId": p}, op="DeleteUserPool", auth=False,
          error="MissingAuthenticationTokenException", message="Missing Authentication Token"),
]


@pytest.mark.parametrize("case", CASES)
def test_bad_request_is_rejected_and_writes_nothing(raw, sentinel, case):
    response = _send(raw, case, sentinel.pool_id)
    assert_error(response, case["status"], case["error"], case["message"])
    sentinel.assert_unchanged()


def test_unknown_pool_message(raw):
    missing = "us-east-1_Nope12345"
    assert_error(raw.post({"UserPoolId": missing}, op="DescribeUserPool"), 400, "ResourceNotFoundException",
                 f"User pool {missing} does not exist.")


def test_enum_violation_names_the_member_and_values(raw, sentinel):
    body = assert_error(raw.post(_update(sentinel.pool_id, MfaConfiguration="false"), op="UpdateUserPool"),
                        400, "InvalidParameterException")
    prefix = ("1 validation error detected: Value 'false' at 'mfaConfiguration' failed to satisfy constraint: "
              "Member must satisfy enum value set: [")
    assert body["message"].startswith(prefix), body["message"]
    assert sorted(body["message"][len(prefix):].rstrip("]").split(", ")) == ["OFF", "ON", "OPTIONAL"]
    sentinel.assert_unchanged()


def _create_body_of_size(size):
    head, tail = b'{"PoolName": "', b'"}'
    return head + b"a" * (size - len(head) - len(tail)) + tail


def test_body_over_one_mebibyte_is_rejected(raw, sentinel):
    body = _create_body_of_size(MAX_BODY + 1)
    assert len(body) == MAX_BODY + 1
    assert_error(raw.post(body, op="CreateUserPool"), 413, "RequestEntityTooLargeException",
                 "The request body exceeds the limit of 1048576 bytes.")
    sentinel.assert_unchanged()


def test_body_of_exactly_one_mebibyte_reaches_validation(raw, sentinel):
    body = _create_body_of_size(MAX_BODY)
    name = json.loads(body)["PoolName"]
    assert_error(raw.post(body, op="CreateUserPool"), 400, "InvalidParameterException",
                 VALIDATION.format(value=f"'{name}'", path="poolName",
                                   constraint="Member must have length less than or equal to 128"))
    sentinel.assert_unchanged()


def test_server_is_healthy_after_bad_input(live_server, raw, make_pool):
    assert live_server.healthy()
    pool = make_pool()
    assert raw.describe(pool["Id"])["Name"] == pool["Name"]

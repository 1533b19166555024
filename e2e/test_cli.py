"""The real aws CLI (v1, from .venv) against the server: shorthand, JSON, --cli-input-json, errors."""
import json

from expected import DEFAULT_POLICIES

# awscli v1 exits 255 for every service error (awscli/clidriver.py: `except Exception: ... return 255`).
CLI_ERROR_EXIT = 255


def _describe(aws, pool_id):
    result = aws("cognito-idp", "describe-user-pool", "--user-pool-id", pool_id)
    assert result.code == 0, result.stderr
    return result.json["UserPool"]


def _update(aws, pool_id, *args):
    result = aws("cognito-idp", "update-user-pool", "--user-pool-id", pool_id, *args)
    assert result.code == 0, result.stderr
    assert result.stdout.strip() == ""


def test_update_tags_with_shorthand_map(aws, make_pool):
    pool_id = make_pool()["Id"]
    result = aws("cognito-idp", "update-user-pool", "--user-pool-id", pool_id,
                 "--user-pool-tags", "Team=Blue,Area=West", verbatim=True)
    assert (result.code, result.stdout.strip()) == (0, ""), result.stderr
    assert _describe(aws, pool_id)["UserPoolTags"] == {"Team": "Blue", "Area": "West"}


def test_update_policies_with_json(aws, make_pool):
    pool_id = make_pool()["Id"]
    policy = {"MinimumLength": 12, "RequireUppercase": True, "RequireLowercase": False,
              "RequireNumbers": True, "RequireSymbols": False, "TemporaryPasswordValidityDays": 5}
    _update(aws, pool_id, "--policies", json.dumps({"PasswordPolicy": policy}))
    assert _describe(aws, pool_id)["Policies"] == {"PasswordPolicy": policy,
                                                   "SignInPolicy": DEFAULT_POLICIES["SignInPolicy"]}


def test_update_policies_with_shorthand(aws, make_pool):
    pool_id = make_pool()["Id"]
    _update(aws, pool_id, "--policies", "PasswordPolicy={MinimumLength=10,RequireSymbols=false}")
    policies = _describe(aws, pool_id)["Policies"]
    assert policies["PasswordPolicy"]["MinimumLength"] == 10
    assert policies["PasswordPolicy"]["RequireSymbols"] is False
    assert policies["SignInPolicy"] == DEFAULT_POLICIES["SignInPolicy"]


def test_create_and_update_with_cli_input_json(aws, pool_name, tmp_path):
    create = {
        "PoolName": pool_name,
        "UsernameAttributes": ["email"],
        "AutoVerifiedAttributes": ["email"],
        "Schema": [{"Name": "team", "AttributeDataType": "String", "Mutable": True,
                    "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "32"}}],
        "UserPoolTags": {"Owner": "cli"},
    }
    (tmp_path / "create.json").write_text(json.dumps(create))
    result = aws("cognito-idp", "create-user-pool", "--cli-input-json", f"file://{tmp_path / 'create.json'}")
    assert result.code == 0, result.stderr
    pool = result.json["UserPool"]
    assert pool["Name"] == pool_name
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["UserPoolTags"] == {"Owner": "cli"}
    assert pool["SchemaAttributes"][20:] == [
        {"Name": "custom:team", "AttributeDataType": "String", "DeveloperOnlyAttribute": False, "Mutable": True,
         "Required": False, "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "32"}}]

    update = {"UserPoolId": pool["Id"], "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": False,
                                                                "DeviceOnlyRememberedOnUserPrompt": True},
              "DeletionProtection": "ACTIVE", "UserPoolTags": {"Owner": "cli", "Stage": "two"}}
    (tmp_path / "update.json").write_text(json.dumps(update))
    result = aws("cognito-idp", "update-user-pool", "--cli-input-json", f"file://{tmp_path / 'update.json'}")
    assert result.code == 0, result.stderr
    described = _describe(aws, pool["Id"])
    assert described["DeviceConfiguration"] == update["DeviceConfiguration"]
    assert described["DeletionProtection"] == "ACTIVE"
    assert described["UserPoolTags"] == update["UserPoolTags"]
    assert "AutoVerifiedAttributes" not in described  # omitted in the update, so reset


def test_validation_error_output_and_exit_code(aws, make_pool):
    pool_id = make_pool()["Id"]
    result = aws("cognito-idp", "update-user-pool", "--user-pool-id", pool_id,
                 "--policies", '{"PasswordPolicy":{"MinimumLength":100}}')
    assert result.code == CLI_ERROR_EXIT, (result.code, result.stderr)
    assert ("An error occurred (InvalidParameterException) when calling the UpdateUserPool operation: "
            "1 validation error detected: Value '100' at 'policies.passwordPolicy.minimumLength' failed to "
            "satisfy constraint: Member must have value less than or equal to 99") in result.stderr


def test_not_found_error_output(aws):
    missing = "us-east-1_Missing00"
    result = aws("cognito-idp", "describe-user-pool", "--user-pool-id", missing)
    assert result.code == CLI_ERROR_EXIT, (result.code, result.stderr)
    assert (f"An error occurred (ResourceNotFoundException) when calling the DescribeUserPool operation: "
            f"User pool {missing} does not exist.") in result.stderr

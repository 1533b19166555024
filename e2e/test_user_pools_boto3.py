"""User pool operations through boto3, checked against the wire JSON where exact values matter."""
import math
import time

from expected import SMS_CONFIGURATION, STANDARD_SCHEMA, default_pool, full_update
from helpers import REGION, assert_epoch, expect_client_error, pool_arn, pool_id_pattern, strip_metadata


def test_create_name_only_pool_describes_as_canonical_default(cognito, raw, pool_name):
    before = time.time()
    created = cognito.create_user_pool(PoolName=pool_name)["UserPool"]
    pool_id = created["Id"]
    assert pool_id_pattern(REGION).match(pool_id), pool_id

    wire = raw.describe(pool_id)
    assert_epoch(wire["CreationDate"], near=before)
    assert wire["LastModifiedDate"] == wire["CreationDate"]
    assert wire == default_pool(pool_id, pool_name, wire["CreationDate"])

    # CreateUserPool answers with the same object Describe returns; boto3 parses the dates.
    assert math.isclose(created["CreationDate"].timestamp(), wire["CreationDate"], abs_tol=1e-6)
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described == created
    assert described["Arn"] == pool_arn(pool_id)


def test_full_update_is_reflected_by_describe(cognito, raw, make_pool, pool_name):
    pool = make_pool()
    created = raw.describe(pool["Id"])
    time.sleep(0.05)
    update = full_update(pool_name + "-renamed")
    assert strip_metadata(cognito.update_user_pool(UserPoolId=pool["Id"], **update)) == {}

    after = raw.describe(pool["Id"])
    for group, value in update.items():
        if group == "PoolName":
            assert after["Name"] == value
        elif group == "AdminCreateUserConfig":
            # The legacy UnusedAccountValidityDays mirrors TemporaryPasswordValidityDays (NOTES §1.2).
            assert after[group] == {**value, "UnusedAccountValidityDays": 3}
        else:
            assert after[group] == value, group
    for fixed in ("Id", "Arn", "CreationDate", "SchemaAttributes", "EstimatedNumberOfUsers"):
        assert after[fixed] == created[fixed], fixed
    assert after["LastModifiedDate"] > created["LastModifiedDate"]


def test_update_with_one_parameter_resets_the_rest(cognito, raw, make_pool, pool_name):
    pool = make_pool()
    renamed = pool_name + "-renamed"
    cognito.update_user_pool(UserPoolId=pool["Id"], **full_update(renamed))
    first = raw.describe(pool["Id"])
    time.sleep(0.05)

    cognito.update_user_pool(UserPoolId=pool["Id"], AutoVerifiedAttributes=["email"])
    after = raw.describe(pool["Id"])
    expected = default_pool(pool["Id"], renamed, first["CreationDate"], after["LastModifiedDate"])
    expected.update({
        "AutoVerifiedAttributes": ["email"],
        "UserPoolTags": {"Team": "Blue", "Environment": "e2e"},
        "UserPoolTier": "PLUS",
        "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
    })
    assert after == expected
    assert after["LastModifiedDate"] > first["LastModifiedDate"]
    assert after["CreationDate"] == first["CreationDate"]


def test_update_of_unknown_pool_is_not_found(cognito):
    missing = "us-east-1_Zz9Zz9Zz9"
    expect_client_error(cognito.update_user_pool, "ResourceNotFoundException",
                        f"User pool {missing} does not exist.", UserPoolId=missing, MfaConfiguration="OFF")


def test_delete_honours_deletion_protection(cognito, make_pool):
    pool_id = make_pool(DeletionProtection="ACTIVE")["Id"]
    expect_client_error(cognito.delete_user_pool, "InvalidParameterException",
                        "The user pool cannot be deleted because deletion protection is activated. "
                        "Deletion protection must be inactivated first.", UserPoolId=pool_id)
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["DeletionProtection"] == "ACTIVE"

    cognito.update_user_pool(UserPoolId=pool_id, DeletionProtection="INACTIVE")
    assert strip_metadata(cognito.delete_user_pool(UserPoolId=pool_id)) == {}
    expect_client_error(cognito.describe_user_pool, "ResourceNotFoundException",
                        f"User pool {pool_id} does not exist.", UserPoolId=pool_id)
    expect_client_error(cognito.delete_user_pool, "ResourceNotFoundException",
                        f"User pool {pool_id} does not exist.", UserPoolId=pool_id)


def _list_all(client, page_size):
    pages, token = [], None
    while True:
        params = {"MaxResults": page_size, **({"NextToken": token} if token else {})}
        page = client.list_user_pools(**params)
        pages.append(page["UserPools"])
        token = page.get("NextToken")
        if token is None:
            return pages


def test_list_user_pools_pages_each_pool_exactly_once(cognito, make_pool, pool_name):
    made = {make_pool()["Id"] for _ in range(7)}
    pages = _list_all(cognito, 3)
    assert all(len(page) <= 3 for page in pages)
    assert all(len(page) == 3 for page in pages[:-1])
    listed = [p["Id"] for page in pages for p in page]
    assert len(listed) == len(set(listed)), "a pool was listed twice"
    mine = [p for page in pages for p in page if p["Name"].startswith(pool_name + "-")]
    assert sorted(p["Id"] for p in mine) == sorted(made)
    for entry in mine:
        assert entry["LambdaConfig"] == {}
        assert entry["CreationDate"] == entry["LastModifiedDate"]


def test_list_user_pools_shows_each_pools_current_lambda_config(cognito, make_pool, pool_name):
    trigger = {"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up"}
    with_trigger = make_pool(LambdaConfig=trigger)["Id"]
    without = make_pool()["Id"]

    def listed():
        pages = _list_all(cognito, 60)
        return {p["Id"]: p["LambdaConfig"] for page in pages for p in page if p["Name"].startswith(pool_name + "-")}

    assert listed() == {with_trigger: trigger, without: {}}
    cognito.update_user_pool(UserPoolId=without, LambdaConfig=trigger)
    cognito.update_user_pool(UserPoolId=with_trigger)
    assert listed() == {with_trigger: {}, without: trigger}


def test_list_user_pools_rejects_a_tampered_token(cognito, make_pool):
    for _ in range(3):
        make_pool()
    token = cognito.list_user_pools(MaxResults=1)["NextToken"]
    middle = len(token) // 2
    tampered = token[:middle] + ("A" if token[middle] != "A" else "B") + token[middle + 1:]
    for bad in (tampered, "not-a-real-token"):
        expect_client_error(cognito.list_user_pools, "InvalidParameterException", MaxResults=1, NextToken=bad)


def test_add_custom_attributes_appends_after_standard_ones(cognito, raw, make_pool):
    pool_id = make_pool()["Id"]
    output = cognito.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[
        {"Name": "foo", "AttributeDataType": "String", "Mutable": True,
         "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "256"}},
        {"Name": "level", "AttributeDataType": "Number", "Mutable": False,
         "NumberAttributeConstraints": {"MinValue": "1", "MaxValue": "10"},
         "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "5"}},
        {"Name": "secret", "AttributeDataType": "String", "Mutable": True, "DeveloperOnlyAttribute": True,
         "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "64"}},
    ])
    assert strip_metadata(output) == {}
    schema = raw.describe(pool_id)["SchemaAttributes"]
    assert schema[:20] == STANDARD_SCHEMA
    assert schema[20:] == [
        {"Name": "custom:foo", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
         "Mutable": True, "Required": False, "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "256"}},
        {"Name": "custom:level", "AttributeDataType": "Number", "DeveloperOnlyAttribute": False,
         "Mutable": False, "Required": False, "NumberAttributeConstraints": {"MinValue": "1", "MaxValue": "10"}},
        {"Name": "dev:custom:secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True,
         "Mutable": True, "Required": False, "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "64"}},
    ]


def test_mfa_config_round_trip(cognito, make_pool):
    pool_id = make_pool()["Id"]
    assert cognito.get_user_pool_mfa_config(UserPoolId=pool_id)["MfaConfiguration"] == "OFF"

    requested = {"SoftwareTokenMfaConfiguration": {"Enabled": True}, "MfaConfiguration": "OPTIONAL"}
    answer = strip_metadata(cognito.set_user_pool_mfa_config(UserPoolId=pool_id, **requested))
    for key, value in requested.items():
        assert answer[key] == value
    assert strip_metadata(cognito.get_user_pool_mfa_config(UserPoolId=pool_id)) == answer
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["MfaConfiguration"] == "OPTIONAL"


def test_mfa_required_needs_sms_configuration(cognito, make_pool, pool_name):
    expect_client_error(cognito.create_user_pool, "InvalidParameterException",
                        "SMS configuration and Auto verification for phone_number are required "
                        "when MFA is required/optional", PoolName=pool_name, MfaConfiguration="ON")
    sms = {k: v for k, v in SMS_CONFIGURATION.items() if k != "SnsRegion"}
    pool = make_pool(MfaConfiguration="ON", SmsConfiguration=sms)
    assert pool["MfaConfiguration"] == "ON"
    # SnsRegion defaults to the pool's region (NOTES §1.2, API sample).
    assert pool["SmsConfiguration"] == {**sms, "SnsRegion": REGION}


def test_default_email_configuration_rejects_from(cognito, pool_name):
    expect_client_error(cognito.create_user_pool, "InvalidParameterException",
                        "Cannot configure From email address for default email configuration", PoolName=pool_name,
                        EmailConfiguration={"EmailSendingAccount": "COGNITO_DEFAULT", "From": "a@example.com"})


def test_tags_on_the_pool_arn(cognito, make_pool):
    pool = make_pool(UserPoolTags={"origin": "create"})
    arn = pool["Arn"]
    assert strip_metadata(cognito.tag_resource(ResourceArn=arn, Tags={"a": "1", "b": "2"})) == {}
    assert cognito.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"origin": "create", "a": "1", "b": "2"}

    assert strip_metadata(cognito.untag_resource(ResourceArn=arn, TagKeys=["a", "origin"])) == {}
    assert cognito.list_tags_for_resource(ResourceArn=arn)["Tags"] == {"b": "2"}
    assert cognito.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]["UserPoolTags"] == {"b": "2"}


def test_regions_are_isolated(make_client, make_pool):
    east, west = make_client("us-east-1"), make_client("eu-west-1")
    east_pool = make_pool(client=east)
    west_pool = make_pool(client=west)
    assert pool_id_pattern("eu-west-1").match(west_pool["Id"]), west_pool["Id"]
    assert west_pool["Arn"] == pool_arn(west_pool["Id"], region="eu-west-1")

    for client, foreign in ((west, east_pool["Id"]), (east, west_pool["Id"])):
        expect_client_error(client.describe_user_pool, "ResourceNotFoundException",
                            f"User pool {foreign} does not exist.", UserPoolId=foreign)
    west_ids = [p["Id"] for page in _list_all(west, 60) for p in page]
    east_ids = [p["Id"] for page in _list_all(east, 60) for p in page]
    assert west_pool["Id"] in west_ids and east_pool["Id"] in east_ids
    assert all(i.startswith("eu-west-1_") for i in west_ids)
    assert all(i.startswith("us-east-1_") for i in east_ids)

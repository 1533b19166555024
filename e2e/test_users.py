"""Users through boto3 and the aws CLI: admin create/get/update/delete, ListUsers filters and paging."""
import re

from helpers import expect_client_error, strip_metadata


def test_admin_lifecycle(cognito, make_pool):
    pool_id = make_pool(Schema=[{"Name": "team", "AttributeDataType": "String", "Mutable": False}])["Id"]
    user = cognito.admin_create_user(UserPoolId=pool_id, Username="alice", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": "alice@example.com"}, {"Name": "email_verified", "Value": "true"},
        {"Name": "custom:team", "Value": "red"}])["User"]
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD" and user["Enabled"] is True
    assert [a["Name"] for a in user["Attributes"]] == ["sub", "email", "email_verified", "custom:team"]
    sub = user["Attributes"][0]["Value"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", sub)
    got = cognito.admin_get_user(UserPoolId=pool_id, Username="alice")
    assert got["UserAttributes"] == user["Attributes"]
    assert "MFAOptions" not in got and "UserMFASettingList" not in got
    assert cognito.admin_get_user(UserPoolId=pool_id, Username=sub)["Username"] == "alice"
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["EstimatedNumberOfUsers"] == 1

    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="alice", UserAttributes=[
        {"Name": "email", "Value": "alice@example.org"}, {"Name": "given_name", "Value": "Alice"}])
    attributes = {a["Name"]: a["Value"] for a in cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserAttributes"]}
    assert attributes["email"] == "alice@example.org" and attributes["email_verified"] == "false"
    assert attributes["given_name"] == "Alice"
    expect_client_error(cognito.admin_update_user_attributes, "InvalidParameterException",
                        "user.custom:team: Attribute cannot be updated.\n",
                        UserPoolId=pool_id, Username="alice", UserAttributes=[{"Name": "custom:team", "Value": "blue"}])
    cognito.admin_delete_user_attributes(UserPoolId=pool_id, Username="alice", UserAttributeNames=["given_name"])
    cognito.admin_disable_user(UserPoolId=pool_id, Username="alice")
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["Enabled"] is False
    cognito.admin_enable_user(UserPoolId=pool_id, Username="alice")
    expect_client_error(cognito.admin_set_user_password, "InvalidPasswordException",
                        "Password does not conform to policy: Password must have symbol characters",
                        UserPoolId=pool_id, Username="alice", Password="Passw0rdPassw0rd", Permanent=True)
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="alice", Password="P2$Sword", Permanent=True)
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="alice")["UserStatus"] == "CONFIRMED"
    expect_client_error(cognito.admin_confirm_sign_up, "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED",
                        UserPoolId=pool_id, Username="alice")
    assert strip_metadata(cognito.admin_delete_user(UserPoolId=pool_id, Username="alice")) == {}
    expect_client_error(cognito.admin_get_user, "UserNotFoundException", "User does not exist.", UserPoolId=pool_id, Username="alice")


def test_create_errors_change_nothing(cognito, make_pool):
    pool_id = make_pool(UsernameAttributes=["email"])["Id"]
    expect_client_error(cognito.admin_create_user, "InvalidParameterException", "Username should be an email.",
                        UserPoolId=pool_id, Username="bob", MessageAction="SUPPRESS")
    created = cognito.admin_create_user(UserPoolId=pool_id, Username="bob@example.com", MessageAction="SUPPRESS")["User"]
    assert created["Username"] == created["Attributes"][0]["Value"]
    expect_client_error(cognito.admin_create_user, "UsernameExistsException", "An account with the given email already exists.",
                        UserPoolId=pool_id, Username="bob@example.com", MessageAction="SUPPRESS")
    expect_client_error(cognito.admin_create_user, "InvalidPasswordException",
                        "Password did not conform with password policy: Password not long enough",
                        UserPoolId=pool_id, Username="carol@example.com", TemporaryPassword="Ab1!", MessageAction="SUPPRESS")
    expect_client_error(cognito.admin_create_user, "InvalidParameterException",
                        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.\n",
                        UserPoolId=pool_id, Username="carol@example.com", MessageAction="SUPPRESS",
                        UserAttributes=[{"Name": "custom:nope", "Value": "x"}])
    users = cognito.list_users(UserPoolId=pool_id)["Users"]
    assert [u["Username"] for u in users] == [created["Username"]]


def test_list_users_filters_and_pages(cognito, make_pool):
    pool_id = make_pool()["Id"]
    for index in range(7):
        cognito.admin_create_user(UserPoolId=pool_id, Username=f"user{index}", MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": f"u{index}@{'even' if index % 2 == 0 else 'odd'}.example"},
                                                  {"Name": "family_name", "Value": 'O"Brien' if index == 3 else "Smith"}])
    pages = cognito.get_paginator("list_users").paginate(UserPoolId=pool_id, PaginationConfig={"PageSize": 3})
    assert [u["Username"] for page in pages for u in page["Users"]] == [f"user{i}" for i in range(7)]
    assert [u["Username"] for u in cognito.list_users(UserPoolId=pool_id, Filter='email ^= "u4@"')["Users"]] == ["user4"]
    assert [u["Username"] for u in cognito.list_users(UserPoolId=pool_id, Filter='family_name = "O\\"Brien"')["Users"]] == ["user3"]
    assert cognito.list_users(UserPoolId=pool_id, Filter='email = "nobody@example.com"')["Users"] == []
    only = cognito.list_users(UserPoolId=pool_id, AttributesToGet=["family_name"], Limit=1)
    assert [a["Name"] for a in only["Users"][0]["Attributes"]] == ["family_name"] and "PaginationToken" in only
    expect_client_error(cognito.list_users, "InvalidParameterException", "Error while parsing filter.", UserPoolId=pool_id, Filter="email")


def test_cli_creates_and_filters_users(aws, make_pool):
    pool_id = make_pool()["Id"]
    result = aws("cognito-idp", "admin-create-user", "--user-pool-id", pool_id, "--username", "cli-user",
                 "--message-action", "SUPPRESS", "--user-attributes", "Name=email,Value=cli@example.com")
    assert result.code == 0, result.stderr
    assert result.json["User"]["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    result = aws("cognito-idp", "list-users", "--user-pool-id", pool_id, "--filter", 'email = "cli@example.com"')
    assert result.code == 0, result.stderr
    assert [u["Username"] for u in result.json["Users"]] == ["cli-user"]
    result = aws("cognito-idp", "admin-get-user", "--user-pool-id", pool_id, "--username", "nobody")
    assert result.code != 0 and "UserNotFoundException" in result.stderr and "User does not exist." in result.stderr

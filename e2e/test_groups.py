"""Groups through boto3 and the aws CLI: outputs, update keeping omitted settings, paging, errors."""
import jwt

from helpers import expect_client_error, strip_metadata


def test_create_get_update_delete(cognito, make_pool):
    pool_id = make_pool()["Id"]
    plain = cognito.create_group(UserPoolId=pool_id, GroupName="readers")["Group"]
    assert set(plain) == {"GroupName", "UserPoolId", "CreationDate", "LastModifiedDate"}
    created = cognito.create_group(UserPoolId=pool_id, GroupName="admins", Description="Admins", Precedence=0,
                                   RoleArn="arn:aws:iam::123456789012:role/admins")["Group"]
    assert created == cognito.get_group(UserPoolId=pool_id, GroupName="admins")["Group"]
    assert created["Precedence"] == 0
    updated = cognito.update_group(UserPoolId=pool_id, GroupName="admins", Description="All admins")["Group"]
    assert updated["Description"] == "All admins"
    assert (updated["Precedence"], updated["RoleArn"]) == (0, "arn:aws:iam::123456789012:role/admins")
    assert updated["CreationDate"] == created["CreationDate"]
    assert strip_metadata(cognito.delete_group(UserPoolId=pool_id, GroupName="admins")) == {}
    expect_client_error(cognito.get_group, "ResourceNotFoundException", "Group not found.", UserPoolId=pool_id, GroupName="admins")
    expect_client_error(cognito.create_group, "GroupExistsException", "A group with the name already exists.",
                        UserPoolId=pool_id, GroupName="readers")


def test_list_pages_through_groups_in_name_order(cognito, make_pool):
    pool_id = make_pool()["Id"]
    names = ["b", "A", "a", "c/d", "0"]
    for name in names:
        cognito.create_group(UserPoolId=pool_id, GroupName=name)
    pages = cognito.get_paginator("list_groups").paginate(UserPoolId=pool_id, PaginationConfig={"PageSize": 2})
    assert [group["GroupName"] for page in pages for group in page["Groups"]] == ["0", "A", "a", "b", "c/d"]
    expect_client_error(cognito.list_groups, "ResourceNotFoundException", "User pool us-east-1_nopool000 does not exist.",
                        UserPoolId="us-east-1_nopool000")


def test_cli_creates_and_lists_groups(aws, make_pool):
    pool_id = make_pool()["Id"]
    result = aws("cognito-idp", "create-group", "--user-pool-id", pool_id, "--group-name", "cli", "--precedence", "3",
                 "--description", "from the CLI")
    assert result.code == 0, result.stderr
    assert result.json["Group"]["Precedence"] == 3
    result = aws("cognito-idp", "list-groups", "--user-pool-id", pool_id)
    assert result.code == 0, result.stderr
    assert [(g["GroupName"], g["Description"]) for g in result.json["Groups"]] == [("cli", "from the CLI")]


def test_tokens_carry_the_groups_and_their_roles(cognito, make_pool):
    pool_id = make_pool()["Id"]
    app = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                          ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    client_id = app["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="gus", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="gus", Password="P2$Sword", Permanent=True)
    roles = {"readers": ("arn:aws:iam::123456789012:role/readers", 5), "editors": ("arn:aws:iam::123456789012:role/editors", 1)}
    for name, (role, precedence) in roles.items():
        cognito.create_group(UserPoolId=pool_id, GroupName=name, RoleArn=role, Precedence=precedence)
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="gus", GroupName=name)
    cognito.create_group(UserPoolId=pool_id, GroupName="plain")
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="gus", GroupName="plain")
    tokens = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                         AuthParameters={"USERNAME": "gus", "PASSWORD": "P2$Sword"})["AuthenticationResult"]
    id_claims = jwt.decode(tokens["IdToken"], options={"verify_signature": False})
    access_claims = jwt.decode(tokens["AccessToken"], options={"verify_signature": False})
    assert sorted(id_claims["cognito:groups"]) == ["editors", "plain", "readers"]
    assert sorted(id_claims["cognito:roles"]) == sorted(role for role, _ in roles.values())
    assert id_claims["cognito:preferred_role"] == roles["editors"][0]
    assert sorted(access_claims["cognito:groups"]) == ["editors", "plain", "readers"]
    assert "cognito:roles" not in access_claims and "cognito:preferred_role" not in access_claims

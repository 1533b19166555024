"""Groups through boto3 and the aws CLI: outputs, update keeping omitted settings, paging, errors."""
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

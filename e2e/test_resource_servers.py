"""Resource servers with boto3: their custom scopes, and app clients that may be allowed them."""
from helpers import expect_client_error

SCOPES = [{"ScopeName": "read", "ScopeDescription": "Read orders"}, {"ScopeName": "write", "ScopeDescription": "Write orders"}]


def _client(cognito, pool_id, scopes, client_id=None):
    settings = {"UserPoolId": pool_id, "ClientName": "m2m", "AllowedOAuthFlows": ["code"], "AllowedOAuthFlowsUserPoolClient": True,
                "CallbackURLs": ["https://example.com/callback"], "AllowedOAuthScopes": scopes}
    if client_id:
        return cognito.update_user_pool_client(ClientId=client_id, **settings)["UserPoolClient"]
    return cognito.create_user_pool_client(**settings)["UserPoolClient"]


def test_resource_servers_are_created_described_listed_updated_and_deleted(cognito, make_pool):
    pool_id = make_pool()["Id"]
    created = cognito.create_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com", Name="orders",
                                             Scopes=SCOPES)["ResourceServer"]
    assert created == {"UserPoolId": pool_id, "Identifier": "https://api.example.com", "Name": "orders", "Scopes": SCOPES}
    assert cognito.describe_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com")["ResourceServer"] == created
    bare = cognito.create_resource_server(UserPoolId=pool_id, Identifier="billing", Name="billing")["ResourceServer"]
    assert "Scopes" not in bare
    cognito.create_resource_server(UserPoolId=pool_id, Identifier="Billing", Name="case-sensitive")

    first = cognito.list_resource_servers(UserPoolId=pool_id, MaxResults=2)
    assert [s["Identifier"] for s in first["ResourceServers"]] == ["Billing", "billing"]
    rest = cognito.list_resource_servers(UserPoolId=pool_id, MaxResults=2, NextToken=first["NextToken"])
    assert rest["ResourceServers"] == [created] and "NextToken" not in rest
    expect_client_error(cognito.list_resource_servers, "InvalidParameterException",
                        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: "
                        "Member must have value greater than or equal to 1", UserPoolId=pool_id)

    updated = cognito.update_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com", Name="orders v2",
                                             Scopes=SCOPES[1:])["ResourceServer"]
    assert (updated["Name"], updated["Scopes"]) == ("orders v2", SCOPES[1:])
    emptied = cognito.update_resource_server(UserPoolId=pool_id, Identifier="https://api.example.com", Name="orders v3")["ResourceServer"]
    assert "Scopes" not in emptied, "Scopes replaces the whole list"
    cognito.delete_resource_server(UserPoolId=pool_id, Identifier="billing")
    assert [s["Identifier"] for s in cognito.list_resource_servers(UserPoolId=pool_id, MaxResults=50)["ResourceServers"]] == [
        "Billing", "https://api.example.com"]


def test_refusals(cognito, make_pool):
    pool_id = make_pool()["Id"]
    cognito.create_resource_server(UserPoolId=pool_id, Identifier="orders", Name="orders")
    expect_client_error(cognito.create_resource_server, "InvalidParameterException", f"orders already exists in user pool {pool_id}.",
                        UserPoolId=pool_id, Identifier="orders", Name="again")
    expect_client_error(cognito.create_resource_server, "InvalidParameterException",
                        "Duplicate scope name read in the resource server's scopes.",
                        UserPoolId=pool_id, Identifier="twice", Name="twice", Scopes=[SCOPES[0], SCOPES[0]])
    for call, params in [(cognito.describe_resource_server, {}), (cognito.delete_resource_server, {}),
                         (cognito.update_resource_server, {"Name": "x"})]:
        expect_client_error(call, "ResourceNotFoundException", "Resource server nothing does not exist.",
                            UserPoolId=pool_id, Identifier="nothing", **params)
    expect_client_error(cognito.create_resource_server, "InvalidParameterException",
                        "1 validation error detected: Value 'a/b' at 'scopes.1.member.scopeName' failed to satisfy constraint: "
                        "Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+",
                        UserPoolId=pool_id, Identifier="slash", Name="slash", Scopes=[{"ScopeName": "a/b", "ScopeDescription": "d"}])
    missing_pool = pool_id[:-1] + ("a" if pool_id[-1] != "a" else "b")
    expect_client_error(cognito.create_resource_server, "ResourceNotFoundException", f"User pool {missing_pool} does not exist.",
                        UserPoolId=missing_pool, Identifier="orders", Name="orders")


def test_app_clients_may_be_allowed_the_scopes_that_exist(cognito, make_pool):
    pool_id = make_pool()["Id"]
    expect_client_error(_client, "ScopeDoesNotExistException", "Invalid scope requested: orders/read",
                        cognito=cognito, pool_id=pool_id, scopes=["openid", "orders/read"])
    cognito.create_resource_server(UserPoolId=pool_id, Identifier="orders", Name="orders", Scopes=SCOPES)
    client = _client(cognito, pool_id, ["openid", "orders/read", "orders/write"])
    assert client["AllowedOAuthScopes"] == ["openid", "orders/read", "orders/write"]
    expect_client_error(_client, "ScopeDoesNotExistException", "Invalid scope requested: orders/delete",
                        cognito=cognito, pool_id=pool_id, scopes=["orders/delete"], client_id=client["ClientId"])
    # Dropping a scope leaves the clients as they are (DG: the scope is inactive until it exists again).
    cognito.update_resource_server(UserPoolId=pool_id, Identifier="orders", Name="orders", Scopes=SCOPES[:1])
    described = cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client["ClientId"])["UserPoolClient"]
    assert described["AllowedOAuthScopes"] == ["openid", "orders/read", "orders/write"]
    expect_client_error(_client, "ScopeDoesNotExistException", "Invalid scope requested: orders/write",
                        cognito=cognito, pool_id=pool_id, scopes=["orders/write"], client_id=client["ClientId"])

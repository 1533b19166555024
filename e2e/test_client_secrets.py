"""App client secret rotation with boto3: AddUserPoolClientSecret, ListUserPoolClientSecrets,
DeleteUserPoolClientSecret, and SECRET_HASH and ClientSecret made with either secret."""
import base64
import hashlib
import hmac
import re

from helpers import expect_client_error

PASSWORD = "P2$Sword"


def _secret_hash(secret, username, client_id):
    return base64.b64encode(hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()).decode()


def _sign_in(cognito, client_id, secret, username="ann"):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": username, "PASSWORD": PASSWORD, "SECRET_HASH": _secret_hash(secret, username, client_id)})["AuthenticationResult"]


def test_either_secret_authenticates_during_a_rotation(cognito, make_pool):
    pool_id = make_pool()["Id"]
    client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", GenerateSecret=True,
                                             ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    client_id, original = client["ClientId"], client["ClientSecret"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="ann", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="ann", Password=PASSWORD, Permanent=True)

    added = cognito.add_user_pool_client_secret(UserPoolId=pool_id, ClientId=client_id)["ClientSecretDescriptor"]
    assert re.fullmatch(re.escape(client_id) + r"--\d{13}", added["ClientSecretId"])
    rotated = added["ClientSecretValue"]
    assert re.fullmatch(r"[0-9a-v]{40,52}", rotated) and rotated != original, "a secret as CreateUserPoolClient makes them"
    listed = cognito.list_user_pool_client_secrets(UserPoolId=pool_id, ClientId=client_id)["ClientSecrets"]
    assert [s["ClientSecretId"] for s in listed] == [f"{client_id}--{int(client['CreationDate'].timestamp() * 1000)}", added["ClientSecretId"]]
    assert all("ClientSecretValue" not in s for s in listed)
    assert cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]["ClientSecret"] == original

    for secret in (original, rotated):
        tokens = _sign_in(cognito, client_id, secret)
        renewed = cognito.get_tokens_from_refresh_token(RefreshToken=tokens["RefreshToken"], ClientId=client_id, ClientSecret=secret)
        assert "AccessToken" in renewed["AuthenticationResult"]
    expect_client_error(cognito.add_user_pool_client_secret, "LimitExceededException", "Client secrets cannot exceed limit of 2 secrets.",
                        UserPoolId=pool_id, ClientId=client_id)

    # The original deleted: Describe shows no secret, and only the rotated one authenticates.
    cognito.delete_user_pool_client_secret(UserPoolId=pool_id, ClientId=client_id, ClientSecretId=listed[0]["ClientSecretId"])
    assert "ClientSecret" not in cognito.describe_user_pool_client(UserPoolId=pool_id, ClientId=client_id)["UserPoolClient"]
    expect_client_error(_sign_in, "NotAuthorizedException", f"Unable to verify secret hash for client {client_id}",
                        cognito=cognito, client_id=client_id, secret=original)
    expect_client_error(cognito.initiate_auth, "NotAuthorizedException",
                        f"Client {client_id} is configured with secret but SECRET_HASH was not received",
                        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ann", "PASSWORD": PASSWORD})
    assert "AccessToken" in _sign_in(cognito, client_id, rotated)
    expect_client_error(cognito.delete_user_pool_client_secret, "InvalidParameterException", "Cannot delete the only client secret.",
                        UserPoolId=pool_id, ClientId=client_id, ClientSecretId=added["ClientSecretId"])
    expect_client_error(cognito.delete_user_pool_client_secret, "ResourceNotFoundException", "Client secret does not exist",
                        UserPoolId=pool_id, ClientId=client_id, ClientSecretId=listed[0]["ClientSecretId"])

    # A secret given by the caller: its value does not come back.
    own = "Custom_Secret_Value_0123456789"
    given = cognito.add_user_pool_client_secret(UserPoolId=pool_id, ClientId=client_id, ClientSecret=own)["ClientSecretDescriptor"]
    assert "ClientSecretValue" not in given
    assert "AccessToken" in _sign_in(cognito, client_id, own)
    # An update of the client's settings keeps its secrets.
    cognito.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    assert len(cognito.list_user_pool_client_secrets(UserPoolId=pool_id, ClientId=client_id)["ClientSecrets"]) == 2
    assert "AccessToken" in _sign_in(cognito, client_id, rotated)


def test_a_public_client_gets_no_second_secret(cognito, make_pool):
    pool_id = make_pool()["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="spa")["UserPoolClient"]["ClientId"]
    expect_client_error(cognito.add_user_pool_client_secret, "InvalidParameterException",
                        f"Client {client_id} has no secret: only a client with one can add another.", UserPoolId=pool_id, ClientId=client_id)
    assert cognito.list_user_pool_client_secrets(UserPoolId=pool_id, ClientId=client_id)["ClientSecrets"] == []
    expect_client_error(cognito.list_user_pool_client_secrets, "ResourceNotFoundException", "User pool client nobody does not exist.",
                        UserPoolId=pool_id, ClientId="nobody")

"""Sign-in end to end: boto3 for the flows, pycognito and warrant-lite for SRP, PyJWT against the
JWKS endpoint for the tokens."""
import base64
import contextlib
import json
import time

import jwt
import pytest
import requests
from pycognito.aws_srp import AWSSRP
import warrant_lite
from warrant_lite import WarrantLite

from helpers import STORE, expect_client_error

PASSWORD = "P2$Sword"
INCORRECT = "Incorrect username or password."
ALL_FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]


def _app(cognito, pool_id, flows=ALL_FLOWS, **settings):
    if flows is not None:
        settings["ExplicitAuthFlows"] = flows
    return cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", **settings)["UserPoolClient"]


def _user(cognito, pool_id, name, password=PASSWORD, attributes=(), permanent=True):
    cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS", UserAttributes=list(attributes))
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=password, Permanent=permanent)


def _password_auth(cognito, client_id, name, password=PASSWORD):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                 AuthParameters={"USERNAME": name, "PASSWORD": password})


def _claims(token):
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def _tamper(token):
    header, payload, signature = token.split(".")
    claims = _claims(token)
    claims["username"] = "someone-else"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return ".".join([header, forged, signature])


@pytest.fixture
def pool(cognito, make_pool):
    pool = make_pool(Schema=[{"Name": "team", "AttributeDataType": "String"}])
    client = _app(cognito, pool["Id"])
    return pool["Id"], client["ClientId"]


def test_password_sign_in_issues_tokens_pyjwt_verifies(cognito, pool, live_server):
    pool_id, client_id = pool
    _user(cognito, pool_id, "ada", attributes=[{"Name": "email", "Value": "ada@example.com"},
                                               {"Name": "email_verified", "Value": "true"},
                                               {"Name": "custom:team", "Value": "blue"}])
    cognito.create_group(UserPoolId=pool_id, GroupName="admins")
    cognito.admin_add_user_to_group(UserPoolId=pool_id, Username="ada", GroupName="admins")
    signed_in = _password_auth(cognito, client_id, "ada")
    assert signed_in["ChallengeParameters"] == {}
    result = signed_in["AuthenticationResult"]
    assert (result["TokenType"], result["ExpiresIn"]) == ("Bearer", 3600)
    issuer = f"{live_server.endpoint}/{pool_id}"
    jwks = jwt.PyJWKClient(f"{issuer}/.well-known/jwks.json")
    id_key = jwks.get_signing_key_from_jwt(result["IdToken"]).key
    access_key = jwks.get_signing_key_from_jwt(result["AccessToken"]).key
    id_claims = jwt.decode(result["IdToken"], id_key, algorithms=["RS256"], audience=client_id, issuer=issuer)
    access = jwt.decode(result["AccessToken"], access_key, algorithms=["RS256"], issuer=issuer)
    sub = cognito.admin_get_user(UserPoolId=pool_id, Username="ada")["UserAttributes"][0]["Value"]
    assert id_claims["sub"] == access["sub"] == sub
    assert (id_claims["token_use"], id_claims["cognito:username"], id_claims["email"]) == ("id", "ada", "ada@example.com")
    assert id_claims["email_verified"] is True and id_claims["custom:team"] == "blue"
    assert id_claims["cognito:groups"] == access["cognito:groups"] == ["admins"]
    assert (access["token_use"], access["scope"], access["client_id"], access["username"]) == (
        "access", "aws.cognito.signin.user.admin", client_id, "ada")
    assert "email" not in access
    assert id_claims["origin_jti"] == access["origin_jti"] and id_claims["jti"] != access["jti"]
    assert access["exp"] - access["iat"] == 3600 and abs(access["auth_time"] - time.time()) < 60
    header_id, header_access = jwt.get_unverified_header(result["IdToken"]), jwt.get_unverified_header(result["AccessToken"])
    assert set(header_id) == {"kid", "alg"} and header_id["alg"] == "RS256"
    assert header_id["kid"] != header_access["kid"], "ID and access tokens are signed with different keys"
    with pytest.raises(jwt.InvalidAudienceError):
        jwt.decode(result["IdToken"], id_key, algorithms=["RS256"], audience="another-client", issuer=issuer)
    with pytest.raises(jwt.InvalidIssuerError):
        jwt.decode(result["IdToken"], id_key, algorithms=["RS256"], audience=client_id,
                   issuer=f"https://cognito-idp.us-east-1.amazonaws.com/{pool_id}")
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(_tamper(result["AccessToken"]), access_key, algorithms=["RS256"], issuer=issuer)
    discovery = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
    assert (discovery["issuer"], discovery["jwks_uri"]) == (issuer, f"{issuer}/.well-known/jwks.json")


def test_srp_with_pycognito_and_warrant_lite(cognito, pool, monkeypatch):
    pool_id, client_id = pool
    # warrant-lite switches to the en_US.UTF-8 locale for English day and month names; machines
    # without that locale have them in the C locale already.
    monkeypatch.setattr(warrant_lite, "temp_locale", lambda *_: contextlib.nullcontext())
    _user(cognito, pool_id, "grace")
    for client_class in (AWSSRP, WarrantLite):
        tokens = client_class(username="grace", password=PASSWORD, pool_id=pool_id, client_id=client_id,
                              client=cognito).authenticate_user()
        assert _claims(tokens["AuthenticationResult"]["AccessToken"])["username"] == "grace", client_class
        wrong = client_class(username="grace", password="Wr0ng$Pass", pool_id=pool_id, client_id=client_id, client=cognito)
        expect_client_error(wrong.authenticate_user, "NotAuthorizedException", INCORRECT)


def test_srp_for_a_user_that_signs_in_with_email(cognito, make_pool):
    pool_id = make_pool(UsernameAttributes=["email"])["Id"]
    client_id = _app(cognito, pool_id, flows=None)["ClientId"]
    _user(cognito, pool_id, "lin@example.com")
    tokens = AWSSRP(username="lin@example.com", password=PASSWORD, pool_id=pool_id, client_id=client_id,
                    client=cognito).authenticate_user()
    claims = _claims(tokens["AuthenticationResult"]["IdToken"])
    assert claims["cognito:username"] == claims["sub"] and claims["email"] == "lin@example.com"


def test_srp_with_a_client_secret(cognito, make_pool):
    pool_id = make_pool()["Id"]
    client = _app(cognito, pool_id, GenerateSecret=True)
    _user(cognito, pool_id, "mia")
    tokens = AWSSRP(username="mia", password=PASSWORD, pool_id=pool_id, client_id=client["ClientId"],
                    client_secret=client["ClientSecret"], client=cognito).authenticate_user()
    assert "RefreshToken" in tokens["AuthenticationResult"]
    unsigned = AWSSRP(username="mia", password=PASSWORD, pool_id=pool_id, client_id=client["ClientId"], client=cognito)
    expect_client_error(unsigned.authenticate_user, "NotAuthorizedException",
                        f"Client {client['ClientId']} is configured with secret but SECRET_HASH was not received")


def test_secret_block_is_single_use_and_tamper_proof(cognito, pool):
    pool_id, client_id = pool
    _user(cognito, pool_id, "nia")
    srp = AWSSRP(username="nia", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito)
    challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
    assert challenge["ChallengeName"] == "PASSWORD_VERIFIER" and "Session" not in challenge
    assert set(challenge["ChallengeParameters"]) == {"SALT", "SECRET_BLOCK", "SRP_B", "USERNAME", "USER_ID_FOR_SRP"}
    responses = srp.process_challenge(challenge["ChallengeParameters"], srp.get_auth_params())
    forged = dict(responses, PASSWORD_CLAIM_SECRET_BLOCK=base64.b64encode(b"x" * 120).decode())
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException", "Invalid session for the user.",
                        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=forged)
    cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses)
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException",
                        "Invalid session for the user, session can only be used once.",
                        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses)
    padded = dict(responses, TIMESTAMP=responses["TIMESTAMP"].replace(" 1 ", " 01 ") if " 1 " in responses["TIMESTAMP"] else "Mon Jan 01 00:00:00 UTC 2024")
    expect_client_error(cognito.respond_to_auth_challenge, "InvalidParameterException",
                        "TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.",
                        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=padded)


def test_new_password_required(cognito, pool):
    pool_id, client_id = pool
    cognito.admin_create_user(UserPoolId=pool_id, Username="ivy", TemporaryPassword="Temp0rary!", MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "ivy@example.com"}])
    challenge = _password_auth(cognito, client_id, "ivy", "Temp0rary!")
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED" and challenge["Session"]
    parameters = challenge["ChallengeParameters"]
    assert parameters["USER_ID_FOR_SRP"] == "ivy" and json.loads(parameters["requiredAttributes"]) == []
    assert json.loads(parameters["userAttributes"]) == {"email": "ivy@example.com"}
    answer = dict(ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=challenge["Session"])
    expect_client_error(cognito.respond_to_auth_challenge, "InvalidPasswordException",
                        "Password does not conform to policy: Password not long enough",
                        ChallengeResponses={"USERNAME": "ivy", "NEW_PASSWORD": "short"}, **answer)
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException",
                        "A client attempted to write unauthorized attribute",
                        ChallengeResponses={"USERNAME": "ivy", "NEW_PASSWORD": "N3w-Passw0rd", "userAttributes.email_verified": "true"},
                        **answer)
    done = cognito.respond_to_auth_challenge(ChallengeResponses={"USERNAME": "ivy", "NEW_PASSWORD": "N3w-Passw0rd",
                                                                 "userAttributes.name": "Ivy"}, **answer)
    assert _claims(done["AuthenticationResult"]["IdToken"])["name"] == "Ivy"
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="ivy")
    assert user["UserStatus"] == "CONFIRMED"
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException",
                        "Invalid session for the user, session can only be used once.",
                        ChallengeResponses={"USERNAME": "ivy", "NEW_PASSWORD": "An0ther-Passw0rd"}, **answer)
    assert "AuthenticationResult" in _password_auth(cognito, client_id, "ivy", "N3w-Passw0rd")


def test_new_password_with_pycognito_srp(cognito, pool):
    pool_id, client_id = pool
    cognito.admin_create_user(UserPoolId=pool_id, Username="joe", TemporaryPassword="Temp0rary!", MessageAction="SUPPRESS")
    srp = AWSSRP(username="joe", password="Temp0rary!", pool_id=pool_id, client_id=client_id, client=cognito)
    done = srp.set_new_password_challenge("N3w-Passw0rd")
    assert "AccessToken" in done["AuthenticationResult"]
    AWSSRP(username="joe", password="N3w-Passw0rd", pool_id=pool_id, client_id=client_id, client=cognito).authenticate_user()


def test_refresh_keeps_the_sign_in(cognito, pool):
    pool_id, client_id = pool
    _user(cognito, pool_id, "kai")
    first = _password_auth(cognito, client_id, "kai")["AuthenticationResult"]
    refreshed = cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})["AuthenticationResult"]
    assert "RefreshToken" not in refreshed
    before, after = _claims(first["AccessToken"]), _claims(refreshed["AccessToken"])
    assert after["origin_jti"] == before["origin_jti"] and after["jti"] != before["jti"]
    assert after["auth_time"] == before["auth_time"]
    other = _app(cognito, pool_id)["ClientId"]
    expect_client_error(cognito.initiate_auth, "NotAuthorizedException", "Invalid Refresh Token",
                        ClientId=other, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})
    expect_client_error(cognito.initiate_auth, "NotAuthorizedException", "Invalid Refresh Token",
                        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": first["RefreshToken"][:-4] + "AAAA"})


def test_get_user_global_sign_out_and_revoke(cognito, pool):
    pool_id, client_id = pool
    _user(cognito, pool_id, "lea", attributes=[{"Name": "email", "Value": "lea@example.com"}])
    first = _password_auth(cognito, client_id, "lea")["AuthenticationResult"]
    second = _password_auth(cognito, client_id, "lea")["AuthenticationResult"]
    me = cognito.get_user(AccessToken=first["AccessToken"])
    assert me["Username"] == "lea" and {"Name": "email", "Value": "lea@example.com"} in me["UserAttributes"]
    expect_client_error(cognito.get_user, "NotAuthorizedException", "Invalid Access Token", AccessToken=first["IdToken"])
    expect_client_error(cognito.get_user, "NotAuthorizedException", "Invalid Access Token", AccessToken=_tamper(first["AccessToken"]))
    cognito.revoke_token(ClientId=client_id, Token=first["RefreshToken"])
    expect_client_error(cognito.get_user, "NotAuthorizedException", "Access Token has been revoked", AccessToken=first["AccessToken"])
    expect_client_error(cognito.initiate_auth, "NotAuthorizedException", "Refresh Token has been revoked",
                        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": first["RefreshToken"]})
    assert cognito.get_user(AccessToken=second["AccessToken"])["Username"] == "lea", "another sign-in is not revoked"
    cognito.global_sign_out(AccessToken=second["AccessToken"])
    expect_client_error(cognito.get_user, "NotAuthorizedException", "Access Token has been revoked", AccessToken=second["AccessToken"])
    expect_client_error(cognito.initiate_auth, "NotAuthorizedException", "Refresh Token has been revoked",
                        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": second["RefreshToken"]})
    third = _password_auth(cognito, client_id, "lea")["AuthenticationResult"]
    assert cognito.get_user(AccessToken=third["AccessToken"])["Username"] == "lea", "a sign-in after the sign-out works"
    cognito.admin_user_global_sign_out(UserPoolId=pool_id, Username="lea")
    expect_client_error(cognito.get_user, "NotAuthorizedException", "Access Token has been revoked", AccessToken=third["AccessToken"])


def test_refusals(cognito, make_pool):
    pool_id = make_pool()["Id"]
    legacy = _app(cognito, pool_id)["ClientId"]
    hiding = _app(cognito, pool_id, PreventUserExistenceErrors="ENABLED")["ClientId"]
    srp_only = _app(cognito, pool_id, flows=None)["ClientId"]
    expect_client_error(_password_auth, "UserNotFoundException", "User does not exist.", cognito=cognito, client_id=legacy, name="nobody")
    expect_client_error(_password_auth, "NotAuthorizedException", INCORRECT, cognito=cognito, client_id=hiding, name="nobody")
    expect_client_error(_password_auth, "InvalidParameterException", "USER_PASSWORD_AUTH flow not enabled for this client",
                        cognito=cognito, client_id=srp_only, name="nobody")
    expect_client_error(cognito.initiate_auth, "InvalidParameterException", "Initiate Auth method not supported.",
                        ClientId=legacy, AuthFlow="ADMIN_USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "x", "PASSWORD": "y"})
    expect_client_error(cognito.admin_initiate_auth, "InvalidParameterException", "Auth flow not enabled for this client",
                        UserPoolId=pool_id, ClientId=srp_only, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": "x", "PASSWORD": "y"})
    expect_client_error(cognito.initiate_auth, "InvalidParameterException", "Missing required parameter PASSWORD",
                        ClientId=legacy, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "x"})
    _user(cognito, pool_id, "ned", attributes=[{"Name": "email", "Value": "ned@example.com"}, {"Name": "email_verified", "Value": "true"}])
    expect_client_error(_password_auth, "NotAuthorizedException", INCORRECT, cognito=cognito, client_id=legacy, name="ned",
                        password="Wr0ng$Pass")
    cognito.admin_disable_user(UserPoolId=pool_id, Username="ned")
    expect_client_error(_password_auth, "NotAuthorizedException", "User is disabled.", cognito=cognito, client_id=legacy, name="ned")
    cognito.admin_enable_user(UserPoolId=pool_id, Username="ned")
    cognito.admin_reset_user_password(UserPoolId=pool_id, Username="ned")
    expect_client_error(_password_auth, "PasswordResetRequiredException", "Password reset required for the user",
                        cognito=cognito, client_id=legacy, name="ned")
    cognito.sign_up(ClientId=legacy, Username="ola", Password=PASSWORD)
    expect_client_error(_password_auth, "UserNotConfirmedException", "User is not confirmed.", cognito=cognito, client_id=legacy, name="ola")
    expect_client_error(_password_auth, "NotAuthorizedException", INCORRECT, cognito=cognito, client_id=legacy, name="ola",
                        password="Wr0ng$Pass")


def test_admin_sign_in(cognito, make_pool):
    pool_id = make_pool()["Id"]
    legacy = _app(cognito, pool_id, flows=["ADMIN_NO_SRP_AUTH"])["ClientId"]
    _user(cognito, pool_id, "pia")
    for flow in ("ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH"):
        result = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=legacy, AuthFlow=flow,
                                             AuthParameters={"USERNAME": "pia", "PASSWORD": PASSWORD})["AuthenticationResult"]
        assert _claims(result["AccessToken"])["username"] == "pia"
    other_pool = make_pool()["Id"]
    expect_client_error(cognito.admin_initiate_auth, "ResourceNotFoundException", f"User pool client {legacy} does not exist.",
                        UserPoolId=other_pool, ClientId=legacy, AuthFlow="ADMIN_NO_SRP_AUTH",
                        AuthParameters={"USERNAME": "pia", "PASSWORD": PASSWORD})


@pytest.fixture
def timed(clock_server, make_client):
    cognito = make_client(endpoint=clock_server.endpoint)
    pool_id = cognito.create_user_pool(PoolName=f"timed-{time.time_ns()}")["UserPool"]["Id"]
    return cognito, pool_id, _app(cognito, pool_id)["ClientId"], clock_server


def test_lockout_after_wrong_passwords(timed):
    cognito, pool_id, client_id, server = timed
    _user(cognito, pool_id, "quin")
    for _ in range(5):
        expect_client_error(_password_auth, "NotAuthorizedException", INCORRECT, cognito=cognito, client_id=client_id, name="quin",
                            password="Wr0ng$Pass")
    expect_client_error(_password_auth, "NotAuthorizedException", "Password attempts exceeded",
                        cognito=cognito, client_id=client_id, name="quin")
    server.advance_clock(2)
    assert "AuthenticationResult" in _password_auth(cognito, client_id, "quin")


def test_expiries(timed):
    cognito, pool_id, client_id, server = timed
    _user(cognito, pool_id, "rex")
    tokens = _password_auth(cognito, client_id, "rex")["AuthenticationResult"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="sia", TemporaryPassword="Temp0rary!", MessageAction="SUPPRESS")
    challenge = _password_auth(cognito, client_id, "sia", "Temp0rary!")
    server.advance_clock(3601)
    expect_client_error(cognito.get_user, "NotAuthorizedException", "Access Token has expired", AccessToken=tokens["AccessToken"])
    refreshed = cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH",
                                      AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})["AuthenticationResult"]
    assert cognito.get_user(AccessToken=refreshed["AccessToken"])["Username"] == "rex", "the refresh token outlives the access token"
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException", "Invalid session for the user, session is expired.",
                        ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=challenge["Session"],
                        ChallengeResponses={"USERNAME": "sia", "NEW_PASSWORD": "N3w-Passw0rd"})
    server.advance_clock(7 * 86400)
    expect_client_error(_password_auth, "NotAuthorizedException", "Temporary password has expired and must be reset by an administrator.",
                        cognito=cognito, client_id=client_id, name="sia", password="Temp0rary!")
    server.advance_clock(30 * 86400)
    expect_client_error(cognito.initiate_auth, "NotAuthorizedException", "Refresh Token has expired",
                        ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})


def test_keys_survive_a_restart(cognito, pool, live_server):
    pool_id, client_id = pool
    _user(cognito, pool_id, "tom")
    before = requests.get(f"{live_server.endpoint}/{pool_id}/.well-known/jwks.json", timeout=10).json()
    assert [key["kty"] for key in before["keys"]] == ["RSA", "RSA"] and before["keys"][0]["kid"] != before["keys"][1]["kid"]
    access = _password_auth(cognito, client_id, "tom")["AuthenticationResult"]["AccessToken"]
    live_server.restart()
    assert requests.get(f"{live_server.endpoint}/{pool_id}/.well-known/jwks.json", timeout=10).json() == before
    assert cognito.get_user(AccessToken=access)["Username"] == "tom"
    missing = requests.get(f"{live_server.endpoint}/us-east-1_NoSuchPool/.well-known/jwks.json", timeout=10)
    assert missing.status_code == 400 and missing.json()["__type"] == "ResourceNotFoundException"


def test_refresh_token_rotation(timed):
    cognito, pool_id, _, server = timed
    client = _app(cognito, pool_id, RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 10})
    client_id = client["ClientId"]
    _user(cognito, pool_id, "uli")
    first = _password_auth(cognito, client_id, "uli")["AuthenticationResult"]
    rotated = cognito.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=first["RefreshToken"])["AuthenticationResult"]
    assert rotated["RefreshToken"] != first["RefreshToken"]
    assert _claims(rotated["AccessToken"])["origin_jti"] == _claims(first["AccessToken"])["origin_jti"]
    retried = cognito.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=first["RefreshToken"])["AuthenticationResult"]
    assert _claims(retried["AccessToken"])["origin_jti"] == _claims(first["AccessToken"])["origin_jti"], "a retry within the grace period"
    server.advance_clock(11)
    expect_client_error(cognito.get_tokens_from_refresh_token, "RefreshTokenReuseException",
                        "Refresh Token has been rotated and can no longer be used.", ClientId=client_id, RefreshToken=first["RefreshToken"])
    newest = cognito.get_tokens_from_refresh_token(ClientId=client_id, RefreshToken=rotated["RefreshToken"])["AuthenticationResult"]
    assert "RefreshToken" in newest
    plain = _app(cognito, pool_id)["ClientId"]
    tokens = _password_auth(cognito, plain, "uli")["AuthenticationResult"]
    refreshed = cognito.get_tokens_from_refresh_token(ClientId=plain, RefreshToken=tokens["RefreshToken"])["AuthenticationResult"]
    assert "RefreshToken" not in refreshed, "without rotation, no new refresh token"


def test_aliases_do_not_sign_in_a_user_with_a_temporary_password(cognito, make_pool):
    pool_id = make_pool(AliasAttributes=["email"])["Id"]
    client_id = _app(cognito, pool_id)["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="vera", TemporaryPassword="Temp0rary!", MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": "vera@example.com"}, {"Name": "email_verified", "Value": "true"}])
    expect_client_error(_password_auth, "UserNotFoundException", "User does not exist.", cognito=cognito, client_id=client_id,
                        name="vera@example.com", password="Temp0rary!")
    challenge = _password_auth(cognito, client_id, "vera", "Temp0rary!")
    cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="NEW_PASSWORD_REQUIRED", Session=challenge["Session"],
                                      ChallengeResponses={"USERNAME": "vera", "NEW_PASSWORD": PASSWORD})
    assert "AuthenticationResult" in _password_auth(cognito, client_id, "vera@example.com")


def test_signing_certificate(cognito, pool, live_server):
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import padding
    pool_id, _ = pool
    text = cognito.get_signing_certificate(UserPoolId=pool_id)["Certificate"]
    assert cognito.get_signing_certificate(UserPoolId=pool_id)["Certificate"] == text, "the same certificate every time"
    certificate = x509.load_der_x509_certificate(base64.b64decode(text))
    certificate.public_key().verify(certificate.signature, certificate.tbs_certificate_bytes, padding.PKCS1v15(),
                                    certificate.signature_hash_algorithm)
    assert (certificate.not_valid_after_utc - certificate.not_valid_before_utc).days >= 3652
    id_key = requests.get(f"{live_server.endpoint}/{pool_id}/.well-known/jwks.json", timeout=10).json()["keys"][0]
    modulus = int.from_bytes(base64.urlsafe_b64decode(id_key["n"] + "=="), "big")
    assert certificate.public_key().public_numbers().n == modulus, "the key that signs the pool's ID tokens"
    expect_client_error(cognito.get_signing_certificate, "ResourceNotFoundException", "User pool us-east-1_NoSuchPool does not exist.",
                        UserPoolId="us-east-1_NoSuchPool")


@pytest.mark.skipif(STORE != "postgres", reason="processes share a database on PostgreSQL")
def test_a_second_process_continues_the_sign_in_with_the_same_keys(cognito, pool, live_server, server_factory, boto_session):
    from botocore.config import Config
    pool_id, client_id = pool
    _user(cognito, pool_id, "wen")
    # Processes behind one address share its issuer URL; the default would be each one's own.
    other = server_factory(options={"issuer-url": live_server.endpoint}).start()
    second = boto_session.client("cognito-idp", region_name="us-east-1", endpoint_url=other.endpoint,
                                 config=Config(retries={"max_attempts": 1}))
    srp = AWSSRP(username="wen", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito)
    challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
    responses = srp.process_challenge(challenge["ChallengeParameters"], srp.get_auth_params())
    tokens = second.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
                                              ChallengeResponses=responses)["AuthenticationResult"]
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException",
                        "Invalid session for the user, session can only be used once.",
                        ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses)
    first_keys = requests.get(f"{live_server.endpoint}/{pool_id}/.well-known/jwks.json", timeout=10).json()
    assert requests.get(f"{other.endpoint}/{pool_id}/.well-known/jwks.json", timeout=10).json() == first_keys
    assert cognito.get_user(AccessToken=tokens["AccessToken"])["Username"] == "wen"
    other.stop()


def test_token_lifetimes_follow_the_client(cognito, make_pool):
    pool_id = make_pool()["Id"]
    client_id = _app(cognito, pool_id, AccessTokenValidity=5, IdTokenValidity=2, RefreshTokenValidity=1,
                     TokenValidityUnits={"AccessToken": "minutes", "IdToken": "hours", "RefreshToken": "days"})["ClientId"]
    _user(cognito, pool_id, "xander")
    result = _password_auth(cognito, client_id, "xander")["AuthenticationResult"]
    access, identity = _claims(result["AccessToken"]), _claims(result["IdToken"])
    assert result["ExpiresIn"] == 300 and access["exp"] - access["iat"] == 300
    assert identity["exp"] - identity["iat"] == 7200


def test_sign_in_with_the_aws_cli(aws, cognito, pool):
    pool_id, client_id = pool
    _user(cognito, pool_id, "yara")
    signed_in = aws("cognito-idp", "initiate-auth", "--client-id", client_id, "--auth-flow", "USER_PASSWORD_AUTH",
                    "--auth-parameters", f"USERNAME=yara,PASSWORD={PASSWORD}")
    assert signed_in.code == 0, signed_in.stderr
    access = signed_in.json["AuthenticationResult"]["AccessToken"]
    me = aws("cognito-idp", "get-user", "--access-token", access)
    assert (me.code, me.json["Username"]) == (0, "yara"), me.stderr
    admin = aws("cognito-idp", "admin-initiate-auth", "--user-pool-id", pool_id, "--client-id", client_id,
                "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", "USERNAME=yara,PASSWORD=Wr0ng$Pass")
    assert admin.code == 255
    assert "An error occurred (NotAuthorizedException) when calling the AdminInitiateAuth operation: " \
           "Incorrect username or password." in admin.stderr

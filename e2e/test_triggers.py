"""Lambda triggers through the real Invoke API: each pool's functions run in e2e/lambda_invoke.py,
which checks every invocation's SigV4 signature as AWS Lambda does."""
import base64
import json
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import jwt
import pytest
import requests
from botocore.config import Config
from botocore.exceptions import ClientError
from pycognito import aws_srp
from pycognito.aws_srp import AWSSRP

from conftest import trigger_server_env
from helpers import REGION, expect_client_error, question_challenge_functions, send_pycognito_device_calls_to
from lambda_invoke import Raw

PASSWORD = "P2$Sword"


@pytest.fixture
def idp(boto_session, trigger_server):
    """boto3 cognito-idp client of the trigger server."""
    trigger_server.ensure_running()
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=60)
    return boto_session.client("cognito-idp", region_name=REGION, config=config, endpoint_url=trigger_server.endpoint)


def function(lambda_invoke, handler):
    """Registers `handler` under a unique name; returns its ARN."""
    return lambda_invoke.register(f"fn-{uuid.uuid4().hex[:12]}", handler)


def pool_with(idp, **lambda_config):
    pool = idp.create_user_pool(PoolName=f"e2e-triggers-{uuid.uuid4().hex[:8]}", AutoVerifiedAttributes=["email"],
                                LambdaConfig=lambda_config)["UserPool"]
    client = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app",
                                         ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    return pool["Id"], client["UserPoolClient"]["ClientId"]


def returning(event, **response):
    event["response"].update(response)
    return event


def test_pre_sign_up_gets_cognitos_event_and_may_leave_the_user_unconfirmed(idp, lambda_invoke, trigger_server):
    arn = function(lambda_invoke, lambda event, context: event)
    pool_id, app = pool_with(idp, PreSignUp=arn)
    signed_up = idp.sign_up(ClientId=app, Username="ada", Password=PASSWORD,
                            UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
                            ValidationData=[{"Name": "invite", "Value": "1234"}], ClientMetadata={"source": "e2e"})
    assert signed_up["UserConfirmed"] is False
    [invocation] = lambda_invoke.invocations(arn)
    assert invocation.invocation_type == "RequestResponse"
    assert invocation.event == {
        "version": "1", "triggerSource": "PreSignUp_SignUp", "region": REGION, "userPoolId": pool_id, "userName": "ada",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": app},
        "request": {"userAttributes": {"email": "ada@example.com"}, "validationData": {"invite": "1234"},
                    "clientMetadata": {"source": "e2e"}},
        "response": {"autoConfirmUser": False, "autoVerifyPhone": False, "autoVerifyEmail": False},
    }
    assert idp.admin_get_user(UserPoolId=pool_id, Username="ada")["UserStatus"] == "UNCONFIRMED"
    assert trigger_server.outbox(recipient="ada@example.com"), "the confirmation code was sent"


def test_pre_sign_up_confirms_and_verifies_and_the_user_signs_in_at_once(idp, lambda_invoke, trigger_server):
    arn = function(lambda_invoke, lambda event, context: returning(event, autoConfirmUser=True, autoVerifyEmail=True))
    pool_id, app = pool_with(idp, PreSignUp=arn)
    signed_up = idp.sign_up(ClientId=app, Username="bo", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": "bo@example.com"}])
    assert signed_up["UserConfirmed"] is True
    assert "CodeDeliveryDetails" not in signed_up
    user = idp.admin_get_user(UserPoolId=pool_id, Username="bo")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    assert trigger_server.outbox(recipient="bo@example.com") == []
    tokens = idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "bo", "PASSWORD": PASSWORD})
    assert "IdToken" in tokens["AuthenticationResult"]


def test_a_failing_pre_sign_up_refuses_the_user_and_stores_nothing(idp, lambda_invoke):
    def refuse(event, context):
        raise ValueError("Registration from this domain is not allowed")
    pool_id, app = pool_with(idp, PreSignUp=function(lambda_invoke, refuse))
    expect_client_error(idp.sign_up, "UserLambdaValidationException",
                        "PreSignUp failed with error Registration from this domain is not allowed.",
                        ClientId=app, Username="cy", Password=PASSWORD)
    expect_client_error(idp.admin_create_user, "UserLambdaValidationException",
                        "PreSignUp failed with error Registration from this domain is not allowed.",
                        UserPoolId=pool_id, Username="cy")
    assert idp.list_users(UserPoolId=pool_id)["Users"] == []


@pytest.mark.parametrize("answer, error, message", [
    (lambda event: returning(event, autoVerifyEmail=True), "InvalidLambdaResponseException",
     "Phone or email cannot be auto verified, when user is not being auto confirmed."),
    (lambda event: returning(event, autoConfirmUser=True, autoVerifyPhone=True), "InvalidLambdaResponseException",
     "Phone cannot be auto verified, when the user has no phone number."),
    (lambda event: returning(event, autoConfirmUser="yes"), "InvalidLambdaResponseException", "Unrecognizable lambda output"),
    (lambda event: Raw(b"not json"), "InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"),
    (lambda event: None, "InvalidLambdaResponseException", "Invalid lambda function output : Invalid JSON"),
])
def test_answers_cognito_refuses_store_nothing(idp, lambda_invoke, answer, error, message):
    pool_id, app = pool_with(idp, PreSignUp=function(lambda_invoke, lambda event, context: answer(event)))
    expect_client_error(idp.sign_up, error, message, ClientId=app, Username="dee", Password=PASSWORD,
                        UserAttributes=[{"Name": "email", "Value": "dee@example.com"}])
    assert idp.list_users(UserPoolId=pool_id)["Users"] == []


def test_admin_create_user_gets_its_own_source_and_its_answer_is_ignored(idp, lambda_invoke):
    arn = function(lambda_invoke, lambda event, context: returning(event, autoConfirmUser=True, autoVerifyEmail=True))
    pool_id, _ = pool_with(idp, PreSignUp=arn)
    idp.admin_create_user(UserPoolId=pool_id, Username="eve", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": "eve@example.com"}], ClientMetadata={"by": "admin"})
    [invocation] = lambda_invoke.invocations(arn)
    assert invocation.event["triggerSource"] == "PreSignUp_AdminCreateUser"
    assert invocation.event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert invocation.event["request"] == {"userAttributes": {"email": "eve@example.com"}, "validationData": None,
                                           "clientMetadata": {"by": "admin"}}
    user = idp.admin_get_user(UserPoolId=pool_id, Username="eve")
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert {"Name": "email_verified", "Value": "true"} not in user["UserAttributes"]


def test_an_unknown_function_fails_the_call_and_an_update_without_triggers_stops_them(idp, lambda_invoke):
    missing = f"arn:aws:lambda:{REGION}:123456789012:function:missing-{uuid.uuid4().hex[:8]}"
    pool_id, app = pool_with(idp, PreSignUp=missing)
    expect_client_error(idp.sign_up, "UnexpectedLambdaException", "PreSignUp invocation failed due to error ResourceNotFoundException.",
                        ClientId=app, Username="fay", Password=PASSWORD)
    idp.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"])
    assert idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"] == {}
    assert idp.sign_up(ClientId=app, Username="fay", Password=PASSWORD)["UserConfirmed"] is False


def test_a_slow_function_is_tried_again_and_one_that_never_answers_times_out(idp, lambda_invoke):
    calls = []

    def slow_once(event, context):
        calls.append(time.monotonic())
        if len(calls) == 1:
            time.sleep(6)
        return event
    pool_id, app = pool_with(idp, PreSignUp=function(lambda_invoke, slow_once))
    assert idp.sign_up(ClientId=app, Username="gil", Password=PASSWORD)["UserConfirmed"] is False
    assert len(calls) == 2 and 4.5 < calls[1] - calls[0] < 8

    never = function(lambda_invoke, lambda event, context: time.sleep(7) or event)
    idp.update_user_pool(UserPoolId=pool_id, LambdaConfig={"PreSignUp": never})
    expect_client_error(idp.sign_up, "UnexpectedLambdaException",
                        "PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.",
                        ClientId=app, Username="hal", Password=PASSWORD)
    assert len(lambda_invoke.invocations(never)) == 3
    assert [u["Username"] for u in idp.list_users(UserPoolId=pool_id)["Users"]] == ["gil"]


def _server_signing_with(server_factory, lambda_invoke, boto_session, env):
    server = server_factory(options={"lambda-endpoint-url": lambda_invoke.endpoint}, env=env).start()
    client = boto_session.client("cognito-idp", region_name=REGION, endpoint_url=server.endpoint,
                                 config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    return server, client


def test_credentials_come_from_the_shared_files_and_a_container_endpoint(server_factory, lambda_invoke, boto_session, tmp_path):
    arn = function(lambda_invoke, lambda event, context: event)
    credentials = tmp_path / "credentials"
    credentials.write_text(f"[triggers]\naws_access_key_id = AKIDLAMBDA\naws_secret_access_key = {lambda_invoke.keys['AKIDLAMBDA']}\n")
    token = tmp_path / "token"
    token.write_text(lambda_invoke.container_token + "\n")
    for env, access_key, session_token in [
        ({"AWS_SHARED_CREDENTIALS_FILE": str(credentials), "AWS_PROFILE": "triggers", "HOME": str(tmp_path)}, "AKIDLAMBDA", None),
        ({"AWS_CONTAINER_CREDENTIALS_FULL_URI": lambda_invoke.endpoint + "/credentials",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": str(token), "HOME": str(tmp_path)}, "ASIACONTAINER", "container-session-token"),
    ]:
        server, client = _server_signing_with(server_factory, lambda_invoke, boto_session, env)
        pool = client.create_user_pool(PoolName="e2e-credentials", LambdaConfig={"PreSignUp": arn})["UserPool"]
        app = client.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app")["UserPoolClient"]["ClientId"]
        client.sign_up(ClientId=app, Username="ivy", Password=PASSWORD)
        last = lambda_invoke.invocations(arn)[-1]
        assert (last.access_key, last.session_token) == (access_key, session_token)
        server.stop()


def test_a_wrong_secret_is_refused_by_lambda_and_the_call_fails(server_factory, lambda_invoke, boto_session):
    arn = function(lambda_invoke, lambda event, context: event)
    server, client = _server_signing_with(server_factory, lambda_invoke, boto_session,
                                          trigger_server_env(lambda_invoke, AWS_SECRET_ACCESS_KEY="not-the-secret"))
    pool = client.create_user_pool(PoolName="e2e-wrong-secret", LambdaConfig={"PreSignUp": arn})["UserPool"]
    app = client.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app")["UserPoolClient"]["ClientId"]
    expect_client_error(client.sign_up, "UnexpectedLambdaException", "PreSignUp invocation failed due to error InvalidSignatureException.",
                        ClientId=app, Username="jo", Password=PASSWORD)
    assert lambda_invoke.invocations(arn) == []
    server.stop()


def test_functions_of_other_regions_are_signed_for_their_region(idp, lambda_invoke):
    arn = lambda_invoke.register(f"fn-{uuid.uuid4().hex[:12]}", lambda event, context: event, region="eu-west-1")
    pool_id, app = pool_with(idp, PreSignUp=arn)
    idp.sign_up(ClientId=app, Username="kit", Password=PASSWORD)
    assert [i.event["region"] for i in lambda_invoke.invocations(arn)] == [REGION]


def failing_on_demand(lambda_invoke, message):
    """A function that answers its event until `state["failing"]` is set, then raises `message`."""
    state = {"failing": False}

    def handler(event, context):
        if state["failing"]:
            raise RuntimeError(message)
        return event
    return function(lambda_invoke, handler), state


def test_post_confirmation_runs_after_each_confirmation_and_its_failure_keeps_the_user_confirmed(idp, lambda_invoke, trigger_server):
    arn, state = failing_on_demand(lambda_invoke, "welcome mail failed")
    pool_id, app = pool_with(idp, PostConfirmation=arn)
    idp.sign_up(ClientId=app, Username="lee", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": "lee@example.com"}])
    assert lambda_invoke.invocations(arn) == []
    idp.confirm_sign_up(ClientId=app, Username="lee", ConfirmationCode=trigger_server.code_sent_to("lee@example.com"),
                        ClientMetadata={"step": "confirm"})
    [confirmed] = lambda_invoke.invocations(arn)
    sub = idp.admin_get_user(UserPoolId=pool_id, Username="lee")["UserAttributes"][0]["Value"]
    assert confirmed.event == {
        "version": "1", "triggerSource": "PostConfirmation_ConfirmSignUp", "region": REGION, "userPoolId": pool_id, "userName": "lee",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": app},
        "request": {"userAttributes": {"sub": sub, "email": "lee@example.com", "email_verified": "true", "cognito:user_status": "CONFIRMED"},
                    "clientMetadata": {"step": "confirm"}},
        "response": {},
    }

    idp.forgot_password(ClientId=app, Username="lee")
    idp.confirm_forgot_password(ClientId=app, Username="lee", Password="N3w$Password",
                                ConfirmationCode=trigger_server.code_sent_to("lee@example.com"))
    assert lambda_invoke.invocations(arn)[-1].event["triggerSource"] == "PostConfirmation_ConfirmForgotPassword"

    state["failing"] = True
    idp.sign_up(ClientId=app, Username="max", Password=PASSWORD)
    expect_client_error(idp.admin_confirm_sign_up, "UserLambdaValidationException", "PostConfirmation failed with error welcome mail failed.",
                        UserPoolId=pool_id, Username="max")
    assert lambda_invoke.invocations(arn)[-1].event["callerContext"]["clientId"] == "CLIENT_ID_NOT_APPLICABLE"
    assert idp.admin_get_user(UserPoolId=pool_id, Username="max")["UserStatus"] == "CONFIRMED"


def test_a_sign_up_confirmed_by_pre_sign_up_runs_post_confirmation(idp, lambda_invoke):
    post = function(lambda_invoke, lambda event, context: event)
    pool_id, app = pool_with(idp, PreSignUp=function(lambda_invoke, lambda event, context: returning(event, autoConfirmUser=True)),
                             PostConfirmation=post)
    idp.sign_up(ClientId=app, Username="ned", Password=PASSWORD, ClientMetadata={"from": "sign-up"})
    [invocation] = lambda_invoke.invocations(post)
    assert invocation.event["triggerSource"] == "PostConfirmation_ConfirmSignUp"
    assert invocation.event["request"]["clientMetadata"] == {"from": "sign-up"}


def test_pre_authentication_sees_each_sign_in_first_and_may_refuse_it(idp, lambda_invoke):
    refused = {"names": set()}

    def pre_authentication(event, context):
        if event["userName"] in refused["names"]:
            raise PermissionError("Sign-in is closed")
        return event
    arn = function(lambda_invoke, pre_authentication)
    pool_id, app = pool_with(idp, PreAuthentication=arn)
    idp.admin_create_user(UserPoolId=pool_id, Username="ola", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ola", Password=PASSWORD, Permanent=True)
    idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ola", "PASSWORD": PASSWORD},
                      ClientMetadata={"device": "kiosk"})
    [first] = lambda_invoke.invocations(arn)
    sub = idp.admin_get_user(UserPoolId=pool_id, Username="ola")["UserAttributes"][0]["Value"]
    assert first.event["triggerSource"] == "PreAuthentication_Authentication"
    assert first.event["request"] == {"userAttributes": {"sub": sub, "cognito:user_status": "CONFIRMED"},
                                      "validationData": {"device": "kiosk"}}
    assert first.event["response"] == {}

    refused["names"].add("ola")
    for flow, parameters in [("USER_PASSWORD_AUTH", {"PASSWORD": PASSWORD}), ("USER_SRP_AUTH", {"SRP_A": "abc123"})]:
        expect_client_error(idp.initiate_auth, "UserLambdaValidationException", "PreAuthentication failed with error Sign-in is closed.",
                            ClientId=app, AuthFlow=flow, AuthParameters={"USERNAME": "ola", **parameters})
    expect_client_error(idp.initiate_auth, "UserNotFoundException", "User does not exist.",
                        ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "nobody", "PASSWORD": PASSWORD})
    assert [i.event["userName"] for i in lambda_invoke.invocations(arn)] == ["ola", "ola", "ola"]

    hiding = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="hiding", PreventUserExistenceErrors="ENABLED",
                                         ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    expect_client_error(idp.initiate_auth, "NotAuthorizedException", "Incorrect username or password.",
                        ClientId=hiding["UserPoolClient"]["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": "nobody", "PASSWORD": PASSWORD})
    unknown = lambda_invoke.invocations(arn)[-1].event
    assert (unknown["userName"], unknown["request"]) == ("nobody", {"userAttributes": {}, "validationData": None, "userNotFound": True})


def test_post_authentication_runs_before_tokens_and_its_failure_withholds_them(idp, lambda_invoke):
    arn, state = failing_on_demand(lambda_invoke, "audit log down")
    pool_id, app = pool_with(idp, PostAuthentication=arn)
    idp.admin_create_user(UserPoolId=pool_id, Username="pat", TemporaryPassword="Temp-Passw0rd", MessageAction="SUPPRESS")
    challenge = idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "pat", "PASSWORD": "Temp-Passw0rd"}, ClientMetadata={"not": "passed"})
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED" and lambda_invoke.invocations(arn) == []
    answered = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="NEW_PASSWORD_REQUIRED", Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "pat", "NEW_PASSWORD": PASSWORD},
                                             ClientMetadata={"step": "new-password"})
    assert "AccessToken" in answered["AuthenticationResult"]
    [invocation] = lambda_invoke.invocations(arn)
    assert invocation.event["triggerSource"] == "PostAuthentication_Authentication"
    assert invocation.event["request"]["newDeviceUsed"] is False
    assert invocation.event["request"]["clientMetadata"] == {"step": "new-password"}
    assert invocation.event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"

    idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "pat", "PASSWORD": PASSWORD},
                      ClientMetadata={"not": "passed"})
    assert lambda_invoke.invocations(arn)[-1].event["request"]["clientMetadata"] is None
    state["failing"] = True
    expect_client_error(idp.initiate_auth, "UserLambdaValidationException", "PostAuthentication failed with error audit log down.",
                        ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "pat", "PASSWORD": PASSWORD})


def claims(token):
    return jwt.decode(token, options={"verify_signature": False})


def signed_in_user(idp, pool_id, app, name="quin", groups=()):
    idp.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)
    for group, role, precedence in groups:
        idp.create_group(UserPoolId=pool_id, GroupName=group, RoleArn=role, Precedence=precedence)
        idp.admin_add_user_to_group(UserPoolId=pool_id, Username=name, GroupName=group)
    return idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD},
                             ClientMetadata={"not": "passed"})["AuthenticationResult"]


def test_pre_token_generation_v1_changes_the_id_token_and_both_tokens_groups(idp, lambda_invoke):
    def customize(event, context):
        event["response"]["claimsOverrideDetails"] = {
            "claimsToAddOrOverride": {"tenant": "acme", "email": "hidden@example.com", "sub": "forged", "token_use": "access",
                                      "cognito:username": "forged"},
            "claimsToSuppress": ["email_verified", "iss"],
            "groupOverrideDetails": {"groupsToOverride": ["admins"], "iamRolesToOverride": ["arn:aws:iam::123456789012:role/admin"],
                                     "preferredRole": "arn:aws:iam::123456789012:role/admin"},
        }
        return event
    arn = function(lambda_invoke, customize)
    pool_id, app = pool_with(idp, PreTokenGeneration=arn)
    role_a, role_b = "arn:aws:iam::123456789012:role/a", "arn:aws:iam::123456789012:role/b"
    tokens = signed_in_user(idp, pool_id, app, groups=[("readers", role_a, 5), ("writers", role_b, 1)])
    [invocation] = lambda_invoke.invocations(arn)
    sub = idp.admin_get_user(UserPoolId=pool_id, Username="quin")["UserAttributes"][0]["Value"]
    assert {k: invocation.event[k] for k in ("version", "triggerSource", "userName", "response")} == {
        "version": "1", "triggerSource": "TokenGeneration_Authentication", "userName": "quin", "response": {"claimsOverrideDetails": None}}
    assert invocation.event["request"] == {
        "userAttributes": {"sub": sub, "email": "quin@example.com", "cognito:user_status": "CONFIRMED"},
        "groupConfiguration": {"groupsToOverride": ["readers", "writers"], "iamRolesToOverride": [role_a, role_b], "preferredRole": role_b},
    }
    id_claims, access_claims = claims(tokens["IdToken"]), claims(tokens["AccessToken"])
    assert (id_claims["tenant"], id_claims["email"], id_claims["sub"], id_claims["token_use"], id_claims["cognito:username"]) == (
        "acme", "hidden@example.com", sub, "id", "quin")
    assert "email_verified" not in id_claims and id_claims["iss"].endswith(pool_id)
    assert (id_claims["cognito:groups"], id_claims["cognito:roles"], id_claims["cognito:preferred_role"]) == (
        ["admins"], ["arn:aws:iam::123456789012:role/admin"], "arn:aws:iam::123456789012:role/admin")
    assert access_claims["cognito:groups"] == ["admins"] and "tenant" not in access_claims and "cognito:roles" not in access_claims

    refreshed = idp.initiate_auth(ClientId=app, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    assert claims(refreshed["AuthenticationResult"]["IdToken"])["tenant"] == "acme"
    assert lambda_invoke.invocations(arn)[-1].event["triggerSource"] == "TokenGeneration_RefreshTokens"


def test_pre_token_generation_v2_changes_the_access_token_and_its_scopes(idp, lambda_invoke):
    def customize(event, context):
        event["response"]["claimsAndScopeOverrideDetails"] = {
            "idTokenGeneration": {"claimsToAddOrOverride": {"plan": {"tier": "gold", "seats": 3}}},
            "accessTokenGeneration": {"claimsToAddOrOverride": {"roles": ["reader", "writer"], "client_id": "forged",
                                                                "aud": event["callerContext"]["clientId"]},
                                      "scopesToAdd": ["orders/read"], "scopesToSuppress": ["aws.cognito.signin.user.admin"],
                                      "claimsToSuppress": ["username"]},
        }
        return event
    arn = function(lambda_invoke, customize)
    pool_id, app = pool_with(idp, PreTokenGenerationConfig={"LambdaVersion": "V2_0", "LambdaArn": arn})
    tokens = signed_in_user(idp, pool_id, app, name="ray")
    event = lambda_invoke.invocations(arn)[0].event
    assert (event["version"], event["request"]["scopes"], event["response"]) == (
        "2", ["aws.cognito.signin.user.admin"], {"claimsAndScopeOverrideDetails": None})
    access_claims = claims(tokens["AccessToken"])
    assert access_claims["roles"] == ["reader", "writer"] and access_claims["client_id"] == app and access_claims["aud"] == app
    assert access_claims["scope"] == "orders/read"
    assert access_claims["username"] == "ray", "username cannot be suppressed"
    assert claims(tokens["IdToken"])["plan"] == {"tier": "gold", "seats": 3}


def test_a_failing_pre_token_generation_withholds_the_tokens(idp, lambda_invoke):
    def fail(event, context):
        raise RuntimeError("claims service down")
    pool_id, app = pool_with(idp, PreTokenGeneration=function(lambda_invoke, fail))
    with pytest.raises(ClientError) as info:
        signed_in_user(idp, pool_id, app, name="sam")
    assert info.value.response["Error"] == {"Code": "UserLambdaValidationException",
                                            "Message": "PreTokenGeneration failed with error claims service down."}


def test_user_migration_brings_a_user_in_with_the_password_it_signed_in_with(idp, lambda_invoke):
    def migrate(event, context):
        known = {"uma": ("Old-Passw0rd", "CONFIRMED"), "vic": ("Old-Passw0rd", "RESET_REQUIRED")}
        if event["userName"] not in known:
            return event  # no userAttributes: not known here either
        password, status = known[event["userName"]]
        if event["request"]["password"] != password:
            raise ValueError("Bad password")
        event["response"].update(userAttributes={"email": f"{event['userName']}@example.com", "email_verified": "true"},
                                 finalUserStatus=status, messageAction="SUPPRESS")
        return event
    arn = function(lambda_invoke, migrate)
    pool_id, app = pool_with(idp, UserMigration=arn)

    def sign_in(name, password, **extra):
        return idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": name, "PASSWORD": password}, **extra)
    expect_client_error(sign_in, "UserLambdaValidationException", "UserMigration failed with error Bad password.",
                        name="uma", password="Wrong-Passw0rd")
    assert idp.list_users(UserPoolId=pool_id)["Users"] == []
    tokens = sign_in("uma", "Old-Passw0rd", ClientMetadata={"from": "app"})["AuthenticationResult"]
    assert claims(tokens["IdToken"])["email"] == "uma@example.com"
    event = lambda_invoke.invocations(arn)[-1].event
    assert (event["triggerSource"], event["userName"], event["request"]) == (
        "UserMigration_Authentication", "uma", {"password": "Old-Passw0rd", "validationData": {"from": "app"}, "clientMetadata": None})
    assert event["response"] == {"userAttributes": None, "forceAliasCreation": None, "enableSMSMFA": None, "finalUserStatus": None,
                                 "messageAction": None, "desiredDeliveryMediums": None}
    user = idp.admin_get_user(UserPoolId=pool_id, Username="uma")
    assert user["UserStatus"] == "CONFIRMED" and {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    invoked = len(lambda_invoke.invocations(arn))
    sign_in("uma", "Old-Passw0rd")
    assert len(lambda_invoke.invocations(arn)) == invoked, "a migrated user signs in without the function"

    expect_client_error(sign_in, "UserNotFoundException", "User does not exist.", name="wes", password="Old-Passw0rd")
    expect_client_error(sign_in, "PasswordResetRequiredException", "Password reset required for the user",
                        name="vic", password="Old-Passw0rd")
    assert idp.admin_get_user(UserPoolId=pool_id, Username="vic")["UserStatus"] == "RESET_REQUIRED"


def test_user_migration_brings_a_user_in_for_a_password_reset(idp, lambda_invoke, trigger_server):
    def migrate(event, context):
        if event["userName"] == "xia":
            event["response"]["userAttributes"] = {"email": "xia@example.com", "email_verified": "true"}
        return event
    arn = function(lambda_invoke, migrate)
    pool_id, app = pool_with(idp, UserMigration=arn)
    sent = idp.forgot_password(ClientId=app, Username="xia", ClientMetadata={"from": "reset"})
    assert sent["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    event = lambda_invoke.invocations(arn)[-1].event
    assert (event["triggerSource"], event["request"]) == (
        "UserMigration_ForgotPassword", {"validationData": None, "clientMetadata": {"from": "reset"}})
    assert idp.admin_get_user(UserPoolId=pool_id, Username="xia")["UserStatus"] == "RESET_REQUIRED"
    idp.confirm_forgot_password(ClientId=app, Username="xia", Password=PASSWORD,
                                ConfirmationCode=trigger_server.code_sent_to("xia@example.com"))
    tokens = idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "xia", "PASSWORD": PASSWORD})
    assert "IdToken" in tokens["AuthenticationResult"]
    expect_client_error(idp.forgot_password, "UserNotFoundException", "Username/client id combination not found.",
                        ClientId=app, Username="yan")


def test_custom_message_writes_the_codes_message_and_a_refused_one_stores_nothing(idp, lambda_invoke, trigger_server):
    def custom_message(event, context):
        source = event["triggerSource"]
        if source == "CustomMessage_SignUp" and event["userName"] == "zed":
            event["response"]["emailMessage"] = "No code here"
        elif source == "CustomMessage_SignUp":
            event["response"].update(emailSubject="Welcome aboard", emailMessage=f"Hello {event['userName']}, your code is {{####}}.")
        elif source == "CustomMessage_AdminCreateUser":
            event["response"].update(emailMessage="Sign in as {username} with {####}")
        elif source == "CustomMessage_ForgotPassword":
            raise RuntimeError("templates unavailable")
        return event
    arn = function(lambda_invoke, custom_message)
    pool_id, app = pool_with(idp, CustomMessage=arn)

    idp.sign_up(ClientId=app, Username="yul", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": "yul@example.com"}],
                ClientMetadata={"lang": "en"})
    [message] = trigger_server.outbox(recipient="yul@example.com")
    code = trigger_server.code_sent_to("yul@example.com")
    assert (message["Subject"], message["Body"]) == ("Welcome aboard", f"Hello yul, your code is {code}.")
    event = lambda_invoke.invocations(arn)[-1].event
    assert (event["triggerSource"], event["callerContext"]["clientId"]) == ("CustomMessage_SignUp", app)
    assert {k: v for k, v in event["request"].items() if k != "userAttributes"} == {
        "codeParameter": "{####}", "linkParameter": "{##Click Here##}", "usernameParameter": None, "clientMetadata": {"lang": "en"}}
    assert event["request"]["userAttributes"]["cognito:user_status"] == "UNCONFIRMED"
    assert event["response"] == {"smsMessage": None, "emailMessage": None, "emailSubject": None}
    idp.confirm_sign_up(ClientId=app, Username="yul", ConfirmationCode=code)

    expect_client_error(idp.sign_up, "InvalidParameterException",
                        "1 validation error detected: Value at 'emailBody' failed to satisfy constraint: Member must satisfy regular "
                        r"expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*",
                        ClientId=app, Username="zed", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": "zed@example.com"}])
    assert [u["Username"] for u in idp.list_users(UserPoolId=pool_id)["Users"]] == ["yul"]

    idp.admin_create_user(UserPoolId=pool_id, Username="abe", TemporaryPassword="Temp-Passw0rd", DesiredDeliveryMediums=["EMAIL"],
                          UserAttributes=[{"Name": "email", "Value": "abe@example.com"}])
    [invitation] = trigger_server.outbox(recipient="abe@example.com")
    assert invitation["Body"] == "Sign in as abe with Temp-Passw0rd"
    assert lambda_invoke.invocations(arn)[-1].event["request"]["usernameParameter"] == "{username}"

    expect_client_error(idp.forgot_password, "UserLambdaValidationException", "CustomMessage failed with error templates unavailable.",
                        ClientId=app, Username="yul")
    assert len(trigger_server.outbox(recipient="yul@example.com")) == 1, "no reset code was sent"


def custom_auth_pool(idp, lambda_invoke, define, create, verify, username):
    """A pool whose three custom challenge functions are these handlers, a client allowing
    CUSTOM_AUTH, and a confirmed user; returns (ARNs by trigger, pool id, client id)."""
    arns = {name: function(lambda_invoke, handler) for name, handler in
            [("DefineAuthChallenge", define), ("CreateAuthChallenge", create), ("VerifyAuthChallengeResponse", verify)]}
    pool_id = idp.create_user_pool(PoolName=f"e2e-custom-{uuid.uuid4().hex[:8]}", LambdaConfig=arns)["UserPool"]["Id"]
    app = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                      ExplicitAuthFlows=["ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=PASSWORD, Permanent=True)
    return arns, pool_id, app


def test_custom_auth_runs_the_three_functions_until_tokens(idp, lambda_invoke):
    def define(event, context):
        session = event["request"]["session"]
        if session and session[-1]["challengeResult"]:
            event["response"].update(issueTokens=True, failAuthentication=False)
        elif len(session) >= 2:
            event["response"].update(issueTokens=False, failAuthentication=True)
        else:
            event["response"].update(challengeName="CUSTOM_CHALLENGE", issueTokens=False, failAuthentication=False)
        return event

    def create(event, context):
        event["response"].update(publicChallengeParameters={"question": "2+2?"}, privateChallengeParameters={"answer": "4"},
                                 challengeMetadata=f"QUESTION-{len(event['request']['session'])}")
        return event

    def verify(event, context):
        event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == event["request"]["privateChallengeParameters"]["answer"]
        return event
    arns, _, app = custom_auth_pool(idp, lambda_invoke, define, create, verify, "cal")

    first = idp.initiate_auth(ClientId=app, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "cal"}, ClientMetadata={"only": "pre-auth"})
    assert (first["ChallengeName"], first["ChallengeParameters"]) == ("CUSTOM_CHALLENGE", {"question": "2+2?", "USERNAME": "cal"})
    defined = lambda_invoke.invocations(arns["DefineAuthChallenge"])[0].event
    assert (defined["triggerSource"], defined["request"]["session"], defined["request"]["clientMetadata"]) == (
        "DefineAuthChallenge_Authentication", [], None)
    wrong = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="CUSTOM_CHALLENGE", Session=first["Session"],
                                          ChallengeResponses={"USERNAME": "cal", "ANSWER": "5"}, ClientMetadata={"try": "1"})
    assert wrong["ChallengeName"] == "CUSTOM_CHALLENGE"
    verified = lambda_invoke.invocations(arns["VerifyAuthChallengeResponse"])[-1].event["request"]
    assert (verified["privateChallengeParameters"], verified["challengeAnswer"], verified["clientMetadata"]) == ({"answer": "4"}, "5", {"try": "1"})
    tokens = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="CUSTOM_CHALLENGE", Session=wrong["Session"],
                                           ChallengeResponses={"USERNAME": "cal", "ANSWER": "4"})
    assert claims(tokens["AuthenticationResult"]["IdToken"])["cognito:username"] == "cal"
    assert lambda_invoke.invocations(arns["DefineAuthChallenge"])[-1].event["request"]["session"] == [
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": False, "challengeMetadata": "QUESTION-0"},
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True, "challengeMetadata": "QUESTION-1"},
    ]
    expect_client_error(idp.respond_to_auth_challenge, "NotAuthorizedException", "Invalid session for the user, session can only be used once.",
                        ClientId=app, ChallengeName="CUSTOM_CHALLENGE", Session=wrong["Session"],
                        ChallengeResponses={"USERNAME": "cal", "ANSWER": "4"})

    # Two wrong answers: the define function fails the sign-in.
    again = idp.initiate_auth(ClientId=app, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "cal"})
    again = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="CUSTOM_CHALLENGE", Session=again["Session"],
                                          ChallengeResponses={"USERNAME": "cal", "ANSWER": "1"})
    expect_client_error(idp.respond_to_auth_challenge, "NotAuthorizedException", "Incorrect username or password.",
                        ClientId=app, ChallengeName="CUSTOM_CHALLENGE", Session=again["Session"],
                        ChallengeResponses={"USERNAME": "cal", "ANSWER": "2"})


def test_custom_auth_needs_the_functions(idp):
    pool_id, _ = pool_with(idp)
    app = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="custom", ExplicitAuthFlows=["ALLOW_CUSTOM_AUTH",
                                                                                                   "ALLOW_REFRESH_TOKEN_AUTH"])
    expect_client_error(idp.initiate_auth, "InvalidParameterException", "Custom auth lambda trigger is not configured for the user pool.",
                        ClientId=app["UserPoolClient"]["ClientId"], AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "anyone"})


def test_custom_auth_can_start_with_srp(idp, lambda_invoke):
    def define(event, context):
        session = event["request"]["session"]
        names = [step["challengeName"] for step in session]
        if names == ["SRP_A"]:
            event["response"]["challengeName"] = "PASSWORD_VERIFIER"
        elif names == ["SRP_A", "PASSWORD_VERIFIER"]:
            event["response"]["challengeName"] = "CUSTOM_CHALLENGE"
        else:
            event["response"]["issueTokens"] = session[-1]["challengeResult"]
            event["response"]["failAuthentication"] = not session[-1]["challengeResult"]
        return event

    def create(event, context):
        event["response"].update(publicChallengeParameters={"hint": "pin"}, privateChallengeParameters={"pin": "2468"})
        return event

    def verify(event, context):
        event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == "2468"
        return event
    arns, pool_id, app = custom_auth_pool(idp, lambda_invoke, define, create, verify, "dot")

    srp = AWSSRP("dot", PASSWORD, pool_id, app, client=idp)
    parameters = {**srp.get_auth_params(), "CHALLENGE_NAME": "SRP_A"}
    verifier = idp.initiate_auth(ClientId=app, AuthFlow="CUSTOM_AUTH", AuthParameters=parameters)
    assert verifier["ChallengeName"] == "PASSWORD_VERIFIER"
    custom = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="PASSWORD_VERIFIER",
                                           ChallengeResponses=srp.process_challenge(verifier["ChallengeParameters"], parameters))
    assert (custom["ChallengeName"], custom["ChallengeParameters"]) == ("CUSTOM_CHALLENGE", {"hint": "pin", "USERNAME": "dot"})
    tokens = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="CUSTOM_CHALLENGE", Session=custom["Session"],
                                           ChallengeResponses={"USERNAME": "dot", "ANSWER": "2468"})
    assert "AccessToken" in tokens["AuthenticationResult"]
    assert lambda_invoke.invocations(arns["DefineAuthChallenge"])[-1].event["request"]["session"] == [
        {"challengeName": "SRP_A", "challengeResult": True, "challengeMetadata": None},
        {"challengeName": "PASSWORD_VERIFIER", "challengeResult": True, "challengeMetadata": None},
        {"challengeName": "CUSTOM_CHALLENGE", "challengeResult": True, "challengeMetadata": None},
    ]


def test_two_first_sign_ins_at_once_migrate_the_user_once_and_both_get_tokens(idp, lambda_invoke):
    def migrate(event, context):
        time.sleep(0.5)  # both calls are in the function before either stores the user
        event["response"]["userAttributes"] = {"email": "eli@example.com"}
        return event
    _, app = pool_with(idp, UserMigration=function(lambda_invoke, migrate))
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda _: idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH",
                                                            AuthParameters={"USERNAME": "eli", "PASSWORD": "Old-Passw0rd"}), range(2)))
    assert all("AccessToken" in result["AuthenticationResult"] for result in results)


def test_post_authentication_says_when_a_new_device_was_used(idp, lambda_invoke):
    arn = function(lambda_invoke, lambda event, context: event)
    pool_id, app = pool_with(idp, PostAuthentication=arn)
    idp.update_user_pool(UserPoolId=pool_id, LambdaConfig={"PostAuthentication": arn},
                         DeviceConfiguration={"ChallengeRequiredOnNewDevice": False, "DeviceOnlyRememberedOnUserPrompt": True})
    idp.admin_create_user(UserPoolId=pool_id, Username="ned", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ned", Password=PASSWORD, Permanent=True)
    sign_in = {"USERNAME": "ned", "PASSWORD": PASSWORD}
    first = idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=sign_in)["AuthenticationResult"]
    idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH",
                      AuthParameters={**sign_in, "DEVICE_KEY": first["NewDeviceMetadata"]["DeviceKey"]})
    assert [i.event["request"]["newDeviceUsed"] for i in lambda_invoke.invocations(arn)] == [True, False]


def test_a_device_sign_in_makes_its_tokens_as_authenticate_device(idp, lambda_invoke, trigger_server, monkeypatch):
    send_pycognito_device_calls_to(monkeypatch, trigger_server.endpoint)
    arn = function(lambda_invoke, lambda event, context: event)
    pool_id, app = pool_with(idp)
    idp.update_user_pool(UserPoolId=pool_id, LambdaConfig={"PreTokenGeneration": arn},
                         DeviceConfiguration={"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False})
    idp.admin_create_user(UserPoolId=pool_id, Username="ora", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="ora", Password=PASSWORD, Permanent=True)
    srp = AWSSRP(username="ora", password=PASSWORD, pool_id=pool_id, client_id=app, client=idp)
    response, device_password = srp.confirm_device(srp.authenticate_user())
    assert response.status_code == 200, response.text
    AWSSRP(username="ora", password=PASSWORD, pool_id=pool_id, client_id=app, client=idp, device_key=srp.device_key,
                   device_group_key=srp.device_group_key, device_password=device_password).authenticate_user()
    assert [i.event["triggerSource"] for i in lambda_invoke.invocations(arn)] == [
        "TokenGeneration_Authentication", "TokenGeneration_AuthenticateDevice"]


def test_custom_auth_ends_with_the_remembered_device_it_presents(idp, lambda_invoke, trigger_server, monkeypatch):
    """DG: after the last CUSTOM_CHALLENGE, a sign-in that presented DEVICE_KEY gets DEVICE_SRP_AUTH;
    a custom sign-in gets no new device."""
    send_pycognito_device_calls_to(monkeypatch, trigger_server.endpoint)
    arns, pool_id, _ = custom_auth_pool(idp, lambda_invoke, *question_challenge_functions(), "ida")
    idp.update_user_pool(UserPoolId=pool_id, LambdaConfig=arns,
                         DeviceConfiguration={"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False})
    app = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_CUSTOM_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    srp = AWSSRP(username="ida", password=PASSWORD, pool_id=pool_id, client_id=app, client=idp)
    _, device_password = srp.confirm_device(srp.authenticate_user())

    def custom(**device):
        challenge = idp.initiate_auth(ClientId=app, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "ida", **device})
        return idp.respond_to_auth_challenge(ClientId=app, ChallengeName="CUSTOM_CHALLENGE", Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "ida", "ANSWER": "4"})
    plain = custom()["AuthenticationResult"]
    assert "NewDeviceMetadata" not in plain and "device_key" not in claims(plain["AccessToken"])

    device_srp = AWSSRP(username="ida", password=PASSWORD, pool_id=pool_id, client_id=app, client=idp, device_key=srp.device_key,
                        device_group_key=srp.device_group_key, device_password=device_password)
    answered = custom(DEVICE_KEY=srp.device_key)
    assert answered["ChallengeName"] == "DEVICE_SRP_AUTH"
    verifier = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="DEVICE_SRP_AUTH", Session=answered["Session"], ChallengeResponses={
        "USERNAME": "ida", "DEVICE_KEY": srp.device_key, "SRP_A": aws_srp.long_to_hex(device_srp.large_a_value)})
    tokens = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="DEVICE_PASSWORD_VERIFIER", Session=verifier["Session"],
                                           ChallengeResponses=device_srp.process_device_challenge(verifier["ChallengeParameters"]))
    assert claims(tokens["AuthenticationResult"]["AccessToken"])["device_key"] == srp.device_key


def test_pre_token_generation_sees_hosted_auth_for_the_code_flow(idp, lambda_invoke, trigger_server):
    from managed_login import CALLBACK, Pages, callback_parameters, make_oauth_pool, make_user
    arn = function(lambda_invoke, lambda event, context: returning(event, claimsOverrideDetails={"claimsToAddOrOverride": {"via": "pages"}}))
    oauth_pool = make_oauth_pool(idp, lambda **params: idp.create_user_pool(PoolName=f"e2e-hosted-{uuid.uuid4().hex[:8]}",
                                                                            LambdaConfig={"PreTokenGeneration": arn})["UserPool"],
                                 trigger_server, flows=("code",))
    make_user(idp, oauth_pool.pool_id)
    code = callback_parameters(Pages(oauth_pool).sign_in())["code"]
    token = requests.post(oauth_pool.endpoint("/oauth2/token"), auth=(oauth_pool.client_id, oauth_pool.client_secret), timeout=30,
                          data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK}).json()
    [invocation] = lambda_invoke.invocations(arn)
    assert invocation.event["triggerSource"] == "TokenGeneration_HostedAuth"
    assert invocation.event["callerContext"]["clientId"] == oauth_pool.client_id
    claims = json.loads(base64.urlsafe_b64decode(token["id_token"].split(".")[1] + "=="))
    assert claims["via"] == "pages"


def test_pre_token_generation_v3_changes_machine_tokens_and_v2_is_not_asked(idp, lambda_invoke, trigger_server):
    from managed_login import make_oauth_pool

    def customize(event, context):
        event["response"]["claimsAndScopeOverrideDetails"] = {"accessTokenGeneration": {
            "claimsToAddOrOverride": {"tenant": "acme"}, "scopesToAdd": ["extra/scope"], "scopesToSuppress": ["orders/write"]}}
        return event
    for version, invoked in (("V2_0", False), ("V3_0", True)):
        arn = function(lambda_invoke, customize)
        oauth_pool = make_oauth_pool(idp, lambda **params: idp.create_user_pool(
            PoolName=f"e2e-m2m-{uuid.uuid4().hex[:8]}", UserPoolTier="ESSENTIALS",
            LambdaConfig={"PreTokenGenerationConfig": {"LambdaVersion": version, "LambdaArn": arn}})["UserPool"], trigger_server, flows=())
        idp.create_resource_server(UserPoolId=oauth_pool.pool_id, Identifier="orders", Name="orders",
                                   Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}, {"ScopeName": "write", "ScopeDescription": "w"}])
        machine = idp.create_user_pool_client(UserPoolId=oauth_pool.pool_id, ClientName="m", GenerateSecret=True,
                                              AllowedOAuthFlows=["client_credentials"], AllowedOAuthScopes=["orders/read", "orders/write"],
                                              AllowedOAuthFlowsUserPoolClient=True)["UserPoolClient"]
        token = requests.post(oauth_pool.endpoint("/oauth2/token"), auth=(machine["ClientId"], machine["ClientSecret"]), timeout=30,
                              data={"grant_type": "client_credentials", "aws_client_metadata": '{"environment": "dev"}'}).json()
        claims = json.loads(base64.urlsafe_b64decode(token["access_token"].split(".")[1] + "=="))
        invocations = lambda_invoke.invocations(arn)
        if not invoked:
            assert invocations == [] and claims["scope"] == "orders/read orders/write" and "tenant" not in claims
            continue
        [invocation] = invocations
        assert invocation.event == {
            "version": "3", "triggerSource": "TokenGeneration_ClientCredentials", "region": REGION, "userPoolId": oauth_pool.pool_id,
            "userName": "ClientCredentials", "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": machine["ClientId"]},
            "request": {"userAttributes": {}, "groupConfiguration": None, "scopes": ["orders/read", "orders/write"],
                        "clientMetadata": {"environment": "dev"}},
            "response": {"claimsAndScopeOverrideDetails": None}}
        assert claims["tenant"] == "acme" and claims["scope"] == "orders/read extra/scope"

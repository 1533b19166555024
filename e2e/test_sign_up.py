"""Self sign-up and password reset through boto3 and the aws CLI, codes read from the outbox."""
import json

from helpers import expect_client_error


def _app(cognito, pool_id, **settings):
    return cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", **settings)["UserPoolClient"]["ClientId"]


def test_sign_up_confirm_and_wrong_code(cognito, make_pool, live_server):
    pool_id = make_pool(AutoVerifiedAttributes=["email"])["Id"]
    app = _app(cognito, pool_id)
    signed_up = cognito.sign_up(ClientId=app, Username="quinn", Password="P2$Sword",
                                UserAttributes=[{"Name": "email", "Value": "quinn@example.com"}])
    assert signed_up["UserConfirmed"] is False
    assert signed_up["CodeDeliveryDetails"] == {"Destination": "q***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    code = live_server.code_sent_to("quinn@example.com")
    message = live_server.outbox(recipient="quinn@example.com")[0]
    assert (message["Subject"], message["Body"], message["UserPoolId"]) == ("Your verification code", f"Your verification code is {code}. ", pool_id)
    wrong = "000000" if code != "000000" else "111111"
    expect_client_error(cognito.confirm_sign_up, "CodeMismatchException", "Invalid verification code provided, please try again.",
                        ClientId=app, Username="quinn", ConfirmationCode=wrong)
    cognito.confirm_sign_up(ClientId=app, Username="quinn", ConfirmationCode=code)
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="quinn")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    assert user["UserAttributes"][0] == {"Name": "sub", "Value": signed_up["UserSub"]}
    expect_client_error(cognito.sign_up, "UsernameExistsException", "User already exists",
                        ClientId=app, Username="quinn", Password="P2$Sword")


def test_resend_replaces_the_code(cognito, make_pool, live_server):
    pool_id = make_pool(AutoVerifiedAttributes=["email"])["Id"]
    app = _app(cognito, pool_id)
    cognito.sign_up(ClientId=app, Username="rosa", Password="P2$Sword", UserAttributes=[{"Name": "email", "Value": "rosa@example.com"}])
    first = live_server.code_sent_to("rosa@example.com")
    resent = cognito.resend_confirmation_code(ClientId=app, Username="rosa")
    assert resent["CodeDeliveryDetails"]["Destination"] == "r***@e***"
    second = live_server.code_sent_to("rosa@example.com")
    assert len(live_server.outbox(recipient="rosa@example.com")) == 2
    if first != second:
        expect_client_error(cognito.confirm_sign_up, "CodeMismatchException", "Invalid verification code provided, please try again.",
                            ClientId=app, Username="rosa", ConfirmationCode=first)
    cognito.confirm_sign_up(ClientId=app, Username="rosa", ConfirmationCode=second)
    expect_client_error(cognito.resend_confirmation_code, "InvalidParameterException", "User is already confirmed.",
                        ClientId=app, Username="rosa")


def test_forgot_password_and_admin_reset(cognito, make_pool, live_server):
    pool_id = make_pool(AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]})["Id"]
    app = _app(cognito, pool_id)
    cognito.admin_create_user(UserPoolId=pool_id, Username="sam", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": "sam@example.com"}, {"Name": "email_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="sam", Password="P2$Sword", Permanent=True)
    sent = cognito.forgot_password(ClientId=app, Username="sam")
    assert sent["CodeDeliveryDetails"] == {"Destination": "s***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    code = live_server.code_sent_to("sam@example.com")
    cognito.confirm_forgot_password(ClientId=app, Username="sam", ConfirmationCode=code, Password="N3w-Passw0rd")
    expect_client_error(cognito.confirm_forgot_password, "ExpiredCodeException", "Invalid code provided, please request a code again.",
                        ClientId=app, Username="sam", ConfirmationCode=code, Password="Other-Passw0rd")
    expect_client_error(cognito.forgot_password, "UserNotFoundException", "Username/client id combination not found.",
                        ClientId=app, Username="nobody")
    cognito.admin_reset_user_password(UserPoolId=pool_id, Username="sam")
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="sam")["UserStatus"] == "RESET_REQUIRED"
    code = live_server.code_sent_to("sam@example.com")
    cognito.confirm_forgot_password(ClientId=app, Username="sam", ConfirmationCode=code, Password="Th1rd-Passw0rd")
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="sam")["UserStatus"] == "CONFIRMED"


def test_cli_sign_up_and_the_outbox_subcommand(aws, make_pool, live_server, cognito):
    pool_id = make_pool(AutoVerifiedAttributes=["email"])["Id"]
    app = _app(cognito, pool_id)
    result = aws("cognito-idp", "sign-up", "--client-id", app, "--username", "tess", "--password", "P2$Sword",
                 "--user-attributes", "Name=email,Value=tess@example.com")
    assert result.code == 0, result.stderr
    assert result.json["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    printed = live_server.run_subcommand("outbox", "--user-pool-id", pool_id)
    messages = json.loads(printed)["Messages"]
    assert [m["To"] for m in messages] == ["tess@example.com"]
    code = live_server.code_sent_to("tess@example.com")
    assert code in messages[0]["Body"]
    result = aws("cognito-idp", "confirm-sign-up", "--client-id", app, "--username", "tess", "--confirmation-code", code)
    assert result.code == 0, result.stderr


def test_codes_expire(server_factory, make_client):
    server = server_factory(development_clock=True).start()
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(PoolName="expiry", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    app = _app(cognito, pool_id)
    cognito.sign_up(ClientId=app, Username="uma", Password="P2$Sword", UserAttributes=[{"Name": "email", "Value": "uma@example.com"}])
    code = server.code_sent_to("uma@example.com")
    server.advance_clock(24 * 3600 + 1)
    expect_client_error(cognito.confirm_sign_up, "ExpiredCodeException", "Invalid code provided, please request a code again.",
                        ClientId=app, Username="uma", ConfirmationCode=code)
    cognito.resend_confirmation_code(ClientId=app, Username="uma")
    cognito.confirm_sign_up(ClientId=app, Username="uma", ConfirmationCode=server.code_sent_to("uma@example.com"))

    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="uma", UserAttributes=[{"Name": "email_verified", "Value": "true"}])
    cognito.forgot_password(ClientId=app, Username="uma")
    reset = server.code_sent_to("uma@example.com")
    server.advance_clock(3601)
    expect_client_error(cognito.confirm_forgot_password, "ExpiredCodeException", "Invalid code provided, please request a code again.",
                        ClientId=app, Username="uma", ConfirmationCode=reset, Password="N3w-Passw0rd")
    server.stop()


def test_a_new_user_outside_us_east_1_signs_up_and_in_with_the_aws_cli(aws, make_client, make_pool):
    """The aws CLI sends SignUp and InitiateAuth unsigned: the client id, not the server's default
    region, finds the pool; an admin call signed for another region than the pool's finds nothing."""
    def ok(*args, region="eu-west-1"):
        result = aws(*args, region=region)
        assert result.code == 0, result.stderr
        return result.json or {}

    pool_id = ok("cognito-idp", "create-user-pool", "--pool-name", "west")["UserPool"]["Id"]
    assert pool_id.startswith("eu-west-1_")
    client_id = ok("cognito-idp", "create-user-pool-client", "--user-pool-id", pool_id, "--client-name", "app",
                   "--explicit-auth-flows", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")["UserPoolClient"]["ClientId"]
    signed_up = ok("cognito-idp", "sign-up", "--client-id", client_id, "--username", "wren", "--password", "P2$Sword")
    assert signed_up["UserConfirmed"] is False
    ok("cognito-idp", "admin-confirm-sign-up", "--user-pool-id", pool_id, "--username", "wren")
    tokens = ok("cognito-idp", "initiate-auth", "--client-id", client_id, "--auth-flow", "USER_PASSWORD_AUTH",
                "--auth-parameters", "USERNAME=wren,PASSWORD=P2$Sword")["AuthenticationResult"]
    assert ok("cognito-idp", "get-user", "--access-token", tokens["AccessToken"])["Username"] == "wren"
    east = make_client("us-east-1")
    assert east.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                              AuthParameters={"USERNAME": "wren", "PASSWORD": "P2$Sword"})["AuthenticationResult"]["AccessToken"]
    expect_client_error(east.admin_get_user, "ResourceNotFoundException", f"User pool {pool_id} does not exist.",
                        UserPoolId=pool_id, Username="wren")
    ok("cognito-idp", "delete-user-pool", "--user-pool-id", pool_id)

"""MFA at sign-in: SOFTWARE_TOKEN_MFA with codes from pyotp, SMS_MFA and EMAIL_OTP with codes read
from the outbox, SELECT_MFA_TYPE, MFA_SETUP; the pool's MfaConfiguration decides."""
import time

import pyotp

from expected import ACCOUNT_ID, REGION, SMS_CONFIGURATION
from helpers import expect_client_error

PASSWORD = "P2$Sword"
WRONG_CODE = "Invalid code or auth state for the user."
EMAIL_CONFIGURATION = {"EmailSendingAccount": "DEVELOPER", "From": "noreply@example.com",
                       "SourceArn": f"arn:aws:ses:{REGION}:{ACCOUNT_ID}:identity/noreply@example.com"}


def _pool(cognito, make_pool, mode, sms=False, totp=False, email=False):
    pool_id = make_pool(EmailConfiguration=EMAIL_CONFIGURATION, UserPoolTier="ESSENTIALS",
                        **({"SmsConfiguration": SMS_CONFIGURATION} if sms else {}))["Id"]
    settings = {"MfaConfiguration": mode}
    if sms:
        settings["SmsMfaConfiguration"] = {"SmsAuthenticationMessage": "Sign-in code {####}", "SmsConfiguration": SMS_CONFIGURATION}
    if totp:
        settings["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
    if email:
        settings["EmailMfaConfiguration"] = {"Message": "Your email code is {####}", "Subject": "Sign-in code"}
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, **settings)
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def _user(cognito, pool_id, name, phone=None, email=None, temporary=None):
    attributes = ([{"Name": "phone_number", "Value": phone}] if phone else []) + ([{"Name": "email", "Value": email}] if email else [])
    cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS", UserAttributes=attributes,
                              **({"TemporaryPassword": temporary} if temporary else {}))
    if not temporary:
        cognito.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)


def _sign_in(cognito, client_id, name, password=PASSWORD):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": name, "PASSWORD": password})


def _answer(cognito, client_id, challenge, name, **responses):
    return cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName=challenge["ChallengeName"], Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": name, **responses})


def test_software_token_in_an_optional_pool(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool, "OPTIONAL", totp=True)
    _user(cognito, pool_id, "tia")
    access = _sign_in(cognito, client_id, "tia")["AuthenticationResult"]["AccessToken"]
    expect_client_error(cognito.set_user_mfa_preference, "InvalidParameterException",
                        "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA",
                        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True})
    expect_client_error(cognito.set_user_mfa_preference, "InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA",
                        AccessToken=access, SMSMfaSettings={"Enabled": True})
    secret = cognito.associate_software_token(AccessToken=access)["SecretCode"]
    totp = pyotp.TOTP(secret)
    expect_client_error(cognito.verify_software_token, "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA",
                        AccessToken=access, UserCode=f"{(int(totp.now()) + 1) % 1000000:06d}")
    assert cognito.verify_software_token(AccessToken=access, UserCode=totp.now())["Status"] == "SUCCESS"
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="tia")
    assert user["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"] and "PreferredMfaSetting" not in user
    cognito.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    assert cognito.get_user(AccessToken=access)["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    challenge = _sign_in(cognito, client_id, "tia")
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    expect_client_error(_answer, "CodeMismatchException", WRONG_CODE, cognito=cognito, client_id=client_id, challenge=challenge,
                        name="tia", SOFTWARE_TOKEN_MFA_CODE=f"{(int(totp.now()) + 1) % 1000000:06d}")
    next_code = totp.at(time.time() + 30)
    done = _answer(cognito, client_id, challenge, "tia", SOFTWARE_TOKEN_MFA_CODE=next_code)
    assert "AccessToken" in done["AuthenticationResult"], "a wrong code leaves the session for another try"
    expect_client_error(_answer, "NotAuthorizedException", "Invalid session for the user, session can only be used once.",
                        cognito=cognito, client_id=client_id, challenge=challenge, name="tia", SOFTWARE_TOKEN_MFA_CODE=next_code)
    expect_client_error(_answer, "ExpiredCodeException", "Your software token has already been used once.", cognito=cognito,
                        client_id=client_id, challenge=_sign_in(cognito, client_id, "tia"), name="tia", SOFTWARE_TOKEN_MFA_CODE=next_code)


def test_sms_mfa_in_a_pool_that_requires_it(cognito, make_pool, live_server):
    pool_id, client_id = _pool(cognito, make_pool, "ON", sms=True)
    _user(cognito, pool_id, "uma", phone="+15550101234")
    challenge = _sign_in(cognito, client_id, "uma")
    assert challenge["ChallengeName"] == "SMS_MFA"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "+*******1234"
    message = live_server.outbox(recipient="+15550101234")[0]
    assert message["Body"].startswith("Sign-in code ")
    code = live_server.code_sent_to("+15550101234")
    tokens = _answer(cognito, client_id, challenge, "uma", SMS_MFA_CODE=code)["AuthenticationResult"]
    assert "RefreshToken" in tokens
    assert "UserMFASettingList" not in cognito.admin_get_user(UserPoolId=pool_id, Username="uma")


def test_select_mfa_type_then_sms(cognito, make_pool, live_server):
    pool_id, client_id = _pool(cognito, make_pool, "OPTIONAL", sms=True, totp=True)
    _user(cognito, pool_id, "vic", phone="+15550105678")
    access = _sign_in(cognito, client_id, "vic")["AuthenticationResult"]["AccessToken"]
    totp = pyotp.TOTP(cognito.associate_software_token(AccessToken=access)["SecretCode"])
    cognito.verify_software_token(AccessToken=access, UserCode=totp.now())
    cognito.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="vic", SMSMfaSettings={"Enabled": True})
    challenge = _sign_in(cognito, client_id, "vic")
    assert challenge["ChallengeName"] == "SELECT_MFA_TYPE"
    assert challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"] == '["SMS_MFA","SOFTWARE_TOKEN_MFA"]'
    sms = _answer(cognito, client_id, challenge, "vic", ANSWER="SMS_MFA")
    assert sms["ChallengeName"] == "SMS_MFA"
    done = _answer(cognito, client_id, sms, "vic", SMS_MFA_CODE=live_server.code_sent_to("+15550105678"))
    assert "AccessToken" in done["AuthenticationResult"]


def test_email_otp(cognito, make_pool, live_server):
    pool_id, client_id = _pool(cognito, make_pool, "OPTIONAL", email=True)
    _user(cognito, pool_id, "wes", email="wes@example.com")
    cognito.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="wes", EmailMfaSettings={"Enabled": True, "PreferredMfa": True})
    challenge = _sign_in(cognito, client_id, "wes")
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "w***@e***"
    message = live_server.outbox(recipient="wes@example.com")[0]
    assert message["Subject"] == "Sign-in code"
    done = _answer(cognito, client_id, challenge, "wes", EMAIL_OTP_CODE=live_server.code_sent_to("wes@example.com"))
    assert "AccessToken" in done["AuthenticationResult"]


def test_mfa_setup_before_the_new_password(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool, "ON", totp=True)
    _user(cognito, pool_id, "xia", temporary="Temp0rary!")
    setup = _sign_in(cognito, client_id, "xia", "Temp0rary!")
    assert setup["ChallengeName"] == "MFA_SETUP"
    assert setup["ChallengeParameters"]["MFAS_CAN_SETUP"] == '["SOFTWARE_TOKEN_MFA"]'
    associated = cognito.associate_software_token(Session=setup["Session"])
    totp = pyotp.TOTP(associated["SecretCode"])
    expect_client_error(cognito.verify_software_token, "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA",
                        Session=associated["Session"], UserCode=f"{(int(totp.now()) + 1) % 1000000:06d}")
    verified = cognito.verify_software_token(Session=associated["Session"], UserCode=totp.now())  # a wrong code keeps the session
    assert verified["Status"] == "SUCCESS"
    new_password = _answer(cognito, client_id, {"ChallengeName": "MFA_SETUP", "Session": verified["Session"]}, "xia")
    assert new_password["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    done = _answer(cognito, client_id, new_password, "xia", NEW_PASSWORD="N3w-Passw0rd")
    assert "AccessToken" in done["AuthenticationResult"]
    again = _sign_in(cognito, client_id, "xia", "N3w-Passw0rd")
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_no_challenge_when_mfa_is_off(cognito, make_pool):
    pool_id = make_pool()["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    _user(cognito, pool_id, "yan", phone="+15550109999")
    cognito.admin_set_user_mfa_preference(UserPoolId=pool_id, Username="yan", SMSMfaSettings={"Enabled": True, "PreferredMfa": True})
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "yan")


def test_an_sms_code_expires_with_its_session(clock_server, make_client, make_pool):
    cognito = make_client(endpoint=clock_server.endpoint)
    pool_id, client_id = _pool(cognito, lambda **settings: cognito.create_user_pool(PoolName=f"sms-{time.time_ns()}", **settings)["UserPool"],
                               "ON", sms=True)
    _user(cognito, pool_id, "zed", phone="+15550107777")
    challenge = _sign_in(cognito, client_id, "zed")
    code = clock_server.code_sent_to("+15550107777")
    clock_server.advance_clock(181)
    expect_client_error(_answer, "NotAuthorizedException", "Invalid session for the user, session is expired.", cognito=cognito,
                        client_id=client_id, challenge=challenge, name="zed", SMS_MFA_CODE=code)

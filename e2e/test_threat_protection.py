"""Threat protection acting: AUDIT and ENFORCED pools on the PLUS plan score each sign-in from the
user's history (a new IP address is Low risk: the app names it in UserContextData, which a client
with a secret and EnablePropagateAdditionalUserContextData may do), act as the risk configuration
says (BLOCK, MFA_REQUIRED, MFA_IF_CONFIGURED, NO_ACTION, blocked and skipped IP ranges), refuse
compromised passwords, record events for AdminListUserAuthEvents, and take feedback from admins
and from the notify email's links."""
import base64
import hashlib
import hmac
import html
import json
import re
from datetime import datetime, timezone

import pytest
import requests
from pycognito.aws_srp import AWSSRP

from expected import ACCOUNT_ID, REGION, SMS_CONFIGURATION
from helpers import expect_client_error, unique_name

PASSWORD = "Str0ng-Passphrase!"
COMPROMISED_PASSWORD = "P@ssw0rd"  # in zxcvbn's list of leaked passwords
HOME, ELSEWHERE, BLOCKED, SKIPPED = "192.0.2.10", "203.0.113.20", "198.51.100.30", "198.51.100.200"
EMAIL_CONFIGURATION = {"EmailSendingAccount": "DEVELOPER", "From": "noreply@example.com",
                       "SourceArn": f"arn:aws:ses:{REGION}:{ACCOUNT_ID}:identity/noreply@example.com"}
NOTIFY = {"From": "security@example.com", "SourceArn": f"arn:aws:ses:{REGION}:{ACCOUNT_ID}:identity/security@example.com"}
SECURITY_REFUSAL = "Unable to login because of security reasons."


def _pool(cognito, make_pool, mode="ENFORCED", email_mfa=False):
    pool_id = make_pool(UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": mode}, EmailConfiguration=EMAIL_CONFIGURATION,
                        AutoVerifiedAttributes=["email"])["Id"]
    if email_mfa:
        cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                         EmailMfaConfiguration={"Message": "Your email code is {####}", "Subject": "Sign-in code"})
    client = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", GenerateSecret=True,
                                             EnablePropagateAdditionalUserContextData=True, ExplicitAuthFlows=[
                                                 "ALLOW_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]
    SECRETS[client["ClientId"]] = client["ClientSecret"]
    return pool_id, client["ClientId"]


SECRETS = {}


def _secret_hash(client_id, name):
    digest = hmac.new(SECRETS[client_id].encode(), (name + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _user(cognito, pool_id, name, password=PASSWORD):
    cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"}, {"Name": "email_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=password, Permanent=True)


def _sign_in(cognito, client_id, name, ip, password=PASSWORD):
    return cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", UserContextData={"IpAddress": ip}, AuthParameters={
        "USERNAME": name, "PASSWORD": password, "SECRET_HASH": _secret_hash(client_id, name)})


def _events(cognito, pool_id, name, **page):
    return cognito.admin_list_user_auth_events(UserPoolId=pool_id, Username=name, **page)["AuthEvents"]


def _takeover(low=None, high=None, notify=False):
    actions = {key: {"EventAction": action, "Notify": notify} for key, action in [("LowAction", low), ("HighAction", high)] if action}
    return {"Actions": actions, **({"NotifyConfiguration": NOTIFY} if notify else {})}


def test_audit_records_each_sign_in_and_acts_on_none(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool, mode="AUDIT")
    cognito.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration=_takeover(low="BLOCK"))
    _user(cognito, pool_id, "ann")
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "ann", HOME)
    expect_client_error(_sign_in, "NotAuthorizedException", "Incorrect username or password.", cognito=cognito, client_id=client_id,
                        name="ann", ip=ELSEWHERE, password="Wrong-Passphrase1")
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "ann", ELSEWHERE), "AUDIT does not block"
    newest, failed, first = _events(cognito, pool_id, "ann")
    assert first["EventType"] == "SignIn" and first["EventResponse"] == "Pass"
    assert first["EventRisk"] == {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False}, "a first sign-in has nothing to compare"
    assert first["EventContextData"] == {"IpAddress": HOME}
    assert failed["EventResponse"] == "Fail" and failed["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Failure"}]
    assert newest["EventResponse"] == "Pass" and newest["EventContextData"] == {"IpAddress": ELSEWHERE}
    assert newest["EventRisk"] == {"RiskDecision": "NoRisk", "RiskLevel": "Low", "CompromisedCredentialsDetected": False}
    assert newest["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Success"}]
    assert re.fullmatch(r"[0-9a-f-]{36}", newest["EventId"]) and newest["CreationDate"] >= first["CreationDate"]


def test_enforced_mfa_required_challenges_a_sign_in_from_a_new_address(cognito, make_pool, live_server):
    pool_id, client_id = _pool(cognito, make_pool, email_mfa=True)
    cognito.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration=_takeover(low="MFA_REQUIRED", notify=True))
    _user(cognito, pool_id, "bea")
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "bea", HOME)
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "bea", HOME), "a known address is no risk"
    challenge = _sign_in(cognito, client_id, "bea", ELSEWHERE)
    assert challenge["ChallengeName"] == "EMAIL_OTP", "the user never turned MFA on; its email address receives the code"
    pending = _events(cognito, pool_id, "bea")[0]
    assert pending["EventResponse"] == "InProgress"
    assert pending["EventRisk"] == {"RiskDecision": "AccountTakeover", "RiskLevel": "Low", "CompromisedCredentialsDetected": False}
    code = live_server.code_sent_to("bea@example.com")
    mfa_email = live_server.outbox(recipient="bea@example.com")[1]
    assert mfa_email["Subject"] == "New sign-in attempt" and mfa_email["From"] == "security@example.com"
    assert "We required you to use multi-factor authentication" in mfa_email["Body"]
    done = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="EMAIL_OTP", Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "bea", "EMAIL_OTP_CODE": code,
                                                                 "SECRET_HASH": _secret_hash(client_id, "bea")})
    assert "AccessToken" in done["AuthenticationResult"]
    passed = _events(cognito, pool_id, "bea")[0]
    assert passed["EventId"] == pending["EventId"] and passed["EventResponse"] == "Pass"
    assert passed["ChallengeResponses"] == [{"ChallengeName": "Password", "ChallengeResponse": "Success"},
                                            {"ChallengeName": "Mfa", "ChallengeResponse": "Success"}]


def test_a_user_reachable_two_ways_chooses_the_factor(cognito, make_pool, live_server):
    pool_id, client_id = _pool(cognito, make_pool)
    cognito.update_user_pool(UserPoolId=pool_id, UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
                             EmailConfiguration=EMAIL_CONFIGURATION, SmsConfiguration=SMS_CONFIGURATION, AutoVerifiedAttributes=["email"])
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                     SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}", "SmsConfiguration": SMS_CONFIGURATION},
                                     EmailMfaConfiguration={"Message": "Your email code is {####}", "Subject": "Sign-in code"})
    cognito.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration=_takeover(low="MFA_IF_CONFIGURED"))
    _user(cognito, pool_id, "ola")
    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="ola", UserAttributes=[{"Name": "phone_number", "Value": "+15555550123"}])
    _sign_in(cognito, client_id, "ola", HOME)
    choice = _sign_in(cognito, client_id, "ola", ELSEWHERE)
    assert choice["ChallengeName"] == "SELECT_MFA_TYPE" and choice["ChallengeParameters"]["MFAS_CAN_CHOOSE"] == '["SMS_MFA","EMAIL_OTP"]'
    chosen = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SELECT_MFA_TYPE", Session=choice["Session"],
                                               ChallengeResponses={"USERNAME": "ola", "ANSWER": "EMAIL_OTP",
                                                                   "SECRET_HASH": _secret_hash(client_id, "ola")})
    assert chosen["ChallengeName"] == "EMAIL_OTP"
    done = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="EMAIL_OTP", Session=chosen["Session"], ChallengeResponses={
        "USERNAME": "ola", "EMAIL_OTP_CODE": live_server.code_sent_to("ola@example.com"), "SECRET_HASH": _secret_hash(client_id, "ola")})
    assert "AccessToken" in done["AuthenticationResult"]
    assert _events(cognito, pool_id, "ola")[0]["EventResponse"] == "Pass"


def test_mfa_required_blocks_a_user_mfa_cannot_reach_and_mfa_if_configured_lets_it_in(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool)  # MFA OFF: no factor can be challenged
    _user(cognito, pool_id, "cal")
    _sign_in(cognito, client_id, "cal", HOME)
    cognito.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration=_takeover(low="MFA_REQUIRED"))
    expect_client_error(_sign_in, "NotAuthorizedException", SECURITY_REFUSAL, cognito=cognito, client_id=client_id, name="cal", ip=ELSEWHERE)
    blocked = _events(cognito, pool_id, "cal")[0]
    assert blocked["EventResponse"] == "Fail" and blocked["EventRisk"]["RiskDecision"] == "Block"
    cognito.set_risk_configuration(UserPoolId=pool_id, ClientId=client_id, AccountTakeoverRiskConfiguration=_takeover(low="MFA_IF_CONFIGURED"))
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "cal", ELSEWHERE), "the client's configuration wins"


def test_block_notifies_and_the_email_links_record_feedback(cognito, make_pool, live_server):
    pool_id, client_id = _pool(cognito, make_pool)
    cognito.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration=_takeover(low="NO_ACTION", high="BLOCK", notify=True))
    _user(cognito, pool_id, "dee")
    _sign_in(cognito, client_id, "dee", HOME)
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "dee", ELSEWHERE), "NO_ACTION lets it in"
    email = live_server.outbox(recipient="dee@example.com")[0]
    assert email["Subject"] == "New sign-in attempt" and "We observed an unrecognized sign-in" in email["Body"]
    links = {value: html.unescape(url) for url, value in re.findall(r"href=(https?://\S+feedback_value=(Valid|Invalid))>", email["Body"])}
    event = _events(cognito, pool_id, "dee")[0]
    assert f"event_id={event['EventId']}" in links["Invalid"]
    local = re.sub(r"^https?://[^/]+", live_server.endpoint, links["Invalid"])
    page = requests.get(local, timeout=10)
    assert page.status_code == 200 and "This sign-in was not yours?" in page.text
    assert "EventFeedback" not in _events(cognito, pool_id, "dee")[0], "opening the link changes nothing"
    answered = requests.post(local, timeout=10)
    assert answered.status_code == 200 and "Thank you for your feedback." in answered.text
    feedback = _events(cognito, pool_id, "dee")[0]["EventFeedback"]
    assert feedback["FeedbackValue"] == "Invalid" and feedback["Provider"] == "User" and feedback["FeedbackDate"]
    expect_client_error(_sign_in, "NotAuthorizedException", SECURITY_REFUSAL, cognito=cognito, client_id=client_id, name="dee", ip=ELSEWHERE)
    blocked = _events(cognito, pool_id, "dee")[0]
    assert blocked["EventRisk"] == {"RiskDecision": "Block", "RiskLevel": "High", "CompromisedCredentialsDetected": False}, \
        "an address marked Invalid is High risk"
    assert live_server.outbox(recipient="dee@example.com")[0]["Subject"] == "Blocked sign-in attempt"
    wrong = re.sub(r"feedback_token=[^&]+", "feedback_token=wrong", local)
    refused = requests.post(wrong, timeout=10)
    assert refused.status_code == 400 and "<p>The feedback token is not valid for this event.</p>" in refused.text


def test_ip_ranges_come_before_the_password(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool)
    cognito.set_risk_configuration(UserPoolId=pool_id, AccountTakeoverRiskConfiguration=_takeover(low="BLOCK"),
                                   RiskExceptionConfiguration={"BlockedIPRangeList": [f"{BLOCKED}/32"],
                                                               "SkippedIPRangeList": ["198.51.100.128/25"]})
    _user(cognito, pool_id, "eve")
    _sign_in(cognito, client_id, "eve", HOME)
    for name in ("eve", "nobody"):  # the same answer whether the user exists, and no password is checked
        expect_client_error(_sign_in, "NotAuthorizedException", "Request not allowed due to security reasons.", cognito=cognito,
                            client_id=client_id, name=name, ip=BLOCKED, password="Wrong-Passphrase1")
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "eve", SKIPPED), "a skipped range is not assessed"
    skipped, first = _events(cognito, pool_id, "eve")
    assert first["EventContextData"] == {"IpAddress": HOME}, "a blocked address records nothing"
    assert skipped["EventRisk"] == {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False}


def test_compromised_passwords(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool)
    _user(cognito, pool_id, "fay", password=COMPROMISED_PASSWORD)  # set before the configuration blocks it
    cognito.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration={"Actions": {"EventAction": "BLOCK"}})
    refusal = "Provided password cannot be used for security reasons."
    expect_client_error(cognito.sign_up, "InvalidPasswordException", refusal, ClientId=client_id, Username="gus", Password="p@SSW0RD",
                        SecretHash=_secret_hash(client_id, "gus"), UserAttributes=[{"Name": "email", "Value": "gus@example.com"}])
    expect_client_error(cognito.admin_list_user_auth_events, "UserNotFoundException", "User does not exist.", UserPoolId=pool_id, Username="gus")
    expect_client_error(cognito.admin_set_user_password, "InvalidPasswordException", refusal, UserPoolId=pool_id, Username="fay",
                        Password="1qaz@WSX", Permanent=True)
    expect_client_error(_sign_in, "NotAuthorizedException", SECURITY_REFUSAL, cognito=cognito, client_id=client_id, name="fay", ip=HOME,
                        password=COMPROMISED_PASSWORD)
    event = _events(cognito, pool_id, "fay")[0]
    assert event["EventRisk"] == {"RiskDecision": "Block", "CompromisedCredentialsDetected": True}
    # Cognito does not check SRP sign-ins for compromised credentials.
    srp = AWSSRP(username="fay", password=COMPROMISED_PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito,
                 client_secret=SECRETS[client_id])
    access = srp.authenticate_user()["AuthenticationResult"]["AccessToken"]
    expect_client_error(cognito.change_password, "InvalidPasswordException", refusal, PreviousPassword=COMPROMISED_PASSWORD,
                        ProposedPassword="Pa$$w0rd", AccessToken=access)
    cognito.change_password(PreviousPassword=COMPROMISED_PASSWORD, ProposedPassword=PASSWORD, AccessToken=access)
    assert [e["EventType"] for e in _events(cognito, pool_id, "fay")][:2] == ["PasswordChange", "SignIn"]
    signed_up = cognito.sign_up(ClientId=client_id, Username="hal", Password=PASSWORD, SecretHash=_secret_hash(client_id, "hal"),
                                UserAttributes=[{"Name": "email", "Value": "hal@example.com"}], UserContextData={"IpAddress": HOME})
    assert signed_up["UserSub"]
    (event,) = _events(cognito, pool_id, "hal")
    assert event["EventType"] == "SignUp" and event["EventResponse"] == "Pass" and event["EventContextData"] == {"IpAddress": HOME}


def test_compromised_passwords_pass_when_the_filter_leaves_the_event_out(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool)
    cognito.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration={
        "EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}})
    assert cognito.sign_up(ClientId=client_id, Username="ivy", Password=COMPROMISED_PASSWORD, SecretHash=_secret_hash(client_id, "ivy"))["UserSub"]
    assert _events(cognito, pool_id, "ivy")[0]["EventRisk"]["CompromisedCredentialsDetected"] is True


def test_admin_feedback_pages_and_refusals(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool, mode="AUDIT")
    _user(cognito, pool_id, "jo")
    for ip in (HOME, ELSEWHERE, HOME):
        _sign_in(cognito, client_id, "jo", ip)
    first = cognito.admin_list_user_auth_events(UserPoolId=pool_id, Username="jo", MaxResults=2)
    assert len(first["AuthEvents"]) == 2
    last = first["AuthEvents"][-1]
    stamp = datetime.fromtimestamp(last["CreationDate"].timestamp(), timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
    assert first["NextToken"] == f"{last['EventId']}#{stamp}", "Cognito's form: event id # ISO creation date"
    rest = cognito.admin_list_user_auth_events(UserPoolId=pool_id, Username="jo", MaxResults=2, NextToken=first["NextToken"])
    assert len(rest["AuthEvents"]) == 1 and "NextToken" not in rest
    assert len(_events(cognito, pool_id, "jo", MaxResults=0)) == 3, "0 means 60"
    expect_client_error(cognito.admin_list_user_auth_events, "InvalidParameterException", "Invalid pagination token provided.",
                        UserPoolId=pool_id, Username="jo", NextToken="not-a-token")
    event_id = rest["AuthEvents"][0]["EventId"]
    assert cognito.admin_update_auth_event_feedback(UserPoolId=pool_id, Username="jo", EventId=event_id, FeedbackValue="Valid")
    feedback = _events(cognito, pool_id, "jo")[-1]["EventFeedback"]
    assert feedback["FeedbackValue"] == "Valid" and feedback["Provider"] == "Admin"
    expect_client_error(cognito.update_auth_event_feedback, "NotAuthorizedException", "The feedback token is not valid for this event.",
                        UserPoolId=pool_id, Username="jo", EventId=event_id, FeedbackToken="abc", FeedbackValue="Invalid")
    expect_client_error(cognito.admin_update_auth_event_feedback, "ResourceNotFoundException", "Auth event not found.",
                        UserPoolId=pool_id, Username="jo", EventId="no-such-event", FeedbackValue="Valid")
    off = make_pool(UserPoolTier="PLUS")["Id"]
    cognito.admin_create_user(UserPoolId=off, Username="jo", MessageAction="SUPPRESS")
    for call, extra in [(cognito.admin_list_user_auth_events, {}),
                        (cognito.admin_update_auth_event_feedback, {"EventId": event_id, "FeedbackValue": "Valid"})]:
        expect_client_error(call, "UserPoolAddOnNotEnabledException", "Threat protection is not enabled for this user pool.",
                            UserPoolId=off, Username="jo", **extra)


@pytest.mark.parametrize("flow", ["ADMIN_USER_PASSWORD_AUTH", "USER_SRP_AUTH"])
def test_admin_sign_ins_take_the_address_from_context_data(cognito, make_pool, flow):
    pool_id, client_id = _pool(cognito, make_pool)
    cognito.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, EnablePropagateAdditionalUserContextData=True, ExplicitAuthFlows=[
        "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    cognito.set_risk_configuration(UserPoolId=pool_id, RiskExceptionConfiguration={"BlockedIPRangeList": [f"{BLOCKED}/32"]})
    _user(cognito, pool_id, "kim")

    def sign_in(ip):
        if flow == "USER_SRP_AUTH":
            srp = AWSSRP(username="kim", password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito,
                         client_secret=SECRETS[client_id])
            challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow=flow, AuthParameters=srp.get_auth_params())
            responses = srp.process_challenge(challenge["ChallengeParameters"], srp.get_auth_params())
            return cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=responses,
                                                     UserContextData={"IpAddress": ip})
        return cognito.admin_initiate_auth(
            UserPoolId=pool_id, ClientId=client_id, AuthFlow=flow,
            AuthParameters={"USERNAME": "kim", "PASSWORD": PASSWORD, "SECRET_HASH": _secret_hash(client_id, "kim")},
            ContextData={"IpAddress": ip, "ServerName": "app.example.com", "ServerPath": "/login", "HttpHeaders": []})
    expect_client_error(sign_in, "NotAuthorizedException", "Request not allowed due to security reasons.", ip=BLOCKED)
    assert "AuthenticationResult" in sign_in(HOME)
    assert [event["EventContextData"] for event in _events(cognito, pool_id, "kim")] == [{"IpAddress": HOME}]


def test_a_client_without_propagation_cannot_name_the_address(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool)
    cognito.update_user_pool_client(UserPoolId=pool_id, ClientId=client_id, ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])
    cognito.set_risk_configuration(UserPoolId=pool_id, RiskExceptionConfiguration={"BlockedIPRangeList": [f"{BLOCKED}/32"]})
    _user(cognito, pool_id, "lee")
    assert "AuthenticationResult" in _sign_in(cognito, client_id, "lee", BLOCKED), "UserContextData's IpAddress is ignored"
    assert _events(cognito, pool_id, "lee")[0]["EventContextData"] == {"IpAddress": "127.0.0.1"}, "the connection's address instead"


@pytest.fixture(scope="module")
def proxied(server_factory):
    """A server that takes X-Forwarded-For from loopback, where the tests' requests come from."""
    server = server_factory(options={"trusted-proxy": "127.0.0.0/8"}).start()
    yield server
    server.stop()  # its database connections go back before later modules start servers of their own


def test_behind_a_trusted_proxy_the_forwarded_address_counts(make_client, proxied, make_pool):
    cognito = make_client(endpoint=proxied.endpoint)
    pool_id = cognito.create_user_pool(PoolName=unique_name("proxied"), UserPoolTier="PLUS",
                                       UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"})["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])["UserPoolClient"]["ClientId"]
    cognito.set_risk_configuration(UserPoolId=pool_id, RiskExceptionConfiguration={"BlockedIPRangeList": [f"{BLOCKED}/32"]})
    _user(cognito, pool_id, "max")

    def sign_in(forwarded_for):
        return requests.post(proxied.endpoint, timeout=10, data=json.dumps({
            "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": client_id, "AuthParameters": {"USERNAME": "max", "PASSWORD": PASSWORD}}),
            headers={"Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
                     "X-Forwarded-For": forwarded_for})
    refused = sign_in(f"{HOME}, {BLOCKED}")
    assert refused.status_code == 400 and refused.json()["message"] == "Request not allowed due to security reasons."
    assert sign_in(f"{BLOCKED}, {HOME}").status_code == 200, "an address left of the proxy's is the client's own claim"
    assert [e["EventContextData"]["IpAddress"] for e in _events(cognito, pool_id, "max")] == [HOME]


def test_custom_auth_is_assessed_in_its_own_mode(boto_session, trigger_server, lambda_invoke):
    from botocore.config import Config
    from helpers import question_challenge_functions
    idp = boto_session.client("cognito-idp", region_name=REGION, config=Config(retries={"max_attempts": 1}), endpoint_url=trigger_server.endpoint)
    arns = {name: lambda_invoke.register(unique_name(name.lower()), handler) for name, handler in
            zip(["DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse"], question_challenge_functions())}
    pool_id = idp.create_user_pool(PoolName=unique_name("custom"), LambdaConfig=arns, UserPoolTier="PLUS",
                                   UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                            ExplicitAuthFlows=["ALLOW_CUSTOM_AUTH"])["UserPoolClient"]["ClientId"]
    idp.set_risk_configuration(UserPoolId=pool_id, RiskExceptionConfiguration={"BlockedIPRangeList": ["127.0.0.0/8"]})
    idp.admin_create_user(UserPoolId=pool_id, Username="nia", MessageAction="SUPPRESS")
    idp.admin_set_user_password(UserPoolId=pool_id, Username="nia", Password=PASSWORD, Permanent=True)

    def custom():
        challenge = idp.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "nia"})
        return idp.respond_to_auth_challenge(ClientId=client_id, ChallengeName="CUSTOM_CHALLENGE", Session=challenge["Session"],
                                             ChallengeResponses={"USERNAME": "nia", "ANSWER": "4"})
    assert "AuthenticationResult" in custom(), "without CustomAuthMode custom sign-ins are not assessed"
    assert idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="nia")["AuthEvents"] == []
    idp.update_user_pool(UserPoolId=pool_id, LambdaConfig=arns, UserPoolTier="PLUS", UserPoolAddOns={
        "AdvancedSecurityMode": "AUDIT", "AdvancedSecurityAdditionalFlows": {"CustomAuthMode": "ENFORCED"}})
    expect_client_error(custom, "NotAuthorizedException", "Request not allowed due to security reasons.")
    idp.set_risk_configuration(UserPoolId=pool_id, RiskExceptionConfiguration={"BlockedIPRangeList": ["192.0.2.0/24"]})
    assert "AuthenticationResult" in custom()
    (event,) = idp.admin_list_user_auth_events(UserPoolId=pool_id, Username="nia")["AuthEvents"]
    assert event["EventResponse"] == "Pass" and event["ChallengeResponses"] == [], "a custom sign-in has no password step"

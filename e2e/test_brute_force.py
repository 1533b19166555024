"""Guessing at once does not get more guesses: bursts of wrong passwords, TOTP codes and reset codes
sent together, spread over two server processes on PostgreSQL (one on SQLite; through nginx with
GATEHOUSE_E2E_BALANCED=1), are evaluated no more often than the lockout and the code limits allow,
and the right answer is refused while they hold. The servers run development clocks, moved
together, to reach long lockouts without waiting."""
import math
import time
from concurrent.futures import ThreadPoolExecutor

import pyotp
import pytest
from botocore.exceptions import ClientError

from conftest import trigger_server_env
from expected import SMS_CONFIGURATION
from helpers import BALANCED, STORE, BalancedServers, expect_client_error, question_challenge_functions

PASSWORD = "P2$Sword"
WRONG = "Wr0ng$Pass"
INCORRECT = "Incorrect username or password."
LOCKED = "Password attempts exceeded"


class Fleet:
    """Servers sharing one store, their clocks moved together, and a boto3 client for each."""

    def __init__(self, servers, make_client, endpoints=None):
        self.servers = servers
        self.clients = [make_client(endpoint=endpoint) for endpoint in endpoints or [server.endpoint for server in servers]]
        self.offset = 0

    def advance(self, seconds):
        for server in self.servers:
            server.advance_clock(seconds)
        self.offset += seconds

    def burst(self, calls):
        """Runs `calls` (each taking a client) at once, round robin over the servers.
        Returns what each answered ("ok" or the error code and message) and the seconds it took."""
        def run(indexed):
            index, call = indexed
            try:
                call(self.clients[index % len(self.clients)])
                return "ok"
            except ClientError as error:
                return error.response["Error"]["Code"], error.response["Error"]["Message"]
        started = time.monotonic()
        with ThreadPoolExecutor(max_workers=16) as pool:
            answers = list(pool.map(run, enumerate(calls)))
        return answers, time.monotonic() - started


def _fleet(server_factory, make_client, tmp_path_factory, **server_options):
    """Two processes on PostgreSQL (one on SQLite), each with a client of its own; when BALANCED,
    both behind nginx, and one client of the balancer, which hands the requests to each in turn."""
    processes = 2 if STORE == "postgres" else 1
    servers = [server_factory(development_clock=True, **server_options) for _ in range(processes)]
    if BALANCED:
        balancer = BalancedServers(servers, tmp_path_factory.mktemp("nginx")).start()
        fleet = Fleet(servers, make_client, endpoints=[balancer.endpoint])
    else:
        fleet = Fleet([server.start() for server in servers], make_client)
    yield fleet
    if BALANCED:
        balancer.stop()
    for server in servers:
        server.stop()


@pytest.fixture
def fleet(server_factory, make_client, tmp_path_factory):
    yield from _fleet(server_factory, make_client, tmp_path_factory)


@pytest.fixture
def trigger_fleet(server_factory, make_client, tmp_path_factory, lambda_invoke):
    """A fleet whose pools' triggers run in `lambda_invoke`."""
    yield from _fleet(server_factory, make_client, tmp_path_factory, options={"lambda-endpoint-url": lambda_invoke.endpoint},
                      env=trigger_server_env(lambda_invoke))


def evaluated_at_most(seconds):
    """How many wrong answers the lockout lets through in `seconds`: five, then one more each
    time a lockout of 1, 2, 4, … seconds has passed."""
    return 5 + int(math.log2(seconds + 1))


def _pool(cognito, totp=False):
    pool_id = cognito.create_user_pool(PoolName=f"brute-{time.time_ns()}", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    if totp:
        cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
                                         SoftwareTokenMfaConfiguration={"Enabled": True})
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="vic", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "email", "Value": "vic@example.com"}, {"Name": "email_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="vic", Password=PASSWORD, Permanent=True)
    return pool_id, client_id


def _sign_in(client_id, password):
    return lambda cognito: cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                                 AuthParameters={"USERNAME": "vic", "PASSWORD": password})


def test_wrong_passwords_at_once_are_evaluated_no_more_than_the_lockout_allows(fleet):
    cognito = fleet.clients[0]
    _, client_id = _pool(cognito)
    answers, seconds = fleet.burst([_sign_in(client_id, WRONG)] * 80)
    evaluated = answers.count(("NotAuthorizedException", INCORRECT))
    assert 5 <= evaluated <= evaluated_at_most(seconds), (evaluated, seconds)
    assert answers.count(("NotAuthorizedException", LOCKED)) == 80 - evaluated, answers

    # Each lockout waited out lets one more wrong password through, and doubles the next.
    failures = evaluated
    while failures < 14:
        fleet.advance(2 ** (failures - 5))
        expect_client_error(_sign_in(client_id, WRONG), "NotAuthorizedException", INCORRECT, cognito=cognito)
        failures += 1
    answers, _ = fleet.burst([_sign_in(client_id, PASSWORD)] + [_sign_in(client_id, WRONG)] * 20 + [_sign_in(client_id, PASSWORD)])
    assert answers == [("NotAuthorizedException", LOCKED)] * 22, "the right password is refused while locked out"
    fleet.advance(2 ** (failures - 5))
    assert "AccessToken" in _sign_in(client_id, PASSWORD)(fleet.clients[-1])["AuthenticationResult"]
    expect_client_error(_sign_in(client_id, WRONG), "NotAuthorizedException", INCORRECT, cognito=cognito)
    assert "AccessToken" in _sign_in(client_id, PASSWORD)(cognito)["AuthenticationResult"], "a sign-in starts the count again"


def test_right_passwords_at_once_all_sign_in(fleet):
    """Each attempt is checked inside the update that holds the user, so many right ones at once
    (a service signing in from many workers) count nothing against the lockout."""
    _, client_id = _pool(fleet.clients[0])
    answers, _ = fleet.burst([_sign_in(client_id, PASSWORD)] * 40)
    assert answers == ["ok"] * 40, answers


def _wrong_codes(totp, at, count):
    valid = {totp.at(at + step * 30) for step in range(-3, 4)}
    return [code for code in (f"{n:06d}" for n in range(count + len(valid))) if code not in valid][:count]


def test_totp_codes_at_once_lock_the_user_out_and_end_the_session(fleet):
    cognito = fleet.clients[0]
    _, client_id = _pool(cognito, totp=True)
    access = _sign_in(client_id, PASSWORD)(cognito)["AuthenticationResult"]["AccessToken"]
    totp = pyotp.TOTP(cognito.associate_software_token(AccessToken=access)["SecretCode"])
    cognito.verify_software_token(AccessToken=access, UserCode=totp.now())
    cognito.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    challenge = _sign_in(client_id, PASSWORD)(cognito)
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"

    def answer(code):
        return lambda cognito: cognito.respond_to_auth_challenge(
            ClientId=client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=challenge["Session"],
            ChallengeResponses={"USERNAME": "vic", "SOFTWARE_TOKEN_MFA_CODE": code})

    answers, seconds = fleet.burst([answer(code) for code in _wrong_codes(totp, time.time(), 40)])
    wrong = answers.count(("CodeMismatchException", "Invalid code or auth state for the user."))
    assert 5 <= wrong <= evaluated_at_most(seconds), (wrong, seconds)
    assert answers.count(("NotAuthorizedException", LOCKED)) == 40 - wrong, answers

    # Past each lockout one more wrong code is checked, until the session's tenth ends it.
    while wrong < 10:
        fleet.advance(2 ** (wrong - 5))
        code = _wrong_codes(totp, time.time() + fleet.offset, 1)[0]
        expect_client_error(answer(code), "CodeMismatchException", cognito=cognito)
        wrong += 1
    right = totp.at(time.time() + fleet.offset)
    expect_client_error(answer(right), "NotAuthorizedException", "Invalid session for the user, session can only be used once.",
                        cognito=cognito)
    expect_client_error(_sign_in(client_id, PASSWORD), "NotAuthorizedException", LOCKED, cognito=cognito)

    # The right password after the lockout leaves the count as it was: one more wrong code locks
    # the user out for 64 s, and the right code is refused unchecked until then.
    fleet.advance(2 ** (wrong - 5))
    challenge = _sign_in(client_id, PASSWORD)(fleet.clients[-1])
    expect_client_error(answer(_wrong_codes(totp, time.time() + fleet.offset, 1)[0]), "CodeMismatchException", cognito=cognito)
    expect_client_error(answer(totp.at(time.time() + fleet.offset)), "NotAuthorizedException", LOCKED, cognito=cognito)
    fleet.advance(2 ** (wrong + 1 - 5))
    assert "AccessToken" in answer(totp.at(time.time() + fleet.offset))(cognito)["AuthenticationResult"]
    expect_client_error(_sign_in(client_id, WRONG), "NotAuthorizedException", INCORRECT, cognito=cognito)


def test_codes_asked_for_at_once_are_limited_per_user(fleet):
    """30 ForgotPassword calls at once send 5 codes; 30 right passwords at once for an SMS_MFA user
    send 20 sign-in codes. Each count and its code are stored in one update of the user."""
    cognito = fleet.clients[0]
    pool_id, client_id = _pool(cognito)
    answers, _ = fleet.burst([lambda cognito: cognito.forgot_password(ClientId=client_id, Username="vic")] * 30)
    assert answers.count("ok") == 5, answers
    assert answers.count(("LimitExceededException", "Attempt limit exceeded, please try after some time.")) == 25, answers
    assert len(fleet.servers[0].outbox(userPoolId=pool_id, recipient="vic@example.com")) == 5

    cognito.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"], SmsConfiguration=SMS_CONFIGURATION,
                             UserPoolTier="ESSENTIALS")
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON", SmsMfaConfiguration={
        "SmsAuthenticationMessage": "Sign-in code {####}", "SmsConfiguration": SMS_CONFIGURATION})
    cognito.admin_update_user_attributes(UserPoolId=pool_id, Username="vic", UserAttributes=[
        {"Name": "phone_number", "Value": "+15550107777"}, {"Name": "phone_number_verified", "Value": "true"}])
    answers, _ = fleet.burst([_sign_in(client_id, PASSWORD)] * 30)
    assert answers.count("ok") == 20, answers  # each an SMS_MFA challenge
    assert answers.count(("TooManyRequestsException", "Rate exceeded")) == 10, answers
    assert len(fleet.servers[0].outbox(userPoolId=pool_id, recipient="+15550107777")) == 20
    expect_client_error(_sign_in(client_id, PASSWORD), "TooManyRequestsException", "Rate exceeded", cognito=cognito)


def _code_burst(fleet, confirm, code, exhausted):
    """20 wrong guesses of `code` at once through `confirm`: five are checked, the rest and then the
    right code get `exhausted` (the code's tries are used up)."""
    wrong = "000000" if code != "000000" else "111111"
    answers, _ = fleet.burst([confirm(wrong)] * 20)
    assert answers.count(("CodeMismatchException", "Invalid verification code provided, please try again.")) == 5, answers
    assert answers.count(exhausted) == 15, answers
    expect_client_error(confirm(code), *exhausted, cognito=fleet.clients[0])


def test_reset_codes_at_once_get_five_tries(fleet):
    cognito = fleet.clients[0]
    _, client_id = _pool(cognito)
    cognito.forgot_password(ClientId=client_id, Username="vic")
    code = fleet.servers[0].code_sent_to("vic@example.com")

    def confirm(guess):
        return lambda cognito: cognito.confirm_forgot_password(ClientId=client_id, Username="vic", ConfirmationCode=guess,
                                                             Password="N3w$Passw0rd")
    _code_burst(fleet, confirm, code, ("LimitExceededException", "Attempt limit exceeded, please try after some time."))


def test_sign_up_codes_at_once_get_five_tries(fleet):
    cognito = fleet.clients[0]
    _, client_id = _pool(cognito)
    email = f"ann-{time.time_ns()}@example.com"  # on PostgreSQL every server's outbox is shared
    cognito.sign_up(ClientId=client_id, Username="ann", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": email}])
    code = fleet.servers[0].code_sent_to(email)

    def confirm(guess):
        return lambda cognito: cognito.confirm_sign_up(ClientId=client_id, Username="ann", ConfirmationCode=guess)
    _code_burst(fleet, confirm, code, ("TooManyFailedAttemptsException", "Attempt limit exceeded, please try after some time."))


def test_custom_answers_at_once_are_decided_before_they_are_checked(trigger_fleet, lambda_invoke):
    """Cognito's lockout does not apply to custom challenges; Gatehouse counts their wrong answers
    apart, on the same schedule, so that new sign-ins cannot guess without end."""
    define, create, verify = question_challenge_functions()
    arns = {name: lambda_invoke.register(f"brute-{name}-{time.time_ns()}", handler) for name, handler in
            [("DefineAuthChallenge", define), ("CreateAuthChallenge", create), ("VerifyAuthChallengeResponse", verify)]}
    cognito = trigger_fleet.clients[0]
    pool_id = cognito.create_user_pool(PoolName=f"brute-custom-{time.time_ns()}", LambdaConfig=arns)["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_CUSTOM_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="vic", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="vic", Password=PASSWORD, Permanent=True)

    def challenge():
        return cognito.initiate_auth(ClientId=client_id, AuthFlow="CUSTOM_AUTH", AuthParameters={"USERNAME": "vic"})["Session"]

    def answer(session, guess):
        return lambda cognito: cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="CUSTOM_CHALLENGE", Session=session,
                                                                 ChallengeResponses={"USERNAME": "vic", "ANSWER": guess})
    sessions = [challenge() for _ in range(21)]
    answers, seconds = trigger_fleet.burst([answer(session, "5") for session in sessions[:20]])
    checked = answers.count("ok")  # a checked wrong answer gets the next challenge
    assert 5 <= checked <= evaluated_at_most(seconds), answers
    assert answers.count(("NotAuthorizedException", LOCKED)) == 20 - checked, answers
    assert len(lambda_invoke.invocations(arns["VerifyAuthChallengeResponse"])) == checked

    # While they lock the user out, the right answer is refused unchecked; passwords are not locked out.
    expect_client_error(answer(sessions[20], "4"), "NotAuthorizedException", LOCKED, cognito=cognito)
    assert len(lambda_invoke.invocations(arns["VerifyAuthChallengeResponse"])) == checked
    trigger_fleet.advance(2 ** (checked - 5))
    assert "AccessToken" in answer(challenge(), "4")(cognito)["AuthenticationResult"]
    assert "AccessToken" in _sign_in(client_id, PASSWORD)(cognito)["AuthenticationResult"]

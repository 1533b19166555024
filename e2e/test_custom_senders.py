"""CustomEmailSender and CustomSMSSender: a pool with a custom sender hands each code or temporary
password to its function, encrypted with the AWS Encryption SDK under the pool's KMS key (moto's
KMS in server mode), in an `Event` invocation, and sends nothing itself. The functions decrypt as
AWS's samples do, with the AWS Encryption SDK for Python and its KMS master key, and the codes
they get confirm, reset and sign in."""
import base64
import threading
import uuid

import aws_encryption_sdk
import boto3
import pytest
from aws_encryption_sdk.identifiers import CommitmentPolicy
from aws_encryption_sdk.key_providers.kms import KMSMasterKey
from botocore.config import Config

from conftest import trigger_server_env
from expected import SMS_CONFIGURATION
from helpers import REGION, wait_for

PASSWORD = "P2$Sword"


@pytest.fixture(scope="module")
def sender_server(server_factory, lambda_invoke, moto_server):
    """A server whose triggers run at `lambda_invoke` and whose data keys come from moto's KMS."""
    return server_factory(options={"lambda-endpoint-url": lambda_invoke.endpoint, "kms-endpoint-url": moto_server},
                          env=trigger_server_env(lambda_invoke)).start()


@pytest.fixture
def idp(boto_session, sender_server):
    sender_server.ensure_running()
    config = Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=60)
    return boto_session.client("cognito-idp", region_name=REGION, config=config, endpoint_url=sender_server.endpoint)


@pytest.fixture(scope="module")
def kms_key(moto_server):
    """(a KMS client of moto, the ARN of a new symmetric key)."""
    client = boto3.client("kms", endpoint_url=moto_server, region_name=REGION, aws_access_key_id="AKIDFUNCTION",
                          aws_secret_access_key="function-secret")
    return client, client.create_key(Description="custom senders")["KeyMetadata"]["Arn"]


class Sender:
    """A custom sender function as AWS's samples write one: it decrypts `request.code` with the
    AWS Encryption SDK (commitment policy REQUIRE_ENCRYPT_ALLOW_DECRYPT) and a KMS master key of
    the pool's key, and keeps (event, code, message header) of each event, or the decryption's
    error in place of the code."""

    def __init__(self, kms_client, key_arn):
        self.sdk = aws_encryption_sdk.EncryptionSDKClient(commitment_policy=CommitmentPolicy.REQUIRE_ENCRYPT_ALLOW_DECRYPT)
        self.key = KMSMasterKey(key_id=key_arn, client=kms_client)
        self.received = []
        self.lock = threading.Lock()

    def handler(self, event, context):
        try:
            plaintext, header = self.sdk.decrypt(source=base64.b64decode(event["request"]["code"]), key_provider=self.key)
            received = (event, plaintext.decode(), header)
        except Exception as error:  # noqa: BLE001 - kept for the test to show
            received = (event, error, None)
        with self.lock:
            self.received.append(received)

    def nth(self, number):
        """The `number`th event (from 1) once it has come, with its decrypted code and header."""
        wait_for(lambda: len(self.received) >= number)
        event, code, header = self.received[number - 1]
        assert not isinstance(code, Exception), f"the code did not decrypt: {code!r}"
        return event, code, header


def senders(idp, lambda_invoke, kms_key, *mediums, key_arn=None, **pool):
    """A pool with a custom sender for each of `mediums` ("Email", "SMS") under the KMS key, and an
    app client; returns (pool id, client id, {medium: (ARN, Sender)})."""
    functions = {}
    config = {"KMSKeyID": key_arn or kms_key[1]}
    for medium in mediums:
        sender = Sender(*kms_key)
        arn = lambda_invoke.register(f"sender-{uuid.uuid4().hex[:12]}", sender.handler)
        functions[medium] = (arn, sender)
        config[f"Custom{medium}Sender"] = {"LambdaVersion": "V1_0", "LambdaArn": arn}
    config.update(pool.pop("LambdaConfig", {}))
    pool_id = idp.create_user_pool(PoolName=f"e2e-senders-{uuid.uuid4().hex[:8]}", AutoVerifiedAttributes=["email"],
                                   LambdaConfig=config, **pool)["UserPool"]["Id"]
    app = idp.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                      ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    return pool_id, app["UserPoolClient"]["ClientId"], functions


def test_a_sign_up_code_reaches_the_email_sender_encrypted_and_confirms(idp, lambda_invoke, sender_server, kms_key):
    message_arn = lambda_invoke.register(f"message-{uuid.uuid4().hex[:12]}", lambda event, context: event)
    pool_id, app, functions = senders(idp, lambda_invoke, kms_key, "Email", LambdaConfig={"CustomMessage": message_arn})
    arn, sender = functions["Email"]
    signed_up = idp.sign_up(ClientId=app, Username="ann", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": "ann@example.com"}],
                            ClientMetadata={"lang": "en"})
    assert signed_up["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    event, code, header = sender.nth(1)
    [invocation] = lambda_invoke.invocations(arn)
    assert invocation.invocation_type == "Event"
    sub = idp.admin_get_user(UserPoolId=pool_id, Username="ann")["UserAttributes"]
    assert event == {
        "version": "1", "triggerSource": "CustomEmailSender_SignUp", "region": REGION, "userPoolId": pool_id, "userName": "ann",
        "callerContext": {"awsSdkVersion": "aws-sdk-unknown-unknown", "clientId": app},
        "request": {"type": "customEmailSenderRequestV1", "code": event["request"]["code"], "clientMetadata": {"lang": "en"},
                    "userAttributes": {**{a["Name"]: a["Value"] for a in sub}, "cognito:user_status": "UNCONFIRMED"}},
    }
    assert header.algorithm.algorithm_id == 0x0378
    assert header.encryption_context["userpool-id"] == pool_id
    assert set(header.encryption_context) == {"userpool-id", "aws-crypto-public-key"}
    assert [key.key_provider.key_info.decode() for key in header.encrypted_data_keys] == [kms_key[1]]
    assert sender_server.outbox(recipient="ann@example.com") == [], "Gatehouse sent nothing itself"
    assert lambda_invoke.invocations(message_arn) == [], "CustomMessage is not asked for a message it does not make"
    idp.confirm_sign_up(ClientId=app, Username="ann", ConfirmationCode=code)
    assert idp.admin_get_user(UserPoolId=pool_id, Username="ann")["UserStatus"] == "CONFIRMED"

    idp.forgot_password(ClientId=app, Username="ann")
    event, code, _ = sender.nth(2)
    assert event["triggerSource"] == "CustomEmailSender_ForgotPassword"
    assert event["request"]["userAttributes"]["cognito:user_status"] == "CONFIRMED"
    idp.confirm_forgot_password(ClientId=app, Username="ann", ConfirmationCode=code, Password="N3w-Passw0rd")
    idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ann", "PASSWORD": "N3w-Passw0rd"})


def test_an_invitation_goes_to_both_senders_with_the_temporary_password(idp, lambda_invoke, sender_server, kms_key):
    pool_id, app, functions = senders(idp, lambda_invoke, kms_key, "Email", "SMS")
    idp.admin_create_user(UserPoolId=pool_id, Username="ben", TemporaryPassword="Temp-Passw0rd", DesiredDeliveryMediums=["EMAIL", "SMS"],
                          UserAttributes=[{"Name": "email", "Value": "ben@example.com"}, {"Name": "phone_number", "Value": "+15555550100"}],
                          ClientMetadata={"by": "admin"})
    for medium, request_type in [("Email", "customEmailSenderRequestV1"), ("SMS", "customSMSSenderRequestV1")]:
        event, code, _ = functions[medium][1].nth(1)
        assert code == "Temp-Passw0rd"
        assert (event["triggerSource"], event["callerContext"]["clientId"]) == (f"Custom{medium}Sender_AdminCreateUser",
                                                                                 "CLIENT_ID_NOT_APPLICABLE")
        assert (event["request"]["type"], event["request"]["clientMetadata"]) == (request_type, {"by": "admin"})
        assert event["request"]["userAttributes"]["cognito:user_status"] == "FORCE_CHANGE_PASSWORD"
    assert sender_server.outbox(userPoolId=pool_id) == []
    challenge = idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "ben", "PASSWORD": functions["SMS"][1].nth(1)[1]})
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"


def test_an_sms_sign_in_code_comes_from_the_sms_sender(idp, lambda_invoke, kms_key):
    pool_id, app, functions = senders(idp, lambda_invoke, kms_key, "SMS", SmsConfiguration=SMS_CONFIGURATION)
    idp.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON",
                                 SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}", "SmsConfiguration": SMS_CONFIGURATION})
    idp.admin_create_user(UserPoolId=pool_id, Username="cat", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "phone_number", "Value": "+15555550101"}, {"Name": "phone_number_verified", "Value": "true"}])
    idp.admin_set_user_password(UserPoolId=pool_id, Username="cat", Password=PASSWORD, Permanent=True)
    challenge = idp.initiate_auth(ClientId=app, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "cat", "PASSWORD": PASSWORD})
    assert challenge["ChallengeName"] == "SMS_MFA"
    event, code, _ = functions["SMS"][1].nth(1)
    assert (event["triggerSource"], event["request"]["type"]) == ("CustomSMSSender_Authentication", "customSMSSenderRequestV1")
    tokens = idp.respond_to_auth_challenge(ClientId=app, ChallengeName="SMS_MFA", Session=challenge["Session"],
                                           ChallengeResponses={"USERNAME": "cat", "SMS_MFA_CODE": code})
    assert "IdToken" in tokens["AuthenticationResult"]


@pytest.mark.parametrize("broken", ["function", "key"])
def test_a_failing_sender_fails_nothing(idp, lambda_invoke, sender_server, kms_key, broken):
    """A function Lambda does not know, or a key KMS does not know: the sign-up succeeds all the
    same, nothing is sent, and the server logs why the sender got nothing."""
    key_arn = kms_key[1].rsplit("/", 1)[0] + f"/{uuid.uuid4()}" if broken == "key" else None
    pool_id, app, functions = senders(idp, lambda_invoke, kms_key, "Email", key_arn=key_arn)
    arn, sender = functions["Email"]
    if broken == "function":
        config = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["LambdaConfig"]
        config["CustomEmailSender"]["LambdaArn"] = arn + "-gone"
        idp.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"], LambdaConfig=config)
    signed_up = idp.sign_up(ClientId=app, Username="dan", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": "dan@example.com"}])
    assert signed_up["UserConfirmed"] is False
    assert idp.admin_get_user(UserPoolId=pool_id, Username="dan")["UserStatus"] == "UNCONFIRMED"
    assert sender_server.outbox(userPoolId=pool_id) == []
    logged = ("custom sender invocation failed" if broken == "function" else "custom sender: the code could not be encrypted")
    wait_for(lambda: any(logged in line and pool_id in line for line in sender_server.log_path.read_text().splitlines()))
    assert sender.received == [] and lambda_invoke.invocations(arn) == []

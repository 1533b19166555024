"""Remembered devices end to end: pycognito's own device code (AWSSRP with device_key,
device_group_key and device_password, confirm_device, update_device_status, forget_device) and
boto3 for the device operations. pycognito posts its device calls to AWS's host through `requests`;
the tests send them to Gatehouse instead, and change nothing else of it."""
import base64
import json
import re
import time

import pyotp
import pytest
from pycognito import aws_srp
from pycognito.aws_srp import AWSSRP

from expected import REGION
from helpers import expect_client_error, send_pycognito_device_calls_to

PASSWORD = "P2$Sword"
NO_DEVICE = "Device does not exist."
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]
ALWAYS = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False}
OPT_IN = {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": True}


@pytest.fixture(autouse=True)
def devices_to_gatehouse(monkeypatch, live_server):
    send_pycognito_device_calls_to(monkeypatch, live_server.endpoint)


def _pool(cognito, make_pool, devices=ALWAYS, **settings):
    pool_id = make_pool(**({"DeviceConfiguration": devices} if devices else {}), **settings)["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=FLOWS)["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def _user(cognito, pool_id, name):
    cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)


def _claims(token):
    return json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))


def _srp(cognito, pool_id, client_id, name, device=None):
    """pycognito's AWSSRP, with the device (key, group key, password) when given."""
    keys = dict(zip(("device_key", "device_group_key", "device_password"), device)) if device else {}
    return AWSSRP(username=name, password=PASSWORD, pool_id=pool_id, client_id=client_id, client=cognito, **keys)


def _tracked_and_confirmed(cognito, pool_id, client_id, name):
    """A first sign-in's new device, confirmed by pycognito: (key, group key, password), the ConfirmDevice answer."""
    srp = _srp(cognito, pool_id, client_id, name)
    tokens = srp.authenticate_user()
    response, password = srp.confirm_device(tokens, device_name="laptop")
    assert response.status_code == 200, response.text
    return (srp.device_key, srp.device_group_key, password), response.json(), tokens


def test_pycognito_signs_in_with_its_remembered_device(cognito, make_pool, live_server):
    pool_id, client_id = _pool(cognito, make_pool)
    _user(cognito, pool_id, "ada")
    srp = _srp(cognito, pool_id, client_id, "ada")
    first = srp.authenticate_user()["AuthenticationResult"]
    metadata = first["NewDeviceMetadata"]
    assert re.fullmatch(REGION + r"_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", metadata["DeviceKey"])
    assert re.fullmatch(r"-[A-Za-z0-9]{8}", metadata["DeviceGroupKey"])
    assert _claims(first["AccessToken"])["device_key"] == metadata["DeviceKey"]
    assert "device_key" not in _claims(first["IdToken"])

    response, device_password = srp.confirm_device({"AuthenticationResult": first}, device_name="laptop")
    assert response.status_code == 200 and response.json() == {"UserConfirmationNecessary": False}
    device = (metadata["DeviceKey"], metadata["DeviceGroupKey"], device_password)

    # PASSWORD_VERIFIER, DEVICE_SRP_AUTH, DEVICE_PASSWORD_VERIFIER, all by pycognito's code.
    second = _srp(cognito, pool_id, client_id, "ada", device).authenticate_user()["AuthenticationResult"]
    assert "NewDeviceMetadata" not in second
    assert _claims(second["AccessToken"])["device_key"] == metadata["DeviceKey"]

    listed = cognito.list_devices(AccessToken=second["AccessToken"])["Devices"]
    assert [d["DeviceKey"] for d in listed] == [metadata["DeviceKey"]]
    attributes = {a["Name"]: a["Value"] for a in listed[0]["DeviceAttributes"]}
    assert [a["Name"] for a in listed[0]["DeviceAttributes"]] == [
        "device_status", "device_name", "dev:device_arn", "dev:device_owner", "last_ip_used", "dev:device_remembered_status", "dev:device_sdk"]
    assert attributes["device_status"] == "valid" and attributes["device_name"] == "laptop"
    assert attributes["dev:device_owner"] == f"ada.{pool_id}"
    assert attributes["dev:device_arn"].endswith(f":owner/ada.{pool_id}/device/{metadata['DeviceKey']}")
    assert attributes["last_ip_used"] == "127.0.0.1" and attributes["dev:device_remembered_status"] == "remembered"
    assert listed[0]["DeviceLastAuthenticatedDate"] >= listed[0]["DeviceCreateDate"].replace(microsecond=0)

    # A wrong device password fails as a wrong password does.
    wrong = (device[0], device[1], "not-the-device-password")
    expect_client_error(_srp(cognito, pool_id, client_id, "ada", wrong).authenticate_user, "NotAuthorizedException",
                        "Incorrect username or password.")

    # Not remembered: the user no longer sees it, the sign-in no longer proves it.
    srp.update_device_status(False, second["AccessToken"], device[0])
    assert cognito.list_devices(AccessToken=second["AccessToken"])["Devices"] == []
    expect_client_error(cognito.get_device, "ResourceNotFoundException", NO_DEVICE, AccessToken=second["AccessToken"], DeviceKey=device[0])
    admin = cognito.admin_get_device(UserPoolId=pool_id, Username="ada", DeviceKey=device[0])["Device"]
    assert {a["Name"]: a["Value"] for a in admin["DeviceAttributes"]}["dev:device_remembered_status"] == "not_remembered"
    plain = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD, "DEVICE_KEY": device[0]})
    assert "ChallengeName" not in plain and "NewDeviceMetadata" not in plain["AuthenticationResult"]
    assert _claims(plain["AuthenticationResult"]["AccessToken"])["device_key"] == device[0]

    # Forgotten: its key no longer signs in, and clients ask again without it.
    srp.forget_device(second["AccessToken"], device[0])
    assert cognito.admin_list_devices(UserPoolId=pool_id, Username="ada")["Devices"] == []
    expect_client_error(_srp(cognito, pool_id, client_id, "ada", device).authenticate_user, "ResourceNotFoundException", NO_DEVICE)
    expect_client_error(cognito.initiate_auth, "ResourceNotFoundException", NO_DEVICE, ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD, "DEVICE_KEY": device[0]})


def test_the_unknown_device_error_leaves_the_password_verifier_answer_usable(cognito, make_pool):
    """amazon-cognito-identity-js and Amplify answer "Device does not exist." by sending the same
    PASSWORD_VERIFIER answer again without DEVICE_KEY."""
    pool_id, client_id = _pool(cognito, make_pool)
    _user(cognito, pool_id, "bo")
    srp = _srp(cognito, pool_id, client_id, "bo")
    challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
    answer = srp.process_challenge(challenge["ChallengeParameters"], srp.get_auth_params())
    expect_client_error(cognito.respond_to_auth_challenge, "ResourceNotFoundException", NO_DEVICE, ClientId=client_id,
                        ChallengeName="PASSWORD_VERIFIER", ChallengeResponses={**answer, "DEVICE_KEY": f"{REGION}_00000000-0000-4000-8000-000000000000"})
    tokens = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER", ChallengeResponses=answer)
    assert "NewDeviceMetadata" in tokens["AuthenticationResult"]


def test_user_opt_in_remembers_only_when_the_user_says_so(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool, devices=OPT_IN)
    _user(cognito, pool_id, "cy")
    device, confirmed, tokens = _tracked_and_confirmed(cognito, pool_id, client_id, "cy")
    assert confirmed == {"UserConfirmationNecessary": True}
    access = tokens["AuthenticationResult"]["AccessToken"]
    assert cognito.list_devices(AccessToken=access)["Devices"] == []
    # Confirmed, not remembered: a sign-in with it gets tokens without proving it.
    direct = _srp(cognito, pool_id, client_id, "cy", device).authenticate_user()["AuthenticationResult"]
    assert "NewDeviceMetadata" not in direct
    cognito.update_device_status(AccessToken=access, DeviceKey=device[0], DeviceRememberedStatus="remembered")
    assert [d["DeviceKey"] for d in cognito.list_devices(AccessToken=access)["Devices"]] == [device[0]]
    proven = _srp(cognito, pool_id, client_id, "cy", device).authenticate_user()["AuthenticationResult"]
    assert _claims(proven["AccessToken"])["device_key"] == device[0]
    # USER_PASSWORD_AUTH with the remembered device: DEVICE_SRP_AUTH at once, its Session carried as
    # JavaScript clients carry it.
    challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                      AuthParameters={"USERNAME": "cy", "PASSWORD": PASSWORD, "DEVICE_KEY": device[0]})
    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
    srp = _srp(cognito, pool_id, client_id, "cy", device)
    verifier = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH", Session=challenge["Session"],
                                                 ChallengeResponses={"USERNAME": "cy", "DEVICE_KEY": device[0],
                                                                     "SRP_A": aws_srp.long_to_hex(srp.large_a_value)})
    assert verifier["ChallengeName"] == "DEVICE_PASSWORD_VERIFIER"
    assert set(verifier["ChallengeParameters"]) == {"SRP_B", "SALT", "SECRET_BLOCK", "USERNAME"}
    answer = srp.process_device_challenge(verifier["ChallengeParameters"])
    tokens = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="DEVICE_PASSWORD_VERIFIER", Session=verifier["Session"],
                                               ChallengeResponses=answer)
    assert _claims(tokens["AuthenticationResult"]["AccessToken"])["device_key"] == device[0]
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException",
                        "Invalid session for the user, session can only be used once.", ClientId=client_id,
                        ChallengeName="DEVICE_PASSWORD_VERIFIER", Session=verifier["Session"], ChallengeResponses=answer)
    cognito.admin_update_device_status(UserPoolId=pool_id, Username="cy", DeviceKey=device[0], DeviceRememberedStatus="not_remembered")
    assert cognito.get_user(AccessToken=access)["Username"] == "cy"
    expect_client_error(cognito.get_device, "ResourceNotFoundException", NO_DEVICE, AccessToken=access, DeviceKey=device[0])


def test_a_remembered_device_stands_in_for_mfa(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool, MfaConfiguration="OFF")
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration={"Enabled": True})
    _user(cognito, pool_id, "di")
    plain = cognito.admin_initiate_auth(UserPoolId=pool_id, ClientId=client_id, AuthFlow="ADMIN_USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": "di", "PASSWORD": PASSWORD})["AuthenticationResult"]
    access = plain["AccessToken"]
    totp = pyotp.TOTP(cognito.associate_software_token(AccessToken=access)["SecretCode"])
    cognito.verify_software_token(AccessToken=access, UserCode=totp.now())
    cognito.set_user_mfa_preference(AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})

    # A new device: MFA first, then tokens with the device's key.
    srp = _srp(cognito, pool_id, client_id, "di")
    challenge = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_SRP_AUTH", AuthParameters=srp.get_auth_params())
    mfa = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="PASSWORD_VERIFIER",
                                            ChallengeResponses=srp.process_challenge(challenge["ChallengeParameters"], srp.get_auth_params()))
    assert mfa["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    # The next window's code: the one verify_software_token took cannot be used again.
    tokens = cognito.respond_to_auth_challenge(ClientId=client_id, ChallengeName="SOFTWARE_TOKEN_MFA", Session=mfa["Session"],
                                               ChallengeResponses={"USERNAME": "di", "SOFTWARE_TOKEN_MFA_CODE": totp.at(time.time() + 30)})
    response, device_password = srp.confirm_device(tokens)
    assert response.json() == {"UserConfirmationNecessary": False}
    device = (srp.device_key, srp.device_group_key, device_password)

    # The remembered device: its proof instead of the code.
    proven = _srp(cognito, pool_id, client_id, "di", device).authenticate_user()["AuthenticationResult"]
    assert _claims(proven["AccessToken"])["device_key"] == device[0]
    # Without it, the code again.
    again = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "di", "PASSWORD": PASSWORD})
    assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


def test_device_operations_refuse_what_cognito_refuses(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool)
    _user(cognito, pool_id, "ed")
    device, _, tokens = _tracked_and_confirmed(cognito, pool_id, client_id, "ed")
    access = tokens["AuthenticationResult"]["AccessToken"]
    verifier = {"PasswordVerifier": base64.b64encode(b"\x02").decode(), "Salt": base64.b64encode(b"\x01").decode()}
    unknown = f"{REGION}_00000000-0000-4000-8000-000000000000"
    expect_client_error(cognito.confirm_device, "InvalidParameterException", "Invalid device key given.",
                        AccessToken=access, DeviceKey=unknown, DeviceSecretVerifierConfig=verifier)
    expect_client_error(cognito.confirm_device, "DeviceKeyExistsException", "Device key already exists.",
                        AccessToken=access, DeviceKey=device[0], DeviceSecretVerifierConfig=verifier)
    for call, params in [(cognito.get_device, {"AccessToken": access}), (cognito.forget_device, {"AccessToken": access}),
                         (cognito.update_device_status, {"AccessToken": access, "DeviceRememberedStatus": "remembered"}),
                         (cognito.admin_get_device, {"UserPoolId": pool_id, "Username": "ed"}),
                         (cognito.admin_forget_device, {"UserPoolId": pool_id, "Username": "ed"}),
                         (cognito.admin_update_device_status, {"UserPoolId": pool_id, "Username": "ed", "DeviceRememberedStatus": "remembered"})]:
        expect_client_error(call, "ResourceNotFoundException", NO_DEVICE, DeviceKey=unknown, **params)
    expect_client_error(cognito.admin_get_device, "UserNotFoundException", "User does not exist.",
                        UserPoolId=pool_id, Username="nobody", DeviceKey=device[0])

    # Tracked, not confirmed: the administrator sees it; status changes do not find it.
    for _ in range(2):
        _srp(cognito, pool_id, client_id, "ed").authenticate_user()
    keys = sorted(d["DeviceKey"] for d in cognito.admin_list_devices(UserPoolId=pool_id, Username="ed")["Devices"])
    assert len(keys) == 3 and device[0] in keys
    tracked = next(key for key in keys if key != device[0])
    expect_client_error(cognito.admin_update_device_status, "ResourceNotFoundException", NO_DEVICE,
                        UserPoolId=pool_id, Username="ed", DeviceKey=tracked, DeviceRememberedStatus="remembered")
    pages, token = [], None
    while True:
        page = cognito.admin_list_devices(UserPoolId=pool_id, Username="ed", Limit=2, **({"PaginationToken": token} if token else {}))
        pages.append([d["DeviceKey"] for d in page["Devices"]])
        token = page.get("PaginationToken")
        if not token:
            break
    assert pages == [keys[:2], keys[2:]]

    # A deleted user takes its devices.
    cognito.admin_delete_user(UserPoolId=pool_id, Username="ed")
    _user(cognito, pool_id, "ed")
    assert cognito.admin_list_devices(UserPoolId=pool_id, Username="ed")["Devices"] == []


def test_a_pool_without_device_configuration_tracks_none(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool, devices=None)
    _user(cognito, pool_id, "fay")
    result = _srp(cognito, pool_id, client_id, "fay").authenticate_user()["AuthenticationResult"]
    assert "NewDeviceMetadata" not in result and "device_key" not in _claims(result["AccessToken"])
    assert cognito.admin_list_devices(UserPoolId=pool_id, Username="fay")["Devices"] == []


def test_a_device_sign_ins_refresh_token_refreshes_only_with_its_device(cognito, make_pool, raw):
    pool_id, client_id = _pool(cognito, make_pool)
    _user(cognito, pool_id, "gil")
    device, _, tokens = _tracked_and_confirmed(cognito, pool_id, client_id, "gil")
    refresh = tokens["AuthenticationResult"]["RefreshToken"]

    def refresh_with(**presented):
        return cognito.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters={"REFRESH_TOKEN": refresh, **presented})
    renewed = refresh_with(DEVICE_KEY=device[0])["AuthenticationResult"]
    assert _claims(renewed["AccessToken"])["device_key"] == device[0]
    invalid = "Invalid Refresh Token."
    expect_client_error(refresh_with, "NotAuthorizedException", invalid)
    expect_client_error(refresh_with, "NotAuthorizedException", invalid, DEVICE_KEY=f"{REGION}_00000000-0000-4000-8000-000000000000")
    assert "AccessToken" in cognito.get_tokens_from_refresh_token(RefreshToken=refresh, ClientId=client_id,
                                                                  DeviceKey=device[0])["AuthenticationResult"]
    expect_client_error(cognito.get_tokens_from_refresh_token, "NotAuthorizedException", invalid, RefreshToken=refresh, ClientId=client_id)

    # A device only tracked: its sign-in's token refreshes without a key too, as JavaScript clients send it (null).
    unconfirmed = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                        AuthParameters={"USERNAME": "gil", "PASSWORD": PASSWORD})["AuthenticationResult"]
    answer = raw.call("InitiateAuth", {"ClientId": client_id, "AuthFlow": "REFRESH_TOKEN_AUTH",
                                       "AuthParameters": {"REFRESH_TOKEN": unconfirmed["RefreshToken"], "DEVICE_KEY": None}})
    assert _claims(answer["AuthenticationResult"]["AccessToken"])["device_key"] == unconfirmed["NewDeviceMetadata"]["DeviceKey"]

    # Forgetting the device ends its refresh tokens.
    cognito.admin_forget_device(UserPoolId=pool_id, Username="gil", DeviceKey=device[0])
    expect_client_error(refresh_with, "NotAuthorizedException", invalid, DEVICE_KEY=device[0])


def test_device_srp_auth_tells_users_apart_only_where_the_client_does(cognito, make_pool):
    pool_id, client_id = _pool(cognito, make_pool)
    hiding = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="hiding", ExplicitAuthFlows=FLOWS,
                                             PreventUserExistenceErrors="ENABLED")["UserPoolClient"]["ClientId"]
    _user(cognito, pool_id, "hal")
    responses = {"USERNAME": "nobody", "DEVICE_KEY": f"{REGION}_00000000-0000-4000-8000-000000000000", "SRP_A": "2"}
    expect_client_error(cognito.respond_to_auth_challenge, "NotAuthorizedException", "Incorrect username or password.",
                        ClientId=hiding, ChallengeName="DEVICE_SRP_AUTH", ChallengeResponses=responses)
    expect_client_error(cognito.respond_to_auth_challenge, "UserNotFoundException", "User does not exist.",
                        ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH", ChallengeResponses=responses)
    device, _, _ = _tracked_and_confirmed(cognito, pool_id, client_id, "hal")
    # A remembered device, but no sign-in of it waits for its proof.
    expect_client_error(cognito.respond_to_auth_challenge, "InvalidParameterException", "Missing required parameter Session",
                        ClientId=client_id, ChallengeName="DEVICE_SRP_AUTH",
                        ChallengeResponses={**responses, "USERNAME": "hal", "DEVICE_KEY": device[0]})

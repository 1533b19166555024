"""What a signed-in user does with its access token: GetUser, UpdateUserAttributes (verification
held back by UserAttributeUpdateSettings), DeleteUserAttributes, ChangePassword,
GetUserAttributeVerificationCode, VerifyUserAttribute, SetUserSettings, DeleteUser."""
from helpers import expect_client_error

PASSWORD = "P2$Sword"


def _signed_in(cognito, make_pool, name="ana", attributes=(), client_settings=None, **pool_settings):
    pool_id = make_pool(**pool_settings)["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=[
        "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], **(client_settings or {}))["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS", UserAttributes=list(attributes))
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=name, Password=PASSWORD, Permanent=True)
    tokens = cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD})["AuthenticationResult"]
    return pool_id, client_id, tokens["AccessToken"]


def _attributes(cognito, token):
    return {a["Name"]: a["Value"] for a in cognito.get_user(AccessToken=token)["UserAttributes"]}


def test_update_and_verify_email(cognito, make_pool, live_server):
    pool_id, _, token = _signed_in(cognito, make_pool, attributes=[{"Name": "email", "Value": "ana@example.com"},
                                                                   {"Name": "email_verified", "Value": "true"}],
                                   AutoVerifiedAttributes=["email"])
    sent = cognito.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": "email", "Value": "ana@new.example"},
                                                                             {"Name": "name", "Value": "Ana"}])
    assert sent["CodeDeliveryDetailsList"] == [{"Destination": "a***@n***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}]
    attributes = _attributes(cognito, token)
    assert (attributes["email"], attributes["email_verified"], attributes["name"]) == ("ana@new.example", "false", "Ana")
    code = live_server.code_sent_to("ana@new.example")
    expect_client_error(cognito.verify_user_attribute, "CodeMismatchException", "Invalid verification code provided, please try again.",
                        AccessToken=token, AttributeName="email", Code="000000" if code != "000000" else "111111")
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)
    assert _attributes(cognito, token)["email_verified"] == "true"
    expect_client_error(cognito.update_user_attributes, "NotAuthorizedException", "A client attempted to write unauthorized attribute",
                        AccessToken=token, UserAttributes=[{"Name": "email_verified", "Value": "true"}])


def test_a_held_back_email_changes_only_when_verified(cognito, make_pool, live_server):
    pool_id, _, token = _signed_in(cognito, make_pool, name="bea", attributes=[{"Name": "email", "Value": "bea@example.com"},
                                                                               {"Name": "email_verified", "Value": "true"}],
                                   AutoVerifiedAttributes=["email"],
                                   UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]})
    cognito.update_user_attributes(AccessToken=token, UserAttributes=[{"Name": "email", "Value": "bea@new.example"}])
    attributes = _attributes(cognito, token)
    assert (attributes["email"], attributes["email_verified"]) == ("bea@example.com", "true"), "the old email stays until verified"
    resent = cognito.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    assert resent["CodeDeliveryDetails"]["Destination"] == "b***@n***"
    cognito.verify_user_attribute(AccessToken=token, AttributeName="email", Code=live_server.code_sent_to("bea@new.example"))
    attributes = _attributes(cognito, token)
    assert (attributes["email"], attributes["email_verified"]) == ("bea@new.example", "true")


def test_read_and_write_attributes_of_the_client(cognito, make_pool):
    _, _, token = _signed_in(cognito, make_pool, name="cy", attributes=[{"Name": "email", "Value": "cy@example.com"},
                                                                         {"Name": "name", "Value": "Cy"},
                                                                         {"Name": "dev:custom:secret", "Value": "s"}],
                             client_settings={"ReadAttributes": ["email"], "WriteAttributes": ["name"]},
                             Schema=[{"Name": "secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True}])
    assert set(_attributes(cognito, token)) == {"sub", "email"}
    cognito.delete_user_attributes(AccessToken=token, UserAttributeNames=["name"])
    expect_client_error(cognito.delete_user_attributes, "NotAuthorizedException", "A client attempted to write unauthorized attribute",
                        AccessToken=token, UserAttributeNames=["email"])


def test_change_password_settings_and_delete(cognito, make_pool):
    pool_id, client_id, token = _signed_in(cognito, make_pool, name="dee")
    expect_client_error(cognito.change_password, "NotAuthorizedException", "Incorrect username or password.",
                        AccessToken=token, PreviousPassword="Wr0ng$Pass", ProposedPassword="N3w-Passw0rd")
    expect_client_error(cognito.change_password, "InvalidPasswordException", "Password does not conform to policy: Password not long enough",
                        AccessToken=token, PreviousPassword=PASSWORD, ProposedPassword="short")
    cognito.change_password(AccessToken=token, PreviousPassword=PASSWORD, ProposedPassword="N3w-Passw0rd")
    cognito.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "dee", "PASSWORD": "N3w-Passw0rd"})
    options = [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    cognito.set_user_settings(AccessToken=token, MFAOptions=options)
    assert cognito.get_user(AccessToken=token)["MFAOptions"] == options
    cognito.delete_user(AccessToken=token)
    expect_client_error(cognito.admin_get_user, "UserNotFoundException", "User does not exist.", UserPoolId=pool_id, Username="dee")
    expect_client_error(cognito.get_user, "UserNotFoundException", "User does not exist.", AccessToken=token)

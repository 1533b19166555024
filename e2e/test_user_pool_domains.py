"""User pool domains (Create/Describe/Update/DeleteUserPoolDomain) and the sign-up links they make
possible (VerificationMessageTemplate CONFIRM_WITH_LINK, GET /confirmUser), with boto3 and the aws CLI."""
import json
import re
import uuid

import requests

from helpers import ACCOUNT_ID, expect_client_error, strip_metadata

LINK = re.compile(r'<a href="(?P<url>[^"]+)">(?P<text>[^<]*)</a>')


def _prefix(tag):
    return f"gh-{tag}-{uuid.uuid4().hex[:10]}"


def _app(cognito, pool_id):
    return cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]


def test_prefix_domain_lifecycle(cognito, make_pool):
    pool = make_pool()
    pool_id = pool["Id"]
    other_id = make_pool()["Id"]
    domain = _prefix("life")
    assert strip_metadata(cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)) == {"ManagedLoginVersion": 1}
    described = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert described["LastModifiedDate"] == pool["LastModifiedDate"], "a domain is not a change of the pool's settings"
    description = cognito.describe_user_pool_domain(Domain=domain)["DomainDescription"]
    version = description.pop("Version")
    assert re.fullmatch(r"20\d{12}", version), version
    assert description == {"UserPoolId": pool_id, "AWSAccountId": ACCOUNT_ID, "Domain": domain, "Status": "ACTIVE",
                           "ManagedLoginVersion": 1}
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Domain"] == domain

    expect_client_error(cognito.create_user_pool_domain, "InvalidParameterException", "User pool already has a domain configured.",
                        UserPoolId=pool_id, Domain=_prefix("second"))
    expect_client_error(cognito.create_user_pool_domain, "InvalidParameterException", "Domain already associated with another user pool.",
                        UserPoolId=other_id, Domain=domain)
    expect_client_error(cognito.create_user_pool_domain, "InvalidParameterException", "Domain cannot contain reserved word: aws",
                        UserPoolId=other_id, Domain="my-aws-login")
    expect_client_error(cognito.create_user_pool_domain, "InvalidParameterException", "ManagedLoginVersion must be 1 or 2.",
                        UserPoolId=other_id, Domain=_prefix("version"), ManagedLoginVersion=3)
    expect_client_error(cognito.create_user_pool_domain, "ResourceNotFoundException", "User pool us-east-1_000000000 does not exist.",
                        UserPoolId="us-east-1_000000000", Domain=_prefix("nopool"))
    assert "Domain" not in cognito.describe_user_pool(UserPoolId=other_id)["UserPool"], "refusals create nothing"
    assert strip_metadata(cognito.describe_user_pool_domain(Domain=_prefix("unknown"))) == {"DomainDescription": {}}

    assert strip_metadata(cognito.update_user_pool_domain(UserPoolId=pool_id, Domain=domain, ManagedLoginVersion=2)) == {
        "ManagedLoginVersion": 2}
    assert cognito.describe_user_pool_domain(Domain=domain)["DomainDescription"]["ManagedLoginVersion"] == 2
    expect_client_error(cognito.update_user_pool_domain, "InvalidParameterException", "No such domain or user pool exists.",
                        UserPoolId=other_id, Domain=domain, ManagedLoginVersion=1)

    expect_client_error(cognito.delete_user_pool, "InvalidParameterException",
                        "User pool cannot be deleted. It has a domain configured that should be deleted first.", UserPoolId=pool_id)
    expect_client_error(cognito.delete_user_pool_domain, "InvalidParameterException", "No such domain or user pool exists.",
                        UserPoolId=other_id, Domain=domain)
    cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    assert strip_metadata(cognito.describe_user_pool_domain(Domain=domain)) == {"DomainDescription": {}}
    assert "Domain" not in cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    cognito.create_user_pool_domain(UserPoolId=other_id, Domain=domain)
    assert cognito.describe_user_pool_domain(Domain=domain)["DomainDescription"]["UserPoolId"] == other_id, "a deleted name is free again"
    cognito.delete_user_pool(UserPoolId=pool_id)


def test_custom_domain_beside_a_prefix_domain(cognito, make_pool):
    pool_id = make_pool()["Id"]
    prefix, custom = _prefix("pre"), _prefix("custom")
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=prefix)
    created = cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=custom,
                                              CustomDomainConfig={"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/a"})
    assert strip_metadata(created) == {"ManagedLoginVersion": 1, "CloudFrontDomain": "127.0.0.1"}
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert (pool["Domain"], pool["CustomDomain"]) == (prefix, custom)
    updated = cognito.update_user_pool_domain(UserPoolId=pool_id, Domain=custom,
                                              CustomDomainConfig={"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/b"})
    assert updated["CloudFrontDomain"] == "127.0.0.1"
    description = cognito.describe_user_pool_domain(Domain=custom)["DomainDescription"]
    assert description["CustomDomainConfig"] == {"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/b"}
    expect_client_error(cognito.update_user_pool_domain, "InvalidParameterException", "CustomDomainConfig applies to custom domains only.",
                        UserPoolId=pool_id, Domain=prefix, CustomDomainConfig={"CertificateArn": "arn:aws:acm:us-east-1:1:certificate/c"})


def test_domains_with_the_aws_cli(aws, make_pool):
    pool_id = make_pool()["Id"]
    domain = _prefix("cli")
    created = aws("cognito-idp", "create-user-pool-domain", "--user-pool-id", pool_id, "--domain", domain)
    assert created.code == 0, created.stderr
    assert json.loads(created.stdout) == {"ManagedLoginVersion": 1}
    described = aws("cognito-idp", "describe-user-pool-domain", "--domain", domain)
    assert json.loads(described.stdout)["DomainDescription"]["UserPoolId"] == pool_id
    refused = aws("cognito-idp", "create-user-pool-domain", "--user-pool-id", pool_id, "--domain", "cognito-login")
    assert refused.code == 255
    assert "(InvalidParameterException) when calling the CreateUserPoolDomain operation: Domain cannot contain reserved word: cognito" \
        in refused.stderr
    deleted = aws("cognito-idp", "delete-user-pool-domain", "--user-pool-id", pool_id, "--domain", domain)
    assert deleted.code == 0, deleted.stderr


def _link_pool(cognito, make_pool, **template):
    pool_id = make_pool(AutoVerifiedAttributes=["email"],
                        VerificationMessageTemplate={"DefaultEmailOption": "CONFIRM_WITH_LINK", **template})["Id"]
    return pool_id, _app(cognito, pool_id)


def _link_sent_to(live_server, recipient):
    message = live_server.outbox(recipient=recipient)[0]
    match = LINK.search(message["Body"])
    assert match, message["Body"]
    return message, match


def test_sign_up_confirmed_by_following_the_emailed_link(cognito, make_pool, live_server):
    pool_id, app = _link_pool(cognito, make_pool, EmailMessageByLink="Welcome! {##Confirm my account##}",
                              EmailSubjectByLink="Confirm")
    expect_client_error(cognito.sign_up, "InvalidParameterException",
                        "Cannot perform specific action because there does not exist a valid use pool domain associated with the user pool",
                        ClientId=app, Username="lena", Password="P2$Sword", UserAttributes=[{"Name": "email", "Value": "lena@example.com"}])
    assert live_server.outbox(recipient="lena@example.com") == [], "a refused sign-up sends nothing"
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=_prefix("link"))

    signed_up = cognito.sign_up(ClientId=app, Username="lena", Password="P2$Sword",
                                UserAttributes=[{"Name": "email", "Value": "lena@example.com"}])
    assert signed_up["CodeDeliveryDetails"] == {"Destination": "l***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    message, link = _link_sent_to(live_server, "lena@example.com")
    assert message["Subject"] == "Confirm"
    assert message["Body"] == f'Welcome! <a href="{link["url"]}">Confirm my account</a>'
    url = link["url"]
    assert re.fullmatch(rf"{re.escape(live_server.endpoint)}/confirmUser\?client_id={app}&user_name=lena&confirmation_code=\d{{6}}", url), url

    code = url.rsplit("=", 1)[1]
    wrong = url[: -len(code)] + ("000000" if code != "000000" else "111111")
    refused = requests.get(wrong, timeout=10)
    assert refused.status_code == 400
    assert refused.headers["Content-Type"] == "text/html; charset=utf-8"
    assert "<p>An error was encountered with the requested page.</p><p>Invalid verification code provided, please try again.</p>" \
        in refused.text
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="lena")["UserStatus"] == "UNCONFIRMED"

    confirmed = requests.get(url, timeout=10)
    assert (confirmed.status_code, "<p>Your registration has been confirmed!</p>" in confirmed.text) == (200, True)
    user = cognito.admin_get_user(UserPoolId=pool_id, Username="lena")
    assert user["UserStatus"] == "CONFIRMED"
    assert {"Name": "email_verified", "Value": "true"} in user["UserAttributes"]
    again = requests.get(url, timeout=10)
    assert again.status_code == 400
    assert "User cannot be confirmed. Current status is CONFIRMED" in again.text


def test_resent_link_replaces_the_first_and_links_need_the_domain(cognito, make_pool, live_server):
    pool_id, app = _link_pool(cognito, make_pool)
    domain = _prefix("resend")
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    cognito.sign_up(ClientId=app, Username="user@name", Password="P2$Sword",
                    UserAttributes=[{"Name": "email", "Value": "mo@example.com"}])
    first_message, first = _link_sent_to(live_server, "mo@example.com")
    assert first_message["Subject"] == "Your verification link"
    assert first_message["Body"].startswith("Please click the link below to verify your email address. <a href=")
    assert "&user_name=user%40name&" in first["url"]
    resent = cognito.resend_confirmation_code(ClientId=app, Username="user@name")
    assert resent["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    _, second = _link_sent_to(live_server, "mo@example.com")
    assert second["url"] != first["url"]
    cognito.delete_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    expect_client_error(cognito.resend_confirmation_code, "InvalidParameterException",
                        "Cannot perform specific action because there does not exist a valid use pool domain associated with the user pool",
                        ClientId=app, Username="user@name")
    without_domain = requests.get(second["url"], timeout=10)
    assert without_domain.status_code == 400
    assert "there does not exist a valid use pool domain" in without_domain.text
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    stale = requests.get(first["url"], timeout=10)
    assert (stale.status_code, "Invalid verification code provided" in stale.text) == (400, True), "a resent link replaces the first"
    assert requests.get(second["url"], timeout=10).status_code == 200
    incomplete = requests.get(f"{live_server.endpoint}/confirmUser?client_id={app}", timeout=10)
    assert incomplete.status_code == 400
    assert "The link lacks client_id, user_name or confirmation_code." in incomplete.text


def test_only_the_sign_up_confirmation_is_a_link(cognito, make_pool, live_server):
    pool_id, app = _link_pool(cognito, make_pool)
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=_prefix("codes"))
    cognito.admin_create_user(UserPoolId=pool_id, Username="kai", MessageAction="SUPPRESS", TemporaryPassword="Temp-Passw0rd",
                              UserAttributes=[{"Name": "email", "Value": "kai@example.com"}, {"Name": "email_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="kai", Password="P2$Sword", Permanent=True)
    cognito.forgot_password(ClientId=app, Username="kai")
    reset = live_server.outbox(recipient="kai@example.com")[0]
    assert (reset["Subject"], LINK.search(reset["Body"])) == ("Your verification code", None)

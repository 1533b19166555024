"""The managed login pages of a pool's domain, driven over plain HTTP as a browser without
JavaScript would: authorize, sign-in, challenges, the session cookie, sign-out, and their refusals."""
import re
import time

import pyotp
import pytest
import requests

from expected import SMS_CONFIGURATION
from helpers import REGION, unique_name
from managed_login import (CALLBACK, PASSWORD, SIGNED_OUT, Forms, Pages, callback_parameters, make_oauth_pool, make_user,
                           server_now)

ERROR_PAGE_TEXT = "An error was encountered with the requested page."


def test_code_flow_signs_in_and_redirects_with_code_and_state(oauth_pool):
    pages = Pages(oauth_pool)
    page = pages.authorize()
    assert page.status_code == 200
    assert pages.url.startswith(oauth_pool.endpoint("/login?"))
    assert "Sign in with your username and password" in page.text
    location = pages.submit("cognitoSignInForm", username="ada", password=PASSWORD)
    parameters = callback_parameters(location)
    assert list(parameters) == ["code", "state"]
    assert parameters["state"] == "st4te"


def test_pages_carry_headers_against_framing_and_caching(oauth_pool):
    page = Pages(oauth_pool).authorize()
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["Content-Type"] == "text/html; charset=utf-8"
    cookie = page.headers["Set-Cookie"]
    assert cookie.startswith("XSRF-TOKEN=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    # Plain HTTP to this machine: no Secure, or the browser would not send it back.
    assert "Secure" not in cookie
    assert f"Path=/_domain/{oauth_pool.domain}/" in cookie


def test_wrong_password_shows_cognitos_message_on_the_page(oauth_pool):
    pages = Pages(oauth_pool)
    page = pages.sign_in(password="Wrong-password-1")
    assert page.status_code == 200
    assert re.search(r'id="loginErrorMessage"[^>]*>Incorrect username or password\.<', page.text)


def test_a_second_authorize_in_the_same_browser_skips_the_password(oauth_pool):
    pages = Pages(oauth_pool)
    first = callback_parameters(pages.sign_in())
    session_cookie = pages.http.cookies.get("cognito")
    assert session_cookie
    second = pages.authorize(state="again")
    assert isinstance(second, str), "the second authorize showed a page"
    parameters = callback_parameters(second)
    assert parameters["state"] == "again" and parameters["code"] != first["code"]


def test_the_sign_in_page_offers_to_continue_the_session(oauth_pool):
    pages = Pages(oauth_pool)
    pages.sign_in()
    page = pages.go(oauth_pool.endpoint("/login") + f"?response_type=code&client_id={oauth_pool.client_id}&redirect_uri={CALLBACK}")
    assert "Sign in as ada" in page.text
    assert "code" in callback_parameters(pages.submit("cognitoSessionForm"))


def test_managed_login_prompt_none_and_login(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server)
    cognito.update_user_pool_domain(UserPoolId=oauth_pool.pool_id, Domain=oauth_pool.domain, ManagedLoginVersion=2)
    make_user(cognito, oauth_pool.pool_id)
    unbranded = Pages(oauth_pool).authorize()
    assert unbranded.status_code == 400 and "Login pages unavailable" in unbranded.text
    cognito.create_managed_login_branding(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id, UseCognitoProvidedValues=True)
    pages = Pages(oauth_pool)
    assert callback_parameters(pages.authorize(prompt="none")) == {"error": "login_required", "state": "st4te"}
    pages.sign_in()
    assert "code" in callback_parameters(pages.authorize(prompt="none"))
    page = pages.authorize(prompt="login")
    assert isinstance(page, requests.Response) and "cognitoSignInForm" in page.text


def test_logout_ends_the_session_and_goes_to_the_logout_url(oauth_pool):
    pages = Pages(oauth_pool)
    pages.sign_in()
    response = pages.http.get(oauth_pool.endpoint("/logout"), params={"client_id": oauth_pool.client_id, "logout_uri": SIGNED_OUT},
                              allow_redirects=False, timeout=10)
    assert response.status_code == 302 and response.headers["Location"] == SIGNED_OUT
    assert "cognito=;" in response.headers["Set-Cookie"] and "Max-Age=0" in response.headers["Set-Cookie"]
    page = pages.authorize()
    assert isinstance(page, requests.Response) and "cognitoSignInForm" in page.text


def test_logout_with_redirect_uri_signs_in_again(oauth_pool):
    pages = Pages(oauth_pool)
    pages.sign_in()
    page = pages.go(oauth_pool.endpoint("/logout") + f"?client_id={oauth_pool.client_id}&redirect_uri={CALLBACK}&response_type=code")
    assert pages.url.startswith(oauth_pool.endpoint("/login?")) and "cognitoSignInForm" in page.text


@pytest.mark.parametrize("query", ["", "?client_id={client}", "?client_id={client}&logout_uri=http://localhost:8765/elsewhere"])
def test_logout_without_a_registered_destination_shows_the_error_page(oauth_pool, query):
    response = requests.get(oauth_pool.endpoint("/logout") + query.format(client=oauth_pool.client_id), allow_redirects=False, timeout=10)
    assert response.status_code == 302
    assert response.headers["Location"].startswith(f"/_domain/{oauth_pool.domain}/error?error=Required+parameters+missing")


def test_a_sign_in_without_the_csrf_token_is_refused(oauth_pool):
    pages = Pages(oauth_pool)
    pages.authorize()
    form = Forms(pages.page.text).form("cognitoSignInForm")
    response = requests.post(pages.url, data={"username": "ada", "password": PASSWORD, "_csrf": form["fields"]["_csrf"]},
                             allow_redirects=False, timeout=10)
    expired = 'id="loginErrorMessage" class="errorMessage-customizable" role="alert">Your sign-in page had expired. Please sign in again.<'
    assert response.status_code == 403 and "Location" not in response.headers and expired in response.text
    forged = pages.go(pages.url, "POST", {"username": "ada", "password": PASSWORD, "_csrf": "00000000-0000-0000-0000-000000000000"})
    assert forged.status_code == 403 and expired in forged.text


def test_the_pages_escape_what_they_echo(oauth_pool):
    hostile = '"><script>alert(1)</script>'
    page = Pages(oauth_pool).authorize(login_hint=hostile)
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    state = Pages(oauth_pool).authorize(state=hostile)
    assert "<script>alert(1)</script>" not in state.text


@pytest.mark.parametrize("prevent, message", [("LEGACY", "User does not exist."), ("ENABLED", "Incorrect username or password.")])
def test_an_unknown_user_is_answered_as_the_clients_prevent_user_existence_errors_says(cognito, make_pool, live_server, prevent, message):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server, client_params={"PreventUserExistenceErrors": prevent})
    page = Pages(oauth_pool).sign_in(username="nobody")
    assert re.search(r'id="loginErrorMessage"[^>]*>' + re.escape(message) + "<", page.text)


def test_new_password_required_on_the_pages(cognito, oauth_pool):
    cognito.admin_create_user(UserPoolId=oauth_pool.pool_id, Username="grace", MessageAction="SUPPRESS", TemporaryPassword="Temp-Pass-1")
    pages = Pages(oauth_pool)
    page = pages.sign_in(username="grace", password="Temp-Pass-1")
    assert "Change Password" in page.text
    mismatch = pages.submit("cognitoChallengeForm", password="New-Pass-123", confirmPassword="Other-Pass-123")
    assert "Passwords do not match." in mismatch.text
    weak = pages.submit("cognitoChallengeForm", password="short", confirmPassword="short")
    assert "Password does not conform to policy" in weak.text
    assert "code" in callback_parameters(pages.submit("cognitoChallengeForm", password="New-Pass-123", confirmPassword="New-Pass-123"))
    assert cognito.admin_get_user(UserPoolId=oauth_pool.pool_id, Username="grace")["UserStatus"] == "CONFIRMED"


def test_authenticator_app_set_up_then_sign_in_with_it(clock_server, make_client):
    cognito = make_client(endpoint=clock_server.endpoint)
    oauth_pool = make_oauth_pool(cognito, lambda **params: cognito.create_user_pool(PoolName=unique_name("totp"))["UserPool"], clock_server)
    cognito.set_user_pool_mfa_config(UserPoolId=oauth_pool.pool_id, MfaConfiguration="ON", SoftwareTokenMfaConfiguration={"Enabled": True})
    make_user(cognito, oauth_pool.pool_id)
    pages = Pages(oauth_pool)
    page = pages.sign_in()
    assert "Set up authenticator app MFA" in page.text
    secret = re.search(r'id="totpSecretKey">([A-Z2-7]+)<', page.text).group(1)
    wrong = pages.submit("cognitoChallengeForm", authentication_code="000000")
    assert "Code mismatch and fail enable Software Token MFA" in wrong.text
    code = pyotp.TOTP(secret).at(server_now(clock_server))
    assert "code" in callback_parameters(pages.submit("cognitoChallengeForm", authentication_code=code))
    now = server_now(clock_server, advance=30)
    again = Pages(oauth_pool)
    page = again.sign_in()
    assert 'name="authentication_code"' in page.text and "authenticator app" in page.text
    assert "code" in callback_parameters(again.submit("cognitoChallengeForm", authentication_code=pyotp.TOTP(secret).at(now)))


def test_sms_mfa_on_the_pages(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server, pool_params={"SmsConfiguration": SMS_CONFIGURATION})
    cognito.set_user_pool_mfa_config(UserPoolId=oauth_pool.pool_id, MfaConfiguration="ON", SmsMfaConfiguration={
        "SmsAuthenticationMessage": "Sign-in code {####}", "SmsConfiguration": SMS_CONFIGURATION})
    phone = "+15550100" + str(int(time.time() * 1000) % 1000).zfill(3)
    cognito.admin_create_user(UserPoolId=oauth_pool.pool_id, Username="ada", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "phone_number", "Value": phone}, {"Name": "phone_number_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=oauth_pool.pool_id, Username="ada", Password=PASSWORD, Permanent=True)
    pages = Pages(oauth_pool)
    page = pages.sign_in()
    assert "We have sent a code by SMS to +*******" in page.text
    wrong = pages.submit("cognitoChallengeForm", authentication_code="000000")
    assert "Invalid code or auth state for the user." in wrong.text
    code = live_server.code_sent_to(phone)
    assert "code" in callback_parameters(pages.submit("cognitoChallengeForm", authentication_code=code))


def sign_up_pool(cognito, make_pool, live_server, **client_params):
    return make_oauth_pool(cognito, make_pool, live_server, pool_params={
        "AutoVerifiedAttributes": ["email"],
        "Schema": [{"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}]}, client_params=client_params)


def test_sign_up_confirm_with_the_emailed_code_then_sign_in(cognito, make_pool, live_server):
    oauth_pool = sign_up_pool(cognito, make_pool, live_server)
    email = f"{unique_name('signup').lower()}@example.com"
    pages = Pages(oauth_pool)
    login = pages.authorize()
    signup_link = re.search(r'href="([^"]*/signup\?[^"]*)"', login.text).group(1).replace("&amp;", "&")
    page = pages.go(requests.compat.urljoin(pages.url, signup_link))
    assert "Sign up with a new account" in page.text and 'name="requiredAttributes[email]"' in page.text
    weak = pages.submit("signupform", username="linus", password="short", **{"requiredAttributes[email]": email})
    assert "Password did not conform with policy: Password not long enough" in weak.text
    page = pages.submit("signupform", username="linus", password=PASSWORD, **{"requiredAttributes[email]": email})
    assert "Confirm your account" in page.text and f"We have sent a code by email to {email[0]}***@e***" in page.text
    wrong = pages.submit("confirmform", code="000000")
    assert "Invalid verification code provided, please try again." in wrong.text
    page = pages.submit("confirmform", code=live_server.code_sent_to(email))
    assert "Your account is confirmed." in page.text
    assert cognito.admin_get_user(UserPoolId=oauth_pool.pool_id, Username="linus")["UserStatus"] == "CONFIRMED"
    assert "code" in callback_parameters(pages.submit("cognitoSignInForm", username="linus", password=PASSWORD))


def test_an_unconfirmed_user_who_signs_in_gets_a_new_code_and_the_confirmation_page(cognito, make_pool, live_server):
    oauth_pool = sign_up_pool(cognito, make_pool, live_server)
    email = f"{unique_name('unconfirmed').lower()}@example.com"
    cognito.sign_up(ClientId=oauth_pool.client_id, Username="tim", Password=PASSWORD,
                    SecretHash=secret_hash("tim", oauth_pool), UserAttributes=[{"Name": "email", "Value": email}])
    pages = Pages(oauth_pool)
    wrong = pages.sign_in(username="tim", password="Wrong-password-1")
    assert "Incorrect username or password." in wrong.text
    page = pages.sign_in(username="tim")
    assert "Confirm your account" in page.text
    assert len(live_server.outbox(recipient=email)) == 2
    resent = pages.submit("resendcodeform")
    assert "Confirm your account" in resent.text and len(live_server.outbox(recipient=email)) == 3
    assert "Your account is confirmed." in pages.submit("confirmform", code=live_server.code_sent_to(email)).text


def test_forgot_password_then_sign_in_with_the_new_one(cognito, make_pool, live_server):
    oauth_pool = sign_up_pool(cognito, make_pool, live_server)
    email = f"{unique_name('forgot').lower()}@example.com"
    make_user(cognito, oauth_pool.pool_id, email=email)
    pages = Pages(oauth_pool)
    login = pages.authorize()
    link = re.search(r'href="([^"]*/forgotPassword\?[^"]*)"', login.text).group(1).replace("&amp;", "&")
    pages.go(requests.compat.urljoin(pages.url, link))
    page = pages.submit("forgotpasswordform", username="ada")
    assert f"We have sent a password reset code by email to {email[0]}***@e***" in page.text
    mismatch = pages.submit("confirmforgotpasswordform", code="123456", password="New-Pass-123", confirmPassword="Other-1")
    assert "Passwords do not match." in mismatch.text
    code = live_server.code_sent_to(email)
    page = pages.submit("confirmforgotpasswordform", code=code, password="New-Pass-123", confirmPassword="New-Pass-123")
    assert "Your password has been changed." in page.text
    assert "code" in callback_parameters(pages.submit("cognitoSignInForm", username="ada", password="New-Pass-123"))


def test_managed_logins_sign_up_page_links_the_clients_terms(cognito, make_pool, live_server):
    oauth_pool = sign_up_pool(cognito, make_pool, live_server)
    signup = oauth_pool.endpoint("/signup") + f"?response_type=code&client_id={oauth_pool.client_id}&redirect_uri={CALLBACK}"
    for name, url in [("terms-of-use", "https://example.com/terms"), ("privacy-policy", "https://example.com/privacy")]:
        cognito.create_terms(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id, TermsName=name, TermsSource="LINK",
                             Enforcement="NONE", Links={"cognito:default": url, "cognito:french": url + "/fr"})
    assert "https://example.com/terms" not in Pages(oauth_pool).go(signup).text  # the classic hosted UI has no terms
    cognito.update_user_pool_domain(UserPoolId=oauth_pool.pool_id, Domain=oauth_pool.domain, ManagedLoginVersion=2)
    cognito.create_managed_login_branding(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id, UseCognitoProvidedValues=True)
    page = Pages(oauth_pool).go(signup)
    assert 'href="https://example.com/terms"' in page.text and 'href="https://example.com/privacy"' in page.text
    french = Pages(oauth_pool).go(signup + "&lang=french")
    assert 'href="https://example.com/terms/fr"' in french.text


def secret_hash(username, oauth_pool):
    import base64
    import hashlib
    import hmac
    digest = hmac.new(oauth_pool.client_secret.encode(), (username + oauth_pool.client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_the_pages_share_the_apis_lockout(oauth_pool):
    pages = Pages(oauth_pool)
    for _ in range(5):
        assert "Incorrect username or password." in pages.sign_in(password="Wrong-password-1").text
    locked = pages.sign_in()
    assert re.search(r'id="loginErrorMessage"[^>]*>Password attempts exceeded<', locked.text)


def test_managed_login_asks_for_the_username_then_the_password(managed_login_pool):
    oauth_pool = managed_login_pool
    pages = Pages(oauth_pool)
    first = pages.authorize()
    assert 'name="username"' in first.text and 'name="password"' not in first.text and ">Next</button>" in first.text
    second = pages.submit("cognitoSignInForm", username="ada")
    assert "Signing in as <strong>ada</strong>" in second.text and 'name="password"' in second.text and ">Continue</button>" in second.text
    wrong = pages.submit("cognitoSignInForm", password="Wrong-password-1")
    assert "Incorrect username or password." in wrong.text and ">Continue</button>" in wrong.text
    assert "code" in callback_parameters(pages.submit("cognitoSignInForm", password=PASSWORD))


def test_a_user_with_two_factors_chooses_one_on_the_pages(clock_server, make_client):
    cognito = make_client(endpoint=clock_server.endpoint)
    oauth_pool = make_oauth_pool(cognito, lambda **params: cognito.create_user_pool(
        PoolName=unique_name("choose"), SmsConfiguration=SMS_CONFIGURATION)["UserPool"], clock_server,
        client_params={"ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]})
    cognito.set_user_pool_mfa_config(UserPoolId=oauth_pool.pool_id, MfaConfiguration="OPTIONAL", SoftwareTokenMfaConfiguration={"Enabled": True},
                                     SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}", "SmsConfiguration": SMS_CONFIGURATION})
    cognito.admin_create_user(UserPoolId=oauth_pool.pool_id, Username="ada", MessageAction="SUPPRESS", UserAttributes=[
        {"Name": "phone_number", "Value": "+15550100999"}, {"Name": "phone_number_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=oauth_pool.pool_id, Username="ada", Password=PASSWORD, Permanent=True)
    hash_ = secret_hash("ada", oauth_pool)
    access = cognito.initiate_auth(ClientId=oauth_pool.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "ada", "PASSWORD": PASSWORD, "SECRET_HASH": hash_})["AuthenticationResult"]["AccessToken"]
    secret = cognito.associate_software_token(AccessToken=access)["SecretCode"]
    cognito.verify_software_token(AccessToken=access, UserCode=pyotp.TOTP(secret).at(server_now(clock_server)))
    cognito.admin_set_user_mfa_preference(UserPoolId=oauth_pool.pool_id, Username="ada", SMSMfaSettings={"Enabled": True},
                                          SoftwareTokenMfaSettings={"Enabled": True})
    pages = Pages(oauth_pool)
    page = pages.sign_in()
    assert "Choose a multi-factor authentication (MFA) method" in page.text
    assert re.findall(r'name="mfa_type" value="(\w+)"', page.text) == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
    page = pages.submit("cognitoChallengeForm", mfa_type="SOFTWARE_TOKEN_MFA")
    assert "Enter the code from your authenticator app." in page.text
    now = server_now(clock_server, advance=30)
    assert "code" in callback_parameters(pages.submit("cognitoChallengeForm", authentication_code=pyotp.TOTP(secret).at(now)))


def test_prompt_login_also_refuses_sign_in_as(managed_login_pool):
    oauth_pool = managed_login_pool
    pages = Pages(oauth_pool)
    pages.sign_in()
    page = pages.authorize(prompt="login")
    assert "Sign in as ada" not in page.text
    csrf = Forms(page.text).form("cognitoSignInForm")["fields"]["_csrf"]
    again = pages.go(pages.url, "POST", {"_csrf": csrf, "signInAs": "true"})
    assert isinstance(again, requests.Response), "signInAs was taken despite prompt=login"


def test_a_domain_base_lists_and_answers_the_host_form(server_factory, make_client):
    server = server_factory(options={"domain-base": "idp.example.test"}).start()
    try:
        cognito = make_client(endpoint=server.endpoint)
        oauth_pool = make_oauth_pool(cognito, lambda **params: cognito.create_user_pool(PoolName=unique_name("base"))["UserPool"], server)
        host = f"{oauth_pool.domain}.auth.{REGION}.idp.example.test:{server.port}"
        discovery = requests.get(f"{oauth_pool.issuer}/.well-known/openid-configuration", timeout=10).json()
        assert discovery["token_endpoint"] == f"http://{host}/oauth2/token"
        query = {"response_type": "code", "client_id": oauth_pool.client_id, "redirect_uri": CALLBACK}
        page = requests.get(f"{server.endpoint}/oauth2/authorize", params=query, headers={"Host": host}, allow_redirects=False, timeout=10)
        assert page.status_code == 302 and page.headers["Location"].startswith("/login?")
        other = requests.get(f"{server.endpoint}/oauth2/authorize", params=query, allow_redirects=False, timeout=10,
                             headers={"Host": f"{oauth_pool.domain}.auth.eu-west-1.idp.example.test:{server.port}"})
        assert other.status_code == 404, "the host names another region than the pool's"
        # Not loopback, plain HTTP: the cookies keep Secure.
        login = requests.get(f"{server.endpoint}/login", params=query, headers={"Host": host}, timeout=10)
        assert "Secure" in login.headers["Set-Cookie"]
    finally:
        server.stop()

"""The console under /_gatehouse/console in a real browser (Debian's chromium through
chromium-driver, as in test_managed_login_browser.py), and its refusals over plain HTTP: pools, a
pool's settings, users searched with ListUsers filters, a user created, disabled, enabled, its
password reset, its sign-up confirmed, deleted; the outbox with its codes in development mode; a
sign-in with an access key whose policy decides what may be done; forms without their CSRF token,
from other sites and through proxies refused; hostile values escaped. Screenshots go to
$GATEHOUSE_E2E_ARTIFACTS (default .tmp/e2e-artifacts)."""
import json
import re

import boto3
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from helpers import ACCOUNT_ID, unique_name
from browser import ARTIFACTS, fill

PASSWORD = "Correct-Horse-1"


def screenshot(browser, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / f"console-{name}.png"))


def text(browser, element_id):
    return browser.find_element(By.ID, element_id).text


def press(browser, label):
    """Presses the button and waits for the page it leads to (a new document, whole)."""
    def document(b):
        return b.execute_script("return [performance.timeOrigin, document.readyState]")
    before = document(browser)[0]
    browser.find_element(By.XPATH, f"//button[normalize-space()='{label}']").click()
    WebDriverWait(browser, 15).until(lambda b: (lambda origin, state: origin != before and state == "complete")(*document(b)))


def status_message(browser):
    return browser.find_element(By.CSS_SELECTOR, "[role=status]").text


def alert(browser):
    return browser.find_element(By.CSS_SELECTOR, "[role=alert]").text


@pytest.fixture
def pool(cognito):
    pool_id = cognito.create_user_pool(PoolName=unique_name("console"), AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])["UserPoolClient"]["ClientId"]
    for name in ("alice", "albert", "bob"):
        cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": f"{name}@example.com"},
                                                  {"Name": "email_verified", "Value": "true"}])
    cognito.sign_up(ClientId=client_id, Username="carol", Password=PASSWORD, UserAttributes=[{"Name": "email", "Value": "carol@example.com"}])
    return pool_id


def test_a_pools_users_in_a_real_browser(browser, live_server, cognito, pool):
    console = f"{live_server.endpoint}/_gatehouse/console"
    browser.get(console)
    browser.find_element(By.LINK_TEXT, cognito.describe_user_pool(UserPoolId=pool)["UserPool"]["Name"]).click()
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("e2e-console-")
    assert f"arn:aws:cognito-idp:us-east-1:{ACCOUNT_ID}:userpool/{pool}" in browser.page_source
    screenshot(browser, "pool")

    browser.find_element(By.LINK_TEXT, "Users").click()
    fill(browser, "filter", 'username ^= "al"')
    press(browser, "Search")
    names = [link.text for link in browser.find_elements(By.CSS_SELECTOR, "tbody td:first-child a")]
    assert sorted(names) == ["albert", "alice"]
    screenshot(browser, "users-search")
    fill(browser, "filter", 'cognito:user_status = "UNCONFIRMED"')
    press(browser, "Search")
    assert [link.text for link in browser.find_elements(By.CSS_SELECTOR, "tbody td:first-child a")] == ["carol"]
    fill(browser, "filter", "nonsense")
    press(browser, "Search")
    assert alert(browser) == "Error while parsing filter."

    browser.get(f"{console}/pools/{pool}/users/carol")
    assert text(browser, "userStatus") == "UNCONFIRMED"
    press(browser, "Confirm sign-up")
    assert (status_message(browser), text(browser, "userStatus")) == ("The sign-up is confirmed.", "CONFIRMED")
    press(browser, "Disable")
    assert (status_message(browser), text(browser, "userEnabled")) == ("The user is disabled.", "no")
    assert cognito.admin_get_user(UserPoolId=pool, Username="carol")["Enabled"] is False
    screenshot(browser, "user-disabled")
    press(browser, "Enable")
    assert (status_message(browser), text(browser, "userEnabled")) == ("The user is enabled.", "yes")
    press(browser, "Reset password")
    assert alert(browser) == ("InvalidParameterException: Cannot reset password for the user as there is no registered/verified "
                              "email or phone_number"), "carol's email is not verified"
    browser.get(f"{console}/pools/{pool}/users/alice")
    press(browser, "Reset password")
    assert status_message(browser) == "The password is reset: the user gets a code to choose a new one."
    assert cognito.admin_get_user(UserPoolId=pool, Username="alice")["UserStatus"] == "RESET_REQUIRED"

    browser.get(f"{console}/pools/{pool}/users")
    fill(browser, "username", "dave")
    fill(browser, "email", "dave@example.com")
    fill(browser, "temporaryPassword", "Temporary-Pass-1")
    press(browser, "Create user")
    assert browser.find_element(By.TAG_NAME, "h1").text == "dave"
    assert text(browser, "userStatus") == "FORCE_CHANGE_PASSWORD"

    browser.get(f"{console}/pools/{pool}/outbox")
    rows = browser.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert "dave@example.com" in rows[0].text and "Temporary-Pass-1" in rows[0].text, "newest first, in development mode"
    assert any("alice@example.com" in row.text and re.search(r"\b\d{6}\b", row.text) for row in rows), "the reset's code"
    screenshot(browser, "outbox")

    browser.get(f"{console}/pools/{pool}/users/dave")
    press(browser, "Delete user")
    assert browser.current_url == f"{console}/pools/{pool}/users"
    assert "dave" not in [user["Username"] for user in cognito.list_users(UserPoolId=pool)["Users"]]


def test_forms_need_their_token_and_this_machine(live_server, cognito, pool):
    console = f"{live_server.endpoint}/_gatehouse/console"
    session = requests.Session()
    page = session.get(f"{console}/pools/{pool}/users/alice", timeout=10)
    token = re.search(r'name="_csrf" value="([^"]+)"', page.text).group(1)
    assert page.headers["X-Frame-Options"] == "DENY" and "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    disable = f"{console}/pools/{pool}/users/alice/disable"
    forged = requests.post(disable, data={"_csrf": token}, timeout=10)  # another site's form: no cookie
    assert forged.status_code == 403 and "The form has expired" in forged.text
    cross_site = session.post(disable, data={"_csrf": token}, headers={"Sec-Fetch-Site": "cross-site"}, timeout=10)
    assert cross_site.status_code == 403 and "The form has expired" in cross_site.text
    assert cognito.admin_get_user(UserPoolId=pool, Username="alice")["Enabled"] is True, "nothing was done"
    done = session.post(disable, data={"_csrf": token}, timeout=10, allow_redirects=False)
    assert (done.status_code, done.headers["Location"]) == (302, f"/_gatehouse/console/pools/{pool}/users/alice?done=disable")
    assert cognito.admin_get_user(UserPoolId=pool, Username="alice")["Enabled"] is False
    proxied = requests.get(console, headers={"X-Forwarded-For": "203.0.113.9"}, timeout=10)
    assert proxied.status_code == 403 and "The console answers this machine only" in proxied.text


def test_hostile_values_are_escaped(live_server, cognito, pool):
    cognito.admin_update_user_attributes(UserPoolId=pool, Username="bob",
                                         UserAttributes=[{"Name": "name", "Value": "<script>alert(1)</script>"}])
    page = requests.get(f"{live_server.endpoint}/_gatehouse/console/pools/{pool}/users/bob", timeout=10).text
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    missing = requests.get(f"{live_server.endpoint}/_gatehouse/console/pools/{pool}/users/%3Cb%3Enobody", timeout=10)
    assert missing.status_code == 400 and "UserNotFoundException: User does not exist." in missing.text and "<b>nobody" not in missing.text


KEYS = {"AccessKeys": [
    {"AccessKeyId": "AKIDCONSOLE", "SecretAccessKey": "console-secret", "Principal": f"arn:aws:iam::{ACCOUNT_ID}:user/operator",
     "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "cognito-idp:*", "Resource": "*"}]}},
    {"AccessKeyId": "AKIDVIEWER", "SecretAccessKey": "viewer-secret", "Principal": f"arn:aws:iam::{ACCOUNT_ID}:user/viewer",
     "Policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["cognito-idp:List*", "cognito-idp:Describe*",
                                                                                     "cognito-idp:AdminGetUser", "cognito-idp:AdminList*"],
                                                       "Resource": "*"}]}},
]}


def test_with_access_keys_the_console_signs_in_and_each_action_is_the_policys(browser, server_factory, tmp_path):
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(KEYS))
    server = server_factory(options={"access-keys-file": str(keys)}).start()
    try:
        admin = boto3.client("cognito-idp", region_name="us-east-1", endpoint_url=server.endpoint,
                             aws_access_key_id="AKIDCONSOLE", aws_secret_access_key="console-secret")
        pool_id = admin.create_user_pool(PoolName="keyed")["UserPool"]["Id"]
        admin.admin_create_user(UserPoolId=pool_id, Username="erin", MessageAction="SUPPRESS")
        console = f"{server.endpoint}/_gatehouse/console"
        assert requests.get(console, timeout=10, allow_redirects=False).headers["Location"] == "/_gatehouse/console/sign-in"

        browser.delete_all_cookies()
        browser.get(console)
        assert browser.current_url == f"{console}/sign-in"
        fill(browser, "accessKeyId", "AKIDVIEWER")
        fill(browser, "secretAccessKey", "wrong")
        press(browser, "Sign in")
        assert alert(browser) == "The access key id or secret is not right."
        fill(browser, "accessKeyId", "AKIDVIEWER")
        fill(browser, "secretAccessKey", "viewer-secret")
        press(browser, "Sign in")
        assert f"Signed in as arn:aws:iam::{ACCOUNT_ID}:user/viewer" in browser.page_source
        screenshot(browser, "signed-in")
        browser.get(f"{console}/pools/{pool_id}/users/erin")
        press(browser, "Disable")
        assert alert(browser) == (f"AccessDeniedException: User: arn:aws:iam::{ACCOUNT_ID}:user/viewer is not authorized to perform: "
                                  f"cognito-idp:AdminDisableUser on resource: arn:aws:cognito-idp:us-east-1:{ACCOUNT_ID}:userpool/{pool_id} "
                                  "because no identity-based policy allows the cognito-idp:AdminDisableUser action")
        assert admin.admin_get_user(UserPoolId=pool_id, Username="erin")["Enabled"] is True
        press(browser, "Sign out")
        assert browser.current_url == f"{console}/sign-in"
        browser.get(console)
        assert browser.current_url == f"{console}/sign-in", "the session ended"
    finally:
        server.stop()

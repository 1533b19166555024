"""Managed login in a real browser (browser.py). The domain is reached by its host name,
<domain>.auth.<region>.localhost, which Chromium resolves to this machine itself; the app is a
small HTTP server on localhost."""
import http.server
import threading
from urllib.parse import parse_qs, urlencode, urlsplit

import pyotp
import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from browser import ARTIFACTS, fill
from helpers import REGION, free_port, unique_name
from managed_login import BRANDED_CSS, PASSWORD, png, server_now


class App:
    """The app the browser comes back to: records each request's path and query."""

    def __init__(self):
        self.port = free_port()
        self.visits = []
        app = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                app.visits.append(self.path)
                body = b"<!DOCTYPE html><title>app</title><p>back in the app</p>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def callback(self):
        return f"http://localhost:{self.port}/callback"

    @property
    def signed_out(self):
        return f"http://localhost:{self.port}/signed-out"


@pytest.fixture
def app():
    app = App()
    yield app
    app.server.shutdown()


def wait_for_url(browser, prefix):
    WebDriverWait(browser, 15).until(lambda b: b.current_url.startswith(prefix))
    return browser.current_url


def test_sign_up_confirm_set_up_totp_sign_in_and_out_in_a_real_browser(browser, app, clock_server, make_client):
    cognito = make_client(endpoint=clock_server.endpoint)
    pool_id = cognito.create_user_pool(PoolName=unique_name("browser"), AutoVerifiedAttributes=["email"], Schema=[
        {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}])["UserPool"]["Id"]
    cognito.set_user_pool_mfa_config(UserPoolId=pool_id, MfaConfiguration="ON", SoftwareTokenMfaConfiguration={"Enabled": True})
    domain = unique_name("browser").lower()[:50]
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain)
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid", "email"],
        AllowedOAuthFlowsUserPoolClient=True, CallbackURLs=[app.callback], LogoutURLs=[app.signed_out],
        SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]["ClientId"]
    base = f"http://{domain}.auth.{REGION}.localhost:{clock_server.port}"
    authorize = f"{base}/oauth2/authorize?" + urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": app.callback,
                                                         "scope": "openid email", "state": "browser-state"})
    email = f"{domain}@example.com"

    browser.get(authorize)
    wait_for_url(browser, f"{base}/login?")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "sign-in-page.png"))
    cognito.set_ui_customization(UserPoolId=pool_id, CSS=BRANDED_CSS, ImageFile=png())
    browser.refresh()
    logo = WebDriverWait(browser, 15).until(expected_conditions.visibility_of_element_located((By.CLASS_NAME, "logo-customizable")))
    assert logo.size["width"] == 120  # the logo was loaded and shown
    banner = browser.find_element(By.CLASS_NAME, "banner-customizable").value_of_css_property("background-color")
    assert banner == "rgba(42, 42, 114, 1)"  # the customization's stylesheet applies
    browser.save_screenshot(str(ARTIFACTS / "sign-in-page-branded.png"))
    browser.find_element(By.LINK_TEXT, "Sign up").click()
    wait_for_url(browser, f"{base}/signup?")
    fill(browser, "signupUsername", "margaret")
    fill(browser, "attribute-email", email)
    fill(browser, "signupPassword", PASSWORD)
    browser.find_element(By.NAME, "signUpButton").click()
    # The click returns before the sign-up is answered: its page shows once the code is sent.
    WebDriverWait(browser, 15).until(expected_conditions.visibility_of_element_located((By.ID, "verification_code")))
    fill(browser, "verification_code", clock_server.code_sent_to(email))
    browser.find_element(By.NAME, "confirm").click()
    WebDriverWait(browser, 15).until(lambda b: "Your account is confirmed." in b.page_source)

    fill(browser, "signInFormPassword", PASSWORD)
    browser.find_element(By.NAME, "signInSubmitButton").click()
    secret = WebDriverWait(browser, 15).until(expected_conditions.visibility_of_element_located((By.ID, "totpSecretKey"))).text
    fill(browser, "totpCodeInput", pyotp.TOTP(secret).at(server_now(clock_server)))
    browser.find_element(By.ID, "signInButton").click()
    landed = urlsplit(wait_for_url(browser, app.callback))
    query = parse_qs(landed.query)
    assert query["state"] == ["browser-state"] and query["code"][0]
    assert "back in the app" in browser.page_source

    browser.get(f"{base}/logout?" + urlencode({"client_id": client_id, "logout_uri": app.signed_out}))
    wait_for_url(browser, app.signed_out)

    # Signed out, the next sign-in asks for the password again, then the authenticator's code.
    now = server_now(clock_server, advance=30)
    browser.get(authorize)
    fill(browser, "signInFormUsername", "margaret")
    fill(browser, "signInFormPassword", PASSWORD)
    browser.find_element(By.NAME, "signInSubmitButton").click()
    fill(browser, "totpCodeInput", pyotp.TOTP(secret).at(now))
    browser.find_element(By.ID, "signInButton").click()
    assert parse_qs(urlsplit(wait_for_url(browser, app.callback)).query)["state"] == ["browser-state"]

    # Still signed in: a second authorize goes straight back to the app.
    browser.get(authorize.replace("browser-state", "silent"))
    assert parse_qs(urlsplit(wait_for_url(browser, app.callback)).query)["state"] == ["silent"]


def test_managed_login_with_a_branding_style_in_a_real_browser(browser, app, cognito, make_pool, live_server):
    pool_id = make_pool()["Id"]
    domain = unique_name("styled").lower()[:50]
    cognito.create_user_pool_domain(UserPoolId=pool_id, Domain=domain, ManagedLoginVersion=2)
    client_id = cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"],
        AllowedOAuthFlowsUserPoolClient=True, CallbackURLs=[app.callback], SupportedIdentityProviders=["COGNITO"])["UserPoolClient"]["ClientId"]
    cognito.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, Settings={"components": {
        "pageBackground": {"lightMode": {"color": "e8f0feff"}},
        "primaryButton": {"lightMode": {"defaults": {"backgroundColor": "0b6e4fff", "textColor": "ffffffff"}}}}},
        Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": png(rgb=(11, 110, 79))}])
    cognito.admin_create_user(UserPoolId=pool_id, Username="grace", MessageAction="SUPPRESS")
    cognito.admin_set_user_password(UserPoolId=pool_id, Username="grace", Password=PASSWORD, Permanent=True)
    base = f"http://{domain}.auth.{REGION}.localhost:{live_server.port}"
    browser.get(f"{base}/oauth2/authorize?" + urlencode({"response_type": "code", "client_id": client_id, "redirect_uri": app.callback,
                                                         "state": "styled"}))
    fill(browser, "signInFormUsername", "grace")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "sign-in-page-managed-login.png"))
    assert browser.find_element(By.TAG_NAME, "body").value_of_css_property("background-color") == "rgba(232, 240, 254, 1)"
    browser.find_element(By.XPATH, "//button[text()='Next']").click()
    fill(browser, "signInFormPassword", PASSWORD)
    browser.find_element(By.XPATH, "//button[text()='Continue']").click()
    assert parse_qs(urlsplit(wait_for_url(browser, app.callback)).query)["state"] == ["styled"]

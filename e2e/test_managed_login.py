"""The managed login pages of a pool's domain, driven over plain HTTP as a browser without
JavaScript would: authorize, sign-in, challenges, the session cookie, sign-out, and their refusals."""
import re

import pyotp
import pytest
import requests

from managed_login import CALLBACK, PASSWORD, SIGNED_OUT, Forms, Pages, callback_parameters, make_oauth_pool, make_user

ERROR_PAGE_TEXT = "An error was encountered with the requested page."


@pytest.fixture
def oauth_pool(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server)
    make_user(cognito, oauth_pool.pool_id)
    return oauth_pool


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

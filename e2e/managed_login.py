"""Managed login for the end-to-end tests: a pool with a domain and an OAuth app client, and a
page driver that signs in on the domain's pages with plain HTTP, as a browser without JavaScript
would (the real browser's tests are in test_managed_login_browser.py)."""
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import requests

from helpers import unique_name

CALLBACK = "http://localhost:8765/callback"
SIGNED_OUT = "http://localhost:8765/signed-out"
PASSWORD = "Correct-Horse-1"


@dataclass
class OAuthPool:
    pool_id: str
    client_id: str
    client_secret: str
    domain: str
    #: The domain's URL in the path form, which any HTTP client reaches.
    domain_url: str
    issuer: str

    def endpoint(self, path):
        return self.domain_url + path


def make_oauth_pool(cognito, make_pool, server, flows=("code", "implicit"),
                    scopes=("openid", "email", "profile", "aws.cognito.signin.user.admin"), generate_secret=True,
                    pool_params=None, client_params=None):
    """A pool with a prefix domain and an app client for the managed login pages."""
    pool = make_pool(**(pool_params or {}))
    domain = unique_name("ml").lower().replace("_", "-")[:60]
    cognito.create_user_pool_domain(UserPoolId=pool["Id"], Domain=domain)
    client = cognito.create_user_pool_client(
        UserPoolId=pool["Id"], ClientName="web", GenerateSecret=generate_secret, AllowedOAuthFlows=list(flows),
        AllowedOAuthScopes=list(scopes), AllowedOAuthFlowsUserPoolClient=True, CallbackURLs=[CALLBACK],
        LogoutURLs=[SIGNED_OUT], SupportedIdentityProviders=["COGNITO"], **(client_params or {}))["UserPoolClient"]
    return OAuthPool(pool["Id"], client["ClientId"], client.get("ClientSecret", ""), domain,
                     f"{server.endpoint}/_domain/{domain}", f"{server.endpoint}/{pool['Id']}")


def make_user(cognito, pool_id, username="ada", email="ada@example.com", password=PASSWORD):
    cognito.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS",
                              UserAttributes=[{"Name": "email", "Value": email}, {"Name": "email_verified", "Value": "true"}])
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)


class Forms(HTMLParser):
    """The forms of a page: each form's name, action and fields (inputs and buttons with a name)."""

    def __init__(self, html):
        super().__init__()
        self.forms, self.text = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"name": attrs.get("name"), "action": attrs.get("action"), "fields": {}})
        elif tag in ("input", "button") and self.forms and attrs.get("name"):
            if attrs.get("type") == "radio" and attrs["name"] in self.forms[-1]["fields"]:
                return
            self.forms[-1]["fields"][attrs["name"]] = attrs.get("value", "")

    def handle_data(self, data):
        self.text.append(data)

    def form(self, name):
        for form in self.forms:
            if form["name"] == name:
                return form
        raise AssertionError(f"no form {name} among {[f['name'] for f in self.forms]}")


class Pages:
    """A browser without JavaScript on a pool's domain: follows redirects within the domain and
    stops at a page, or at a redirect that leaves it (to the app's callback)."""

    def __init__(self, oauth_pool):
        self.pool = oauth_pool
        self.http = requests.Session()

    def go(self, url, method="GET", data=None):
        response = self.http.request(method, url, data=data, allow_redirects=False, timeout=30)
        while response.status_code in (301, 302, 303):
            location = urljoin(url, response.headers["Location"])
            if urlsplit(location).netloc != urlsplit(self.pool.domain_url).netloc:
                return location
            url = location
            response = self.http.get(url, allow_redirects=False, timeout=30)
        self.url, self.page = url, response
        return response

    def authorize(self, **params):
        query = {"response_type": "code", "client_id": self.pool.client_id, "redirect_uri": CALLBACK, "state": "st4te", **params}
        return self.go(self.pool.endpoint("/oauth2/authorize") + "?" + requests.compat.urlencode(query))

    def submit(self, form_name, **fields):
        form = Forms(self.page.text).form(form_name)
        return self.go(urljoin(self.url, form["action"]), "POST", {**form["fields"], **fields})

    def sign_in(self, username="ada", password=PASSWORD, **params):
        page = self.authorize(**params)
        assert isinstance(page, requests.Response), page
        return self.submit("cognitoSignInForm", username=username, password=password)


def server_now(server, advance=0):
    """The development clock's time on `server` (moved forward by `advance` seconds first)."""
    response = requests.post(f"{server.endpoint}/_gatehouse/clock", params={"advanceSeconds": advance}, timeout=10)
    response.raise_for_status()
    return float(response.json()["Now"])


def callback_parameters(location, fragment=False):
    """The parameters of a redirect to the app's callback (query, or fragment for the implicit flow)."""
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" in (CALLBACK, SIGNED_OUT), location
    return {k: v[0] for k, v in parse_qs(parts.fragment if fragment else parts.query).items()}


def png(width=120, height=40, rgb=(200, 30, 60)):
    """A PNG image of one colour, made without an imaging library."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


BRANDED_CSS = (".banner-customizable {padding: 25px 0px 25px 0px; background-color: #2a2a72;} "
               ".submitButton-customizable {background-color: #d62d20; color: #fff;} "
               ".background-customizable {background-color: #fdf6e3;}")

"""Every refusal of the authorize, token, userInfo and logout endpoints, with Cognito's answer
(docs/compatibility.md § Managed login)."""
import base64
import hashlib

import pytest
import requests

from helpers import expect_client_error, unique_name
from managed_login import CALLBACK, PASSWORD, Pages, callback_parameters, make_oauth_pool, make_user

ERROR_PAGE_TEXT = "An error was encountered with the requested page."
VERIFIER = "correct-verifier-" + "x" * 40


def challenge(verifier):
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


@pytest.fixture
def oauth_pool(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server, flows=("code",))
    make_user(cognito, oauth_pool.pool_id)
    return oauth_pool


def authorize_location(oauth_pool, **params):
    """Where /oauth2/authorize sends the browser first."""
    query = {"response_type": "code", "client_id": oauth_pool.client_id, "redirect_uri": CALLBACK, "state": "st4te", **params}
    response = requests.get(oauth_pool.endpoint("/oauth2/authorize"), params={k: v for k, v in query.items() if v is not None},
                            allow_redirects=False, timeout=10)
    assert response.status_code == 302, response.text
    return response.headers["Location"]


def code(oauth_pool, **params):
    """An authorization code for ada."""
    return callback_parameters(Pages(oauth_pool).sign_in(**params))["code"]


def token_request(oauth_pool, auth=True, **data):
    return requests.post(oauth_pool.endpoint("/oauth2/token"), data=data, timeout=10,
                         auth=(oauth_pool.client_id, oauth_pool.client_secret) if auth is True else auth or None)


def assert_oauth_error(response, error):
    assert (response.status_code, response.json()) == (400, {"error": error})
    assert response.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("params, expected", [
    ({"redirect_uri": "http://localhost:8765/other"}, "/error?error=redirect_mismatch&client_id={client}"),
    ({"redirect_uri": CALLBACK + "/"}, "/error?error=redirect_mismatch&client_id={client}"),
    ({"client_id": "nosuchclient1234567890abcd"}, "/error?error=invalid_request&client_id=nosuchclient1234567890abcd"),
    ({"client_id": None}, "/error?error=Required+parameters+missing"),
    ({"redirect_uri": None}, "/error?error=Required+parameters+missing&client_id={client}"),
])
def test_authorize_without_a_trusted_client_and_redirect_shows_the_error_page(oauth_pool, params, expected):
    location = authorize_location(oauth_pool, **params)
    assert location == f"/_domain/{oauth_pool.domain}" + expected.format(client=oauth_pool.client_id)
    page = requests.get(oauth_pool.domain_url.rsplit("/_domain/", 1)[0] + location, timeout=10)
    assert page.status_code == 400
    assert ERROR_PAGE_TEXT in page.text


@pytest.mark.parametrize("params, expected", [
    ({"response_type": "token"}, "#error_description=unauthorized_client&state=st4te&error=invalid_request"),
    ({"response_type": "id_token"}, "?error_description=invalid_request&state=st4te&error=invalid_request"),
    ({"scope": "openid phone"}, "?error_description=invalid_scope&state=st4te&error=invalid_request"),
    ({"scope": "email"}, "?error_description=invalid_scope&state=st4te&error=invalid_request"),
    ({"scope": "offline_access"}, "?error_description=invalid_scope&state=st4te&error=invalid_request"),
    ({"code_challenge": "abc", "code_challenge_method": "plain"}, "?error_description=invalid_request&state=st4te&error=invalid_request"),
    ({"code_challenge": "abc"}, "?error_description=invalid_request&state=st4te&error=invalid_request"),
    ({"identity_provider": "Google"}, "?error_description=invalid_request&state=st4te&error=invalid_request"),
])
def test_authorize_refusals_go_back_to_the_client(oauth_pool, params, expected):
    assert authorize_location(oauth_pool, **params) == CALLBACK + expected


def test_a_wrong_pkce_verifier_is_refused_and_uses_the_code_up(oauth_pool):
    text = code(oauth_pool, code_challenge=challenge(VERIFIER), code_challenge_method="S256")
    exchange = dict(grant_type="authorization_code", code=text, redirect_uri=CALLBACK)
    assert_oauth_error(token_request(oauth_pool, **exchange, code_verifier="wrong-" + "y" * 40), "invalid_grant")
    assert_oauth_error(token_request(oauth_pool, **exchange, code_verifier=VERIFIER), "invalid_grant")


def test_a_missing_verifier_is_refused(oauth_pool):
    text = code(oauth_pool, code_challenge=challenge(VERIFIER), code_challenge_method="S256")
    assert_oauth_error(token_request(oauth_pool, grant_type="authorization_code", code=text, redirect_uri=CALLBACK), "invalid_request")


def test_a_code_works_once(oauth_pool):
    exchange = dict(grant_type="authorization_code", code=code(oauth_pool), redirect_uri=CALLBACK)
    assert token_request(oauth_pool, **exchange).status_code == 200
    assert_oauth_error(token_request(oauth_pool, **exchange), "invalid_grant")


def test_a_redirect_uri_other_than_the_codes_is_refused(oauth_pool):
    exchange = dict(grant_type="authorization_code", code=code(oauth_pool), redirect_uri=CALLBACK + "/")
    assert_oauth_error(token_request(oauth_pool, **exchange), "unauthorized_client")


def test_a_made_up_code_is_refused(oauth_pool):
    assert_oauth_error(token_request(oauth_pool, grant_type="authorization_code", code="not-a-code", redirect_uri=CALLBACK),
                       "invalid_grant")


@pytest.mark.parametrize("auth", [("wrong", "secret"), "wrong-secret", None])
def test_wrong_client_credentials_are_refused(oauth_pool, auth):
    if auth == "wrong-secret":
        auth = (oauth_pool.client_id, "not-the-secret")
    exchange = dict(grant_type="authorization_code", code=code(oauth_pool), redirect_uri=CALLBACK)
    assert_oauth_error(token_request(oauth_pool, auth=auth, **exchange), "invalid_client")


def test_a_client_of_another_pool_is_not_known_at_this_domain(cognito, make_pool, live_server, oauth_pool):
    other = make_oauth_pool(cognito, make_pool, live_server)
    response = requests.post(oauth_pool.endpoint("/oauth2/token"), timeout=10, auth=(other.client_id, other.client_secret),
                             data={"grant_type": "client_credentials"})
    assert_oauth_error(response, "invalid_client")


@pytest.mark.parametrize("data, error", [
    ({"grant_type": "password", "username": "ada", "password": PASSWORD}, "unsupported_grant_type"),
    ({}, "invalid_request"),
    ({"grant_type": "client_credentials"}, "unauthorized_client"),
    ({"grant_type": "refresh_token"}, "invalid_request"),
    ({"grant_type": "refresh_token", "refresh_token": "made-up"}, "invalid_grant"),
    ({"grant_type": "authorization_code", "redirect_uri": CALLBACK}, "invalid_request"),
])
def test_token_requests_cognito_refuses(oauth_pool, data, error):
    assert_oauth_error(token_request(oauth_pool, **data), error)


def test_a_json_body_is_not_a_token_request(oauth_pool):
    response = requests.post(oauth_pool.endpoint("/oauth2/token"), json={"grant_type": "client_credentials"}, timeout=10,
                             auth=(oauth_pool.client_id, oauth_pool.client_secret))
    assert_oauth_error(response, "invalid_request")


def test_an_expired_code_is_refused(clock_server, make_client, make_pool):
    cognito = make_client(endpoint=clock_server.endpoint)
    oauth_pool = make_oauth_pool(cognito, lambda **params: cognito.create_user_pool(PoolName=unique_name("clock"))["UserPool"],
                                 clock_server, flows=("code",))
    make_user(cognito, oauth_pool.pool_id)
    text = code(oauth_pool)
    requests.post(f"{clock_server.endpoint}/_gatehouse/clock", params={"advanceSeconds": 301}, timeout=10).raise_for_status()
    assert_oauth_error(token_request(oauth_pool, grant_type="authorization_code", code=text, redirect_uri=CALLBACK), "invalid_grant")


def test_userinfo_refusals_carry_www_authenticate(oauth_pool, cognito):
    missing = requests.get(oauth_pool.endpoint("/oauth2/userInfo"), timeout=10)
    assert missing.status_code == 400
    assert missing.headers["WWW-Authenticate"] == 'Bearer error="invalid_request", error_description="Bad OAuth2 request at UserInfo Endpoint"'
    bogus = requests.get(oauth_pool.endpoint("/oauth2/userInfo"), headers={"Authorization": "Bearer not.a.token"}, timeout=10)
    assert bogus.status_code == 401
    assert bogus.headers["WWW-Authenticate"] == ('Bearer error="invalid_token", error_description="Access token is expired, disabled, '
                                                 'or deleted, or the user has globally signed out."')
    api_client = cognito.create_user_pool_client(UserPoolId=oauth_pool.pool_id, ClientName="api",
                                                 ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])
    tokens = cognito.initiate_auth(ClientId=api_client["UserPoolClient"]["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                   AuthParameters={"USERNAME": "ada", "PASSWORD": PASSWORD})["AuthenticationResult"]
    api = requests.get(oauth_pool.endpoint("/oauth2/userInfo"), headers={"Authorization": f"Bearer {tokens['AccessToken']}"}, timeout=10)
    assert api.status_code == 401
    assert api.headers["WWW-Authenticate"] == 'Bearer error="invalid_token", error_description="Access token does not contain openid scope"'
    assert api.json() == {"error": "invalid_token", "error_description": "Access token does not contain openid scope"}


def test_an_unknown_domain_answers_404(live_server):
    response = requests.get(f"{live_server.endpoint}/_domain/no-such-domain-xyz/oauth2/authorize", timeout=10)
    assert response.status_code == 404
    assert response.json()["__type"] == "ResourceNotFoundException"


@pytest.mark.parametrize("urls, error", [
    ({"CallbackURLs": ["http://example.com/cb"]}, "http://example.com/cb cannot use the HTTP protocol."),
    ({"CallbackURLs": ["https://example.com/cb"], "LogoutURLs": ["http://localhost.com/"]}, "http://localhost.com/ cannot use the HTTP protocol."),
    ({"CallbackURLs": ["https://example.com/cb"], "DefaultRedirectURI": "https://example.com/other"},
     "DefaultRedirectURI must be one of the CallbackURLs."),
    ({"CallbackURLs": ["http://localhost:3000/cb", "http://127.0.0.1:8080/cb", "http://[::1]/cb", "myapp://callback",
                       "https://example.com/cb"], "LogoutURLs": ["http://localhost/out"]}, None),
])
def test_callback_urls_use_https_but_on_this_machine(cognito, make_pool, urls, error):
    pool_id = make_pool()["Id"]
    create = lambda: cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web", AllowedOAuthFlows=["code"],
                                                     AllowedOAuthScopes=["openid"], AllowedOAuthFlowsUserPoolClient=True, **urls)
    if error:
        expect_client_error(create, "InvalidParameterException", error)
    else:
        assert create()["UserPoolClient"]["CallbackURLs"] == urls["CallbackURLs"]


def test_default_redirect_uri_stands_for_a_missing_redirect_uri(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server, flows=("code",), client_params={"DefaultRedirectURI": CALLBACK})
    assert authorize_location(oauth_pool, redirect_uri=None, prompt=None).startswith(f"/_domain/{oauth_pool.domain}/login?")


def test_concurrent_redemptions_of_one_code_give_tokens_once(oauth_pool):
    from concurrent.futures import ThreadPoolExecutor
    exchange = dict(grant_type="authorization_code", code=code(oauth_pool), redirect_uri=CALLBACK)
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = sorted(pool.map(lambda _: token_request(oauth_pool, **exchange).status_code, range(8)))
    assert statuses == [200] + [400] * 7


def test_callback_urls_have_no_fragment(cognito, make_pool):
    pool_id = make_pool()["Id"]
    expect_client_error(lambda: cognito.create_user_pool_client(
        UserPoolId=pool_id, ClientName="web", AllowedOAuthFlows=["code"], AllowedOAuthScopes=["openid"],
        AllowedOAuthFlowsUserPoolClient=True, CallbackURLs=["https://app.example/cb#x"]),
        "InvalidParameterException", "https://app.example/cb#x cannot contain a fragment.")


@pytest.mark.parametrize("params, expected", [
    ({"scope": "   "}, "?error_description=invalid_scope&state=st4te&error=invalid_request"),
    ({"nonce": "n" * 2049}, "?error_description=invalid_request&state=st4te&error=invalid_request"),
    ({"login_hint": "h" * 2049}, "?error_description=invalid_request&state=st4te&error=invalid_request"),
    ({"state": "s" * 2049}, "?error_description=invalid_request&state=" + "s" * 2049 + "&error=invalid_request"),
])
def test_blank_scopes_and_oversized_parameters_are_refused(oauth_pool, params, expected):
    assert authorize_location(oauth_pool, **params) == CALLBACK + expected


def test_an_api_preflight_does_not_allow_authorization_and_admin_answers_are_not_shared(live_server, cognito, make_pool):
    preflight = requests.options(live_server.endpoint + "/", timeout=10, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-amz-target,authorization"})
    assert preflight.status_code == 200 and preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert preflight.headers["Access-Control-Allow-Headers"] == "content-type,x-amz-target"
    headers = {"Origin": "https://evil.example", "Content-Type": "application/x-amz-json-1.1"}
    public = requests.post(live_server.endpoint + "/", timeout=10, data="{}",
                           headers={**headers, "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth"})
    assert public.headers["Access-Control-Allow-Origin"] == "*"
    assert public.headers["Access-Control-Expose-Headers"] == "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
    admin = requests.post(live_server.endpoint + "/", timeout=10, data="{}",
                          headers={**headers, "X-Amz-Target": "AWSCognitoIdentityProviderService.ListUserPools", "Authorization": "x"})
    assert "Access-Control-Allow-Origin" not in admin.headers


def test_a_session_survives_global_sign_out_and_its_new_tokens_work(cognito, oauth_pool):
    pages = Pages(oauth_pool)
    pages.sign_in()
    cognito.admin_user_global_sign_out(UserPoolId=oauth_pool.pool_id, Username="ada")
    text = callback_parameters(pages.authorize())["code"]
    token = token_request(oauth_pool, grant_type="authorization_code", code=text, redirect_uri=CALLBACK).json()
    userinfo = requests.get(oauth_pool.endpoint("/oauth2/userInfo"), headers={"Authorization": f"Bearer {token['access_token']}"}, timeout=10)
    assert userinfo.status_code == 200 and userinfo.json()["username"] == "ada"

"""The OAuth 2.0 / OpenID Connect endpoints of a pool's domain through an independent client,
authlib: discovery, the code flow with PKCE, the ID token's checks against the JWKS, refresh,
userInfo, revocation, implicit tokens and client_credentials (the refusals: test_oauth_refusals.py)."""
import requests
from authlib.integrations.requests_client import OAuth2Session
from authlib.jose import JsonWebKey, jwt
from authlib.oidc.core import CodeIDToken, ImplicitIDToken

from managed_login import CALLBACK, Pages, callback_parameters, make_oauth_pool, make_user


def discovery(oauth_pool):
    response = requests.get(f"{oauth_pool.issuer}/.well-known/openid-configuration", timeout=10)
    response.raise_for_status()
    return response.json()


def jwks(oauth_pool):
    return JsonWebKey.import_key_set(requests.get(discovery(oauth_pool)["jwks_uri"], timeout=10).json())


def authorization_response(oauth_pool, url):
    """Signs in on the pages an authorize URL leads to; the callback URL the browser lands on."""
    pages = Pages(oauth_pool)
    page = pages.go(url)
    return pages.submit("cognitoSignInForm", username="ada", password="Correct-Horse-1")


def client(oauth_pool, **kwargs):
    return OAuth2Session(oauth_pool.client_id, oauth_pool.client_secret, redirect_uri=CALLBACK, **kwargs)


def code_flow(oauth_pool, scope="openid email profile"):
    """The code flow with PKCE and a nonce, as authlib runs it; its token response, client and nonce."""
    metadata = discovery(oauth_pool)
    session = client(oauth_pool, scope=scope, code_challenge_method="S256")
    verifier = "v" * 64
    nonce = "n0nce-123"
    url, state = session.create_authorization_url(metadata["authorization_endpoint"], code_verifier=verifier, nonce=nonce)
    token = session.fetch_token(metadata["token_endpoint"], authorization_response=authorization_response(oauth_pool, url),
                                code_verifier=verifier)
    return token, session, nonce


def test_discovery_lists_the_domains_endpoints(oauth_pool):
    domain = oauth_pool.domain_url
    assert discovery(oauth_pool) == {
        "authorization_endpoint": f"{domain}/oauth2/authorize",
        "end_session_endpoint": f"{domain}/logout",
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": oauth_pool.issuer,
        "jwks_uri": f"{oauth_pool.issuer}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "revocation_endpoint": f"{domain}/oauth2/revoke",
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint": f"{domain}/oauth2/token",
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "userinfo_endpoint": f"{domain}/oauth2/userInfo",
    }


def test_code_flow_with_pkce_gives_tokens_whose_id_token_passes_oidc_checks(oauth_pool):
    token, session, nonce = code_flow(oauth_pool)
    assert list(token)[:5] == ["id_token", "access_token", "refresh_token", "expires_in", "token_type"]
    assert token["token_type"] == "Bearer" and token["expires_in"] == 3600
    claims = jwt.decode(token["id_token"], jwks(oauth_pool), claims_cls=CodeIDToken,
                        claims_options={"iss": {"essential": True, "value": oauth_pool.issuer},
                                        "aud": {"essential": True, "value": oauth_pool.client_id}},
                        claims_params={"nonce": nonce, "client_id": oauth_pool.client_id, "access_token": token["access_token"]})
    claims.validate()  # iss, aud, exp, iat, nonce, at_hash
    assert claims["nonce"] == nonce and claims["token_use"] == "id" and claims["email"] == "ada@example.com"
    access = jwt.decode(token["access_token"], jwks(oauth_pool))
    access.validate()
    assert access["scope"] == "email openid profile"
    assert access["version"] == 2 and access["client_id"] == oauth_pool.client_id and access["username"] == "ada"


def test_userinfo_answers_the_users_attributes_as_strings(oauth_pool):
    token, session, _ = code_flow(oauth_pool)
    response = session.get(discovery(oauth_pool)["userinfo_endpoint"])
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body == {"sub": body["sub"], "email": "ada@example.com", "email_verified": "true", "username": "ada"}
    assert requests.post(discovery(oauth_pool)["userinfo_endpoint"], timeout=10,
                         headers={"Authorization": f"Bearer {token['access_token']}"}).json() == body


def test_refresh_gives_new_tokens_with_the_sign_ins_scopes_and_revocation_ends_it(oauth_pool):
    token, session, _ = code_flow(oauth_pool)
    metadata = discovery(oauth_pool)
    refreshed = session.refresh_token(metadata["token_endpoint"], refresh_token=token["refresh_token"])
    assert "refresh_token" in refreshed  # authlib keeps the one it had when the answer has none
    assert refreshed["refresh_token"] == token["refresh_token"]
    access = jwt.decode(refreshed["access_token"], jwks(oauth_pool))
    assert access["scope"] == "email openid profile" and access["version"] == 2
    assert "id_token" in refreshed
    revoked = session.revoke_token(metadata["revocation_endpoint"], token=token["refresh_token"], token_type_hint="refresh_token")
    assert revoked.status_code == 200 and revoked.content == b""
    again = requests.post(metadata["token_endpoint"], timeout=10, auth=(oauth_pool.client_id, oauth_pool.client_secret),
                          data={"grant_type": "refresh_token", "refresh_token": token["refresh_token"]})
    assert (again.status_code, again.json()) == (400, {"error": "invalid_grant"})
    userinfo = requests.get(metadata["userinfo_endpoint"], timeout=10, headers={"Authorization": f"Bearer {refreshed['access_token']}"})
    assert userinfo.status_code == 401


def test_implicit_flow_returns_tokens_in_the_fragment(oauth_pool):
    metadata = discovery(oauth_pool)
    session = client(oauth_pool, scope="openid email")
    url, state = session.create_authorization_url(metadata["authorization_endpoint"], response_type="token", nonce="n-1")
    fragment = callback_parameters(authorization_response(oauth_pool, url), fragment=True)
    assert list(fragment) == ["id_token", "access_token", "token_type", "expires_in", "state"]
    assert fragment["token_type"] == "bearer" and fragment["expires_in"] == "3600" and fragment["state"] == state
    claims = jwt.decode(fragment["id_token"], jwks(oauth_pool), claims_cls=ImplicitIDToken,
                        claims_params={"nonce": "n-1", "client_id": oauth_pool.client_id, "access_token": fragment["access_token"]})
    claims.validate()


def test_client_credentials_grants_the_custom_scopes_asked_for(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server, flows=(), scopes=())
    cognito.create_resource_server(UserPoolId=oauth_pool.pool_id, Identifier="https://api.example.com", Name="api",
                                   Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}, {"ScopeName": "write", "ScopeDescription": "w"}])
    machine = cognito.create_user_pool_client(
        UserPoolId=oauth_pool.pool_id, ClientName="machine", GenerateSecret=True, AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["https://api.example.com/read", "https://api.example.com/write"],
        AllowedOAuthFlowsUserPoolClient=True)["UserPoolClient"]
    session = OAuth2Session(machine["ClientId"], machine["ClientSecret"], scope="https://api.example.com/read other/scope")
    token = session.fetch_token(discovery(oauth_pool)["token_endpoint"], grant_type="client_credentials")
    assert sorted(token) == ["access_token", "expires_at", "expires_in", "token_type"]  # expires_at is authlib's
    claims = jwt.decode(token["access_token"], jwks(oauth_pool))
    claims.validate()
    assert list(claims) == ["sub", "token_use", "scope", "auth_time", "iss", "exp", "iat", "version", "jti", "client_id"]
    assert claims["sub"] == machine["ClientId"] == claims["client_id"]
    assert claims["scope"] == "https://api.example.com/read" and claims["version"] == 2
    everything = OAuth2Session(machine["ClientId"], machine["ClientSecret"], token_endpoint_auth_method="client_secret_post")
    claims = jwt.decode(everything.fetch_token(discovery(oauth_pool)["token_endpoint"], grant_type="client_credentials")["access_token"],
                        jwks(oauth_pool))
    assert claims["scope"] == "https://api.example.com/read https://api.example.com/write"
    userinfo = requests.get(discovery(oauth_pool)["userinfo_endpoint"], timeout=10,
                            headers={"Authorization": f"Bearer {token['access_token']}"})
    assert userinfo.status_code == 401


def test_the_code_flow_grants_custom_scopes(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server, flows=("code",), scopes=("openid",))
    cognito.create_resource_server(UserPoolId=oauth_pool.pool_id, Identifier="orders", Name="orders",
                                   Scopes=[{"ScopeName": "read", "ScopeDescription": "r"}])
    cognito.update_user_pool_client(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id, AllowedOAuthFlows=["code"],
                                    AllowedOAuthScopes=["openid", "orders/read"], AllowedOAuthFlowsUserPoolClient=True,
                                    CallbackURLs=[CALLBACK], SupportedIdentityProviders=["COGNITO"])
    make_user(cognito, oauth_pool.pool_id)
    token, _, _ = code_flow(oauth_pool, scope="openid orders/read")
    assert jwt.decode(token["access_token"], jwks(oauth_pool))["scope"] == "openid orders/read"


def test_either_secret_of_a_rotation_authenticates_at_the_token_endpoint(cognito, oauth_pool):
    added = cognito.add_user_pool_client_secret(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id)["ClientSecretDescriptor"]
    for secret in (oauth_pool.client_secret, added["ClientSecretValue"]):
        session = OAuth2Session(oauth_pool.client_id, secret, redirect_uri=CALLBACK, scope="openid")
        url, _ = session.create_authorization_url(discovery(oauth_pool)["authorization_endpoint"])
        token = session.fetch_token(discovery(oauth_pool)["token_endpoint"], authorization_response=authorization_response(oauth_pool, url))
        assert token["token_type"] == "Bearer"

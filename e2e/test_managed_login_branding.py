"""Create/Describe/DescribeByClient/Update/DeleteManagedLoginBranding: an app client's managed login
style, and what managed login's pages show of it."""
import re

import pytest
import requests

from helpers import expect_client_error
from managed_login import Pages, make_oauth_pool, png

SETTINGS = {"components": {"pageBackground": {"lightMode": {"color": "fdf6e3ff"}},
                           "primaryButton": {"lightMode": {"defaults": {"backgroundColor": "d62d20ff", "textColor": "ffffffff"}}}}}
SOURCE = "useCognitoProvidedValues or settings should be specified (but not both)"


@pytest.fixture
def oauth_pool(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server)
    cognito.update_user_pool_domain(UserPoolId=oauth_pool.pool_id, Domain=oauth_pool.domain, ManagedLoginVersion=2)
    return oauth_pool


def test_branding_life_cycle(cognito, oauth_pool):
    created = cognito.create_managed_login_branding(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id,
                                                    UseCognitoProvidedValues=True)["ManagedLoginBranding"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", created["ManagedLoginBrandingId"])
    assert {k: v for k, v in created.items() if "Date" not in k} == {
        "ManagedLoginBrandingId": created["ManagedLoginBrandingId"], "UserPoolId": oauth_pool.pool_id,
        "UseCognitoProvidedValues": True, "Assets": []}
    by_client = cognito.describe_managed_login_branding_by_client(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id)
    assert by_client["ManagedLoginBranding"] == created
    expect_client_error(lambda: cognito.create_managed_login_branding(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id,
                                                                      UseCognitoProvidedValues=True),
                        "ManagedLoginBrandingExistsException", f"The app client {oauth_pool.client_id} already has a managed login branding style.")
    logo = png()
    updated = cognito.update_managed_login_branding(
        UserPoolId=oauth_pool.pool_id, ManagedLoginBrandingId=created["ManagedLoginBrandingId"], Settings=SETTINGS,
        Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": logo}])["ManagedLoginBranding"]
    assert updated["Settings"] == SETTINGS and updated["UseCognitoProvidedValues"] is False
    assert updated["Assets"] == [{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": logo}]
    described = cognito.describe_managed_login_branding(UserPoolId=oauth_pool.pool_id,
                                                        ManagedLoginBrandingId=created["ManagedLoginBrandingId"])["ManagedLoginBranding"]
    assert described == updated

    page = Pages(oauth_pool).authorize()
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', page.text).group(1)
    root = oauth_pool.domain_url.rsplit("/_domain/", 1)[0]
    css = requests.get(root + stylesheet, timeout=10).text
    assert "body { background-color: #fdf6e3ff; }" in css and "background-color: #d62d20ff;" in css
    image = re.search(r'<img class="logo-customizable" src="([^"]+)"', page.text).group(1)
    served = requests.get(root + image, timeout=10)
    assert served.content == logo and served.headers["Content-Type"] == "image/png"
    assert "sandbox" in served.headers["Content-Security-Policy"]

    cognito.delete_managed_login_branding(UserPoolId=oauth_pool.pool_id, ManagedLoginBrandingId=created["ManagedLoginBrandingId"])
    expect_client_error(lambda: cognito.describe_managed_login_branding(UserPoolId=oauth_pool.pool_id,
                                                                        ManagedLoginBrandingId=created["ManagedLoginBrandingId"]),
                        "ResourceNotFoundException", f"Managed login branding style {created['ManagedLoginBrandingId']} does not exist.")
    expect_client_error(lambda: cognito.describe_managed_login_branding_by_client(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id),
                        "ResourceNotFoundException", f"The app client {oauth_pool.client_id} has no managed login branding style.")


@pytest.mark.parametrize("source", [{}, {"UseCognitoProvidedValues": False}, {"UseCognitoProvidedValues": True, "Settings": SETTINGS}])
def test_a_style_takes_cognitos_values_or_settings_not_both(cognito, oauth_pool, source):
    expect_client_error(lambda: cognito.create_managed_login_branding(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id,
                                                                      **source), "InvalidParameterException", SOURCE)


def test_assets_are_merged_by_category_and_color_mode(cognito, oauth_pool):
    first, second = png(rgb=(1, 2, 3)), png(rgb=(4, 5, 6))
    created = cognito.create_managed_login_branding(
        UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id, UseCognitoProvidedValues=True,
        Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": first}])["ManagedLoginBranding"]
    updated = cognito.update_managed_login_branding(
        UserPoolId=oauth_pool.pool_id, ManagedLoginBrandingId=created["ManagedLoginBrandingId"], UseCognitoProvidedValues=True,
        Assets=[{"Category": "FORM_LOGO", "ColorMode": "LIGHT", "Extension": "PNG", "Bytes": second},
                {"Category": "FORM_LOGO", "ColorMode": "DARK", "Extension": "PNG", "Bytes": first}])["ManagedLoginBranding"]
    assert [(a["ColorMode"], a["Bytes"]) for a in updated["Assets"]] == [("LIGHT", second), ("DARK", first)]


def test_the_lite_plan_has_no_managed_login_branding(cognito, make_pool, live_server):
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server, pool_params={"UserPoolTier": "LITE"})
    expect_client_error(lambda: cognito.create_managed_login_branding(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id,
                                                                      UseCognitoProvidedValues=True),
                        "FeatureUnavailableInTierException", "Managed login branding is not available in the LITE feature plan.")

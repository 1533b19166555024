"""SetUICustomization and GetUICustomization: the classic hosted UI's CSS and logo, per app client
or for the pool (ALL), served with the domain's pages."""
import re

import pytest
import requests

from helpers import expect_client_error
from managed_login import BRANDED_CSS, Pages, make_oauth_pool, png


@pytest.fixture
def oauth_pool(cognito, make_pool, live_server):
    return make_oauth_pool(cognito, make_pool, live_server)


def test_a_pool_without_a_domain_cannot_be_customized(cognito, make_pool):
    pool_id = make_pool()["Id"]
    expect_client_error(lambda: cognito.set_ui_customization(UserPoolId=pool_id, CSS=BRANDED_CSS), "InvalidParameterException",
                        "There has to be an existing domain associated with this user pool")
    assert cognito.get_ui_customization(UserPoolId=pool_id)["UICustomization"] == {}


def test_pool_customization_is_served_with_the_pages_and_a_client_can_have_its_own(cognito, oauth_pool):
    logo = png()
    answer = cognito.set_ui_customization(UserPoolId=oauth_pool.pool_id, CSS=BRANDED_CSS, ImageFile=logo)["UICustomization"]
    assert answer["UserPoolId"] == oauth_pool.pool_id and answer["ClientId"] == "ALL" and answer["CSS"] == BRANDED_CSS
    assert re.fullmatch(r"\d{14}", answer["CSSVersion"])
    assert answer["ImageUrl"] == f"{oauth_pool.domain_url}/assets/ALL/{answer['CSSVersion']}/image.jpg"
    image = requests.get(answer["ImageUrl"], timeout=10)
    assert image.status_code == 200 and image.content == logo and image.headers["Content-Type"] == "image/png"
    described = cognito.get_ui_customization(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id)["UICustomization"]
    assert {k: described[k] for k in ("ClientId", "CSS", "CSSVersion", "ImageUrl")} == {
        k: answer[k] for k in ("ClientId", "CSS", "CSSVersion", "ImageUrl")}

    page = Pages(oauth_pool).authorize()
    stylesheet = re.search(r'<link rel="stylesheet" href="([^"]+)">', page.text).group(1)
    assert requests.get(oauth_pool.domain_url.rsplit("/_domain/", 1)[0] + stylesheet, timeout=10).text == BRANDED_CSS
    assert f'src="/_domain/{oauth_pool.domain}/assets/ALL/{answer["CSSVersion"]}/image.jpg"' in page.text

    own = ".submitButton-customizable {background-color: #000;}"
    cognito.set_ui_customization(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id, CSS=own)
    described = cognito.get_ui_customization(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id)["UICustomization"]
    assert described["ClientId"] == oauth_pool.client_id and described["CSS"] == own and "ImageUrl" not in described
    page = Pages(oauth_pool).authorize()
    assert "/image.jpg" not in page.text
    assert cognito.get_ui_customization(UserPoolId=oauth_pool.pool_id)["UICustomization"]["ClientId"] == "ALL"


@pytest.mark.parametrize("css, message", [
    ("body {color: red;}", "The CSS selector body is not one of the customizable classes."),
    (".banner-customizable img {padding: 1px;}", "The CSS selector .banner-customizable img is not one of the customizable classes."),
    ("@import url(https://evil.example.com/x.css);", "The CSS may not contain @: only rules of the customizable classes are allowed."),
    (".label-customizable {color: red;} </style><script>alert(1)</script>",
     "The CSS may not contain <: only rules of the customizable classes are allowed."),
    (".label-customizable {color red}", "The CSS declaration color red of .label-customizable is not property: value."),
    (".label-customizable {color: red;", "The CSS is not a list of rules: a { or } is missing."),
    (".label-customizable { input:not([value^=a]) {color: red;} }", "The CSS is not a list of rules: a { or } is missing."),
    (".logo-customizable {background: image-set(\"https://evil.example/x.png\" 1x);}",
     "The CSS may not contain image-set(: only rules of the customizable classes are allowed."),
])
def test_css_beyond_the_customizable_classes_is_refused(cognito, oauth_pool, css, message):
    expect_client_error(lambda: cognito.set_ui_customization(UserPoolId=oauth_pool.pool_id, CSS=css), "InvalidParameterException", message)


def test_a_logo_must_be_a_small_png_or_jpeg(cognito, oauth_pool):
    for image in [b"GIF89a" + b"\x00" * 100, b"\x89PNG\r\n\x1a\n" + b"\x00" * 102_400]:
        expect_client_error(lambda: cognito.set_ui_customization(UserPoolId=oauth_pool.pool_id, ImageFile=image),
                            "InvalidParameterException", "The logo must be a PNG or JPEG image of at most 100 KB.")


def test_customization_of_an_unknown_client(cognito, oauth_pool):
    expect_client_error(lambda: cognito.set_ui_customization(UserPoolId=oauth_pool.pool_id, ClientId="nosuchclient1234567890abcd",
                                                             CSS=BRANDED_CSS),
                        "ResourceNotFoundException", "User pool client nosuchclient1234567890abcd does not exist.")

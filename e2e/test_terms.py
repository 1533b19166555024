"""CreateTerms, DescribeTerms, ListTerms, UpdateTerms and DeleteTerms: an app client's terms of use
and privacy policy, one of each name per client."""
import re

import pytest

from helpers import expect_client_error

UUID4 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture
def client(cognito, make_pool):
    pool_id = make_pool()["Id"]
    return pool_id, cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]


def create(cognito, pool_id, client_id, name="terms-of-use", links=None):
    return cognito.create_terms(UserPoolId=pool_id, ClientId=client_id, TermsName=name, TermsSource="LINK", Enforcement="NONE",
                                Links=links or {"cognito:default": "https://example.com/terms"})["Terms"]


def test_terms_life_cycle(cognito, client):
    pool_id, client_id = client
    terms = create(cognito, pool_id, client_id)
    assert UUID4.match(terms["TermsId"])
    assert {k: v for k, v in terms.items() if "Date" not in k} == {
        "TermsId": terms["TermsId"], "UserPoolId": pool_id, "ClientId": client_id, "TermsName": "terms-of-use",
        "TermsSource": "LINK", "Enforcement": "NONE", "Links": {"cognito:default": "https://example.com/terms"}}
    assert cognito.describe_terms(UserPoolId=pool_id, TermsId=terms["TermsId"])["Terms"] == terms
    privacy = create(cognito, pool_id, client_id, "privacy-policy")
    listed = cognito.list_terms(UserPoolId=pool_id)["Terms"]
    assert [t["TermsId"] for t in listed] == [privacy["TermsId"], terms["TermsId"]]
    assert set(listed[0]) == {"TermsId", "TermsName", "Enforcement", "CreationDate", "LastModifiedDate"}
    updated = cognito.update_terms(UserPoolId=pool_id, TermsId=terms["TermsId"], Links={"cognito:english": "https://example.com/en"})["Terms"]
    assert updated["Links"] == {"cognito:english": "https://example.com/en"} and updated["TermsName"] == "terms-of-use"
    cognito.delete_terms(UserPoolId=pool_id, TermsId=terms["TermsId"])
    expect_client_error(lambda: cognito.describe_terms(UserPoolId=pool_id, TermsId=terms["TermsId"]), "ResourceNotFoundException",
                        f"Terms {terms['TermsId']} does not exist.")


def test_a_client_has_one_document_of_each_name(cognito, client):
    pool_id, client_id = client
    terms = create(cognito, pool_id, client_id)
    expect_client_error(lambda: create(cognito, pool_id, client_id), "TermsExistsException",
                        "Terms document names must be unique to the app client.")
    privacy = create(cognito, pool_id, client_id, "privacy-policy")
    expect_client_error(lambda: cognito.update_terms(UserPoolId=pool_id, TermsId=privacy["TermsId"], TermsName="terms-of-use"),
                        "TermsExistsException", "Terms document names must be unique to the app client.")
    cognito.delete_terms(UserPoolId=pool_id, TermsId=terms["TermsId"])
    renamed = cognito.update_terms(UserPoolId=pool_id, TermsId=privacy["TermsId"], TermsName="terms-of-use")["Terms"]
    assert renamed["TermsId"] == privacy["TermsId"] and renamed["TermsName"] == "terms-of-use"
    assert [t["TermsId"] for t in cognito.list_terms(UserPoolId=pool_id)["Terms"]] == [privacy["TermsId"]]


def test_terms_of_an_unknown_client_or_with_a_bad_name(cognito, client):
    pool_id, _ = client
    expect_client_error(lambda: create(cognito, pool_id, "nosuchclient1234567890abcd"), "ResourceNotFoundException",
                        "User pool client nosuchclient1234567890abcd does not exist.")
    expect_client_error(lambda: create(cognito, pool_id, client[1], name="cookie-policy"), "InvalidParameterException",
                        "1 validation error detected: Value 'cookie-policy' at 'termsName' failed to satisfy constraint: "
                        "Member must satisfy regular expression pattern: ^(terms-of-use|privacy-policy)$")
    expect_client_error(lambda: create(cognito, pool_id, client[1], links={"cognito:klingon": "https://example.com"}),
                        "InvalidParameterException",
                        "1 validation error detected: Value 'cognito:klingon' at 'links' failed to satisfy constraint: Member must "
                        "satisfy regular expression pattern: ^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|"
                        "italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$")
    expect_client_error(lambda: create(cognito, pool_id, client[1], links={"cognito:default": "javascript:alert(1)"}),
                        "InvalidParameterException", "The link javascript:alert(1) is not an http:// or https:// URL.")

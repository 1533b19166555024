"""SetRiskConfiguration and DescribeRiskConfiguration: threat protection's settings of a pool and
its app clients, on the PLUS plan. (What they act on comes with the rest of threat protection.)"""
import pytest

from helpers import expect_client_error

TAKEOVER = {"Actions": {"MediumAction": {"EventAction": "MFA_REQUIRED", "Notify": False},
                        "HighAction": {"EventAction": "BLOCK", "Notify": False}}}
COMPROMISED = {"EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}}


@pytest.fixture
def plus_pool(cognito, make_pool):
    pool_id = make_pool(UserPoolTier="PLUS")["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]["ClientId"]
    return pool_id, client_id


def test_pool_and_client_configurations(cognito, plus_pool):
    pool_id, client_id = plus_pool
    assert cognito.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"] == {"UserPoolId": pool_id}
    answer = cognito.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration=COMPROMISED,
                                            AccountTakeoverRiskConfiguration=TAKEOVER,
                                            RiskExceptionConfiguration={"BlockedIPRangeList": ["10.10.10.10/32"]})["RiskConfiguration"]
    assert answer == {"UserPoolId": pool_id, "CompromisedCredentialsRiskConfiguration": COMPROMISED,
                      "AccountTakeoverRiskConfiguration": TAKEOVER, "RiskExceptionConfiguration": {"BlockedIPRangeList": ["10.10.10.10/32"]}}
    described = cognito.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
    assert {k: v for k, v in described.items() if k != "LastModifiedDate"} == answer and described["LastModifiedDate"]
    inherited = cognito.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
    assert inherited["ClientId"] == client_id and inherited["CompromisedCredentialsRiskConfiguration"] == COMPROMISED
    cognito.set_risk_configuration(UserPoolId=pool_id, ClientId=client_id,
                                   RiskExceptionConfiguration={"SkippedIPRangeList": ["2001:db8::/32"]})
    own = cognito.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
    assert own["RiskExceptionConfiguration"] == {"SkippedIPRangeList": ["2001:db8::/32"]} and "CompromisedCredentialsRiskConfiguration" not in own
    cognito.set_risk_configuration(UserPoolId=pool_id, ClientId=client_id)  # back to the pool's
    assert cognito.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]["CompromisedCredentialsRiskConfiguration"] == COMPROMISED
    cognito.set_risk_configuration(UserPoolId=pool_id)  # back to the defaults
    assert cognito.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"] == {"UserPoolId": pool_id}


@pytest.mark.parametrize("settings, message", [
    ({"RiskExceptionConfiguration": {"BlockedIPRangeList": ["10.10.10.300/32"]}},
     "10.10.10.300/32 is not an IP address range in CIDR notation."),
    ({"RiskExceptionConfiguration": {"SkippedIPRangeList": ["10.0.0.0"]}}, "10.0.0.0 is not an IP address range in CIDR notation."),
    ({"AccountTakeoverRiskConfiguration": {"Actions": {"HighAction": {"EventAction": "BLOCK", "Notify": True}}}},
     "An account takeover action that notifies needs a NotifyConfiguration."),
])
def test_configurations_cognito_cannot_use_are_refused(cognito, plus_pool, settings, message):
    expect_client_error(lambda: cognito.set_risk_configuration(UserPoolId=plus_pool[0], **settings), "InvalidParameterException", message)


def test_threat_protection_needs_the_plus_plan(cognito, make_pool):
    pool_id = make_pool(UserPoolTier="ESSENTIALS")["Id"]
    expect_client_error(lambda: cognito.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration=COMPROMISED),
                        "FeatureUnavailableInTierException", "Threat protection requires the PLUS feature plan.")


def test_an_unknown_client(cognito, plus_pool):
    expect_client_error(lambda: cognito.describe_risk_configuration(UserPoolId=plus_pool[0], ClientId="nosuchclient1234567890abcd"),
                        "ResourceNotFoundException", "User pool client nosuchclient1234567890abcd does not exist.")

"""Expected Cognito output: the canonical Describe of a name-only pool (docs/cognito-notes.md §1.2, §1.3)."""
import copy

from helpers import ACCOUNT_ID, REGION, pool_arn

_TEXT = {"MinLength": "0", "MaxLength": "2048"}


def _string(name, mutable=True, required=False, constraints=_TEXT):
    return {"Name": name, "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
            "Mutable": mutable, "Required": required, "StringAttributeConstraints": dict(constraints)}


def _boolean(name):
    return {"Name": name, "AttributeDataType": "Boolean", "DeveloperOnlyAttribute": False,
            "Mutable": True, "Required": False}


STANDARD_SCHEMA = [
    _string("sub", mutable=False, required=True, constraints={"MinLength": "1", "MaxLength": "2048"}),
    *[_string(n) for n in ("name", "given_name", "family_name", "middle_name", "nickname",
                           "preferred_username", "profile", "picture", "website", "email")],
    _boolean("email_verified"),
    _string("gender"),
    _string("birthdate", constraints={"MinLength": "10", "MaxLength": "10"}),
    *[_string(n) for n in ("zoneinfo", "locale", "phone_number")],
    _boolean("phone_number_verified"),
    _string("address"),
    {"Name": "updated_at", "AttributeDataType": "Number", "DeveloperOnlyAttribute": False,
     "Mutable": True, "Required": False, "NumberAttributeConstraints": {"MinValue": "0"}},
]

DEFAULT_PASSWORD_POLICY = {"MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
                           "RequireNumbers": True, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7}
DEFAULT_POLICIES = {"PasswordPolicy": DEFAULT_PASSWORD_POLICY,
                    "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]}}
DEFAULT_RECOVERY = {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_phone_number"},
                                           {"Priority": 2, "Name": "verified_email"}]}


def default_pool(pool_id, name, created, modified=None, region=REGION, account=ACCOUNT_ID):
    """The whole DescribeUserPool `UserPool` of a pool created with only `PoolName`."""
    return copy.deepcopy({
        "Id": pool_id,
        "Name": name,
        "Policies": DEFAULT_POLICIES,
        "DeletionProtection": "INACTIVE",
        "LambdaConfig": {},
        "LastModifiedDate": created if modified is None else modified,
        "CreationDate": created,
        "SchemaAttributes": STANDARD_SCHEMA,
        "VerificationMessageTemplate": {"DefaultEmailOption": "CONFIRM_WITH_CODE"},
        "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
        "MfaConfiguration": "OFF",
        "EstimatedNumberOfUsers": 0,
        "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
        "UserPoolTags": {},
        "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7},
        "Arn": pool_arn(pool_id, region, account),
        "AccountRecoverySetting": DEFAULT_RECOVERY,
        "UserPoolTier": "ESSENTIALS",
    })


def lambda_arn(name):
    return f"arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{name}"


SMS_CONFIGURATION = {"SnsCallerArn": f"arn:aws:iam::{ACCOUNT_ID}:role/gatehouse-sms",
                     "ExternalId": "gatehouse-external-id", "SnsRegion": REGION}


def full_update(pool_name):
    """UpdateUserPool parameters touching every parameter group (without UserPoolId)."""
    return {
        "PoolName": pool_name,
        "Policies": {
            "PasswordPolicy": {"MinimumLength": 12, "RequireUppercase": False, "RequireLowercase": True,
                               "RequireNumbers": False, "RequireSymbols": True,
                               "TemporaryPasswordValidityDays": 3, "PasswordHistorySize": 5},
            "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]},
        },
        "DeletionProtection": "ACTIVE",
        "LambdaConfig": {
            "PreSignUp": lambda_arn("pre-sign-up"),
            "CustomMessage": lambda_arn("custom-message"),
            "PostConfirmation": lambda_arn("post-confirmation"),
            "PreAuthentication": lambda_arn("pre-auth"),
            "PostAuthentication": lambda_arn("post-auth"),
            "DefineAuthChallenge": lambda_arn("define-challenge"),
            "CreateAuthChallenge": lambda_arn("create-challenge"),
            "VerifyAuthChallengeResponse": lambda_arn("verify-challenge"),
            "PreTokenGeneration": lambda_arn("pre-token"),
            "UserMigration": lambda_arn("user-migration"),
            "PreTokenGenerationConfig": {"LambdaVersion": "V2_0", "LambdaArn": lambda_arn("pre-token")},
            "CustomSMSSender": {"LambdaVersion": "V1_0", "LambdaArn": lambda_arn("sms-sender")},
            "CustomEmailSender": {"LambdaVersion": "V1_0", "LambdaArn": lambda_arn("email-sender")},
            "KMSKeyID": f"arn:aws:kms:{REGION}:{ACCOUNT_ID}:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        },
        "AutoVerifiedAttributes": ["email", "phone_number"],
        "VerificationMessageTemplate": {
            "SmsMessage": "Your code is {####}",
            "EmailMessage": "Your verification code is {####}",
            "EmailSubject": "Verify your account",
            "DefaultEmailOption": "CONFIRM_WITH_CODE",
        },
        "SmsAuthenticationMessage": "Your sign-in code is {####}",
        "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": ["email"]},
        "MfaConfiguration": "OPTIONAL",
        "DeviceConfiguration": {"ChallengeRequiredOnNewDevice": True, "DeviceOnlyRememberedOnUserPrompt": False},
        "EmailConfiguration": {
            "SourceArn": f"arn:aws:ses:{REGION}:{ACCOUNT_ID}:identity/noreply@example.com",
            "ReplyToEmailAddress": "support@example.com",
            "EmailSendingAccount": "DEVELOPER",
            "From": "Example Corp <noreply@example.com>",
            "ConfigurationSet": "gatehouse_config-set",
        },
        "SmsConfiguration": SMS_CONFIGURATION,
        "UserPoolTags": {"Team": "Blue", "Environment": "e2e"},
        "AdminCreateUserConfig": {
            "AllowAdminCreateUserOnly": True,
            "InviteMessageTemplate": {
                "SMSMessage": "Hello {username}, your code is {####}",
                "EmailMessage": "Hello {username}, your temporary password is {####}",
                "EmailSubject": "Your new account",
            },
        },
        "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": 1, "Name": "verified_email"},
                                                          {"Priority": 2, "Name": "verified_phone_number"}]},
        "UserPoolTier": "PLUS",
    }

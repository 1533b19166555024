import AWSWire
import CognitoModel
import GatehouseCore
import XCTest

/// CreateUserPool's defaults and UpdateUserPool's "omitted means default" (docs/cognito-notes.md §1.2, §2.2, §2.3).
final class UserPoolConfigurationTests: XCTestCase {
    /// The canonical describe of a name-only pool (docs/cognito-notes.md §1.2), less id, ARN, dates and schema.
    static let canonical = """
        {"Policies":{"PasswordPolicy":{"MinimumLength":8,"RequireUppercase":true,"RequireLowercase":true,
           "RequireNumbers":true,"RequireSymbols":true,"TemporaryPasswordValidityDays":7},
           "SignInPolicy":{"AllowedFirstAuthFactors":["PASSWORD"]}},
         "DeletionProtection":"INACTIVE","LambdaConfig":{},
         "VerificationMessageTemplate":{"DefaultEmailOption":"CONFIRM_WITH_CODE"},
         "UserAttributeUpdateSettings":{"AttributesRequireVerificationBeforeUpdate":[]},
         "MfaConfiguration":"OFF",
         "EmailConfiguration":{"EmailSendingAccount":"COGNITO_DEFAULT"},
         "UserPoolTags":{},
         "AdminCreateUserConfig":{"AllowAdminCreateUserOnly":false,"UnusedAccountValidityDays":7},
         "AccountRecoverySetting":{"RecoveryMechanisms":[{"Priority":1,"Name":"verified_phone_number"},{"Priority":2,"Name":"verified_email"}]},
         "UserPoolTier":"ESSENTIALS"}
        """

    func created(_ request: CreateUserPoolRequest) -> UserPoolType {
        var pool = UserPoolType()
        UserPoolConfiguration.apply(request, to: &pool, region: "us-east-1", isUpdate: false)
        return pool
    }

    func testANameOnlyPoolHasCognitosDefaults() throws {
        let expected = try AWSJSON.decode(UserPoolType.self, from: Data(Self.canonical.utf8))
        XCTAssertEqual(created(CreateUserPoolRequest(poolName: "p")), expected)
    }

    func testAnUpdateOmittingEverythingResetsToDefaultsButKeepsTierTagsAndAttributeUpdateSettings() throws {
        var pool = created(CreateUserPoolRequest(
            poolName: "p", policies: UserPoolPolicyType(passwordPolicy: PasswordPolicyType(minimumLength: 12)),
            deletionProtection: .active, lambdaConfig: LambdaConfigType(preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:f"),
            autoVerifiedAttributes: [.email], mfaConfiguration: .optional,
            userAttributeUpdateSettings: UserAttributeUpdateSettingsType(attributesRequireVerificationBeforeUpdate: [.email]),
            smsConfiguration: SmsConfigurationType(snsCallerArn: "arn:aws:iam::123456789012:role/sns"),
            userPoolTags: ["Team": "Blue"], userPoolTier: .plus))
        UserPoolConfiguration.apply(UpdateUserPoolRequest(userPoolId: "us-east-1_abcdefghi"), to: &pool, region: "us-east-1", isUpdate: true)
        var expected = try AWSJSON.decode(UserPoolType.self, from: Data(Self.canonical.utf8))
        expected.userPoolTags = ["Team": "Blue"]
        expected.userPoolTier = .plus
        expected.userAttributeUpdateSettings = UserAttributeUpdateSettingsType(attributesRequireVerificationBeforeUpdate: [.email])
        XCTAssertEqual(pool, expected)
    }

    func testAPartialPasswordPolicyDefaultsMissingRequirementsToFalse() {
        let pool = created(CreateUserPoolRequest(poolName: "p", policies: UserPoolPolicyType(
            passwordPolicy: PasswordPolicyType(minimumLength: 10, requireSymbols: false, passwordHistorySize: 3))))
        XCTAssertEqual(pool.policies?.passwordPolicy, PasswordPolicyType(
            minimumLength: 10, requireUppercase: false, requireLowercase: false, requireNumbers: false,
            requireSymbols: false, passwordHistorySize: 3, temporaryPasswordValidityDays: 7))
        XCTAssertEqual(pool.policies?.signInPolicy?.allowedFirstAuthFactors, [.password])
    }

    func testTemporaryPasswordValidityIsMirroredIntoTheLegacyField() {
        let pool = created(CreateUserPoolRequest(poolName: "p", policies: UserPoolPolicyType(
            passwordPolicy: PasswordPolicyType(temporaryPasswordValidityDays: 3))))
        XCTAssertEqual(pool.policies?.passwordPolicy?.temporaryPasswordValidityDays, 3)
        XCTAssertEqual(pool.adminCreateUserConfig?.unusedAccountValidityDays, 3)
        let legacy = created(CreateUserPoolRequest(poolName: "p", adminCreateUserConfig: AdminCreateUserConfigType(unusedAccountValidityDays: 9)))
        XCTAssertEqual(legacy.policies?.passwordPolicy?.temporaryPasswordValidityDays, 9)
    }

    func testTemplateAndLegacyMessagesFillInEachOther() {
        let fromTemplate = created(CreateUserPoolRequest(poolName: "p", verificationMessageTemplate: VerificationMessageTemplateType(
            smsMessage: "SMS {####}", emailMessage: "Mail {####}", emailSubject: "Subject")))
        XCTAssertEqual(fromTemplate.smsVerificationMessage, "SMS {####}")
        XCTAssertEqual(fromTemplate.emailVerificationMessage, "Mail {####}")
        XCTAssertEqual(fromTemplate.emailVerificationSubject, "Subject")
        XCTAssertEqual(fromTemplate.verificationMessageTemplate?.defaultEmailOption, .confirmWithCode)
        let fromLegacy = created(CreateUserPoolRequest(poolName: "p", smsVerificationMessage: "Code {####}"))
        XCTAssertEqual(fromLegacy.verificationMessageTemplate?.smsMessage, "Code {####}")
    }

    func testDifferingLegacyAndTemplateValuesAreBothKept() {
        let pool = created(CreateUserPoolRequest(poolName: "p", emailVerificationMessage: "Legacy {####}",
                                                 verificationMessageTemplate: VerificationMessageTemplateType(emailMessage: "Template {####}")))
        XCTAssertEqual(pool.emailVerificationMessage, "Legacy {####}")
        XCTAssertEqual(pool.verificationMessageTemplate?.emailMessage, "Template {####}")
    }

    func testTheLegacyPreTokenGenerationArnAndItsConfigMirrorEachOther() {
        let arn = "arn:aws:lambda:us-east-1:123456789012:function:token"
        let legacy = created(CreateUserPoolRequest(poolName: "p", lambdaConfig: LambdaConfigType(preTokenGeneration: arn)))
        XCTAssertEqual(legacy.lambdaConfig?.preTokenGenerationConfig, PreTokenGenerationVersionConfigType(lambdaVersion: .v1_0, lambdaArn: arn))
        let modern = created(CreateUserPoolRequest(poolName: "p", lambdaConfig: LambdaConfigType(
            preTokenGenerationConfig: PreTokenGenerationVersionConfigType(lambdaVersion: .v2_0, lambdaArn: arn))))
        XCTAssertEqual(modern.lambdaConfig?.preTokenGeneration, arn)
    }

    func testSmsConfigurationDefaultsItsRegionToThePools() {
        let pool = created(CreateUserPoolRequest(poolName: "p", smsConfiguration: SmsConfigurationType(snsCallerArn: "arn:aws:iam::123456789012:role/sns")))
        XCTAssertEqual(pool.smsConfiguration?.snsRegion, "us-east-1")
    }
}

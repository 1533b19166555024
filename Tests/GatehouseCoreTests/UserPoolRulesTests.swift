import AWSWire
import CognitoModel
import GatehouseCore
import XCTest

/// The business rules of docs/cognito-notes.md §2.4 (b), with Cognito's exception and message.
final class UserPoolRulesTests: XCTestCase {
    func assertRefused(_ request: UpdateUserPoolRequest, totp: Bool = false, tier: UserPoolTierType = .essentials,
                       _ type: String, _ message: String, line: UInt = #line) {
        XCTAssertThrowsError(try UserPoolRules.check(request, softwareTokenMfaEnabled: totp, tier: tier), line: line) { error in
            XCTAssertEqual(error as? AWSServiceError, AWSServiceError(type: type, message: message, status: 400), line: line)
        }
    }

    let id = "us-east-1_abcdefghi"

    func testMfaNeedsSmsConfigurationOrTotp() throws {
        assertRefused(UpdateUserPoolRequest(userPoolId: id, mfaConfiguration: .on), "InvalidParameterException",
                      "SMS configuration and Auto verification for phone_number are required when MFA is required/optional")
        XCTAssertNoThrow(try UserPoolRules.check(UpdateUserPoolRequest(userPoolId: id, mfaConfiguration: .optional),
                                                 softwareTokenMfaEnabled: true, tier: .essentials))
    }

    func testTheLegacyValidityDaysCannotBeSentWithTheNewOne() {
        assertRefused(UpdateUserPoolRequest(userPoolId: id,
                                            policies: UserPoolPolicyType(passwordPolicy: PasswordPolicyType(temporaryPasswordValidityDays: 7)),
                                            adminCreateUserConfig: AdminCreateUserConfigType(unusedAccountValidityDays: 7)),
                      "InvalidParameterException", "Please use TemporaryPasswordValidityDays in PasswordPolicy instead of UnusedAccountValidityDays")
    }

    func testTheDefaultEmailAccountHasNoFromAddress() {
        assertRefused(UpdateUserPoolRequest(userPoolId: id, emailConfiguration: EmailConfigurationType(from: "a@example.com")),
                      "InvalidParameterException", "Cannot configure From email address for default email configuration")
    }

    func testALinkMessageNeedsLinkText() {
        assertRefused(UpdateUserPoolRequest(userPoolId: id, verificationMessageTemplate: VerificationMessageTemplateType(
            emailMessageByLink: "EMAIL CODE {####}", defaultEmailOption: .confirmWithLink)),
                      "InvalidParameterException", "The message is invalid.")
        XCTAssertNoThrow(try UserPoolRules.check(UpdateUserPoolRequest(userPoolId: id, verificationMessageTemplate: VerificationMessageTemplateType(
            emailMessageByLink: "Click {##here##}", defaultEmailOption: .confirmWithLink)), softwareTokenMfaEnabled: false, tier: .essentials))
    }

    func testThreatProtectionNeedsThePlusPlan() {
        assertRefused(UpdateUserPoolRequest(userPoolId: id, userPoolAddOns: UserPoolAddOnsType(advancedSecurityMode: .enforced)),
                      "FeatureUnavailableInTierException", "Threat protection (AdvancedSecurityMode ENFORCED) requires the PLUS feature plan.")
        XCTAssertNoThrow(try UserPoolRules.check(UpdateUserPoolRequest(userPoolId: id, userPoolAddOns: UserPoolAddOnsType(advancedSecurityMode: .enforced)),
                                                 softwareTokenMfaEnabled: false, tier: .plus))
    }

    func testAccessTokenCustomizationNeedsMoreThanTheLitePlan() throws {
        let v2 = LambdaConfigType(preTokenGenerationConfig: PreTokenGenerationVersionConfigType(lambdaVersion: .v2_0,
                                                                                                 lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:f"))
        XCTAssertThrowsError(try UserPoolRules.check(UpdateUserPoolRequest(userPoolId: id, lambdaConfig: v2), softwareTokenMfaEnabled: false,
                                                     tier: .lite)) {
            XCTAssertEqual($0 as? AWSServiceError, .featureUnavailableInTierException(
                "PreTokenGeneration V2_0 (access token customization) requires the ESSENTIALS or PLUS feature plan."))
        }
        XCTAssertNoThrow(try UserPoolRules.check(UpdateUserPoolRequest(userPoolId: id, lambdaConfig: v2), softwareTokenMfaEnabled: false,
                                                 tier: .essentials))
    }

    func testInboundFederationWaitsForIdentityProviders() {
        assertRefused(UpdateUserPoolRequest(userPoolId: id, lambdaConfig: LambdaConfigType(inboundFederation: InboundFederationLambdaType(
            lambdaVersion: .v1_0, lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:f"))),
                      "InvalidParameterException", "InboundFederation is not supported: Gatehouse has no identity providers yet.")
    }

    func testRecoveryMechanismsAreDistinctAndAdminOnlyStandsAlone() {
        assertRefused(UpdateUserPoolRequest(userPoolId: id, accountRecoverySetting: AccountRecoverySettingType(recoveryMechanisms: [
            RecoveryOptionType(priority: 1, name: .verifiedEmail), RecoveryOptionType(priority: 2, name: .adminOnly)])),
                      "InvalidParameterException", "admin_only cannot be combined with another recovery mechanism.")
        assertRefused(UpdateUserPoolRequest(userPoolId: id, accountRecoverySetting: AccountRecoverySettingType(recoveryMechanisms: [
            RecoveryOptionType(priority: 1, name: .verifiedEmail), RecoveryOptionType(priority: 1, name: .verifiedPhoneNumber)])),
                      "InvalidParameterException", "RecoveryMechanisms priorities must be distinct and start at 1.")
    }
}

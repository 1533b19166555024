import AWSWire
import CognitoModel
import GatehouseCore
import XCTest

final class UserPoolMfaTests: XCTestCase {
    func pool() -> StoredUserPool {
        var pool = UserPoolType()
        UserPoolConfiguration.apply(CreateUserPoolRequest(poolName: "p"), to: &pool, region: "us-east-1", isUpdate: false)
        return StoredUserPool(pool: pool)
    }

    let id = "us-east-1_abcdefghi"

    func testANewPoolShowsOnlyMfaOff() {
        XCTAssertEqual(UserPoolMfa.configuration(of: pool()), GetUserPoolMfaConfigResponse(mfaConfiguration: .off))
    }

    func testTurningOnTotpAndSms() throws {
        var stored = pool()
        let sms = SmsConfigurationType(snsCallerArn: "arn:aws:iam::123456789012:role/sns")
        try UserPoolMfa.apply(SetUserPoolMfaConfigRequest(
            userPoolId: id, smsMfaConfiguration: SmsMfaConfigType(smsAuthenticationMessage: "Code {####}", smsConfiguration: sms),
            softwareTokenMfaConfiguration: SoftwareTokenMfaConfigType(enabled: true), mfaConfiguration: .optional), to: &stored, region: "eu-west-1")
        let configuration = UserPoolMfa.configuration(of: stored)
        XCTAssertEqual(configuration.mfaConfiguration, .optional)
        XCTAssertEqual(configuration.softwareTokenMfaConfiguration?.enabled, true)
        XCTAssertEqual(configuration.smsMfaConfiguration?.smsConfiguration?.snsRegion, "eu-west-1")
        XCTAssertEqual(stored.pool.smsAuthenticationMessage, "Code {####}")
    }

    func testMfaCannotBeOffWithAFactorConfigured() {
        var stored = pool()
        XCTAssertThrowsError(try UserPoolMfa.apply(SetUserPoolMfaConfigRequest(
            userPoolId: id, softwareTokenMfaConfiguration: SoftwareTokenMfaConfigType(enabled: true), mfaConfiguration: .off), to: &stored, region: "us-east-1")) {
            XCTAssertEqual($0 as? AWSServiceError, .invalidParameterException("Invalid MFA configuration given, can't turn off MFA and configure an MFA together."))
        }
    }

    func testMfaOnNeedsAFactor() {
        var stored = pool()
        XCTAssertThrowsError(try UserPoolMfa.apply(SetUserPoolMfaConfigRequest(userPoolId: id, mfaConfiguration: .on), to: &stored, region: "us-east-1")) {
            XCTAssertEqual($0 as? AWSServiceError, .invalidParameterException("Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled."))
        }
        XCTAssertThrowsError(try UserPoolMfa.apply(SetUserPoolMfaConfigRequest(
            userPoolId: id, softwareTokenMfaConfiguration: SoftwareTokenMfaConfigType(enabled: false), mfaConfiguration: .optional),
            to: &stored, region: "us-east-1"), "every factor off") {
            XCTAssertEqual($0 as? AWSServiceError, .invalidParameterException("Invalid MFA Configuration given. SMS MFA, Email MFA, or Software Token MFA must be enabled."))
        }
    }
}

@testable import CognitoCodegen
import XCTest

final class SwiftNamesTests: XCTestCase {
    func testMemberNamesBecomeLowerCamelProperties() {
        XCTAssertEqual(SwiftNames.property("UserPoolId"), "userPoolId")
        XCTAssertEqual(SwiftNames.property("SMSMessage"), "smsMessage")
        XCTAssertEqual(SwiftNames.property("KMSKeyID"), "kmsKeyID")
        XCTAssertEqual(SwiftNames.property("Id"), "id")
        XCTAssertEqual(SwiftNames.property("Default"), "`default`")
    }

    func testEnumValuesBecomeStaticProperties() {
        XCTAssertEqual(SwiftNames.enumCase("USER_SRP_AUTH"), "userSrpAuth")
        XCTAssertEqual(SwiftNames.enumCase("verified_email"), "verifiedEmail")
        XCTAssertEqual(SwiftNames.enumCase("V1_0"), "v1_0")
        XCTAssertEqual(SwiftNames.enumCase("String"), "string")
    }
}

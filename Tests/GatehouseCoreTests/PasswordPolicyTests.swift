import AWSWire
import CognitoModel
@testable import GatehouseCore
import XCTest

final class PasswordPolicyTests: XCTestCase {
    func testReasonsComeOneAtATimeInCognitosOrder() {
        let policy = PasswordPolicy(nil)
        XCTAssertEqual(policy.violation(by: "Ab1!"), "Password not long enough")
        XCTAssertEqual(policy.violation(by: "12341234"), "Password must have lowercase characters")
        XCTAssertEqual(policy.violation(by: "abcd1234"), "Password must have uppercase characters")
        XCTAssertEqual(policy.violation(by: "TestTest"), "Password must have numeric characters")
        XCTAssertEqual(policy.violation(by: "Test1234"), "Password must have symbol characters")
        XCTAssertNil(policy.violation(by: "P2$Sword"))
        XCTAssertNil(policy.violation(by: "P2 Sword"), "the space is a symbol")
        XCTAssertEqual(policy.violation(by: "P2éSwordé"), "Password must have symbol characters", "letters outside Basic Latin are not symbols")
        XCTAssertEqual(policy.violation(by: "ÀÉ1!ÀÉ1!"), "Password must have lowercase characters", "nor lowercase letters")
    }

    func testThePolicysSwitchesAndLengthApply() {
        let policy = PasswordPolicy(PasswordPolicyType(minimumLength: 6, requireUppercase: false, requireLowercase: false,
                                                       requireNumbers: false, requireSymbols: false))
        XCTAssertNil(policy.violation(by: "aaaaaa"))
        XCTAssertEqual(policy.violation(by: "aaaaa"), "Password not long enough")
        XCTAssertNil(policy.violation(by: "😀😀aa"), "length counts UTF-16 code units, as Java does")
        XCTAssertEqual(policy.violation(by: "😀aaa"), "Password not long enough")
    }

    func testTheWordingDependsOnTheOperation() {
        let policy = PasswordPolicy(nil)
        XCTAssertThrowsError(try policy.check("short", wording: .temporaryPassword)) { error in
            XCTAssertEqual((error as? AWSServiceError)?.message, "Password did not conform with password policy: Password not long enough")
        }
        XCTAssertThrowsError(try policy.check("short", wording: .signUp)) { error in
            XCTAssertEqual((error as? AWSServiceError)?.message, "Password did not conform with policy: Password not long enough")
        }
    }

    func testTemporaryPasswordsConformAndDiffer() {
        for length in [6, 8, 20, 99] {
            let policy = PasswordPolicy(PasswordPolicyType(minimumLength: length))
            let passwords = (0..<20).map { _ in policy.temporaryPassword(random: .system) }
            for password in passwords {
                XCTAssertNil(policy.violation(by: password), password)
                XCTAssertEqual(password.count, max(length, 12))
            }
            XCTAssertEqual(Set(passwords).count, passwords.count)
        }
    }
}

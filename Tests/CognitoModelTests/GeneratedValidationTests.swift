@testable import AWSWire
@testable import CognitoModel
import XCTest

/// The generated constraint checks answer in Cognito's words (docs/cognito-notes.md §2.5).
final class GeneratedValidationTests: XCTestCase {
    func message(_ request: some AWSShape) -> String? {
        var report = ValidationReport()
        request.validate(&report, at: "")
        return report.message
    }

    func testEveryModelPatternDecidesASCIIValuesAsICUDoes() {
        let samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + [
            "", "us-east-1_AbC", "abc def", "a\nb", "abc\n", "x@example.com", "+15551234567", "{####}", "Code {####}.",
            "é", "aé", "é a", "naïve_user", "日本", "\u{00A0}", "a\u{2028}b", "tab\tvalue", "ARN:aws:x", "a]b[c",
        ]
        let fast = ModelPatterns.all.filter { ModelPattern.repeatedClassQuantifier($0.source) != nil }
        XCTAssertGreaterThan(fast.count, 15, "most of the model's patterns are one class repeated")
        for pattern in ModelPatterns.all {
            for sample in samples {
                XCTAssertEqual(pattern.matches(sample), pattern.matchesByRegex(sample), "\(pattern.source) on \(sample.debugDescription)")
            }
        }
        // Longer ASCII values: mostly the class's own characters, now and then one it does not take.
        var random = SystemRandomNumberGenerator()
        for pattern in fast {
            let members = (0..<128).map { String(UnicodeScalar(UInt8($0))) }.filter { pattern.matchesByRegex($0) }
            let others = (0..<128).map { String(UnicodeScalar(UInt8($0))) }.filter { !pattern.matchesByRegex($0) }
            for _ in 0..<300 {
                let value = (0..<Int.random(in: 0...12, using: &random)).map { _ in
                    others.isEmpty || Int.random(in: 0..<10, using: &random) > 0 ? members.randomElement(using: &random)!
                        : others.randomElement(using: &random)!
                }.joined()
                XCTAssertEqual(pattern.matches(value), pattern.matchesByRegex(value), "\(pattern.source) on \(value.debugDescription)")
            }
        }
        XCTAssertEqual(ModelPattern.repeatedClassQuantifier("^[a-z]+$"), false)
        XCTAssertEqual(ModelPattern.repeatedClassQuantifier(#"[\p{L}\s*]*"#), true)
        XCTAssertNil(ModelPattern.repeatedClassQuantifier(#"[\w-]+_[0-9a-zA-Z]+"#))
        XCTAssertNil(ModelPattern.repeatedClassQuantifier(#"[\w]+\]"#))
        XCTAssertNil(ModelPattern.repeatedClassQuantifier(".*"))
    }

    func testEveryModelPatternCompiles() {
        XCTAssertEqual(ModelPatterns.all.count, 38)
        XCTAssertTrue(ModelPatterns.all.allSatisfy { !$0.source.isEmpty })
    }

    func testTheOperationTableHasAll122Operations() {
        XCTAssertEqual(CognitoIdentityProvider.operations.count, 122)
        XCTAssertEqual(CognitoIdentityProvider.operations["UpdateUserPool"]?.requiresIAMAuthorization, true)
        XCTAssertEqual(CognitoIdentityProvider.operations["SignUp"]?.requiresIAMAuthorization, false)
        XCTAssertEqual(Operations.UpdateUserPool.name, "UpdateUserPool")
    }

    func testAMissingRequiredMemberIsNull() {
        XCTAssertEqual(message(DescribeUserPoolRequest()),
                       "1 validation error detected: Value null at 'userPoolId' failed to satisfy constraint: Member must not be null")
    }

    func testANestedRangeFailureNamesItsLowerCamelPath() {
        let request = UpdateUserPoolRequest(userPoolId: "us-east-1_abcdefghi",
                                            policies: UserPoolPolicyType(passwordPolicy: PasswordPolicyType(minimumLength: 5)))
        XCTAssertEqual(message(request), "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6")
    }

    func testSeveralFailuresAreCountedAndJoined() {
        let request = UpdateUserPoolRequest(userPoolId: "nounderscore", mfaConfiguration: "false")
        XCTAssertEqual(message(request), "2 validation errors detected: Value 'nounderscore' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+; Value 'false' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]")
    }

    func testTheRealEmailVerificationMessageSampleIsReproduced() {
        let request = UpdateUserPoolRequest(userPoolId: "us-east-1_abcdefghi", emailVerificationMessage: "{##check##}")
        XCTAssertEqual(message(request), #"1 validation error detected: Value '{##check##}' at 'emailVerificationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: [\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*\{####\}[\p{L}\p{M}\p{S}\p{N}\p{P}\s*]*"#)
    }

    func testListElementsAreNamedByOneBasedIndex() {
        let request = AdminUpdateUserAttributesRequest(userPoolId: "us-east-1_abcdefghi", username: "u",
                                                       userAttributes: [AttributeType(name: "")])
        XCTAssertEqual(message(request), "2 validation errors detected: Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'userAttributes.1.member.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r ]+")
    }

    func testSensitiveValuesAreNotQuoted() {
        let request = SignUpRequest(clientId: "client", username: "user", password: " has space")
        XCTAssertEqual(message(request), "1 validation error detected: Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+")
    }

    func testAValidRequestHasNoFailures() {
        let request = UpdateUserPoolRequest(userPoolId: "us-west-2_aaaaaaaaa", autoVerifiedAttributes: [.email],
                                            userPoolTags: ["Team": "Blue"], poolName: "My pool")
        XCTAssertNil(message(request))
    }
}

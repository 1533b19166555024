import AWSWire
import XCTest

final class ValidationReportTests: XCTestCase {
    func testOneFailureIsSingular() {
        var report = ValidationReport()
        report.range(0, min: 1, max: 60, at: "maxResults")
        XCTAssertEqual(report.message, "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")
    }

    func testLengthCountsUTF16UnitsAsJavaDoes() {
        var report = ValidationReport()
        report.length("😀", min: nil, max: 1, at: "name")
        XCTAssertEqual(report.failures.count, 1)
    }

    func testListsRenderAsJavaLists() {
        var report = ValidationReport()
        report.length(["a", "b", "c"], min: nil, max: 2, at: "values")
        XCTAssertEqual(report.message, "1 validation error detected: Value '[a, b, c]' at 'values' failed to satisfy constraint: Member must have length less than or equal to 2")
    }

    func testPathsAreLowerCamelAndListsOneBased() {
        XCTAssertEqual(ValidationReport.path("", "UserPoolId"), "userPoolId")
        XCTAssertEqual(ValidationReport.path("policies", "PasswordPolicy"), "policies.passwordPolicy")
        XCTAssertEqual(ValidationReport.elementPath("userAttributes", 0), "userAttributes.1.member")
    }

    func testPatternsMatchTheWholeValue() {
        let pattern = ModelPattern(#"[\w-]+_[0-9a-zA-Z]+"#)
        XCTAssertTrue(pattern.matches("us-west-2_aaaaaaaaa"))
        XCTAssertFalse(pattern.matches("us-west-2_aaa aaa"))
        XCTAssertFalse(pattern.matches("us-west-2_aaaaaaaaa\n"), "ICU's $ would match before a final line break")
        XCTAssertFalse(ModelPattern("^[0-9a-fA-F]+$").matches("abc\n"))
        XCTAssertTrue(ModelPattern("(?s).*").matches("two\nlines"))
    }
}

@testable import CognitoCodegen
import AWSWire
import Foundation
import XCTest

/// Command and option names are botocore's `xform_name(name, "-")`.
final class CommandNamesTests: XCTestCase {
    /// `Fixtures/xform-names.json` holds what botocore 1.43.11 answers for every operation and
    /// member name of the committed model (written by `botocore.xform_name(name, '-')`).
    func testEveryNameOfTheModelIsNamedAsBotocoreNamesIt() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/xform-names.json")
        let expected = try JSONNode(parsing: String(contentsOf: fixture, encoding: .utf8)).pairs ?? []
        XCTAssertEqual(expected.count, 490)
        for (name, kebab) in expected {
            XCTAssertEqual(CommandNames.kebab(name), kebab.string, name)
        }
    }

    /// botocore's plural-acronym rule, which no name of this model reaches.
    func testATrailingPluralAcronymIsSplitOffWhole() {
        XCTAssertEqual(CommandNames.kebab("ListARNs"), "list-arns")
        XCTAssertEqual(CommandNames.kebab("GetHTTPSUrls"), "get-https-urls")
        XCTAssertEqual(CommandNames.kebab("already-kebab"), "already-kebab")
    }
}

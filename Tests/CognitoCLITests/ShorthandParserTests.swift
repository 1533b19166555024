@testable import CognitoCLI
import AWSWire
import XCTest

/// The shorthand grammar of awscli's `shorthand.py`; the expected values are what awscli 1.45.11
/// parses these inputs to.
final class ShorthandParserTests: XCTestCase {
    func parse(_ text: String) throws -> String {
        var parser = ShorthandParser(text) { _ in nil }
        return JSONOutput.compact(try parser.parse())
    }

    func parseError(_ text: String) -> String? {
        var parser = ShorthandParser(text) { _ in nil }
        do {
            _ = try parser.parse()
            return nil
        } catch {
            return (error as? ShorthandParser.ParseError)?.message
        }
    }

    func testPairsListsAndNesting() throws {
        XCTAssertEqual(try parse("Team=Blue,Area=West"), #"{"Team": "Blue", "Area": "West"}"#)
        XCTAssertEqual(try parse("foo=a,b,c=d"), #"{"foo": ["a", "b"], "c": "d"}"#)
        XCTAssertEqual(try parse("PasswordPolicy={MinimumLength=8,RequireSymbols=false}"),
                       #"{"PasswordPolicy": {"MinimumLength": "8", "RequireSymbols": "false"}}"#)
        XCTAssertEqual(try parse("RecoveryMechanisms=[{Priority=1,Name=verified_email},{Priority=2,Name=verified_phone_number}]"),
                       #"{"RecoveryMechanisms": [{"Priority": "1", "Name": "verified_email"}, {"Priority": "2", "Name": "verified_phone_number"}]}"#)
        XCTAssertEqual(try parse("Ids=[a, b ],Name="), #"{"Ids": ["a", "b"], "Name": ""}"#)
    }

    func testValuesKeepSpacesEqualsAndEscapedCommas() throws {
        XCTAssertEqual(try parse("Name=email Value=x"), #"{"Name": "email Value=x"}"#)
        XCTAssertEqual(try parse(#"Name=a\,b,Value=c"#), #"{"Name": "a,b", "Value": "c"}"#)
        XCTAssertEqual(try parse("SECRET_HASH=abc="), #"{"SECRET_HASH": "abc="}"#)
        XCTAssertEqual(try parse("Name=a,,Value=b"), #"{"Name": "a", "Value": "b"}"#)
    }

    func testQuotedValues() throws {
        XCTAssertEqual(try parse(#"Name='a\'b',Value="c\"d""#), #"{"Name": "a'b", "Value": "c\"d"}"#)
        XCTAssertEqual(try parse("Name='x, y'"), #"{"Name": "x, y"}"#)
    }

    func testErrorsPointAtTheOffendingCharacter() {
        XCTAssertEqual(parseError("Name=a,Name=b"), """
            Second instance of key "Name" encountered for input:
            Name=a,Name=b
                   ^
            This is often because there is a preceding "," instead of a space.
            """)
        XCTAssertEqual(parseError("Name"), "Expected: '=', received: 'EOF' for input:\nName\n    ^")
        XCTAssertEqual(parseError(" PasswordPolicy={}"), "Expected: '=', received: 'P' for input:\n PasswordPolicy={}\n ^")
        XCTAssertEqual(parseError("Ids=[a,b"), "Expected: ',', received: 'EOF' for input:\nIds=[a,b\n        ^")
    }
}

import AWSWire
@testable import CognitoCLI
import XCTest

/// YAML read with the line of each value, for errors that name a file's line.
final class YAMLDocumentTests: XCTestCase {
    func testEachPathHasTheLineOfTheKeyOrElementThatNamesIt() throws {
        let document = try YAMLDocument.parseLocated("""
            UserPools:
              - Id: us-east-1_Example01
                Domain:
                  Domain: example
                Clients:
                  - ClientId: abc
                    ExplicitAuthFlows: [ALLOW_USER_PASSWORD_AUTH,
                      ALLOW_REFRESH_TOKEN_AUTH]
            """)
        XCTAssertEqual(document.json["UserPools"]?.array?.first?["Domain"]?["Domain"], .string("example"))
        let lines = ["": 1, "UserPools": 1, "UserPools[0]": 2, "UserPools[0].Id": 2, "UserPools[0].Domain": 3, "UserPools[0].Domain.Domain": 4,
                     "UserPools[0].Clients[0].ClientId": 6, "UserPools[0].Clients[0].ExplicitAuthFlows[1]": 8]
        for (path, line) in lines {
            XCTAssertEqual(document.line(of: path), line, path)
        }
        XCTAssertEqual(document.line(of: "UserPools[0].Clients[0].ClientName"), 6, "a path the file lacks: the nearest that holds it")
        XCTAssertEqual(document.line(of: "Pools"), 1)
    }

    func testJSONReadsAsYAMLDoes() throws {
        let document = try YAMLDocument.parseLocated(#"{"UserPools": [{"Id": "x", "Enabled": true, "Precedence": 3}]}"#)
        XCTAssertEqual(document.json, .object([("UserPools", .array([.object([("Id", .string("x")), ("Enabled", .bool(true)),
                                                                             ("Precedence", .number("3"))])]))]))
    }
}

import AWSWire
@testable import GatehouseCore
import GatehouseStorage
import XCTest

final class UserFilterGrammarTests: XCTestCase {
    func testTheGrammar() throws {
        XCTAssertNil(try UserFilterGrammar.parse(""))
        XCTAssertNil(try UserFilterGrammar.parse("   "))
        XCTAssertEqual(try UserFilterGrammar.parse("email = \"a@b.c\""), UserFilter(name: "email", value: "a@b.c", prefix: false))
        XCTAssertEqual(try UserFilterGrammar.parse("given_name^=\"Jo\""), UserFilter(name: "given_name", value: "Jo", prefix: true))
        XCTAssertEqual(try UserFilterGrammar.parse("  family_name  =  \"Re\\\"d\\\\dy\"  "),
                       UserFilter(name: "family_name", value: "Re\"d\\dy", prefix: false))
        XCTAssertEqual(try UserFilterGrammar.parse("name = \"\""), UserFilter(name: "name", value: "", prefix: false))
    }

    func testAnythingElseIsAParseError() {
        for text in ["foo", "username = foo", "username=", "= \"x\"", "username == \"x\"", "username ^ \"x\"", "username = \"x",
                     "username = \"x\" and", "username = \"x\\", "username \"x\""] {
            XCTAssertThrowsError(try UserFilterGrammar.parse(text), text) { error in
                XCTAssertEqual((error as? AWSServiceError)?.type, "InvalidParameterException")
                XCTAssertEqual((error as? AWSServiceError)?.message, "Error while parsing filter.")
            }
        }
    }
}

import AWSWire
@testable import GatehouseCore
import XCTest

final class UserFilterExpressionTests: XCTestCase {
    func testTheGrammar() throws {
        XCTAssertNil(try UserFilterExpression.parse(""))
        XCTAssertNil(try UserFilterExpression.parse("   "))
        XCTAssertEqual(try UserFilterExpression.parse("email = \"a@b.c\""), UserFilterExpression(attributeName: "email", value: "a@b.c", prefix: false))
        XCTAssertEqual(try UserFilterExpression.parse("given_name^=\"Jo\""), UserFilterExpression(attributeName: "given_name", value: "Jo", prefix: true))
        XCTAssertEqual(try UserFilterExpression.parse("  family_name  =  \"Re\\\"d\\\\dy\"  "),
                       UserFilterExpression(attributeName: "family_name", value: "Re\"d\\dy", prefix: false))
        XCTAssertEqual(try UserFilterExpression.parse("name = \"\""), UserFilterExpression(attributeName: "name", value: "", prefix: false))
    }

    func testAnythingElseIsAParseError() {
        for text in ["foo", "username = foo", "username=", "= \"x\"", "username == \"x\"", "username ^ \"x\"", "username = \"x",
                     "username = \"x\" and", "username = \"x\\", "username \"x\""] {
            XCTAssertThrowsError(try UserFilterExpression.parse(text), text) { error in
                XCTAssertEqual((error as? AWSServiceError)?.type, "InvalidParameterException")
                XCTAssertEqual((error as? AWSServiceError)?.message, "Error while parsing filter.")
            }
        }
    }
}

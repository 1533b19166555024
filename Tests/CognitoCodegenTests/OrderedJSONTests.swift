import CognitoCodegen
import XCTest

final class OrderedJSONTests: XCTestCase {
    func testObjectKeysKeepTheirOrder() throws {
        let json = try OrderedJSON(parsing: #"{"b": 1, "a": [true, null, "x\"\u00e9"], "c": {"z": -2.5e1}}"#)
        XCTAssertEqual(json.pairs?.map(\.key), ["b", "a", "c"])
        XCTAssertEqual(json["a"], .array([.bool(true), .null, .string("x\"é")]))
        XCTAssertEqual(json["c"]?["z"], .number(-25))
    }

    func testMalformedTextIsRejected() {
        XCTAssertThrowsError(try OrderedJSON(parsing: #"{"a": }"#))
        XCTAssertThrowsError(try OrderedJSON(parsing: #"[1, 2"#))
        XCTAssertThrowsError(try OrderedJSON(parsing: #"{} extra"#))
    }
}

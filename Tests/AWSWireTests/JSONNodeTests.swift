import AWSWire
import XCTest

final class JSONNodeTests: XCTestCase {
    func testObjectKeysKeepTheirOrder() throws {
        let json = try JSONNode(parsing: #"{"b": 1, "a": [true, null, "x\"\u00e9"], "c": {"z": -2.5e1}}"#)
        XCTAssertEqual(json.pairs?.map(\.key), ["b", "a", "c"])
        XCTAssertEqual(json["a"], .array([.bool(true), .null, .string("x\"é")]))
        XCTAssertEqual(json["c"]?["z"], .number("-2.5e1"))
    }

    func testNestingIsBounded() {
        XCTAssertNoThrow(try JSONNode(parsing: String(repeating: "[", count: 60) + String(repeating: "]", count: 60)))
        XCTAssertThrowsError(try JSONNode(parsing: String(repeating: "[", count: 100_000)))
    }

    func testControlCharactersAndBadEscapesAreRejected() {
        XCTAssertThrowsError(try JSONNode(parsing: "\"a\u{01}b\""))
        XCTAssertThrowsError(try JSONNode(parsing: #""\q""#))
        XCTAssertThrowsError(try JSONNode(parsing: "+1"))
    }

    func testSurrogateEscapesPairOnlyAHighWithALow() throws {
        XCTAssertEqual(try JSONNode(parsing: #""\uD83D\uDE00""#), .string("😀"))
        XCTAssertThrowsError(try JSONNode(parsing: #""\uD800\u0041""#), "a high surrogate before an escape below the low ones (found by WireFuzz: it trapped)")
        XCTAssertThrowsError(try JSONNode(parsing: #""\uD800\uE000""#))
        XCTAssertThrowsError(try JSONNode(parsing: #""\uD800x""#), "a lone high surrogate")
        XCTAssertThrowsError(try JSONNode(parsing: #""\uDC00""#), "a lone low surrogate")
    }

    func testMalformedTextIsRejected() {
        XCTAssertThrowsError(try JSONNode(parsing: #"{"a": }"#))
        XCTAssertThrowsError(try JSONNode(parsing: #"[1, 2"#))
        XCTAssertThrowsError(try JSONNode(parsing: #"{} extra"#))
    }
}

@testable import CognitoCLI
import AWSWire
import XCTest

/// JMESPath as jmespath.py evaluates it (the expected values are its answers for the same data).
final class JMESPathTests: XCTestCase {
    let data = try! JSONNode(parsing: #"{"a": [{"n": 1, "t": ["x", "y"]}, {"n": 2, "t": []}, {"n": 3}], "m": {"k": "v", "j": "w"}, "e": ""}"#)

    func search(_ expression: String) throws -> String {
        try JMESPath(expression).search(data).map { JSONOutput.compact($0, spaced: false) } ?? "null"
    }

    func testProjectionsSlicesAndFilters() throws {
        XCTAssertEqual(try search("a[*].n"), "[1,2,3]")
        XCTAssertEqual(try search("a[].t[]"), #"["x","y"]"#)
        XCTAssertEqual(try search("a[::-1].n"), "[3,2,1]")
        XCTAssertEqual(try search("a[-2:].n"), "[2,3]")
        XCTAssertEqual(try search("a[?n > `1`].n | [0]"), "2")
        XCTAssertEqual(try search("a[?t].n"), "[1]")
        XCTAssertEqual(try search("m.*"), #"["v","w"]"#)
        XCTAssertEqual(try search("a[0].{n: n, first: t[0]}"), #"{"n":1,"first":"x"}"#)
        XCTAssertEqual(try search("e || 'default'"), #""default""#)
        XCTAssertEqual(try search("missing.deeper[0]"), "null")
        XCTAssertEqual(try search("length(a) == `3` && !e"), "true")
        XCTAssertEqual(try search("`{`"), #""{""#, "text that is not JSON is a string, as in jmespath.py")
    }

    func testMalformedExpressionsAreRefused() {
        for expression in ["a[?", "a.", "{a b}", "a[0", "foo(", "a[*]]"] {
            XCTAssertThrowsError(try JMESPath(expression), expression)
        }
    }
}

import AWSWire
import Foundation
import XCTest

/// Request bodies that are not a JSON object of the input shape answer SerializationException.
final class AWSJSONTests: XCTestCase {
    /// A shape written as the generator writes them.
    struct Input: JSONCodable, Equatable {
        var name: String?
        var minimumLength: Int?
        var tags: [String: String]?
        var values: [String]?

        init(name: String? = nil, minimumLength: Int? = nil, tags: [String: String]? = nil, values: [String]? = nil) {
            self.name = name
            self.minimumLength = minimumLength
            self.tags = tags
            self.values = values
        }

        init(json: JSONNode) throws(JSONDecodeFailure) {
            guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "structure") }
            for (key, value) in members {
                if case .null = value { continue }
                do throws(JSONDecodeFailure) {
                    switch key {
                    case "Name": name = try String(json: value)
                    case "MinimumLength": minimumLength = try Int(json: value)
                    case "Tags": tags = try [String: String](json: value)
                    case "Values": values = try [String](json: value)
                    default: break
                    }
                } catch {
                    throw error.inside(key)
                }
            }
        }

        func writeJSON(to writer: inout JSONWriter) {
            writer.beginObject()
            if let name { writer.member("Name", name) }
            if let minimumLength { writer.member("MinimumLength", minimumLength) }
            if let tags { writer.member("Tags", tags) }
            if let values { writer.member("Values", values) }
            writer.endObject()
        }
    }

    func decodeError(_ body: String) -> AWSServiceError? {
        decodeError(Array(body.utf8))
    }

    func decodeError(_ body: [UInt8]) -> AWSServiceError? {
        do {
            _ = try AWSJSON.decodeRequest(Input.self, from: body)
            return nil
        } catch {
            return error
        }
    }

    func testAnEmptyBodyIsAnEmptyObject() throws {
        XCTAssertEqual(try AWSJSON.decodeRequest(Input.self, from: []), Input())
    }

    func testNullAndUnknownMembersAreIgnored() throws {
        XCTAssertEqual(try AWSJSON.decodeRequest(Input.self, from: Array(#"{"Name": null, "Other": [1], "Values": ["a"]}"#.utf8)),
                       Input(values: ["a"]))
    }

    func testInvalidUTF8IsRefused() {
        XCTAssertEqual(decodeError([0x7B, 0x22, 0xFF, 0x22, 0x7D]), .serialization("The request body is not valid UTF-8."))
    }

    func testMalformedJSONIsRefused() {
        XCTAssertEqual(decodeError(#"{"Name": "#), .serialization("The request body is not valid JSON."))
    }

    func testABodyThatIsNotAnObjectIsRefused() {
        XCTAssertEqual(decodeError("[1]"), .serialization("The request body must be a JSON object."))
        XCTAssertEqual(decodeError(#""text""#), .serialization("The request body must be a JSON object."))
    }

    func testAMemberOfTheWrongTypeNamesItsPath() {
        XCTAssertEqual(decodeError(#"{"MinimumLength": "8"}"#), .serialization("Unexpected value at 'MinimumLength': expected integer."))
        XCTAssertEqual(decodeError(#"{"MinimumLength": 8.5}"#), .serialization("Unexpected value at 'MinimumLength': expected integer."))
        XCTAssertEqual(decodeError(#"{"MinimumLength": 3000000000}"#), .serialization("Unexpected value at 'MinimumLength': expected integer."))
        XCTAssertEqual(decodeError(#"{"Values": ["a", 3]}"#), .serialization("Unexpected value at 'Values[1]': expected string."))
        XCTAssertEqual(decodeError(#"{"Tags": ["a"]}"#), .serialization("Unexpected value at 'Tags': expected map."))
        XCTAssertEqual(decodeError(#"{"Tags": {"a": 1}}"#), .serialization("Unexpected value at 'Tags.a': expected string."))
    }

    func testEncodingWritesMembersInOrderAndEscapes() {
        let bytes = AWSJSON.encode(Input(name: "a\"b\\c\n\u{01}é", minimumLength: 8, tags: ["z": "1", "a": "2"]))
        XCTAssertEqual(String(decoding: bytes, as: UTF8.self), #"{"Name":"a\"b\\c\n\u0001é","MinimumLength":8,"Tags":{"a":"2","z":"1"}}"#)
    }

    func testAWriterGrowsPastItsCapacityAndWritesOneCharacterKeys() {
        var writer = JSONWriter(capacity: 1)
        let long = String(repeating: "x", count: 5_000)
        writer.beginObject()
        writer.member("A", true)
        writer.member(named: "b\"", [1.5, .nan])
        writer.member("Long", long)
        writer.member("E", [String: String]())
        writer.endObject()
        XCTAssertEqual(String(decoding: writer.bytes, as: UTF8.self), #"{"A":true,"b\"":[1.5,null],"Long":""# + long + #"","E":{}}"#)
    }

    func testDatesAreEpochSecondsWithMilliseconds() {
        func text(_ seconds: Double) -> String { String(decoding: AWSJSON.encode([Date(timeIntervalSince1970: seconds)]), as: UTF8.self) }
        XCTAssertEqual(text(1_547_833_345.777), "[1547833345.777]")
        XCTAssertEqual(text(1_547_833_345.5), "[1547833345.5]")
        XCTAssertEqual(text(1_547_833_345), "[1547833345]")
        XCTAssertEqual(text(1_547_833_345.05), "[1547833345.05]")
        XCTAssertEqual(text(1_547_833_345.007), "[1547833345.007]")
        XCTAssertEqual(text(1_547_833_345.0004), "[1547833345]")
        XCTAssertEqual(text(0), "[0]")
        XCTAssertEqual(text(-0.25), "[-0.25]")
        XCTAssertEqual(text(-12.5), "[-12.5]")
    }

    func testIntegersAreWrittenInDecimal() {
        XCTAssertEqual(String(decoding: AWSJSON.encode([0, 7, -7, 1_234_567_890, Int(Int32.min)]), as: UTF8.self),
                       "[0,7,-7,1234567890,-2147483648]")
        XCTAssertEqual(String(decoding: AWSJSON.encode([Int64.max, Int64.min]), as: UTF8.self),
                       "[9223372036854775807,-9223372036854775808]")
    }
}

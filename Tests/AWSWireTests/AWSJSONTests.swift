@testable import AWSWire
import Foundation
import XCTest

/// Request bodies that are not a JSON object of the input shape answer SerializationException.
final class AWSJSONTests: XCTestCase {
    struct Policy: Codable, Equatable { var MinimumLength: Int? }
    struct Input: Codable, Equatable { var Name: String?; var Policies: Policy?; var Tags: [String]? }

    func decodeError(_ body: Data) -> AWSServiceError? {
        do {
            _ = try AWSJSON.decodeRequest(Input.self, from: body)
            return nil
        } catch {
            return error
        }
    }

    func testAnEmptyBodyIsAnEmptyObject() throws {
        XCTAssertEqual(try AWSJSON.decodeRequest(Input.self, from: Data()), Input())
    }

    func testInvalidUTF8IsRefused() {
        XCTAssertEqual(decodeError(Data([0x7B, 0x22, 0xFF, 0x22, 0x7D])), .serialization("The request body is not valid UTF-8."))
    }

    func testMalformedJSONIsRefused() {
        XCTAssertEqual(decodeError(Data(#"{"Name": "#.utf8)), .serialization("The request body is not valid JSON."))
    }

    func testABodyThatIsNotAnObjectIsRefused() {
        XCTAssertEqual(decodeError(Data("[1]".utf8)), .serialization("The request body must be a JSON object."))
        XCTAssertEqual(decodeError(Data(#""text""#.utf8)), .serialization("The request body must be a JSON object."))
    }

    func testAMemberOfTheWrongTypeNamesItsPath() {
        XCTAssertEqual(decodeError(Data(#"{"Policies": {"MinimumLength": "8"}}"#.utf8)),
                       .serialization("Unexpected value at 'Policies.MinimumLength': expected integer."))
        XCTAssertEqual(decodeError(Data(#"{"Tags": ["a", 3]}"#.utf8)),
                       .serialization("Unexpected value at 'Tags[1]': expected string."))
        XCTAssertEqual(decodeError(Data(#"{"Policies": [1]}"#.utf8)),
                       .serialization("Unexpected value at 'Policies': expected structure."))
    }

    func testDatesAreEpochSecondsWithMilliseconds() throws {
        struct Dated: Codable { var CreationDate: Date }
        let data = try AWSJSON.encode(Dated(CreationDate: Date(timeIntervalSince1970: 1_547_833_345.777)))
        XCTAssertEqual(String(decoding: data, as: UTF8.self), #"{"CreationDate":1547833345.777}"#)
    }
}

import Foundation
import GatehouseStorage
import XCTest

/// The blob in which every engine keeps a user's searchable values and claims in its row.
final class UserIndexedValuesTests: XCTestCase {
    func testValuesRoundTripThroughTheBlob() throws {
        let user = UserRecord(userPoolID: "p", key: "k", sub: "s", creationDate: Date(), lastModifiedDate: Date(), document: Data(),
                              searchable: [UserValue(name: "email", value: "zoë@example.com"), UserValue(name: "status", value: "")],
                              claims: [UserValue(name: "email", value: "zoë@example.com")])
        let values = try UserRecord.values(indexedValues: user.indexedValues)
        XCTAssertEqual(values.searchable, user.searchable)
        XCTAssertEqual(values.claims, user.claims)
        XCTAssertEqual(try UserRecord.values(indexedValues: Data()).searchable, [])
    }

    func testABlobCutShortOrWithAnUnknownTagIsAnEngineError() {
        let user = UserRecord(userPoolID: "p", key: "k", sub: "s", creationDate: Date(), lastModifiedDate: Date(), document: Data(),
                              searchable: [UserValue(name: "email", value: "a@b.c")])
        for broken in [user.indexedValues.dropLast(), Data([0, 0, 0, 0]), Data([2, 0, 0, 0, 0, 0, 0, 0, 0])] {
            XCTAssertThrowsError(try UserRecord.values(indexedValues: Data(broken))) { error in
                guard case StorageError.engine = error else { return XCTFail("\(error)") }
            }
        }
    }
}

import Foundation
import GatehouseStorage
import XCTest

/// A pool as a version before summaries stored it, for each engine's migration test: the test
/// writes these values with the old schema, migrates, then calls ``assertListedWithDocumentAsSummary(in:)``.
enum PoolBeforeSummaries {
    static let id = "us-east-1_Earlier01"
    static let region = "us-east-1"
    static let name = "earlier"
    static let creationMilliseconds: Int64 = 1_700_000_000_123
    static let lastModifiedMilliseconds: Int64 = 1_700_000_100_456
    static let document = Data(#"{"Pool":{"LambdaConfig":{"PreSignUp":"arn:aws:lambda:us-east-1:1:function:f"}},"Schema":[]}"#.utf8)

    /// The pool reads back unchanged, with its whole document as summary, and lists that way.
    static func assertListedWithDocumentAsSummary(in storage: any Storage) async throws {
        let expected = UserPoolRecord(id: id, region: region, name: name,
                                      creationDate: Date(milliseconds: creationMilliseconds),
                                      lastModifiedDate: Date(milliseconds: lastModifiedMilliseconds),
                                      document: document, summary: document)
        let read = try await storage.userPool(id: id)
        XCTAssertEqual(read, expected)
        let page = try await storage.userPools(region: region, after: nil, limit: 10)
        XCTAssertEqual(page.items, [expected.listed])
    }
}

import Foundation
@testable import GatehouseServer
import XCTest

/// The outbox keeps what was sent, for as long as its retention.
final class OutboxTests: XCTestCase {
    func testTheOutboxForgetsMessagesOlderThanItsRetention() async throws {
        let harness = ServerHarness()
        try await harness.run { client, gatehouse in
            let pool = try await client.createPool("p", ["AutoVerifiedAttributes": ["email"]])["Id"] as! String
            let app = try await client.createClient(pool, "app")["ClientId"] as! String
            _ = try await client.ok("SignUp", ["ClientId": app, "Username": "old", "Password": "P2$Sword",
                                               "UserAttributes": [["Name": "email", "Value": "old@example.com"]]])
            harness.advance(by: 2 * 3600)
            _ = try await client.ok("SignUp", ["ClientId": app, "Username": "new", "Password": "P2$Sword",
                                               "UserAttributes": [["Name": "email", "Value": "new@example.com"]]])
            harness.advance(by: 30 * 60)
            let deleted = try await gatehouse.delivery.prune(keeping: 3600)
            XCTAssertEqual(deleted, 1)
            let old = try await client.outbox(to: "old@example.com")
            let new = try await client.outbox(to: "new@example.com")
            XCTAssertEqual(old.count, 0)
            XCTAssertEqual(new.count, 1)
        }
    }
}

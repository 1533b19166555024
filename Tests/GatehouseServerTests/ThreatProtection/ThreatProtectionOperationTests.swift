import Foundation
import XCTest

/// Threat protection in process: an ENFORCED pool's sign-ins from AdminInitiateAuth's ContextData
/// addresses, the events AdminListUserAuthEvents lists, and admin feedback.
final class ThreatProtectionOperationTests: XCTestCase {
    func testAnEnforcedPoolBlocksANewAddressAndListsTheEventsNewestFirst() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let (pool, app) = try await client.signInPool(["UserPoolTier": "PLUS", "UserPoolAddOns": ["AdvancedSecurityMode": "ENFORCED"]])
            _ = try await client.ok("SetRiskConfiguration", ["UserPoolId": pool, "AccountTakeoverRiskConfiguration": [
                "Actions": ["LowAction": ["EventAction": "BLOCK", "Notify": false]]]])
            try await client.createUser(pool, "ann")
            let first = try await client.adminSignIn(pool, app, "ann", from: "192.0.2.1")
            XCTAssertEqual(first.status, 200)
            harness.advance(by: 1)
            client.assertError(try await client.adminSignIn(pool, app, "ann", from: "203.0.113.9"), "NotAuthorizedException",
                               "Unable to login because of security reasons.")
            harness.advance(by: 1)
            client.assertError(try await client.adminSignIn(pool, app, "ann", from: "192.0.2.1", password: "Wrong1!x"),
                               "NotAuthorizedException", "Incorrect username or password.")
            let events = try await client.ok("AdminListUserAuthEvents", ["UserPoolId": pool, "Username": "ann"])["AuthEvents"] as! [[String: Any]]
            XCTAssertEqual(events.map { $0["EventResponse"] as? String }, ["Fail", "Fail", "Pass"])
            XCTAssertEqual(events.map { ($0["EventRisk"] as? [String: Any])?["RiskDecision"] as? String }, ["NoRisk", "Block", "NoRisk"])
            XCTAssertEqual((events[1]["EventRisk"] as? [String: Any])?["RiskLevel"] as? String, "Low")
            XCTAssertEqual(events[1]["CreationDate"] as? Double, 1_700_000_001.123)
            let blocked = events[1]["EventId"] as! String
            _ = try await client.ok("AdminUpdateAuthEventFeedback", ["UserPoolId": pool, "Username": "ann", "EventId": blocked,
                                                                    "FeedbackValue": "Valid"])
            let vouched = try await client.adminSignIn(pool, app, "ann", from: "203.0.113.9")
            XCTAssertEqual(vouched.status, 200, "Valid feedback vouches for the address")
        }
    }

    func testEventsNeedThreatProtection() async throws {
        try await ServerHarness().run { client in
            let (pool, _) = try await client.signInPool(["UserPoolTier": "PLUS"])
            try await client.createUser(pool, "bob")
            client.assertError(try await client.call("AdminListUserAuthEvents", ["UserPoolId": pool, "Username": "bob"]),
                               "UserPoolAddOnNotEnabledException", "Threat protection is not enabled for this user pool.")
        }
    }
}

extension ServerHarness.Client {
    /// AdminInitiateAuth with ADMIN_USER_PASSWORD_AUTH, for a user at `ip` (ContextData).
    func adminSignIn(_ pool: String, _ app: String, _ name: String, from ip: String, password: String = Self.password) async throws -> Reply {
        try await call("AdminInitiateAuth", [
            "UserPoolId": pool, "ClientId": app, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH", "AuthParameters": ["USERNAME": name, "PASSWORD": password],
            "ContextData": ["IpAddress": ip, "ServerName": "app.example.com", "ServerPath": "/login", "HttpHeaders": []],
        ])
    }
}

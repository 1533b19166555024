import Foundation
import XCTest

/// What the user operations send: AdminCreateUser's invitation, the code of a changed
/// auto-verified email.
final class UserMessageTests: XCTestCase {
    func testInvitationsUseTheTemplateAndTheDesiredMediums() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AdminCreateUserConfig": ["InviteMessageTemplate": [
                "EmailSubject": "Welcome", "EmailMessage": "Hi {username}, your password is {####}", "SMSMessage": "{username} {####}"]],
                                                         "EmailConfiguration": ["From": "Team <team@example.com>", "EmailSendingAccount": "DEVELOPER",
                                                                                "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/team@example.com"]])["Id"] as! String
            _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": "olga", "TemporaryPassword": "Temp-Passw0rd",
                                                        "DesiredDeliveryMediums": ["EMAIL", "SMS"], "UserAttributes": [
                                                            ["Name": "email", "Value": "olga@example.com"], ["Name": "phone_number", "Value": "+15555550100"]]])
            let email = try await client.outbox(to: "olga@example.com")
            XCTAssertEqual(email.count, 1)
            XCTAssertEqual(email[0]["Subject"] as? String, "Welcome")
            XCTAssertEqual(email[0]["Body"] as? String, "Hi olga, your password is Temp-Passw0rd")
            XCTAssertEqual(email[0]["From"] as? String, "Team <team@example.com>")
            let sms = try await client.outbox(to: "+15555550100")
            XCTAssertEqual(sms[0]["Body"] as? String, "olga Temp-Passw0rd")
            XCTAssertEqual(sms[0]["Status"] as? String, "FAILED", "the pool has no SmsConfiguration")
            _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": "pat", "UserAttributes": [["Name": "email", "Value": "pat@example.com"]]])
            let none = try await client.outbox(to: "pat@example.com")
            XCTAssertEqual(none.count, 0, "SMS is the default medium, and pat has no phone number")
        }
    }

    func testAChangedAutoVerifiedEmailGetsACode() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AutoVerifiedAttributes": ["email"]])["Id"] as! String
            let user: [String: Any] = ["UserPoolId": pool, "Username": "val"]
            _ = try await client.ok("AdminCreateUser", user.merging(["MessageAction": "SUPPRESS", "UserAttributes": [
                ["Name": "email", "Value": "val@example.com"], ["Name": "email_verified", "Value": "true"]]]) { $1 })
            _ = try await client.ok("AdminUpdateUserAttributes", user.merging(["UserAttributes": [["Name": "given_name", "Value": "V"]]]) { $1 })
            var sent = try await client.outbox(to: "val@example.com")
            XCTAssertEqual(sent.count, 0, "no address changed")
            _ = try await client.ok("AdminUpdateUserAttributes", user.merging(["UserAttributes": [["Name": "email", "Value": "val@example.org"]]]) { $1 })
            sent = try await client.outbox(to: "val@example.org")
            XCTAssertEqual(sent.count, 1)
            XCTAssertEqual(sent.first?["Trigger"] as? String, "AdminUpdateUserAttributes")
            _ = try await client.ok("AdminUpdateUserAttributes", user.merging(["UserAttributes": [
                ["Name": "email", "Value": "val@example.net"], ["Name": "email_verified", "Value": "true"]]]) { $1 })
            sent = try await client.outbox(to: "val@example.net")
            XCTAssertEqual(sent.count, 0, "an address the call verifies gets no code")
        }
    }
}

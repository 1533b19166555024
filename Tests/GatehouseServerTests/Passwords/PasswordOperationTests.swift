import Foundation
import XCTest

/// ForgotPassword, ConfirmForgotPassword and AdminResetUserPassword, in process, with the codes
/// read from the development outbox.
final class PasswordOperationTests: XCTestCase {
    func testForgotPasswordResetsWithACodeAndAdminResetRequiresIt() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AccountRecoverySetting": ["RecoveryMechanisms": [["Name": "verified_email", "Priority": 1]]]])["Id"] as! String
            let app = try await client.createClient(pool, "app", ["PreventUserExistenceErrors": "ENABLED"])["ClientId"] as! String
            _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": "max", "MessageAction": "SUPPRESS", "UserAttributes": [
                ["Name": "email", "Value": "max@example.com"], ["Name": "email_verified", "Value": "true"]]])
            client.assertError(try await client.call("ForgotPassword", ["ClientId": app, "Username": "max"]),
                               "NotAuthorizedException", "User password cannot be reset in the current state.")
            _ = try await client.ok("AdminSetUserPassword", ["UserPoolId": pool, "Username": "max", "Password": "P2$Sword", "Permanent": true])
            let sent = try await client.ok("ForgotPassword", ["ClientId": app, "Username": "max"])
            XCTAssertEqual((sent["CodeDeliveryDetails"] as? [String: String])?["Destination"], "m***@e***")
            let code = try await client.code(sentTo: "max@example.com")
            client.assertError(try await client.call("ConfirmForgotPassword", ["ClientId": app, "Username": "max", "ConfirmationCode": code,
                                                                               "Password": "weak"]),
                               "InvalidPasswordException", "Password does not conform to policy: Password not long enough")
            _ = try await client.ok("ConfirmForgotPassword", ["ClientId": app, "Username": "max", "ConfirmationCode": code, "Password": "N3w-Passw0rd"])
            client.assertError(try await client.call("ConfirmForgotPassword", ["ClientId": app, "Username": "max", "ConfirmationCode": code,
                                                                               "Password": "N3w-Passw0rd2"]),
                               "ExpiredCodeException", "Invalid code provided, please request a code again.")
            let hidden = try await client.ok("ForgotPassword", ["ClientId": app, "Username": "nobody"])
            XCTAssertEqual(hidden["CodeDeliveryDetails"] as? NSDictionary,
                           ["Destination": "n***@***", "DeliveryMedium": "EMAIL", "AttributeName": "email"],
                           "a client that hides users answers as if a code went to the name given as an email address")

            _ = try await client.ok("AdminResetUserPassword", ["UserPoolId": pool, "Username": "max"])
            let status = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "max"])["UserStatus"] as? String
            XCTAssertEqual(status, "RESET_REQUIRED")
            let resetCode = try await client.code(sentTo: "max@example.com")
            _ = try await client.ok("ConfirmForgotPassword", ["ClientId": app, "Username": "max", "ConfirmationCode": resetCode,
                                                              "Password": "Th1rd-Passw0rd"])
            let confirmed = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "max"])["UserStatus"] as? String
            XCTAssertEqual(confirmed, "CONFIRMED")

            _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": "ned", "MessageAction": "SUPPRESS"])
            _ = try await client.ok("AdminSetUserPassword", ["UserPoolId": pool, "Username": "ned", "Password": "P2$Sword", "Permanent": true])
            client.assertError(try await client.call("AdminResetUserPassword", ["UserPoolId": pool, "Username": "ned"]), "InvalidParameterException",
                               "Cannot reset password for the user as there is no registered/verified email or phone_number")
        }
    }
}

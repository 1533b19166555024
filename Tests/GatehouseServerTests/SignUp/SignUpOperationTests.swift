import Crypto
import Foundation
import XCTest

/// Self sign-up and its confirmation (codes, links, aliases), in process, with the codes
/// read from the development outbox.
final class SignUpOperationTests: XCTestCase {
    func testSignUpSendsACodeThatConfirmsOnceAndVerifiesTheEmail() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AutoVerifiedAttributes": ["email"],
                                                         "EmailConfiguration": ["ReplyToEmailAddress": "help@example.com"]])["Id"] as! String
            let app = try await client.createClient(pool, "app")["ClientId"] as! String
            let signedUp = try await client.ok("SignUp", ["ClientId": app, "Username": "jane", "Password": "P2$Sword",
                                                          "UserAttributes": [["Name": "email", "Value": "jane@example.com"]]])
            XCTAssertEqual(signedUp["UserConfirmed"] as? Bool, false)
            XCTAssertEqual(signedUp["CodeDeliveryDetails"] as? NSDictionary,
                           ["Destination": "j***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"])
            let message = try await client.outbox(to: "jane@example.com")[0]
            XCTAssertEqual(message["Subject"] as? String, "Your verification code")
            XCTAssertEqual(message["From"] as? String, "no-reply@verificationemail.com")
            XCTAssertEqual(message["ReplyTo"] as? String, "help@example.com")
            XCTAssertEqual(message["Trigger"] as? String, "SignUp")
            XCTAssertEqual(message["Status"] as? String, "STORED")
            let code = try await client.code(sentTo: "jane@example.com")
            XCTAssertEqual(message["Body"] as? String, "Your verification code is \(code). ")

            let wrong = code == "000000" ? "111111" : "000000"
            let user: [String: Any] = ["ClientId": app, "Username": "jane"]
            client.assertError(try await client.call("ConfirmSignUp", user.merging(["ConfirmationCode": wrong]) { $1 }),
                               "CodeMismatchException", "Invalid verification code provided, please try again.")
            _ = try await client.ok("ConfirmSignUp", user.merging(["ConfirmationCode": code]) { $1 })
            client.assertError(try await client.call("ConfirmSignUp", user.merging(["ConfirmationCode": code]) { $1 }),
                               "NotAuthorizedException", "User cannot be confirmed. Current status is CONFIRMED")
            let got = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "jane"])
            XCTAssertEqual(got["UserStatus"] as? String, "CONFIRMED")
            XCTAssertTrue((got["UserAttributes"] as! [[String: String]]).contains(["Name": "email_verified", "Value": "true"]))
            client.assertError(try await client.call("SignUp", ["ClientId": app, "Username": "jane", "Password": "P2$Sword"]),
                               "UsernameExistsException", "User already exists")
        }
    }

    func testCodesExpireAreReplacedByResendAndLockAfterFiveWrongTries() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let pool = try await client.createPool("p", ["AutoVerifiedAttributes": ["email"]])["Id"] as! String
            let app = try await client.createClient(pool, "app")["ClientId"] as! String
            for name in ["kim", "lee"] {
                _ = try await client.ok("SignUp", ["ClientId": app, "Username": name, "Password": "P2$Sword",
                                                   "UserAttributes": [["Name": "email", "Value": "\(name)@example.com"]]])
            }
            let first = try await client.code(sentTo: "kim@example.com")
            let resent = try await client.ok("ResendConfirmationCode", ["ClientId": app, "Username": "kim"])
            XCTAssertEqual((resent["CodeDeliveryDetails"] as? [String: String])?["Destination"], "k***@e***")
            let second = try await client.code(sentTo: "kim@example.com")
            if first != second {
                client.assertError(try await client.call("ConfirmSignUp", ["ClientId": app, "Username": "kim", "ConfirmationCode": first]),
                                   "CodeMismatchException", "Invalid verification code provided, please try again.")
            }
            harness.advance(by: 24 * 3600 + 1)
            client.assertError(try await client.call("ConfirmSignUp", ["ClientId": app, "Username": "kim", "ConfirmationCode": second]),
                               "ExpiredCodeException", "Invalid code provided, please request a code again.")

            _ = try await client.ok("ResendConfirmationCode", ["ClientId": app, "Username": "lee"])
            let code = try await client.code(sentTo: "lee@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            for _ in 0..<5 {
                client.assertError(try await client.call("ConfirmSignUp", ["ClientId": app, "Username": "lee", "ConfirmationCode": wrong]),
                                   "CodeMismatchException", "Invalid verification code provided, please try again.")
            }
            client.assertError(try await client.call("ConfirmSignUp", ["ClientId": app, "Username": "lee", "ConfirmationCode": code]),
                               "TooManyFailedAttemptsException", "Attempt limit exceeded, please try after some time.")
        }
    }

    func testPoolAndClientSettingsDecideWhoMaySignUp() async throws {
        try await ServerHarness().run { client in
            let closed = try await client.createPool("closed", ["AdminCreateUserConfig": ["AllowAdminCreateUserOnly": true]])["Id"] as! String
            let closedApp = try await client.createClient(closed, "app")["ClientId"] as! String
            client.assertError(try await client.call("SignUp", ["ClientId": closedApp, "Username": "x", "Password": "P2$Sword"]),
                               "NotAuthorizedException", "SignUp is not permitted for this user pool")
            let pool = try await client.createPool()["Id"] as! String
            let secretClient = try await client.createClient(pool, "server", ["GenerateSecret": true])
            let id = secretClient["ClientId"] as! String, secret = secretClient["ClientSecret"] as! String
            client.assertError(try await client.call("SignUp", ["ClientId": id, "Username": "x", "Password": "P2$Sword"]),
                               "NotAuthorizedException", "Client \(id) is configured with secret but SECRET_HASH was not received")
            client.assertError(try await client.call("SignUp", ["ClientId": id, "Username": "x", "Password": "P2$Sword", "SecretHash": "bm9wZQ=="]),
                               "NotAuthorizedException", "Unable to verify secret hash for client \(id)")
            let hash = Data(HMAC<SHA256>.authenticationCode(for: Data("x\(id)".utf8), using: SymmetricKey(data: Data(secret.utf8))))
                .base64EncodedString()
            client.assertError(try await client.call("SignUp", ["ClientId": id, "Username": "x", "Password": "password", "SecretHash": hash]),
                               "InvalidPasswordException", "Password did not conform with policy: Password must have uppercase characters")
            client.assertError(try await client.call("SignUp", ["ClientId": id, "Username": "x", "Password": "P2$Sword", "SecretHash": hash,
                                                                "UserAttributes": [["Name": "email_verified", "Value": "true"]]]),
                               "NotAuthorizedException", "A client attempted to write unauthorized attribute")
            let signedUp = try await client.ok("SignUp", ["ClientId": id, "Username": "x", "Password": "P2$Sword", "SecretHash": hash])
            XCTAssertNil(signedUp["CodeDeliveryDetails"], "the pool verifies nothing automatically")
            client.assertError(try await client.call("SignUp", ["ClientId": "0123456789abcdefghijklmnop", "Username": "x", "Password": "P2$Sword"]),
                               "ResourceNotFoundException", "User pool client 0123456789abcdefghijklmnop does not exist.")
        }
    }

    func testConfirmationByLinkNeedsADomain() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AutoVerifiedAttributes": ["email"],
                                                         "VerificationMessageTemplate": ["DefaultEmailOption": "CONFIRM_WITH_LINK"]])["Id"] as! String
            let app = try await client.createClient(pool, "app")["ClientId"] as! String
            client.assertError(try await client.call("SignUp", ["ClientId": app, "Username": "lin", "Password": "P2$Sword",
                                                                "UserAttributes": [["Name": "email", "Value": "lin@example.com"]]]),
                               "InvalidParameterException",
                               "Cannot perform specific action because there does not exist a valid use pool domain associated with the user pool")
            client.assertError(try await client.call("AdminGetUser", ["UserPoolId": pool, "Username": "lin"]),
                               "UserNotFoundException", "User does not exist.")
            let signedUp = try await client.ok("SignUp", ["ClientId": app, "Username": "lin", "Password": "P2$Sword"])
            XCTAssertNil(signedUp["CodeDeliveryDetails"], "nothing to verify, nothing to send")

            _ = try await client.ok("CreateUserPoolDomain", ["UserPoolId": pool, "Domain": "lin-\(app.prefix(8))"])
            let linked = try await client.ok("SignUp", ["ClientId": app, "Username": "lin+2", "Password": "P2$Sword",
                                                        "UserAttributes": [["Name": "email", "Value": "lin2@example.com"]]])
            XCTAssertEqual(linked["CodeDeliveryDetails"] as? [String: String],
                           ["Destination": "l***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"])
            let email = try await client.outbox(to: "lin2@example.com")
            XCTAssertEqual(email[0]["Subject"] as? String, "Your verification link")
            let body = try XCTUnwrap(email[0]["Body"] as? String)
            let pattern = #"^Please click the link below to verify your email address\. <a href="http://[^/]+/confirmUser\?client_id="#
                + app + #"&user_name=lin%2B2&confirmation_code=[0-9]{6}">Verify Email</a> $"#
            XCTAssertNotNil(body.range(of: pattern, options: .regularExpression), body)
        }
    }

    func testConfirmingAnEmailAnotherUserHoldsAsAliasNeedsForceAliasCreation() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AliasAttributes": ["email"], "AutoVerifiedAttributes": ["email"]])["Id"] as! String
            let app = try await client.createClient(pool, "app")["ClientId"] as! String
            _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": "wes", "MessageAction": "SUPPRESS", "UserAttributes": [
                ["Name": "email", "Value": "w@example.com"], ["Name": "email_verified", "Value": "true"]]])
            _ = try await client.ok("SignUp", ["ClientId": app, "Username": "wyn", "Password": "P2$Sword",
                                               "UserAttributes": [["Name": "email", "Value": "w@example.com"]]])
            let code = try await client.code(sentTo: "w@example.com")
            let wrong = code == "000000" ? "111111" : "000000"
            client.assertError(try await client.call("ConfirmSignUp", ["ClientId": app, "Username": "wyn", "ConfirmationCode": wrong,
                                                                       "ForceAliasCreation": true]),
                               "CodeMismatchException", "Invalid verification code provided, please try again.")
            client.assertError(try await client.call("ConfirmSignUp", ["ClientId": app, "Username": "wyn", "ConfirmationCode": code]),
                               "AliasExistsException", "An account with the given email already exists.")
            var holder = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "w@example.com"])["Username"] as? String
            XCTAssertEqual(holder, "wes", "neither refused call moved the alias")
            _ = try await client.ok("ConfirmSignUp", ["ClientId": app, "Username": "wyn", "ConfirmationCode": code, "ForceAliasCreation": true])
            holder = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "w@example.com"])["Username"] as? String
            XCTAssertEqual(holder, "wyn")
        }
    }

    func testAUserThatDoesNotExistIsNamedOrHiddenAsTheClientSays() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AutoVerifiedAttributes": ["email"]])["Id"] as! String
            let legacy = try await client.createClient(pool, "legacy", ["PreventUserExistenceErrors": "LEGACY"])["ClientId"] as! String
            let hiding = try await client.createClient(pool, "hiding", ["PreventUserExistenceErrors": "ENABLED"])["ClientId"] as! String
            for operation in ["ResendConfirmationCode", "ForgotPassword"] {
                client.assertError(try await client.call(operation, ["ClientId": legacy, "Username": "ghost"]),
                                   "UserNotFoundException", "Username/client id combination not found.")
                let hidden = try await client.ok(operation, ["ClientId": hiding, "Username": "ghost"])
                XCTAssertEqual(hidden["CodeDeliveryDetails"] as? NSDictionary,
                               ["Destination": "g***@***", "DeliveryMedium": "EMAIL", "AttributeName": "email"])
            }
            client.assertError(try await client.call("ConfirmSignUp", ["ClientId": legacy, "Username": "ghost", "ConfirmationCode": "123456"]),
                               "UserNotFoundException", "Username/client id combination not found.")
            client.assertError(try await client.call("ConfirmSignUp", ["ClientId": hiding, "Username": "ghost", "ConfirmationCode": "123456"]),
                               "CodeMismatchException", "Invalid verification code provided, please try again.")
        }
    }
}

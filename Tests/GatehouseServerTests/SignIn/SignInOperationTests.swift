import Foundation
import XCTest

/// InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge and AdminRespondToAuthChallenge in
/// process: the flows a client allows, the refusals of an account, NEW_PASSWORD_REQUIRED.
final class SignInOperationTests: XCTestCase {
    static let incorrect = "Incorrect username or password."

    func testAPasswordSignInGivesTheClientsTokensAndWrongPasswordsLockTheUserOut() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let (pool, app) = try await client.signInPool()
            try await client.createUser(pool, "ann")
            let tokens = try await client.tokens(app, "ann")
            XCTAssertEqual(tokens["TokenType"] as? String, "Bearer")
            XCTAssertEqual(tokens["ExpiresIn"] as? Int, 3600)
            XCTAssertEqual(Set(tokens.keys), ["AccessToken", "ExpiresIn", "IdToken", "RefreshToken", "TokenType"])
            for _ in 1...5 {
                client.assertError(try await client.passwordSignIn(app, "ann", password: "Wrong1!x"), "NotAuthorizedException", Self.incorrect)
            }
            client.assertError(try await client.passwordSignIn(app, "ann"), "NotAuthorizedException", "Password attempts exceeded")
            harness.advance(by: 2)
            _ = try await client.tokens(app, "ann")
            client.assertError(try await client.passwordSignIn(app, "nobody"), "UserNotFoundException", "User does not exist.")
        }
    }

    func testAClientThatHidesUsersAnswersAnUnknownUserAsAWrongPassword() async throws {
        try await ServerHarness().run { client in
            let (_, app) = try await client.signInPool(clientSettings: ["PreventUserExistenceErrors": "ENABLED"])
            client.assertError(try await client.passwordSignIn(app, "nobody"), "NotAuthorizedException", Self.incorrect)
        }
    }

    func testTheClientMustAllowTheFlowAndTheOperationMustTakeIt() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            try await client.createUser(pool, "bea")
            let srpOnly = try await client.createClient(pool, "srp", ["ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH"]])["ClientId"] as! String
            client.assertError(try await client.passwordSignIn(srpOnly, "bea"), "InvalidParameterException",
                               "USER_PASSWORD_AUTH flow not enabled for this client")
            let admin: [String: Any] = ["UserPoolId": pool, "ClientId": srpOnly, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                                        "AuthParameters": ["USERNAME": "bea", "PASSWORD": ServerHarness.Client.password]]
            client.assertError(try await client.call("AdminInitiateAuth", admin), "InvalidParameterException", "Auth flow not enabled for this client")
            client.assertError(try await client.call("InitiateAuth", ["ClientId": srpOnly, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH"]),
                               "InvalidParameterException", "Initiate Auth method not supported.")
            client.assertError(try await client.call("AdminInitiateAuth", admin.merging(["AuthFlow": "USER_PASSWORD_AUTH"]) { $1 }),
                               "InvalidParameterException", "Initiate Auth method not supported.")
            client.assertError(try await client.call("InitiateAuth", ["ClientId": srpOnly, "AuthFlow": "USER_AUTH"]),
                               "NotImplementedException", "Gatehouse does not implement the USER_AUTH flow yet.")
            client.assertError(try await client.call("InitiateAuth", ["ClientId": srpOnly, "AuthFlow": "CUSTOM_AUTH"]),
                               "InvalidParameterException", "CUSTOM_AUTH flow not enabled for this client")
            client.assertError(try await client.call("InitiateAuth", ["ClientId": "nosuchclient", "AuthFlow": "USER_PASSWORD_AUTH"]),
                               "ResourceNotFoundException", "User pool client nosuchclient does not exist.")
        }
    }

    func testTheAccountRefusesADisabledUnconfirmedResetOrExpiredUser() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let (pool, app) = try await client.signInPool(["AutoVerifiedAttributes": ["email"]])
            try await client.createUser(pool, "dan", attributes: [["Name": "email", "Value": "dan@example.com"],
                                                                 ["Name": "email_verified", "Value": "True"]])
            _ = try await client.ok("AdminDisableUser", ["UserPoolId": pool, "Username": "dan"])
            client.assertError(try await client.passwordSignIn(app, "dan"), "NotAuthorizedException", "User is disabled.")
            _ = try await client.ok("AdminEnableUser", ["UserPoolId": pool, "Username": "dan"])
            _ = try await client.ok("AdminResetUserPassword", ["UserPoolId": pool, "Username": "dan"])
            client.assertError(try await client.passwordSignIn(app, "dan"), "PasswordResetRequiredException", "Password reset required for the user")

            _ = try await client.ok("SignUp", ["ClientId": app, "Username": "eve", "Password": ServerHarness.Client.password])
            client.assertError(try await client.passwordSignIn(app, "eve"), "UserNotConfirmedException", "User is not confirmed.")

            try await client.createUser(pool, "fay", temporary: "Temp0rary!")
            harness.advance(by: 7 * 86_400 + 1)
            client.assertError(try await client.passwordSignIn(app, "fay", password: "Temp0rary!"), "NotAuthorizedException",
                               "Temporary password has expired and must be reset by an administrator.")
        }
    }

    func testAdminRespondToAuthChallengeSetsTheNewPasswordOnceAndConfirmsTheUser() async throws {
        try await ServerHarness().run { client in
            let (pool, app) = try await client.signInPool(["Schema": [["Name": "name", "Required": true]]])
            try await client.createUser(pool, "gus", attributes: [["Name": "name", "Value": "Gus"]], temporary: "Temp0rary!")
            let started = try await client.ok("AdminInitiateAuth", [
                "UserPoolId": pool, "ClientId": app, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
                "AuthParameters": ["USERNAME": "gus", "PASSWORD": "Temp0rary!"]])
            XCTAssertEqual(started["ChallengeName"] as? String, "NEW_PASSWORD_REQUIRED")
            let parameters = try XCTUnwrap(started["ChallengeParameters"] as? [String: String])
            XCTAssertEqual(parameters["USER_ID_FOR_SRP"], "gus")
            XCTAssertEqual(parameters["requiredAttributes"], "[]")
            XCTAssertEqual(parameters["userAttributes"], #"{"name":"Gus"}"#)
            var answer: [String: Any] = ["UserPoolId": pool, "ClientId": app, "ChallengeName": "NEW_PASSWORD_REQUIRED",
                                         "Session": started["Session"] as! String,
                                         "ChallengeResponses": ["USERNAME": "gus", "NEW_PASSWORD": "short"]]
            client.assertError(try await client.call("AdminRespondToAuthChallenge", answer), "InvalidPasswordException",
                               "Password does not conform to policy: Password not long enough")
            answer["ChallengeResponses"] = ["USERNAME": "gus", "NEW_PASSWORD": "N3w-Password"]
            let done = try await client.ok("AdminRespondToAuthChallenge", answer)
            XCTAssertNotNil((done["AuthenticationResult"] as? [String: Any])?["AccessToken"])
            client.assertError(try await client.call("AdminRespondToAuthChallenge", answer), "NotAuthorizedException",
                               "Invalid session for the user, session can only be used once.")
            let user = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "gus"])
            XCTAssertEqual(user["UserStatus"] as? String, "CONFIRMED")
            client.assertError(try await client.call("AdminRespondToAuthChallenge", answer, region: "eu-west-1"),
                               "ResourceNotFoundException", "User pool \(pool) does not exist.")
            client.assertError(try await client.call("AdminRespondToAuthChallenge", answer.merging(["Session": String(repeating: "forged", count: 8)]) { $1 }),
                               "NotAuthorizedException", "Invalid session for the user.")
        }
    }
}

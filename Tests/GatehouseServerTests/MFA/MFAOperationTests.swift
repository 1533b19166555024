import Foundation
import XCTest

/// MFA in process: software tokens from AssociateSoftwareToken to the SOFTWARE_TOKEN_MFA
/// challenge, SMS_MFA with a code from the outbox, MFA_SETUP before tokens, the legacy MFA
/// options of Set/AdminSetUserSettings, and what a user's preference may turn on.
final class MFAOperationTests: XCTestCase {
    static var sms: [String: Any] { ["SnsCallerArn": "arn:aws:iam::123456789012:role/sms", "ExternalId": "gatehouse"] }

    /// A pool with MfaConfiguration `mode` offering software tokens, and SMS when `sms` is set.
    private static func mfaPool(_ client: ServerHarness.Client, _ mode: String, sms: Bool = false) async throws -> (pool: String, client: String) {
        let (pool, app) = try await client.signInPool(sms ? ["SmsConfiguration": Self.sms] : [:])
        var settings: [String: Any] = ["UserPoolId": pool, "MfaConfiguration": mode, "SoftwareTokenMfaConfiguration": ["Enabled": true]]
        if sms { settings["SmsMfaConfiguration"] = ["SmsAuthenticationMessage": "Code {####}", "SmsConfiguration": Self.sms] }
        _ = try await client.ok("SetUserPoolMfaConfig", settings)
        return (pool, app)
    }

    func testASoftwareTokenIsAssociatedVerifiedPreferredThenChallengedOncePerCode() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let (pool, app) = try await Self.mfaPool(client, "OPTIONAL")
            try await client.createUser(pool, "ivy")
            let access = try await client.tokens(app, "ivy")["AccessToken"] as! String
            client.assertError(try await client.call("SetUserMFAPreference", ["AccessToken": access, "SoftwareTokenMfaSettings": ["Enabled": true]]),
                               "InvalidParameterException", "User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA")
            let secret = try await client.ok("AssociateSoftwareToken", ["AccessToken": access])["SecretCode"] as! String
            client.assertError(try await client.call("VerifySoftwareToken", ["AccessToken": access, "UserCode": "000000"]),
                               "EnableSoftwareTokenMFAException", "Code mismatch and fail enable Software Token MFA")
            let verified = try await client.ok("VerifySoftwareToken", ["AccessToken": access, "UserCode": try harness.totp(secret)])
            XCTAssertEqual(verified["Status"] as? String, "SUCCESS")
            _ = try await client.ok("SetUserMFAPreference", ["AccessToken": access,
                                                             "SoftwareTokenMfaSettings": ["Enabled": true, "PreferredMfa": true]])
            let user = try await client.ok("GetUser", ["AccessToken": access])
            XCTAssertEqual(user["PreferredMfaSetting"] as? String, "SOFTWARE_TOKEN_MFA")
            XCTAssertEqual(user["UserMFASettingList"] as? [String], ["SOFTWARE_TOKEN_MFA"])

            harness.advance(by: 30)
            let challenge = try await client.passwordSignIn(app, "ivy").json
            XCTAssertEqual(challenge["ChallengeName"] as? String, "SOFTWARE_TOKEN_MFA")
            client.assertError(try await client.answer(app, challenge, "ivy", ["SOFTWARE_TOKEN_MFA_CODE": "000000"]),
                               "CodeMismatchException", "Invalid code or auth state for the user.")
            let code = try harness.totp(secret)
            let done = try await client.answer(app, challenge, "ivy", ["SOFTWARE_TOKEN_MFA_CODE": code])
            XCTAssertNotNil((done.json["AuthenticationResult"] as? [String: Any])?["AccessToken"], "a wrong code leaves the session usable")
            let again = try await client.passwordSignIn(app, "ivy").json
            client.assertError(try await client.answer(app, again, "ivy", ["SOFTWARE_TOKEN_MFA_CODE": code]),
                               "ExpiredCodeException", "Your software token has already been used once.")
        }
    }

    func testSmsMfaSendsTheCodeToTheLegacyMfaOptionsOfAdminSetUserSettings() async throws {
        try await ServerHarness().run { client in
            let (pool, app) = try await Self.mfaPool(client, "OPTIONAL", sms: true)
            try await client.createUser(pool, "jon", attributes: [["Name": "phone_number", "Value": "+15550100001"]])
            _ = try await client.ok("AdminSetUserSettings", ["UserPoolId": pool, "Username": "jon",
                                                             "MFAOptions": [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]]])
            let user = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "jon"])
            XCTAssertEqual(user["MFAOptions"] as? [[String: String]], [["DeliveryMedium": "SMS", "AttributeName": "phone_number"]])
            XCTAssertEqual(user["UserMFASettingList"] as? [String], ["SMS_MFA"])
            client.assertError(try await client.call("AdminSetUserSettings", ["UserPoolId": pool, "Username": "nobody", "MFAOptions": []]),
                               "UserNotFoundException", "User does not exist.")

            let challenge = try await client.passwordSignIn(app, "jon").json
            XCTAssertEqual(challenge["ChallengeName"] as? String, "SMS_MFA")
            let parameters = try XCTUnwrap(challenge["ChallengeParameters"] as? [String: String])
            XCTAssertEqual(parameters["CODE_DELIVERY_DELIVERY_MEDIUM"], "SMS")
            XCTAssertEqual(parameters["CODE_DELIVERY_DESTINATION"], "+*******0001")
            let message = try await client.outbox(to: "+15550100001")[0]
            XCTAssertEqual(message["Trigger"] as? String, "SignIn")
            let code = try await client.code(sentTo: "+15550100001")
            XCTAssertEqual(message["Body"] as? String, "Code \(code)")
            let done = try await client.answer(app, challenge, "jon", ["SMS_MFA_CODE": code])
            XCTAssertNotNil((done.json["AuthenticationResult"] as? [String: Any])?["AccessToken"])
        }
    }

    func testAPreferenceTurnsOnOnlyFactorsTheUserCanReceive() async throws {
        try await ServerHarness().run { client in
            let (pool, _) = try await Self.mfaPool(client, "OPTIONAL", sms: true)
            try await client.createUser(pool, "kit")
            client.assertError(try await client.call("AdminSetUserMFAPreference", ["UserPoolId": pool, "Username": "kit",
                                                                                   "SMSMfaSettings": ["Enabled": true]]),
                               "InvalidParameterException", "User does not have delivery config set to turn on SMS_MFA")
            client.assertError(try await client.call("AdminSetUserMFAPreference", ["UserPoolId": pool, "Username": "kit",
                                                                                   "EmailMfaSettings": ["PreferredMfa": true]]),
                               "InvalidParameterException", "User does not have delivery config set to turn on EMAIL_OTP")
            _ = try await client.ok("AdminUpdateUserAttributes", ["UserPoolId": pool, "Username": "kit",
                                                                  "UserAttributes": [["Name": "phone_number", "Value": "+15550100002"]]])
            _ = try await client.ok("AdminSetUserMFAPreference", ["UserPoolId": pool, "Username": "kit",
                                                                  "SMSMfaSettings": ["Enabled": true, "PreferredMfa": true]])
            let user = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "kit"])
            XCTAssertEqual(user["PreferredMfaSetting"] as? String, "SMS_MFA")
        }
    }

    func testARequiredFactorIsSetUpWithTheSessionBeforeTokens() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let (pool, app) = try await Self.mfaPool(client, "ON")
            try await client.createUser(pool, "lou")
            let challenge = try await client.passwordSignIn(app, "lou").json
            XCTAssertEqual(challenge["ChallengeName"] as? String, "MFA_SETUP")
            XCTAssertEqual((challenge["ChallengeParameters"] as? [String: String])?["MFAS_CAN_SETUP"], #"["SOFTWARE_TOKEN_MFA"]"#)
            let associated = try await client.ok("AssociateSoftwareToken", ["Session": challenge["Session"] as! String])
            client.assertError(try await client.call("AssociateSoftwareToken", ["Session": challenge["Session"] as! String]),
                               "NotAuthorizedException", "Invalid session for the user, session can only be used once.")
            let verified = try await client.ok("VerifySoftwareToken", ["Session": associated["Session"] as! String,
                                                                       "UserCode": try harness.totp(associated["SecretCode"] as! String)])
            let done = try await client.answer(app, ["ChallengeName": "MFA_SETUP", "Session": verified["Session"] as! String], "lou", [:])
            XCTAssertNotNil((done.json["AuthenticationResult"] as? [String: Any])?["AccessToken"], String(decoding: done.body, as: UTF8.self))
        }
    }
}

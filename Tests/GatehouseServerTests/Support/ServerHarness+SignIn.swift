import Foundation
import GatehouseCore
import XCTest

/// Users who sign in, for the sign-in, MFA and token tests.
extension ServerHarness.Client {
    static let password = "P2$Sword"
    static let allFlows = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]

    /// A pool (with `settings`) and an app client that allows every password flow (with `clientSettings`).
    func signInPool(_ settings: [String: Any] = [:], clientSettings: [String: Any] = [:]) async throws -> (pool: String, client: String) {
        let pool = try await createPool("p", settings)["Id"] as! String
        let client = try await createClient(pool, "app", clientSettings.merging(["ExplicitAuthFlows": Self.allFlows]) { given, _ in given })
        return (pool, client["ClientId"] as! String)
    }

    /// A CONFIRMED user with a permanent password, or with `temporary`, a FORCE_CHANGE_PASSWORD one.
    func createUser(_ pool: String, _ name: String, attributes: [[String: String]] = [], temporary: String? = nil) async throws {
        var input: [String: Any] = ["UserPoolId": pool, "Username": name, "MessageAction": "SUPPRESS", "UserAttributes": attributes]
        input["TemporaryPassword"] = temporary
        _ = try await ok("AdminCreateUser", input)
        if temporary == nil {
            _ = try await ok("AdminSetUserPassword", ["UserPoolId": pool, "Username": name, "Password": Self.password, "Permanent": true])
        }
    }

    /// InitiateAuth with USER_PASSWORD_AUTH.
    func passwordSignIn(_ client: String, _ name: String, password: String = Self.password) async throws -> Reply {
        try await call("InitiateAuth", ["ClientId": client, "AuthFlow": "USER_PASSWORD_AUTH",
                                        "AuthParameters": ["USERNAME": name, "PASSWORD": password]])
    }

    /// The tokens of a sign-in that must succeed without a challenge.
    func tokens(_ client: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) async throws -> [String: Any] {
        let reply = try await passwordSignIn(client, name)
        XCTAssertEqual(reply.status, 200, String(decoding: reply.body, as: UTF8.self), file: file, line: line)
        return try XCTUnwrap(reply.json["AuthenticationResult"] as? [String: Any], file: file, line: line)
    }

    /// RespondToAuthChallenge for the challenge `previous` answered, with USERNAME and `responses`.
    func answer(_ client: String, _ previous: [String: Any], _ name: String, _ responses: [String: String]) async throws -> Reply {
        try await call("RespondToAuthChallenge", ["ClientId": client, "ChallengeName": previous["ChallengeName"] ?? "",
                                                  "Session": previous["Session"] ?? "",
                                                  "ChallengeResponses": responses.merging(["USERNAME": name]) { given, _ in given }])
    }
}

extension ServerHarness {
    /// The current TOTP code of a software token whose SecretCode AssociateSoftwareToken gave, at
    /// the harness's time plus `offset` seconds.
    func totp(_ secretCode: String, offset: TimeInterval = 0) throws -> String {
        let secret = try XCTUnwrap(Self.base32(secretCode))
        return TOTP.code(secret: secret, step: TOTP.step(at: time.withLock { $0 }.addingTimeInterval(offset)))
    }

    /// RFC 4648 base32 without padding, as authenticator apps read SecretCode.
    static func base32(_ text: String) -> [UInt8]? {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var bytes: [UInt8] = []
        var buffer = 0, bits = 0
        for character in text where character != "=" {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            buffer = (buffer << 5) | value
            bits += 5
            if bits >= 8 {
                bytes.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
        }
        return bytes
    }
}

import Foundation
import GatehouseCore
import XCTest

/// Tokens after sign-in, in process: refreshing (REFRESH_TOKEN_AUTH, GetTokensFromRefreshToken),
/// ending them (RevokeToken, GlobalSignOut, AdminUserGlobalSignOut), and what verifiers read.
final class TokenOperationTests: XCTestCase {
    func testARefreshTokenGivesNewTokensUntilItIsRevoked() async throws {
        try await ServerHarness().run { client in
            let (pool, app) = try await client.signInPool()
            try await client.createUser(pool, "max")
            let tokens = try await client.tokens(app, "max")
            let refresh = tokens["RefreshToken"] as! String
            let refreshed = try await client.ok("InitiateAuth", ["ClientId": app, "AuthFlow": "REFRESH_TOKEN_AUTH",
                                                                 "AuthParameters": ["REFRESH_TOKEN": refresh]])
            let result = try XCTUnwrap(refreshed["AuthenticationResult"] as? [String: Any])
            XCTAssertNotNil(result["AccessToken"])
            XCTAssertNil(result["RefreshToken"], "REFRESH_TOKEN_AUTH does not rotate")
            let fromOperation = try await client.ok("GetTokensFromRefreshToken", ["ClientId": app, "RefreshToken": refresh])
            XCTAssertNotNil((fromOperation["AuthenticationResult"] as? [String: Any])?["IdToken"])

            _ = try await client.ok("RevokeToken", ["ClientId": app, "Token": refresh])
            client.assertError(try await client.call("GetTokensFromRefreshToken", ["ClientId": app, "RefreshToken": refresh]),
                               "NotAuthorizedException", "Refresh Token has been revoked")
            client.assertError(try await client.call("GetUser", ["AccessToken": tokens["AccessToken"] as! String]),
                               "NotAuthorizedException", "Access Token has been revoked")
            client.assertError(try await client.call("InitiateAuth", ["ClientId": app, "AuthFlow": "REFRESH_TOKEN_AUTH",
                                                                      "AuthParameters": ["REFRESH_TOKEN": "forged"]]),
                               "NotAuthorizedException", "Invalid Refresh Token")
            client.assertError(try await client.call("RevokeToken", ["ClientId": app, "Token": tokens["AccessToken"] as! String]),
                               "UnsupportedTokenTypeException", "Only refresh tokens can be revoked.")
        }
    }

    func testAClientWithASecretMustGiveItToRefreshAndRevoke() async throws {
        try await ServerHarness().run { client in
            let (pool, _) = try await client.signInPool()
            let app = try await client.createClient(pool, "secret", ["GenerateSecret": true,
                                                                     "ExplicitAuthFlows": ServerHarness.Client.allFlows])
            let id = app["ClientId"] as! String, secret = app["ClientSecret"] as! String
            try await client.createUser(pool, "rex")
            let signedIn = try await client.ok("InitiateAuth", ["ClientId": id, "AuthFlow": "USER_PASSWORD_AUTH", "AuthParameters": [
                "USERNAME": "rex", "PASSWORD": ServerHarness.Client.password,
                "SECRET_HASH": SecretHash.compute(username: "rex", clientID: id, clientSecret: secret)]])
            let refresh = (signedIn["AuthenticationResult"] as! [String: Any])["RefreshToken"] as! String
            for given in [nil, String(secret.dropLast()) + (secret.hasSuffix("a") ? "b" : "a")] {
                var input: [String: Any] = ["ClientId": id, "RefreshToken": refresh]
                input["ClientSecret"] = given
                client.assertError(try await client.call("GetTokensFromRefreshToken", input), "NotAuthorizedException",
                                   "Unable to verify the client secret of client \(id)")
                var revoke: [String: Any] = ["ClientId": id, "Token": refresh]
                revoke["ClientSecret"] = given
                client.assertError(try await client.call("RevokeToken", revoke), "UnauthorizedException", "Client secret is missing or wrong.")
            }
            _ = try await client.ok("GetTokensFromRefreshToken", ["ClientId": id, "RefreshToken": refresh, "ClientSecret": secret])
            _ = try await client.ok("RevokeToken", ["ClientId": id, "Token": refresh, "ClientSecret": secret])
        }
    }

    func testAGlobalSignOutEndsEveryEarlierSignIn() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let (pool, app) = try await client.signInPool()
            try await client.createUser(pool, "ned")
            let first = try await client.tokens(app, "ned")
            harness.advance(by: 1)
            _ = try await client.ok("GlobalSignOut", ["AccessToken": first["AccessToken"] as! String])
            client.assertError(try await client.call("GetUser", ["AccessToken": first["AccessToken"] as! String]),
                               "NotAuthorizedException", "Access Token has been revoked")
            harness.advance(by: 1)
            let second = try await client.tokens(app, "ned")
            let user = try await client.ok("GetUser", ["AccessToken": second["AccessToken"] as! String])
            XCTAssertEqual(user["Username"] as? String, "ned")
            harness.advance(by: 1)
            _ = try await client.ok("AdminUserGlobalSignOut", ["UserPoolId": pool, "Username": "ned"])
            client.assertError(try await client.call("GetTokensFromRefreshToken", ["ClientId": app, "RefreshToken": second["RefreshToken"] as! String]),
                               "NotAuthorizedException", "Refresh Token has been revoked")
        }
    }

    func testAnAccessTokenIsCheckedBeforeItNamesAUser() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let (pool, app) = try await client.signInPool()
            try await client.createUser(pool, "oli")
            let access = try await client.tokens(app, "oli")["AccessToken"] as! String
            var parts = access.split(separator: ".").map(String.init)
            parts[2] = String(parts[2].reversed())
            client.assertError(try await client.call("GetUser", ["AccessToken": parts.joined(separator: ".")]),
                               "NotAuthorizedException", "Invalid Access Token")
            client.assertError(try await client.call("GetUser", ["AccessToken": "not.a.token"]), "NotAuthorizedException", "Invalid Access Token")
            harness.advance(by: 3601)
            client.assertError(try await client.call("GetUser", ["AccessToken": access]), "NotAuthorizedException", "Access Token has expired")
        }
    }

    func testTheSigningKeysArePublishedAndCertified() async throws {
        try await ServerHarness().run { client in
            let (pool, app) = try await client.signInPool()
            try await client.createUser(pool, "pam")
            _ = try await client.tokens(app, "pam")
            let jwks = try await client.client.execute(uri: "/\(pool)/.well-known/jwks.json", method: .get) { response in
                try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any]
            }
            let keys = try XCTUnwrap(jwks?["keys"] as? [[String: Any]])
            XCTAssertEqual(keys.count, 2)
            XCTAssertEqual(Set(keys.compactMap { $0["alg"] as? String }), ["RS256"])
            let certificate = try await client.ok("GetSigningCertificate", ["UserPoolId": pool])["Certificate"] as? String
            XCTAssertNotNil(certificate.flatMap { Data(base64Encoded: $0) })
            let missing = try await client.client.execute(uri: "/us-east-1_missing00/.well-known/jwks.json", method: .get) { $0.status.code }
            XCTAssertEqual(missing, 400)
        }
    }
}

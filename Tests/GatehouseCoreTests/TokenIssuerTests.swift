import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import XCTest

/// Tokens as the issuer signs them and as the access-token checks read them.
final class TokenIssuerTests: XCTestCase {
    static let keys = PoolSigningKeys.generate()
    let issuer = TokenIssuer(keys: TokenIssuerTests.keys, issuer: "http://127.0.0.1:9229/us-east-1_abc")
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    var subject: TokenSubject {
        TokenSubject(clientID: "client", sub: "sub-1", username: "ada",
                     groups: GroupClaims(groups: ["admins"], roles: ["arn:aws:iam::123456789012:role/admin"],
                                         preferredRole: "arn:aws:iam::123456789012:role/admin"),
                     attributes: [AttributeType(name: "sub", value: "sub-1"), AttributeType(name: "email", value: "a@example.com"),
                                  AttributeType(name: "email_verified", value: "true"), AttributeType(name: "custom:team", value: "7")],
                     authTime: now.addingTimeInterval(-10), originJTI: "origin")
    }

    func testTheIDTokenCarriesCognitosClaims() throws {
        let token = try XCTUnwrap(JSONWebToken(parsing: issuer.idToken(for: subject, now: now, lifetime: 3600, random: .system)))
        XCTAssertTrue(token.isSigned(by: Self.keys.idToken))
        XCTAssertFalse(token.isSigned(by: Self.keys.accessToken))
        XCTAssertEqual(token.claims.pairs?.map(\.key), ["sub", "cognito:groups", "cognito:roles", "cognito:preferred_role", "email_verified",
                                                        "iss", "cognito:username", "origin_jti",
                                                        "aud", "event_id", "token_use", "auth_time", "exp", "iat", "jti", "email",
                                                        "custom:team"])
        XCTAssertEqual(token.claims["email_verified"], .bool(true))
        XCTAssertEqual(token.claims["custom:team"], .string("7"))
        XCTAssertEqual(token.claims["exp"]?.int, 1_800_003_600)
        XCTAssertEqual(token.claims["auth_time"]?.int, 1_799_999_990)
    }

    func testThePreferredRoleIsTheLowestPrecedencesUnlessItsGroupsDisagree() {
        func group(_ role: String?, _ precedence: Int?) -> StoredGroup { StoredGroup(description: nil, roleArn: role, precedence: precedence) }
        let claims = GroupClaims([("a", group("r1", 5)), ("b", group(nil, 0)), ("c", group("r2", 2)), ("d", group("r3", nil))])
        XCTAssertEqual(claims, GroupClaims(groups: ["a", "b", "c", "d"], roles: ["r1", "r2", "r3"], preferredRole: "r2"))
        XCTAssertNil(GroupClaims([("a", group("r1", 1)), ("b", group("r2", 1))]).preferredRole)
        XCTAssertEqual(GroupClaims([("a", group("r1", 1)), ("b", group("r1", 1))]).preferredRole, "r1")
        XCTAssertEqual(GroupClaims([("a", group("r1", nil))]).preferredRole, "r1")
        XCTAssertEqual(GroupClaims([]), GroupClaims())
    }

    func testAnAccessTokenIsCheckedForSignatureUseAndExpiry() throws {
        let text = issuer.accessToken(for: subject, now: now, lifetime: 3600, random: .system)
        let token = try XCTUnwrap(JSONWebToken(parsing: text))
        XCTAssertEqual(AccessTokenClaims.userPoolID(of: token), "us-east-1_abc")
        let claims = try AccessTokenClaims(verifying: token, issuer: issuer, now: now.addingTimeInterval(3599))
        XCTAssertEqual(claims.scopes, [TokenIssuer.adminScope])
        XCTAssertEqual(claims.username, "ada")
        XCTAssertThrowsError(try AccessTokenClaims(verifying: token, issuer: issuer, now: now.addingTimeInterval(3600))) {
            XCTAssertEqual($0 as? AWSServiceError, .notAuthorizedException("Access Token has expired"))
        }
        let invalid = AWSServiceError.notAuthorizedException("Invalid Access Token")
        let idToken = try XCTUnwrap(JSONWebToken(parsing: issuer.idToken(for: subject, now: now, lifetime: 3600, random: .system)))
        XCTAssertThrowsError(try AccessTokenClaims(verifying: idToken, issuer: issuer, now: now)) { XCTAssertEqual($0 as? AWSServiceError, invalid) }
        let otherIssuer = TokenIssuer(keys: Self.keys, issuer: "http://elsewhere/us-east-1_abc")
        XCTAssertThrowsError(try AccessTokenClaims(verifying: token, issuer: otherIssuer, now: now)) { XCTAssertEqual($0 as? AWSServiceError, invalid) }
        var parts = text.split(separator: ".").map(String.init)
        parts[2] = String(parts[2].reversed())
        let forged = try XCTUnwrap(JSONWebToken(parsing: parts.joined(separator: ".")))
        XCTAssertThrowsError(try AccessTokenClaims(verifying: forged, issuer: issuer, now: now)) { XCTAssertEqual($0 as? AWSServiceError, invalid) }
    }

    func testStoredKeysOpenOnlyForTheirPool() throws {
        let seal = SealingKey(key: Data(repeating: 3, count: 32))
        let document = Self.keys.sealed(for: "us-east-1_abc", with: seal, random: .system)
        let opened = try PoolSigningKeys(opening: document, for: "us-east-1_abc", with: seal)
        XCTAssertEqual(opened.idToken.keyID, Self.keys.idToken.keyID)
        XCTAssertEqual(opened.accessToken.keyID, Self.keys.accessToken.keyID)
        XCTAssertThrowsError(try PoolSigningKeys(opening: document, for: "us-east-1_other", with: seal))
        let jwks = try JSONNode(parsing: Self.keys.jwks(at: now))
        XCTAssertEqual(jwks["keys"]?.array?.compactMap { $0["kid"]?.string }, [Self.keys.idToken.keyID, Self.keys.accessToken.keyID])
        XCTAssertEqual(jwks["keys"]?.array?.first?["e"], .string("AQAB"))
    }

    func testARotationKeepsTheRetiredKeysPublishedAndAcceptedForADay() throws {
        let before = try XCTUnwrap(JSONWebToken(parsing: issuer.accessToken(for: subject, now: now, lifetime: 3600, random: .system)))
        let rotated = Self.keys.rotated(now: now)
        let later = now.addingTimeInterval(60)
        let rotatedIssuer = TokenIssuer(keys: rotated, issuer: issuer.issuer)
        XCTAssertNoThrow(try AccessTokenClaims(verifying: before, issuer: rotatedIssuer, now: later), "a token of the retired key")
        let kids = { (keys: PoolSigningKeys, at: Date) in
            try JSONNode(parsing: keys.jwks(at: at))["keys"]?.array?.compactMap { $0["kid"]?.string }
        }
        XCTAssertEqual(try kids(rotated, later), [rotated.idToken.keyID, rotated.accessToken.keyID, Self.keys.idToken.keyID,
                                                  Self.keys.accessToken.keyID])
        let seal = SealingKey(key: Data(repeating: 3, count: 32))
        let reopened = try PoolSigningKeys(opening: rotated.sealed(for: "us-east-1_abc", with: seal, random: .system), for: "us-east-1_abc",
                                           with: seal)
        XCTAssertEqual(try kids(reopened, later), try kids(rotated, later), "the retired pair is stored with its end")
        let dayAfter = now.addingTimeInterval(PoolSigningKeys.retirement)
        XCTAssertEqual(try kids(reopened, dayAfter), [rotated.idToken.keyID, rotated.accessToken.keyID])
        XCTAssertEqual(rotated.rotated(now: dayAfter).retired.count, 1, "a rotation drops the pairs past their end")
    }
}

import AWSWire
import CognitoModel
import Foundation
@testable import GatehouseCore
import GatehouseStorage
import XCTest

final class UserPoolClientTests: XCTestCase {
    let fixed = RandomSource { count in [UInt8](repeating: 0xAB, count: count) }

    func testIdsAndSecretsAreBase32NumbersWithoutLeadingZeros() {
        XCTAssertEqual(UserPoolClientID.base32([0, 0]), "0")
        XCTAssertEqual(UserPoolClientID.base32([0, 31]), "v")
        XCTAssertEqual(UserPoolClientID.base32([0, 32]), "10")
        XCTAssertEqual(UserPoolClientID.base32([1, 0]), "80")
        XCTAssertEqual(UserPoolClientID.base32([UInt8](repeating: 0xFF, count: 16)), "7" + String(repeating: "v", count: 25))
        XCTAssertEqual(UserPoolClientID.base32([UInt8](repeating: 0xFF, count: 32)), "1" + String(repeating: "v", count: 51))
        XCTAssertEqual(UserPoolClientID.generate(random: fixed).count, 26)
        XCTAssertEqual(UserPoolClientID.generateSecret(random: fixed).count, 52)
    }

    func testASealedSecretOpensOnlyForItsClientAndTheDocumentHoldsItSealed() throws {
        let box = ClientSecretBox(key: Data(repeating: 7, count: 32))
        let secret = "1e0luarhk6g05ab0cd99hfrka16dvm4epghv14s94hh6ut83s8bt"
        let sealed = box.seal(secret, clientID: "client1", random: .system)
        XCTAssertEqual(try box.open(sealed, clientID: "client1"), secret)
        XCTAssertThrowsError(try box.open(sealed, clientID: "client2"))
        XCTAssertThrowsError(try ClientSecretBox(key: Data(repeating: 8, count: 32)).open(sealed, clientID: "client1"))

        let stored = StoredUserPoolClient(settings: UserPoolClientType(clientSecret: secret, refreshTokenValidity: 30), sealedSecret: sealed)
        let document = stored.document()
        XCTAssertNil(String(decoding: document, as: UTF8.self).range(of: secret), "the secret is not in the document in the clear")
        XCTAssertEqual(try AWSJSON.decode(StoredUserPoolClient.self, from: document), stored)
        let record = UserPoolItemRecord(userPoolID: "us-east-1_abc", kind: .client, key: "client1", name: "n",
                                          creationDate: Date(timeIntervalSince1970: 1), lastModifiedDate: Date(timeIntervalSince1970: 2), document: document)
        let described = try stored.describe(record, box: box)
        XCTAssertEqual(described.clientSecret, secret)
        XCTAssertEqual(described.clientId, "client1")
        XCTAssertEqual(described.refreshTokenValidity, 30)
    }

    func testAddedSecretsAreKeptSealedAndEitherMakesTheSecretHash() throws {
        let box = ClientSecretBox(key: Data(repeating: 7, count: 32))
        let created = Date(timeIntervalSince1970: 1_800_000_000.123)
        let record = UserPoolItemRecord(userPoolID: "us-east-1_p", kind: .client, key: "client1", name: "app", creationDate: created,
                                        lastModifiedDate: created, document: Data())
        var stored = StoredUserPoolClient(settings: UserPoolClientType(), sealedSecret: box.seal("first", clientID: "client1", random: .system))
        stored.addedSecrets = [.init(id: "client1--1800000000999", creationDate: created.addingTimeInterval(0.876),
                                     sealed: box.seal("second", clientID: "client1", random: .system))]
        let reread = try AWSJSON.decode(StoredUserPoolClient.self, from: stored.document())
        XCTAssertEqual(reread, stored)
        XCTAssertFalse(String(decoding: stored.document(), as: UTF8.self).contains("second"), "never in the clear")
        XCTAssertEqual(try reread.secrets(record, box: box), ["first", "second"])
        XCTAssertEqual(reread.secretDescriptors(record).map(\.clientSecretId), ["client1--1800000000123", "client1--1800000000999"])
        for secret in ["first", "second"] {
            XCTAssertNoThrow(try SecretHash.check(SecretHash.compute(username: "ann", clientID: "client1", clientSecret: secret), username: "ann",
                                                  clientID: "client1", clientSecrets: ["first", "second"]))
        }
        XCTAssertThrowsError(try SecretHash.check(SecretHash.compute(username: "ann", clientID: "client1", clientSecret: "first"),
                                                  username: "ann", clientID: "client1", clientSecrets: ["second"])) {
            XCTAssertEqual($0 as? AWSServiceError, .notAuthorizedException("Unable to verify secret hash for client client1"))
        }
    }

    func testCustomScopesAreAllowedOnlyWhileAResourceServerDefinesThem() {
        let client = UserPoolClientType(allowedOAuthScopes: ["openid", "orders/read"])
        XCTAssertThrowsError(try UserPoolClientRules.check(client, userPoolID: "us-east-1_p", schema: [], hasSecret: false, isUpdate: false)) {
            XCTAssertEqual($0 as? AWSServiceError, .scopeDoesNotExistException("Invalid scope requested: orders/read"))
        }
        XCTAssertNoThrow(try UserPoolClientRules.check(client, userPoolID: "us-east-1_p", schema: [], hasSecret: false, isUpdate: false,
                                                       customScopes: ["orders/read", "orders/write"]))
    }

    func testAnOmittedOrZeroRefreshValidityIsThirtyDaysInTheRefreshUnit() {
        XCTAssertEqual(UserPoolClientConfiguration.refreshTokenValidity(nil, units: nil), 30)
        XCTAssertEqual(UserPoolClientConfiguration.refreshTokenValidity(0, units: TokenValidityUnitsType(refreshToken: .hours)), 720)
        XCTAssertEqual(UserPoolClientConfiguration.refreshTokenValidity(0, units: TokenValidityUnitsType(refreshToken: .minutes)), 43_200)
        XCTAssertEqual(UserPoolClientConfiguration.refreshTokenValidity(5, units: nil), 5)
    }

    func testTokenValiditiesAreCheckedInTheirUnits() {
        func check(_ client: UserPoolClientType) -> String? {
            do {
                try UserPoolClientRules.checkTokenValidities(client)
                return nil
            } catch {
                return error.message
            }
        }
        XCTAssertNil(check(UserPoolClientType(accessTokenValidity: 24, idTokenValidity: 1)))
        XCTAssertNil(check(UserPoolClientType(accessTokenValidity: 5, tokenValidityUnits: TokenValidityUnitsType(accessToken: .minutes))))
        XCTAssertNil(check(UserPoolClientType(refreshTokenValidity: 60, tokenValidityUnits: TokenValidityUnitsType(refreshToken: .minutes))))
        XCTAssertNil(check(UserPoolClientType(refreshTokenValidity: 3650)))
        let outOfRange = [
            UserPoolClientType(accessTokenValidity: 25),
            UserPoolClientType(idTokenValidity: 299, tokenValidityUnits: TokenValidityUnitsType(idToken: .seconds)),
            UserPoolClientType(refreshTokenValidity: 59, tokenValidityUnits: TokenValidityUnitsType(refreshToken: .minutes)),
            UserPoolClientType(refreshTokenValidity: 3651),
            UserPoolClientType(refreshTokenValidity: Int.max),
        ]
        for client in outOfRange { XCTAssertEqual(check(client), "Invalid range for token validity.") }
    }
}

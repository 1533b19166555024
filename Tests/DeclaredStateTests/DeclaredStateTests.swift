import AWSWire
@testable import DeclaredState
import XCTest

/// A declared document's parts, decoded and checked as the API checks them, each error named by
/// its path in the document.
final class DeclaredStateTests: XCTestCase {
    static let pool = "us-east-1_Example01"
    static let client = "1example23456789abcdefghij"

    func document(pool: [(String, JSONNode)] = []) -> JSONNode {
        .object([("UserPools", .array([.object([("Id", .string(Self.pool)), ("PoolName", .string("p"))] + pool)]))])
    }

    func error(_ json: JSONNode) -> DeclarationError? {
        do {
            _ = try DeclaredState(json: json)
            return nil
        } catch {
            return error
        }
    }

    func testPartsDecodeWithTheirIdsAndPaths() throws {
        let state = try DeclaredState(json: document(pool: [
            ("Clients", .array([.object([("ClientId", .string(Self.client)), ("ClientName", .string("web"))])])),
            ("Groups", .array([.object([("GroupName", .string("admins")), ("Precedence", .number("2"))])])),
            ("Users", .array([
                .object([("Username", .string("alice")), ("Password", .string("Correct-Horse-1")), ("Groups", .array([.string("admins")]))]),
                .object([("Username", .string("bob")), ("Enabled", .bool(false))]),
            ])),
            ("Domain", .object([("Domain", .string("example"))])),
        ]))
        let pool = try XCTUnwrap(state.userPools.first)
        XCTAssertEqual([pool.id, pool.region, pool.path, pool.settings.poolName], [Self.pool, "us-east-1", "UserPools[0]", "p"])
        XCTAssertEqual(pool.clients.map(\.clientID), [Self.client])
        XCTAssertEqual(pool.clients.first?.settings.userPoolId, Self.pool, "the pool is implicit")
        XCTAssertEqual(pool.clients.first?.path, "UserPools[0].Clients[0]")
        XCTAssertEqual(pool.groups.first?.settings.precedence, 2)
        XCTAssertEqual(pool.domain?.userPoolId, Self.pool)
        XCTAssertEqual(pool.users.map(\.password), ["Correct-Horse-1", nil])
        XCTAssertEqual(pool.users.map(\.status), [.confirmed, .forceChangePassword], "by default")
        XCTAssertEqual(pool.users.map(\.enabled), [true, false])
        XCTAssertEqual(pool.users.map(\.groups), [["admins"], nil], "groups not named are left as they are")
        XCTAssertNil(pool.mfaConfig)
    }

    func testEachErrorNamesItsPath() {
        let cases: [([(String, JSONNode)], DeclarationError)] = [
            ([("Policies", .object([("PasswordPolicy", .object([("MinimumLenght", .number("8"))]))]))],
             DeclarationError(path: "UserPools[0].Policies.PasswordPolicy.MinimumLenght", message: "is not a setting here; the settings are: "
                 + "MinimumLength, RequireUppercase, RequireLowercase, RequireNumbers, RequireSymbols, PasswordHistorySize, TemporaryPasswordValidityDays")),
            ([("Policies", .object([("PasswordPolicy", .object([("MinimumLength", .string("eight"))]))]))],
             DeclarationError(path: "UserPools[0].Policies.PasswordPolicy.MinimumLength", message: "expected integer")),
            ([("AutoVerifiedAttributes", .array([.string("email"), .string("address")]))],
             DeclarationError(path: "UserPools[0].AutoVerifiedAttributes[1]", message: "1 validation error detected: Value 'address' at "
                 + "'autoVerifiedAttributes.2.member' failed to satisfy constraint: Member must satisfy enum value set: [phone_number, email]")),
            ([("Clients", .array([.object([("ClientId", .string(Self.client)), ("ClientName", .string("a")), ("UserPoolId", .string("x"))])]))],
             DeclarationError(path: "UserPools[0].Clients[0].UserPoolId", message: "is given by the document's structure and cannot be set here")),
            ([("Clients", .array([.object([("ClientName", .string("a"))])]))],
             DeclarationError(path: "UserPools[0].Clients[0]", message: "has no ClientId")),
            ([("Users", .array([.object([("Username", .string("a")), ("Password", .string("Correct-Horse-1")),
                                         ("TemporaryPassword", .string("Correct-Horse-2"))])]))],
             DeclarationError(path: "UserPools[0].Users[0].Password", message: "a user has a Password or a TemporaryPassword, not both")),
            ([("Users", .array([.object([("Username", .string("a"))]), .object([("Username", .string("a"))])]))],
             DeclarationError(path: "UserPools[0].Users[1].Username", message: "a is declared twice")),
            ([("Users", .array([.object([("Username", .string("a")), ("UserStatus", .string("UNCONFIRMED"))])]))],
             DeclarationError(path: "UserPools[0].Users[0].UserStatus", message: "a user without a Password is FORCE_CHANGE_PASSWORD")),
            ([("Users", .array([.object([("Username", .string("a")), ("Password", .string("Correct-Horse-1")),
                                         ("UserStatus", .string("RESET_REQUIRED"))])]))],
             DeclarationError(path: "UserPools[0].Users[0].UserStatus", message: "a user with a Password is CONFIRMED or UNCONFIRMED")),
            ([("Users", .array([.object([("Username", .string("a")), ("Groups", .array([.number("1")]))])]))],
             DeclarationError(path: "UserPools[0].Users[0].Groups[0].GroupName", message: "expected string")),
        ]
        for (pool, expected) in cases {
            XCTAssertEqual(error(document(pool: pool)), expected)
        }
        XCTAssertEqual(error(.object([("Pools", .array([]))])),
                       DeclarationError(path: "Pools", message: "is not a part of a declared state; the parts are: UserPools"))
        XCTAssertEqual(error(.array([])), DeclarationError(path: "", message: "the document must be a mapping with UserPools"))
    }

    func testValidationPathsReadAsTheDocumentNamesThem() {
        XCTAssertEqual(DocumentPath.fromValidation("policies.passwordPolicy.minimumLength"), "Policies.PasswordPolicy.MinimumLength")
        XCTAssertEqual(DocumentPath.fromValidation("userAttributes.2.member.name"), "UserAttributes[1].Name")
        XCTAssertEqual(DocumentPath.fromValidation("clientName"), "ClientName")
    }

    func testIdsHaveTheFormsTheAPITakes() {
        XCTAssertEqual(DeclaredIDs.region(ofUserPoolID: "us-east-1_aB3dE5gH9"), "us-east-1")
        XCTAssertEqual(DeclaredIDs.region(ofUserPoolID: "us-gov-west-1_0123456789abcdef0123456789abcdef"), "us-gov-west-1", "moto's")
        for invalid in ["us-east-1_", "us-east-1_ab-cd", "useast1_abcdefghi", "US-east-1_abcdefghi", "us-east-1_" + String(repeating: "a", count: 46)] {
            XCTAssertNil(DeclaredIDs.region(ofUserPoolID: invalid), invalid)
        }
        XCTAssertTrue(DeclaredIDs.isClientID("4h2ppc0s1ujtsdam8vtgsqv20q"))
        XCTAssertTrue(DeclaredIDs.isClientID("h2ppc0s1ujtsdam8vtgsqv20q"), "25 characters: a leading zero digit dropped")
        for invalid in ["4H2ppc0s1ujtsdam8vtgsqv20q", "4h2ppc0s1ujtsdam8vtgsqv2", "4h2ppc0s1ujtsdam8vtgsqv20q0", "4h2ppc0s1ujtsdam8vtgsqv-0q"] {
            XCTAssertFalse(DeclaredIDs.isClientID(invalid), invalid)
        }
    }
}

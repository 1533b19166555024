import Foundation
import XCTest

/// The app client operations end to end in process: Cognito's outputs, defaults and errors.
final class UserPoolClientOperationTests: XCTestCase {
    func testANameOnlyClientHasCognitosDefaultsAndDescribesAsCreated() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let created = try await client.createClient(pool, "web")
            let id = try XCTUnwrap(created["ClientId"] as? String)
            XCTAssertNotNil(id.range(of: #"^[0-9a-v]{20,26}$"#, options: .regularExpression), id)
            XCTAssertEqual(Set(created.keys), ["UserPoolId", "ClientName", "ClientId", "LastModifiedDate", "CreationDate",
                                               "RefreshTokenValidity", "TokenValidityUnits", "AllowedOAuthFlowsUserPoolClient",
                                               "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData", "AuthSessionValidity"])
            XCTAssertEqual(created["UserPoolId"] as? String, pool)
            XCTAssertEqual(created["ClientName"] as? String, "web")
            XCTAssertEqual(created["CreationDate"] as? Double, 1_700_000_000.123)
            XCTAssertEqual(created["LastModifiedDate"] as? Double, 1_700_000_000.123)
            XCTAssertEqual(created["RefreshTokenValidity"] as? Int, 30)
            XCTAssertEqual((created["TokenValidityUnits"] as? [String: Any])?.count, 0)
            XCTAssertEqual(created["AllowedOAuthFlowsUserPoolClient"] as? Bool, false)
            XCTAssertEqual(created["EnableTokenRevocation"] as? Bool, true)
            XCTAssertEqual(created["EnablePropagateAdditionalUserContextData"] as? Bool, false)
            XCTAssertEqual(created["AuthSessionValidity"] as? Int, 3)
            let described = try await client.describeClient(pool, id)
            XCTAssertEqual(described as NSDictionary, created as NSDictionary)
        }
    }

    func testAGeneratedOrGivenSecretIsReturnedByEveryCall() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let created = try await client.createClient(pool, "server", ["GenerateSecret": true])
            let secret = try XCTUnwrap(created["ClientSecret"] as? String)
            XCTAssertNotNil(secret.range(of: #"^[0-9a-v]{40,52}$"#, options: .regularExpression), secret)
            let id = created["ClientId"] as! String
            let described = try await client.describeClient(pool, id)
            XCTAssertEqual(described["ClientSecret"] as? String, secret)
            let updated = try await client.ok("UpdateUserPoolClient", ["UserPoolId": pool, "ClientId": id])
            XCTAssertEqual((updated["UserPoolClient"] as? [String: Any])?["ClientSecret"] as? String, secret)
            let custom = try await client.createClient(pool, "custom", ["ClientSecret": "my_own_secret_of_24_chars_or_more"])
            XCTAssertEqual(custom["ClientSecret"] as? String, "my_own_secret_of_24_chars_or_more")
            client.assertError(
                try await client.call("CreateUserPoolClient", ["UserPoolId": pool, "ClientName": "both", "GenerateSecret": true,
                                                               "ClientSecret": "my_own_secret_of_24_chars_or_more"]),
                "InvalidParameterException", "You cannot specify both GenerateSecret as true and a ClientSecret.")
        }
    }

    func testUpdateResetsOmittedSettingsButKeepsNameUnitsAndCreationDate() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let pool = try await client.createPool()["Id"] as! String
            let id = try await client.createClient(pool, "app", [
                "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
                "AccessTokenValidity": 30, "TokenValidityUnits": ["AccessToken": "minutes"],
                "ReadAttributes": ["email"], "EnableTokenRevocation": false, "AuthSessionValidity": 10,
                "PreventUserExistenceErrors": "ENABLED",
            ])["ClientId"] as! String
            harness.advance(by: 60)
            let updated = try await client.ok("UpdateUserPoolClient", ["UserPoolId": pool, "ClientId": id, "RefreshTokenValidity": 7])
            let expected = try await client.describeClient(pool, id)
            XCTAssertEqual(updated["UserPoolClient"] as? NSDictionary, expected as NSDictionary)
            XCTAssertEqual(expected["ClientName"] as? String, "app")
            XCTAssertEqual(expected["TokenValidityUnits"] as? [String: String], ["AccessToken": "minutes"])
            XCTAssertEqual(expected["RefreshTokenValidity"] as? Int, 7)
            XCTAssertEqual(expected["CreationDate"] as? Double, 1_700_000_000.123)
            XCTAssertEqual(expected["LastModifiedDate"] as? Double, 1_700_000_060.123)
            for reset in ["ExplicitAuthFlows", "AccessTokenValidity", "ReadAttributes", "PreventUserExistenceErrors"] {
                XCTAssertNil(expected[reset], reset)
            }
            XCTAssertEqual(expected["EnableTokenRevocation"] as? Bool, true)
            XCTAssertEqual(expected["AuthSessionValidity"] as? Int, 3)
            _ = try await client.ok("UpdateUserPoolClient", ["UserPoolId": pool, "ClientId": id, "ClientName": "renamed"])
            let renamed = try await client.describeClient(pool, id)
            XCTAssertEqual(renamed["ClientName"] as? String, "renamed")
        }
    }

    func testBusinessRulesAnswerWithCognitosErrorsAndWriteNothing() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let cases: [([String: Any], String, String)] = [
                (["AccessTokenValidity": 25], "InvalidParameterException", "Invalid range for token validity."),
                (["IdTokenValidity": 4, "TokenValidityUnits": ["IdToken": "minutes"]], "InvalidParameterException", "Invalid range for token validity."),
                (["RefreshTokenValidity": 3651], "InvalidParameterException", "Invalid range for token validity."),
                (["ExplicitAuthFlows": ["USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]], "InvalidParameterException",
                 "The legacy ExplicitAuthFlows values ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH cannot be combined with values that begin with ALLOW_."),
                (["ReadAttributes": ["email", "custom:missing"]], "InvalidParameterException", "Invalid read attributes specified while creating a client"),
                (["WriteAttributes": ["sub"]], "InvalidParameterException", "Invalid write attributes specified while creating a client"),
                (["AllowedOAuthFlows": ["code"]], "InvalidOAuthFlowException", "CallbackUrls can not be empty when code flow or implicit flow is selected"),
                (["AllowedOAuthFlows": ["client_credentials"]], "InvalidOAuthFlowException",
                 "client_credentials flow can not be selected if client does not have a client secret."),
                (["AllowedOAuthFlows": ["client_credentials", "implicit"], "CallbackURLs": ["https://example.com"], "GenerateSecret": true],
                 "InvalidOAuthFlowException", "client_credentials flow can not be selected along with code flow or implicit flow."),
                (["AllowedOAuthScopes": ["openid", "Cognito"]], "ScopeDoesNotExistException", "Invalid scope requested: Cognito"),
                (["SupportedIdentityProviders": ["COGNITO", "Google"]], "InvalidParameterException", "The provider Google does not exist for User Pool \(pool)"),
            ]
            for (extra, type, message) in cases {
                let input = extra.merging(["UserPoolId": pool, "ClientName": "bad"]) { a, _ in a }
                client.assertError(try await client.call("CreateUserPoolClient", input), type, message)
            }
            let listed = try await client.ok("ListUserPoolClients", ["UserPoolId": pool])
            XCTAssertEqual((listed["UserPoolClients"] as? [Any])?.count, 0, "no failed create left a client")

            let id = try await client.createClient(pool, "good", ["ReadAttributes": ["email"]])["ClientId"] as! String
            client.assertError(try await client.call("UpdateUserPoolClient", ["UserPoolId": pool, "ClientId": id, "WriteAttributes": ["sub"]]),
                               "InvalidParameterException", "Invalid write attributes specified while updating a client")
            let kept = try await client.describeClient(pool, id)
            XCTAssertEqual(kept["ReadAttributes"] as? [String], ["email"], "a refused update changes nothing")
        }
    }

    func testMissingPoolsAndClientsAnswerResourceNotFound() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let missingPool = "us-east-1_nopool000"
            for (operation, input) in [("CreateUserPoolClient", ["ClientName": "c"]), ("ListUserPoolClients", [:]),
                                       ("DescribeUserPoolClient", ["ClientId": "abc"])] as [(String, [String: Any])] {
                client.assertError(try await client.call(operation, input.merging(["UserPoolId": missingPool]) { a, _ in a }),
                                   "ResourceNotFoundException", "User pool \(missingPool) does not exist.")
            }
            for operation in ["DescribeUserPoolClient", "UpdateUserPoolClient", "DeleteUserPoolClient"] {
                client.assertError(try await client.call(operation, ["UserPoolId": pool, "ClientId": "nosuchclient"]),
                                   "ResourceNotFoundException", "User pool client nosuchclient does not exist.")
            }
            let id = try await client.createClient(pool, "c")["ClientId"] as! String
            client.assertError(try await client.call("DescribeUserPoolClient", ["UserPoolId": pool, "ClientId": id], region: "eu-west-1"),
                               "ResourceNotFoundException", "User pool \(pool) does not exist.")
        }
    }

    func testDeleteRemovesTheClientAndDeletingThePoolRemovesAll() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let gone = try await client.createClient(pool, "gone")["ClientId"] as! String
            let stays = try await client.createClient(pool, "stays")["ClientId"] as! String
            let deleted = try await client.ok("DeleteUserPoolClient", ["UserPoolId": pool, "ClientId": gone])
            XCTAssertEqual(deleted.count, 0)
            let listed = try await client.ok("ListUserPoolClients", ["UserPoolId": pool])
            XCTAssertEqual(listed["UserPoolClients"] as? [NSDictionary],
                           [["ClientId": stays, "UserPoolId": pool, "ClientName": "stays"] as NSDictionary])
            _ = try await client.ok("DeleteUserPool", ["UserPoolId": pool])
            client.assertError(try await client.call("DescribeUserPoolClient", ["UserPoolId": pool, "ClientId": stays]),
                               "ResourceNotFoundException", "User pool \(pool) does not exist.")
        }
    }

    func testListUserPoolClientsPagesThroughEveryClientOnce() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let other = try await client.createPool()["Id"] as! String
            var created: Set<String> = []
            for index in 0..<5 { created.insert(try await client.createClient(pool, "c\(index)")["ClientId"] as! String) }
            _ = try await client.createClient(other, "elsewhere")
            var seen: [String] = []
            var token: String?
            repeat {
                var input: [String: Any] = ["UserPoolId": pool, "MaxResults": 2]
                if let token { input["NextToken"] = token }
                let page = try await client.ok("ListUserPoolClients", input)
                seen += (page["UserPoolClients"] as? [[String: Any]] ?? []).map { $0["ClientId"] as! String }
                token = page["NextToken"] as? String
            } while token != nil
            XCTAssertEqual(seen, created.sorted())
            client.assertError(try await client.call("ListUserPoolClients", ["UserPoolId": other, "NextToken": "forged.token"]),
                               "InvalidParameterException", "Invalid pagination token provided.")
        }
    }
}

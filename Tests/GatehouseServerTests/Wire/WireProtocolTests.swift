import Foundation
@testable import GatehouseServer
import HTTPTypes
import HummingbirdTesting
import XCTest

/// The AWS JSON 1.1 protocol as Cognito speaks it, and every kind of bad input refused with nothing written.
final class WireProtocolTests: XCTestCase {
    func testASuccessIsJSON11WithARequestID() async throws {
        try await ServerHarness().run { client in
            let reply = try await client.call("ListUserPools", ["MaxResults": 10])
            XCTAssertEqual(reply.status, 200)
            XCTAssertEqual(reply.headers[.contentType], "application/x-amz-json-1.1")
            let requestID = try XCTUnwrap(reply.headers[HTTPField.Name("x-amzn-RequestId")!])
            XCTAssertNotNil(requestID.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/),
                            "a lowercase version 4 UUID: \(requestID)")
            XCTAssertEqual(String(decoding: reply.body, as: UTF8.self), #"{"UserPools":[]}"#)
        }
    }

    func testBadRequestsAreRefusedWithCognitoStyleErrors() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()
            let id = pool["Id"] as! String
            client.assertError(try await client.send(nil, body: Data("{}".utf8)), "UnknownOperationException", "Missing X-Amz-Target header.")
            client.assertError(try await client.send("Nope", body: Data("{}".utf8)), "UnknownOperationException", "Unknown operation Nope.")
            client.assertError(try await client.send("UpdateUserPool", body: Data(#"{"UserPoolId": "#.utf8)),
                               "SerializationException", "The request body is not valid JSON.")
            client.assertError(try await client.send("UpdateUserPool", body: Data("[]".utf8)),
                               "SerializationException", "The request body must be a JSON object.")
            client.assertError(try await client.send("UpdateUserPool", body: Data([0x7B, 0xC3, 0x28, 0x7D])),
                               "SerializationException", "The request body is not valid UTF-8.")
            client.assertError(try await client.call("UpdateUserPool", ["UserPoolId": id, "Policies": ["PasswordPolicy": ["MinimumLength": "8"]]]),
                               "SerializationException", "Unexpected value at 'Policies.PasswordPolicy.MinimumLength': expected integer.")
            client.assertError(try await client.send("UpdateUserPool", body: Data("{}".utf8), region: nil),
                               "MissingAuthenticationTokenException", "Missing Authentication Token")
            client.assertError(try await client.call("DescribeIdentityProvider", ["UserPoolId": id, "ProviderName": "Google"]),
                               "NotImplementedException", "Gatehouse does not implement DescribeIdentityProvider yet.")
            client.assertError(try await client.call("UpdateUserPool", ["UserPoolId": id, "Policies": ["PasswordPolicy": ["MinimumLength": 5]]]),
                               "InvalidParameterException", "1 validation error detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6")
            let after = try await client.describe(id)
            XCTAssertEqual(after as NSDictionary, pool as NSDictionary, "a refused request changed the pool")
        }
    }

    func testAnOversizeBodyIsRefusedBeforeItIsRead() async throws {
        try await ServerHarness(maximumBodySize: 1024).run { client, gatehouse in
            let body = Data(#"{"PoolName": ""#.utf8) + Data(repeating: UInt8(ascii: "a"), count: 2048) + Data(#""}"#.utf8)
            client.assertError(try await client.send("CreateUserPool", body: body), "RequestEntityTooLargeException",
                               "The request body exceeds the limit of 1024 bytes.", status: 413)
            // The connection is closed after the refusal; the store shows that nothing was made.
            let pools = try await gatehouse.storage.userPools(region: "us-east-1", after: nil, limit: 60)
            XCTAssertEqual(pools.items.count, 0)
        }
    }

    func testTheRegionComesFromTheSignature() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool(region: "eu-west-1")
            let id = pool["Id"] as! String
            XCTAssertTrue(id.hasPrefix("eu-west-1_"))
            XCTAssertEqual(pool["Arn"] as? String, "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/\(id)")
            client.assertError(try await client.call("DescribeUserPool", ["UserPoolId": id]),
                               "ResourceNotFoundException", "User pool \(id) does not exist.")
        }
    }

    func testACallThatNamesAClientReachesItsPoolWhateverRegionItCarries() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", region: "eu-west-1")["Id"] as! String
            let app = try await client.ok("CreateUserPoolClient", ["UserPoolId": pool, "ClientName": "app",
                                                                   "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]],
                                          region: "eu-west-1")["UserPoolClient"] as! [String: Any]
            let clientID = app["ClientId"] as! String
            let signUp: [String: Any] = ["ClientId": clientID, "Username": "jane", "Password": "P2$Sword"]
            let signedUp = try await client.send("SignUp", body: try JSONSerialization.data(withJSONObject: signUp), region: nil)
            XCTAssertEqual(signedUp.status, 200, String(decoding: signedUp.body, as: UTF8.self))
            _ = try await client.ok("AdminConfirmSignUp", ["UserPoolId": pool, "Username": "jane"], region: "eu-west-1")
            let signIn: [String: Any] = ["ClientId": clientID, "AuthFlow": "USER_PASSWORD_AUTH",
                                         "AuthParameters": ["USERNAME": "jane", "PASSWORD": "P2$Sword"]]
            let tokens = try await client.ok("InitiateAuth", signIn, region: "us-west-2")["AuthenticationResult"] as? [String: Any]
            let accessToken = try XCTUnwrap(tokens?["AccessToken"] as? String)
            let user = try await client.send("GetUser", body: try JSONSerialization.data(withJSONObject: ["AccessToken": accessToken]), region: nil)
            XCTAssertEqual(user.json["Username"] as? String, "jane")
            client.assertError(try await client.call("AdminGetUser", ["UserPoolId": pool, "Username": "jane"], region: "us-east-1"),
                               "ResourceNotFoundException", "User pool \(pool) does not exist.")
            client.assertError(try await client.call("AdminInitiateAuth", ["UserPoolId": pool, "ClientId": clientID, "AuthFlow": "ADMIN_USER_PASSWORD_AUTH"],
                                                     region: "us-east-1"),
                               "ResourceNotFoundException", "User pool \(pool) does not exist.")
        }
    }

    func testHealthAnswers() async throws {
        try await ServerHarness().run { client in
            try await client.client.execute(uri: "/health", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
            }
        }
    }
}

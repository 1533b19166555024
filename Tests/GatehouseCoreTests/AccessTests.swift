import AWSWire
import Foundation
import GatehouseCore
import XCTest

/// Access keys' policies, evaluated as IAM evaluates identity policies.
final class AccessPolicyTests: XCTestCase {
    private func policy(_ json: String) throws -> AccessPolicy {
        try AccessPolicy(json: try JSONNode(parsing: json))
    }

    let pool = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEfGhI"

    func testWildcardsInActionsIgnoreCaseAndInResourcesDoNot() throws {
        let reader = try policy(#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["cognito-idp:list*","cognito-idp:Describe?serPool"],"#
            + #""Resource":"arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_*"}}"#)
        XCTAssertEqual(reader.decision(action: "cognito-idp:ListUsers", resource: pool), .allowed)
        XCTAssertEqual(reader.decision(action: "cognito-idp:DescribeUserPool", resource: pool), .allowed)
        XCTAssertEqual(reader.decision(action: "cognito-idp:DescribeUserPoolClient", resource: pool), .implicitlyDenied)
        XCTAssertEqual(reader.decision(action: "cognito-idp:AdminDeleteUser", resource: pool), .implicitlyDenied)
        XCTAssertEqual(reader.decision(action: "cognito-idp:ListUsers", resource: pool.replacingOccurrences(of: "userpool", with: "UserPool")),
                       .implicitlyDenied)
        XCTAssertEqual(reader.decision(action: "cognito-idp:ListUsers", resource: "*"), .implicitlyDenied)
    }

    func testAnExplicitDenyWinsAndNotActionNotResourceInvert() throws {
        let admin = try policy(#"{"Statement":[{"Effect":"Allow","Action":"cognito-idp:*","Resource":"*"},"#
            + #"{"Effect":"Deny","Action":"cognito-idp:Delete*","NotResource":"arn:aws:cognito-idp:*:*:userpool/*_Scratch*"}]}"#)
        XCTAssertEqual(admin.decision(action: "cognito-idp:DeleteUserPool", resource: pool), .explicitlyDenied)
        XCTAssertEqual(admin.decision(action: "cognito-idp:DeleteUserPool",
                                      resource: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Scratch01"), .allowed)
        let allButUsers = try policy(#"{"Statement":[{"Effect":"Allow","NotAction":"cognito-idp:*User","Resource":"*"}]}"#)
        XCTAssertEqual(allButUsers.decision(action: "cognito-idp:AdminGetUser", resource: pool), .implicitlyDenied)
        XCTAssertEqual(allButUsers.decision(action: "cognito-idp:ListUsers", resource: pool), .allowed)
    }

    func testWhatThePolicyCannotExpressIsRefused() {
        for (json, reason) in [
            (#"{"Statement":[]}"#, "the policy has no Statement"),
            (#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{}}]}"#, "Statement 1: Condition is not supported"),
            (#"{"Statement":[{"Effect":"Permit","Action":"*","Resource":"*"}]}"#, "Statement 1: Effect must be Allow or Deny"),
            (#"{"Statement":[{"Effect":"Allow","Action":"*","NotAction":"x","Resource":"*"}]}"#,
             "Statement 1 needs exactly one of Action and NotAction"),
            (#"{"Statement":[{"Effect":"Allow","Action":[7],"Resource":"*"}]}"#, "Statement 1: Action must be a string or a list of strings"),
        ] {
            XCTAssertThrowsError(try policy(json)) { XCTAssertEqual(($0 as? AccessPolicy.Invalid)?.description, reason) }
        }
    }

    func testTheKeysFileNamesEachKeysPrincipalAndPolicy() throws {
        let file = #"{"AccessKeys":[{"AccessKeyId":"AKIDADMIN","SecretAccessKey":"s","#
            + #""Principal":"arn:aws:iam::123456789012:user/admin","Policy":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}}]}"#
        let keys = try AccessKeys(json: Array(file.utf8))
        XCTAssertEqual(keys.count, 1)
        XCTAssertEqual(keys.key("AKIDADMIN")?.principal, "arn:aws:iam::123456789012:user/admin")
        XCTAssertNil(keys.key("AKIDOTHER"))
        let unnamed = #"{"AccessKeys":[{"AccessKeyId":"A","SecretAccessKey":"s","Principal":"admin","#
            + #""Policy":{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}}]}"#
        XCTAssertThrowsError(try AccessKeys(json: Array(unnamed.utf8))) {
            XCTAssertEqual(($0 as? AccessPolicy.Invalid)?.description,
                           "AccessKeys[0] (A) needs a Principal such as arn:aws:iam::123456789012:user/admin")
        }
    }
}

/// The Host names a server answers to.
final class HostAllowListTests: XCTestCase {
    func testAddressesLocalhostNamesAndConfiguredNamesPassOthersDoNot() {
        let hosts = HostAllowList(names: ["auth.example.com", "Gatehouse:9229"])
        for allowed in ["127.0.0.1:9229", "10.0.0.7", "[::1]:9229", "localhost", "LOCALHOST:80", "app.localhost:9229",
                        "auth.example.com", "gatehouse", "GATEHOUSE:1", nil] {
            XCTAssertTrue(hosts.allows(allowed), allowed ?? "no Host")
        }
        for refused in ["evil.example", "localhost.evil.example", "127.0.0.1.nip.io", "example.com", "999.1.1.1", ""] {
            XCTAssertFalse(hosts.allows(refused), refused)
        }
    }
}

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

/// SigV4 signatures checked as AWS checks an IAM-authorized call.
final class SigV4VerificationTests: XCTestCase {
    let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    let signedAt = Date(timeIntervalSince1970: 1_440_938_160)  // 20150830T123600Z

    /// AWS's test suite vector `post-x-www-form-urlencoded`, as it arrives.
    func vector(authorization: String? = nil, date: String = "20150830T123600Z", body: String = "Param1=value1") -> SigV4Verification.Request {
        SigV4Verification.Request(method: "POST", path: "/", headers: [
            ("Content-Type", "application/x-www-form-urlencoded"), ("Host", "example.amazonaws.com"), ("X-Amz-Date", date),
            ("Authorization", authorization ?? "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"),
        ], body: Array(body.utf8))
    }

    private func verify(_ request: SigV4Verification.Request, now: Date? = nil, service: String = "service") throws -> SigV4Verification.Signer {
        try SigV4Verification.verify(request, service: service, now: now ?? signedAt) { $0 == "AKIDEXAMPLE" ? self.secret : nil }
    }

    /// The error `verify` throws; a failure when it verifies.
    private func error(_ request: SigV4Verification.Request, now: Date? = nil, service: String = "service") -> AWSServiceError? {
        do {
            _ = try verify(request, now: now, service: service)
            XCTFail("the request verified")
            return nil
        } catch {
            return error as? AWSServiceError
        }
    }

    func testAWSsOwnVectorVerifies() throws {
        XCTAssertEqual(try verify(vector()), SigV4Verification.Signer(accessKeyID: "AKIDEXAMPLE", region: "us-east-1"))
        XCTAssertNoThrow(try verify(vector(), now: signedAt.addingTimeInterval(14 * 60)))
    }

    func testAChangedBodyAWrongKeyOrServiceIsRefused() {
        XCTAssertEqual(error(vector(body: "Param1=value2")), SigV4Verification.invalidSignature)
        XCTAssertEqual(error(vector(authorization: "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20150830/us-east-1/service/aws4_request, "
                                    + "SignedHeaders=content-type;host;x-amz-date, Signature=00")), SigV4Verification.unrecognizedClient)
        XCTAssertEqual(error(vector(), service: "cognito-idp")?.message, "Credential should be scoped to correct service: 'cognito-idp'. ")
    }

    func testARequestOutsideFifteenMinutesIsRefused() {
        XCTAssertEqual(error(vector(), now: signedAt.addingTimeInterval(16 * 60))?.message,
                       "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)")
        XCTAssertEqual(error(vector(), now: signedAt.addingTimeInterval(-16 * 60))?.message,
                       "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T122000Z + 15 min.)")
    }

    func testAMalformedHeaderIsIncomplete() {
        let refused = error(vector(authorization: "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request"))
        XCTAssertEqual(refused?.type, "IncompleteSignatureException")
        XCTAssertEqual(refused?.message, "Authorization header requires 'Signature' parameter. Authorization header requires "
            + "'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request")
        XCTAssertEqual(error(vector(authorization: "Bearer token"))?.type, "IncompleteSignatureException")
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

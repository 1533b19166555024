import AWSWire
import XCTest

final class RequestHeadTests: XCTestCase {
    func testTheRegionComesFromTheCredentialScope() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/eu-west-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
        let scope = SigV4CredentialScope(authorizationHeader: header)
        XCTAssertEqual(scope?.region, "eu-west-1")
        XCTAssertEqual(scope?.service, "cognito-idp")
        XCTAssertEqual(scope?.accessKeyID, "AKIDEXAMPLE")
    }

    func testTheCredentialMayComeLastAndAfterOtherParts() {
        let header = "AWS4-HMAC-SHA256 SignedHeaders=host, Credential=AKID/20250101/us-west-2/cognito-idp/aws4_request"
        XCTAssertEqual(SigV4CredentialScope(authorizationHeader: header)?.region, "us-west-2")
    }

    func testAHeaderWithoutAScopeHasNoRegion() {
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: ""))
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: "AWS4-HMAC-SHA256 Credential=AKID/20250101//cognito-idp/aws4_request"))
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-west-2/cognito-idp/aws4"))
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: "AWS4-HMAC-SHA1 Credential=AKID/20250101/us-west-2/cognito-idp/aws4_request"))
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: "Bearer token"))
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: "AWS4-HMAC-SHA256 Credential=AKID/20250101, Signature=x"))
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: "AWS4-HMAC"))
        XCTAssertNil(SigV4CredentialScope(authorizationHeader: " AWS4-HMAC-SHA256 Credential=AKID/20250101/us-west-2/cognito-idp/aws4_request"))
    }

    func testTheTargetNamesTheOperation() throws {
        XCTAssertEqual(try AmzTarget.operationName(header: "AWSCognitoIdentityProviderService.UpdateUserPool",
                                                   targetPrefix: "AWSCognitoIdentityProviderService"), "UpdateUserPool")
    }

    func testAMissingOrForeignTargetIsAnUnknownOperation() {
        XCTAssertThrowsError(try AmzTarget.operationName(header: nil, targetPrefix: "AWSCognitoIdentityProviderService")) {
            XCTAssertEqual($0 as? AWSServiceError, .unknownOperation("Missing X-Amz-Target header."))
        }
        XCTAssertThrowsError(try AmzTarget.operationName(header: "DynamoDB_20120810.PutItem", targetPrefix: "AWSCognitoIdentityProviderService")) {
            XCTAssertEqual($0 as? AWSServiceError, .unknownOperation("Unknown operation PutItem."))
        }
    }
}

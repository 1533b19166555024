import AWSWire
import Foundation
import XCTest

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

    func testASignatureThatLeavesOutTheHostOrTheDateIsRefused() {
        // Right signatures over fewer headers than the request has: the host unsigned.
        let signer = SigV4Signer(credentials: AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: secret), region: "us-east-1",
                                 service: "service")
        let date = ("X-Amz-Date", "20150830T123600Z")
        for signed in [[("Content-Type", "application/x-www-form-urlencoded"), date], [date]] {
            let authorization = signer.authorization(for: SigV4Request(method: "POST", path: "/", headers: signed,
                                                                       body: Array("Param1=value1".utf8)))
            XCTAssertEqual(error(vector(authorization: authorization)), SigV4Verification.invalidSignature, authorization)
        }
        // The date unsigned, which the signer cannot even compute (a request like this stopped the server).
        let undated = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
            + "SignedHeaders=content-type;host, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"
        XCTAssertEqual(error(vector(authorization: undated)), SigV4Verification.invalidSignature)
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

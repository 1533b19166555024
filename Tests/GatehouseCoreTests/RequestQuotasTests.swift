import Foundation
import GatehouseCore
import XCTest

/// Cognito's quota categories and the token buckets that hold requests to them.
final class RequestQuotasTests: XCTestCase {
    func testEachOperationCountsInOneCategory() {
        XCTAssertEqual(RequestQuotaCategory.of(operation: "InitiateAuth"), .userAuthentication)
        XCTAssertEqual(RequestQuotaCategory.of(operation: "AdminCreateUser"), .userCreation)
        XCTAssertEqual(RequestQuotaCategory.of(operation: "ForgotPassword"), .userAccountRecovery)
        XCTAssertEqual(RequestQuotaCategory.of(operation: "ListUserPools"), .userPoolRead)
        XCTAssertEqual(RequestQuotaCategory.of(operation: "UpdateUserPoolClient"), .userPoolClientUpdate)
        XCTAssertNil(RequestQuotaCategory.of(operation: "GetUserAuthFactors"), "an operation the Developer Guide does not place")
        XCTAssertEqual(RequestQuotaCategory.userAuthentication.cognitoDefault, 120)
        XCTAssertEqual(RequestQuotaCategory.userPoolRead.cognitoDefault, 15)
    }

    func testABucketTakesASecondsWorthThenRefillsAtItsRate() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var limiter = RequestRateLimiter(rates: [.userPoolRead: 2])
        XCTAssertTrue(limiter.admit(.userPoolRead, now: now))
        XCTAssertTrue(limiter.admit(.userPoolRead, now: now))
        XCTAssertFalse(limiter.admit(.userPoolRead, now: now.addingTimeInterval(0.1)))
        XCTAssertTrue(limiter.admit(.userPoolRead, now: now.addingTimeInterval(0.5)), "half a second refills one at 2 a second")
        XCTAssertFalse(limiter.admit(.userPoolRead, now: now.addingTimeInterval(0.5)))
        XCTAssertTrue(limiter.admit(.userPoolRead, now: now.addingTimeInterval(60)))
        XCTAssertTrue(limiter.admit(.userPoolRead, now: now.addingTimeInterval(60)))
        XCTAssertFalse(limiter.admit(.userPoolRead, now: now.addingTimeInterval(60)), "a quiet bucket holds a second's worth, no more")
        for _ in 0..<100 { XCTAssertTrue(limiter.admit(.userCreation, now: now), "a category without a quota") }
    }
}

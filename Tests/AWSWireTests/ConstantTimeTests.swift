import AWSWire
import XCTest

/// Secrets compare equal only when every byte is, and a missing one never does.
final class ConstantTimeTests: XCTestCase {
    func testOnlyTheSameBytesAreEqual() {
        XCTAssertTrue(ConstantTime.equal([1, 2, 3] as [UInt8], [1, 2, 3] as [UInt8]))
        XCTAssertFalse(ConstantTime.equal([1, 2, 3] as [UInt8], [1, 2, 4] as [UInt8]))
        XCTAssertFalse(ConstantTime.equal([1, 2] as [UInt8], [1, 2, 3] as [UInt8]))
        XCTAssertTrue(ConstantTime.equal([] as [UInt8], [] as [UInt8]))
    }

    func testAGivenSecretMustBeThereAndWhole() {
        XCTAssertTrue(ConstantTime.matches("s3cret", "s3cret"))
        XCTAssertFalse(ConstantTime.matches(nil, "s3cret"))
        XCTAssertFalse(ConstantTime.matches("", "s3cret"))
        XCTAssertFalse(ConstantTime.matches("s3cres", "s3cret"))
        XCTAssertFalse(ConstantTime.matches("s3cret ", "s3cret"))
    }
}

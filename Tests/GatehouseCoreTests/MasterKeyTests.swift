import Foundation
import GatehouseCore
import XCTest

/// The master key: what it wraps opens with it alone, for the name it was wrapped under, and says
/// which key wrapped it.
final class MasterKeyTests: XCTestCase {
    let key = MasterKey(bytes: Data(repeating: 7, count: 32))!
    let secret = Data((0..<32).map { UInt8($0) })

    func testAWrappedSecretOpensWithItsKeyForItsNameOnly() throws {
        let wrapped = key.wrap(secret, named: "sign-in-key", random: .system)
        XCTAssertEqual(try key.unwrap(wrapped, named: "sign-in-key"), secret)
        XCTAssertEqual(MasterKey.keyID(ofWrapped: wrapped), key.id)
        XCTAssertFalse(wrapped.range(of: secret) != nil, "the secret is not stored in the clear")
        XCTAssertThrowsError(try key.unwrap(wrapped, named: "page-token-key")) { XCTAssertEqual($0 as? MasterKey.Failure, .damaged) }
        var changed = wrapped
        changed[changed.count - 1] ^= 1
        XCTAssertThrowsError(try key.unwrap(changed, named: "sign-in-key")) { XCTAssertEqual($0 as? MasterKey.Failure, .damaged) }
        let other = MasterKey.generate(random: .system)
        XCTAssertNotEqual(other.id, key.id)
        XCTAssertThrowsError(try other.unwrap(wrapped, named: "sign-in-key")) {
            XCTAssertEqual($0 as? MasterKey.Failure, .wrappedByAnotherKey(key.id))
        }
    }

    func testASecretStoredInTheClearIsNotWrapped() {
        XCTAssertNil(MasterKey.keyID(ofWrapped: secret))
        XCTAssertThrowsError(try key.unwrap(secret, named: "sign-in-key")) { XCTAssertEqual($0 as? MasterKey.Failure, .notWrapped) }
    }

    func testTheKeyFileHoldsTheKeyInBase64() {
        XCTAssertEqual(key.fileContents, Data(repeating: 7, count: 32).base64EncodedString() + "\n")
        XCTAssertEqual(MasterKey(fileContents: "  " + key.fileContents)?.id, key.id)
        XCTAssertEqual(key.id.count, 16)
        XCTAssertNil(MasterKey(fileContents: Data(repeating: 7, count: 31).base64EncodedString()))
        XCTAssertNil(MasterKey(fileContents: "not base64"))
    }
}

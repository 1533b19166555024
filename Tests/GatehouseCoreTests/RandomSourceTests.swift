@testable import GatehouseCore
import Synchronization
import XCTest

final class RandomSourceTests: XCTestCase {
    func testTheSystemSourceGivesExactlyTheBytesAskedFor() {
        for count in [0, 1, 7, 8, 9, 33, 256, 257, 600] {
            XCTAssertEqual(RandomSource.system.bytes(count).count, count)
        }
        XCTAssertNotEqual(RandomSource.system.bytes(16), RandomSource.system.bytes(16))
        // Beyond the first 256 bytes (one getentropy call) each chunk is drawn too, not left zero.
        let long = RandomSource.system.bytes(600)
        XCTAssertNotEqual(Array(long[256..<512]), Array(repeating: 0, count: 256))
        XCTAssertNotEqual(Array(long[512...]), Array(repeating: 0, count: 88))
    }

    func testTheBufferHandsOutEachByteOnceAcrossRefillsAndLargeDrawsStraightFromTheSystem() {
        let buffer = SystemRandomBuffer(capacity: 64)
        // 16-byte draws empty the 64-byte buffer every fourth draw; after four 13-byte draws the
        // 12 bytes left are too few for the next, which refills the buffer and skips them.
        var seen = Set<[UInt8]>()
        for count in [16, 13] {
            for _ in 0..<100 {
                let drawn = buffer.bytes(count)
                XCTAssertEqual(drawn.count, count)
                XCTAssertTrue(seen.insert(drawn).inserted, "a draw repeated bytes already handed out")
            }
        }
        // Any count is drawn whole; over a quarter of the capacity straight from the system.
        for count in [0, 17, 64, 300] {
            XCTAssertEqual(buffer.bytes(count).count, count)
        }
        XCTAssertNotEqual(buffer.bytes(300), buffer.bytes(300))
    }

    func testStringsDrawFromTheAlphabetAndRejectBytesThatWouldSkewTheDraw() {
        // With 3 characters, bytes from 255 (= 256 - 256 % 3) up would favour the first one.
        let supply = Mutex<[UInt8]>([0, 255, 1, 2, 254, 5])
        let source = RandomSource { count in
            supply.withLock { supply in
                defer { supply.removeFirst(count) }
                return Array(supply.prefix(count))
            }
        }
        XCTAssertEqual(source.string(4, from: "abc"), "abcc")
        let id = UserPoolID.generate(region: "us-east-1", random: .system)
        XCTAssertTrue(id.hasPrefix("us-east-1_"))
        XCTAssertEqual(id.count, "us-east-1_".count + 9)
        XCTAssertTrue(id.dropFirst("us-east-1_".count).allSatisfy { UserPoolID.suffixAlphabet.contains($0) })
    }
}

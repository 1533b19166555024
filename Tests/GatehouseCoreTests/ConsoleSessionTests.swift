import Foundation
import GatehouseCore
import XCTest

/// The console's session cookie: opened only with the key that sealed it, unchanged, before it ends.
final class ConsoleSessionTests: XCTestCase {
    let key = SealingKey(key: Data(repeating: 5, count: 32))
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    func testASealedSessionOpensUntilItEnds() {
        let session = ConsoleSession(accessKeyID: "AKIDEXAMPLE", expiry: now.addingTimeInterval(ConsoleSession.lifetime))
        let cookie = session.sealed(with: key, random: .system)
        XCTAssertEqual(ConsoleSession(cookie: cookie, key: key, now: now), session)
        XCTAssertEqual(ConsoleSession(cookie: cookie, key: key, now: now.addingTimeInterval(ConsoleSession.lifetime - 1)), session)
        XCTAssertNil(ConsoleSession(cookie: cookie, key: key, now: now.addingTimeInterval(ConsoleSession.lifetime)), "ended")
    }

    func testAnotherKeyOrAChangedCookieOpensNothing() {
        let cookie = ConsoleSession(accessKeyID: "AKIDEXAMPLE", expiry: now.addingTimeInterval(60)).sealed(with: key, random: .system)
        XCTAssertNil(ConsoleSession(cookie: cookie, key: SealingKey(key: Data(repeating: 6, count: 32)), now: now))
        // A character in the middle: the last one's low bits may be base64's unused padding bits.
        var characters = Array(cookie)
        let middle = characters.count / 2
        characters[middle] = characters[middle] == "A" ? "B" : "A"
        let changed = String(characters)
        XCTAssertNil(ConsoleSession(cookie: changed, key: key, now: now))
        XCTAssertNil(ConsoleSession(cookie: "not a cookie", key: key, now: now))
    }
}

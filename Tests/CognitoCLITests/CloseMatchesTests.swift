@testable import CognitoCLI
import XCTest

/// The values Python's difflib gives for the same inputs.
final class CloseMatchesTests: XCTestCase {
    func testRatioIsSequenceMatchers() {
        XCTAssertEqual(CloseMatches.ratio("abcd", "bcde"), 0.75)
        XCTAssertEqual(CloseMatches.ratio("admin-get-user", "admin-get-usr"), 0.9629629629629629, accuracy: 1e-12)
        XCTAssertEqual(CloseMatches.ratio("qabxcd", "abycdf"), 0.6666666666666666, accuracy: 1e-12)
        XCTAssertEqual(CloseMatches.ratio("", ""), 1)
    }

    func testMatchesAreBestFirstThenInReverseOrder() {
        XCTAssertEqual(CloseMatches.of("list-user", in: ["list-users", "list-users-in-group", "list-groups", "list-user-pools"]),
                       ["list-users"])
        XCTAssertEqual(CloseMatches.of("ab", in: ["ab", "ba", "abc", "bac"], cutoff: 0.5), ["ab", "abc", "ba"])
    }
}

@testable import GatehouseServer
import XCTest

final class HTTPDateTests: XCTestCase {
    func testIMFFixdate() {
        XCTAssertEqual(HTTPDate.format(0), "Thu, 01 Jan 1970 00:00:00 GMT")
        XCTAssertEqual(HTTPDate.format(1_795_777_635), "Fri, 27 Nov 2026 11:07:15 GMT")
        XCTAssertEqual(HTTPDate.format(951_782_400), "Tue, 29 Feb 2000 00:00:00 GMT")
    }
}

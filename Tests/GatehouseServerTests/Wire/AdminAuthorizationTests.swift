import AWSWire
import Foundation
@testable import GatehouseServer
import HTTPTypes
import NIOCore
import XCTest

/// Who may make an admin call when the server has no access keys file: its own machine only,
/// unless told otherwise.
final class AdminAuthorizationTests: XCTestCase {
    private let call = HTTPRequest(method: .post, scheme: nil, authority: "localhost", path: "/")

    private func authorize(_ admin: AdminAuthorization, from address: String) throws(AWSServiceError) -> String? {
        try admin.authorize("ListUserPools", head: call, peer: try! SocketAddress(ipAddress: address, port: 40_000), body: [], now: Date())
    }

    func testWithoutKeysOnlyLoopbackCallersAreAdministrators() throws {
        let admin = try AdminAuthorization(configuration: GatehouseConfiguration())
        XCTAssertEqual(admin.summary, "admin calls are taken unsigned, from loopback only (no --access-keys-file)")
        for address in ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1"] {
            XCTAssertNil(try authorize(admin, from: address), address)
        }
        for address in ["192.0.2.7", "10.0.0.1", "2001:db8::1", "::ffff:192.0.2.7"] {
            XCTAssertThrowsError(try authorize(admin, from: address), address) { error in
                XCTAssertEqual(error as? AWSServiceError, .accessDeniedException(
                    "Gatehouse takes admin calls without an access keys file only from its own machine."))
            }
        }
        var anywhere = GatehouseConfiguration()
        anywhere.allowUnsignedAdmin = true
        XCTAssertNil(try authorize(try AdminAuthorization(configuration: anywhere), from: "192.0.2.7"))
    }
}

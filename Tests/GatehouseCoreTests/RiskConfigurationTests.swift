import AWSWire
import CognitoModel
@testable import GatehouseCore
import XCTest

/// What SetRiskConfiguration checks beyond the model.
final class RiskConfigurationTests: XCTestCase {
    func testIPRangesAreCIDRBlocks() {
        for range in ["10.0.0.0/8", "192.0.2.1/32", "0.0.0.0/0", "2001:db8::/32", "::1/128"] {
            XCTAssertNotNil(IPAddressRange(cidr: range), range)
        }
        for range in ["10.0.0.0", "10.0.0.0/33", "10.0.0.300/8", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/8/8", "host/8", "10.0.0.0/ 8"] {
            XCTAssertNil(IPAddressRange(cidr: range), range)
        }
    }

    func testIPRangesContainTheAddressesOfTheirPrefix() {
        let v4 = IPAddressRange(cidr: "192.0.2.0/25")!
        XCTAssertTrue(v4.contains("192.0.2.0"))
        XCTAssertTrue(v4.contains("192.0.2.127"))
        XCTAssertFalse(v4.contains("192.0.2.128"))
        XCTAssertTrue(v4.contains("::ffff:192.0.2.1"), "an IPv4 peer of a dual-stack socket")
        XCTAssertFalse(v4.contains("2001:db8::1"), "another family")
        XCTAssertTrue(IPAddressRange(cidr: "::ffff:192.0.2.0/120")!.contains("192.0.2.77"))
        XCTAssertNil(IPAddressRange(cidr: "::ffff:192.0.2.0/64"))
        XCTAssertFalse(v4.contains("not an address"))
        XCTAssertTrue(IPAddressRange(cidr: "0.0.0.0/0")!.contains("203.0.113.9"))
        XCTAssertTrue(IPAddressRange(cidr: "10.10.10.10/32")!.contains("10.10.10.10"))
        XCTAssertFalse(IPAddressRange(cidr: "10.10.10.10/32")!.contains("10.10.10.11"))
        let v6 = IPAddressRange(cidr: "2001:db8::/33")!
        XCTAssertTrue(v6.contains("2001:db8:7fff::1"))
        XCTAssertFalse(v6.contains("2001:db8:8000::1"))
    }

    func testOnlyATrustedProxyNamesTheClient() {
        let proxies = [IPAddressRange(cidr: "10.0.0.0/8")!]
        func client(_ peer: String?, _ header: String?) -> String? {
            ForwardedClient.address(peer: peer, forwardedFor: header, trustedProxies: proxies)
        }
        XCTAssertEqual(client("203.0.113.1", "192.0.2.9"), "203.0.113.1", "an untrusted peer's header is ignored")
        XCTAssertEqual(client("10.0.0.2", nil), "10.0.0.2")
        XCTAssertEqual(client("10.0.0.2", "192.0.2.9"), "192.0.2.9")
        XCTAssertEqual(client("10.0.0.2", "198.51.100.7, 192.0.2.9, 10.0.0.1"), "192.0.2.9", "the nearest untrusted address")
        XCTAssertEqual(client("10.0.0.2", "192.0.2.9, not-an-address"), "10.0.0.2", "a malformed entry ends the walk")
        XCTAssertEqual(client("10.0.0.2", "10.0.0.3, 10.0.0.4"), "10.0.0.3", "all proxies: the farthest")
        XCTAssertEqual(ForwardedClient.address(peer: "10.0.0.2", forwardedFor: "192.0.2.9", trustedProxies: []), "10.0.0.2")
    }

    func testANotifyingActionNeedsANotifyConfiguration() {
        let quiet = AccountTakeoverRiskConfigurationType(actions: AccountTakeoverActionsType(highAction: .init(notify: false, eventAction: .block)))
        XCTAssertNoThrow(try StoredRiskConfiguration(compromisedCredentials: nil, accountTakeover: quiet, riskException: nil).check())
        let loud = AccountTakeoverRiskConfigurationType(actions: AccountTakeoverActionsType(lowAction: .init(notify: true, eventAction: .noAction)))
        XCTAssertThrowsError(try StoredRiskConfiguration(compromisedCredentials: nil, accountTakeover: loud, riskException: nil).check())
        XCTAssertTrue(StoredRiskConfiguration(compromisedCredentials: nil, accountTakeover: nil, riskException: nil).isEmpty)
    }
}

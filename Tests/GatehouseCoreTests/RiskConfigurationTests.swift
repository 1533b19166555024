import AWSWire
import CognitoModel
@testable import GatehouseCore
import XCTest

/// What SetRiskConfiguration checks beyond the model.
final class RiskConfigurationTests: XCTestCase {
    func testIPRangesAreCIDRBlocks() {
        for range in ["10.0.0.0/8", "192.0.2.1/32", "0.0.0.0/0", "2001:db8::/32", "::1/128"] {
            XCTAssertTrue(StoredRiskConfiguration.isCIDR(range), range)
        }
        for range in ["10.0.0.0", "10.0.0.0/33", "10.0.0.300/8", "2001:db8::/129", "10.0.0.0/-1", "10.0.0.0/8/8", "host/8", "10.0.0.0/ 8"] {
            XCTAssertFalse(StoredRiskConfiguration.isCIDR(range), range)
        }
    }

    func testANotifyingActionNeedsANotifyConfiguration() {
        let quiet = AccountTakeoverRiskConfigurationType(actions: AccountTakeoverActionsType(highAction: .init(notify: false, eventAction: .block)))
        XCTAssertNoThrow(try StoredRiskConfiguration(compromisedCredentials: nil, accountTakeover: quiet, riskException: nil).check())
        let loud = AccountTakeoverRiskConfigurationType(actions: AccountTakeoverActionsType(lowAction: .init(notify: true, eventAction: .noAction)))
        XCTAssertThrowsError(try StoredRiskConfiguration(compromisedCredentials: nil, accountTakeover: loud, riskException: nil).check())
        XCTAssertTrue(StoredRiskConfiguration(compromisedCredentials: nil, accountTakeover: nil, riskException: nil).isEmpty)
    }
}

import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of SetRiskConfiguration (a ``UserPoolItemRecord`` of kind
/// ``UserPoolItemKind/riskConfiguration`` keyed by the app client id, or `ALL` for the pool's):
/// the three configurations as given.
public struct StoredRiskConfiguration: Sendable, Equatable {
    public static let allClients = "ALL"

    public var compromisedCredentials: CompromisedCredentialsRiskConfigurationType?
    public var accountTakeover: AccountTakeoverRiskConfigurationType?
    public var riskException: RiskExceptionConfigurationType?

    public init(compromisedCredentials: CompromisedCredentialsRiskConfigurationType?, accountTakeover: AccountTakeoverRiskConfigurationType?,
                riskException: RiskExceptionConfigurationType?) {
        self.compromisedCredentials = compromisedCredentials
        self.accountTakeover = accountTakeover
        self.riskException = riskException
    }

    /// Whether it sets nothing: SetRiskConfiguration with none of the three returns the pool (or
    /// the client) to its defaults.
    public var isEmpty: Bool { compromisedCredentials == nil && accountTakeover == nil && riskException == nil }

    /// Checks what the model's constraints leave to the service (Gatehouse's wording: Cognito's is not known).
    /// - Throws: `InvalidParameterException` for an IP range that is not an IPv4 or IPv6 CIDR
    ///   block, and for an action that notifies without a NotifyConfiguration to send with.
    public func check() throws(AWSServiceError) {
        for range in (riskException?.blockedIPRangeList ?? []) + (riskException?.skippedIPRangeList ?? []) where IPAddressRange(cidr: range) == nil {
            throw .invalidParameterException("\(range) is not an IP address range in CIDR notation.")
        }
        if let takeover = accountTakeover, takeover.notifyConfiguration == nil,
           [takeover.actions?.lowAction, takeover.actions?.mediumAction, takeover.actions?.highAction].contains(where: { $0?.notify == true }) {
            throw .invalidParameterException("An account takeover action that notifies needs a NotifyConfiguration.")
        }
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            let stored = try AWSJSON.decode(RiskConfigurationType.self, from: record.document)
            self.init(compromisedCredentials: stored.compromisedCredentialsRiskConfiguration,
                      accountTakeover: stored.accountTakeoverRiskConfiguration, riskException: stored.riskExceptionConfiguration)
        } catch {
            throw .internalError
        }
    }

    public func document() -> Data {
        Data(AWSJSON.encode(RiskConfigurationType(compromisedCredentialsRiskConfiguration: compromisedCredentials,
                                                  accountTakeoverRiskConfiguration: accountTakeover,
                                                  riskExceptionConfiguration: riskException)))
    }

    /// As DescribeRiskConfiguration shows it: what was set, for the pool or the client asked about.
    public func describe(userPoolID: String, clientID: String?, lastModifiedDate: Date?) -> RiskConfigurationType {
        RiskConfigurationType(userPoolId: userPoolID, clientId: clientID, compromisedCredentialsRiskConfiguration: compromisedCredentials,
                              accountTakeoverRiskConfiguration: accountTakeover, riskExceptionConfiguration: riskException,
                              lastModifiedDate: lastModifiedDate)
    }
}

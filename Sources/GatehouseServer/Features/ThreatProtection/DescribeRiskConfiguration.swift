import CognitoModel
import GatehouseCore

extension ThreatProtectionFeature {
    /// The risk configuration of the app client (its own, else the pool's) or of the pool, with
    /// its LastModifiedDate; without any, only the pool and client asked about.
    func describeRiskConfiguration(_ input: DescribeRiskConfigurationRequest,
                                   context: CallContext) async throws -> DescribeRiskConfigurationResponse {
        let poolID = try input.userPoolId.required
        _ = try await poolAndClient(poolID, input.clientId, context: context)
        if let record = try await storage.userPoolItem(userPoolID: poolID, kind: .riskConfiguration, clientID: input.clientId,
                                                       elsePool: StoredRiskConfiguration.allClients) {
            return DescribeRiskConfigurationResponse(riskConfiguration: try StoredRiskConfiguration(record: record)
                .describe(userPoolID: poolID, clientID: input.clientId, lastModifiedDate: record.lastModifiedDate))
        }
        return DescribeRiskConfigurationResponse(riskConfiguration: RiskConfigurationType(userPoolId: poolID, clientId: input.clientId))
    }
}

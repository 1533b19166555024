import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension ThreatProtectionFeature {
    /// Sets the risk configuration of the pool, or with ClientId of that app client (which then no
    /// longer takes the pool's). None of the three configurations returns it to the defaults (the
    /// client to the pool's). Answers what was set.
    /// - Throws: `FeatureUnavailableInTierException` below the PLUS plan; `InvalidParameterException`
    ///   (``StoredRiskConfiguration/check()``).
    func setRiskConfiguration(_ input: SetRiskConfigurationRequest, context: CallContext) async throws -> SetRiskConfigurationResponse {
        let poolID = try input.userPoolId.required
        let pool = try await poolAndClient(poolID, input.clientId, context: context)
        let stored = StoredRiskConfiguration(compromisedCredentials: input.compromisedCredentialsRiskConfiguration,
                                             accountTakeover: input.accountTakeoverRiskConfiguration,
                                             riskException: input.riskExceptionConfiguration)
        let key = input.clientId ?? StoredRiskConfiguration.allClients
        if stored.isEmpty {
            do {
                try await storage.deleteUserPoolItem(userPoolID: poolID, kind: .riskConfiguration, key: key)
            } catch StorageError.notFound {
                // Nothing was set: the defaults hold already.
            }
            return SetRiskConfigurationResponse(riskConfiguration: stored.describe(userPoolID: poolID, clientID: input.clientId,
                                                                                   lastModifiedDate: nil))
        }
        if pool.settings.userPoolTier != .plus {
            throw AWSServiceError.featureUnavailableInTierException("Threat protection requires the PLUS feature plan.")
        }
        try stored.check()
        _ = try await items.save(.riskConfiguration, key, of: poolID, document: stored.document(), now: clock.now())
        return SetRiskConfigurationResponse(riskConfiguration: stored.describe(userPoolID: poolID, clientID: input.clientId, lastModifiedDate: nil))
    }
}

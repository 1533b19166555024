import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// Log delivery: which logs a pool exports (SetLogDeliveryConfiguration, GetLogDeliveryConfiguration);
/// ``LogExport`` delivers them.
struct LogDeliveryFeature: Sendable {
    let directory: UserPoolDirectory
    let items: UserPoolItems
    /// Log delivery configuration records.
    let storage: any Storage
    let clock: Clock

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.SetLogDeliveryConfiguration.self, setLogDeliveryConfiguration)
        registry.register(Operations.GetLogDeliveryConfiguration.self, getLogDeliveryConfiguration)
    }

    /// Replaces the pool's log configurations; none stops every export.
    /// - Throws: `InvalidParameterException` and `FeatureUnavailableInTierException` (``StoredLogDeliveryConfiguration/check(tier:)``).
    func setLogDeliveryConfiguration(_ input: SetLogDeliveryConfigurationRequest,
                                     context: CallContext) async throws -> SetLogDeliveryConfigurationResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let stored = StoredLogDeliveryConfiguration(logConfigurations: try input.logConfigurations.required)
        try stored.check(tier: pool.settings.userPoolTier ?? .essentials)
        _ = try await items.save(.logDelivery, StoredLogDeliveryConfiguration.key, of: pool.id, document: stored.document(), now: clock.now())
        return SetLogDeliveryConfigurationResponse(logDeliveryConfiguration: stored.describe(userPoolID: pool.id))
    }

    /// The pool's log configurations; none when it never set any.
    func getLogDeliveryConfiguration(_ input: GetLogDeliveryConfigurationRequest,
                                     context: CallContext) async throws -> GetLogDeliveryConfigurationResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let record = try await storage.userPoolItem(userPoolID: pool.id, kind: .logDelivery, key: StoredLogDeliveryConfiguration.key)
        let stored = try record.map(StoredLogDeliveryConfiguration.init(record:)) ?? StoredLogDeliveryConfiguration(logConfigurations: [])
        return GetLogDeliveryConfigurationResponse(logDeliveryConfiguration: stored.describe(userPoolID: pool.id))
    }
}

import CognitoModel
import GatehouseCore

extension UserPoolsFeature {
    /// Replaces the pool's settings with the request's: what the request omits returns to its
    /// default (``UserPoolConfiguration``). The rules are checked against the pool as it is when the
    /// write happens, so a concurrent SetUserPoolMfaConfig cannot slip past them.
    func updateUserPool(_ input: UpdateUserPoolRequest, context: CallContext) async throws -> UpdateUserPoolResponse {
        try await directory.update(try input.userPoolId.required, context: context) { stored, record in
            let tier = input.userPoolTier ?? stored.pool.userPoolTier ?? .essentials
            try UserPoolRules.check(input, softwareTokenMfaEnabled: stored.softwareTokenMfaEnabled, tier: tier)
            UserPoolConfiguration.apply(input, to: &stored.pool, region: record.region, isUpdate: true)
            if let name = input.poolName {
                record.name = name
            }
        }
        return UpdateUserPoolResponse()
    }
}

import CognitoModel
import GatehouseCore

extension MFAFeature {
    /// Sets the pool's MFA configuration as SetUserPoolMfaConfig does; nothing is written when
    /// nothing differs.
    func declare(_ declared: SetUserPoolMfaConfigRequest, context: CallContext) async throws -> DeclaredChange {
        let poolID = try declared.userPoolId.required
        let before = try await directory.record(poolID, context: context)
        let after = try await directory.update(poolID, context: context, touch: .ifChanged) { stored, record in
            try UserPoolMfa.apply(declared, to: &stored, region: record.region)
        }
        return after.lastModifiedDate == before.lastModifiedDate ? .unchanged : .updated
    }
}

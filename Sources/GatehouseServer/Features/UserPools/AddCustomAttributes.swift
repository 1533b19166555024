import CognitoModel
import GatehouseCore

extension UserPoolsFeature {
    /// Appends custom attributes to the pool's schema; existing names and more than 50 are refused.
    func addCustomAttributes(_ input: AddCustomAttributesRequest, context: CallContext) async throws -> AddCustomAttributesResponse {
        let additions = try (try input.customAttributes.required).map(UserPoolSchema.customAttribute)
        try await directory.update(try input.userPoolId.required, context: context) { stored, _ in
            stored.pool.schemaAttributes = try UserPoolSchema.appending(additions, to: stored.pool.schemaAttributes ?? [])
        }
        return AddCustomAttributesResponse()
    }
}

import AWSWire
import CognitoModel
import GatehouseCore

extension BrandingFeature {
    /// A style by its id. ReturnMergedResources returns the style as stored: Gatehouse does not
    /// have Cognito's default values to merge (docs/compatibility.md).
    func describeManagedLoginBranding(_ input: DescribeManagedLoginBrandingRequest,
                                      context: CallContext) async throws -> DescribeManagedLoginBrandingResponse {
        let (record, stored) = try await style(try input.managedLoginBrandingId.required, of: try input.userPoolId.required, context: context)
        return DescribeManagedLoginBrandingResponse(managedLoginBranding: stored.describe(record))
    }

    /// The style of an app client.
    func describeManagedLoginBrandingByClient(_ input: DescribeManagedLoginBrandingByClientRequest,
                                              context: CallContext) async throws -> DescribeManagedLoginBrandingByClientResponse {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        let pool = try await directory.pool(poolID, context: context)
        _ = try await directory.poolClient(clientID, of: pool)
        guard let (record, stored) = try await brandings.managedLoginBranding(of: clientID, in: poolID) else {
            throw AWSServiceError.resourceNotFoundException("The app client \(clientID) has no managed login branding style.")
        }
        return DescribeManagedLoginBrandingByClientResponse(managedLoginBranding: stored.describe(record))
    }
}

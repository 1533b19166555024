import CognitoModel
import GatehouseCore

extension BrandingFeature {
    /// The customization of the client (its own, else the pool's), or of the pool without ClientId;
    /// an empty one without any (docs/evidence/managed-login-branding.md).
    func getUICustomization(_ input: GetUICustomizationRequest, context: CallContext) async throws -> GetUICustomizationResponse {
        let poolID = try input.userPoolId.required
        let pool = try await directory.pool(poolID, context: context)
        if let clientID = input.clientId, clientID != StoredUICustomization.allClients { _ = try await directory.poolClient(clientID, of: pool) }
        guard let (record, stored) = try await brandings.uiCustomization(of: input.clientId, in: poolID) else {
            return GetUICustomizationResponse(uiCustomization: UICustomizationType())
        }
        let logoURL = try await domains.url(of: pool, addressing: addressing).map { $0 + Brandings.assetPath(record, stored, file: "image.jpg") }
        return GetUICustomizationResponse(uiCustomization: stored.describe(record, logoURL: logoURL))
    }
}

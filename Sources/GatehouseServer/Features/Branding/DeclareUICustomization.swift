import AWSWire
import CognitoModel
import GatehouseCore

extension BrandingFeature {
    /// Gives every app client's pages of the pool the declared CSS and logo (SetUICustomization
    /// with ClientId `ALL`). Nothing is written when they are as declared.
    func declare(_ declared: SetUICustomizationRequest, context: CallContext) async throws -> DeclaredChange {
        let poolID = try declared.userPoolId.required
        let current = try await storage.userPoolItem(userPoolID: poolID, kind: .uiCustomization, key: StoredUICustomization.allClients)
            .map(StoredUICustomization.init(record:))
        let logo = declared.imageFile.flatMap { $0.isEmpty ? nil : $0 }
        if let current, current.css == declared.css, current.logo == logo { return .unchanged }
        _ = try await setUICustomization(declared, context: context)
        return current == nil ? .created : .updated
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension BrandingFeature {
    /// Replaces a style's source (UseCognitoProvidedValues or Settings) and merges its assets: one
    /// given replaces the one of its category and color mode.
    func updateManagedLoginBranding(_ input: UpdateManagedLoginBrandingRequest,
                                    context: CallContext) async throws -> UpdateManagedLoginBrandingResponse {
        let poolID = try input.userPoolId.required
        let id = try input.managedLoginBrandingId.required
        try StoredManagedLoginBranding.checkSource(useCognitoProvidedValues: input.useCognitoProvidedValues, settings: input.settings)
        let (found, _) = try await style(id, of: poolID, context: context)
        let now = clock.now()
        do {
            let record = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .managedLoginBranding, key: found.key) { record in
                var style = try StoredManagedLoginBranding(record: record)
                style.useCognitoProvidedValues = input.useCognitoProvidedValues ?? false
                style.settings = input.settings
                style.assets = StoredManagedLoginBranding.merged(style.assets, with: input.assets ?? [])
                record.document = style.document()
                record.lastModifiedDate = now
            }
            return UpdateManagedLoginBrandingResponse(managedLoginBranding: try StoredManagedLoginBranding(record: record).describe(record))
        } catch StorageError.notFound {
            throw Self.styleNotFound(id)
        }
    }
}

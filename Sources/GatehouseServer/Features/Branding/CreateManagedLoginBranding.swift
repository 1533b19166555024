import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension BrandingFeature {
    /// Gives an app client its managed login branding style: Cognito's look
    /// (UseCognitoProvidedValues) or a Settings document, with image assets. One per client.
    func createManagedLoginBranding(_ input: CreateManagedLoginBrandingRequest,
                                    context: CallContext) async throws -> CreateManagedLoginBrandingResponse {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        try StoredManagedLoginBranding.checkSource(useCognitoProvidedValues: input.useCognitoProvidedValues, settings: input.settings)
        let pool = try await directory.pool(poolID, context: context)
        try Self.checkTier(pool)
        _ = try await directory.poolClient(clientID, of: pool)
        let stored = StoredManagedLoginBranding(id: random.uuid().lowercased(), useCognitoProvidedValues: input.useCognitoProvidedValues ?? false,
                                                settings: input.settings, assets: StoredManagedLoginBranding.merged([], with: input.assets ?? []))
        let now = clock.now()
        let record = UserPoolItemRecord(userPoolID: poolID, kind: .managedLoginBranding, key: clientID, name: stored.id, creationDate: now,
                                        lastModifiedDate: now, document: stored.document())
        do {
            try await storage.insertUserPoolItem(record)
        } catch StorageError.duplicate {
            throw AWSServiceError.managedLoginBrandingExistsException("The app client \(clientID) already has a managed login branding style.")
        } catch StorageError.notFound {
            throw UserPoolDirectory.poolNotFound(poolID)
        }
        return CreateManagedLoginBrandingResponse(managedLoginBranding: stored.describe(record))
    }
}

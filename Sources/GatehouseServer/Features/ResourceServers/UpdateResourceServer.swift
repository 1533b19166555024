import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension ResourceServersFeature {
    /// Replaces a resource server's Name and its whole list of Scopes (none when omitted). App
    /// clients keep the scopes it drops, which then grant nothing until they exist again (DG).
    func updateResourceServer(_ input: UpdateResourceServerRequest, context: CallContext) async throws -> UpdateResourceServerResponse {
        let poolID = try input.userPoolId.required
        let identifier = try input.identifier.required
        let stored = StoredResourceServer(name: try input.name.required, scopes: try Self.scopes(input.scopes))
        _ = try await directory.record(poolID, context: context)
        let now = clock.now()
        do {
            let record = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .resourceServer, key: identifier) { record in
                record.name = stored.name
                record.document = stored.document()
                record.lastModifiedDate = now
            }
            return UpdateResourceServerResponse(resourceServer: stored.describe(record))
        } catch StorageError.notFound {
            throw Self.notFound(identifier)
        }
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension ResourceServersFeature {
    /// Creates a resource server; its Identifier is unique in the pool, compared case-sensitively.
    func createResourceServer(_ input: CreateResourceServerRequest, context: CallContext) async throws -> CreateResourceServerResponse {
        let poolID = try input.userPoolId.required
        let identifier = try input.identifier.required
        let stored = StoredResourceServer(name: try input.name.required, scopes: try Self.scopes(input.scopes))
        _ = try await directory.record(poolID, context: context)
        let now = clock.now()
        let record = UserPoolItemRecord(userPoolID: poolID, kind: .resourceServer, key: identifier, name: stored.name, creationDate: now,
                                        lastModifiedDate: now, document: stored.document())
        do {
            try await storage.insertUserPoolItem(record)
        } catch StorageError.duplicate {
            throw AWSServiceError.invalidParameterException("\(identifier) already exists in user pool \(poolID).")
        } catch StorageError.notFound {
            throw UserPoolDirectory.poolNotFound(poolID)
        }
        return CreateResourceServerResponse(resourceServer: stored.describe(record))
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension ResourceServersFeature {
    /// Creates the declared resource server, or gives the existing one the declared name and
    /// scopes. Nothing is written when nothing differs.
    func declare(_ declared: CreateResourceServerRequest, context: CallContext) async throws -> DeclaredChange {
        let poolID = try declared.userPoolId.required
        let identifier = try declared.identifier.required
        guard let current = try await storage.userPoolItem(userPoolID: poolID, kind: .resourceServer, key: identifier) else {
            do {
                _ = try await createResourceServer(declared, context: context)
                return .created
            } catch let error as AWSServiceError where error.message.hasSuffix("already exists in user pool \(poolID).") {
                return try await declare(declared, context: context)  // another process made it
            }
        }
        let desired = StoredResourceServer(name: try declared.name.required, scopes: try Self.scopes(declared.scopes))
        guard try StoredResourceServer(record: current) != desired else { return .unchanged }
        _ = try await updateResourceServer(UpdateResourceServerRequest(userPoolId: poolID, identifier: identifier, name: declared.name,
                                                                       scopes: declared.scopes), context: context)
        return .updated
    }
}

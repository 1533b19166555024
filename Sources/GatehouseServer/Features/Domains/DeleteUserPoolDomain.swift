import AWSWire
import CognitoModel
import GatehouseStorage

extension DomainsFeature {
    /// Deletes one of the pool's domains; its name is free for any pool again.
    func deleteUserPoolDomain(_ input: DeleteUserPoolDomainRequest, context: CallContext) async throws -> DeleteUserPoolDomainResponse {
        let poolID = try input.userPoolId.required
        let name = try input.domain.required
        let found = try await domains.owned(named: name, by: poolID, context: context)
        do {
            try await storage.deleteUserPoolItem(userPoolID: poolID, kind: found.kind, key: name)
        } catch StorageError.notFound {
            throw UserPoolDomains.noSuchDomain
        }
        return DeleteUserPoolDomainResponse()
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension AppClientsFeature {
    /// Deletes one of a client's secrets; it no longer authenticates. Deleting the one the client
    /// was created with leaves DescribeUserPoolClient without a ClientSecret.
    /// - Throws: `InvalidParameterException` for the last secret; `ResourceNotFoundException` for an
    ///   unknown id (texts docs/compatibility.md).
    func deleteUserPoolClientSecret(_ input: DeleteUserPoolClientSecretRequest,
                                    context: CallContext) async throws -> DeleteUserPoolClientSecretResponse {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        let secretID = try input.clientSecretId.required
        _ = try await directory.record(poolID, context: context)
        do {
            _ = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .client, key: clientID) { record in
                var stored = try StoredUserPoolClient(record: record)
                let original = StoredUserPoolClient.secretID(clientID: clientID, created: record.creationDate)
                guard (stored.sealedSecret != nil && secretID == original) || stored.addedSecrets.contains(where: { $0.id == secretID }) else {
                    throw AWSServiceError.resourceNotFoundException("Client secret does not exist")
                }
                guard stored.secretCount > 1 else { throw AWSServiceError.invalidParameterException("Cannot delete the only client secret.") }
                if secretID == original { stored.sealedSecret = nil }
                stored.addedSecrets.removeAll { $0.id == secretID }
                record.document = stored.document()
            }
        } catch StorageError.notFound {
            throw UserPoolDirectory.clientNotFound(clientID)
        }
        return DeleteUserPoolClientSecretResponse()
    }
}

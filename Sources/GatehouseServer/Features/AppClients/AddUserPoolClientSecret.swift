import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension AppClientsFeature {
    /// Adds a secret to a client that has one, for a rotation: the one given, or a new one, whose
    /// value only then comes back. Either secret then authenticates the client.
    /// - Throws: `LimitExceededException` for a client with two; `InvalidParameterException` for a
    ///   client without a secret (texts docs/compatibility.md).
    func addUserPoolClientSecret(_ input: AddUserPoolClientSecretRequest, context: CallContext) async throws -> AddUserPoolClientSecretResponse {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        _ = try await directory.record(poolID, context: context)
        let secret = input.clientSecret ?? UserPoolClientID.generateSecret(random: random)
        let box = try await directory.clientSecrets.value()
        let now = clock.now()
        let added = StoredUserPoolClient.AddedSecret(id: StoredUserPoolClient.secretID(clientID: clientID, created: now), creationDate: now,
                                                     sealed: box.seal(secret, clientID: clientID, random: random))
        do {
            _ = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .client, key: clientID) { record in
                var stored = try StoredUserPoolClient(record: record)
                guard stored.secretCount > 0 else {
                    throw AWSServiceError.invalidParameterException("Client \(clientID) has no secret: only a client with one can add another.")
                }
                guard stored.secretCount < StoredUserPoolClient.maximumSecrets else {
                    throw AWSServiceError.limitExceededException("Client secrets cannot exceed limit of \(StoredUserPoolClient.maximumSecrets) secrets.")
                }
                stored.addedSecrets.append(added)
                record.document = stored.document()
            }
        } catch StorageError.notFound {
            throw UserPoolDirectory.clientNotFound(clientID)
        }
        return AddUserPoolClientSecretResponse(clientSecretDescriptor: ClientSecretDescriptorType(
            clientSecretId: added.id, clientSecretValue: input.clientSecret == nil ? secret : nil, clientSecretCreateDate: added.creationDate))
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension AppClientsFeature {
    /// Replaces the client's settings with the request's, every omitted one at its default except
    /// the name and TokenValidityUnits, which stay (``UserPoolClientConfiguration``). The secret
    /// never changes. LastModifiedDate becomes now.
    func updateUserPoolClient(_ input: UpdateUserPoolClientRequest, context: CallContext) async throws -> UpdateUserPoolClientResponse {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        let schema = try await directory.pool(poolID, context: context).schema
        let customScopes = try await customScopes(named: input.allowedOAuthScopes, in: poolID)
        let now = clock.now()
        let accountID = context.accountID
        let record: UserPoolItemRecord
        do {
            record = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .client, key: clientID) { record in
                var stored = try StoredUserPoolClient(record: record)
                UserPoolClientConfiguration.apply(input, to: &stored.settings, accountID: accountID, isUpdate: true)
                try UserPoolClientRules.check(stored.settings, userPoolID: poolID, schema: schema,
                                              hasSecret: stored.secretCount > 0, isUpdate: true, customScopes: customScopes)
                record.name = input.clientName ?? record.name
                record.lastModifiedDate = now
                record.document = stored.document()
            }
        } catch StorageError.notFound {
            throw UserPoolDirectory.clientNotFound(clientID)
        }
        return UpdateUserPoolClientResponse(userPoolClient: try await directory.describeClient(record))
    }
}

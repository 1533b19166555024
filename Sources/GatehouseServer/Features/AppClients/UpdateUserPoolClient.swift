import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension AppClientsFeature {
    /// Replaces the client's settings with the request's, every omitted one at its default except
    /// the name and TokenValidityUnits, which stay (``UserPoolClientConfiguration``). The secret
    /// never changes. LastModifiedDate becomes now.
    func updateUserPoolClient(_ input: UpdateUserPoolClientRequest, context: CallContext) async throws -> UpdateUserPoolClientResponse {
        let record = try await updateClient(input, context: context, touch: .always)
        return UpdateUserPoolClientResponse(userPoolClient: try await directory.describeClient(record))
    }

    /// Changes the client as UpdateUserPoolClient does; with `touch` ``UserPoolDirectory/Touch/ifChanged``
    /// nothing is written unless a setting or the name changes.
    /// - Returns: the client's record as it is afterwards.
    func updateClient(_ input: UpdateUserPoolClientRequest, context: CallContext,
                      touch: UserPoolDirectory.Touch) async throws -> UserPoolItemRecord {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        let schema = try await directory.pool(poolID, context: context).schema
        let customScopes = try await customScopes(named: input.allowedOAuthScopes, in: poolID)
        let now = clock.now()
        let accountID = context.accountID
        do {
            return try await storage.updateUserPoolItem(userPoolID: poolID, kind: .client, key: clientID) { record in
                var stored = try StoredUserPoolClient(record: record)
                let original = stored
                UserPoolClientConfiguration.apply(input, to: &stored.settings, accountID: accountID, isUpdate: true)
                try UserPoolClientRules.check(stored.settings, userPoolID: poolID, schema: schema,
                                              hasSecret: stored.secretCount > 0, isUpdate: true, customScopes: customScopes)
                let name = input.clientName ?? record.name
                guard touch == .always || stored != original || name != record.name else { return }
                record.name = name
                if touch != .never { record.lastModifiedDate = now }
                record.document = stored.document()
            }
        } catch StorageError.notFound {
            throw UserPoolDirectory.clientNotFound(clientID)
        }
    }
}

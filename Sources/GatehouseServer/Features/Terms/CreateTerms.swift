import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension TermsFeature {
    /// Gives an app client a terms document: one of each name per client.
    func createTerms(_ input: CreateTermsRequest, context: CallContext) async throws -> CreateTermsResponse {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        try StoredTerms.checkLinks(input.links)
        let pool = try await directory.pool(poolID, context: context)
        _ = try await directory.poolClient(clientID, of: pool)
        let stored = StoredTerms(termsID: random.uuid().lowercased(), clientID: clientID, termsName: try input.termsName.required,
                                 termsSource: try input.termsSource.required, enforcement: try input.enforcement.required,
                                 links: input.links ?? [:])
        let now = clock.now()
        let record = UserPoolItemRecord(userPoolID: poolID, kind: .terms, key: stored.key, name: stored.termsID, creationDate: now,
                                        lastModifiedDate: now, document: stored.document())
        do {
            try await storage.insertUserPoolItem(record)
        } catch StorageError.duplicate {
            throw Self.exists
        } catch StorageError.notFound {
            throw UserPoolDirectory.poolNotFound(poolID)
        }
        return CreateTermsResponse(terms: stored.describe(record))
    }
}

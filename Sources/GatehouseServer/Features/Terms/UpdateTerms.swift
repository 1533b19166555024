import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension TermsFeature {
    /// Changes what the request gives of a terms document and keeps the rest. A new name is stored
    /// under its own key first (refused when the client has a document of that name), then the old
    /// record removed.
    func updateTerms(_ input: UpdateTermsRequest, context: CallContext) async throws -> UpdateTermsResponse {
        let poolID = try input.userPoolId.required
        try StoredTerms.checkLinks(input.links)
        let (record, current) = try await terms(try input.termsId.required, of: poolID, context: context)
        let stored = StoredTerms(termsID: current.termsID, clientID: current.clientID, termsName: input.termsName ?? current.termsName,
                                 termsSource: input.termsSource ?? current.termsSource, enforcement: input.enforcement ?? current.enforcement,
                                 links: input.links ?? current.links)
        let now = clock.now()
        if stored.key == record.key {
            do {
                let updated = try await storage.updateUserPoolItem(userPoolID: poolID, kind: .terms, key: record.key) { record in
                    record.document = stored.document()
                    record.lastModifiedDate = now
                }
                return UpdateTermsResponse(terms: stored.describe(updated))
            } catch StorageError.notFound {
                throw Self.notFound(stored.termsID)
            }
        }
        let renamed = UserPoolItemRecord(userPoolID: poolID, kind: .terms, key: stored.key, name: stored.termsID,
                                         creationDate: record.creationDate, lastModifiedDate: now, document: stored.document())
        do {
            try await storage.insertUserPoolItem(renamed)
        } catch StorageError.duplicate {
            throw Self.exists
        }
        do {
            try await storage.deleteUserPoolItem(userPoolID: poolID, kind: .terms, key: record.key)
        } catch StorageError.notFound {
            // Deleted meanwhile by another call.
        }
        return UpdateTermsResponse(terms: stored.describe(renamed))
    }
}

import CognitoModel
import GatehouseCore

extension TermsFeature {
    /// The pool's terms documents, by client and name, MaxResults (60 when omitted) at a time.
    func listTerms(_ input: ListTermsRequest, context: CallContext) async throws -> ListTermsResponse {
        let poolID = try input.userPoolId.required
        let page = try await items.page(.terms, of: poolID, list: "ListTerms", nextToken: input.nextToken, limit: input.maxResults ?? 60,
                                        context: context)
        return ListTermsResponse(terms: try page.items.map { record in
            let stored = try StoredTerms(record: record)
            return TermsDescriptionType(termsId: stored.termsID, termsName: stored.termsName, enforcement: stored.enforcement,
                                        creationDate: record.creationDate, lastModifiedDate: record.lastModifiedDate)
        }, nextToken: page.nextToken)
    }
}

import AWSWire
import CognitoModel

extension TermsFeature {
    func deleteTerms(_ input: DeleteTermsRequest, context: CallContext) async throws -> EmptyOutput {
        let poolID = try input.userPoolId.required
        let termsID = try input.termsId.required
        let (record, _) = try await terms(termsID, of: poolID, context: context)
        try await items.delete(.terms, record.key, of: poolID, context: context, missing: Self.notFound(termsID))
        return EmptyOutput()
    }
}

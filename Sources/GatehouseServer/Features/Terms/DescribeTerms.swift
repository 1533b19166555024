import CognitoModel

extension TermsFeature {
    func describeTerms(_ input: DescribeTermsRequest, context: CallContext) async throws -> DescribeTermsResponse {
        let (record, stored) = try await terms(try input.termsId.required, of: try input.userPoolId.required, context: context)
        return DescribeTermsResponse(terms: stored.describe(record))
    }
}

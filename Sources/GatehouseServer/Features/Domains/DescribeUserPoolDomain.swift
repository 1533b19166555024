import CognitoModel
import GatehouseCore

extension DomainsFeature {
    /// The domain, prefix or custom, of a pool of the request's region; an empty DomainDescription
    /// (not an error) when there is none.
    func describeUserPoolDomain(_ input: DescribeUserPoolDomainRequest, context: CallContext) async throws -> DescribeUserPoolDomainResponse {
        let name = try input.domain.required
        guard let record = try await domains.record(named: name), UserPoolID.region(of: record.userPoolID) == context.region else {
            return DescribeUserPoolDomainResponse(domainDescription: DomainDescriptionType())
        }
        let description = try StoredUserPoolDomain(record: record).describe(record, accountID: context.accountID)
        return DescribeUserPoolDomainResponse(domainDescription: description)
    }
}

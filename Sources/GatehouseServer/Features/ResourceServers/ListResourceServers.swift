import AWSWire
import CognitoModel
import GatehouseCore

extension ResourceServersFeature {
    /// The pool's resource servers in identifier order, MaxResults at a time.
    /// - Throws: without MaxResults, the validation error Cognito answers for its default of 0.
    func listResourceServers(_ input: ListResourceServersRequest, context: CallContext) async throws -> ListResourceServersResponse {
        let poolID = try input.userPoolId.required
        guard let limit = input.maxResults else {
            throw AWSServiceError.invalidParameterException(
                "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1")
        }
        let page = try await items.page(.resourceServer, of: poolID, list: "ListResourceServers", nextToken: input.nextToken, limit: limit,
                                        context: context)
        return ListResourceServersResponse(resourceServers: try page.items.map { try StoredResourceServer(record: $0).describe($0) },
                                           nextToken: page.nextToken)
    }
}

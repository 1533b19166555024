import CognitoModel
import GatehouseCore

extension ResourceServersFeature {
    /// One resource server of the pool.
    func describeResourceServer(_ input: DescribeResourceServerRequest, context: CallContext) async throws -> DescribeResourceServerResponse {
        let identifier = try input.identifier.required
        let record = try await items.record(.resourceServer, identifier, of: try input.userPoolId.required, context: context,
                                            missing: Self.notFound(identifier))
        return DescribeResourceServerResponse(resourceServer: try StoredResourceServer(record: record).describe(record))
    }
}

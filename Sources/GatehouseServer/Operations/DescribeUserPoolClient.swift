import CognitoModel

extension Gatehouse {
    func describeUserPoolClient(_ input: DescribeUserPoolClientRequest, context: CallContext) async throws -> DescribeUserPoolClientResponse {
        let clientID = try input.clientId.required
        let record = try await userPoolItem(.client, clientID, of: try input.userPoolId.required, context: context,
                                            missing: Self.clientNotFound(clientID))
        return DescribeUserPoolClientResponse(userPoolClient: try await describeClient(record))
    }
}

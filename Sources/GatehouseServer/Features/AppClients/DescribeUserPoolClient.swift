import CognitoModel

extension AppClientsFeature {
    func describeUserPoolClient(_ input: DescribeUserPoolClientRequest, context: CallContext) async throws -> DescribeUserPoolClientResponse {
        let clientID = try input.clientId.required
        let record = try await items.record(.client, clientID, of: try input.userPoolId.required, context: context,
                                              missing: UserPoolDirectory.clientNotFound(clientID))
        return DescribeUserPoolClientResponse(userPoolClient: try await directory.describeClient(record))
    }
}

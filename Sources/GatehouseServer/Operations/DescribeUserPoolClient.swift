import CognitoModel

extension Gatehouse {
    func describeUserPoolClient(_ input: DescribeUserPoolClientRequest, context: CallContext) async throws -> DescribeUserPoolClientResponse {
        let record = try await userPoolClientRecord(try input.clientId.required, of: try input.userPoolId.required, context: context)
        return DescribeUserPoolClientResponse(userPoolClient: try await describeClient(record))
    }
}

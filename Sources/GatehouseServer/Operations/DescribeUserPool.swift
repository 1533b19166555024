import CognitoModel
import GatehouseCore

extension Gatehouse {
    func describeUserPool(_ input: DescribeUserPoolRequest, context: CallContext) async throws -> DescribeUserPoolResponse {
        let record = try await userPoolRecord(try input.userPoolId.required, context: context)
        return DescribeUserPoolResponse(userPool: try describe(record))
    }
}

import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// The pool, with EstimatedNumberOfUsers counted at the time of the call.
    func describeUserPool(_ input: DescribeUserPoolRequest, context: CallContext) async throws -> DescribeUserPoolResponse {
        let record = try await userPoolRecord(try input.userPoolId.required, context: context)
        var pool = try describe(record)
        pool.estimatedNumberOfUsers = try await storage.userCount(userPoolID: record.id)
        return DescribeUserPoolResponse(userPool: pool)
    }
}

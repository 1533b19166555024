import CognitoModel
import GatehouseCore

extension UserPoolsFeature {
    /// The pool, with EstimatedNumberOfUsers counted at the time of the call and its Domain and
    /// CustomDomain as they are at that time.
    func describeUserPool(_ input: DescribeUserPoolRequest, context: CallContext) async throws -> DescribeUserPoolResponse {
        let record = try await directory.record(try input.userPoolId.required, context: context)
        var pool = try directory.describe(record)
        pool.estimatedNumberOfUsers = try await storage.userCount(userPoolID: record.id)
        if try directory.entry(record).stored.mayHaveDomain {
            pool.domain = try await domains.domain(of: record.id, kind: .domain)?.key
            pool.customDomain = try await domains.domain(of: record.id, kind: .customDomain)?.key
        }
        return DescribeUserPoolResponse(userPool: pool)
    }
}

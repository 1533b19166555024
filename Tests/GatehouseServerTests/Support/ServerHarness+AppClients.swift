import Foundation

/// App clients for the tests that need one.
extension ServerHarness.Client {
    func createClient(_ pool: String, _ name: String, _ extra: [String: Any] = [:]) async throws -> [String: Any] {
        let output = try await ok("CreateUserPoolClient", extra.merging(["UserPoolId": pool, "ClientName": name]) { a, _ in a })
        return output["UserPoolClient"] as? [String: Any] ?? [:]
    }

    func describeClient(_ pool: String, _ id: String) async throws -> [String: Any] {
        try await ok("DescribeUserPoolClient", ["UserPoolId": pool, "ClientId": id])["UserPoolClient"] as? [String: Any] ?? [:]
    }
}

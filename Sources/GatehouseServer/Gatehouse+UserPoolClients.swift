import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// The client with this id in the pool, as the request's region sees it.
    /// - Throws: `ResourceNotFoundException` for the pool first (missing, or of another region), then for the client.
    func userPoolClientRecord(_ clientID: String, of userPoolID: String, context: CallContext) async throws -> UserPoolItemRecord {
        _ = try await userPoolRecord(userPoolID, context: context)
        guard let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: .client, key: clientID) else {
            throw Self.clientNotFound(clientID)
        }
        return record
    }

    /// The client as DescribeUserPoolClient shows it, secret included.
    func describeClient(_ record: UserPoolItemRecord) async throws -> UserPoolClientType {
        try StoredUserPoolClient(record: record).describe(record, box: try await clientSecrets.value())
    }

    /// The pool's attributes, which a client's ReadAttributes and WriteAttributes may name.
    func schema(of pool: UserPoolRecord) throws -> [SchemaAttributeType] {
        try describe(pool).schemaAttributes ?? []
    }

    static func clientNotFound(_ clientID: String) -> AWSServiceError {
        .resourceNotFoundException("User pool client \(clientID) does not exist.")
    }
}

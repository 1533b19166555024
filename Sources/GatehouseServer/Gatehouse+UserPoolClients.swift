import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
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

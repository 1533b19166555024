import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a resource server in its record's document (a ``UserPoolItemRecord`` of
/// kind ``UserPoolItemKind/resourceServer``, keyed by its Identifier): its Name and Scopes, in the
/// order given.
public struct StoredResourceServer: Sendable, Equatable {
    public var name: String
    public var scopes: [ResourceServerScopeType]

    public init(name: String, scopes: [ResourceServerScopeType]) {
        self.name = name
        self.scopes = scopes
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            let server = try AWSJSON.decode(ResourceServerType.self, from: record.document)
            self.init(name: server.name ?? record.name, scopes: server.scopes ?? [])
        } catch {
            throw .internalError
        }
    }

    /// The document to store.
    public func document() -> Data {
        Data(AWSJSON.encode(ResourceServerType(name: name, scopes: scopes)))
    }

    /// The resource server as DescribeResourceServer returns it, this document being the one of
    /// `record`: without Scopes when it has none (as Cognito leaves out empty lists, docs/compatibility.md).
    public func describe(_ record: UserPoolItemRecord) -> ResourceServerType {
        ResourceServerType(userPoolId: record.userPoolID, identifier: record.key, name: name, scopes: scopes.isEmpty ? nil : scopes)
    }

    /// The custom scopes it defines, as clients and tokens name them: `<identifier>/<scope name>`.
    public static func scopes(of record: UserPoolItemRecord) throws(AWSServiceError) -> [String] {
        try StoredResourceServer(record: record).scopes.compactMap { $0.scopeName.map { "\(record.key)/\($0)" } }
    }
}

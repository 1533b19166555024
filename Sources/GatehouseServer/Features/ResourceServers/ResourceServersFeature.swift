import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// A pool's resource servers: the custom scopes (`<identifier>/<scope>`) its app clients may be
/// allowed and its OAuth tokens carry.
struct ResourceServersFeature: Sendable {
    let directory: UserPoolDirectory
    let items: UserPoolItems
    /// Resource servers.
    let storage: any Storage
    let clock: Clock

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.CreateResourceServer.self, createResourceServer)
        registry.register(Operations.DescribeResourceServer.self, describeResourceServer)
        registry.register(Operations.ListResourceServers.self, listResourceServers)
        registry.register(Operations.UpdateResourceServer.self, updateResourceServer)
        registry.register(Operations.DeleteResourceServer.self, deleteResourceServer)
    }

    /// What an unknown identifier answers (moto's words: Cognito's are not known, docs/compatibility.md).
    static func notFound(_ identifier: String) -> AWSServiceError {
        .resourceNotFoundException("Resource server \(identifier) does not exist.")
    }

    /// The scopes as the request gives them, each name once.
    /// - Throws: `InvalidParameterException` for a name given twice (ours).
    static func scopes(_ given: [ResourceServerScopeType]?) throws(AWSServiceError) -> [ResourceServerScopeType] {
        let scopes = given ?? []
        var seen = Set<String>()
        for scope in scopes where !seen.insert(scope.scopeName ?? "").inserted {
            throw .invalidParameterException("Duplicate scope name \(scope.scopeName ?? "") in the resource server's scopes.")
        }
        return scopes
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// A pool's app clients: their settings, secrets and the flows they allow.
struct AppClientsFeature: Sendable {
    let directory: UserPoolDirectory
    let items: UserPoolItems
    /// Where new and changed clients are written.
    let storage: any Storage
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.CreateUserPoolClient.self, createUserPoolClient)
        registry.register(Operations.DescribeUserPoolClient.self, describeUserPoolClient)
        registry.register(Operations.UpdateUserPoolClient.self, updateUserPoolClient)
        registry.register(Operations.DeleteUserPoolClient.self, deleteUserPoolClient)
        registry.register(Operations.ListUserPoolClients.self, listUserPoolClients)
        registry.register(Operations.AddUserPoolClientSecret.self, addUserPoolClientSecret)
        registry.register(Operations.ListUserPoolClientSecrets.self, listUserPoolClientSecrets)
        registry.register(Operations.DeleteUserPoolClientSecret.self, deleteUserPoolClientSecret)
    }

    /// The custom scopes the pool's resource servers define, read only when `scopes` (a client's
    /// AllowedOAuthScopes) names one that is not standard.
    func customScopes(named scopes: [String]?, in userPoolID: String) async throws -> Set<String> {
        guard scopes?.contains(where: { !UserPoolClientRules.standardScopes.contains($0) }) == true else { return [] }
        var defined = Set<String>()
        var after: String?
        repeat {
            let page = try await storage.userPoolItems(userPoolID: userPoolID, kind: .resourceServer, after: after, limit: 60)
            for record in page.items { defined.formUnion(try StoredResourceServer.scopes(of: record)) }
            after = page.nextCursor
        } while after != nil
        return defined
    }
}

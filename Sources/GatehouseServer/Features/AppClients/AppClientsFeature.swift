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
    }
}

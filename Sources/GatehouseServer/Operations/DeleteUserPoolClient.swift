import AWSWire
import CognitoModel
import GatehouseStorage

extension Gatehouse {
    func deleteUserPoolClient(_ input: DeleteUserPoolClientRequest, context: CallContext) async throws -> EmptyOutput {
        let poolID = try input.userPoolId.required
        let clientID = try input.clientId.required
        _ = try await userPoolRecord(poolID, context: context)
        do {
            try await storage.deleteUserPoolItem(userPoolID: poolID, kind: .client, key: clientID)
        } catch StorageError.notFound {
            throw Self.clientNotFound(clientID)
        }
        return EmptyOutput()
    }
}

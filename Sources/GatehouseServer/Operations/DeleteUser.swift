import AWSWire
import CognitoModel
import GatehouseStorage

extension Gatehouse {
    /// The signed-in user deletes itself; its tokens stop working with it.
    func deleteUser(_ input: DeleteUserRequest, context: CallContext) async throws -> EmptyOutput {
        let (_, _, record, _) = try await accessTokenUser(try input.accessToken.required)
        do {
            try await storage.deleteUser(userPoolID: record.userPoolID, key: record.key)
        } catch StorageError.notFound {
            throw Self.userNotFound
        }
        return EmptyOutput()
    }
}

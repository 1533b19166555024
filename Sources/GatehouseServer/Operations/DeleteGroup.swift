import AWSWire
import CognitoModel
import GatehouseStorage

extension Gatehouse {
    func deleteGroup(_ input: DeleteGroupRequest, context: CallContext) async throws -> EmptyOutput {
        let poolID = try input.userPoolId.required
        let name = try input.groupName.required
        _ = try await userPoolRecord(poolID, context: context)
        do {
            try await storage.deleteUserPoolItem(userPoolID: poolID, kind: .group, key: name)
        } catch StorageError.notFound {
            throw Self.groupNotFound
        }
        return EmptyOutput()
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension GroupsFeature {
    /// Creates a group; its name is unique in the pool, compared case-sensitively.
    func createGroup(_ input: CreateGroupRequest, context: CallContext) async throws -> CreateGroupResponse {
        let poolID = try input.userPoolId.required
        let name = try input.groupName.required
        _ = try await directory.record(poolID, context: context)
        let stored = StoredGroup(description: input.description, roleArn: input.roleArn, precedence: input.precedence)
        let now = clock.now()
        let record = UserPoolItemRecord(userPoolID: poolID, kind: .group, key: name, name: name, creationDate: now,
                                        lastModifiedDate: now, document: stored.document())
        do {
            try await storage.insertUserPoolItem(record)
        } catch StorageError.duplicate {
            throw AWSServiceError.groupExistsException("A group with the name already exists.")
        } catch StorageError.notFound {
            throw UserPoolDirectory.poolNotFound(poolID)
        }
        return CreateGroupResponse(group: stored.describe(record))
    }
}

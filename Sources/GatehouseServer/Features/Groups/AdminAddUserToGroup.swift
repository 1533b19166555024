import AWSWire
import CognitoModel
import GatehouseStorage

extension GroupsFeature {
    /// Adds a user to a group; a member already stays one.
    func adminAddUserToGroup(_ input: AdminAddUserToGroupRequest, context: CallContext) async throws -> EmptyOutput {
        let (user, groupName) = try await userAndGroup(poolID: try input.userPoolId.required, username: try input.username.required,
                                                       groupName: try input.groupName.required, context: context)
        do {
            try await storage.addUserToGroup(userPoolID: user.userPoolID, groupName: groupName, userKey: user.key)
        } catch StorageError.notFound {
            throw Self.groupNotFound
        }
        return EmptyOutput()
    }

    /// The user and the group a membership call names.
    /// - Throws: `ResourceNotFoundException` for the pool, `UserNotFoundException`, then
    ///   `ResourceNotFoundException` "Group not found.".
    func userAndGroup(poolID: String, username: String, groupName: String,
                      context: CallContext) async throws -> (user: UserRecord, groupName: String) {
        let pool = try await directory.pool(poolID, context: context)
        let user = try await users.record(named: username, in: pool)
        guard try await storage.userPoolItem(userPoolID: poolID, kind: .group, key: groupName) != nil else { throw Self.groupNotFound }
        return (user, groupName)
    }
}

import AWSWire
import CognitoModel

extension GroupsFeature {
    /// Removes a user from a group; a user that is not a member is no error.
    func adminRemoveUserFromGroup(_ input: AdminRemoveUserFromGroupRequest, context: CallContext) async throws -> EmptyOutput {
        let (user, groupName) = try await userAndGroup(poolID: try input.userPoolId.required, username: try input.username.required,
                                                       groupName: try input.groupName.required, context: context)
        try await storage.removeUserFromGroup(userPoolID: user.userPoolID, groupName: groupName, userKey: user.key)
        return EmptyOutput()
    }
}

import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// A pool's groups and their members.
struct GroupsFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let items: UserPoolItems
    /// Groups and memberships.
    let storage: any Storage
    let pages: ListPages
    let clock: Clock

    static let groupNotFound = AWSServiceError.resourceNotFoundException("Group not found.")

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.CreateGroup.self, createGroup)
        registry.register(Operations.GetGroup.self, getGroup)
        registry.register(Operations.UpdateGroup.self, updateGroup)
        registry.register(Operations.DeleteGroup.self, deleteGroup)
        registry.register(Operations.ListGroups.self, listGroups)
        registry.register(Operations.AdminAddUserToGroup.self, adminAddUserToGroup)
        registry.register(Operations.AdminRemoveUserFromGroup.self, adminRemoveUserFromGroup)
        registry.register(Operations.AdminListGroupsForUser.self, adminListGroupsForUser)
        registry.register(Operations.ListUsersInGroup.self, listUsersInGroup)
    }
}

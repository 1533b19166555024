import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// User pools themselves: creating, describing, changing, listing and deleting them, their custom
/// attributes and their tags.
struct UserPoolsFeature: Sendable {
    let directory: UserPoolDirectory
    let domains: UserPoolDomains
    /// Where pools are created, listed, counted and deleted.
    let storage: any Storage
    let pages: ListPages
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.CreateUserPool.self, createUserPool)
        registry.register(Operations.DescribeUserPool.self, describeUserPool)
        registry.register(Operations.UpdateUserPool.self, updateUserPool)
        registry.register(Operations.DeleteUserPool.self, deleteUserPool)
        registry.register(Operations.ListUserPools.self, listUserPools)
        registry.register(Operations.AddCustomAttributes.self, addCustomAttributes)
        registry.register(Operations.TagResource.self, tagResource)
        registry.register(Operations.UntagResource.self, untagResource)
        registry.register(Operations.ListTagsForResource.self, listTagsForResource)
    }
}

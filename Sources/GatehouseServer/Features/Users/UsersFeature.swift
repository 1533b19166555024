import AWSWire
import CognitoModel
import GatehouseCore

/// A pool's users: administrators create, read, change, disable and delete them (Admin… calls,
/// ListUsers); a signed-in user reads and changes itself with its access token (GetUser,
/// UpdateUserAttributes, DeleteUser, …) and verifies its email or phone number.
struct UsersFeature: Sendable {
    let directory: UserPoolDirectory
    let users: UserDirectory
    let accessTokens: AccessTokens
    let codes: CodeIssuer
    let messenger: Messenger
    let triggers: Triggers
    let pages: ListPages
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.AdminCreateUser.self, adminCreateUser)
        registry.register(Operations.AdminGetUser.self, adminGetUser)
        registry.register(Operations.AdminDeleteUser.self, adminDeleteUser)
        registry.register(Operations.AdminDisableUser.self, adminDisableUser)
        registry.register(Operations.AdminEnableUser.self, adminEnableUser)
        registry.register(Operations.AdminUpdateUserAttributes.self, adminUpdateUserAttributes)
        registry.register(Operations.AdminDeleteUserAttributes.self, adminDeleteUserAttributes)
        registry.register(Operations.ListUsers.self, listUsers)
        registry.register(Operations.GetUser.self, getUser)
        registry.register(Operations.UpdateUserAttributes.self, updateUserAttributes)
        registry.register(Operations.DeleteUser.self, deleteUser)
        registry.register(Operations.DeleteUserAttributes.self, deleteUserAttributes)
        registry.register(Operations.VerifyUserAttribute.self, verifyUserAttribute)
        registry.register(Operations.GetUserAttributeVerificationCode.self, getUserAttributeVerificationCode)
    }
}

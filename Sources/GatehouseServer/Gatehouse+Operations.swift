import CognitoModel

extension Gatehouse {
    /// The operations Gatehouse implements. Every other operation of the model answers
    /// `NotImplementedException`; the README's compatibility table is checked against this list.
    public var operations: OperationRegistry {
        var registry = OperationRegistry()
        registry.register(Operations.AddCustomAttributes.self, addCustomAttributes)
        registry.register(Operations.AdminConfirmSignUp.self, adminConfirmSignUp)
        registry.register(Operations.AdminCreateUser.self, adminCreateUser)
        registry.register(Operations.AdminDeleteUser.self, adminDeleteUser)
        registry.register(Operations.AdminDeleteUserAttributes.self, adminDeleteUserAttributes)
        registry.register(Operations.AdminDisableUser.self, adminDisableUser)
        registry.register(Operations.AdminEnableUser.self, adminEnableUser)
        registry.register(Operations.AdminGetUser.self, adminGetUser)
        registry.register(Operations.AdminResetUserPassword.self, adminResetUserPassword)
        registry.register(Operations.AdminSetUserPassword.self, adminSetUserPassword)
        registry.register(Operations.AdminUpdateUserAttributes.self, adminUpdateUserAttributes)
        registry.register(Operations.ConfirmForgotPassword.self, confirmForgotPassword)
        registry.register(Operations.ConfirmSignUp.self, confirmSignUp)
        registry.register(Operations.CreateGroup.self, createGroup)
        registry.register(Operations.CreateUserPool.self, createUserPool)
        registry.register(Operations.CreateUserPoolClient.self, createUserPoolClient)
        registry.register(Operations.DeleteGroup.self, deleteGroup)
        registry.register(Operations.DeleteUserPool.self, deleteUserPool)
        registry.register(Operations.DeleteUserPoolClient.self, deleteUserPoolClient)
        registry.register(Operations.DescribeUserPool.self, describeUserPool)
        registry.register(Operations.DescribeUserPoolClient.self, describeUserPoolClient)
        registry.register(Operations.ForgotPassword.self, forgotPassword)
        registry.register(Operations.GetGroup.self, getGroup)
        registry.register(Operations.GetUserPoolMfaConfig.self, getUserPoolMfaConfig)
        registry.register(Operations.ListGroups.self, listGroups)
        registry.register(Operations.ListTagsForResource.self, listTagsForResource)
        registry.register(Operations.ListUserPoolClients.self, listUserPoolClients)
        registry.register(Operations.ListUserPools.self, listUserPools)
        registry.register(Operations.ListUsers.self, listUsers)
        registry.register(Operations.ResendConfirmationCode.self, resendConfirmationCode)
        registry.register(Operations.SetUserPoolMfaConfig.self, setUserPoolMfaConfig)
        registry.register(Operations.SignUp.self, signUp)
        registry.register(Operations.TagResource.self, tagResource)
        registry.register(Operations.UntagResource.self, untagResource)
        registry.register(Operations.UpdateGroup.self, updateGroup)
        registry.register(Operations.UpdateUserPool.self, updateUserPool)
        registry.register(Operations.UpdateUserPoolClient.self, updateUserPoolClient)
        return registry
    }
}

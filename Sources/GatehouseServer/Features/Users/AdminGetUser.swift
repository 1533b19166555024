import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// The user as an administrator sees it, developer-only attributes included. Without MFA
    /// settings there are no MFA keys at all (docs/cognito-notes.md §5.2).
    func adminGetUser(_ input: AdminGetUserRequest, context: CallContext) async throws -> AdminGetUserResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let record = try await users.record(named: try input.username.required, in: pool)
        let user = try StoredUser(record: record)
        let mfa = user.mfaSettingList
        return AdminGetUserResponse(username: user.username, userAttributes: user.attributes, userCreateDate: record.creationDate,
                                    userLastModifiedDate: record.lastModifiedDate, enabled: user.enabled, userStatus: user.status,
                                    mfaOptions: user.mfaOptions.isEmpty ? nil : user.mfaOptions, preferredMfaSetting: mfa.preferred,
                                    userMFASettingList: mfa.list)
    }
}

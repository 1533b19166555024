import Foundation

/// Cognito's request rate quotas: each operation's category and the category's default rate,
/// in requests per second for a whole account and region (docs/evidence/quotas.md), for the
/// operations of this service's model. Operations the Developer Guide puts in no category have no quota.
public enum RequestQuotaCategory: String, CaseIterable, Sendable {
    case userAuthentication = "UserAuthentication"
    case userCreation = "UserCreation"
    case userAccountRecovery = "UserAccountRecovery"
    case userRead = "UserRead"
    case userUpdate = "UserUpdate"
    case userToken = "UserToken"
    case userResourceRead = "UserResourceRead"
    case userResourceUpdate = "UserResourceUpdate"
    case userList = "UserList"
    case userPoolRead = "UserPoolRead"
    case userPoolUpdate = "UserPoolUpdate"
    case userPoolResourceRead = "UserPoolResourceRead"
    case userPoolResourceUpdate = "UserPoolResourceUpdate"
    case userPoolClientRead = "UserPoolClientRead"
    case userPoolClientUpdate = "UserPoolClientUpdate"

    /// Cognito's default quota, in requests per second.
    public var cognitoDefault: Double {
        switch self {
        case .userAuthentication, .userRead, .userToken: 120
        case .userCreation, .userResourceRead: 50
        case .userAccountRecovery, .userList: 30
        case .userUpdate, .userResourceUpdate: 25
        case .userPoolResourceRead: 20
        case .userPoolRead, .userPoolUpdate, .userPoolResourceUpdate, .userPoolClientRead, .userPoolClientUpdate: 15
        }
    }

    /// The operations the category counts.
    var operations: [String] {
        switch self {
        case .userAuthentication:
            ["InitiateAuth", "AdminInitiateAuth", "RespondToAuthChallenge", "AdminRespondToAuthChallenge", "GetTokensFromRefreshToken"]
        case .userCreation: ["SignUp", "ConfirmSignUp", "AdminCreateUser", "AdminConfirmSignUp"]
        case .userAccountRecovery:
            ["ChangePassword", "ConfirmForgotPassword", "ForgotPassword", "AdminResetUserPassword", "AdminSetUserPassword"]
        case .userRead: ["AdminGetUser", "GetUser"]
        case .userUpdate:
            ["AdminAddUserToGroup", "AdminDeleteUserAttributes", "AdminUpdateUserAttributes", "AdminDeleteUser", "AdminDisableUser",
             "AdminEnableUser", "AdminLinkProviderForUser", "AdminDisableProviderForUser", "VerifyUserAttribute", "DeleteUser",
             "DeleteUserAttributes", "UpdateUserAttributes", "AdminUserGlobalSignOut", "GlobalSignOut", "AdminRemoveUserFromGroup"]
        case .userToken: ["RevokeToken"]
        case .userResourceRead:
            ["AdminGetDevice", "AdminListGroupsForUser", "AdminListDevices", "GetDevice", "ListDevices", "GetUserAttributeVerificationCode",
             "ResendConfirmationCode", "AdminListUserAuthEvents"]
        case .userResourceUpdate:
            ["AdminForgetDevice", "AdminUpdateAuthEventFeedback", "AdminSetUserMFAPreference", "AdminSetUserSettings",
             "AdminUpdateDeviceStatus", "UpdateDeviceStatus", "UpdateAuthEventFeedback", "ConfirmDevice", "SetUserMFAPreference",
             "SetUserSettings", "VerifySoftwareToken", "AssociateSoftwareToken", "ForgetDevice"]
        case .userList: ["ListUsers", "ListUsersInGroup"]
        case .userPoolRead: ["DescribeUserPool", "ListUserPools"]
        case .userPoolUpdate: ["CreateUserPool", "UpdateUserPool", "DeleteUserPool"]
        case .userPoolResourceRead:
            ["DescribeIdentityProvider", "DescribeResourceServer", "DescribeUserImportJob", "DescribeUserPoolDomain", "GetCSVHeader",
             "GetGroup", "GetSigningCertificate", "GetIdentityProviderByIdentifier", "GetUserPoolMfaConfig", "ListGroups",
             "ListIdentityProviders", "ListResourceServers", "ListTagsForResource", "ListUserImportJobs", "DescribeRiskConfiguration",
             "GetUICustomization", "DescribeManagedLoginBranding", "DescribeManagedLoginBrandingByClient"]
        case .userPoolResourceUpdate:
            ["AddCustomAttributes", "CreateGroup", "CreateIdentityProvider", "CreateResourceServer", "CreateUserImportJob",
             "CreateUserPoolDomain", "DeleteGroup", "DeleteIdentityProvider", "DeleteResourceServer", "DeleteUserPoolDomain",
             "SetUserPoolMfaConfig", "StartUserImportJob", "StopUserImportJob", "UpdateGroup", "UpdateIdentityProvider",
             "UpdateResourceServer", "UpdateUserPoolDomain", "SetRiskConfiguration", "SetUICustomization", "TagResource", "UntagResource",
             "CreateManagedLoginBranding", "UpdateManagedLoginBranding", "DeleteManagedLoginBranding"]
        case .userPoolClientRead: ["DescribeUserPoolClient", "ListUserPoolClients"]
        case .userPoolClientUpdate: ["CreateUserPoolClient", "DeleteUserPoolClient", "UpdateUserPoolClient"]
        }
    }

    private static let byOperation: [String: RequestQuotaCategory] = Dictionary(
        uniqueKeysWithValues: allCases.flatMap { category in category.operations.map { ($0, category) } })

    /// The category of the operation named `operation`, or `nil` for one in none.
    public static func of(operation: String) -> RequestQuotaCategory? {
        byOperation[operation]
    }
}

/// Request rates held to quotas: a token bucket per category, refilled at the category's rate
/// and holding at most a second's worth, so a quiet category takes one second's burst at once.
public struct RequestRateLimiter: Sendable {
    private let rates: [RequestQuotaCategory: Double]
    private var buckets: [RequestQuotaCategory: (tokens: Double, at: Date)] = [:]

    /// - Parameter rates: requests per second by category; a category without one is not limited.
    public init(rates: [RequestQuotaCategory: Double]) {
        self.rates = rates
    }

    /// Whether a request of `category` at `now` is within its quota; if so, it is counted.
    public mutating func admit(_ category: RequestQuotaCategory, now: Date) -> Bool {
        guard let rate = rates[category] else { return true }
        let bucket = buckets[category] ?? (tokens: rate, at: now)
        let tokens = min(rate, bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * rate)
        guard tokens >= 1 else {
            buckets[category] = (tokens, now)
            return false
        }
        buckets[category] = (tokens - 1, now)
        return true
    }
}

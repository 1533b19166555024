import AWSWire
import CognitoModel
import DeclaredState
import Foundation
import GatehouseCore
import Logging

/// Applies a declared state (`gatehouse serve --bootstrap`, `gatehouse apply`): each pool it names
/// (with its MFA configuration), its resource servers, clients, domain, UI customization, groups
/// and users, created with their declared ids or brought to the declared settings, through the
/// same rules as the API's calls. What it does not name is left alone. Applying the same state
/// again writes nothing.
struct DeclaredStateFeature: Sendable {
    let userPools: UserPoolsFeature
    let resourceServers: ResourceServersFeature
    let appClients: AppClientsFeature
    let domains: DomainsFeature
    let branding: BrandingFeature
    let groups: GroupsFeature
    let users: UsersFeature
    let passwords: PasswordsFeature
    let accountID: String

    /// One part and what applying it did.
    struct AppliedPart: Sendable {
        let path: String
        let change: DeclaredChange
    }

    /// The operations an apply may call on each pool, which an access key's policy must allow.
    static let actions = [
        "CreateUserPool", "UpdateUserPool", "AddCustomAttributes", "SetUserPoolMfaConfig", "CreateResourceServer", "UpdateResourceServer",
        "CreateUserPoolClient", "UpdateUserPoolClient", "CreateUserPoolDomain", "UpdateUserPoolDomain", "SetUICustomization",
        "CreateGroup", "UpdateGroup", "AdminCreateUser", "AdminSetUserPassword", "AdminUpdateUserAttributes", "AdminEnableUser",
        "AdminDisableUser", "AdminAddUserToGroup", "AdminRemoveUserFromGroup",
    ]

    /// Applies `state`, part after part: a pool, its resource servers (whose scopes its clients may
    /// name), clients, domain, UI customization (which needs the domain), groups, users (who may be
    /// in the groups). Parts applied before a failure stay applied; applying the corrected document
    /// completes the rest.
    /// - Throws: ``DeclarationError`` naming the part that failed and Cognito's error.
    func apply(_ state: DeclaredState, logger: Logger) async throws(DeclarationError) -> [AppliedPart] {
        var applied: [AppliedPart] = []
        for pool in state.userPools {
            let context = CallContext(region: pool.region, accountID: accountID, requestID: UUID().uuidString, logger: logger)
            /// Runs one part's step, its errors named by the part's path.
            func step(_ path: String, _ body: () async throws -> DeclaredChange) async throws(DeclarationError) {
                do {
                    applied.append(AppliedPart(path: path, change: try await body()))
                } catch let error as AWSServiceError {
                    throw DeclarationError(path: path, message: "\(error.type): \(error.message)")
                } catch let error as DeclarationError {
                    throw error
                } catch {
                    throw DeclarationError(path: path, message: "\(error)")
                }
            }
            try await step(pool.path) { try await userPools.declare(pool, context: context) }
            for server in pool.resourceServers {
                try await step(server.path) { try await resourceServers.declare(server.settings, context: context) }
            }
            for client in pool.clients {
                try await step(client.path) { try await appClients.declare(client, context: context) }
            }
            if let domain = pool.domain {
                try await step(pool.path + ".Domain") { try await domains.declare(domain, context: context) }
            }
            if let customization = pool.uiCustomization {
                try await step(pool.path + ".UICustomization") { try await branding.declare(customization, context: context) }
            }
            for group in pool.groups {
                try await step(group.path) { try await groups.declare(group.settings, context: context) }
            }
            for user in pool.users {
                try await step(user.path) { try await declare(user, context: context) }
            }
        }
        return applied
    }

    /// Creates the declared user (no invitation is sent) with its password and status, or brings an
    /// existing one's declared attributes, enabled state and groups to the declaration. A password
    /// and a status are set only when the user is created.
    func declare(_ user: DeclaredUser, context: CallContext) async throws -> DeclaredChange {
        let poolID = try user.settings.userPoolId.required
        let username = try user.settings.username.required
        let current: AdminGetUserResponse
        do {
            current = try await users.adminGetUser(AdminGetUserRequest(userPoolId: poolID, username: username), context: context)
        } catch let error as AWSServiceError where error.type == "UserNotFoundException" {
            var create = user.settings
            create.messageAction = .suppress
            do {
                _ = try await users.adminCreateUser(create, context: context)
            } catch let error as AWSServiceError where error.type == "UsernameExistsException" {
                return try await declare(user, context: context)  // another process made it
            }
            if let password = user.password {
                _ = try await passwords.adminSetUserPassword(
                    AdminSetUserPasswordRequest(userPoolId: poolID, username: username, password: password, permanent: true), context: context)
            }
            if user.status == .unconfirmed {
                try await users.setUnconfirmed(username, in: poolID, context: context)
            }
            if !user.enabled {
                _ = try await users.adminDisableUser(AdminDisableUserRequest(userPoolId: poolID, username: username), context: context)
            }
            for group in user.groups ?? [] {
                _ = try await groups.adminAddUserToGroup(
                    AdminAddUserToGroupRequest(userPoolId: poolID, username: username, groupName: group), context: context)
            }
            return .created
        }
        var changed = false
        let values = Dictionary((current.userAttributes ?? []).map { ($0.name ?? "", $0.value) }, uniquingKeysWith: { first, _ in first })
        let differing = (user.settings.userAttributes ?? []).filter { values[$0.name ?? ""] != .some($0.value) }
        if !differing.isEmpty {
            _ = try await users.adminUpdateUserAttributes(
                AdminUpdateUserAttributesRequest(userPoolId: poolID, username: username, userAttributes: differing), context: context)
            changed = true
        }
        if current.enabled != user.enabled {
            if user.enabled {
                _ = try await users.adminEnableUser(AdminEnableUserRequest(userPoolId: poolID, username: username), context: context)
            } else {
                _ = try await users.adminDisableUser(AdminDisableUserRequest(userPoolId: poolID, username: username), context: context)
            }
            changed = true
        }
        if let declaredGroups = user.groups {
            let currentGroups = try await groupNames(of: username, in: poolID, context: context)
            for group in declaredGroups where !currentGroups.contains(group) {
                _ = try await groups.adminAddUserToGroup(
                    AdminAddUserToGroupRequest(userPoolId: poolID, username: username, groupName: group), context: context)
                changed = true
            }
            for group in currentGroups where !declaredGroups.contains(group) {
                _ = try await groups.adminRemoveUserFromGroup(
                    AdminRemoveUserFromGroupRequest(userPoolId: poolID, username: username, groupName: group), context: context)
                changed = true
            }
        }
        return changed ? .updated : .unchanged
    }

    /// The names of every group the user is in.
    func groupNames(of username: String, in poolID: String, context: CallContext) async throws -> Set<String> {
        var names: Set<String> = []
        var token: String?
        repeat {
            let page = try await groups.adminListGroupsForUser(
                AdminListGroupsForUserRequest(username: username, userPoolId: poolID, limit: 60, nextToken: token), context: context)
            names.formUnion((page.groups ?? []).compactMap(\.groupName))
            token = page.nextToken
        } while token != nil
        return names
    }
}

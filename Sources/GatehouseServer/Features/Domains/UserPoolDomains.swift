import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// The pools' domains, prefix and custom: which pool has a name, and whether a pool has one
/// (DescribeUserPool, DeleteUserPool and CONFIRM_WITH_LINK sign-ups ask).
struct UserPoolDomains: Sendable {
    let storage: any Storage

    /// Cognito's answer to a change of a domain the pool does not have, or of a pool that does not exist.
    static let noSuchDomain = AWSServiceError.invalidParameterException("No such domain or user pool exists.")

    /// The domain record named `name`, prefix or custom, of whichever pool has it; `nil` when none has.
    func record(named name: String) async throws -> UserPoolItemRecord? {
        if let prefix = try await storage.userPoolItem(kind: .domain, key: name) { return prefix }
        return try await storage.userPoolItem(kind: .customDomain, key: name)
    }

    /// The pool's domain record named `name` (prefix or custom).
    /// - Throws: ``noSuchDomain`` when the pool (as the request's region sees it) has no such domain.
    func owned(named name: String, by userPoolID: String, context: CallContext) async throws -> UserPoolItemRecord {
        guard UserPoolID.region(of: userPoolID) == context.region,
              let record = try await record(named: name), record.userPoolID == userPoolID else {
            throw Self.noSuchDomain
        }
        return record
    }

    /// The pool's domain of one kind (``UserPoolItemKind/domain`` or ``UserPoolItemKind/customDomain``), or `nil`.
    func domain(of userPoolID: String, kind: UserPoolItemKind) async throws -> UserPoolItemRecord? {
        try await storage.userPoolItems(userPoolID: userPoolID, kind: kind, after: nil, limit: 1).items.first
    }

    /// Whether the pool has a domain of either kind.
    func hasDomain(_ userPoolID: String) async throws -> Bool {
        for kind in [UserPoolItemKind.domain, .customDomain] where try await domain(of: userPoolID, kind: kind) != nil {
            return true
        }
        return false
    }

    /// Whether the pool has a domain to send CONFIRM_WITH_LINK sign-up links from; `false`, without
    /// reading the store, when the pool does not send links.
    func hasLinkDomain(_ pool: UserPool) async throws -> Bool {
        guard CodeDestination.sendsLinks(pool.settings) else { return false }
        return try await hasDomain(pool.id)
    }
}

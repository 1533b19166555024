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

    /// The pool's prefix domain, else its custom domain, or `nil` when it has neither.
    func domain(of userPoolID: String) async throws -> UserPoolItemRecord? {
        if let prefix = try await domain(of: userPoolID, kind: .domain) { return prefix }
        return try await domain(of: userPoolID, kind: .customDomain)
    }

    /// Whether the pool has a domain of either kind.
    func hasDomain(_ userPoolID: String) async throws -> Bool {
        try await domain(of: userPoolID) != nil
    }

    /// Where the pool's domain (``domain(of:)``) answers, or `nil` without one.
    func url(of pool: UserPool, addressing: DomainAddressing) async throws -> String? {
        try await domain(of: pool.id).map { addressing.url(of: $0.key, region: pool.region) }
    }

    /// Whether the pool has a domain to send CONFIRM_WITH_LINK sign-up links from; `false`, without
    /// reading the store, when the pool does not send links.
    func hasLinkDomain(_ pool: UserPool) async throws -> Bool {
        guard CodeDestination.sendsLinks(pool.settings) else { return false }
        return try await hasDomain(pool.id)
    }
}

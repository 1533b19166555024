import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension Gatehouse {
    /// The domain record named `name`, prefix or custom, of whichever pool has it; `nil` when none has.
    func userPoolDomainRecord(named name: String) async throws -> UserPoolItemRecord? {
        if let prefix = try await storage.userPoolItem(kind: .domain, key: name) { return prefix }
        return try await storage.userPoolItem(kind: .customDomain, key: name)
    }

    /// The pool's domain of one kind (``UserPoolItemKind/domain`` or ``UserPoolItemKind/customDomain``), or `nil`.
    func userPoolDomain(of userPoolID: String, kind: UserPoolItemKind) async throws -> UserPoolItemRecord? {
        try await storage.userPoolItems(userPoolID: userPoolID, kind: kind, after: nil, limit: 1).items.first
    }

    /// Cognito's answer to a change of a domain the pool does not have, or of a pool that does not exist.
    static let noSuchDomain = AWSServiceError.invalidParameterException("No such domain or user pool exists.")

    /// The pool's domain record named `name` (prefix or custom).
    /// - Throws: ``noSuchDomain`` when the pool (as the request's region sees it) has no such domain.
    func userPoolDomain(named name: String, of userPoolID: String, context: CallContext) async throws -> UserPoolItemRecord {
        guard UserPoolID.region(of: userPoolID) == context.region,
              let record = try await userPoolDomainRecord(named: name), record.userPoolID == userPoolID else {
            throw Self.noSuchDomain
        }
        return record
    }

    /// Sets the pool's ``StoredUserPool/mayHaveDomain`` unless `record` shows it set; to be done
    /// before a domain of the pool is stored. The pool's LastModifiedDate stays.
    /// - Throws: `ResourceNotFoundException` when the pool does not exist.
    func markMayHaveDomain(_ record: UserPoolRecord) async throws {
        guard try !pools.decoded(record).stored.mayHaveDomain else { return }
        let pools = pools
        do {
            _ = try await storage.updateUserPool(id: record.id) { record in
                var stored = try pools.decoded(record).stored
                stored.mayHaveDomain = true
                stored.store(in: &record)
                pools.remember(stored, as: record)
            }
        } catch StorageError.notFound {
            throw Self.poolNotFound(record.id)
        }
    }

    /// Whether the pool has a domain of either kind.
    func hasUserPoolDomain(_ userPoolID: String) async throws -> Bool {
        for kind in [UserPoolItemKind.domain, .customDomain] where try await userPoolDomain(of: userPoolID, kind: kind) != nil {
            return true
        }
        return false
    }

    /// Whether the pool has a domain to send CONFIRM_WITH_LINK sign-up links from; `false`, without
    /// reading the store, when the pool does not send links.
    func hasLinkDomain(_ pool: UserPoolType) async throws -> Bool {
        guard CodeDestination.sendsLinks(pool), let id = pool.id else { return false }
        return try await hasUserPoolDomain(id)
    }

    /// What CreateUserPoolDomain and UpdateUserPoolDomain answer as CloudFrontDomain for a custom
    /// domain: the host the domain's DNS record should point at, Gatehouse itself.
    var customDomainTarget: String {
        URLComponents(string: issuerBaseURL)?.host ?? issuerBaseURL
    }
}

import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// A pool's domains, where its hosted pages and sign-up links are served: one prefix domain and
/// one custom domain at most, each name held by one pool.
struct DomainsFeature: Sendable {
    let directory: UserPoolDirectory
    let domains: UserPoolDomains
    /// Where domain records are written.
    let storage: any Storage
    let clock: Clock
    /// What CreateUserPoolDomain and UpdateUserPoolDomain answer as CloudFrontDomain for a custom
    /// domain: the host the domain's DNS record should point at, Gatehouse itself.
    let customDomainTarget: String

    init(directory: UserPoolDirectory, domains: UserPoolDomains, storage: any Storage, clock: Clock, issuerBaseURL: String) {
        self.directory = directory
        self.domains = domains
        self.storage = storage
        self.clock = clock
        customDomainTarget = URLComponents(string: issuerBaseURL)?.host ?? issuerBaseURL
    }

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.CreateUserPoolDomain.self, createUserPoolDomain)
        registry.register(Operations.DescribeUserPoolDomain.self, describeUserPoolDomain)
        registry.register(Operations.UpdateUserPoolDomain.self, updateUserPoolDomain)
        registry.register(Operations.DeleteUserPoolDomain.self, deleteUserPoolDomain)
    }

    /// Sets the pool's ``StoredUserPool/mayHaveDomain`` (the document is rewritten only when it was
    /// not set); to be done before a domain of the pool is stored. The pool's LastModifiedDate stays.
    /// - Throws: `ResourceNotFoundException` when the pool does not exist or is of another region.
    func markMayHaveDomain(_ userPoolID: String, context: CallContext) async throws {
        try await directory.update(userPoolID, context: context, touch: .never) { stored, _ in stored.mayHaveDomain = true }
    }
}

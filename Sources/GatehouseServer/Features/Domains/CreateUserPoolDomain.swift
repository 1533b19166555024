import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension DomainsFeature {
    /// Gives the pool a prefix domain, or with CustomDomainConfig a custom domain. A domain belongs to
    /// one pool, and a pool has at most one of each.
    func createUserPoolDomain(_ input: CreateUserPoolDomainRequest, context: CallContext) async throws -> CreateUserPoolDomainResponse {
        let poolID = try input.userPoolId.required
        let name = try input.domain.required
        let stored = try StoredUserPoolDomain(managedLoginVersion: input.managedLoginVersion, customDomainConfig: input.customDomainConfig)
        if stored.kind == .domain { try StoredUserPoolDomain.checkPrefix(name) }
        try await markMayHaveDomain(poolID, context: context)
        let now = clock.now()
        let record = UserPoolItemRecord(userPoolID: poolID, kind: stored.kind, key: name, name: name, creationDate: now,
                                        lastModifiedDate: now, document: stored.document())
        do {
            try await storage.insertUserPoolItem(record)
        } catch StorageError.duplicate {
            // Another pool holds the name, or this pool has a domain of this kind.
            if let holder = try await domains.record(named: name), holder.userPoolID != poolID {
                throw AWSServiceError.invalidParameterException("Domain already associated with another user pool.")
            }
            throw AWSServiceError.invalidParameterException("User pool already has a domain configured.")
        } catch StorageError.notFound {
            throw UserPoolDirectory.poolNotFound(poolID)
        }
        return CreateUserPoolDomainResponse(managedLoginVersion: stored.managedLoginVersion,
                                            cloudFrontDomain: stored.kind == .customDomain ? customDomainTarget : nil)
    }
}

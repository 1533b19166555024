import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

extension DomainsFeature {
    /// Changes the ManagedLoginVersion of one of the pool's domains and, for a custom domain, its
    /// certificate; what the request leaves out stays as it was.
    func updateUserPoolDomain(_ input: UpdateUserPoolDomainRequest, context: CallContext) async throws -> UpdateUserPoolDomainResponse {
        let poolID = try input.userPoolId.required
        let name = try input.domain.required
        let found = try await domains.owned(named: name, by: poolID, context: context)
        if found.kind == .domain, input.customDomainConfig != nil {
            throw AWSServiceError.invalidParameterException("CustomDomainConfig applies to custom domains only.")
        }
        let changed = try StoredUserPoolDomain(record: found).updated(managedLoginVersion: input.managedLoginVersion,
                                                                     customDomainConfig: input.customDomainConfig)
        let now = clock.now()
        do {
            _ = try await storage.updateUserPoolItem(userPoolID: poolID, kind: found.kind, key: name) { record in
                record.document = changed.document()
                record.lastModifiedDate = now
            }
        } catch StorageError.notFound {
            throw UserPoolDomains.noSuchDomain
        }
        return UpdateUserPoolDomainResponse(managedLoginVersion: changed.managedLoginVersion,
                                            cloudFrontDomain: found.kind == .customDomain ? customDomainTarget : nil)
    }
}

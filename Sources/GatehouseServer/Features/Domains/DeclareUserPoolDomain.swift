import AWSWire
import CognitoModel
import GatehouseCore

extension DomainsFeature {
    /// Gives the pool the declared domain, or the domain it has the declared ManagedLoginVersion
    /// and certificate. Nothing is written when nothing differs.
    /// - Throws: what CreateUserPoolDomain or UpdateUserPoolDomain throw (a pool that has another
    ///   domain of the kind: "User pool already has a domain configured.").
    func declare(_ declared: CreateUserPoolDomainRequest, context: CallContext) async throws -> DeclaredChange {
        let poolID = try declared.userPoolId.required
        let name = try declared.domain.required
        guard let current = try await domains.record(named: name), current.userPoolID == poolID else {
            do {
                _ = try await createUserPoolDomain(declared, context: context)
                return .created
            } catch let error as AWSServiceError {
                // Another process applying the same state may have made it meanwhile.
                guard try await domains.record(named: name)?.userPoolID == poolID else { throw error }
                return try await declare(declared, context: context)
            }
        }
        let desired = try StoredUserPoolDomain(managedLoginVersion: declared.managedLoginVersion, customDomainConfig: declared.customDomainConfig)
        guard try StoredUserPoolDomain(record: current) != desired else { return .unchanged }
        _ = try await updateUserPoolDomain(UpdateUserPoolDomainRequest(domain: declared.domain, userPoolId: poolID,
                                                                       managedLoginVersion: desired.managedLoginVersion,
                                                                       customDomainConfig: declared.customDomainConfig), context: context)
        return .updated
    }
}

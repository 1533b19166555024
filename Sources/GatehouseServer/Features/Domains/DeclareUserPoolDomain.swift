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
        guard let current = try await domains.record(named: try declared.domain.required), current.userPoolID == poolID else {
            _ = try await createUserPoolDomain(declared, context: context)
            return .created
        }
        let desired = try StoredUserPoolDomain(managedLoginVersion: declared.managedLoginVersion, customDomainConfig: declared.customDomainConfig)
        guard try StoredUserPoolDomain(record: current) != desired else { return .unchanged }
        _ = try await updateUserPoolDomain(UpdateUserPoolDomainRequest(domain: declared.domain, userPoolId: poolID,
                                                                       managedLoginVersion: desired.managedLoginVersion,
                                                                       customDomainConfig: declared.customDomainConfig), context: context)
        return .updated
    }
}

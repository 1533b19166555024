import AWSWire
import GatehouseCore

extension SignUpFeature {
    /// What following a sign-up link (`GET /confirmUser`) does: confirms the user as ConfirmSignUp
    /// does for the app client, without SecretHash (a link cannot carry one).
    /// - Throws: `ResourceNotFoundException` for an unknown client;
    ///   ``CodeDestination/missingDomain`` when the client's pool has no domain to serve the link;
    ///   what ``confirm(named:code:client:forceAliasCreation:)`` throws.
    func confirmUser(clientID: String, username: String, code: String) async throws {
        let client = try await directory.appClient(clientID)
        guard try await domains.hasDomain(client.pool.id) else { throw CodeDestination.missingDomain }
        try await confirm(named: username, code: code, client: client, forceAliasCreation: false, clientMetadata: nil)
    }
}

import AWSWire
import Foundation
import GatehouseCore

extension Gatehouse {
    /// The characters a query value keeps as they are (RFC 3986's unreserved ones); the others are
    /// percent-encoded.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// The address a CONFIRM_WITH_LINK email links to: `GET /confirmUser` of this server (at the
    /// issuer base URL) with the query Cognito's hosted UI takes, in its order.
    func confirmUserURL(clientID: String, username: String, code: String) -> String {
        let query = [("client_id", clientID), ("user_name", username), ("confirmation_code", code)]
            .map { "\($0)=\($1.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? $1)" }
        return "\(issuerBaseURL)/confirmUser?\(query.joined(separator: "&"))"
    }

    /// What following a sign-up link does: confirms the user as ConfirmSignUp does for the app
    /// client, without SecretHash (a link cannot carry one), for a client of any region.
    /// - Throws: `ResourceNotFoundException` for an unknown client;
    ///   ``CodeDestination/missingDomain`` when the client's pool has no domain to serve the link; what ``confirmSignUp(named:code:client:pool:forceAliasCreation:)`` throws.
    func confirmUser(clientID: String, username: String, code: String) async throws {
        let (client, pool) = try await appClient(clientID)
        guard let id = pool.id, try await hasUserPoolDomain(id) else { throw CodeDestination.missingDomain }
        try await confirmSignUp(named: username, code: code, client: client, pool: pool, forceAliasCreation: false)
    }
}

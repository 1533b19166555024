import Foundation

/// How a request to the token or revocation endpoint names its app client: HTTP Basic
/// (`client_secret_basic`) or `client_id` and `client_secret` in the body (`client_secret_post`).
public struct ClientCredentials: Sendable, Equatable {
    public var clientID: String
    public var secret: String?

    public init(clientID: String, secret: String?) {
        self.clientID = clientID
        self.secret = secret
    }

    /// The credentials of a request with the `Authorization` header `authorization` and the body `form`.
    /// - Returns: `nil` (`invalid_client`) for a Basic header that is not base64 of `id:secret`, a
    ///   body `client_id` other than Basic's, or no client named at all.
    public static func of(authorization: String?, form: FormFields) -> ClientCredentials? {
        let bodyID = form.nonEmpty("client_id")
        guard let authorization else {
            return bodyID.map { ClientCredentials(clientID: $0, secret: form["client_secret"]) }
        }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", let decoded = Data(base64Encoded: String(parts[1])),
              let pair = String(data: decoded, encoding: .utf8), let colon = pair.firstIndex(of: ":") else { return nil }
        let id = String(pair[..<colon]), secret = String(pair[pair.index(after: colon)...])
        guard !id.isEmpty, bodyID == nil || bodyID == id else { return nil }
        return ClientCredentials(clientID: id, secret: secret)
    }
}

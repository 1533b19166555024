import AWSWire
import Crypto
import Foundation

/// The SecretHash that calls from an app client with a secret carry: Base64 of HMAC-SHA256 keyed
/// with the client secret over the username followed by the client id.
public enum SecretHash {
    public static func compute(username: String, clientID: String, clientSecret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data((username + clientID).utf8), using: SymmetricKey(data: Data(clientSecret.utf8)))
        return Data(code).base64EncodedString()
    }

    /// Checks the SecretHash of a call from `client` about `username`, made with any of the
    /// client's secrets (two during a rotation); a client without a secret needs none (one sent
    /// anyway is ignored, docs/compatibility.md).
    /// - Throws: `NotAuthorizedException` when it is missing or wrong, in Cognito's words.
    public static func check(_ secretHash: String?, username: String, clientID: String, clientSecrets: [String]) throws(AWSServiceError) {
        try check(secretHash, anyOf: [username], clientID: clientID, clientSecrets: clientSecrets)
    }

    /// ``check(_:username:clientID:clientSecrets:)`` for a call whose user goes by several names
    /// (a refresh: username or sub), any of which the hash may be of.
    public static func check(_ secretHash: String?, anyOf usernames: [String], clientID: String,
                             clientSecrets: [String]) throws(AWSServiceError) {
        guard !clientSecrets.isEmpty else { return }
        guard let secretHash else {
            throw .notAuthorizedException("Client \(clientID) is configured with secret but SECRET_HASH was not received")
        }
        let matches = clientSecrets.contains { clientSecret in
            usernames.contains { username in
                ConstantTime.matches(secretHash, compute(username: username, clientID: clientID, clientSecret: clientSecret))
            }
        }
        guard matches else { throw .notAuthorizedException("Unable to verify secret hash for client \(clientID)") }
    }
}

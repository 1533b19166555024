import AWSWire
import CognitoModel
import GatehouseCore

/// An app client and its pool, as the calls that name the client (SignUp, InitiateAuth, …) act on them.
struct AppClient: Sendable {
    /// The client as DescribeUserPoolClient shows it, its secret opened.
    let settings: UserPoolClientType
    /// Every secret the client has, opened: a call's SECRET_HASH or ClientSecret may be made with
    /// any (two during a rotation); none for a public client.
    let secrets: [String]
    let pool: UserPool

    /// Whether `secret` is one of the client's, compared in constant time; any is, for a client without one.
    func accepts(secret: String?) -> Bool {
        secrets.isEmpty || secrets.contains { ConstantTime.matches(secret, $0) }
    }

    var id: String { settings.clientId ?? "" }

    /// Whether the client hides which users exist (PreventUserExistenceErrors ENABLED).
    var hidesUsers: Bool { settings.preventUserExistenceErrors == .enabled }

    /// What the calls an app makes without IAM credentials answer for a user that does not exist,
    /// when the client does not hide users.
    static let userNotFound = AWSServiceError.userNotFoundException("Username/client id combination not found.")

    /// A stored client decoded and its secrets opened: what ``UserPoolDirectory`` keeps per client document.
    struct Opened: Sendable {
        let stored: StoredUserPoolClient
        let secrets: [String]
    }
}

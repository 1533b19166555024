import AWSWire
import CognitoModel
import GatehouseCore

/// An app client and its pool, as the calls that name the client (SignUp, InitiateAuth, …) act on them.
struct AppClient: Sendable {
    /// The client as DescribeUserPoolClient shows it, its secret opened.
    let settings: UserPoolClientType
    let pool: UserPool

    var id: String { settings.clientId ?? "" }

    /// Whether the client hides which users exist (PreventUserExistenceErrors ENABLED).
    var hidesUsers: Bool { settings.preventUserExistenceErrors == .enabled }

    /// What the calls an app makes without IAM credentials answer for a user that does not exist,
    /// when the client does not hide users.
    static let userNotFound = AWSServiceError.userNotFoundException("Username/client id combination not found.")
}

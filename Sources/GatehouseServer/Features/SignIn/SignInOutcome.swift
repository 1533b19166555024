import CognitoModel
import Foundation
import GatehouseStorage

/// What InitiateAuth, AdminInitiateAuth and the challenge answers return: a challenge with its
/// session and parameters, or tokens; a sign-in on the managed login pages ends signed in instead.
struct SignInOutcome: Sendable {
    var challengeName: ChallengeNameType?
    var session: String?
    var challengeParameters: [String: String]?
    var authenticationResult: AuthenticationResultType?
    var managedLogin: ManagedLoginSignIn?
}

/// A user who has answered every challenge on the managed login pages, after PostAuthentication:
/// what an authorization code or implicit tokens are made from.
struct ManagedLoginSignIn: Sendable {
    let record: UserRecord
    let username: String
    /// When the password was proven.
    let authTime: Date
}

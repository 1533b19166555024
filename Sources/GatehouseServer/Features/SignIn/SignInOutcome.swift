import CognitoModel

/// What InitiateAuth, AdminInitiateAuth and the challenge answers return: a challenge with its
/// session and parameters, or tokens.
struct SignInOutcome: Sendable {
    var challengeName: ChallengeNameType?
    var session: String?
    var challengeParameters: [String: String]?
    var authenticationResult: AuthenticationResultType?
}

import AWSWire
import CognitoModel
import Foundation

/// Sign-in's decisions that need no I/O: which flows an operation takes and an app client allows,
/// and whether a user may sign in, before and after the password is proven. The next challenge is
/// ``SignInMachine``'s, the MFA that applies ``SignInMfa``'s.
public enum SignInRules {
    /// The flows InitiateAuth takes.
    public static let initiateAuthFlows: [AuthFlowType] = [.userSrpAuth, .userPasswordAuth, .customAuth, .refreshTokenAuth, .refreshToken]
    /// The flows AdminInitiateAuth takes.
    public static let adminInitiateAuthFlows: [AuthFlowType] = [.userSrpAuth, .adminUserPasswordAuth, .adminNoSrpAuth, .customAuth,
                                                                .refreshTokenAuth, .refreshToken]

    /// Checks that a sign-in operation takes `flow`.
    /// - Throws: `InvalidParameterException` "Initiate Auth method not supported." for a flow of
    ///   the other operation (ADMIN_ flows on InitiateAuth, USER_PASSWORD_AUTH on AdminInitiateAuth);
    ///   `NotImplementedException` for USER_AUTH, which Gatehouse does not run yet.
    public static func checkSupported(_ flow: AuthFlowType, among supported: [AuthFlowType]) throws(AWSServiceError) {
        if flow == .userAuth {
            throw AWSServiceError(type: "NotImplementedException", message: "Gatehouse does not implement the \(flow.rawValue) flow yet.",
                                  status: 400)
        }
        guard supported.contains(flow) else { throw .invalidParameterException("Initiate Auth method not supported.") }
    }

    /// Checks that the client allows `flow`, by the ExplicitAuthFlows value that allows it: its
    /// ALLOW_ value, or its legacy value for clients set up with those (which always allow SRP and
    /// refresh).
    /// - Throws: `InvalidParameterException` "Auth flow not enabled for this client" (admin flows)
    ///   or "<FLOW> flow not enabled for this client".
    public static func checkFlowEnabled(_ flow: AuthFlowType, for client: UserPoolClientType) throws(AWSServiceError) {
        let flows = Set(UserPoolClientConfiguration.effectiveExplicitAuthFlows(client))
        let legacy = !flows.contains { $0.rawValue.hasPrefix("ALLOW_") }
        let admin = flow == .adminUserPasswordAuth || flow == .adminNoSrpAuth
        let enabled = switch flow {
        case .userSrpAuth: flows.contains(.allowUserSrpAuth) || legacy
        case .refreshTokenAuth, .refreshToken: flows.contains(.allowRefreshTokenAuth) || legacy
        case .userPasswordAuth: flows.contains(.allowUserPasswordAuth) || flows.contains(.userPasswordAuth)
        case .adminUserPasswordAuth, .adminNoSrpAuth: flows.contains(.allowAdminUserPasswordAuth) || flows.contains(.adminNoSrpAuth)
        case .customAuth: flows.contains(.allowCustomAuth) || flows.contains(.customAuthFlowOnly)
        default: false
        }
        guard !enabled else { return }
        throw .invalidParameterException(admin ? "Auth flow not enabled for this client" : "\(flow.rawValue) flow not enabled for this client")
    }

    /// What refuses `user` before any password is looked at: disabled, locked out after wrong
    /// passwords, or a password an administrator reset; `nil` when nothing does.
    public static func refusalBeforePassword(_ user: StoredUser, now: Date) -> SignInRefusal? {
        if !user.enabled { return .userDisabled }
        if user.signInFailures.lockedUntil(now: now) != nil { return .passwordAttemptsExceeded }
        if user.status == .resetRequired { return .passwordResetRequired }
        return nil
    }

    /// Decides a password attempt on `user` at `now` whose password `matches` or not, as one step
    /// of the update that holds the user: refuses what ``refusalBeforePassword(_:now:)`` refuses
    /// (the attempt does not count), counts a wrong password, and then refuses what
    /// ``refusalAfterPassword(_:now:)`` refuses.
    public static func passwordAttempt(_ user: inout StoredUser, matches: (StoredUser) -> Bool, now: Date) -> SignInRefusal? {
        if let refusal = refusalBeforePassword(user, now: now) { return refusal }
        guard matches(user) else {
            user.signInFailures.record(at: now)
            return .incorrectPassword
        }
        return refusalAfterPassword(user, now: now)
    }

    /// Decides a custom challenge's answer on `user` at `now` before it is checked, as one step of
    /// the update that holds the user (VerifyAuthChallengeResponse, a Lambda function, checks it
    /// after): refuses it while the user's wrong custom answers lock the user out (the lockout's
    /// schedule, counted apart from passwords), and otherwise counts it as wrong until
    /// ``uncountCustomAnswer(_:)`` takes that back. So answers at once see each other.
    public static func customAnswerAttempt(_ user: inout StoredUser, now: Date) -> SignInRefusal? {
        if user.customChallengeFailures.lockedUntil(now: now) != nil { return .passwordAttemptsExceeded }
        user.customChallengeFailures.record(at: now)
        return nil
    }

    /// The custom answer counted by ``customAnswerAttempt(_:now:)`` was right, or was never checked:
    /// it no longer counts.
    public static func uncountCustomAnswer(_ user: inout StoredUser) {
        user.customChallengeFailures.forgetLatest()
    }

    /// What refuses `user` once the password is proven: a temporary password past its expiry, an
    /// unconfirmed user; `nil` when nothing does.
    public static func refusalAfterPassword(_ user: StoredUser, now: Date) -> SignInRefusal? {
        if user.status == .forceChangePassword, let expiry = user.temporaryPasswordExpiry, expiry <= now { return .temporaryPasswordExpired }
        if user.status == .unconfirmed { return .userNotConfirmed }
        return nil
    }

    /// How long a challenge's session lasts: the client's AuthSessionValidity (minutes, 3 by default).
    public static func sessionLifetime(_ client: UserPoolClientType) -> TimeInterval {
        TimeInterval((client.authSessionValidity ?? UserPoolClientConfiguration.defaultAuthSessionValidity) * 60)
    }
}

import CognitoModel

/// The order of a sign-in's steps once the user has proven the password, as a pure function of
/// what has happened and of the user: Gatehouse's operations feed it events and do what it answers.
/// A user with a temporary password (FORCE_CHANGE_PASSWORD) must set a new one first
/// (NEW_PASSWORD_REQUIRED); then tokens are issued.
public enum SignInMachine {
    /// What just happened in the sign-in.
    public enum Event: Sendable, Equatable {
        /// The password was proven: in the clear (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) or
        /// by SRP's PASSWORD_VERIFIER.
        case passwordVerified
        /// The answer to NEW_PASSWORD_REQUIRED set a new password.
        case newPasswordSet
    }

    /// What the sign-in does next.
    public enum Step: Sendable, Equatable {
        /// Answer with this challenge and a session for it.
        case challenge(ChallengeNameType)
        /// Issue tokens: the sign-in is complete.
        case issueTokens
    }

    /// The step after `event` for a user whose status is `status`.
    public static func next(after event: Event, status: UserStatusType) -> Step {
        switch event {
        case .passwordVerified where status == .forceChangePassword: .challenge(.newPasswordRequired)
        case .passwordVerified, .newPasswordSet: .issueTokens
        }
    }
}

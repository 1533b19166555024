import AWSWire

/// Why a sign-in is refused on the user's account alone, whatever the flow: each case is one of
/// Cognito's errors (``error``).
public enum SignInRefusal: Error, Sendable, Equatable {
    /// AdminDisableUser turned the user off.
    case userDisabled
    /// Too many wrong passwords in a row: locked out for now (``SignInFailures``).
    case passwordAttemptsExceeded
    /// AdminResetUserPassword requires a new password, set with a code (RESET_REQUIRED).
    case passwordResetRequired
    /// The temporary password of a FORCE_CHANGE_PASSWORD user is past its validity.
    case temporaryPasswordExpired
    /// The user signed up and never confirmed.
    case userNotConfirmed
    /// A wrong password, or a user the app client hides.
    case incorrectPassword

    /// Cognito's error for the refusal.
    public var error: AWSServiceError {
        switch self {
        case .userDisabled: .notAuthorizedException("User is disabled.")
        case .passwordAttemptsExceeded: .notAuthorizedException("Password attempts exceeded")
        case .passwordResetRequired: .passwordResetRequiredException("Password reset required for the user")
        case .temporaryPasswordExpired: .notAuthorizedException("Temporary password has expired and must be reset by an administrator.")
        case .userNotConfirmed: .userNotConfirmedException("User is not confirmed.")
        case .incorrectPassword: .notAuthorizedException("Incorrect username or password.")
        }
    }
}

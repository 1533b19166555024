import AWSWire
import CognitoModel

/// A pool's PasswordPolicy as Cognito enforces it on every path that sets a password.
public struct PasswordPolicy: Sendable, Equatable {
    public var minimumLength: Int
    public var requireLowercase: Bool
    public var requireUppercase: Bool
    public var requireNumbers: Bool
    public var requireSymbols: Bool
    /// How many previous passwords a new one may not repeat (0: none).
    public var passwordHistorySize: Int
    /// How long a temporary password signs in.
    public var temporaryPasswordValidityDays: Int

    /// The characters Cognito counts as symbols: the developer guide's list and the space.
    public static let symbols = Set("^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ".unicodeScalars)

    /// The policy of a pool; what the pool omits takes Cognito's defaults (8 characters, every
    /// class, 7 days).
    public init(_ policy: PasswordPolicyType?) {
        minimumLength = policy?.minimumLength ?? 8
        requireLowercase = policy?.requireLowercase ?? true
        requireUppercase = policy?.requireUppercase ?? true
        requireNumbers = policy?.requireNumbers ?? true
        requireSymbols = policy?.requireSymbols ?? true
        passwordHistorySize = policy?.passwordHistorySize ?? 0
        temporaryPasswordValidityDays = policy?.temporaryPasswordValidityDays ?? 7
    }

    /// The first rule `password` breaks, as Cognito words it, checking in Cognito's order: length,
    /// lowercase, uppercase, numeric, symbol. Length counts UTF-16 code units, as Java does
    /// (docs/compatibility.md). `nil` when it conforms.
    public func violation(by password: String) -> String? {
        let scalars = password.unicodeScalars
        if password.utf16.count < minimumLength { return "Password not long enough" }
        if requireLowercase, !scalars.contains(where: { ("a"..."z").contains($0) }) { return "Password must have lowercase characters" }
        if requireUppercase, !scalars.contains(where: { ("A"..."Z").contains($0) }) { return "Password must have uppercase characters" }
        if requireNumbers, !scalars.contains(where: { ("0"..."9").contains($0) }) { return "Password must have numeric characters" }
        if requireSymbols, !scalars.contains(where: Self.symbols.contains) { return "Password must have symbol characters" }
        return nil
    }

    /// How an InvalidPasswordException begins; Cognito words it differently by operation
    /// (docs/evidence/users.md).
    public enum Wording: String, Sendable {
        /// SignUp.
        case signUp = "Password did not conform with policy: "
        /// AdminCreateUser's TemporaryPassword.
        case temporaryPassword = "Password did not conform with password policy: "
        /// A new password: ConfirmForgotPassword, ChangePassword, NEW_PASSWORD_REQUIRED,
        /// AdminSetUserPassword (the last unconfirmed; docs/compatibility.md).
        case newPassword = "Password does not conform to policy: "
    }

    /// Checks `password` against the policy.
    /// - Throws: `InvalidPasswordException` with the first reason, after the operation's wording.
    public func check(_ password: String, wording: Wording) throws(AWSServiceError) {
        if let reason = violation(by: password) {
            throw .invalidPasswordException(wording.rawValue + reason)
        }
    }

    /// A temporary password that conforms: at least 12 characters (more when the policy asks),
    /// one of each class and the rest letters and digits, in random order (docs/compatibility.md).
    public func temporaryPassword(random: RandomSource) -> String {
        let letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        var characters = Array(random.string(1, from: "abcdefghijkmnopqrstuvwxyz") + random.string(1, from: "ABCDEFGHJKLMNPQRSTUVWXYZ")
                               + random.string(1, from: "23456789") + random.string(1, from: "^$*.[]{}()?!@#%&/,><:;|_~=+-"))
        characters += random.string(max(minimumLength, 12) - characters.count, from: letters)
        for index in characters.indices.reversed() where index > 0 {
            characters.swapAt(index, random.integer(below: index + 1))
        }
        return String(characters)
    }
}

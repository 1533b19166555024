import AWSWire
import Crypto
import Foundation

/// Makes and checks the codes Cognito sends users (sign-up confirmation, password reset). A code
/// is six random digits; the user keeps only an HMAC-SHA256 of it under a server-wide key, bound to
/// the user's sub and the code's purpose, so the stored digest of a six-digit code does not give
/// it away to someone who reads the database.
public struct VerificationCodes: Sendable {
    /// Never mutated, so safe to share; swift-crypto does not mark it Sendable.
    private nonisolated(unsafe) let key: SymmetricKey

    /// - Parameter key: 32 bytes.
    public init(key: Data) {
        self.key = SymmetricKey(data: key)
    }

    /// A fresh six-digit code.
    public static func newCode(random: RandomSource) -> String {
        String(format: "%06d", random.integer(below: 1_000_000))
    }

    /// Ten digits that stand for a phone number of a user `name` of the pool `userPoolID` that
    /// does not exist (``CodeDestination/simulated(_:name:digits:pool:)``): always the same for
    /// that name, and unknowable without the key.
    public func simulatedPhoneDigits(name: String, userPoolID: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("simulated-phone:\(userPoolID):\(name)".utf8), using: key)
        return String(mac.prefix(10).map { Character(String($0 % 10)) })
    }

    /// The id of the `slot`-th mark that counts the codes of `purpose` "sent" to the user `name` of
    /// the pool `userPoolID` that does not exist: unknowable without the key, so the store does not
    /// hold the names asked for.
    public func simulatedIssueMark(_ purpose: PendingCode.Purpose, name: String, userPoolID: String, slot: Int) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("simulated-issue:\(purpose.rawValue):\(userPoolID):\(name)".utf8), using: key)
        return "simulated-issue-" + hexEncoded(mac) + "-\(slot)"
    }

    /// The digest a user keeps of `code`.
    public func digest(_ code: String, sub: String, purpose: PendingCode.Purpose) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data("\(purpose.rawValue):\(sub):\(code)".utf8), using: key))
    }

    /// Whether `code` is the one `pending` was made from, for the user `sub`.
    public func matches(_ code: String, _ pending: PendingCode, sub: String) -> Bool {
        HMAC<SHA256>.isValidAuthenticationCode(pending.digest, authenticating: Data("\(pending.purpose.rawValue):\(sub):\(code)".utf8),
                                               using: key)
    }
}

/// A code a user was sent and has not used, as the user keeps it.
public struct PendingCode: Sendable, Equatable {
    public enum Purpose: String, Sendable {
        /// ConfirmSignUp: valid 24 hours.
        case signUp = "SIGN_UP"
        /// ConfirmForgotPassword: valid 1 hour.
        case passwordReset = "PASSWORD_RESET"
        /// VerifyUserAttribute, after an email or phone number changed: valid 24 hours.
        case attributeVerification = "ATTRIBUTE_VERIFICATION"
        /// SMS_MFA and EMAIL_OTP at sign-in: valid as long as a default sign-in session, 3 minutes.
        case signIn = "SIGN_IN"

        /// How long a code of this purpose is valid (docs/cognito-notes.md §5.2; the issue's 24 h and 1 h).
        public var validity: TimeInterval {
            switch self {
            case .signUp, .attributeVerification: 24 * 3600
            case .passwordReset: 3600
            case .signIn: 180
            }
        }

        /// How many codes of this purpose a user may be sent in an hour, so that neither a code's
        /// tries nor anyone's mailbox can be multiplied (docs/compatibility.md § Limits): 5, as
        /// Cognito allows for resends; 20 sign-in codes, one per sign-in that reaches SMS_MFA or EMAIL_OTP.
        public var issueLimit: Int { self == .signIn ? 20 : 5 }
    }

    public var purpose: Purpose
    public var digest: Data
    public var expiry: Date
    /// Wrong codes given since this one was sent.
    public var failedAttempts: Int
    /// The attribute the code was sent to (email, phone_number), which the right code verifies.
    public var attributeName: String?
    /// When codes of this purpose were issued to the user within the last hour, this one included
    /// (``Purpose/issueLimit``).
    public var issued: [Date]

    /// Used up at `now`: it matches nothing and is sent nowhere, but the times codes of its purpose
    /// were sent still count towards ``Purpose/issueLimit``.
    mutating func spend(at now: Date) {
        digest = Data()
        expiry = now
        attributeName = nil
        failedAttempts = 0
    }

    public init(purpose: Purpose, digest: Data, expiry: Date, failedAttempts: Int = 0, attributeName: String? = nil,
                issued: [Date] = []) {
        self.purpose = purpose
        self.digest = digest
        self.expiry = expiry
        self.failedAttempts = failedAttempts
        self.attributeName = attributeName
        self.issued = issued
    }
}

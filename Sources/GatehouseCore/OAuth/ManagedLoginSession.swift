import AWSWire
import Foundation

/// The managed login session: the `cognito` cookie a browser gets when it signs in on a pool's
/// domain, which lets a later authorize request of any client of the pool skip the password for
/// an hour. Sealed under a server key; signing out at `/logout` removes it from the browser.
public struct ManagedLoginSession: Sendable, Equatable {
    /// Cognito's session cookie lasts one hour and cannot be changed.
    public static let lifetime: TimeInterval = 3_600
    public static let cookieName = "cognito"

    public var userPoolID: String
    public var sub: String
    public var username: String
    /// When the password was proven: the `auth_time` of the tokens the session leads to.
    public var authTime: Date
    public var expiry: Date

    public init(userPoolID: String, sub: String, username: String, authTime: Date, expiry: Date) {
        self.userPoolID = userPoolID
        self.sub = sub
        self.username = username
        self.authTime = authTime
        self.expiry = expiry
    }

    static let context = "managed-login-session"

    /// The cookie's value.
    public func sealed(with key: SealingKey, random: RandomSource) -> String {
        SealedText.seal(Self.context, with: key, random: random) { writer in
            writer.member("p", userPoolID)
            writer.member("s", sub)
            writer.member("u", username)
            writer.member("t", authTime.timeIntervalSince1970)
            writer.member("e", expiry.timeIntervalSince1970)
        }
    }

    /// The session a cookie holds, when this server made it for `userPoolID` and it has not expired at `now`.
    public init?(opening text: String, userPoolID: String, with key: SealingKey, now: Date) {
        guard let fields = SealedText.open(text, context: Self.context, with: key), fields["p"]?.string == userPoolID,
              let sub = fields["s"]?.string, let username = fields["u"]?.string,
              let authTime = SealedText.date(fields["t"]), let expiry = SealedText.date(fields["e"]), expiry > now else { return nil }
        self.init(userPoolID: userPoolID, sub: sub, username: username, authTime: authTime, expiry: expiry)
    }
}

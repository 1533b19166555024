import AWSWire
import Foundation

/// Cognito's lockout after wrong passwords and MFA codes (docs/cognito-notes.md §5.6), and ours
/// after wrong custom challenge answers (``StoredUser/customChallengeFailures``): from the fifth
/// failure in a row the user is locked out for 2^(n−5) seconds after the n-th, at most 15 minutes;
/// attempts while locked out fail without counting; 15 minutes without a failure start the count
/// again. It also counts the wrong MFA answers on the sign-in session of the latest one, which ends
/// after ``failuresPerSession``.
///
/// Callers decide, check and record an attempt in one atomic update of the user, so that concurrent
/// attempts on any process see each other's failures. A right password does not forget the
/// failures (wrong MFA codes stay counted); a sign-in that ends with tokens, or a right MFA code, does.
public struct SignInFailures: JSONCodable, Sendable, Equatable {
    /// Failures in a row.
    public private(set) var count = 0
    /// The time of the last one.
    public private(set) var last: Date?
    /// The sign-in session of the last wrong MFA answer, and the wrong answers on it in a row.
    private var session: String?
    private var sessionCount = 0

    static let freeFailures = 5
    static let longestLockout: TimeInterval = 900
    static let forgetAfter: TimeInterval = 900
    /// Wrong MFA answers a sign-in session takes (ours: docs/compatibility.md).
    public static let failuresPerSession = 10

    public init() {}

    /// Until when sign-in is refused; `nil` when it is not.
    public func lockedUntil(now: Date) -> Date? {
        guard let last, current(now: now) >= Self.freeFailures else { return nil }
        let until = last.addingTimeInterval(min(pow(2, Double(count - Self.freeFailures)), Self.longestLockout))
        return until > now ? until : nil
    }

    /// Counts a failure at `now`: a wrong password, or a wrong MFA answer on the sign-in session
    /// `session`.
    public mutating func record(at now: Date, session: String? = nil) {
        count = current(now: now) + 1
        last = now
        guard let session else { return }
        sessionCount = self.session == session ? sessionCount + 1 : 1
        self.session = session
    }

    /// Takes back one failure (the count only; the time of the last stays): an answer counted before
    /// it could be checked was right, or was never checked.
    public mutating func forgetLatest() {
        count = max(count - 1, 0)
    }

    /// Whether the sign-in session `id` has had its last wrong answer.
    public func hasEnded(session id: String) -> Bool {
        session == id && sessionCount >= Self.failuresPerSession
    }

    /// Forgets every failure: the user signed in.
    public mutating func clear() {
        self = SignInFailures()
    }

    /// The failures that still count at `now`.
    private func current(now: Date) -> Int {
        guard let last, now.timeIntervalSince(last) < Self.forgetAfter else { return 0 }
        return count
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        count = try Int(json: json["Count"] ?? .number("0"))
        last = try json["Last"].map { node throws(JSONDecodeFailure) in try Date(json: node) }
        session = try json["Session"].map { node throws(JSONDecodeFailure) in try String(json: node) }
        sessionCount = try Int(json: json["SessionCount"] ?? .number("0"))
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Count", count)
        if let last { writer.member("Last", last) }
        if let session {
            writer.member("Session", session)
            writer.member("SessionCount", sessionCount)
        }
        writer.endObject()
    }
}

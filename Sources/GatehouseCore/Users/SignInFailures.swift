import AWSWire
import Foundation

/// Cognito's lockout after wrong passwords (docs/cognito-notes.md §5.6): from the fifth failure in a row the
/// user is locked out for 2^(n−5) seconds after the n-th, at most 15 minutes; attempts while locked
/// out fail without counting; 15 minutes without a failure start the count again.
public struct SignInFailures: JSONCodable, Sendable, Equatable {
    /// Failures in a row.
    public private(set) var count = 0
    /// The time of the last one.
    public private(set) var last: Date?

    static let freeFailures = 5
    static let longestLockout: TimeInterval = 900
    static let forgetAfter: TimeInterval = 900

    public init() {}

    /// Until when sign-in is refused; `nil` when it is not.
    public func lockedUntil(now: Date) -> Date? {
        guard let last, current(now: now) >= Self.freeFailures else { return nil }
        let until = last.addingTimeInterval(min(pow(2, Double(count - Self.freeFailures)), Self.longestLockout))
        return until > now ? until : nil
    }

    /// Counts a wrong password at `now`.
    public mutating func record(at now: Date) {
        count = current(now: now) + 1
        last = now
    }

    /// The failures that still count at `now`.
    private func current(now: Date) -> Int {
        guard let last, now.timeIntervalSince(last) < Self.forgetAfter else { return 0 }
        return count
    }

    public init(json: JSONNode) throws(JSONDecodeFailure) {
        count = try Int(json: json["Count"] ?? .number("0"))
        last = try json["Last"].map { node throws(JSONDecodeFailure) in try Date(json: node) }
    }

    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("Count", count)
        if let last { writer.member("Last", last) }
        writer.endObject()
    }
}

import Foundation

extension StoredUser {
    /// What checking a code found.
    public enum CodeCheck: Sendable, Equatable {
        /// The code was right; it is used up.
        case matched
        /// The code was wrong; the failure is counted.
        case mismatched
        /// No code of the purpose is pending (never sent, used, or replaced), or it expired.
        case expired
        /// Too many wrong codes were given for this one; only a new code helps.
        case exhausted
    }

    /// Wrong codes accepted before the pending code stops being checked (docs/compatibility.md).
    public static let codeAttemptLimit = 5

    /// The window of ``PendingCode/Purpose/issueLimit``.
    public static let codeIssueWindow: TimeInterval = 3600

    /// Refuses a code over ``PendingCode/Purpose/issueLimit``; the operation answers its own error for it.
    public struct CodeIssueLimitReached: Error, Equatable {
        public init() {}
    }

    /// Makes `code` the pending code of `purpose`, replacing an earlier one, valid from `now`.
    /// Run within the user's update, the count and the new code are stored in one step.
    /// - Parameter attributeName: the attribute the code is sent to.
    /// - Throws: ``CodeIssueLimitReached`` when the user had the purpose's
    ///   ``PendingCode/Purpose/issueLimit`` codes in the last hour.
    public mutating func issueCode(_ code: String, _ purpose: PendingCode.Purpose, to attributeName: String, sub: String, now: Date,
                                   codes: VerificationCodes) throws(CodeIssueLimitReached) {
        let recent = self.codes.first { $0.purpose == purpose }?.issued.filter { $0 > now.addingTimeInterval(-Self.codeIssueWindow) } ?? []
        if recent.count >= purpose.issueLimit { throw CodeIssueLimitReached() }
        self.codes.removeAll { $0.purpose == purpose }
        self.codes.append(PendingCode(purpose: purpose, digest: codes.digest(code, sub: sub, purpose: purpose),
                                      expiry: now.addingTimeInterval(purpose.validity), attributeName: attributeName,
                                      issued: recent + [now]))
    }

    /// Checks `code` against the pending code of `purpose` at `now`: a right code is used up (and
    /// verifies the attribute it was sent to, except a sign-in code; the times codes were sent stay
    /// counted), a wrong one counted.
    public mutating func checkCode(_ code: String, purpose: PendingCode.Purpose, sub: String, now: Date,
                                   codes: VerificationCodes) -> CodeCheck {
        guard let index = self.codes.firstIndex(where: { $0.purpose == purpose }), self.codes[index].expiry > now else {
            return .expired
        }
        guard self.codes[index].failedAttempts < Self.codeAttemptLimit else { return .exhausted }
        if codes.matches(code, self.codes[index], sub: sub) {
            let name = self.codes[index].attributeName
            self.codes[index].spend(at: now)
            if let name, purpose != .signIn { setAttribute("\(name)_verified", "true") }
            return .matched
        }
        self.codes[index].failedAttempts += 1
        return .mismatched
    }
}

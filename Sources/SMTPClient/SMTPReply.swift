/// A complete, possibly multi-line, reply from an SMTP server (RFC 5321 section 4.2).
public struct SMTPReply: Sendable, Hashable {
    /// The three-digit reply code, such as `250`.
    public let code: Int

    /// The text of each line without the code and separator; at least one element, possibly empty.
    public let lines: [String]

    /// The lines joined with newlines, such as `5.7.8 Authentication credentials invalid`.
    public var text: String { lines.joined(separator: "\n") }

    /// Creates a reply. `lines` must not be empty.
    public init(code: Int, lines: [String]) {
        precondition(!lines.isEmpty, "an SMTP reply has at least one line")
        self.code = code
        self.lines = lines
    }

    /// Returns the reply if its code is one of `expectedCodes`, otherwise throws
    /// ``SMTPError/Kind/rejectedByServer`` describing `step`.
    @discardableResult
    func expect(_ expectedCodes: Int..., for step: String) throws -> SMTPReply {
        guard expectedCodes.contains(code) else {
            throw SMTPError(.rejectedByServer, "\(step) failed", reply: self)
        }
        return self
    }
}

extension SMTPReply: CustomStringConvertible {
    /// The reply as the server sent it, one `code text` line per line, such as `250 2.0.0 OK`.
    public var description: String {
        lines.map { $0.isEmpty ? "\(code)" : "\(code) \($0)" }.joined(separator: "\n")
    }
}

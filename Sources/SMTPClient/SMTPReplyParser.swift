import NIOCore

/// Turns the byte stream from an SMTP server into complete replies.
///
/// Lines end with CRLF (a bare LF is tolerated). Lines of the form `250-text` continue a reply and a line of
/// the form `250 text` (or just `250`) completes it; all lines of one reply must carry the same code.
struct SMTPReplyParser {
    /// Longest accepted reply line, excluding the line ending. RFC 5321 allows 512 octets; servers are
    /// given generous slack before the input is treated as hostile.
    static let maximumLineLength = 4096

    /// Most lines accepted in a single reply.
    static let maximumLinesPerReply = 256

    private var buffer = ByteBuffer()
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// Whether bytes of an incomplete reply are buffered.
    var hasBufferedInput: Bool {
        buffer.readableBytes > 0 || !pendingLines.isEmpty
    }

    /// Consumes `bytes` and returns the replies completed by them, in order.
    ///
    /// - Throws: ``SMTPError/Kind/protocolViolation`` for malformed or oversized input; the parser must not be
    ///   used afterwards.
    mutating func parse(_ bytes: inout ByteBuffer) throws -> [SMTPReply] {
        buffer.writeBuffer(&bytes)
        var replies: [SMTPReply] = []
        while let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = buffer.readSlice(length: newline - buffer.readerIndex + 1)!
            line.moveWriterIndex(to: line.writerIndex - 1)
            if line.readableBytesView.last == UInt8(ascii: "\r") {
                line.moveWriterIndex(to: line.writerIndex - 1)
            }
            if let reply = try consume(line: line) {
                replies.append(reply)
            }
        }
        guard buffer.readableBytes <= Self.maximumLineLength else {
            throw SMTPError(.protocolViolation, "reply line exceeds \(Self.maximumLineLength) bytes")
        }
        buffer.discardReadBytes()
        return replies
    }

    private mutating func consume(line: ByteBuffer) throws -> SMTPReply? {
        guard line.readableBytes <= Self.maximumLineLength else {
            throw SMTPError(.protocolViolation, "reply line exceeds \(Self.maximumLineLength) bytes")
        }
        let bytes = Array(line.readableBytesView)
        guard bytes.count >= 3,
              (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(bytes[0]),
              bytes[1...2].allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
        else {
            throw SMTPError(.protocolViolation, "malformed reply line")
        }
        let code = bytes[0..<3].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        let isLast: Bool
        switch bytes.count > 3 ? bytes[3] : UInt8(ascii: " ") {
        case UInt8(ascii: " "): isLast = true
        case UInt8(ascii: "-"): isLast = false
        default: throw SMTPError(.protocolViolation, "malformed reply line")
        }
        if let pendingCode, pendingCode != code {
            throw SMTPError(.protocolViolation, "reply lines with different codes \(pendingCode) and \(code)")
        }
        pendingCode = code
        pendingLines.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
        guard isLast else {
            guard pendingLines.count < Self.maximumLinesPerReply else {
                throw SMTPError(.protocolViolation, "reply exceeds \(Self.maximumLinesPerReply) lines")
            }
            return nil
        }
        defer {
            self.pendingCode = nil
            pendingLines = []
        }
        return SMTPReply(code: code, lines: pendingLines)
    }
}

import Foundation

/// Minimal decoders used by the tests to check rendered messages from the outside.
enum MIMEDecoding {
    /// Splits a raw message into unfolded headers (name lower-cased; last one wins) and the raw body.
    static func split(_ raw: String) -> (headers: [String: String], body: String) {
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let headerBlock = parts[0].replacingOccurrences(of: "\r\n ", with: " ")
        var headers: [String: String] = [:]
        for line in headerBlock.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    /// Decodes a base64 body whose lines are separated by CRLF.
    static func base64Body(_ body: String) -> String? {
        let joined = body.replacingOccurrences(of: "\r\n", with: "")
        return Data(base64Encoded: joined).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Decodes a header value made of `=?UTF-8?B?...?=` words separated by white space; other text is kept.
    static func decodeEncodedWords(_ value: String) -> String {
        let pattern = /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/
        var bytes: [UInt8] = []
        var result = ""
        var rest = Substring(value)
        while let match = rest.firstMatch(of: pattern) {
            let between = rest[..<match.range.lowerBound]
            if !between.allSatisfy(\.isWhitespace) || bytes.isEmpty {
                result += String(decoding: bytes, as: UTF8.self) + between
                bytes = []
            }
            bytes += Data(base64Encoded: String(match.output.1)) ?? Data()
            rest = rest[match.range.upperBound...]
        }
        return result + String(decoding: bytes, as: UTF8.self) + rest
    }
}

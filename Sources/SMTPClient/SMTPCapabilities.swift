/// The service extensions a server announced in its reply to `EHLO` (RFC 5321 section 4.1.1.1).
struct SMTPCapabilities {
    /// Extension keyword (upper-cased) to its parameters.
    private let extensions: [String: [String]]

    /// Parses an `EHLO` reply; the first line (the server's greeting) is skipped.
    init(ehloReply: SMTPReply) {
        var extensions: [String: [String]] = [:]
        for line in ehloReply.lines.dropFirst() {
            let words = line.split(separator: " ").map(String.init)
            guard let keyword = words.first else { continue }
            extensions[keyword.uppercased()] = Array(words.dropFirst())
        }
        self.extensions = extensions
    }

    /// Whether the server announced the extension `keyword`, compared case-insensitively.
    func supports(_ keyword: String) -> Bool {
        extensions[keyword.uppercased()] != nil
    }

    /// The SASL mechanisms listed by the `AUTH` extension, upper-cased; empty without `AUTH`.
    var authMechanisms: Set<String> {
        Set((extensions["AUTH"] ?? []).map { $0.uppercased() })
    }
}

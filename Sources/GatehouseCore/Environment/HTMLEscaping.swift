extension String {
    /// The text with `&`, `<`, `>`, `"` and `'` as HTML character references: safe inside an
    /// element or a quoted attribute.
    public var htmlEscaped: String {
        replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}

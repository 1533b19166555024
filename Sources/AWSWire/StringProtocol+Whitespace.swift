extension StringProtocol {
    /// Without leading and trailing whitespace (line breaks included), as Python's `str.strip()`.
    public var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}

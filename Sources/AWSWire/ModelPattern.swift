import Foundation

/// A `pattern` constraint of the model, compiled once. AWS's services match the whole value
/// (Java's `Matcher.matches()`); ICU's syntax covers the model's `\p{L}`, `\w`, `(?s)` and look-behind.
public final class ModelPattern: @unchecked Sendable {
    /// The pattern exactly as the model writes it; validation messages quote it.
    public let source: String
    private let regex: NSRegularExpression

    /// - Precondition: `source` compiles; the generator only emits patterns of the model, which a test compiles.
    public init(_ source: String) {
        self.source = source
        do {
            // `\z`, not `$`: ICU's `$` also matches before a final line break.
            regex = try NSRegularExpression(pattern: "^(?:\(source))\\z", options: [])
        } catch {
            preconditionFailure("model pattern does not compile: \(source)")
        }
    }

    /// Whether the whole of `value` matches.
    public func matches(_ value: String) -> Bool {
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [.anchored], range: range) != nil
    }
}

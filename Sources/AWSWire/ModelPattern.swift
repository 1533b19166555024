import Foundation

/// A `pattern` constraint of the model, compiled once. AWS's services match the whole value
/// (Java's `Matcher.matches()`); ICU's syntax covers the model's `\p{L}`, `\w`, `(?s)` and look-behind.
public final class ModelPattern: @unchecked Sendable {
    /// The pattern exactly as the model writes it; validation messages quote it.
    public let source: String
    private let regex: NSRegularExpression
    /// For a pattern that is one bracketed class repeated (`[…]+` or `[…]*`, between an optional
    /// `^` and `$`), as most of the model's are: which ASCII characters the class takes, as ICU
    /// answers for each alone, so that an ASCII value is decided without ICU.
    private let asciiClass: AsciiClass?

    private struct AsciiClass {
        var members: [Bool]
        var allowsEmpty: Bool
    }

    /// - Precondition: `source` compiles; the generator only emits patterns of the model, which a test compiles.
    public init(_ source: String) {
        self.source = source
        let regex: NSRegularExpression
        do {
            // `\z`, not `$`: ICU's `$` also matches before a final line break.
            regex = try NSRegularExpression(pattern: "^(?:\(source))\\z", options: [])
        } catch {
            preconditionFailure("model pattern does not compile: \(source)")
        }
        self.regex = regex
        asciiClass = Self.repeatedClassQuantifier(source).map { allowsEmpty in
            AsciiClass(members: (0..<128).map { Self.matches(String(UnicodeScalar(UInt8($0))), regex) }, allowsEmpty: allowsEmpty)
        }
    }

    /// Whether the whole of `value` matches.
    public func matches(_ value: String) -> Bool {
        if let asciiClass {
            var count = 0
            var ascii = true
            for byte in value.utf8 {
                guard byte < 0x80 else {
                    ascii = false
                    break
                }
                guard asciiClass.members[Int(byte)] else { return false }  // every character must be of the class
                count += 1
            }
            if ascii { return count > 0 || asciiClass.allowsEmpty }
        }
        return matchesByRegex(value)
    }

    /// ``matches(_:)`` by ICU alone.
    func matchesByRegex(_ value: String) -> Bool {
        Self.matches(value, regex)
    }

    private static func matches(_ value: String, _ regex: NSRegularExpression) -> Bool {
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        return regex.firstMatch(in: value, options: [.anchored], range: range) != nil
    }

    /// For `^?[class]+$?` or `^?[class]*$?` with no class inside the class: whether it takes the
    /// empty value (`*`); `nil` for any other pattern.
    static func repeatedClassQuantifier(_ source: String) -> Bool? {
        var characters = Array(source.unicodeScalars)
        if characters.first == "^" { characters.removeFirst() }
        if characters.last == "$", characters.dropLast().last != "\\" { characters.removeLast() }
        guard characters.count >= 4, characters.first == "[",
              let quantifier = characters.last, quantifier == "+" || quantifier == "*" else { return nil }
        var index = 1
        while index < characters.count - 2 {
            switch characters[index] {
            case "\\": index += 2
            case "[", "]": return nil
            default: index += 1
            }
        }
        guard index == characters.count - 2, characters[index] == "]" else { return nil }
        return quantifier == "*"
    }
}

import Foundation

/// The fields of an `application/x-www-form-urlencoded` body (or a query string): `+` is a
/// space, `%XX` a byte; of a name given twice, the first value counts.
public struct FormFields: Sendable, Equatable {
    public private(set) var values: [String: String] = [:]

    /// - Returns: `nil` when a name or value is not percent-encoded UTF-8.
    public init?(_ text: Substring) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = parts.count == 2 ? Self.decode(parts[1]) : "" else { return nil }
            if values[name] == nil { values[name] = value }
        }
    }

    public init(_ values: [String: String]) {
        self.values = values
    }

    public subscript(name: String) -> String? { values[name] }

    /// A field's value, `nil` when it is missing or empty (as OAuth servers treat an empty parameter).
    public func nonEmpty(_ name: String) -> String? {
        values[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

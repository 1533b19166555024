import Foundation

/// The constraint failures of one request, in the order they were found, and AWS's message for them:
///
///     2 validation errors detected: Value '5' at 'policies.passwordPolicy.minimumLength' failed to
///     satisfy constraint: Member must have value greater than or equal to 6; Value null at …
///
/// Paths are built only when a check fails (`@autoclosure`), so a valid request costs no strings.
public struct ValidationReport: Sendable {
    /// One failed constraint.
    public struct Failure: Sendable, Equatable {
        /// `'<value>'`, `null`, or nothing for a sensitive member, as the message shows it.
        public let renderedValue: String
        public let path: String
        public let constraint: String
    }

    public private(set) var failures: [Failure] = []

    public init() {}

    /// AWS's message, or `nil` when nothing failed.
    public var message: String? {
        guard !failures.isEmpty else { return nil }
        let items = failures.map { failure in
            let value = failure.renderedValue.isEmpty ? "Value" : "Value \(failure.renderedValue)"
            return "\(value) at '\(failure.path)' failed to satisfy constraint: \(failure.constraint)"
        }
        let noun = failures.count == 1 ? "error" : "errors"
        return "\(failures.count) validation \(noun) detected: " + items.joined(separator: "; ")
    }

    /// Joins a member name to a parent path: `policies` + `PasswordPolicy` → `policies.passwordPolicy`.
    public static func path(_ parent: String, _ member: String) -> String {
        let name = member.prefix(1).lowercased() + member.dropFirst()
        return parent.isEmpty ? name : parent + "." + name
    }

    /// The path of the 0-based `index`th element of a list: `userAttributes.1.member`.
    public static func elementPath(_ list: String, _ index: Int) -> String {
        "\(list).\(index + 1).member"
    }

    mutating func fail(_ value: String?, sensitive: Bool, at path: String, _ constraint: String) {
        let rendered = sensitive ? "" : value.map { "'\($0)'" } ?? "null"
        failures.append(Failure(renderedValue: rendered, path: path, constraint: constraint))
    }
}

extension ValidationReport {
    /// A member the model marks required must be present.
    public mutating func required<T>(_ value: T?, at path: @autoclosure () -> String) {
        if value == nil { fail(nil, sensitive: false, at: path(), "Member must not be null") }
    }

    /// String length in UTF-16 code units, as AWS's Java services count it.
    public mutating func length(_ value: String?, min: Int?, max: Int?, sensitive: Bool = false,
                                at path: @autoclosure () -> String) {
        guard let value else { return }
        checkLength(value.utf16.count, rendering: value, min: min, max: max, sensitive: sensitive, at: path)
    }

    /// List length in elements.
    public mutating func length<Element>(_ value: [Element]?, min: Int?, max: Int?, at path: @autoclosure () -> String) {
        guard let value else { return }
        checkLength(value.count, rendering: Self.render(value), min: min, max: max, sensitive: false, at: path)
    }

    /// Map size in entries.
    public mutating func length<Value>(_ value: [String: Value]?, min: Int?, max: Int?, at path: @autoclosure () -> String) {
        guard let value else { return }
        checkLength(value.count, rendering: Self.render(value), min: min, max: max, sensitive: false, at: path)
    }

    /// Blob length in bytes.
    public mutating func length(_ value: Data?, min: Int?, max: Int?, sensitive: Bool = false,
                                at path: @autoclosure () -> String) {
        guard let value else { return }
        checkLength(value.count, rendering: value.base64EncodedString(), min: min, max: max, sensitive: sensitive, at: path)
    }

    /// Numeric range, inclusive.
    public mutating func range<N: BinaryInteger>(_ value: N?, min: Int?, max: Int?, sensitive: Bool = false,
                                                 at path: @autoclosure () -> String) {
        guard let value else { return }
        if let min, value < min {
            fail(String(value), sensitive: sensitive, at: path(), "Member must have value greater than or equal to \(min)")
        }
        if let max, value > max {
            fail(String(value), sensitive: sensitive, at: path(), "Member must have value less than or equal to \(max)")
        }
    }

    /// The whole string must match the model's pattern.
    public mutating func pattern(_ value: String?, _ pattern: ModelPattern, sensitive: Bool = false,
                                 at path: @autoclosure () -> String) {
        guard let value, !pattern.matches(value) else { return }
        fail(value, sensitive: sensitive, at: path(), "Member must satisfy regular expression pattern: \(pattern.source)")
    }

    /// The value must be one the model's enum lists.
    public mutating func member<E: AWSEnum>(_ value: E?, sensitive: Bool = false, at path: @autoclosure () -> String) {
        guard let value, !value.isKnown else { return }
        fail(value.rawValue, sensitive: sensitive, at: path(),
             "Member must satisfy enum value set: [\(E.allValues.joined(separator: ", "))]")
    }

    private mutating func checkLength(_ count: Int, rendering: @autoclosure () -> String, min: Int?, max: Int?,
                                      sensitive: Bool, at path: () -> String) {
        if let min, count < min {
            fail(rendering(), sensitive: sensitive, at: path(), "Member must have length greater than or equal to \(min)")
        }
        if let max, count > max {
            fail(rendering(), sensitive: sensitive, at: path(), "Member must have length less than or equal to \(max)")
        }
    }

    /// Java's `List.toString()`: `[a, b]`.
    static func render<Element>(_ list: [Element]) -> String {
        "[" + list.map { String(describing: $0) }.joined(separator: ", ") + "]"
    }

    /// Java's `Map.toString()`: `{k=v, k2=v2}`, keys sorted for a stable message.
    static func render<Value>(_ map: [String: Value]) -> String {
        "{" + map.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}

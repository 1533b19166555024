/// A JSON value of the wrong type for the member it was sent for. Thrown from deep inside a request
/// and given its path on the way out (`Policies.PasswordPolicy.MinimumLength`, `Tags[1]`), so a
/// valid request builds no paths at all.
public struct JSONDecodeFailure: Error, Sendable, Equatable {
    /// The model's word for the type the member should have had: string, integer, list, …
    public let expected: String
    private var reversedPath: [String] = []

    public init(expected: String) {
        self.expected = expected
    }

    /// This failure, one member further out.
    public func inside(_ key: String) -> JSONDecodeFailure {
        var failure = self
        failure.reversedPath.append(key)
        return failure
    }

    /// This failure, at the 0-based `index` of a list.
    public func atIndex(_ index: Int) -> JSONDecodeFailure {
        inside("[\(index)]")
    }

    /// `Policies.PasswordPolicy.MinimumLength`, `AutoVerifiedAttributes[0]`.
    public var path: String {
        reversedPath.reversed().reduce(into: "") { text, component in
            if component.hasPrefix("[") || text.isEmpty { text += component } else { text += "." + component }
        }
    }
}

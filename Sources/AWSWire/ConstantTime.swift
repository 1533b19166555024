/// Comparisons of secrets (SecretHash, client secrets, TOTP codes, SRP's proof) whose time does
/// not depend on where the two differ, so a caller cannot learn a secret byte by byte.
public enum ConstantTime {
    /// Whether `given` and `expected` are the same bytes. Only their lengths, which are not secret,
    /// shorten the comparison. Inlinable, so that each caller's collection types are specialized.
    @inlinable
    public static func equal(_ given: some Collection<UInt8>, _ expected: some Collection<UInt8>) -> Bool {
        given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Whether the text a call gives (a client secret, a hash, a code) is `expected`: a missing one is not.
    public static func matches(_ given: String?, _ expected: String) -> Bool {
        guard let given else { return false }
        return equal(given.utf8, expected.utf8)
    }
}

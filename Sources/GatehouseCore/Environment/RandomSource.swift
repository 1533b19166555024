/// Where the domain gets randomness for ids and secrets. Injected so tests can make ids predictable.
public struct RandomSource: Sendable {
    private let fill: @Sendable (Int) -> [UInt8]

    public init(_ fill: @escaping @Sendable (Int) -> [UInt8]) {
        self.fill = fill
    }

    /// `count` random bytes.
    public func bytes(_ count: Int) -> [UInt8] {
        fill(count)
    }

    /// `count` characters drawn uniformly from `alphabet`.
    public func string(_ count: Int, from alphabet: String) -> String {
        let characters = Array(alphabet)
        precondition(!characters.isEmpty && characters.count <= 256)
        var result = ""
        while result.count < count {
            // Rejection sampling keeps the draw uniform when 256 is not a multiple of the alphabet size.
            let limit = 256 - 256 % characters.count
            for byte in bytes(count - result.count) where Int(byte) < limit {
                result.append(characters[Int(byte) % characters.count])
            }
        }
        return result
    }

    /// The operating system's cryptographic generator.
    public static let system = RandomSource { count in
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}

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
    /// - Precondition: `alphabet` is 1 to 256 ASCII characters.
    public func string(_ count: Int, from alphabet: String) -> String {
        let characters = Array(alphabet.utf8)
        precondition(!characters.isEmpty && characters.count <= 256 && characters.allSatisfy { $0 < 0x80 })
        // Rejection sampling keeps the draw uniform when 256 is not a multiple of the alphabet size.
        let limit = 256 - 256 % characters.count
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            for byte in bytes(count - result.count) where Int(byte) < limit {
                result.append(characters[Int(byte) % characters.count])
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The operating system's cryptographic generator, eight bytes per call to it.
    public static let system = RandomSource { count in
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 7)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}

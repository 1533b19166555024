import Foundation

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

    /// A number drawn uniformly from `0..<bound`.
    /// - Precondition: `bound` is positive.
    public func integer(below bound: Int) -> Int {
        precondition(bound > 0)
        let range = UInt64(bound)
        // Rejection sampling, as for strings: draws from the incomplete last run would skew the result.
        let limit = UInt64.max - (UInt64.max % range + 1) % range
        while true {
            let draw = bytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            if draw <= limit { return Int(draw % range) }
        }
    }

    /// A random (version 4) UUID in lowercase, written from this source's bytes:
    /// Foundation's `UUID().uuidString.lowercased()` cost about 1% of a request.
    public func uuid() -> String {
        var bytes = self.bytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return Self.uuidText(bytes)
    }

    /// 16 bytes written as a UUID: lowercase hex in groups of 8-4-4-4-12.
    static func uuidText(_ bytes: [UInt8]) -> String {
        let hex: StaticString = "0123456789abcdef"
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            switch index {
            case 4, 6, 8, 10: text.append(UInt8(ascii: "-"))
            default: break
            }
            text.append(hex.utf8Start[Int(byte >> 4)])
            text.append(hex.utf8Start[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The operating system's cryptographic generator, through a buffer (``SystemRandomBuffer``):
    /// one system call per few sign-ins instead of one per id or nonce.
    public static let system: RandomSource = {
        let buffer = SystemRandomBuffer()
        return RandomSource { buffer.bytes($0) }
    }()
}

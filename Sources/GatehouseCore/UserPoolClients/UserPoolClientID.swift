/// App client ids and generated client secrets.
///
/// Cognito's ids look like a 128-bit number written in base 32 with the digits `0-9a-v` and no
/// leading zeros (26 characters, 25 when the top digit is zero), and its secrets like a 256-bit
/// number written the same way (52 or 51 characters): docs/cognito-notes.md §3. Both are generated so.
public enum UserPoolClientID {
    /// A new client id: 128 random bits in base 32.
    public static func generate(random: RandomSource) -> String {
        base32(random.bytes(16))
    }

    /// A new client secret: 256 random bits in base 32.
    public static func generateSecret(random: RandomSource) -> String {
        base32(random.bytes(32))
    }

    /// The big-endian number `bytes` in base 32 (`0-9a-v`), without leading zeros ("0" for zero).
    static func base32(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdefghijklmnopqrstuv".utf8)
        var number = bytes
        var text: [UInt8] = []
        // Repeated division of the whole number by 32, least significant digit first.
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder << 8 | Int(number[index])
                number[index] = UInt8(value >> 5)
                remainder = value & 31
            }
            text.append(digits[remainder])
        }
        return text.isEmpty ? "0" : String(decoding: text.reversed(), as: UTF8.self)
    }
}

import COpenSSL

/// A non-negative integer in OpenSSL's BIGNUM, for the client half of SRP: the load generator's
/// arithmetic is OpenSSL's, not the server's GMP code, so a fault in either shows as failed sign-ins.
final class BigNumber: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { BN_clear_free(pointer) }

    convenience init(bigEndian bytes: [UInt8]) {
        self.init(BN_bin2bn(bytes, Int32(bytes.count), nil)!)
    }

    /// `nil` unless `hex` is a hex number.
    convenience init?(hex: String) {
        var result: OpaquePointer?
        guard BN_hex2bn(&result, hex) == Int32(hex.utf8.count), let result else { return nil }
        self.init(result)
    }

    /// The minimal big-endian bytes (none for 0).
    var bigEndian: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: (Int(BN_num_bits(pointer)) + 7) / 8)
        _ = BN_bn2bin(pointer, &bytes)
        return bytes
    }

    /// pad(n), as the SRP clients hash numbers: the minimal bytes, with a zero byte in front when
    /// the top bit is set.
    var padded: [UInt8] {
        let bytes = bigEndian
        return (bytes.first ?? 0) >= 0x80 ? [0] + bytes : bytes
    }

    /// Lowercase hex without leading zeros, as those clients send numbers.
    var hex: String {
        let digits = String(cString: BN_bn2hex(pointer)).lowercased().drop { $0 == "0" }
        return digits.isEmpty ? "0" : String(digits)
    }

    /// One of `operation`'s results: a new number that `operation` writes with a context.
    private static func result(_ operation: (OpaquePointer, OpaquePointer) -> Int32) -> BigNumber {
        let number = BigNumber(BN_new()!)
        let context = BN_CTX_new()!
        defer { BN_CTX_free(context) }
        precondition(operation(number.pointer, context) == 1)
        return number
    }

    func power(_ exponent: BigNumber, modulo modulus: BigNumber) -> BigNumber {
        Self.result { BN_mod_exp($0, pointer, exponent.pointer, modulus.pointer, $1) }
    }

    func multiplied(by other: BigNumber, modulo modulus: BigNumber) -> BigNumber {
        Self.result { BN_mod_mul($0, pointer, other.pointer, modulus.pointer, $1) }
    }

    func subtracting(_ other: BigNumber, modulo modulus: BigNumber) -> BigNumber {
        Self.result { BN_mod_sub($0, pointer, other.pointer, modulus.pointer, $1) }
    }

    func multiplied(by other: BigNumber) -> BigNumber {
        Self.result { BN_mul($0, pointer, other.pointer, $1) }
    }

    func adding(_ other: BigNumber) -> BigNumber {
        Self.result { result, _ in BN_add(result, pointer, other.pointer) }
    }
}

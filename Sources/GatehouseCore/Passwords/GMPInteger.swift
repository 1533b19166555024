import CGMP

/// A non-negative integer of any size, held by GMP (an `mpz_t` of its own, freed with it). Only
/// what SRP needs: big-endian bytes in and out, products and powers modulo a number. Immutable
/// once made, so instances are shared between threads (GMP only reads operands).
final class GMPInteger: @unchecked Sendable {
    private let value: UnsafeMutablePointer<__mpz_struct>

    private init() {
        value = .allocate(capacity: 1)
        __gmpz_init(value)
    }

    deinit {
        __gmpz_clear(value)
        value.deallocate()
    }

    /// The number whose big-endian bytes are `bytes` (no bytes: 0).
    convenience init(bigEndian bytes: [UInt8]) {
        self.init()
        bytes.withUnsafeBytes { buffer in
            if let base = buffer.baseAddress { __gmpz_import(value, buffer.count, 1, 1, 1, 0, base) }
        }
    }

    /// The number as exactly `count` big-endian bytes.
    /// - Precondition: it fits.
    func bigEndian(count: Int) -> [UInt8] {
        let size = (__gmpz_sizeinbase(value, 2) + 7) / 8
        precondition(size <= count, "\(size) bytes do not fit in \(count)")
        var bytes = [UInt8](repeating: 0, count: count)
        if __gmpz_cmp_ui(value, 0) != 0 {
            var written = 0
            bytes.withUnsafeMutableBytes { buffer in
                _ = __gmpz_export(buffer.baseAddress! + (count - size), &written, 1, 1, 1, 0, value)
            }
        }
        return bytes
    }

    /// The number as big-endian bytes without leading zero bytes (no bytes for 0).
    var minimalBigEndian: [UInt8] {
        isZero ? [] : bigEndian(count: (__gmpz_sizeinbase(value, 2) + 7) / 8)
    }

    /// self mod modulus.
    func remainder(modulo modulus: GMPInteger) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_mod(result.value, value, modulus.value)
        return result
    }

    /// Whether the number is 0.
    var isZero: Bool { __gmpz_cmp_ui(value, 0) == 0 }

    /// self + other mod modulus.
    func adding(_ other: GMPInteger, modulo modulus: GMPInteger) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_add(result.value, value, other.value)
        __gmpz_mod(result.value, result.value, modulus.value)
        return result
    }

    /// self·other mod modulus.
    func multiplied(by other: GMPInteger, modulo modulus: GMPInteger) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_mul(result.value, value, other.value)
        __gmpz_mod(result.value, result.value, modulus.value)
        return result
    }

    /// self^exponent mod modulus for an exponent that is no secret (GMP's `mpz_powm`, faster than
    /// ``power(_:modulo:)``).
    /// - Precondition: the modulus is odd and above 1.
    func publicPower(_ exponent: GMPInteger, modulo modulus: GMPInteger) -> GMPInteger {
        let result = GMPInteger()
        __gmpz_powm(result.value, value, exponent.value, modulus.value)
        return result
    }

    /// self^exponent mod modulus, in time that does not depend on the exponent's bits (GMP's
    /// `mpz_powm_sec`), for secret exponents.
    /// - Precondition: the modulus is odd and above 1.
    func power(_ exponent: GMPInteger, modulo modulus: GMPInteger) -> GMPInteger {
        let result = GMPInteger()
        if __gmpz_cmp_ui(exponent.value, 0) == 0 {
            __gmpz_set_ui(result.value, 1)  // mpz_powm_sec needs a positive exponent
        } else {
            __gmpz_powm_sec(result.value, value, exponent.value, modulus.value)
        }
        return result
    }
}

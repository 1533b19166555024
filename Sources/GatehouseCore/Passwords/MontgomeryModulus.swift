/// Arithmetic modulo a fixed odd number, in Montgomery form, on little-endian 64-bit limbs: what
/// SRP's modular powers need, hundreds of times faster than a general big-integer library
/// (docs/compatibility.md has the measurement). Numbers are `[UInt64]` of exactly
/// ``limbCount`` limbs, least significant first, below the modulus.
///
/// Not constant-time; SRP's secret exponents are fresh for every exchange or derived from a
/// password the attacker does not hold (docs/compatibility.md).
struct MontgomeryModulus: Sendable {
    /// The modulus.
    let modulus: [UInt64]
    var limbCount: Int { modulus.count }
    /// −modulus⁻¹ mod 2⁶⁴.
    private let inverse: UInt64
    /// R² mod modulus, R = 2^(64·limbCount): multiplying by it in Montgomery form enters the form.
    private let rSquared: [UInt64]
    /// R mod modulus: 1 in Montgomery form.
    let one: [UInt64]

    /// - Precondition: `bigEndian` is odd, its top byte is not zero, and its length is a multiple of 8.
    init(bigEndian bytes: [UInt8]) {
        precondition(bytes.count % 8 == 0 && bytes.first != 0 && bytes.last.map { $0 & 1 == 1 } == true)
        let modulus = Self.limbs(bigEndian: bytes)
        self.modulus = modulus
        var inverse: UInt64 = 1
        for _ in 0..<6 { inverse = inverse &* (2 &- modulus[0] &* inverse) }
        self.inverse = 0 &- inverse
        // Doubling 1 modulo the modulus 64·limbCount times gives R, as many times more R².
        var r = [UInt64](repeating: 0, count: modulus.count)
        r[0] = 1
        for _ in 0..<(64 * modulus.count) { r = Self.double(r, modulo: modulus) }
        one = r
        for _ in 0..<(64 * modulus.count) { r = Self.double(r, modulo: modulus) }
        rSquared = r
    }

    /// `bytes` as limbs, reduced below the modulus by the caller's promise.
    /// - Precondition: `bytes` is at most 8·``limbCount`` bytes.
    func number(bigEndian bytes: [UInt8]) -> [UInt64] {
        precondition(bytes.count <= 8 * limbCount)
        return Self.limbs(bigEndian: [UInt8](repeating: 0, count: 8 * limbCount - bytes.count) + bytes)
    }

    /// `number` as 8·``limbCount`` big-endian bytes.
    func bigEndian(_ number: [UInt64]) -> [UInt8] {
        number.reversed().flatMap { limb in (0..<8).reversed().map { UInt8(truncatingIfNeeded: limb >> (8 * $0)) } }
    }

    /// `number` reduced modulo the modulus.
    /// - Precondition: `number` has ``limbCount`` limbs.
    func reduce(_ number: [UInt64]) -> [UInt64] {
        // number·R² / R = number·R; leaving the form divides by R again.
        leave(enter(number))
    }

    /// `number` in Montgomery form (number·R mod modulus).
    func enter(_ number: [UInt64]) -> [UInt64] { multiply(number, rSquared) }

    /// The ordinary number whose Montgomery form is `number`.
    func leave(_ number: [UInt64]) -> [UInt64] {
        var unit = [UInt64](repeating: 0, count: limbCount)
        unit[0] = 1
        return multiply(number, unit)
    }

    /// a·b·R⁻¹ mod modulus (the Montgomery product: of two numbers in the form, their product in
    /// the form), by coarsely integrated operand scanning.
    func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let count = limbCount
        var result = [UInt64](repeating: 0, count: count)
        modulus.withUnsafeBufferPointer { n in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count + 2) { t in
                        t.initialize(repeating: 0)
                        // 128-bit sums keep the carries out of branches: with Bool carries, random
                        // carry bits made the branches mispredict (docs/compatibility.md).
                        for i in 0..<count {
                            var carry: UInt64 = 0
                            let bi = UInt128(b[i])
                            for j in 0..<count {
                                let sum = UInt128(a[j]) * bi + UInt128(t[j]) + UInt128(carry)
                                t[j] = UInt64(truncatingIfNeeded: sum)
                                carry = UInt64(truncatingIfNeeded: sum >> 64)
                            }
                            let top = UInt128(t[count]) + UInt128(carry)
                            t[count] = UInt64(truncatingIfNeeded: top)
                            t[count + 1] = UInt64(truncatingIfNeeded: top >> 64)

                            let m = UInt128(t[0] &* inverse)
                            var sum = m * UInt128(n[0]) + UInt128(t[0])
                            carry = UInt64(truncatingIfNeeded: sum >> 64)
                            for j in 1..<count {
                                sum = m * UInt128(n[j]) + UInt128(t[j]) + UInt128(carry)
                                t[j - 1] = UInt64(truncatingIfNeeded: sum)
                                carry = UInt64(truncatingIfNeeded: sum >> 64)
                            }
                            let shifted = UInt128(t[count]) + UInt128(carry)
                            t[count - 1] = UInt64(truncatingIfNeeded: shifted)
                            t[count] = t[count + 1] &+ UInt64(truncatingIfNeeded: shifted >> 64)
                        }
                        result.withUnsafeMutableBufferPointer { result in
                            for j in 0..<count { result[j] = t[j] }
                            if t[count] != 0 || !Self.less(UnsafeBufferPointer(result), than: n) {
                                Self.subtract(n, from: result)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// base^exponent mod modulus, for an ordinary `base` below the modulus and a big-endian exponent,
    /// by fixed 4-bit windows.
    func power(_ base: [UInt64], exponent: [UInt8]) -> [UInt64] {
        var table = [one, enter(base)]
        for index in 2..<16 { table.append(multiply(table[index - 1], table[1])) }
        var accumulator = one
        for byte in exponent {
            for nibble in [Int(byte >> 4), Int(byte & 0x0F)] {
                for _ in 0..<4 { accumulator = multiply(accumulator, accumulator) }
                if nibble != 0 { accumulator = multiply(accumulator, table[nibble]) }
            }
        }
        return leave(accumulator)
    }

    private static func limbs(bigEndian bytes: [UInt8]) -> [UInt64] {
        stride(from: bytes.count, to: 0, by: -8).map { end in
            bytes[(end - 8)..<end].reduce(0) { $0 << 8 | UInt64($1) }
        }
    }

    /// 2·number mod modulus, for a number below the modulus.
    private static func double(_ number: [UInt64], modulo modulus: [UInt64]) -> [UInt64] {
        var result = number
        var carry: UInt64 = 0
        for index in result.indices {
            let limb = result[index]
            result[index] = limb << 1 | carry
            carry = limb >> 63
        }
        result.withUnsafeMutableBufferPointer { result in
            modulus.withUnsafeBufferPointer { modulus in
                if carry != 0 || !less(UnsafeBufferPointer(result), than: modulus) { subtract(modulus, from: result) }
            }
        }
        return result
    }

    private static func less(_ a: UnsafeBufferPointer<UInt64>, than b: UnsafeBufferPointer<UInt64>) -> Bool {
        for index in a.indices.reversed() where a[index] != b[index] { return a[index] < b[index] }
        return false
    }

    /// number −= subtrahend, modulo 2^(64·count).
    private static func subtract(_ subtrahend: UnsafeBufferPointer<UInt64>, from number: UnsafeMutableBufferPointer<UInt64>) {
        var borrow = false
        for index in number.indices {
            let (difference, borrow1) = number[index].subtractingReportingOverflow(subtrahend[index])
            let (final, borrow2) = difference.subtractingReportingOverflow(borrow ? 1 : 0)
            number[index] = final
            borrow = borrow1 || borrow2
        }
    }
}

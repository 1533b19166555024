import CGMP

/// base^exponent mod modulus for one fixed base and secret exponents of up to 256 bits, in time
/// and with memory accesses that do not depend on the exponent. A table holds base^(k·64^w) for
/// each 6-bit window w of the exponent and each k < 64 (43 × 64 entries, in Montgomery form); a
/// power takes one entry per window, picked with GMP's `mpn_sec_tabselect` (which reads every
/// entry of the window), multiplied in with `mpn_sec_mul` and reduced by Montgomery's method on
/// `mpn_addmul_1`, with the final subtraction made by `mpn_cnd_sub_n` whether it is needed or not:
/// 43 products, whatever the exponent. (A table indexed by the exponent's bytes, skipping zero
/// bytes, told a neighbour on the same machine which entries were read, and so the exponent.)
final class FixedBasePower: @unchecked Sendable {
    static let windowBits = 6
    static let entries = 1 << windowBits
    static let exponentBytes = 32
    static let windows = (exponentBytes * 8 + windowBits - 1) / windowBits

    /// Limbs of the modulus and of every number here.
    let limbs: Int
    private let modulus: [mp_limb_t]
    /// -modulus⁻¹ mod 2⁶⁴, for Montgomery's reduction.
    private let inverse: mp_limb_t
    /// 2^(64·limbs) mod modulus: 1 in Montgomery form.
    private let one: [mp_limb_t]
    /// Window after window, entry after entry, `limbs` limbs each (least significant first), in
    /// Montgomery form.
    private let table: [mp_limb_t]

    /// Builds the table (43 × 64 products, once).
    /// - Precondition: the modulus is odd.
    init(base: GMPInteger, modulus: GMPInteger) {
        let limbs = modulus.limbCount
        self.limbs = limbs
        self.modulus = modulus.limbs(count: limbs)
        precondition(self.modulus[0] & 1 == 1)
        var inverse = self.modulus[0]  // Newton's iteration doubles the correct low bits each time
        for _ in 0..<6 { inverse = inverse &* (2 &- self.modulus[0] &* inverse) }
        self.inverse = 0 &- inverse
        let montgomeryOne = GMPInteger(bigEndian: [1] + [UInt8](repeating: 0, count: limbs * 8)).remainder(modulo: modulus)
        one = montgomeryOne.limbs(count: limbs)
        var table: [mp_limb_t] = []
        table.reserveCapacity(Self.windows * Self.entries * limbs)
        var windowBase = base.remainder(modulo: modulus)
        for _ in 0..<Self.windows {
            var entry = GMPInteger(bigEndian: [1])
            for _ in 0..<Self.entries {
                table += entry.multiplied(by: montgomeryOne, modulo: modulus).limbs(count: limbs)
                entry = entry.multiplied(by: windowBase, modulo: modulus)
            }
            windowBase = entry  // base^(64^(w+1))
        }
        self.table = table
    }

    /// base^exponent mod modulus, as `limbs` × 8 big-endian bytes.
    /// - Precondition: the exponent (big-endian) is at most 32 bytes.
    func power(_ exponent: [UInt8]) -> [UInt8] {
        precondition(exponent.count <= Self.exponentBytes)
        // Least significant byte first, with a zero byte past the end for the last window's reads.
        let bytes = Array(exponent.reversed()) + [UInt8](repeating: 0, count: Self.exponentBytes + 1 - exponent.count)
        let n = limbs
        var accumulator = one
        var selected = [mp_limb_t](repeating: 0, count: n)
        var product = [mp_limb_t](repeating: 0, count: 2 * n)
        var scratch = [mp_limb_t](repeating: 0, count: __gmpn_sec_mul_itch(n, n))
        table.withUnsafeBufferPointer { table in
            for window in 0..<Self.windows {
                let bit = window * Self.windowBits
                let pair = Int(bytes[bit / 8]) | Int(bytes[bit / 8 + 1]) << 8
                let digit = (pair >> (bit % 8)) & (Self.entries - 1)
                __gmpn_sec_tabselect(&selected, table.baseAddress! + window * Self.entries * n, n, Self.entries, digit)
                __gmpn_sec_mul(&product, accumulator, n, selected, n, &scratch)
                reduce(&product, into: &accumulator)
            }
        }
        // Out of Montgomery form: reduce the accumulator alone.
        product.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        product.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: accumulator) }
        reduce(&product, into: &accumulator)
        var result: [UInt8] = []
        result.reserveCapacity(n * 8)
        for limb in accumulator.reversed() { result += withUnsafeBytes(of: limb.bigEndian, Array.init) }
        return result
    }

    /// Montgomery's reduction: `result` = `wide` · 2^(−64·limbs) mod modulus, for `wide` (2 ×
    /// limbs) below modulus · 2^(64·limbs); `wide` is used up. Every step runs whatever the values.
    private func reduce(_ wide: inout [mp_limb_t], into result: inout [mp_limb_t]) {
        let n = limbs
        var carries = [mp_limb_t](repeating: 0, count: n)
        modulus.withUnsafeBufferPointer { modulus in
            wide.withUnsafeMutableBufferPointer { wide in
                for index in 0..<n {
                    // Clears limb `index`; its carry belongs at index + n, which no later step reads.
                    carries[index] = __gmpn_addmul_1(wide.baseAddress! + index, modulus.baseAddress!, n, wide[index] &* inverse)
                }
                let carry = __gmpn_add_n(&result, wide.baseAddress! + n, carries, n)
                // result + carry·2^(64·limbs) is below 2·modulus: subtract modulus when carry is set or result ≥ modulus.
                var difference = [mp_limb_t](repeating: 0, count: n)
                let borrow = __gmpn_sub_n(&difference, result, modulus.baseAddress!, n)
                _ = __gmpn_cnd_sub_n(carry | (1 - borrow), &result, result, modulus.baseAddress!, n)
            }
        }
    }
}

extension GMPInteger {
    /// Limbs needed for the number (at least 1).
    var limbCount: Int { max(1, (minimalBigEndian.count + 7) / 8) }

    /// The number as `count` limbs, least significant first.
    /// - Precondition: it fits.
    func limbs(count: Int) -> [mp_limb_t] {
        let bytes = bigEndian(count: count * 8)
        return (0..<count).map { index in
            bytes[(count - 1 - index) * 8..<(count - index) * 8].reduce(0) { $0 << 8 | mp_limb_t($1) }
        }
    }
}

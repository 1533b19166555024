import Foundation

/// Writes JSON bytes directly, in the order members are written (the model's order), with no
/// intermediate tree. Commas are placed by looking at the last byte written.
/// Its methods are `@inlinable` so that generated shapes get specialized, non-generic writing code.
public struct JSONWriter: Sendable {
    public var bytes: [UInt8] = []

    @inlinable public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    @inlinable public mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
    @inlinable public mutating func endObject() { bytes.append(UInt8(ascii: "}")) }
    @inlinable public mutating func beginArray() { bytes.append(UInt8(ascii: "[")) }
    @inlinable public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":value` as the next member of the open object; `key` needs no escaping.
    @inlinable public mutating func member<Value: JSONEncodable>(_ key: StaticString, _ value: Value) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        value.writeJSON(to: &self)
    }

    /// Writes `"key":value` as the next member of the open object, escaping `key` as needed.
    @inlinable public mutating func member<Value: JSONEncodable>(named key: String, _ value: Value) {
        separate()
        string(key)
        bytes.append(UInt8(ascii: ":"))
        value.writeJSON(to: &self)
    }

    /// Writes `value` as the next element of the open array.
    @inlinable public mutating func element<Value: JSONEncodable>(_ value: Value) {
        separate()
        value.writeJSON(to: &self)
    }

    /// A comma, unless this is the first member or element of its object or array.
    @inlinable mutating func separate() {
        if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { bytes.append(UInt8(ascii: ",")) }
    }

    @inlinable public mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        let plain = value.withUTF8 { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex.utf8Start[Int(byte >> 4)], hex.utf8Start[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Writes `value` in decimal.
    @inlinable public mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        digits(value.magnitude, minimumCount: 1)
    }

    /// Writes `value` in decimal, with leading zeros up to `minimumCount` digits.
    @inlinable public mutating func digits(_ value: UInt64, minimumCount: Int) {
        var value = value
        var count = 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(value % 10)
                value /= 10
                count += 1
            } while value > 0 || count < minimumCount
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[(20 - count)...]))
        }
    }

    @inlinable public mutating func raw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    @inlinable public mutating func null() { raw("null") }
}

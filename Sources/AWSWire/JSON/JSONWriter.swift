import Foundation

/// Writes JSON bytes directly, in the order members are written (the model's order), with no
/// intermediate tree. Commas are placed by looking at the last byte written.
///
/// The bytes go to memory the writer owns and frees, written through a pointer: appending to an
/// `[UInt8]` cost a uniqueness check and a generic `append(contentsOf:)` call for every key and
/// value, about half of the time DescribeUserPool spent encoding its 4 KB answer. The writer is
/// therefore not copyable; it is used in place (`inout`) and read once, through ``bytes``.
/// Its methods are `@inlinable` so that generated shapes get specialized, non-generic writing code.
public struct JSONWriter: ~Copyable {
    @usableFromInline var start: UnsafeMutablePointer<UInt8>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    /// A writer with room for `capacity` bytes before it has to grow.
    @inlinable public init(capacity: Int = 1024) {
        self.capacity = Swift.max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The JSON written so far.
    public var bytes: [UInt8] { Array(UnsafeBufferPointer(start: start, count: count)) }

    @inlinable public mutating func beginObject() { raw(byte: UInt8(ascii: "{")) }
    @inlinable public mutating func endObject() { raw(byte: UInt8(ascii: "}")) }
    @inlinable public mutating func beginArray() { raw(byte: UInt8(ascii: "[")) }
    @inlinable public mutating func endArray() { raw(byte: UInt8(ascii: "]")) }

    /// Writes `"key":value` as the next member of the open object; `key` needs no escaping.
    @inlinable public mutating func member<Value: JSONEncodable>(_ key: StaticString, _ value: Value) {
        memberKey(key)
        value.writeJSON(to: &self)
    }

    /// Writes a member of the open object whose value `write` writes in place (an object or array
    /// built member by member).
    @inlinable public mutating func member(_ key: StaticString, writing write: (inout JSONWriter) -> Void) {
        memberKey(key)
        write(&self)
    }

    /// A separator if needed, then `"key":`.
    @inlinable mutating func memberKey(_ key: StaticString) {
        separate()
        // `withUTF8Buffer`, not `utf8Start`: a one-character key is stored as a scalar, not a pointer.
        key.withUTF8Buffer { key in
            reserve(key.count + 3)
            start[count] = UInt8(ascii: "\"")
            if let base = key.baseAddress { (start + count + 1).update(from: base, count: key.count) }
            start[count + 1 + key.count] = UInt8(ascii: "\"")
            start[count + 2 + key.count] = UInt8(ascii: ":")
            count += key.count + 3
        }
    }

    /// Writes `"key":value` as the next member of the open object, escaping `key` as needed.
    @inlinable public mutating func member<Value: JSONEncodable>(named key: String, _ value: Value) {
        separate()
        string(key)
        raw(byte: UInt8(ascii: ":"))
        value.writeJSON(to: &self)
    }

    /// Writes `value` as the next element of the open array.
    @inlinable public mutating func element<Value: JSONEncodable>(_ value: Value) {
        separate()
        value.writeJSON(to: &self)
    }

    /// A comma, unless this is the first member or element of its object or array.
    @inlinable mutating func separate() {
        guard count > 0 else { return }
        let last = start[count - 1]
        if last != UInt8(ascii: "{"), last != UInt8(ascii: "[") { raw(byte: UInt8(ascii: ",")) }
    }

    @inlinable public mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// Writes the UTF-8 text `utf8` as a JSON string: copied as it is unless it holds a byte to escape.
    @inlinable mutating func string(utf8: UnsafeBufferPointer<UInt8>) {
        reserve(utf8.count + 2)
        start[count] = UInt8(ascii: "\"")
        var written = count + 1
        for byte in utf8 {
            guard byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\") else {
                escapedString(utf8)
                return
            }
            start[written] = byte
            written += 1
        }
        start[written] = UInt8(ascii: "\"")
        count = written + 1
    }

    /// Writes `utf8` as a JSON string, escaping quotes, backslashes and control characters.
    @usableFromInline mutating func escapedString(_ utf8: UnsafeBufferPointer<UInt8>) {
        raw(byte: UInt8(ascii: "\""))
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case UInt8(ascii: "\n"): raw("\\n")
            case UInt8(ascii: "\r"): raw("\\r")
            case UInt8(ascii: "\t"): raw("\\t")
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                raw("\\u00")
                raw(byte: hex.utf8Start[Int(byte >> 4)])
                raw(byte: hex.utf8Start[Int(byte & 0xF)])
            default: raw(byte: byte)
            }
        }
        raw(byte: UInt8(ascii: "\""))
    }

    /// Writes `value` in decimal.
    @inlinable public mutating func integer(_ value: Int64) {
        if value < 0 { raw(byte: UInt8(ascii: "-")) }
        digits(value.magnitude, minimumCount: 1)
    }

    /// Writes `value` in decimal, with leading zeros up to `minimumCount` digits.
    @inlinable public mutating func digits(_ value: UInt64, minimumCount: Int) {
        var length = 1
        var rest = value / 10
        while rest > 0 { length += 1; rest /= 10 }
        length = Swift.max(length, minimumCount)
        reserve(length)
        var value = value
        for offset in (0..<length).reversed() {
            start[count + offset] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
        }
        count += length
    }

    /// Writes `text` as it is.
    @inlinable public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { raw(utf8: $0) }
    }

    /// Writes `text` as it is.
    @inlinable public mutating func raw(text: String) {
        var text = text
        text.withUTF8 { raw(utf8: $0) }
    }

    /// Writes the bytes of `utf8` as they are.
    @inlinable mutating func raw(utf8: UnsafeBufferPointer<UInt8>) {
        reserve(utf8.count)
        if let base = utf8.baseAddress { (start + count).update(from: base, count: utf8.count) }
        count += utf8.count
    }

    /// Writes one byte as it is.
    @inlinable public mutating func raw(byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inlinable public mutating func null() { raw("null") }

    /// Makes room for `more` bytes after those written.
    @inlinable mutating func reserve(_ more: Int) {
        if count + more > capacity { grow(toHold: count + more) }
    }

    /// Moves the bytes to a block of at least twice the capacity and at least `minimum` bytes.
    @usableFromInline mutating func grow(toHold minimum: Int) {
        let newCapacity = Swift.max(capacity * 2, minimum)
        let newStart = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStart.update(from: start, count: count)
        start.deallocate()
        start = newStart
        capacity = newCapacity
    }
}

/// A writer owns its memory and is never shared.
extension JSONWriter: @unchecked Sendable {}

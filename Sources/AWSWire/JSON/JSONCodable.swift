import Foundation

/// A value that reads itself from a parsed JSON tree. Generated shapes conform, and so do the
/// scalars, lists and maps they are made of. `null` members never reach `init(json:)`: a structure
/// skips them, as AWS treats them as absent.
public protocol JSONDecodable {
    init(json: JSONNode) throws(JSONDecodeFailure)
}

/// A value that writes itself as JSON.
public protocol JSONEncodable {
    func writeJSON(to writer: inout JSONWriter)
}

public typealias JSONCodable = JSONDecodable & JSONEncodable

extension String: JSONCodable {
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .string(let value) = json else { throw JSONDecodeFailure(expected: "string") }
        self = value
    }

    @inlinable public func writeJSON(to writer: inout JSONWriter) { writer.string(self) }
}

extension Int: JSONCodable {
    /// The model's `integer` is a 32-bit Java int.
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .number(let text) = json, let value = Int32(text) else { throw JSONDecodeFailure(expected: "integer") }
        self = Int(value)
    }

    @inlinable public func writeJSON(to writer: inout JSONWriter) { writer.integer(Int64(self)) }
}

extension Int64: JSONCodable {
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .number(let text) = json, let value = Int64(text) else { throw JSONDecodeFailure(expected: "long") }
        self = value
    }

    @inlinable public func writeJSON(to writer: inout JSONWriter) { writer.integer(self) }
}

extension Bool: JSONCodable {
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .bool(let value) = json else { throw JSONDecodeFailure(expected: "boolean") }
        self = value
    }

    @inlinable public func writeJSON(to writer: inout JSONWriter) { writer.raw(self ? "true" : "false") }
}

extension Double: JSONCodable {
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .number(let text) = json, let value = Double(text) else { throw JSONDecodeFailure(expected: "number") }
        self = value
    }

    @inlinable public func writeJSON(to writer: inout JSONWriter) {
        if isFinite { writer.raw(text: description) } else { writer.null() }
    }
}

extension Date: JSONCodable {
    /// Epoch seconds, as AWS's JSON protocol sends timestamps.
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .number(let text) = json, let seconds = Double(text) else { throw JSONDecodeFailure(expected: "timestamp") }
        self.init(timeIntervalSince1970: seconds)
    }

    /// Epoch seconds with at most three decimals (`1547833345.777`), as Cognito writes them.
    @inlinable public func writeJSON(to writer: inout JSONWriter) {
        let milliseconds = Int64((timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        if milliseconds < 0 && seconds == 0 { writer.raw("-") }
        writer.integer(seconds)
        guard fraction != 0 else { return }
        var digits = abs(fraction)  // 1...999: three decimals, trailing zeros dropped
        var count = 3
        while digits % 10 == 0 { digits /= 10; count -= 1 }
        writer.raw(byte: UInt8(ascii: "."))
        writer.digits(UInt64(digits), minimumCount: count)
    }
}

extension Data: JSONCodable {
    /// Base64, as AWS's JSON protocol sends blobs.
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .string(let text) = json, let data = Data(base64Encoded: text) else { throw JSONDecodeFailure(expected: "blob") }
        self = data
    }

    @inlinable public func writeJSON(to writer: inout JSONWriter) { writer.string(base64EncodedString()) }
}

extension Array: JSONDecodable where Element: JSONDecodable {
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .array(let items) = json else { throw JSONDecodeFailure(expected: "list") }
        self.init()
        reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do throws(JSONDecodeFailure) {
                append(try Element(json: item))
            } catch {
                throw error.atIndex(index)
            }
        }
    }
}

extension Array: JSONEncodable where Element: JSONEncodable {
    /// Elements are read in place by index: `for element in self` would copy each one.
    @inlinable public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        for index in indices { writer.element(self[index]) }
        writer.endArray()
    }
}

extension Dictionary: JSONDecodable where Key == String, Value: JSONDecodable {
    /// A map; members whose value is `null` are left out.
    @inlinable public init(json: JSONNode) throws(JSONDecodeFailure) {
        guard case .object(let members) = json else { throw JSONDecodeFailure(expected: "map") }
        self.init(minimumCapacity: members.count)
        for (key, value) in members {
            if case .null = value { continue }
            do throws(JSONDecodeFailure) {
                self[key] = try Value(json: value)
            } catch {
                throw error.inside(key)
            }
        }
    }
}

extension Dictionary: JSONEncodable where Key == String, Value: JSONEncodable {
    /// Keys in sorted order, so that the same map always writes the same bytes.
    @inlinable public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        for key in keys.sorted() { writer.member(named: key, self[key]!) }
        writer.endObject()
    }
}

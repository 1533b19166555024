import AWSWire
import Foundation

/// A JSON object sealed under a server key as URL-safe text (base64url without padding): what the
/// OAuth endpoints hand out and take back, with no store read to open it.
enum SealedText {
    /// `fields` as a JSON object, sealed for `context`.
    static func seal(_ context: String, with key: SealingKey, random: RandomSource, _ fields: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter(capacity: 400)
        writer.beginObject()
        fields(&writer)
        writer.endObject()
        return key.seal(writer.bytes, context: context, random: random).base64URLEncoded
    }

    /// The object `text` holds, or `nil` when it was not sealed for `context` with `key`.
    static func open(_ text: String, context: String, with key: SealingKey) -> JSONNode? {
        guard text.utf8.count <= 8_192, let sealed = Data(base64URLEncoded: text), let plain = key.open(sealed, context: context) else {
            return nil
        }
        return try? JSONNode(parsing: [UInt8](plain))
    }

    /// A time written as seconds since 1970.
    static func date(_ node: JSONNode?) -> Date? {
        guard case .number(let text)? = node, let seconds = Double(text) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}

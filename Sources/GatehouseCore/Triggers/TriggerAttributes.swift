import AWSWire
import CognitoModel

/// How events carry attributes and metadata: as JSON maps of strings, `null` when the call gave none.
enum TriggerAttributes {
    /// Name–value pairs as a map; a pair without a value is left out.
    static func map(_ attributes: [AttributeType]) -> [String: String] {
        var map: [String: String] = [:]
        for attribute in attributes {
            if let name = attribute.name, let value = attribute.value { map[name] = value }
        }
        return map
    }

    /// Writes `map`, or `null` for none.
    static func writer(_ map: [String: String]?) -> (inout JSONWriter) -> Void {
        { writer in
            if let map { map.writeJSON(to: &writer) } else { writer.null() }
        }
    }
}

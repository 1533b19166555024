extension JSONNode: JSONEncodable {
    /// Writes the node as it was parsed: members in their order, numbers in their own text.
    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .object(let members):
            writer.beginObject()
            for member in members { writer.member(named: member.key, member.value) }
            writer.endObject()
        case .array(let items):
            writer.beginArray()
            for item in items { writer.element(item) }
            writer.endArray()
        case .string(let value): writer.string(value)
        case .number(let text): writer.raw(text: text)
        case .bool(let value): value.writeJSON(to: &writer)
        case .null: writer.null()
        }
    }
}

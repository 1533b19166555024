import AWSWire
import GatehouseStorage

/// The grammar of ListUsers' Filter: `AttributeName Filter-Type "AttributeValue"`, where
/// Filter-Type is `=` (exact) or `^=` (starts with), and a quotation mark or backslash in the value
/// is escaped with a backslash. Spaces around the parts are optional.
public enum UserFilterGrammar {
    /// Parses a Filter into the attribute name, value and match as written (``UserIdentityRules``
    /// then checks the name and normalizes the value); `nil` for an empty Filter (or only spaces),
    /// which lists every user.
    /// - Throws: `InvalidParameterException` "Error while parsing filter." for anything else.
    public static func parse(_ text: String) throws(AWSServiceError) -> UserFilter? {
        let failure = AWSServiceError.invalidParameterException("Error while parsing filter.")
        var characters = Substring(text)
        func skipSpaces() { characters = characters.drop { $0 == " " } }
        skipSpaces()
        if characters.isEmpty { return nil }
        let name = characters.prefix { $0 != " " && $0 != "=" && $0 != "^" && $0 != "\"" }
        characters = characters.dropFirst(name.count)
        skipSpaces()
        let prefix: Bool
        if characters.hasPrefix("^=") { prefix = true; characters = characters.dropFirst(2) }
        else if characters.hasPrefix("=") { prefix = false; characters = characters.dropFirst() }
        else { throw failure }
        skipSpaces()
        guard !name.isEmpty, characters.first == "\"" else { throw failure }
        characters = characters.dropFirst()
        var value = ""
        while true {
            guard let character = characters.popFirst() else { throw failure }
            if character == "\"" { break }
            if character == "\\" {
                guard let escaped = characters.popFirst() else { throw failure }
                value.append(escaped)
            } else {
                value.append(character)
            }
        }
        skipSpaces()
        guard characters.isEmpty else { throw failure }
        return UserFilter(name: String(name), value: value, prefix: prefix)
    }
}

import AWSWire
import CognitoModel
import Foundation

/// How Cognito checks the attributes a call writes against the pool's schema, with the wording of
/// docs/evidence/users.md: at creation (AdminCreateUser, SignUp) every problem is listed after
/// "Attributes did not conform to the schema: ", on update each is "user.<name>: <reason>".
public struct UserAttributeRules: Sendable {
    private let schema: [String: SchemaAttributeType]
    /// The attributes every user must have, but `sub`, which every user has.
    public let requiredNames: [String]
    /// In a pool whose usernames are not case-sensitive, email and preferred_username are too: they
    /// are kept and shown lowercase.
    private let caseSensitive: Bool

    public init(pool: UserPoolType) {
        let attributes = pool.schemaAttributes ?? StandardSchema.attributes
        schema = Dictionary(attributes.map { ($0.name ?? "", $0) }) { first, _ in first }
        requiredNames = attributes.filter { $0.required == true && $0.name != "sub" }.compactMap(\.name)
        caseSensitive = pool.usernameConfiguration?.caseSensitive ?? true
    }

    /// The attributes of a new user, checked and normalized, in the order given; empty values are
    /// dropped. `present` names attributes the user will have from elsewhere (the username as email).
    /// - Throws: `InvalidParameterException`: a missing value, `sub`, the schema problems, or a
    ///   malformed email or phone number.
    public func creating(_ attributes: [AttributeType], present: Set<String> = []) throws(AWSServiceError) -> [AttributeType] {
        var problems: [String] = []
        var result: [AttributeType] = []
        for attribute in attributes {
            let (name, value) = try Self.nameAndValue(attribute)
            if let problem = try problem(name: name, value: value, updating: false) {
                problems.append("\(name): \(problem)")
            } else if !value.isEmpty {
                result.removeAll { $0.name == name }
                result.append(AttributeType(name: name, value: normalized(name, value)))
            }
        }
        let names = Set(result.compactMap(\.name)).union(present)
        problems += requiredNames.filter { !names.contains($0) }.map { "\($0): The attribute is required." }
        guard problems.isEmpty else {
            throw .invalidParameterException("Attributes did not conform to the schema: " + problems.map { $0 + "\n" }.joined())
        }
        return result
    }

    /// The changes an update makes, checked and normalized: each name with its new value, `nil`
    /// for an empty value, which removes the attribute.
    /// - Throws: `InvalidParameterException` as ``creating(_:present:)``, and for an immutable attribute.
    public func updating(_ attributes: [AttributeType]) throws(AWSServiceError) -> [(name: String, value: String?)] {
        var problems: [String] = []
        var changes: [(name: String, value: String?)] = []
        for attribute in attributes {
            let (name, value) = try Self.nameAndValue(attribute)
            if let problem = try problem(name: name, value: value, updating: true) {
                problems.append("user.\(name): \(problem)\n")
            } else {
                changes.append((name, value.isEmpty ? nil : normalized(name, value)))
            }
        }
        guard problems.isEmpty else { throw .invalidParameterException(problems.joined()) }
        return changes
    }

    /// Checks that the attributes `names` may be deleted.
    /// - Throws: `InvalidParameterException` for `sub`, a name not in the schema, an immutable or
    ///   a required attribute.
    public func deleting(_ names: [String]) throws(AWSServiceError) {
        var problems: [String] = []
        for name in names {
            if name == "sub" { throw .invalidParameterException("Cannot modify the non-mutable attribute sub") }
            guard let attribute = schema[name] else {
                problems.append("user.\(name): Attribute does not exist in the schema.\n")
                continue
            }
            if attribute.mutable == false { problems.append("user.\(name): Attribute cannot be updated.\n") }
            else if attribute.required == true { problems.append("user.\(name): The attribute is required.\n") }
        }
        guard problems.isEmpty else { throw .invalidParameterException(problems.joined()) }
    }

    private static func nameAndValue(_ attribute: AttributeType) throws(AWSServiceError) -> (String, String) {
        let name = attribute.name ?? ""
        guard let value = attribute.value else { throw .invalidParameterException("Attribute value for \(name) must not be null") }
        if name == "sub" { throw .invalidParameterException("Cannot modify the non-mutable attribute sub") }
        return (name, value)
    }

    /// What is wrong with setting `name` to `value`, as the schema sees it; `nil` when nothing is.
    /// - Throws: `InvalidParameterException` for a malformed email or phone number, which Cognito
    ///   reports on its own.
    private func problem(name: String, value: String, updating: Bool) throws(AWSServiceError) -> String? {
        guard let attribute = schema[name] else { return "Attribute does not exist in the schema." }
        if updating, attribute.mutable == false { return "Attribute cannot be updated." }
        guard !value.isEmpty else { return nil }
        switch attribute.attributeDataType {
        case .number?:
            guard let number = Double(value) else { return "Number is not valid" }
            let constraints = attribute.numberAttributeConstraints
            if let min = constraints?.minValue.flatMap(Double.init), number < min { return "Number must be no less than \(constraints!.minValue!)" }
            if let max = constraints?.maxValue.flatMap(Double.init), number > max { return "Number must be no greater than \(constraints!.maxValue!)" }
        case .boolean?:
            guard Self.isBoolean(value) else { return "Boolean must be true or false" }
        case .datetime?:
            break
        default:
            let length = value.utf16.count
            let constraints = attribute.stringAttributeConstraints
            if let min = constraints?.minLength.flatMap(Int.init), length < min { return "String must be no shorter than \(min) characters" }
            if let max = constraints?.maxLength.flatMap(Int.init), length > max { return "String must be no longer than \(max) characters" }
        }
        if name == "email", !Self.isEmailAddress(value) { throw .invalidParameterException("Invalid email address format.") }
        if name == "phone_number", !Self.isPhoneNumber(value) { throw .invalidParameterException("Invalid phone number format.") }
        return nil
    }

    /// Whether a Boolean attribute's value is true: Cognito takes `true` and `false` in any case
    /// ("True" from AdminCreateUser verifies an email, docs/compatibility.md) and keeps them as given.
    public static func isTrue(_ value: String?) -> Bool {
        value?.lowercased() == "true"
    }

    /// Whether `value` is a Boolean attribute's value, `true` or `false` in any case.
    static func isBoolean(_ value: String) -> Bool {
        isTrue(value) || value.lowercased() == "false"
    }

    private func normalized(_ name: String, _ value: String) -> String {
        caseSensitive || (name != "email" && name != "preferred_username") ? value : value.lowercased()
    }

    /// A local part and a domain around one "@", neither empty, without spaces (docs/compatibility.md).
    public static func isEmailAddress(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty } && !value.contains(where: \.isWhitespace)
    }

    /// E.164: "+", then 2 to 15 digits, the first not 0 (docs/compatibility.md).
    public static func isPhoneNumber(_ value: String) -> Bool {
        let digits = value.utf8.dropFirst()
        return value.utf8.first == UInt8(ascii: "+") && (2...15).contains(digits.count)
            && digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && digits.first != UInt8(ascii: "0")
    }
}

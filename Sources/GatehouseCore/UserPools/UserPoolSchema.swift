import AWSWire
import CognitoModel

/// A pool's attribute schema: the standard attributes, customised by CreateUserPool's `Schema`,
/// followed by custom attributes (`custom:…`, or `dev:custom:…` when developer-only), which only
/// AddCustomAttributes can add later (docs/cognito-notes.md §1.3–1.4).
public enum UserPoolSchema {
    /// At most 50 custom attributes per pool.
    public static let customAttributeLimit = 50

    /// The schema of a new pool: standard attributes in their order, with `Required`, `Mutable` and
    /// constraints customised where `requested` names them, then the requested custom attributes.
    public static func initial(_ requested: [SchemaAttributeType]?) throws(AWSServiceError) -> [SchemaAttributeType] {
        var schema = StandardSchema.attributes
        var custom: [SchemaAttributeType] = []
        for attribute in requested ?? [] {
            let name = attribute.name ?? ""
            if let index = schema.firstIndex(where: { $0.name == name }) {
                schema[index] = try customised(schema[index], with: attribute)
            } else {
                custom.append(try customAttribute(attribute))
            }
        }
        return try appending(custom, to: schema)
    }

    /// `schema` with `additions` appended.
    /// - Throws: `InvalidParameterException` for a name that exists already ("custom:x: Existing
    ///   attribute already has name dev:custom:x.", docs/compatibility.md) or beyond 50 custom attributes.
    public static func appending(_ additions: [SchemaAttributeType], to schema: [SchemaAttributeType]) throws(AWSServiceError) -> [SchemaAttributeType] {
        var result = schema
        for attribute in additions {
            let name = attribute.name ?? ""
            let bareName = name.replacingOccurrences(of: "dev:", with: "")
            if let existing = result.first(where: { $0.name?.replacingOccurrences(of: "dev:", with: "") == bareName })?.name {
                throw .invalidParameterException("\(bareName): Existing attribute already has name \(existing).")
            }
            result.append(attribute)
        }
        if result.count - StandardSchema.attributes.count > customAttributeLimit {
            throw .invalidParameterException("A user pool can have at most \(customAttributeLimit) custom attributes.")
        }
        return result
    }

    /// A requested custom attribute as the pool stores it: prefixed name, defaults filled in, and only
    /// the constraints of its data type kept.
    public static func customAttribute(_ requested: SchemaAttributeType) throws(AWSServiceError) -> SchemaAttributeType {
        let name = requested.name ?? ""
        guard let type = requested.attributeDataType, type.isKnown else {
            throw .invalidParameterException("Invalid AttributeDataType input, consider using the provided AttributeDataType enum.")
        }
        if requested.required == true {
            throw .invalidParameterException("Required custom attributes are not supported currently.")
        }
        let developerOnly = requested.developerOnlyAttribute ?? false
        let fullName = (developerOnly ? "dev:custom:" : "custom:") + name
        var attribute = SchemaAttributeType(
            name: fullName, attributeDataType: type,
            developerOnlyAttribute: developerOnly, mutable: requested.mutable ?? true, required: false)
        switch type {
        case .string:
            attribute.stringAttributeConstraints = try stringConstraints(requested.stringAttributeConstraints, name: fullName)
        case .number:
            attribute.numberAttributeConstraints = try numberConstraints(requested.numberAttributeConstraints, name: fullName)
        default:
            break
        }
        return attribute
    }

    static func customised(_ standard: SchemaAttributeType, with requested: SchemaAttributeType) throws(AWSServiceError) -> SchemaAttributeType {
        let name = standard.name ?? ""
        if let type = requested.attributeDataType, type != standard.attributeDataType {
            throw .invalidParameterException(
                "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute \(name)")
        }
        if requested.developerOnlyAttribute == true {
            throw .invalidParameterException(
                "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute \(name)")
        }
        var attribute = standard
        attribute.required = requested.required ?? standard.required
        attribute.mutable = requested.mutable ?? standard.mutable
        if standard.attributeDataType == .string, let constraints = requested.stringAttributeConstraints {
            attribute.stringAttributeConstraints = try stringConstraints(constraints, name: name)
        }
        if standard.attributeDataType == .number, let constraints = requested.numberAttributeConstraints {
            attribute.numberAttributeConstraints = try numberConstraints(constraints, name: name)
        }
        return attribute
    }

    /// String lengths are whole numbers 0…2048 and MaxLength is not below MinLength (the messages
    /// are moto's, docs/compatibility.md).
    /// - Parameter name: the attribute's name as the pool keeps it (`custom:x` for a custom one).
    static func stringConstraints(_ constraints: StringAttributeConstraintsType?, name: String) throws(AWSServiceError) -> StringAttributeConstraintsType? {
        guard let constraints else { return nil }
        func length(_ text: String?, default value: Int) -> Int? {
            guard let text else { return value }
            return Int(text).flatMap { $0 >= 0 ? $0 : nil }
        }
        guard let minimum = length(constraints.minLength, default: 0), let maximum = length(constraints.maxLength, default: 2048) else {
            throw .invalidParameterException("Invalid StringAttributeConstraints for schema attribute \(name)")
        }
        if maximum > 2048 {
            throw .invalidParameterException("user.\(name): String attributes cannot have a length of more than 2048")
        }
        if maximum < minimum {
            throw .invalidParameterException("user.\(name): Max length cannot be less than min length.")
        }
        return constraints
    }

    /// Number bounds are numbers and MaxValue is not below MinValue (the messages are moto's,
    /// docs/compatibility.md).
    /// - Parameter name: the attribute's name as the pool keeps it (`custom:x` for a custom one).
    static func numberConstraints(_ constraints: NumberAttributeConstraintsType?, name: String) throws(AWSServiceError) -> NumberAttributeConstraintsType? {
        guard let constraints else { return nil }
        let bounds = [constraints.minValue, constraints.maxValue].map { text in text.map { Double($0) } }
        if bounds.contains(where: { $0 == .some(nil) }) {
            throw .invalidParameterException("Invalid NumberAttributeConstraints for schema attribute \(name)")
        }
        if let minimum = bounds[0] ?? nil, let maximum = bounds[1] ?? nil, maximum < minimum {
            throw .invalidParameterException("user.\(name): Max value cannot be less than min value.")
        }
        return constraints
    }
}

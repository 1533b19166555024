import AWSWire
import CognitoModel

/// A pool's attribute schema: the standard attributes, customised by CreateUserPool's `Schema`,
/// followed by custom attributes (`custom:…`, or `dev:custom:…` when developer-only), which only
/// AddCustomAttributes can add later (COGNITO-NOTES §1.3–1.4).
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
    /// - Throws: `InvalidParameterException` for a name that exists already or beyond 50 custom attributes.
    public static func appending(_ additions: [SchemaAttributeType], to schema: [SchemaAttributeType]) throws(AWSServiceError) -> [SchemaAttributeType] {
        var result = schema
        for attribute in additions {
            let name = attribute.name ?? ""
            let bareName = name.replacingOccurrences(of: "dev:", with: "")
            if result.contains(where: { $0.name?.replacingOccurrences(of: "dev:", with: "") == bareName }) {
                throw .invalidParameterException("Existing attribute already has name \(name).")
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
        var attribute = SchemaAttributeType(
            name: (developerOnly ? "dev:custom:" : "custom:") + name, attributeDataType: type,
            developerOnlyAttribute: developerOnly, mutable: requested.mutable ?? true, required: false)
        switch type {
        case .string:
            attribute.stringAttributeConstraints = try stringConstraints(requested.stringAttributeConstraints, name: name)
        case .number:
            attribute.numberAttributeConstraints = requested.numberAttributeConstraints
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
            attribute.numberAttributeConstraints = constraints
        }
        return attribute
    }

    /// String lengths are 0…2048 and MaxLength is not below MinLength.
    static func stringConstraints(_ constraints: StringAttributeConstraintsType?, name: String) throws(AWSServiceError) -> StringAttributeConstraintsType? {
        guard let constraints else { return nil }
        let minimum = constraints.minLength.flatMap { Int($0) } ?? 0
        let maximum = constraints.maxLength.flatMap { Int($0) } ?? 2048
        if maximum > 2048 {
            throw .invalidParameterException("user.\(name): String attributes cannot have a length of more than 2048")
        }
        if maximum < minimum {
            throw .invalidParameterException("user.\(name): Max length cannot be less than min length.")
        }
        return constraints
    }
}

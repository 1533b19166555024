import CognitoModel

/// The 20 standard attributes every user pool has, in the order Cognito lists them
/// (docs/cognito-notes.md §1.3). Constraint values are strings, as in the model.
public enum StandardSchema {
    public static let attributes: [SchemaAttributeType] = [
        string("sub", mutable: false, required: true, min: "1"),
        string("name"), string("given_name"), string("family_name"), string("middle_name"), string("nickname"),
        string("preferred_username"), string("profile"), string("picture"), string("website"), string("email"),
        boolean("email_verified"),
        string("gender"),
        string("birthdate", min: "10", max: "10"),
        string("zoneinfo"), string("locale"), string("phone_number"),
        boolean("phone_number_verified"),
        string("address"),
        SchemaAttributeType(name: "updated_at", attributeDataType: .number, developerOnlyAttribute: false, mutable: true,
                            required: false, numberAttributeConstraints: NumberAttributeConstraintsType(minValue: "0")),
    ]

    /// The standard attribute with this name, if any.
    public static func attribute(named name: String) -> SchemaAttributeType? {
        attributes.first { $0.name == name }
    }

    static func string(_ name: String, mutable: Bool = true, required: Bool = false,
                       min: String = "0", max: String = "2048") -> SchemaAttributeType {
        SchemaAttributeType(name: name, attributeDataType: .string, developerOnlyAttribute: false, mutable: mutable,
                            required: required,
                            stringAttributeConstraints: StringAttributeConstraintsType(minLength: min, maxLength: max))
    }

    static func boolean(_ name: String) -> SchemaAttributeType {
        SchemaAttributeType(name: name, attributeDataType: .boolean, developerOnlyAttribute: false, mutable: true, required: false)
    }
}

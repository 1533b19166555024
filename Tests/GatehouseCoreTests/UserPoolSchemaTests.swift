import AWSWire
import CognitoModel
import GatehouseCore
import XCTest

/// Standard and custom attributes (docs/cognito-notes.md §1.3–1.4).
final class UserPoolSchemaTests: XCTestCase {
    func testANewPoolHasTheTwentyStandardAttributesInOrder() throws {
        let schema = try UserPoolSchema.initial(nil)
        XCTAssertEqual(schema.compactMap(\.name), [
            "sub", "name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
            "picture", "website", "email", "email_verified", "gender", "birthdate", "zoneinfo", "locale",
            "phone_number", "phone_number_verified", "address", "updated_at"])
        XCTAssertEqual(schema[0].stringAttributeConstraints, StringAttributeConstraintsType(minLength: "1", maxLength: "2048"))
        XCTAssertNil(schema[11].stringAttributeConstraints)
        XCTAssertEqual(schema[19].numberAttributeConstraints, NumberAttributeConstraintsType(minValue: "0"))
    }

    func testAStandardAttributeCanBeMadeRequiredInPlace() throws {
        let schema = try UserPoolSchema.initial([SchemaAttributeType(name: "email", attributeDataType: .string, required: true)])
        XCTAssertEqual(schema.count, 20)
        XCTAssertEqual(schema[10].name, "email")
        XCTAssertEqual(schema[10].required, true)
    }

    func testCustomAttributesArePrefixedAndKeepOnlyTheirTypesConstraints() throws {
        let schema = try UserPoolSchema.initial([
            SchemaAttributeType(name: "age", attributeDataType: .number,
                                numberAttributeConstraints: NumberAttributeConstraintsType(minValue: "1"),
                                stringAttributeConstraints: StringAttributeConstraintsType(minLength: "1")),
            SchemaAttributeType(name: "secret", attributeDataType: .string, developerOnlyAttribute: true),
        ])
        XCTAssertEqual(schema[20], SchemaAttributeType(name: "custom:age", attributeDataType: .number, developerOnlyAttribute: false,
                                                       mutable: true, required: false,
                                                       numberAttributeConstraints: NumberAttributeConstraintsType(minValue: "1")))
        XCTAssertEqual(schema[21].name, "dev:custom:secret")
    }

    func testRefusedSchemas() {
        let cases: [(SchemaAttributeType, String)] = [
            (SchemaAttributeType(name: "x", attributeDataType: .string, required: true), "Required custom attributes are not supported currently."),
            (SchemaAttributeType(name: "x"), "Invalid AttributeDataType input, consider using the provided AttributeDataType enum."),
            (SchemaAttributeType(name: "email", attributeDataType: .number),
             "You can not change AttributeDataType or set developerOnlyAttribute for standard schema attribute email"),
            (SchemaAttributeType(name: "x", attributeDataType: .string, stringAttributeConstraints: StringAttributeConstraintsType(maxLength: "4096")),
             "user.custom:x: String attributes cannot have a length of more than 2048"),
            (SchemaAttributeType(name: "x", attributeDataType: .string, stringAttributeConstraints: StringAttributeConstraintsType(minLength: "5", maxLength: "2")),
             "user.custom:x: Max length cannot be less than min length."),
            (SchemaAttributeType(name: "x", attributeDataType: .string, stringAttributeConstraints: StringAttributeConstraintsType(minLength: "one")),
             "Invalid StringAttributeConstraints for schema attribute custom:x"),
            (SchemaAttributeType(name: "x", attributeDataType: .string, stringAttributeConstraints: StringAttributeConstraintsType(maxLength: "-1")),
             "Invalid StringAttributeConstraints for schema attribute custom:x"),
            (SchemaAttributeType(name: "x", attributeDataType: .number, numberAttributeConstraints: NumberAttributeConstraintsType(maxValue: "ten")),
             "Invalid NumberAttributeConstraints for schema attribute custom:x"),
            (SchemaAttributeType(name: "x", attributeDataType: .number, numberAttributeConstraints: NumberAttributeConstraintsType(minValue: "5", maxValue: "2")),
             "user.custom:x: Max value cannot be less than min value."),
            (SchemaAttributeType(name: "updated_at", numberAttributeConstraints: NumberAttributeConstraintsType(minValue: "9", maxValue: "1")),
             "user.updated_at: Max value cannot be less than min value."),
        ]
        for (attribute, message) in cases {
            XCTAssertThrowsError(try UserPoolSchema.initial([attribute])) {
                XCTAssertEqual($0 as? AWSServiceError, .invalidParameterException(message))
            }
        }
    }

    func testAnExistingNameCannotBeAddedAgain() throws {
        let schema = try UserPoolSchema.initial([SchemaAttributeType(name: "team", attributeDataType: .string)])
        let again = try UserPoolSchema.customAttribute(SchemaAttributeType(name: "team", attributeDataType: .string))
        XCTAssertThrowsError(try UserPoolSchema.appending([again], to: schema)) {
            XCTAssertEqual($0 as? AWSServiceError, .invalidParameterException("custom:team: Existing attribute already has name custom:team."))
        }
        let secret = try UserPoolSchema.initial([SchemaAttributeType(name: "secret", attributeDataType: .string, developerOnlyAttribute: true)])
        let visible = try UserPoolSchema.customAttribute(SchemaAttributeType(name: "secret", attributeDataType: .string))
        XCTAssertThrowsError(try UserPoolSchema.appending([visible], to: secret)) {
            XCTAssertEqual($0 as? AWSServiceError,
                           .invalidParameterException("custom:secret: Existing attribute already has name dev:custom:secret."))
        }
    }
}

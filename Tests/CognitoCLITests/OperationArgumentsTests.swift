@testable import CognitoCLI
import AWSWire
import CognitoModel
import XCTest

/// Options as the AWS CLI's argparse reads them, and values as the AWS CLI turns them into JSON.
final class OperationArgumentsTests: XCTestCase {
    let model = ServiceDescription.model

    func body(_ command: String, _ arguments: [String]) throws -> String {
        let operation = try XCTUnwrap(model.operations.first { $0.commandName == command })
        let parsed = try OperationArguments(arguments, operation: operation, model: model)
        guard case .structure(let members) = model.shape(operation.input).kind else { return "" }
        let values = ParameterValues(model: model, environment: [:])
        var pairs: [(key: String, value: JSONNode)] = []
        for member in members {
            if let words = parsed.words[member.name] { pairs.append((member.name, try values.value(of: member, words: words))) }
        }
        return JSONOutput.compact(.object(pairs))
    }

    func testPrefixesBooleansListsAndLastValueWins() throws {
        XCTAssertEqual(try body("admin-create-user", ["--usern", "a", "--user-pool-id=p", "--username", "b",
                                                      "--force-alias-creation", "--no-force-alias-creation",
                                                      "--desired-delivery-mediums", "EMAIL", "SMS"]),
                       #"{"UserPoolId": "p", "Username": "b", "ForceAliasCreation": false, "DesiredDeliveryMediums": ["EMAIL", "SMS"]}"#)
        XCTAssertEqual(try body("list-users", ["--user-pool-id", "p", "--limit", "-5", "--attributes-to-get"]),
                       #"{"UserPoolId": "p", "AttributesToGet": [], "Limit": -5}"#)
    }

    func testShorthandIsTypedByTheModel() throws {
        XCTAssertEqual(try body("update-user-pool", ["--user-pool-id", "p", "--policies",
                                                     "PasswordPolicy={MinimumLength=8,RequireSymbols=FALSE,Unknown=1}"]),
                       #"{"UserPoolId": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": false, "Unknown": "1"}}}"#)
        // A single value where the model wants a list becomes a one-element list, left untyped inside (as in awscli).
        XCTAssertEqual(try body("update-user-pool", ["--user-pool-id", "p", "--account-recovery-setting",
                                                     "RecoveryMechanisms={Priority=1,Name=verified_email}"]),
                       #"{"UserPoolId": "p", "AccountRecoverySetting": {"RecoveryMechanisms": [{"Priority": "1", "Name": "verified_email"}]}}"#)
    }

    func testErrorsNameTheOption() {
        XCTAssertThrowsError(try body("admin-get-user", ["--username", "u"])) { error in
            XCTAssertEqual(error as? CommandLineError, .usage("the following arguments are required: --user-pool-id"))
        }
        XCTAssertThrowsError(try body("admin-get-user", ["--user", "u"])) { error in
            XCTAssertEqual(error as? CommandLineError, .usage("ambiguous option: --user could match --user-pool-id, --username"))
        }
        XCTAssertThrowsError(try body("admin-get-user", ["--user-pool-id", "--username", "u"])) { error in
            XCTAssertEqual(error as? CommandLineError, .usage("argument --user-pool-id: expected one argument"))
        }
        XCTAssertThrowsError(try body("list-users", ["--user-pool-id", "p", "--limit", "ten"])) { error in
            XCTAssertEqual(error as? CommandLineError, .parameter("Error parsing parameter '--limit': invalid literal for int() with base 10: 'ten'"))
        }
        XCTAssertThrowsError(try body("update-user-pool", ["--user-pool-id", "p", "--policies", "[1]"])) { error in
            XCTAssertEqual(error as? CommandLineError, .parameter("Error parsing parameter '--policies': Invalid JSON:\n[1]"))
        }
        XCTAssertThrowsError(try body("update-user-pool", ["--user-pool-id", "p", "--policies", "PasswordPolicy={MinimumLength=x}"])) { error in
            XCTAssertEqual(error as? CommandLineError, .parameter("Error parsing parameter '--policies': invalid literal for int() with base 10: 'x'"))
        }
    }

    func testEveryOperationHasACommandAndEveryInputMemberAnOption() {
        XCTAssertEqual(model.operations.count, 122)
        XCTAssertEqual(Set(model.operations.map(\.commandName)).count, 122)
        for operation in model.operations {
            guard case .structure(let members) = model.shape(operation.input).kind else { return XCTFail(operation.name) }
            let names = OperationArguments.options(members, pagination: operation.pagination, model: model).map(\.name)
            XCTAssertEqual(Set(names).count, names.count, operation.name)
        }
    }
}

import Foundation
import XCTest

/// The admin user operations and ListUsers end to end in process: Cognito's outputs and errors.
final class UserOperationTests: XCTestCase {
    func testCreateShowsTheUserAsGetDoesWithSubFirst() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let created = try await client.ok("AdminCreateUser", [
                "UserPoolId": pool, "Username": "alice", "MessageAction": "SUPPRESS",
                "UserAttributes": [["Name": "email", "Value": "Alice@Example.com"], ["Name": "email_verified", "Value": "true"]],
            ])["User"] as! [String: Any]
            let attributes = created["Attributes"] as! [[String: String]]
            XCTAssertEqual(attributes.map { $0["Name"]! }, ["sub", "email", "email_verified"])
            XCTAssertEqual(attributes[1]["Value"], "Alice@Example.com")
            XCTAssertEqual(created["Username"] as? String, "alice")
            XCTAssertEqual(created["UserStatus"] as? String, "FORCE_CHANGE_PASSWORD")
            XCTAssertEqual(created["Enabled"] as? Bool, true)
            XCTAssertEqual(created["UserCreateDate"] as? Double, 1_700_000_000.123)
            XCTAssertNil(created["MFAOptions"])
            let got = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "alice"])
            XCTAssertEqual(got["UserAttributes"] as? NSArray, attributes as NSArray)
            XCTAssertEqual(Set(got.keys), ["Username", "UserAttributes", "UserCreateDate", "UserLastModifiedDate", "Enabled", "UserStatus"])
            let sub = attributes[0]["Value"]!
            XCTAssertNotNil(sub.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression))
            let bySub = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": sub])
            XCTAssertEqual(bySub["Username"] as? String, "alice")
            let described = try await client.describe(pool)
            XCTAssertEqual(described["EstimatedNumberOfUsers"] as? Int, 1)
        }
    }

    func testCreateRefusesTakenNamesBadAttributesAndWeakPasswordsAndWritesNothing() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["Schema": [["Name": "code", "AttributeDataType": "String",
                                                                     "StringAttributeConstraints": ["MinLength": "3", "MaxLength": "5"]]]])["Id"] as! String
            let base: [String: Any] = ["UserPoolId": pool, "MessageAction": "SUPPRESS"]
            _ = try await client.ok("AdminCreateUser", base.merging(["Username": "bob"]) { $1 })
            client.assertError(try await client.call("AdminCreateUser", base.merging(["Username": "bob"]) { $1 }),
                               "UsernameExistsException", "User account already exists")
            client.assertError(try await client.call("AdminCreateUser", base.merging([
                "Username": "carol", "UserAttributes": [["Name": "custom:nope", "Value": "x"], ["Name": "custom:code", "Value": "ab"]],
            ]) { $1 }), "InvalidParameterException", "Attributes did not conform to the schema: custom:nope: Attribute does not exist "
                + "in the schema.\ncustom:code: String must be no shorter than 3 characters\n")
            client.assertError(try await client.call("AdminCreateUser", base.merging([
                "Username": "carol", "UserAttributes": [["Name": "email", "Value": "@example.com"]],
            ]) { $1 }), "InvalidParameterException", "Invalid email address format.")
            client.assertError(try await client.call("AdminCreateUser", base.merging([
                "Username": "carol", "UserAttributes": [["Name": "phone_number", "Value": "5555555555"]],
            ]) { $1 }), "InvalidParameterException", "Invalid phone number format.")
            client.assertError(try await client.call("AdminCreateUser", base.merging([
                "Username": "carol", "UserAttributes": [["Name": "sub", "Value": "x"]],
            ]) { $1 }), "InvalidParameterException", "Cannot modify the non-mutable attribute sub")
            client.assertError(try await client.call("AdminCreateUser", base.merging(["Username": "carol", "TemporaryPassword": "Passw0rd"]) { $1 }),
                               "InvalidPasswordException", "Password did not conform with password policy: Password must have symbol characters")
            client.assertError(try await client.call("AdminGetUser", ["UserPoolId": pool, "Username": "carol"]),
                               "UserNotFoundException", "User does not exist.")
            let described = try await client.describe(pool)
            XCTAssertEqual(described["EstimatedNumberOfUsers"] as? Int, 1)
        }
    }

    func testEmailAsUsernameMakesTheSubTheUsernameAndTheEmailUnique() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["UsernameAttributes": ["email"]])["Id"] as! String
            let base: [String: Any] = ["UserPoolId": pool, "MessageAction": "SUPPRESS"]
            client.assertError(try await client.call("AdminCreateUser", base.merging(["Username": "dave"]) { $1 }),
                               "InvalidParameterException", "Username should be an email.")
            let user = try await client.ok("AdminCreateUser", base.merging(["Username": "dave@example.com"]) { $1 })["User"] as! [String: Any]
            let attributes = user["Attributes"] as! [[String: String]]
            XCTAssertEqual(user["Username"] as? String, attributes[0]["Value"])
            XCTAssertEqual(attributes[1], ["Name": "email", "Value": "dave@example.com"])
            client.assertError(try await client.call("AdminCreateUser", base.merging(["Username": "dave@example.com"]) { $1 }),
                               "UsernameExistsException", "An account with the given email already exists.")
            let byEmail = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "dave@example.com"])
            XCTAssertEqual(byEmail["Username"] as? String, user["Username"] as? String)
        }
    }

    func testCaseInsensitivePoolsFindAndShowUsernamesInLowercase() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["UsernameConfiguration": ["CaseSensitive": false]])["Id"] as! String
            _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": "Erin", "MessageAction": "SUPPRESS",
                                                        "UserAttributes": [["Name": "email", "Value": "Erin@Example.com"]]])
            let got = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "ERIN"])
            XCTAssertEqual(got["Username"] as? String, "erin")
            XCTAssertEqual((got["UserAttributes"] as! [[String: String]])[1]["Value"], "erin@example.com")
            client.assertError(try await client.call("AdminCreateUser", ["UserPoolId": pool, "Username": "eRIN", "MessageAction": "SUPPRESS"]),
                               "UsernameExistsException", "User account already exists")
        }
    }

    func testUpdateDeleteDisableEnableAndConfirm() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let pool = try await client.createPool("p", ["Schema": [["Name": "team", "AttributeDataType": "String", "Mutable": false]]])["Id"] as! String
            let user: [String: Any] = ["UserPoolId": pool, "Username": "frank"]
            _ = try await client.ok("AdminCreateUser", user.merging(["MessageAction": "SUPPRESS", "UserAttributes": [
                ["Name": "email", "Value": "f@example.com"], ["Name": "email_verified", "Value": "true"],
                ["Name": "custom:team", "Value": "red"], ["Name": "name", "Value": "Frank"],
            ]]) { $1 })
            harness.advance(by: 5)
            _ = try await client.ok("AdminUpdateUserAttributes", user.merging(["UserAttributes": [
                ["Name": "email", "Value": "frank@example.com"], ["Name": "name", "Value": ""], ["Name": "given_name", "Value": "F"],
            ]]) { $1 })
            var got = try await client.ok("AdminGetUser", user)
            XCTAssertEqual((got["UserAttributes"] as! [[String: String]]).filter { $0["Name"] != "sub" }, [
                ["Name": "email", "Value": "frank@example.com"], ["Name": "email_verified", "Value": "false"],
                ["Name": "custom:team", "Value": "red"], ["Name": "given_name", "Value": "F"],
            ])
            XCTAssertEqual(got["UserLastModifiedDate"] as? Double, 1_700_000_005.123)
            client.assertError(try await client.call("AdminUpdateUserAttributes", user.merging(["UserAttributes": [
                ["Name": "custom:team", "Value": "blue"], ["Name": "custom:nope", "Value": "x"],
            ]]) { $1 }), "InvalidParameterException",
                "user.custom:team: Attribute cannot be updated.\nuser.custom:nope: Attribute does not exist in the schema.\n")
            _ = try await client.ok("AdminDeleteUserAttributes", user.merging(["UserAttributeNames": ["given_name", "locale"]]) { $1 })
            got = try await client.ok("AdminGetUser", user)
            XCTAssertFalse((got["UserAttributes"] as! [[String: String]]).contains { $0["Name"] == "given_name" })
            client.assertError(try await client.call("AdminDeleteUserAttributes", user.merging(["UserAttributeNames": ["sub"]]) { $1 }),
                               "InvalidParameterException", "Cannot modify the non-mutable attribute sub")

            _ = try await client.ok("AdminDisableUser", user)
            var enabled = try await client.ok("AdminGetUser", user)["Enabled"] as? Bool
            XCTAssertEqual(enabled, false)
            _ = try await client.ok("AdminEnableUser", user)
            enabled = try await client.ok("AdminGetUser", user)["Enabled"] as? Bool
            XCTAssertEqual(enabled, true)
            client.assertError(try await client.call("AdminConfirmSignUp", user), "NotAuthorizedException",
                               "User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD")

            client.assertError(try await client.call("AdminSetUserPassword", user.merging(["Password": "short"]) { $1 }),
                               "InvalidPasswordException", "Password does not conform to policy: Password not long enough")
            _ = try await client.ok("AdminSetUserPassword", user.merging(["Password": "N3w-Passw0rd", "Permanent": true]) { $1 })
            let status = try await client.ok("AdminGetUser", user)["UserStatus"] as? String
            XCTAssertEqual(status, "CONFIRMED")

            _ = try await client.ok("AdminDeleteUser", user)
            for operation in ["AdminGetUser", "AdminDeleteUser", "AdminDisableUser", "AdminEnableUser", "AdminConfirmSignUp"] {
                client.assertError(try await client.call(operation, user), "UserNotFoundException", "User does not exist.")
            }
        }
    }

    func testPasswordHistoryRefusesRecentPasswords() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["Policies": ["PasswordPolicy": ["MinimumLength": 8, "PasswordHistorySize": 2]]])["Id"] as! String
            let user: [String: Any] = ["UserPoolId": pool, "Username": "gina"]
            _ = try await client.ok("AdminCreateUser", user.merging(["MessageAction": "SUPPRESS", "TemporaryPassword": "Temp-Passw0rd"]) { $1 })
            _ = try await client.ok("AdminSetUserPassword", user.merging(["Password": "First-Passw0rd", "Permanent": true]) { $1 })
            for used in ["First-Passw0rd", "Temp-Passw0rd"] {
                client.assertError(try await client.call("AdminSetUserPassword", user.merging(["Password": used, "Permanent": true]) { $1 }),
                                   "PasswordHistoryPolicyViolationException", "Password has previously been used.")
            }
            _ = try await client.ok("AdminSetUserPassword", user.merging(["Password": "Second-Passw0rd", "Permanent": true]) { $1 })
            _ = try await client.ok("AdminSetUserPassword", user.merging(["Password": "Temp-Passw0rd", "Permanent": true]) { $1 })
        }
    }

    func testListUsersFiltersPagesAndSelectsAttributes() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            for (name, email) in [("hank", "h@example.com"), ("Hana", "hana@example.com"), ("ivy", "ivy@test.org"), ("Hank2", "H2@example.com")] {
                _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": name, "MessageAction": "SUPPRESS",
                                                            "UserAttributes": [["Name": "email", "Value": email], ["Name": "name", "Value": "N \"\(name)\""]]])
            }
            _ = try await client.ok("AdminDisableUser", ["UserPoolId": pool, "Username": "ivy"])
            func names(_ filter: String, _ extra: [String: Any] = [:]) async throws -> [String] {
                let page = try await client.ok("ListUsers", ["UserPoolId": pool, "Filter": filter].merging(extra) { $1 })
                return (page["Users"] as! [[String: Any]]).map { $0["Username"] as! String }
            }
            var all = try await names("")
            XCTAssertEqual(all, ["Hana", "Hank2", "hank", "ivy"])
            all = try await names("username ^= \"Han\"")
            XCTAssertEqual(all, ["Hana", "Hank2"])
            all = try await names("email = \"h@example.com\"")
            XCTAssertEqual(all, ["hank"])
            all = try await names("name=\"N \\\"ivy\\\"\"")
            XCTAssertEqual(all, ["ivy"])
            all = try await names("status = \"Disabled\"")
            XCTAssertEqual(all, ["ivy"])
            all = try await names("cognito:user_status = \"force_change_password\"")
            XCTAssertEqual(all.count, 4)
            client.assertError(try await client.call("ListUsers", ["UserPoolId": pool, "Filter": "username = hank"]),
                               "InvalidParameterException", "Error while parsing filter.")
            client.assertError(try await client.call("ListUsers", ["UserPoolId": pool, "Filter": "custom:x = \"1\""]),
                               "InvalidParameterException", "Invalid search attribute: custom:x")

            var seen: [String] = []
            var token: String?
            repeat {
                var input: [String: Any] = ["UserPoolId": pool, "Limit": 3, "AttributesToGet": ["email"]]
                if let token { input["PaginationToken"] = token }
                let page = try await client.ok("ListUsers", input)
                for user in page["Users"] as! [[String: Any]] {
                    XCTAssertEqual((user["Attributes"] as! [[String: String]]).map { $0["Name"]! }, ["email"])
                    seen.append(user["Username"] as! String)
                }
                token = page["PaginationToken"] as? String
            } while token != nil
            XCTAssertEqual(seen, ["Hana", "Hank2", "hank", "ivy"])
            client.assertError(try await client.call("ListUsers", ["UserPoolId": pool, "AttributesToGet": ["locale"]]),
                               "InvalidParameterException", "Input fails to satisfy the constraints.")
            let unfiltered = try await client.ok("ListUsers", ["UserPoolId": pool, "AttributesToGet": ["given_name"]])
            XCTAssertEqual((unfiltered["Users"] as! [[String: Any]]).count, 4, "an attribute ListUsers filters on may be missing")
        }
    }

    func testAliasesFindUsersOnlyWhileVerifiedAndMoveAsCognitoMovesThem() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["AliasAttributes": ["email", "preferred_username"]])["Id"] as! String
            func create(_ name: String, _ attributes: [[String: String]], force: Bool = false) async throws -> ServerHarness.Client.Reply {
                try await client.call("AdminCreateUser", ["UserPoolId": pool, "Username": name, "MessageAction": "SUPPRESS",
                                                          "UserAttributes": attributes, "ForceAliasCreation": force])
            }
            func created(_ name: String, _ attributes: [[String: String]], force: Bool = false) async throws {
                let reply = try await create(name, attributes, force: force)
                XCTAssertEqual(reply.status, 200, String(decoding: reply.body, as: UTF8.self))
            }
            func holder(_ name: String) async throws -> String? {
                try await client.call("AdminGetUser", ["UserPoolId": pool, "Username": name]).json["Username"] as? String
            }
            let verified = [["Name": "email", "Value": "x@example.com"], ["Name": "email_verified", "Value": "true"]]
            client.assertError(try await create("x@example.com", []), "InvalidParameterException",
                               "Username cannot be of email format, since user pool is configured for email alias.")
            try await created("ann", verified)
            var found = try await holder("x@example.com")
            XCTAssertEqual(found, "ann")
            client.assertError(try await create("bob", verified), "AliasExistsException", "An account with the given email already exists.")
            try await created("bob", verified, force: true)
            found = try await holder("x@example.com")
            XCTAssertEqual(found, "bob", "ForceAliasCreation moved the alias")
            let ann = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "ann"])
            XCTAssertTrue((ann["UserAttributes"] as! [[String: String]]).contains(["Name": "email_verified", "Value": "false"]))

            try await created("cid", [])
            _ = try await client.ok("AdminUpdateUserAttributes", ["UserPoolId": pool, "Username": "cid",
                                                                  "UserAttributes": [["Name": "email", "Value": "x@example.com"]]])
            found = try await holder("x@example.com")
            XCTAssertEqual(found, "bob", "an unverified email is no alias and takes nothing")
            _ = try await client.ok("AdminUpdateUserAttributes", ["UserPoolId": pool, "Username": "cid", "UserAttributes": verified])
            found = try await holder("x@example.com")
            XCTAssertEqual(found, "cid", "verifying the email moved the alias")

            _ = try await client.ok("AdminUpdateUserAttributes", ["UserPoolId": pool, "Username": "ann",
                                                                  "UserAttributes": [["Name": "preferred_username", "Value": "ace"]]])
            found = try await holder("ace")
            XCTAssertEqual(found, "ann")
            client.assertError(try await client.call("AdminUpdateUserAttributes", ["UserPoolId": pool, "Username": "cid",
                                                                                   "UserAttributes": [["Name": "preferred_username", "Value": "ace"]]]),
                               "AliasExistsException", "An account with the given preferred_username already exists.")
        }
    }

    func testBooleanAttributesAreTakenInAnyCaseAndKeptAsGiven() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": "quinn", "MessageAction": "SUPPRESS",
                                                        "UserAttributes": [["Name": "email", "Value": "quinn@example.com"],
                                                                           ["Name": "email_verified", "Value": "True"]]])
            let user = try await client.ok("AdminGetUser", ["UserPoolId": pool, "Username": "quinn"])
            XCTAssertTrue((user["UserAttributes"] as! [[String: String]]).contains(["Name": "email_verified", "Value": "True"]))
            client.assertError(try await client.call("AdminCreateUser", ["UserPoolId": pool, "Username": "rae", "MessageAction": "SUPPRESS",
                                                                         "UserAttributes": [["Name": "email_verified", "Value": "yes"]]]),
                               "InvalidParameterException", "Attributes did not conform to the schema: email_verified: Boolean must be true or false\n")
        }
    }
}

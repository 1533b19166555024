import Foundation
import XCTest

/// The group operations end to end in process: Cognito's outputs and errors.
final class GroupOperationTests: XCTestCase {
    func testCreateReturnsWhatGetReturnsWithOnlyTheFieldsSet() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let plain = try await client.ok("CreateGroup", ["UserPoolId": pool, "GroupName": "readers"])["Group"] as! [String: Any]
            XCTAssertEqual(plain as NSDictionary, ["GroupName": "readers", "UserPoolId": pool,
                                                   "CreationDate": 1_700_000_000.123, "LastModifiedDate": 1_700_000_000.123] as NSDictionary)
            let full = try await client.ok("CreateGroup", ["UserPoolId": pool, "GroupName": "admins", "Description": "Admins",
                                                          "RoleArn": "arn:aws:iam::123456789012:role/admins", "Precedence": 0])["Group"] as! [String: Any]
            XCTAssertEqual(full["Precedence"] as? Int, 0)
            XCTAssertEqual(full["Description"] as? String, "Admins")
            let got = try await client.ok("GetGroup", ["UserPoolId": pool, "GroupName": "admins"])["Group"] as! [String: Any]
            XCTAssertEqual(got as NSDictionary, full as NSDictionary)
        }
    }

    func testNamesAreUniqueCaseSensitively() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            _ = try await client.ok("CreateGroup", ["UserPoolId": pool, "GroupName": "admin"])
            client.assertError(try await client.call("CreateGroup", ["UserPoolId": pool, "GroupName": "admin", "Description": "again"]),
                               "GroupExistsException", "A group with the name already exists.")
            _ = try await client.ok("CreateGroup", ["UserPoolId": pool, "GroupName": "Admin"])
            let other = try await client.createPool()["Id"] as! String
            _ = try await client.ok("CreateGroup", ["UserPoolId": other, "GroupName": "admin"])
            let got = try await client.ok("GetGroup", ["UserPoolId": pool, "GroupName": "admin"])["Group"] as! [String: Any]
            XCTAssertNil(got["Description"], "the refused create changed nothing")
        }
    }

    func testUpdateKeepsOmittedSettingsAndMovesLastModifiedDate() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let pool = try await client.createPool()["Id"] as! String
            _ = try await client.ok("CreateGroup", ["UserPoolId": pool, "GroupName": "g", "Description": "d",
                                                    "RoleArn": "arn:aws:iam::123456789012:role/g", "Precedence": 5])
            harness.advance(by: 30)
            let updated = try await client.ok("UpdateGroup", ["UserPoolId": pool, "GroupName": "g", "Precedence": 1])["Group"] as! [String: Any]
            XCTAssertEqual(updated as NSDictionary, [
                "GroupName": "g", "UserPoolId": pool, "Description": "d", "RoleArn": "arn:aws:iam::123456789012:role/g",
                "Precedence": 1, "CreationDate": 1_700_000_000.123, "LastModifiedDate": 1_700_000_030.123,
            ] as NSDictionary)
            let got = try await client.ok("GetGroup", ["UserPoolId": pool, "GroupName": "g"])["Group"] as! [String: Any]
            XCTAssertEqual(got as NSDictionary, updated as NSDictionary)
        }
    }

    func testMissingPoolsAndGroupsAnswerResourceNotFound() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            for operation in ["GetGroup", "UpdateGroup", "DeleteGroup"] {
                client.assertError(try await client.call(operation, ["UserPoolId": pool, "GroupName": "nope"]),
                                   "ResourceNotFoundException", "Group not found.")
            }
            for operation in ["CreateGroup", "GetGroup", "ListGroups"] {
                client.assertError(try await client.call(operation, ["UserPoolId": "us-east-1_nopool000", "GroupName": "g"]),
                                   "ResourceNotFoundException", "User pool us-east-1_nopool000 does not exist.")
            }
        }
    }

    func testDeleteRemovesTheGroupAndListPagesInNameOrder() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            let names = ["b", "A", "a", "c/d", "Z", "0"]
            for name in names { _ = try await client.ok("CreateGroup", ["UserPoolId": pool, "GroupName": name]) }
            let deleted = try await client.ok("DeleteGroup", ["UserPoolId": pool, "GroupName": "Z"])
            XCTAssertEqual(deleted.count, 0)
            var seen: [String] = []
            var token: String?
            repeat {
                var input: [String: Any] = ["UserPoolId": pool, "Limit": 2]
                if let token { input["NextToken"] = token }
                let page = try await client.ok("ListGroups", input)
                seen += (page["Groups"] as? [[String: Any]] ?? []).map { $0["GroupName"] as! String }
                token = page["NextToken"] as? String
            } while token != nil
            XCTAssertEqual(seen, ["0", "A", "a", "b", "c/d"])
            let all = try await client.ok("ListGroups", ["UserPoolId": pool])
            XCTAssertEqual((all["Groups"] as? [Any])?.count, 5)
            XCTAssertNil(all["NextToken"])
        }
    }

    func testMembershipsListBothWaysAndGoWithTheUserOrGroup() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool()["Id"] as! String
            for (name, precedence) in [("b", 2), ("a", 1), ("c", 3)] {
                _ = try await client.ok("CreateGroup", ["UserPoolId": pool, "GroupName": name, "Precedence": precedence])
            }
            for name in ["u2", "u1"] {
                _ = try await client.ok("AdminCreateUser", ["UserPoolId": pool, "Username": name, "MessageAction": "SUPPRESS"])
            }
            for (group, user) in [("c", "u1"), ("a", "u1"), ("b", "u1"), ("a", "u2"), ("a", "u2")] {
                let added = try await client.ok("AdminAddUserToGroup", ["UserPoolId": pool, "Username": user, "GroupName": group])
                XCTAssertEqual(added.count, 0)
            }
            let first = try await client.ok("AdminListGroupsForUser", ["UserPoolId": pool, "Username": "u1", "Limit": 2])
            let groups = first["Groups"] as! [[String: Any]]
            XCTAssertEqual(groups.map { $0["GroupName"] as! String }, ["a", "b"])
            XCTAssertEqual(groups[0]["Precedence"] as? Int, 1)
            let rest = try await client.ok("AdminListGroupsForUser", ["UserPoolId": pool, "Username": "u1", "Limit": 2,
                                                                      "NextToken": first["NextToken"] as! String])
            XCTAssertEqual((rest["Groups"] as! [[String: Any]]).map { $0["GroupName"] as! String }, ["c"])
            XCTAssertNil(rest["NextToken"])
            let members = try await client.ok("ListUsersInGroup", ["UserPoolId": pool, "GroupName": "a"])
            XCTAssertEqual((members["Users"] as! [[String: Any]]).map { $0["Username"] as! String }, ["u1", "u2"])

            _ = try await client.ok("AdminRemoveUserFromGroup", ["UserPoolId": pool, "Username": "u1", "GroupName": "a"])
            _ = try await client.ok("AdminRemoveUserFromGroup", ["UserPoolId": pool, "Username": "u1", "GroupName": "a"])
            _ = try await client.ok("DeleteGroup", ["UserPoolId": pool, "GroupName": "b"])
            let left = try await client.ok("AdminListGroupsForUser", ["UserPoolId": pool, "Username": "u1"])
            XCTAssertEqual((left["Groups"] as! [[String: Any]]).map { $0["GroupName"] as! String }, ["c"])
            _ = try await client.ok("AdminDeleteUser", ["UserPoolId": pool, "Username": "u2"])
            let empty = try await client.ok("ListUsersInGroup", ["UserPoolId": pool, "GroupName": "a"])
            XCTAssertEqual((empty["Users"] as! [[String: Any]]).count, 0)

            client.assertError(try await client.call("AdminAddUserToGroup", ["UserPoolId": pool, "Username": "u1", "GroupName": "zz"]),
                               "ResourceNotFoundException", "Group not found.")
            client.assertError(try await client.call("AdminAddUserToGroup", ["UserPoolId": pool, "Username": "zz", "GroupName": "c"]),
                               "UserNotFoundException", "User does not exist.")
            client.assertError(try await client.call("ListUsersInGroup", ["UserPoolId": pool, "GroupName": "zz"]),
                               "ResourceNotFoundException", "Group not found.")
            client.assertError(try await client.call("AdminListGroupsForUser", ["UserPoolId": pool, "Username": "zz"]),
                               "UserNotFoundException", "User does not exist.")
        }
    }
}

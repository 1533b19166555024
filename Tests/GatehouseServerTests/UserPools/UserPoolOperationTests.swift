import Foundation
import HTTPTypes
import XCTest

/// The user pool operations end to end in process: Cognito's outputs, defaults and errors.
final class UserPoolOperationTests: XCTestCase {
    func testCreateReturnsWhatDescribeReturns() async throws {
        try await ServerHarness().run { client in
            let created = try await client.createPool("first")
            let id = try XCTUnwrap(created["Id"] as? String)
            XCTAssertNotNil(id.range(of: #"^us-east-1_[0-9A-Za-z]{9}$"#, options: .regularExpression))
            XCTAssertEqual(created["CreationDate"] as? Double, 1_700_000_000.123)
            XCTAssertEqual(created["LastModifiedDate"] as? Double, 1_700_000_000.123)
            XCTAssertEqual(created["EstimatedNumberOfUsers"] as? Int, 0)
            XCTAssertEqual((created["SchemaAttributes"] as? [Any])?.count, 20)
            XCTAssertNil(created["UserPoolAddOns"])
            XCTAssertNil(created["UsernameConfiguration"])
            XCTAssertNil(created["Status"])
            let described = try await client.describe(id)
            XCTAssertEqual(described as NSDictionary, created as NSDictionary)
        }
    }

    func testUpdateMovesLastModifiedDateOnlyAndResetsOmittedSettings() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let id = try await client.createPool("p", ["MfaConfiguration": "OFF", "DeletionProtection": "ACTIVE",
                                                       "LambdaConfig": ["PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:f"]])["Id"] as! String
            harness.advance(by: 60)
            _ = try await client.ok("UpdateUserPool", ["UserPoolId": id, "UserPoolTags": ["Team": "Blue", "Area": "West"]])
            let pool = try await client.describe(id)
            XCTAssertEqual(pool["CreationDate"] as? Double, 1_700_000_000.123)
            XCTAssertEqual(pool["LastModifiedDate"] as? Double, 1_700_000_060.123)
            XCTAssertEqual(pool["UserPoolTags"] as? [String: String], ["Team": "Blue", "Area": "West"])
            XCTAssertEqual(pool["DeletionProtection"] as? String, "INACTIVE")
            XCTAssertEqual((pool["LambdaConfig"] as? [String: Any])?.count, 0)
            XCTAssertEqual(pool["Name"] as? String, "p")
        }
    }

    /// The second update leaves the stored document as it was (the name is a column of its own), so the
    /// server keeps the stored bytes: LastModifiedDate and the new name must still be written.
    func testRepeatingAnUpdateMovesLastModifiedDateAndChangesOnlyWhatDiffers() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let id = try await client.createPool("p")["Id"] as! String
            let update: [String: Any] = ["UserPoolId": id, "PoolName": "q", "UserPoolTags": ["Team": "Blue"],
                                         "AutoVerifiedAttributes": ["email"]]
            harness.advance(by: 60)
            _ = try await client.ok("UpdateUserPool", update)
            let first = try await client.describe(id)
            XCTAssertEqual(first["Name"] as? String, "q")
            XCTAssertEqual(first["UserPoolTags"] as? [String: String], ["Team": "Blue"])
            harness.advance(by: 60)
            _ = try await client.ok("UpdateUserPool", update.merging(["PoolName": "r"]) { _, new in new })
            var second = try await client.describe(id)
            XCTAssertEqual(second["LastModifiedDate"] as? Double, 1_700_000_120.123)
            XCTAssertEqual(second["Name"] as? String, "r")
            second["LastModifiedDate"] = first["LastModifiedDate"]
            second["Name"] = first["Name"]
            XCTAssertEqual(second as NSDictionary, first as NSDictionary)
        }
    }

    func testDeletionProtectionBlocksDelete() async throws {
        try await ServerHarness().run { client in
            let id = try await client.createPool("p", ["DeletionProtection": "ACTIVE"])["Id"] as! String
            client.assertError(try await client.call("DeleteUserPool", ["UserPoolId": id]), "InvalidParameterException",
                               "The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.")
            _ = try await client.ok("UpdateUserPool", ["UserPoolId": id, "DeletionProtection": "INACTIVE"])
            let deleted = try await client.call("DeleteUserPool", ["UserPoolId": id])
            XCTAssertEqual(deleted.status, 200)
            client.assertError(try await client.call("DescribeUserPool", ["UserPoolId": id]), "ResourceNotFoundException",
                               "User pool \(id) does not exist.")
        }
    }

    func testListUserPoolsPagesThroughEveryPoolOnce() async throws {
        try await ServerHarness().run { client in
            var created: Set<String> = []
            for index in 0..<7 { created.insert(try await client.createPool("p\(index)")["Id"] as! String) }
            _ = try await client.createPool("elsewhere", region: "eu-west-1")
            var seen: [String] = []
            var token: String?
            repeat {
                var input: [String: Any] = ["MaxResults": 3]
                input["NextToken"] = token
                let page = try await client.ok("ListUserPools", input)
                let pools = page["UserPools"] as! [[String: Any]]
                XCTAssertLessThanOrEqual(pools.count, 3)
                seen += pools.map { $0["Id"] as! String }
                XCTAssertEqual(Set(pools.first.map { Array($0.keys) } ?? []), ["Id", "Name", "LambdaConfig", "LastModifiedDate", "CreationDate"])
                token = page["NextToken"] as? String
            } while token != nil
            XCTAssertEqual(seen.count, 7)
            XCTAssertEqual(Set(seen), created)
            client.assertError(try await client.call("ListUserPools", ["MaxResults": 3, "NextToken": "forged.token"]),
                               "InvalidParameterException", "Invalid pagination token provided.")
            client.assertError(try await client.call("ListUserPools", [:]), "InvalidParameterException",
                               "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null")
        }
    }

    /// A list shows each pool's own triggers (pools with equal ones share a decoded summary), and
    /// after an update the new ones.
    func testListUserPoolsShowsEachPoolsCurrentLambdaConfig() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let preSignUp = ["PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:f"]
            let withTrigger = try await client.createPool("with", ["LambdaConfig": preSignUp])["Id"] as! String
            let sameTrigger = try await client.createPool("same", ["LambdaConfig": preSignUp])["Id"] as! String
            let without = try await client.createPool("without")["Id"] as! String
            func listed() async throws -> [String: [String: String]] {
                let pools = try await client.ok("ListUserPools", ["MaxResults": 60])["UserPools"] as! [[String: Any]]
                return Dictionary(uniqueKeysWithValues: pools.map { ($0["Id"] as! String, $0["LambdaConfig"] as! [String: String]) })
            }
            let before = try await listed()
            XCTAssertEqual(before, [withTrigger: preSignUp, sameTrigger: preSignUp, without: [:]])
            harness.advance(by: 60)
            let postConfirmation = ["PostConfirmation": "arn:aws:lambda:us-east-1:123456789012:function:g"]
            _ = try await client.ok("UpdateUserPool", ["UserPoolId": without, "LambdaConfig": postConfirmation])
            _ = try await client.ok("UpdateUserPool", ["UserPoolId": withTrigger])
            let after = try await listed()
            XCTAssertEqual(after, [withTrigger: [:], sameTrigger: preSignUp, without: postConfirmation])
            let updated = try await client.ok("ListUserPools", ["MaxResults": 60])["UserPools"] as! [[String: Any]]
            XCTAssertEqual(updated.first { $0["Id"] as? String == without }?["LastModifiedDate"] as? Double, 1_700_000_060.123)
        }
    }

    func testCustomAttributesAreAppended() async throws {
        try await ServerHarness().run { client in
            let id = try await client.createPool()["Id"] as! String
            _ = try await client.ok("AddCustomAttributes", ["UserPoolId": id, "CustomAttributes": [["Name": "team", "AttributeDataType": "String"]]])
            let schema = try await client.describe(id)["SchemaAttributes"] as! [[String: Any]]
            XCTAssertEqual(schema.count, 21)
            XCTAssertEqual(schema[20]["Name"] as? String, "custom:team")
            client.assertError(try await client.call("AddCustomAttributes", ["UserPoolId": id, "CustomAttributes": [["Name": "team", "AttributeDataType": "String"]]]),
                               "InvalidParameterException", "custom:team: Existing attribute already has name custom:team.")
        }
    }

    func testTagsByArn() async throws {
        try await ServerHarness().run { client in
            let pool = try await client.createPool("p", ["UserPoolTags": ["a": "1"]])
            let arn = pool["Arn"] as! String
            _ = try await client.ok("TagResource", ["ResourceArn": arn, "Tags": ["b": "2", "a": "3"]])
            _ = try await client.ok("UntagResource", ["ResourceArn": arn, "TagKeys": ["b"]])
            let tags = try await client.ok("ListTagsForResource", ["ResourceArn": arn])
            XCTAssertEqual(tags["Tags"] as? [String: String], ["a": "3"])
            client.assertError(try await client.call("ListTagsForResource", ["ResourceArn": "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_missing00"]),
                               "ResourceNotFoundException", "User pool us-east-1_missing00 does not exist.")
        }
    }

    func testMfaConfigRoundTrip() async throws {
        try await ServerHarness().run { client in
            let id = try await client.createPool()["Id"] as! String
            let set = try await client.ok("SetUserPoolMfaConfig", ["UserPoolId": id, "MfaConfiguration": "OPTIONAL",
                                                                   "SoftwareTokenMfaConfiguration": ["Enabled": true]])
            let get = try await client.ok("GetUserPoolMfaConfig", ["UserPoolId": id])
            XCTAssertEqual(set as NSDictionary, get as NSDictionary)
            XCTAssertEqual(get["MfaConfiguration"] as? String, "OPTIONAL")
            let pool = try await client.describe(id)
            XCTAssertEqual(pool["MfaConfiguration"] as? String, "OPTIONAL")
        }
    }
}

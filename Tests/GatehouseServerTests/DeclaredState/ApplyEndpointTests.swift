import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import XCTest

/// `POST /_gatehouse/apply` in process: a declared state applied, applied again with nothing
/// written, changed, and refused with the path of the part.
final class ApplyEndpointTests: XCTestCase {
    static let pool = "us-east-1_Declared1"
    static let client = "1example23456789abcdefghij"

    static func state(clientName: String = "web", schema: String = "String") -> [String: Any] {
        ["UserPools": [[
            "Id": pool, "PoolName": "declared",
            "Schema": [["Name": "tenant", "AttributeDataType": schema]],
            "Clients": [["ClientId": client, "ClientName": clientName]],
            "Groups": [["GroupName": "admins"]],
            "Users": [["Username": "alice", "Password": "Correct-Horse-1", "Groups": ["admins"]]],
        ] as [String: Any]]]
    }

    static func apply(_ client: ServerHarness.Client, _ state: [String: Any]) async throws -> (status: Int, json: [String: Any]) {
        let body = try JSONSerialization.data(withJSONObject: state)
        return try await client.client.execute(uri: "/_gatehouse/apply", method: .post,
                                               headers: [.authorization: ServerHarness.authorization(region: "us-east-1")],
                                               body: ByteBuffer(bytes: body)) { response in
            (Int(response.status.code), (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:])
        }
    }

    static func changes(_ json: [String: Any]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (json["Changes"] as? [[String: String]] ?? []).map { ($0["Path"]!, $0["Change"]!) })
    }

    func testApplyingTwiceWritesNothingAndAChangeIsUpdated() async throws {
        let harness = ServerHarness()
        try await harness.run { client in
            let first = try await Self.apply(client, Self.state())
            XCTAssertEqual(first.status, 200)
            XCTAssertEqual(Self.changes(first.json), ["UserPools[0]": "created", "UserPools[0].Clients[0]": "created",
                                                 "UserPools[0].Groups[0]": "created", "UserPools[0].Users[0]": "created"])
            let pool = try await client.describe(Self.pool)
            harness.advance(by: 60)
            let again = try await Self.apply(client, Self.state())
            XCTAssertEqual(Set(Self.changes(again.json).values), ["unchanged"])
            let described = try await client.describe(Self.pool)
            XCTAssertEqual(described["LastModifiedDate"] as? Double, pool["LastModifiedDate"] as? Double)
            let changed = try await Self.apply(client, Self.state(clientName: "website"))
            XCTAssertEqual(Self.changes(changed.json)["UserPools[0].Clients[0]"], "updated")
            let app = try await client.ok("DescribeUserPoolClient", ["UserPoolId": Self.pool, "ClientId": Self.client])["UserPoolClient"] as? [String: Any]
            XCTAssertEqual(app?["ClientName"] as? String, "website")
            XCTAssertEqual(app?["LastModifiedDate"] as? Double, 1_700_000_060.123)
        }
    }

    func testARefusalNamesThePart() async throws {
        try await ServerHarness().run { client in
            _ = try await Self.apply(client, Self.state())
            let refused = try await Self.apply(client, Self.state(schema: "Number"))
            XCTAssertEqual(refused.status, 400)
            XCTAssertEqual(refused.json as NSDictionary, [
                "__type": "InvalidParameterException", "Path": "UserPools[0]",
                "message": "InvalidParameterException: Schema attribute custom:tenant cannot change once the pool exists: "
                    + "delete the pool to declare it anew.",
            ] as NSDictionary)
            let invalid = try await Self.apply(client, ["UserPools": [["Id": "nope"]]])
            XCTAssertEqual(invalid.json["Path"] as? String, "UserPools[0].Id")
        }
    }
}

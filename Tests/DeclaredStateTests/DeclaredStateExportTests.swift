import AWSWire
@testable import DeclaredState
import XCTest

/// A pool read through the API as a declared state, from canned answers.
final class DeclaredStateExportTests: XCTestCase {
    /// Answers each operation from `answers` (one page each, or pages in turn) and records the inputs.
    final class Service: @unchecked Sendable {
        var answers: [String: [JSONNode]]
        var inputs: [(String, JSONNode)] = []

        init(_ answers: [String: [JSONNode]]) {
            self.answers = answers
        }

        struct Unanswered: Error {}

        func call(_ operation: String, _ input: JSONNode) async throws -> JSONNode {
            inputs.append((operation, input))
            guard answers[operation] != [] else { throw Unanswered() }
            let pages = answers[operation] ?? [.object([])]
            answers[operation] = pages.count > 1 ? Array(pages.dropFirst()) : pages
            return pages[0]
        }
    }

    static func json(_ text: String) -> JSONNode {
        try! JSONNode(parsing: Array(text.utf8))
    }

    static let service = [
        "DescribeUserPool": [json("""
            {"UserPool": {"Id": "us-east-1_moto0000000000", "Name": "p", "Arn": "arn", "Status": "Enabled",
             "Policies": {"PasswordPolicy": {"MinimumLength": 12, "TemporaryPasswordValidityDays": 7}},
             "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": true, "UnusedAccountValidityDays": 7},
             "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:1:function:f"},
             "SchemaAttributes": [{"Name": "sub", "Required": true, "Mutable": false}, {"Name": "email", "Required": true, "Mutable": true},
                                  {"Name": "name", "Required": false, "Mutable": true}, {"Name": "custom:tenant", "AttributeDataType": "String"}],
             "Domain": "p-auth", "CreationDate": 1, "EstimatedNumberOfUsers": 3}}
            """)],
        "GetUserPoolMfaConfig": [json(#"{"MfaConfiguration": "OFF"}"#)],
        "DescribeUserPoolDomain": [json(#"{"DomainDescription": {"Domain": "p-auth", "UserPoolId": "x", "Status": "ACTIVE", "ManagedLoginVersion": 2}}"#)],
        "ListUserPoolClients": [json(#"{"UserPoolClients": [{"ClientId": "a"}], "NextToken": "t"}"#), json(#"{"UserPoolClients": [{"ClientId": "b"}]}"#)],
        "DescribeUserPoolClient": [json(#"{"UserPoolClient": {"ClientId": "a", "ClientName": "web", "UserPoolId": "x", "CreationDate": 1}}"#),
                                   json(#"{"UserPoolClient": {"ClientId": "b", "ClientName": "api", "ClientSecret": "s3cret"}}"#)],
        "ListGroups": [json(#"{"Groups": [{"GroupName": "g", "Precedence": 1, "UserPoolId": "x", "CreationDate": 1}]}"#)],
    ]

    func testTheDocumentHoldsWhatCreateRequestsTake() async throws {
        let service = Service(Self.service)
        let (document, leftOut) = try await DeclaredStateExport(includesLambdaConfig: false, includesClientSecrets: false)
            .document(poolID: "us-east-1_moto0000000000", call: service.call)
        XCTAssertEqual(leftOut, [])
        XCTAssertEqual(document, Self.json("""
            {"UserPools": [{"Id": "us-east-1_moto0000000000", "PoolName": "p",
              "Policies": {"PasswordPolicy": {"MinimumLength": 12, "TemporaryPasswordValidityDays": 7}},
              "AdminCreateUserConfig": {"AllowAdminCreateUserOnly": true},
              "Schema": [{"Name": "email", "Mutable": true, "Required": true}, {"Name": "tenant", "AttributeDataType": "String"}],
              "MfaConfig": {"MfaConfiguration": "OFF"},
              "Domain": {"Domain": "p-auth", "ManagedLoginVersion": 2},
              "Clients": [{"ClientId": "a", "ClientName": "web"}, {"ClientId": "b", "ClientName": "api", "GenerateSecret": true}],
              "Groups": [{"GroupName": "g", "Precedence": 1}]}]}
            """))
        let pages = service.inputs.filter { $0.0.hasPrefix("List") }.map(\.1)
        XCTAssertEqual(pages, [Self.json(#"{"UserPoolId": "us-east-1_moto0000000000", "MaxResults": 50}"#),
                               Self.json(#"{"UserPoolId": "us-east-1_moto0000000000", "MaxResults": 60}"#),
                               Self.json(#"{"UserPoolId": "us-east-1_moto0000000000", "MaxResults": 60, "NextToken": "t"}"#),
                               Self.json(#"{"UserPoolId": "us-east-1_moto0000000000", "Limit": 60}"#)], "each list's own paging members, pages as large as the model allows")
    }

    func testTriggersAndSecretsWhenAsked() async throws {
        let (document, _) = try await DeclaredStateExport(includesLambdaConfig: true, includesClientSecrets: true)
            .document(poolID: "us-east-1_moto0000000000", call: Service(Self.service).call)
        let pool = document["UserPools"]?.array?.first
        XCTAssertEqual(pool?["LambdaConfig"], Self.json(#"{"PreSignUp": "arn:aws:lambda:us-east-1:1:function:f"}"#))
        XCTAssertEqual(pool?["Clients"]?.array?.last, Self.json(#"{"ClientId": "b", "ClientName": "api", "ClientSecret": "s3cret"}"#))
    }

    func testWhatTheSourceCannotAnswerIsLeftOutAndSaid() async throws {
        var answers = Self.service
        answers["GetUICustomization"] = []
        answers["ListResourceServers"] = [Self.json(#"{"ResourceServers": [{"Identifier": "api", "Name": "API", "UserPoolId": "x"}]}"#)]
        let (document, leftOut) = try await DeclaredStateExport(includesLambdaConfig: false, includesClientSecrets: false)
            .document(poolID: "us-east-1_moto0000000000", call: Service(answers).call)
        XCTAssertEqual(leftOut, ["the UI customization, as GetUICustomization failed: Unanswered()"])
        let pool = document["UserPools"]?.array?.first
        XCTAssertNil(pool?["UICustomization"])
        XCTAssertEqual(pool?["ResourceServers"], Self.json(#"[{"Identifier": "api", "Name": "API"}]"#))
    }
}

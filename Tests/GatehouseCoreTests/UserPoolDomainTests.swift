import AWSWire
import CognitoModel
import Foundation
@testable import GatehouseCore
import GatehouseStorage
import XCTest

/// What Gatehouse keeps of a user pool domain and how it describes it.
final class UserPoolDomainTests: XCTestCase {
    func testReservedWordsAreRefusedInTheirOrder() {
        XCTAssertNoThrow(try StoredUserPoolDomain.checkPrefix("my-app-auth"))
        for (prefix, word) in [("my-aws-app", "aws"), ("amazonia", "amazon"), ("cognitoapp", "cognito"), ("cognito-aws", "aws")] {
            XCTAssertThrowsError(try StoredUserPoolDomain.checkPrefix(prefix), prefix) { error in
                XCTAssertEqual(error as? AWSServiceError, .invalidParameterException("Domain cannot contain reserved word: \(word)"))
            }
        }
    }

    func testManagedLoginVersionIsOneByDefaultAndOneOrTwo() throws {
        XCTAssertEqual(try StoredUserPoolDomain(managedLoginVersion: nil, customDomainConfig: nil).managedLoginVersion, 1)
        XCTAssertEqual(try StoredUserPoolDomain(managedLoginVersion: 2, customDomainConfig: nil).managedLoginVersion, 2)
        for version in [0, 3] {
            XCTAssertThrowsError(try StoredUserPoolDomain(managedLoginVersion: version, customDomainConfig: nil)) { error in
                XCTAssertEqual(error as? AWSServiceError, .invalidParameterException("ManagedLoginVersion must be 1 or 2."))
            }
        }
    }

    func testTheDocumentReadsBackAndDescribesTheDomain() throws {
        let custom = try StoredUserPoolDomain(managedLoginVersion: 2, customDomainConfig: CustomDomainConfigType(certificateArn: "arn:aws:acm:x"))
        XCTAssertEqual(custom.kind, .customDomain)
        let date = Date(timeIntervalSince1970: 1_764_301_509) // 2025-11-28 03:45:09 UTC
        let record = UserPoolItemRecord(userPoolID: "us-east-1_abc", kind: custom.kind, key: "login", name: "login",
                                        creationDate: date, lastModifiedDate: date, document: custom.document())
        XCTAssertEqual(try StoredUserPoolDomain(record: record), custom)
        XCTAssertEqual(custom.describe(record, accountID: "123456789012"), DomainDescriptionType(
            userPoolId: "us-east-1_abc", awsAccountId: "123456789012", domain: "login", version: "20251128034509", status: .active,
            customDomainConfig: CustomDomainConfigType(certificateArn: "arn:aws:acm:x"), managedLoginVersion: 2))
        XCTAssertEqual(try StoredUserPoolDomain(managedLoginVersion: nil, customDomainConfig: nil).kind, .domain)
    }
}

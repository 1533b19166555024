import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import XCTest

/// The stored document, which keeps only what differs from the standard schema and reads back
/// whole, and the summary a list reads instead.
final class StoredUserPoolTests: XCTestCase {
    private let lambdaConfig = LambdaConfigType(
        preSignUp: "arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up",
        preTokenGenerationConfig: PreTokenGenerationVersionConfigType(
            lambdaVersion: .v2_0, lambdaArn: "arn:aws:lambda:us-east-1:123456789012:function:pre-token"))

    private var stored: StoredUserPool {
        StoredUserPool(pool: UserPoolType(name: "summarised", lambdaConfig: lambdaConfig, smsVerificationMessage: "{####}"))
    }

    func testTheSchemaRoundTripsThroughTheCompactDocument() throws {
        var pool = UserPoolType(schemaAttributes: try UserPoolSchema.initial([
            SchemaAttributeType(name: "email", attributeDataType: .string, required: true),
            SchemaAttributeType(name: "team", attributeDataType: .string),
        ]))
        UserPoolConfiguration.apply(CreateUserPoolRequest(poolName: "p"), to: &pool, region: "us-east-1", isUpdate: false)
        let stored = StoredUserPool(pool: pool, softwareTokenMfaConfiguration: SoftwareTokenMfaConfigType(enabled: true))
        let document = stored.document()
        let text = String(decoding: document, as: UTF8.self)
        XCTAssertFalse(text.contains("given_name"), "standard attributes are not stored")
        XCTAssertTrue(text.contains(#""Name":"email""#), "a customised standard attribute is")
        XCTAssertTrue(text.contains("custom:team"))
        XCTAssertEqual(try AWSJSON.decode(StoredUserPool.self, from: document), stored)
    }

    func testMayHaveDomainIsStoredOnlyWhenSet() throws {
        var marked = stored
        XCTAssertFalse(String(decoding: marked.document(), as: UTF8.self).contains("MayHaveDomain"))
        XCTAssertFalse(try AWSJSON.decode(StoredUserPool.self, from: marked.document()).mayHaveDomain)
        marked.mayHaveDomain = true
        XCTAssertTrue(try AWSJSON.decode(StoredUserPool.self, from: marked.document()).mayHaveDomain)
    }

    func testTheSummaryHoldsTheLambdaConfigAndNothingElse() throws {
        let summary = stored.summary()
        XCTAssertEqual(try StoredUserPool.lambdaConfig(summary: summary), lambdaConfig)
        XCTAssertFalse(String(decoding: summary, as: UTF8.self).contains("summarised"))
        XCTAssertLessThan(summary.count, stored.document().count)
    }

    /// Each engine's migration gives a pool stored before summaries its whole document as summary.
    func testAWholeDocumentReadsAsASummary() throws {
        XCTAssertEqual(try StoredUserPool.lambdaConfig(summary: stored.document()), lambdaConfig)
    }

    func testAPoolWithoutTriggersHasAnEmptySummaryThatReadsAsAnEmptyLambdaConfig() throws {
        for pool in [UserPoolType(lambdaConfig: LambdaConfigType()), UserPoolType()] {
            let empty = StoredUserPool(pool: pool)
            XCTAssertEqual(empty.summary(), Data())
            XCTAssertEqual(try StoredUserPool.lambdaConfig(summary: empty.summary()), LambdaConfigType())
        }
    }

    func testBytesThatAreNeitherAreAnInternalError() {
        for bytes in ["[]", #"{"Pool":[]}"#, "{"] {
            XCTAssertThrowsError(try StoredUserPool.lambdaConfig(summary: Data(bytes.utf8)), bytes) { error in
                XCTAssertEqual(error as? AWSServiceError, .internalError, bytes)
            }
        }
    }

    func testStoringWritesTheDocumentAndTheSummary() {
        var record = UserPoolRecord(id: "us-east-1_abcdefghi", region: "us-east-1", name: "summarised", creationDate: Date(),
                                    lastModifiedDate: Date(), document: Data(), summary: Data())
        stored.store(in: &record)
        XCTAssertEqual(record.document, stored.document())
        XCTAssertEqual(record.summary, stored.summary())
    }
}

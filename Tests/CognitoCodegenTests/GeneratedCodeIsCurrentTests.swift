import AWSWire
import CognitoCodegen
import Foundation
import XCTest

/// The committed `Sources/CognitoModel/Generated` is exactly what the generator makes of the committed model.
final class GeneratedCodeIsCurrentTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testRegeneratingTheModelChangesNothing() throws {
        let model = try ModelDescription(
            botocoreJSON: String(contentsOf: Self.root.appendingPathComponent("Models/cognito-idp.json"), encoding: .utf8),
            paginators: String(contentsOf: Self.root.appendingPathComponent("Models/cognito-idp.paginators.json"), encoding: .utf8))
        let generated = SwiftGenerator(model: model).files()
        let directory = Self.root.appendingPathComponent("Sources/CognitoModel/Generated")
        let committed = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".swift") }.sorted()
        XCTAssertEqual(committed, generated.map(\.name).sorted(), "generated file set differs: run scripts/generate.sh")
        for file in generated {
            let onDisk = try String(contentsOf: directory.appendingPathComponent(file.name), encoding: .utf8)
            XCTAssertTrue(onDisk == file.contents, "\(file.name) is not what the generator makes: run scripts/generate.sh")
        }
    }

    func testTheModelHasEveryOperationOfCognitoUserPools() throws {
        let model = try ModelDescription(botocoreJSON: String(contentsOf: Self.root.appendingPathComponent("Models/cognito-idp.json"),
                                                              encoding: .utf8))
        XCTAssertEqual(model.operations.count, 122)
        XCTAssertEqual(model.targetPrefix, "AWSCognitoIdentityProviderService")
        XCTAssertEqual(model.operations.filter { !$0.requiresIAMAuthorization }.count, 32)
    }
}

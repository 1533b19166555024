import CognitoModel
import Foundation
@testable import GatehouseServer
import StorageSQLite
import XCTest

/// docs/operations.md names all 122 operations and says "implemented" for exactly the operations
/// the server registers (regenerate its table with scripts/compatibility-table.py).
final class CompatibilityTableTests: XCTestCase {
    func testTheOperationsListMatchesTheServer() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let list = try String(contentsOf: root.appendingPathComponent("docs/operations.md"), encoding: .utf8)
        var rows: [String: Bool] = [:]
        for line in list.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertEqual(cells.count, 3, "not a row of the compatibility table: \(line)")
            guard cells.count == 3 else { continue }
            rows[cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))] = cells[2] == "implemented"
        }
        XCTAssertEqual(Set(rows.keys), Set(CognitoIdentityProvider.operations.keys))
        let registered = try Gatehouse(storage: try SQLiteStorage.inMemory(), masterKey: .generate(random: .system)).operations.implementedOperations
        XCTAssertEqual(rows.filter(\.value).keys.sorted(), registered)
    }
}

import CognitoModel
import Foundation
@testable import GatehouseServer
import StorageSQLite
import XCTest

/// The README's compatibility table names all 122 operations and says "implemented" for exactly the
/// operations the server registers (regenerate it with scripts/compatibility-table.py).
final class CompatibilityTableTests: XCTestCase {
    func testTheReadmeTableMatchesTheServer() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try XCTUnwrap(readme.range(of: "## Compatibility")).upperBound
        var rows: [String: Bool] = [:]
        for line in readme[section...].split(separator: "\n") where line.hasPrefix("| `") {
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

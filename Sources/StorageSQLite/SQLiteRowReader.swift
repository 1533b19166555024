import Foundation
import GRDB
import GRDBSQLite

/// The current row of a stepped SQLite statement, read column by column straight from SQLite.
///
/// GRDB's `Row` builds a dictionary of the statement's column names for every row it returns;
/// this reader builds none. Pools, pool items and users are read with it.
struct SQLiteRowReader {
    private let statement: OpaquePointer

    /// Binds `arguments` (as GRDB binds them), steps the statement to its end and returns `read`
    /// of each row. The statement is reset and its bindings cleared afterwards, whatever happens,
    /// so that it holds no read transaction open and GRDB's statement cache can hand it out again.
    static func all<T>(_ statement: Statement, arguments: StatementArguments, in db: Database,
                       _ read: (SQLiteRowReader) throws -> T) throws -> [T] {
        let sqlite = statement.sqliteStatement
        defer {
            sqlite3_reset(sqlite)
            sqlite3_clear_bindings(sqlite)
        }
        try statement.setArguments(arguments)
        var rows: [T] = []
        while true {
            switch sqlite3_step(sqlite) {
            case SQLITE_ROW: rows.append(try read(SQLiteRowReader(statement: sqlite)))
            case SQLITE_DONE: return rows
            case let result:
                throw DatabaseError(resultCode: ResultCode(rawValue: result), message: String(cString: sqlite3_errmsg(db.sqliteConnection)),
                                    sql: statement.sql)
            }
        }
    }

    /// The text of `column` (0-based), read with its UTF-8 length as the binding writes it: no
    /// `strlen`, no truncation at a NUL. `""` for NULL.
    func text(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    /// The integer of `column` (0-based); 0 for NULL.
    func integer(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    /// The bytes of `column` (0-based); empty for NULL or an empty blob.
    func blob(_ column: Int32) -> Data {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return Data() }
        return Data(bytes: bytes, count: count)
    }
}

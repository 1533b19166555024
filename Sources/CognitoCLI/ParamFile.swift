import Foundation

/// A parameter value given as a file: `file://path` (its text) or `fileb://path` (its bytes).
/// `~` and `$VARIABLES` in the path are expanded, as the AWS CLI does. URLs (`http://`,
/// `https://`) are values like any other: AWS CLI version 2 does not fetch them either.
enum ParamFile {
    /// The contents of the file `value` names, `nil` when it names none.
    /// - Throws: ``CommandLineError/parameter(_:)`` when the file cannot be read, or a `file://`
    ///   one is not UTF-8 text.
    static func contents(of value: String, environment: [String: String]) throws(CommandLineError) -> Data? {
        let prefix: String
        if value.hasPrefix("file://") { prefix = "file://" } else if value.hasPrefix("fileb://") { prefix = "fileb://" } else { return nil }
        let path = expanded(String(value.dropFirst(prefix.count)), environment: environment)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw .parameter("Unable to load paramfile \(value): [Errno 2] No such file or directory: '\(path)'")
        }
        guard !isDirectory.boolValue else { throw .parameter("Unable to load paramfile \(value): [Errno 21] Is a directory: '\(path)'") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .parameter("Unable to load paramfile \(value): [Errno 13] Permission denied: '\(path)'")
        }
        if prefix == "file://", String(data: data, encoding: .utf8) == nil {
            throw .parameter("Unable to load paramfile (\(path)), text contents could not be decoded.  If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.")
        }
        return data
    }

    /// The text of a `file://` or `fileb://` value (bytes read as UTF-8), `nil` for other values.
    static func text(of value: String, environment: [String: String]) throws(CommandLineError) -> String? {
        try contents(of: value, environment: environment).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `~/x` → `$HOME/x`; `$NAME` and `${NAME}` → the variable's value (left as written when unset).
    static func expanded(_ path: String, environment: [String: String]) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/"), let home = environment["HOME"] { path = home + path.dropFirst() }
        var result = ""
        var rest = Substring(path)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            var after = rest[rest.index(after: dollar)...]
            let braced = after.first == "{"
            if braced { after = after.dropFirst() }
            let name = after.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let closed = !braced || after.dropFirst(name.count).first == "}"
            if !name.isEmpty, closed, let value = environment[String(name)] {
                result += value
                rest = after.dropFirst(name.count + (braced ? 1 : 0))
            } else {
                result += "$"
                rest = rest[rest.index(after: dollar)...]
            }
        }
        return result + rest
    }
}

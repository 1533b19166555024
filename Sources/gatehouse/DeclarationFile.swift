import ArgumentParser
import CognitoCLI
import DeclaredState
import Foundation

/// A declared-state file (YAML, or JSON, which YAML reads too) as `serve --bootstrap` and `apply`
/// read it: its document, and its errors named by file, line and field.
struct DeclarationFile {
    let path: String
    let document: YAMLDocument.Located

    /// Why a declared state was refused: `<file>:<line>: <field>: <message>`.
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// - Throws: ``Refused`` for a file that cannot be read or is not YAML.
    init(path: String) throws {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw Refused(description: "\(path): cannot be read as UTF-8 text")
        }
        do {
            document = try YAMLDocument.parseLocated(text)
        } catch {
            throw Refused(description: "\(path): not YAML or JSON: \(error)")
        }
    }

    /// The declared state, checked as the API checks each part.
    /// - Throws: ``Refused`` at the first part that is not valid.
    func state() throws -> DeclaredState {
        do {
            return try DeclaredState(json: document.json)
        } catch {
            throw refusal(error)
        }
    }

    /// `error` with the file and the line of the part it names.
    func refusal(_ error: DeclarationError) -> Refused {
        let line = document.line(of: error.path).map { ":\($0)" } ?? ""
        return Refused(description: "\(path)\(line): \(error)")
    }
}

import AWSWire
import CognitoCodegen
import Foundation

// Usage: ModelGenerator <model.json> <output directory>
// Reads the paginators beside the model (<name>.paginators.json) when there are any, writes the
// generated Swift sources and removes generated files the model no longer produces.
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: ModelGenerator <model.json> <output directory>\n".utf8))
    exit(2)
}
let paginatorsPath = arguments[1].replacingOccurrences(of: ".json", with: ".paginators.json")
let model = try ModelDescription(botocoreJSON: String(contentsOfFile: arguments[1], encoding: .utf8),
                                 paginators: try? String(contentsOfFile: paginatorsPath, encoding: .utf8))
let output = URL(fileURLWithPath: arguments[2], isDirectory: true)
let files = SwiftGenerator(model: model).files()
try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
for stale in try FileManager.default.contentsOfDirectory(atPath: output.path)
where stale.hasSuffix(".swift") && !files.contains(where: { $0.name == stale }) {
    try FileManager.default.removeItem(at: output.appendingPathComponent(stale))
}
for file in files {
    try Data(file.contents.utf8).write(to: output.appendingPathComponent(file.name))
}
print("generated \(files.count) files, \(model.operations.count) operations, \(model.shapes.count) shapes into \(output.path)")

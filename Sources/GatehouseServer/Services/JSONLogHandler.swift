import AWSWire
import Foundation
import Logging
import Synchronization

/// Writes each log record as one JSON object on a line of standard error (`--log-format json`), for
/// log collectors: `{"time", "level", "label", "message", <metadata>…, "error" (when the record
/// carries one), "source"}`, the time in ISO 8601 UTC with milliseconds, metadata flattened to
/// strings, a key the record itself uses prefixed with `metadata.` (the lines the dispatcher writes
/// for an API call carry its `requestId`). A line that cannot be written (the reader went away) is
/// dropped, as the text format's are.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = event.metadata.map { metadata.merging($0) { $1 } } ?? metadata
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        writer.member("time", Self.time(Date()))
        writer.member("level", event.level.rawValue)
        writer.member("label", label)
        writer.member("message", event.message.description)
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
            writer.member(named: Self.reserved.contains(key) ? "metadata." + key : key, "\(value)")
        }
        if let error = event.error { writer.member("error", "\(error)") }
        writer.member("source", event.source)
        writer.endObject()
        let bytes = writer.bytes + [UInt8(ascii: "\n")]
        Self.output.withLock { _ in try? FileHandle.standardError.write(contentsOf: bytes) }
    }

    /// The keys of the record itself, which metadata does not replace.
    static let reserved: Set<String> = ["time", "level", "label", "message", "error", "source"]
    /// Keeps the lines of concurrent records whole.
    static let output = Mutex(())

    static func time(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

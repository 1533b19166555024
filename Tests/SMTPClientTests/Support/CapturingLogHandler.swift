import Logging
import NIOConcurrencyHelpers

/// A log handler that keeps every message with its metadata, for asserting what was logged.
struct CapturingLogHandler: LogHandler {
    /// Every logged line, as `message key=value ...`.
    let lines = NIOLockedValueBox<[String]>([])
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let allMetadata = metadata.merging(event.metadata ?? [:]) { $1 }
        let line = ([event.message.description] + allMetadata.map { "\($0)=\($1)" }).joined(separator: " ")
        lines.withLockedValue { $0.append(line) }
    }
}

import AsyncHTTPClient
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import Logging
import NIOCore

/// Delivers the logs pools export (SetLogDeliveryConfiguration) to where this server was told to
/// (``GatehouseConfiguration/logDeliveryFile``, ``GatehouseConfiguration/logDeliveryURL``): a
/// record of a source goes out when its pool's configuration names that source, whatever the
/// CloudWatch Logs, S3 or Firehose ARN it names. Without either, nothing is read or written.
/// Delivery is best effort, as Cognito's: a failure is logged and the call goes on.
struct LogExport: Sendable {
    /// Log delivery configuration records.
    let storage: any Storage
    let file: JSONLinesFile?
    let url: String?
    let logger: Logger

    var isEnabled: Bool { file != nil || url != nil }

    /// Delivers the record `make` writes when the pool exports `source`.
    func deliver(_ source: EventSourceName, userPoolID: String, _ make: () -> [UInt8]) async {
        guard isEnabled else { return }
        do {
            guard let stored = try await storage.userPoolItem(userPoolID: userPoolID, kind: .logDelivery, key: StoredLogDeliveryConfiguration.key),
                  try StoredLogDeliveryConfiguration(record: stored).exports(source) else { return }
        } catch {
            logger.error("a pool's log delivery configuration could not be read", metadata: ["pool": "\(userPoolID)", "error": "\(error)"])
            return
        }
        let record = make()
        if let file {
            do {
                try await file.append(record)
            } catch {
                logger.error("a log record could not be written", metadata: ["error": "\(error)"])
            }
        }
        if let url {
            Task { [logger] in
                var request = HTTPClientRequest(url: url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(bytes: record))
                do {
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
                    if !(200..<300).contains(response.status.code) {
                        logger.warning("the log delivery endpoint refused a record", metadata: ["status": "\(response.status.code)"])
                    }
                } catch {
                    logger.warning("a log record could not be delivered", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}

/// A file that records are appended to, one JSON document per line, in the order they come;
/// created when missing.
actor JSONLinesFile {
    let path: String
    private var handle: FileHandle?

    init(path: String) {
        self.path = path
    }

    func append(_ record: [UInt8]) throws {
        if handle == nil {
            if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
            guard let opened = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileNoSuchFile) }
            handle = opened
        }
        try handle?.seekToEnd()
        try handle?.write(contentsOf: Data(record + [UInt8(ascii: "\n")]))
    }
}

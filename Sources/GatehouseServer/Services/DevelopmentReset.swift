import AsyncHTTPClient
import NIOCore
import GatehouseStorage

/// Returns the server to empty for a test suite (`POST /_gatehouse/reset`, development mode only):
/// every pool and all that is theirs (clients, groups, users, devices, events, the outbox) goes in
/// one transaction, on SQLite and on PostgreSQL, for every process on the database. The server's
/// keys stay, so tokens of pools made later verify as before; the clock's offset stays too.
struct DevelopmentReset: Sendable {
    let storage: any Storage

    /// - Returns: how many pools were deleted.
    func reset() async throws -> Int {
        try await storage.deleteAllUserPools()
    }
}

/// Why `gatehouse reset` failed: the server's answer.
public struct DevelopmentResetRefused: Error, CustomStringConvertible {
    public let description: String
}

/// Asks the server at `endpoint` to reset (`POST <endpoint>/_gatehouse/reset`), as `gatehouse reset` does.
/// - Returns: the server's answer, `{"DeletedUserPools": N}`.
/// - Throws: ``DevelopmentResetRefused`` when the server does not answer 200 (it is not in
///   development mode: 400 UnknownOperationException; the caller is not on its machine: 403),
///   with what it said.
public func requestDevelopmentReset(at endpoint: String) async throws -> String {
    let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
    var request = HTTPClientRequest(url: base + "/_gatehouse/reset")
    request.method = .POST
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
    guard response.status == .ok else {
        throw DevelopmentResetRefused(description: "the server answered \(response.status.code): \(body)"
                                          + (response.status == .badRequest ? " (start it with --development-reset)" : ""))
    }
    return body
}

import AsyncHTTPClient
import DeclaredState
import GatehouseStorage
import Logging
import NIOCore

/// Returns the server to its bootstrap state for a test suite (`POST /_gatehouse/reset`,
/// development mode only): every pool and all that is theirs (clients, groups, users, devices,
/// events, the outbox) goes in one transaction, on SQLite and on PostgreSQL, for every process on
/// the database; then the bootstrap file's state, if the server has one, is applied again, with its
/// fixed ids. The server's keys stay, so tokens of pools made later verify as before; the clock's
/// offset stays too.
struct DevelopmentReset: Sendable {
    let storage: any Storage
    let declaredState: DeclaredStateFeature
    let bootstrap: DeclaredState?
    let logger: Logger

    /// - Returns: how many pools were deleted, and how many the bootstrap state made again.
    func reset() async throws -> (deleted: Int, restored: Int) {
        let deleted = try await storage.deleteAllUserPools()
        guard let bootstrap else { return (deleted, 0) }
        _ = try await declaredState.apply(bootstrap, logger: logger)
        return (deleted, bootstrap.userPools.count)
    }
}

/// Why `gatehouse reset` failed: the server's answer.
public struct DevelopmentResetRefused: Error, CustomStringConvertible {
    public let description: String
}

/// Asks the server at `endpoint` to reset (`POST <endpoint>/_gatehouse/reset`), as `gatehouse reset` does.
/// - Returns: the server's answer, `{"DeletedUserPools": N, "RestoredUserPools": M}`.
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

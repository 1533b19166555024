import GatehouseStorage

/// What every process on the file keeps in memory (pools, app clients, signing keys) and how a
/// change to it reaches them (``SQLiteChangeCount``).
extension SQLiteStorage {
    /// The record `cache` keeps for `key` at the current change count if `matches` it, else as
    /// `read` reads it now (and then kept).
    func kept<Value: Sendable>(in cache: ChangeCountedCache<String, Value>, _ key: String, where matches: (Value) -> Bool = { _ in true },
                               read: () throws -> Value?) throws -> Value? {
        let count = changes.value
        if let kept = cache.value(for: key, count: count), matches(kept) { return kept }
        let value = try read()
        if let value { cache.remember(value, for: key, count: count) }
        return value
    }

    /// Runs `write`, a write of what processes keep, then forgets here what it wrote (`forget`)
    /// and advances the count every process reads, whatever its outcome, before it returns.
    func announcing<Result: Sendable>(forget: () -> Void, _ write: () async throws -> Result) async throws -> Result {
        defer {
            forget()
            changes.advance()
        }
        return try await write()
    }

    /// Runs `write`, of the item `key` of kind `kind`, announced (``announcing(forget:_:)``) if
    /// that kind is kept.
    func announcing<Result: Sendable>(_ kind: UserPoolItemKind, userPoolID: String, key: String,
                                      _ write: () async throws -> Result) async throws -> Result {
        switch kind {
        case .client: try await announcing(forget: { clients.forget(key) }, write)
        case .signingKeys: try await announcing(forget: { signingKeys.forget(Self.signingKeysKey(userPoolID, key)) }, write)
        default: try await write()
        }
    }

    /// Where ``signingKeys`` keeps the record `key` of the pool `userPoolID`.
    static func signingKeysKey(_ userPoolID: String, _ key: String) -> String {
        userPoolID + "\u{0}" + key
    }
}

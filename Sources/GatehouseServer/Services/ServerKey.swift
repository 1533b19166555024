import Foundation
import GatehouseCore
import GatehouseStorage
import Synchronization

/// A server-wide 32-byte key, read from the database once (the first process to need it creates
/// it) and kept as the `Value` made from it: every process sharing the database uses the same key.
final class ServerKey<Value: Sendable>: Sendable {
    private let name: String
    private let storage: any Storage
    private let random: RandomSource
    private let make: @Sendable (Data) -> Value
    private let cache = Mutex<Value?>(nil)

    init(named name: String, storage: any Storage, random: RandomSource, _ make: @escaping @Sendable (Data) -> Value) {
        self.name = name
        self.storage = storage
        self.random = random
        self.make = make
    }

    func value() async throws -> Value {
        if let value = cache.withLock({ $0 }) { return value }
        let value = make(try await storage.secret(named: name, orInsert: Data(random.bytes(32))))
        cache.withLock { $0 = value }
        return value
    }
}

import GatehouseStorage
import PostgresNIO

extension PostgresStorage {
    /// Reads the schema's version: ready when it is this build's or a newer one (another process,
    /// of a later build, may have upgraded it); an older one means the migrations have not run.
    public func checkReady() async throws {
        let version = try await self.perform {
            try await self.client.query("SELECT max(version) FROM gatehouse_migrations", logger: self.logger).collect()
                .first.map { try $0.decode(Int32?.self) } ?? nil
        }
        let needed = PostgresMigrations.all.map(\.version).max() ?? 0
        guard let version, version >= needed else {
            throw StorageError.engine("the database's schema is at version \(version ?? 0); this build needs \(needed)")
        }
    }
}

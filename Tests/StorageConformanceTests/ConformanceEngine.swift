import GatehouseStorage

/// One engine under test, as ``StorageConformanceSuite`` sees it.
protocol ConformanceEngine: Sendable {
    /// Opens a store over this engine's data. Opening again after closing reaches the same data
    /// when ``survivesReopening`` is true.
    func open() async throws -> OpenedStorage

    /// Whether data written before closing can be read after opening again; such an engine's
    /// stores open at the same time share their data too, as processes on one database do.
    var survivesReopening: Bool { get }

    /// Removes what the engine left behind (files). Every store it opened is closed by then.
    func destroy() async throws
}

/// A store and how to close it (shut it down, and stop whatever runs it).
struct OpenedStorage: Sendable {
    let storage: any Storage
    let close: @Sendable () async throws -> Void
}

/// Everything an engine provides. One value serves every request concurrently.
public protocol Storage: UserPoolStore, UserPoolItemStore, UserStore, GroupMembershipStore, MessageStore, SecretStore,
                        SessionUseStore, DeviceStore, AuthEventStore {
    /// Returns once the store serves reads with the schema this build needs, as a readiness check does.
    /// - Throws: ``StorageError/unavailable`` when the database cannot be reached in time;
    ///   ``StorageError/engine(_:)`` when its schema is older than this build's, or it fails.
    func checkReady() async throws

    /// How busy the store's connections are now.
    func usage() -> StorageUsage

    /// Releases connections and files. The store is not used afterwards.
    func shutdown() async throws
}

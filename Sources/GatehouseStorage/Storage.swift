/// Everything an engine provides. One value serves every request concurrently.
public protocol Storage: UserPoolStore, UserPoolItemStore, UserStore, GroupMembershipStore, MessageStore, SecretStore,
                        SessionUseStore, DeviceStore, AuthEventStore {
    /// Releases connections and files. The store is not used afterwards.
    func shutdown() async throws
}

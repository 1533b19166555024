import AWSWire
import CognitoModel
import GatehouseCore
import GatehouseStorage

/// How a pool's hosted pages look: the classic hosted UI's CSS and logo (SetUICustomization,
/// GetUICustomization), per app client or for the whole pool; managed login's branding styles
/// (Create/Describe/DescribeByClient/Update/DeleteManagedLoginBranding), one per app client.
struct BrandingFeature: Sendable {
    let directory: UserPoolDirectory
    let items: UserPoolItems
    let domains: UserPoolDomains
    let brandings: Brandings
    /// Branding records.
    let storage: any Storage
    let addressing: DomainAddressing
    let clock: Clock
    let random: RandomSource

    func register(in registry: inout OperationRegistry) {
        registry.register(Operations.SetUICustomization.self, setUICustomization)
        registry.register(Operations.GetUICustomization.self, getUICustomization)
        registry.register(Operations.CreateManagedLoginBranding.self, createManagedLoginBranding)
        registry.register(Operations.DescribeManagedLoginBranding.self, describeManagedLoginBranding)
        registry.register(Operations.DescribeManagedLoginBrandingByClient.self, describeManagedLoginBrandingByClient)
        registry.register(Operations.UpdateManagedLoginBranding.self, updateManagedLoginBranding)
        registry.register(Operations.DeleteManagedLoginBranding.self, deleteManagedLoginBranding)
    }
}

/// Reads the brandings the pages show.
struct Brandings: Sendable {
    let storage: any Storage

    /// The classic hosted UI customization of `clientID`, else the pool's (`ALL`), or `nil`.
    func uiCustomization(of clientID: String?, in userPoolID: String) async throws -> (UserPoolItemRecord, StoredUICustomization)? {
        guard let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: .uiCustomization, clientID: clientID,
                                                          elsePool: StoredUICustomization.allClients) else { return nil }
        return (record, try StoredUICustomization(record: record))
    }

    /// The path, under a domain, of a customization's file (`image.jpg`, `customization.css`).
    static func assetPath(_ record: UserPoolItemRecord, _ stored: StoredUICustomization, file: String) -> String {
        "/assets/\(record.key)/\(stored.version)/\(file)"
    }
}

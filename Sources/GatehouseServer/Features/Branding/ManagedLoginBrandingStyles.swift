import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension BrandingFeature {
    static func styleNotFound(_ id: String) -> AWSServiceError {
        .resourceNotFoundException("Managed login branding style \(id) does not exist.")
    }

    /// The pool's style `id` and its record.
    /// - Throws: `ResourceNotFoundException` for the pool (missing, or of another region), then for the style.
    func style(_ id: String, of userPoolID: String, context: CallContext) async throws -> (UserPoolItemRecord, StoredManagedLoginBranding) {
        guard let record = try await items.record(.managedLoginBranding, named: id, of: userPoolID, context: context) else {
            throw Self.styleNotFound(id)
        }
        return (record, try StoredManagedLoginBranding(record: record))
    }

    /// Managed login, and so its branding, needs a plan above LITE.
    static func checkTier(_ pool: UserPool) throws(AWSServiceError) {
        if pool.settings.userPoolTier == .lite {
            throw .featureUnavailableInTierException("Managed login branding is not available in the LITE feature plan.")
        }
    }
}

extension Brandings {
    /// The managed login branding style of the app client `clientID`, or `nil`.
    func managedLoginBranding(of clientID: String, in userPoolID: String) async throws -> (UserPoolItemRecord, StoredManagedLoginBranding)? {
        guard let record = try await storage.userPoolItem(userPoolID: userPoolID, kind: .managedLoginBranding, key: clientID) else { return nil }
        return (record, try StoredManagedLoginBranding(record: record))
    }
}

import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension BrandingFeature {
    /// Sets the CSS and logo of one app client's pages, or with ClientId `ALL` (or none) of every
    /// client without its own; both at once, as Cognito takes them. The pool needs a domain.
    func setUICustomization(_ input: SetUICustomizationRequest, context: CallContext) async throws -> SetUICustomizationResponse {
        let poolID = try input.userPoolId.required
        let pool = try await directory.pool(poolID, context: context)
        let key = input.clientId ?? StoredUICustomization.allClients
        if key != StoredUICustomization.allClients { _ = try await directory.poolClient(key, of: pool) }
        guard let domainURL = try await domains.url(of: pool, addressing: addressing) else {
            throw AWSServiceError.invalidParameterException("There has to be an existing domain associated with this user pool")
        }
        if let css = input.css { try UICustomizationCSS.check(css) }
        if let logo = input.imageFile, !logo.isEmpty {
            guard logo.count <= StoredUICustomization.maximumLogoBytes, UICustomizationCSS.isLogo(logo) else {
                throw AWSServiceError.invalidParameterException("The logo must be a PNG or JPEG image of at most 100 KB.")
            }
        }
        let now = clock.now()
        let stored = StoredUICustomization(css: input.css, logo: input.imageFile.flatMap { $0.isEmpty ? nil : $0 },
                                           version: StoredUICustomization.version(at: now))
        let record = try await items.save(.uiCustomization, key, of: poolID, document: stored.document(), now: now)
        return SetUICustomizationResponse(uiCustomization: stored.describe(
            record, logoURL: domainURL + Brandings.assetPath(record, stored, file: "image.jpg")))
    }
}

import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage
import HTTPTypes
import Hummingbird
import NIOCore

extension ManagedLoginFeature {
    /// The branding the pages of `clientID` (or of the pool, without one) show on `domain`: the
    /// classic hosted UI's customization on a version 1 domain, the client's branding style on a
    /// version 2 (managed login) domain.
    func branding(of clientID: String?, _ domain: PoolDomain) async throws -> PageBranding? {
        let assets = try await brandingAssets(of: clientID, domain)
        guard let assets else { return nil }
        func path(_ file: String) -> String { domain.basePath + "/assets/\(assets.key)/\(assets.version)/\(file)" }
        return PageBranding(stylesheet: assets.css?.isEmpty == false ? path(Self.stylesheetFile) : nil,
                            logoURL: assets.logo == nil ? nil : path(Self.logoFile))
    }

    static let stylesheetFile = "customization.css"
    /// The logo's name, whatever its format, as Cognito names it.
    static let logoFile = "image.jpg"

    /// What a branding serves: its CSS and logo, under its key (a client id, or `ALL`) and version.
    struct BrandingAssets {
        let key: String
        let version: String
        let css: String?
        let logo: Data?
        let logoType: String
    }

    /// The branding of `clientID` on `domain` (version 1: the client's customization, else the
    /// pool's; version 2: the client's style), or `nil`.
    func brandingAssets(of clientID: String?, _ domain: PoolDomain) async throws -> BrandingAssets? {
        if domain.managedLoginVersion == 1 {
            guard let (record, stored) = try await brandings.uiCustomization(of: clientID, in: domain.pool.id) else { return nil }
            let type = stored.logo.map { Array($0.prefix(1)) == [0x89] ? "image/png" : "image/jpeg" } ?? ""
            return BrandingAssets(key: record.key, version: stored.version, css: stored.css, logo: stored.logo, logoType: type)
        }
        guard let clientID, let (record, style) = try await brandings.managedLoginBranding(of: clientID, in: domain.pool.id) else { return nil }
        let logo = style.asset(.formLogo)
        return BrandingAssets(key: record.key, version: StoredUICustomization.version(at: record.lastModifiedDate), css: style.css,
                              logo: logo?.bytes, logoType: "image/" + (logo?.extension?.rawValue.lowercased() ?? "png")
                                .replacingOccurrences(of: "svg", with: "svg+xml").replacingOccurrences(of: "ico", with: "x-icon"))
    }

    /// `GET /assets/<client or ALL>/<version>/<file>`: a branding's logo or CSS, cached for a year
    /// as each version has its own URL, and never run as a page (an SVG logo's scripts included).
    func asset(client: String, version: String, file: String, domain: PoolDomain) async throws -> Response {
        let key = client == StoredUICustomization.allClients ? nil : client
        guard let assets = try await brandingAssets(of: key, domain), assets.key == client, assets.version == version else {
            throw PoolDomainResolver.notFound
        }
        let (body, type): (Data?, String)
        switch file {
        case Self.logoFile: (body, type) = (assets.logo, assets.logoType)
        case Self.stylesheetFile: (body, type) = (assets.css.map { Data($0.utf8) }, "text/css; charset=utf-8")
        default: (body, type) = (nil, "")
        }
        guard let body else { throw PoolDomainResolver.notFound }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=31536000, immutable",
                                               HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                                               .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

import AWSWire
import Foundation
import GatehouseCore
import GatehouseStorage
import HTTPTypes
import Hummingbird
import NIOCore

extension ManagedLoginFeature {
    /// The branding the pages of `clientID` (or of the pool, without one) show on `domain`: the
    /// classic hosted UI's customization on a version 1 domain.
    func branding(of clientID: String?, _ domain: PoolDomain) async throws -> PageBranding? {
        guard domain.managedLoginVersion == 1, let (record, stored) = try await brandings.uiCustomization(of: clientID, in: domain.pool.id)
        else { return nil }
        return PageBranding(stylesheet: stored.css.map { _ in domain.basePath + Brandings.assetPath(record, stored, file: "customization.css") },
                            logoURL: stored.logo.map { _ in domain.basePath + Brandings.assetPath(record, stored, file: "image.jpg") })
    }

    /// `GET /assets/<client or ALL>/<version>/<file>`: a customization's logo (`image.jpg`, PNG or
    /// JPEG whatever the name says, as Cognito serves it) or CSS (`customization.css`), cached for
    /// a year as each version has its own URL.
    func asset(client: String, version: String, file: String, domain: PoolDomain) async throws -> Response {
        guard let record = try await storage.userPoolItem(userPoolID: domain.pool.id, kind: .uiCustomization, key: client),
              case let stored = try StoredUICustomization(record: record), stored.version == version else { throw PoolDomainResolver.notFound }
        let (body, type): (Data?, String)
        switch file {
        case "image.jpg": (body, type) = (stored.logo, stored.logo.map { Array($0.prefix(1)) == [0x89] ? "image/png" : "image/jpeg" } ?? "")
        case "customization.css": (body, type) = (stored.css.map { Data($0.utf8) }, "text/css; charset=utf-8")
        default: (body, type) = (nil, "")
        }
        guard let body else { throw PoolDomainResolver.notFound }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=31536000, immutable",
                                               HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

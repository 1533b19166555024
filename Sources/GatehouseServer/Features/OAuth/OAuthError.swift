import AWSWire
import HTTPTypes
import Hummingbird
import NIOCore

/// A refusal of the token or revocation endpoint: `{"error": "<code>"}` (RFC 6749 §5.2), status 400
/// whatever the code, `invalid_client` included, as Cognito's captured answers show.
struct OAuthError: Error, Sendable, Equatable {
    let code: String

    static let invalidRequest = OAuthError(code: "invalid_request")
    static let invalidClient = OAuthError(code: "invalid_client")
    static let invalidGrant = OAuthError(code: "invalid_grant")
    static let unauthorizedClient = OAuthError(code: "unauthorized_client")
    static let unsupportedGrantType = OAuthError(code: "unsupported_grant_type")
    static let invalidScope = OAuthError(code: "invalid_scope")
    static let unsupportedTokenType = OAuthError(code: "unsupported_token_type")

    var response: Response {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("error", code)
        writer.endObject()
        return OAuthResponses.json(writer.bytes, status: .badRequest)
    }
}

/// The responses of the OAuth endpoints that browsers' scripts call from other origins (token,
/// revocation, userInfo, the JWKS and discovery documents): `Access-Control-Allow-Origin: *`, as
/// Cognito's token endpoint answers, and never cached.
enum OAuthResponses {
    static func json(_ body: [UInt8], status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json;charset=UTF-8"
        fields[.cacheControl] = "no-cache, no-store, max-age=0, must-revalidate"
        fields[HTTPField.Name("Pragma")!] = "no-cache"
        fields[.accessControlAllowOrigin] = "*"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The answer to a CORS preflight (`OPTIONS`) of these endpoints and of the API (`POST /`), as
    /// Cognito's API answers one: any origin, the headers asked for, for two days. Without
    /// `allowingAuthorization`, `Authorization` is left out of them: the API's operations a browser
    /// calls take none, and a page of another origin could otherwise call a local server's admin
    /// operations, which it takes unsigned from loopback.
    static func preflight(_ request: Request, methods: String, allowingAuthorization: Bool = true) -> Response {
        var headers: HTTPFields = [.accessControlAllowOrigin: "*", .accessControlAllowMethods: methods, .accessControlMaxAge: "172800"]
        if let asked = request.headers[.accessControlRequestHeaders] {
            headers[.accessControlAllowHeaders] = allowingAuthorization ? asked : asked.split(separator: ",")
                .filter { $0.trimmingWhitespace.lowercased() != "authorization" }.joined(separator: ",")
        }
        return Response(status: .ok, headers: headers)
    }
}

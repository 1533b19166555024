import AWSWire
import GatehouseCore

extension OAuthFeature {
    /// Why `/oauth2/userInfo` refuses a request: its `WWW-Authenticate` challenge and status.
    struct UserInfoRefusal: Error, Equatable {
        let error: String
        let description: String
        let status: Int

        static let badRequest = UserInfoRefusal(error: "invalid_request", description: "Bad OAuth2 request at UserInfo Endpoint", status: 400)
        static let invalidToken = UserInfoRefusal(
            error: "invalid_token", description: "Access token is expired, disabled, or deleted, or the user has globally signed out.",
            status: 401)
        static let noOpenIDScope = UserInfoRefusal(error: "invalid_token", description: "Access token does not contain openid scope", status: 401)

        /// `WWW-Authenticate`'s value (RFC 6750 §3).
        var challenge: String { #"Bearer error="\#(error)", error_description="\#(description)""# }
    }

    /// `GET` or `POST /oauth2/userInfo`: the attributes of the user whose access token (with the
    /// `openid` scope, of the domain's pool) the `Authorization: Bearer` header carries.
    /// - Throws: ``UserInfoRefusal``.
    func userInfo(authorization: String?, pool: UserPool) async throws -> [UInt8] {
        guard let authorization, authorization.count > 7, authorization.prefix(7).lowercased() == "bearer " else {
            throw UserInfoRefusal.badRequest
        }
        let caller: AccessTokenCaller
        do {
            caller = try await accessTokens.caller(String(authorization.dropFirst(7)), requiredScope: OAuthScopes.openID)
        } catch let error as AWSServiceError where error == AccessTokens.missingScope {
            throw UserInfoRefusal.noOpenIDScope
        } catch is AWSServiceError {
            throw UserInfoRefusal.invalidToken
        }
        guard caller.pool.id == pool.id else { throw UserInfoRefusal.invalidToken }
        let client = try await accessTokens.client(of: caller)
        return UserInfoClaims.json(sub: caller.record.sub, username: caller.user.username,
                                   readable: ClientAttributeAccess.readable(caller.user.attributes, by: client.settings),
                                   scopes: caller.claims.scopes)
    }
}

import AWSWire
import CognitoModel

/// The business rules CreateUserPoolClient and UpdateUserPoolClient check after the model's
/// constraints, on the client as the request would leave it, with Cognito's exceptions and
/// messages. Checked in this order; the first that fails answers (docs/compatibility.md):
/// 1. token validities within their ranges, in their units;
/// 2. ExplicitAuthFlows not mixing legacy values with ALLOW_ values;
/// 3. ReadAttributes and WriteAttributes naming attributes of the pool (write: mutable ones);
/// 4. AllowedOAuthFlows: client_credentials alone and only with a secret; code and implicit only
///    with CallbackURLs; CallbackURLs and LogoutURLs over HTTPS but on this machine (`http://localhost`,
///    `127.0.0.1`, `[::1]`) and without a fragment, DefaultRedirectURI one of the CallbackURLs;
/// 5. AllowedOAuthScopes among the standard scopes and the pool's resource servers' scopes;
/// 6. SupportedIdentityProviders among the pool's providers (only COGNITO exists yet).
public enum UserPoolClientRules {
    /// The scopes every pool has.
    public static let standardScopes: Set<String> = ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"]
    static let legacyFlows: Set<ExplicitAuthFlowsType> = [.adminNoSrpAuth, .customAuthFlowOnly, .userPasswordAuth]

    /// - Parameter customScopes: the scopes the pool's resource servers define (`<identifier>/<scope>`),
    ///   at least those of AllowedOAuthScopes that are not standard.
    public static func check(_ client: UserPoolClientType, userPoolID: String, schema: [SchemaAttributeType],
                             hasSecret: Bool, isUpdate: Bool, customScopes: Set<String> = []) throws(AWSServiceError) {
        try checkTokenValidities(client)
        let flows = client.explicitAuthFlows ?? []
        if flows.contains(where: legacyFlows.contains), flows.contains(where: { $0.rawValue.hasPrefix("ALLOW_") }) {
            throw .invalidParameterException(
                "The legacy ExplicitAuthFlows values ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY and USER_PASSWORD_AUTH cannot be combined with values that begin with ALLOW_.")
        }
        try checkAttributes(client, schema: schema, isUpdate: isUpdate)
        try checkOAuthFlows(client, hasSecret: hasSecret)
        try checkRedirectURLs(client)
        if let scope = client.allowedOAuthScopes?.first(where: { !standardScopes.contains($0) && !customScopes.contains($0) }) {
            throw .scopeDoesNotExistException("Invalid scope requested: \(scope)")
        }
        if let provider = client.supportedIdentityProviders?.first(where: { $0 != "COGNITO" }) {
            throw .invalidParameterException("The provider \(provider) does not exist for User Pool \(userPoolID)")
        }
    }

    /// Access and ID tokens last 5 minutes to 1 day, refresh tokens 1 hour to 10 years.
    static func checkTokenValidities(_ client: UserPoolClientType) throws(AWSServiceError) {
        let units = client.tokenValidityUnits
        let checks: [(value: Int?, unit: TimeUnitsType?, fallback: TimeUnitsType, range: ClosedRange<Int>)] = [
            (client.accessTokenValidity, units?.accessToken, .hours, 300...86_400),
            (client.idTokenValidity, units?.idToken, .hours, 300...86_400),
            (client.refreshTokenValidity, units?.refreshToken, .days, 3_600...315_360_000),
        ]
        for check in checks {
            guard let value = check.value else { continue }
            let seconds = value.multipliedReportingOverflow(
                by: UserPoolClientConfiguration.seconds(in: check.unit, fallback: check.fallback))
            if seconds.overflow || !check.range.contains(seconds.partialValue) {
                throw .invalidParameterException("Invalid range for token validity.")
            }
        }
    }

    static func checkAttributes(_ client: UserPoolClientType, schema: [SchemaAttributeType], isUpdate: Bool) throws(AWSServiceError) {
        let action = isUpdate ? "updating" : "creating"
        let readable = Set(schema.compactMap(\.name))
        if client.readAttributes?.contains(where: { !readable.contains($0) }) == true {
            throw .invalidParameterException("Invalid read attributes specified while \(action) a client")
        }
        let writable = Set(schema.filter { $0.mutable != false }.compactMap(\.name))
        if client.writeAttributes?.contains(where: { !writable.contains($0) }) == true {
            throw .invalidParameterException("Invalid write attributes specified while \(action) a client")
        }
    }

    static func checkRedirectURLs(_ client: UserPoolClientType) throws(AWSServiceError) {
        for url in (client.callbackURLs ?? []) + (client.logoutURLs ?? []) + [client.defaultRedirectURI].compactMap({ $0 }) {
            guard isAllowedRedirect(url) else { throw .invalidParameterException("\(url) cannot use the HTTP protocol.") }
            // RFC 6749 §3.1.2: the answer's parameters go in the query or the fragment.
            if url.contains("#") { throw .invalidParameterException("\(url) cannot contain a fragment.") }
        }
        if let uri = client.defaultRedirectURI, client.callbackURLs?.contains(uri) != true {
            throw .invalidParameterException("DefaultRedirectURI must be one of the CallbackURLs.")
        }
    }

    /// A redirect URL may use any scheme (an app's own, `myapp://`) but plain HTTP, which only this machine may use.
    static func isAllowedRedirect(_ url: String) -> Bool {
        guard url.lowercased().hasPrefix("http://") else { return true }
        let authority = url.dropFirst("http://".count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = HostAllowList.hostname(of: String(authority.split(separator: "@").last ?? ""))
        return host == "localhost" || host == "127.0.0.1" || host == "::1"
    }

    static func checkOAuthFlows(_ client: UserPoolClientType, hasSecret: Bool) throws(AWSServiceError) {
        let flows = client.allowedOAuthFlows ?? []
        let interactive = flows.contains(.code) || flows.contains(.implicit)
        if flows.contains(.clientCredentials) {
            if interactive {
                throw .invalidOAuthFlowException("client_credentials flow can not be selected along with code flow or implicit flow.")
            }
            if !hasSecret {
                throw .invalidOAuthFlowException("client_credentials flow can not be selected if client does not have a client secret.")
            }
        }
        if interactive, client.callbackURLs?.isEmpty ?? true {
            throw .invalidOAuthFlowException("CallbackUrls can not be empty when code flow or implicit flow is selected")
        }
    }
}

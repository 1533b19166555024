import CognitoModel

/// Applies the settings of CreateUserPoolClient or UpdateUserPoolClient to a client, as Cognito
/// does: every setting the request leaves out returns to its default, except that an update keeps
/// the client's name and TokenValidityUnits when the request omits them (docs/compatibility.md).
/// A client created with only a name shows RefreshTokenValidity 30, empty TokenValidityUnits,
/// AllowedOAuthFlowsUserPoolClient false, EnableTokenRevocation true,
/// EnablePropagateAdditionalUserContextData false and AuthSessionValidity 3, and nothing else;
/// in particular no ExplicitAuthFlows, although ALLOW_REFRESH_TOKEN_AUTH, ALLOW_USER_SRP_AUTH and
/// ALLOW_CUSTOM_AUTH then apply (``effectiveExplicitAuthFlows(_:)``). Rules are checked by
/// ``UserPoolClientRules``.
public enum UserPoolClientConfiguration {
    /// Refresh tokens last 30 days unless the client says otherwise.
    public static let defaultRefreshTokenValiditySeconds = 30 * 86_400
    public static let defaultAuthSessionValidity = 3

    /// - Parameters:
    ///   - accountID: the account of the service-linked role an analytics configuration gets when it names none.
    ///   - isUpdate: `true` for UpdateUserPoolClient (keeps the units when omitted).
    public static func apply(_ input: some UserPoolClientSettingsInput, to client: inout UserPoolClientType,
                             accountID: String, isUpdate: Bool) {
        if let units = input.tokenValidityUnits {
            client.tokenValidityUnits = units
        } else if !isUpdate {
            client.tokenValidityUnits = TokenValidityUnitsType()
        }
        client.refreshTokenValidity = refreshTokenValidity(input.refreshTokenValidity, units: client.tokenValidityUnits)
        client.accessTokenValidity = input.accessTokenValidity
        client.idTokenValidity = input.idTokenValidity
        client.readAttributes = input.readAttributes
        client.writeAttributes = input.writeAttributes
        client.explicitAuthFlows = input.explicitAuthFlows
        client.supportedIdentityProviders = input.supportedIdentityProviders
        client.callbackURLs = input.callbackURLs
        client.logoutURLs = input.logoutURLs
        client.defaultRedirectURI = input.defaultRedirectURI
        client.allowedOAuthFlows = input.allowedOAuthFlows
        client.allowedOAuthScopes = input.allowedOAuthScopes
        client.allowedOAuthFlowsUserPoolClient = input.allowedOAuthFlowsUserPoolClient ?? false
        client.analyticsConfiguration = input.analyticsConfiguration.map { analytics(of: $0, accountID: accountID) }
        client.preventUserExistenceErrors = input.preventUserExistenceErrors
        client.enableTokenRevocation = input.enableTokenRevocation ?? true
        client.enablePropagateAdditionalUserContextData = input.enablePropagateAdditionalUserContextData ?? false
        client.authSessionValidity = input.authSessionValidity ?? defaultAuthSessionValidity
        client.refreshTokenRotation = input.refreshTokenRotation
    }

    /// The flows a client allows: its ExplicitAuthFlows, or Cognito's three defaults when it has none.
    public static func effectiveExplicitAuthFlows(_ client: UserPoolClientType) -> [ExplicitAuthFlowsType] {
        if let flows = client.explicitAuthFlows, !flows.isEmpty { return flows }
        return [.allowRefreshTokenAuth, .allowUserSrpAuth, .allowCustomAuth]
    }

    /// Seconds in one `unit`, or in `fallback` when the unit is not set.
    public static func seconds(in unit: TimeUnitsType?, fallback: TimeUnitsType) -> Int {
        switch unit ?? fallback {
        case .seconds: 1
        case .minutes: 60
        case .hours: 3_600
        default: 86_400
        }
    }

    /// The refresh token validity as given, or 30 days in the client's refresh token unit when the
    /// request gives none or 0 ("If you do, Amazon Cognito overrides the value with the default").
    static func refreshTokenValidity(_ value: Int?, units: TokenValidityUnitsType?) -> Int {
        if let value, value != 0 { return value }
        return defaultRefreshTokenValiditySeconds / seconds(in: units?.refreshToken, fallback: .days)
    }

    /// An analytics configuration that names no role gets Cognito's service-linked role, and
    /// UserDataShared false.
    static func analytics(of configuration: AnalyticsConfigurationType, accountID: String) -> AnalyticsConfigurationType {
        var analytics = configuration
        if analytics.applicationArn != nil, analytics.roleArn == nil {
            analytics.roleArn = "arn:aws:iam::\(accountID):role/aws-service-role/cognito-idp.amazonaws.com/AWSServiceRoleForAmazonCognitoIdp"
        }
        analytics.userDataShared = analytics.userDataShared ?? false
        return analytics
    }
}

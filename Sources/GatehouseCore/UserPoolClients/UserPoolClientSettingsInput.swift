import CognitoModel

/// The settings that CreateUserPoolClient and UpdateUserPoolClient both take, under the same names
/// and shapes, so that one function applies either request (``UserPoolClientConfiguration``).
public protocol UserPoolClientSettingsInput {
    var refreshTokenValidity: Int? { get }
    var accessTokenValidity: Int? { get }
    var idTokenValidity: Int? { get }
    var tokenValidityUnits: TokenValidityUnitsType? { get }
    var readAttributes: [String]? { get }
    var writeAttributes: [String]? { get }
    var explicitAuthFlows: [ExplicitAuthFlowsType]? { get }
    var supportedIdentityProviders: [String]? { get }
    var callbackURLs: [String]? { get }
    var logoutURLs: [String]? { get }
    var defaultRedirectURI: String? { get }
    var allowedOAuthFlows: [OAuthFlowType]? { get }
    var allowedOAuthScopes: [String]? { get }
    var allowedOAuthFlowsUserPoolClient: Bool? { get }
    var analyticsConfiguration: AnalyticsConfigurationType? { get }
    var preventUserExistenceErrors: PreventUserExistenceErrorTypes? { get }
    var enableTokenRevocation: Bool? { get }
    var enablePropagateAdditionalUserContextData: Bool? { get }
    var authSessionValidity: Int? { get }
    var refreshTokenRotation: RefreshTokenRotationType? { get }
}

extension CreateUserPoolClientRequest: UserPoolClientSettingsInput {}
extension UpdateUserPoolClientRequest: UserPoolClientSettingsInput {}

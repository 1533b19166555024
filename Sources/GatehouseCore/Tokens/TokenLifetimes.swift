import CognitoModel

/// An app client's token lifetimes in seconds: its AccessTokenValidity and IdTokenValidity (hours
/// unless TokenValidityUnits says otherwise; 1 hour when unset) and RefreshTokenValidity (days).
public struct TokenLifetimes: Sendable, Equatable {
    public let access: Int
    public let id: Int
    public let refresh: Int

    public init(_ client: UserPoolClientType) {
        let units = client.tokenValidityUnits
        func seconds(_ value: Int?, _ unit: TimeUnitsType?, fallback: TimeUnitsType, default defaultSeconds: Int) -> Int {
            guard let value, value > 0 else { return defaultSeconds }
            return value * UserPoolClientConfiguration.seconds(in: unit, fallback: fallback)
        }
        access = seconds(client.accessTokenValidity, units?.accessToken, fallback: .hours, default: 3_600)
        id = seconds(client.idTokenValidity, units?.idToken, fallback: .hours, default: 3_600)
        refresh = seconds(client.refreshTokenValidity, units?.refreshToken, fallback: .days,
                          default: UserPoolClientConfiguration.defaultRefreshTokenValiditySeconds)
    }
}

import AWSWire
import CognitoModel

/// The PreTokenGeneration trigger, in the pool's version: V1_0 changes the ID token's claims and
/// both tokens' groups; V2_0 (and V3_0, the same for these flows) also the access token's claims
/// and scopes.
public enum PreTokenGenerationTrigger {
    public enum Source: String, Sendable {
        case authentication = "TokenGeneration_Authentication"
        case newPasswordChallenge = "TokenGeneration_NewPasswordChallenge"
        /// A sign-in that ended with a device's proof (DEVICE_PASSWORD_VERIFIER).
        case authenticateDevice = "TokenGeneration_AuthenticateDevice"
        case refreshTokens = "TokenGeneration_RefreshTokens"
        /// A sign-in on the managed login pages (an authorization code redeemed, implicit tokens).
        case hostedAuth = "TokenGeneration_HostedAuth"
        /// A machine's access token (the client_credentials grant), for V3_0 functions only.
        case clientCredentials = "TokenGeneration_ClientCredentials"
    }

    /// The `userName` of a client_credentials event (the token endpoint's documented example).
    static let clientCredentialsUserName = "ClientCredentials"

    /// Whether the pool's trigger is of the later versions, which see and change the access token.
    static func isV2OrLater(_ version: PreTokenGenerationLambdaVersionType?) -> Bool {
        version == .v2_0 || version == .v3_0
    }

    /// The event for the tokens of `user`.
    /// - Parameter scopes: the access token's scopes (sent to V2_0 and V3_0 functions).
    public static func event(_ source: Source, pool: UserPool, user: StoredUser, clientID: String, groups: GroupClaims,
                             scopes: [String], clientMetadata: [String: String]?) -> [UInt8] {
        let version = pool.triggers.preTokenGenerationConfig?.lambdaVersion
        var envelope = TriggerEvent(trigger: .preTokenGeneration, triggerSource: source.rawValue, region: pool.region, userPoolID: pool.id,
                                    userName: user.username, clientID: clientID)
        envelope.version = version == .v3_0 ? "3" : isV2OrLater(version) ? "2" : "1"
        return envelope.json { request in
            request.member("userAttributes", UserTriggerEvents.userAttributes(user))
            request.member("groupConfiguration") { writer in
                writer.beginObject()
                writer.member("groupsToOverride", groups.groups)
                writer.member("iamRolesToOverride", groups.roles)
                writer.member("preferredRole", writing: { writer in
                    if let role = groups.preferredRole { writer.string(role) } else { writer.null() }
                })
                writer.endObject()
            }
            if isV2OrLater(version) { request.member("scopes", scopes) }
            // Left out when the call gave none, as Cognito's events show.
            if let clientMetadata { request.member("clientMetadata", clientMetadata) }
        } response: { response in
            response.member(isV2OrLater(version) ? "claimsAndScopeOverrideDetails" : "claimsOverrideDetails", writing: { $0.null() })
        }
    }

    /// The event for a client_credentials access token of the app client `clientID`, as the token
    /// endpoint's documentation shows it: no user, the scopes granted, the request's
    /// `aws_client_metadata` as clientMetadata.
    public static func clientCredentialsEvent(pool: UserPool, clientID: String, scopes: [String],
                                              clientMetadata: [String: String]?) -> [UInt8] {
        var envelope = TriggerEvent(trigger: .preTokenGeneration, triggerSource: Source.clientCredentials.rawValue, region: pool.region,
                                    userPoolID: pool.id, userName: clientCredentialsUserName, clientID: clientID)
        envelope.version = "3"
        return envelope.json { request in
            request.member("userAttributes", [String: String]())
            request.member("groupConfiguration", writing: { $0.null() })
            request.member("scopes", scopes)
            if let clientMetadata { request.member("clientMetadata", clientMetadata) }
        } response: { response in
            response.member("claimsAndScopeOverrideDetails", writing: { $0.null() })
        }
    }

    /// What the function's answer changes in the tokens.
    /// - Throws: the call's error when the function failed or answered what Cognito cannot read
    ///   (V1_0 claims must be strings).
    public static func customization(_ result: InvocationResult,
                                     version: PreTokenGenerationLambdaVersionType?) throws(AWSServiceError) -> TokenCustomization {
        let response = try TriggerEvent.output(result, of: .preTokenGeneration)
        var customization = TokenCustomization()
        if isV2OrLater(version) {
            guard let details = try response.optionalObject("claimsAndScopeOverrideDetails") else { return customization }
            if let id = try details.optionalObject("idTokenGeneration") { customization.idToken = try claims(id, stringsOnly: false) }
            if let access = try details.optionalObject("accessTokenGeneration") {
                customization.accessToken = try claims(access, stringsOnly: false)
                customization.scopesToAdd = try access.optionalStrings("scopesToAdd") ?? []
                customization.scopesToSuppress = try access.optionalStrings("scopesToSuppress") ?? []
            }
            customization.groups = try groups(details)
        } else {
            guard let details = try response.optionalObject("claimsOverrideDetails") else { return customization }
            customization.idToken = try claims(details, stringsOnly: true)
            customization.groups = try groups(details)
        }
        return customization
    }

    private static func claims(_ node: JSONNode, stringsOnly: Bool) throws(AWSServiceError) -> TokenCustomization.Claims {
        let added = try node.optionalObject("claimsToAddOrOverride") ?? .object([])
        if stringsOnly, added.pairs?.contains(where: { $0.value.string == nil }) == true { throw TriggerEvent.unrecognizable }
        return TokenCustomization.Claims(toAddOrOverride: added, toSuppress: try node.optionalStrings("claimsToSuppress") ?? [])
    }

    /// `groupOverrideDetails`: absent keeps the user's groups; `null` or an object without groups
    /// suppresses them (docs/compatibility.md § Lambda triggers).
    private static func groups(_ details: JSONNode) throws(AWSServiceError) -> GroupClaims? {
        guard let given = details["groupOverrideDetails"] else { return nil }
        guard case .object = given else {
            if case .null = given { return GroupClaims() }
            throw TriggerEvent.unrecognizable
        }
        return GroupClaims(groups: try given.optionalStrings("groupsToOverride") ?? [], roles: try given.optionalStrings("iamRolesToOverride") ?? [],
                           preferredRole: try given.optionalString("preferredRole"))
    }
}

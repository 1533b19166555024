import AWSWire
import CognitoModel
import GatehouseCore

/// Runs a pool's Lambda triggers: the event from Core, the call through ``FunctionInvoker``, the
/// answer read by Core. A pool that names no function for a trigger skips it: no event is made.
/// Each method throws the error Cognito answers when the function fails or answers what Cognito
/// refuses.
struct Triggers: Sendable {
    let invoker: FunctionInvoker

    /// Calls the pool's function for `trigger` with the event `event` makes; `nil` when the pool has none.
    private func call(_ trigger: LambdaTrigger, of pool: UserPool, event: () -> [UInt8]) async -> InvocationResult? {
        guard let function = trigger.function(in: pool.triggers) else { return nil }
        return await invoker.invoke(function, payload: event(), region: pool.region)
    }

    /// PreSignUp, before a SignUp or an AdminCreateUser stores the user; `nil` without a function.
    func preSignUp(_ source: PreSignUpTrigger.Source, pool: UserPool, userName: String, clientID: String?,
                   userAttributes: [AttributeType], validationData: [AttributeType]?,
                   clientMetadata: [String: String]?) async throws -> PreSignUpTrigger.Answer? {
        guard let result = await call(.preSignUp, of: pool, event: {
            PreSignUpTrigger.event(source, pool: pool, userName: userName, clientID: clientID, userAttributes: userAttributes,
                                   validationData: validationData, clientMetadata: clientMetadata)
        }) else { return nil }
        return try PreSignUpTrigger.answer(result, source: source, userAttributes: userAttributes)
    }

    /// CustomMessage, before a message about `user` is made: the function's texts, or `nil`
    /// without a function.
    func customMessage(_ source: CustomMessageTrigger.Source, pool: UserPool, user: StoredUser, clientID: String?,
                       clientMetadata: [String: String]?) async throws -> CustomMessageTrigger.Answer? {
        guard let result = await call(.customMessage, of: pool, event: {
            CustomMessageTrigger.event(source, pool: pool, user: user, clientID: clientID, clientMetadata: clientMetadata)
        }) else { return nil }
        return try CustomMessageTrigger.answer(result, source: source)
    }

    /// What Cognito answers to CUSTOM_AUTH in a pool without the custom challenge functions.
    static let customAuthNotConfigured = AWSServiceError.invalidParameterException("Custom auth lambda trigger is not configured for the user pool.")

    /// Calls a custom challenge function, which CUSTOM_AUTH needs.
    private func customAuth(_ trigger: LambdaTrigger, of pool: UserPool, event: () -> [UInt8]) async throws -> InvocationResult {
        guard let result = await call(trigger, of: pool, event: event) else { throw Self.customAuthNotConfigured }
        return result
    }

    /// DefineAuthChallenge: what follows a CUSTOM_AUTH sign-in's `session` steps.
    func defineAuthChallenge(_ subject: CustomAuthTriggers.Subject,
                             session: [CustomAuthTriggers.ChallengeResult]) async throws -> CustomAuthTriggers.Decision {
        try CustomAuthTriggers.decision(await customAuth(.defineAuthChallenge, of: subject.pool) {
            CustomAuthTriggers.defineEvent(subject, session: session)
        })
    }

    /// CreateAuthChallenge: the next CUSTOM_CHALLENGE.
    func createAuthChallenge(_ subject: CustomAuthTriggers.Subject,
                             session: [CustomAuthTriggers.ChallengeResult]) async throws -> CustomAuthTriggers.Challenge {
        try CustomAuthTriggers.challenge(await customAuth(.createAuthChallenge, of: subject.pool) {
            CustomAuthTriggers.createEvent(subject, session: session)
        })
    }

    /// VerifyAuthChallengeResponse: whether `answer` is right.
    func verifyAuthChallengeResponse(_ subject: CustomAuthTriggers.Subject, privateParameters: [String: String],
                                     answer: String) async throws -> Bool {
        try CustomAuthTriggers.answerCorrect(await customAuth(.verifyAuthChallengeResponse, of: subject.pool) {
            CustomAuthTriggers.verifyEvent(subject, privateParameters: privateParameters, answer: answer)
        })
    }

    /// PostConfirmation, after the user is stored confirmed: a failure is the call's error, but
    /// the confirmation stays (docs/compatibility.md § Lambda triggers).
    func postConfirmation(_ source: UserTriggerEvents.PostConfirmationSource, pool: UserPool, user: StoredUser, clientID: String?,
                          clientMetadata: [String: String]?) async throws {
        guard let result = await call(.postConfirmation, of: pool, event: {
            UserTriggerEvents.postConfirmation(source, pool: pool, user: user, clientID: clientID, clientMetadata: clientMetadata)
        }) else { return }
        try UserTriggerEvents.check(result, of: .postConfirmation)
    }

    /// PreAuthentication, before a sign-in checks the password; `user` is `nil` for a user that does
    /// not exist, named to a client that hides which users exist.
    func preAuthentication(pool: UserPool, user: StoredUser?, userName: String, clientID: String,
                           validationData: [String: String]?) async throws {
        guard let result = await call(.preAuthentication, of: pool, event: {
            UserTriggerEvents.preAuthentication(pool: pool, user: user, userName: userName, clientID: clientID, validationData: validationData)
        }) else { return }
        try UserTriggerEvents.check(result, of: .preAuthentication)
    }

    /// PreTokenGeneration, before the tokens of a sign-in or a refresh are made: what its answer
    /// changes in them, or `nil` without a function.
    func preTokenGeneration(_ source: PreTokenGenerationTrigger.Source, pool: UserPool, user: StoredUser, clientID: String,
                            groups: GroupClaims, scopes: [String], clientMetadata: [String: String]?) async throws -> TokenCustomization? {
        guard let result = await call(.preTokenGeneration, of: pool, event: {
            PreTokenGenerationTrigger.event(source, pool: pool, user: user, clientID: clientID, groups: groups, scopes: scopes,
                                            clientMetadata: clientMetadata)
        }) else { return nil }
        return try PreTokenGenerationTrigger.customization(result, version: pool.triggers.preTokenGenerationConfig?.lambdaVersion)
    }

    /// PreTokenGeneration for a client_credentials access token: only a V3_0 function is invoked
    /// (DG); `nil` without one.
    func preTokenGeneration(clientCredentialsOf clientID: String, pool: UserPool, scopes: [String],
                            clientMetadata: [String: String]?) async throws -> TokenCustomization? {
        guard pool.triggers.preTokenGenerationConfig?.lambdaVersion == .v3_0, let result = await call(.preTokenGeneration, of: pool, event: {
            PreTokenGenerationTrigger.clientCredentialsEvent(pool: pool, clientID: clientID, scopes: scopes, clientMetadata: clientMetadata)
        }) else { return nil }
        return try PreTokenGenerationTrigger.customization(result, version: .v3_0)
    }

    /// UserMigration, for a user the pool does not have: the user the function vouches for, or
    /// `nil` without a function or when the function does not know the user either.
    func userMigration(_ source: UserMigrationTrigger.Source, pool: UserPool, userName: String, clientID: String, password: String?,
                       validationData: [String: String]?, clientMetadata: [String: String]?) async throws -> UserMigrationTrigger.Answer? {
        guard let result = await call(.userMigration, of: pool, event: {
            UserMigrationTrigger.event(source, pool: pool, userName: userName, clientID: clientID, password: password,
                                       validationData: validationData, clientMetadata: clientMetadata)
        }) else { return nil }
        return try UserMigrationTrigger.answer(result)
    }

    /// PostAuthentication, when a sign-in has answered every challenge, before its tokens are made.
    func postAuthentication(pool: UserPool, user: StoredUser, clientID: String, clientMetadata: [String: String]?,
                            newDeviceUsed: Bool) async throws {
        guard let result = await call(.postAuthentication, of: pool, event: {
            UserTriggerEvents.postAuthentication(pool: pool, user: user, clientID: clientID, clientMetadata: clientMetadata,
                                                 newDeviceUsed: newDeviceUsed)
        }) else { return }
        try UserTriggerEvents.check(result, of: .postAuthentication)
    }
}

import AWSWire
import CognitoModel
import GatehouseCore

/// Runs a pool's Lambda triggers: the event from Core, the call through ``FunctionInvoker``, the
/// answer read by Core. Each method returns `nil` when the pool names no function for the trigger,
/// and throws the error Cognito answers when the function fails or answers what Cognito refuses.
struct Triggers: Sendable {
    let invoker: FunctionInvoker

    /// PreSignUp, before a SignUp or an AdminCreateUser stores the user.
    func preSignUp(_ source: PreSignUpTrigger.Source, pool: UserPool, userName: String, clientID: String?,
                   userAttributes: [AttributeType], validationData: [AttributeType]?,
                   clientMetadata: [String: String]?) async throws -> PreSignUpTrigger.Answer? {
        guard let function = LambdaTrigger.preSignUp.function(in: pool.triggers) else { return nil }
        let event = PreSignUpTrigger.event(source, pool: pool, userName: userName, clientID: clientID, userAttributes: userAttributes,
                                           validationData: validationData, clientMetadata: clientMetadata)
        let result = await invoker.invoke(function, payload: event, region: pool.region)
        return try PreSignUpTrigger.answer(result, source: source, userAttributes: userAttributes)
    }
}

import CognitoModel

/// A trigger of a pool's LambdaConfig, named as Cognito's errors name it ("PreSignUp failed with
/// error …").
public enum LambdaTrigger: String, Sendable, CaseIterable {
    case preSignUp = "PreSignUp"
    case customMessage = "CustomMessage"
    case postConfirmation = "PostConfirmation"
    case preAuthentication = "PreAuthentication"
    case postAuthentication = "PostAuthentication"
    case defineAuthChallenge = "DefineAuthChallenge"
    case createAuthChallenge = "CreateAuthChallenge"
    case verifyAuthChallengeResponse = "VerifyAuthChallengeResponse"
    case preTokenGeneration = "PreTokenGeneration"
    case userMigration = "UserMigration"
    case customSMSSender = "CustomSMSSender"
    case customEmailSender = "CustomEmailSender"

    /// The function `config` names for this trigger, or `nil`.
    public func function(in config: LambdaConfigType) -> String? {
        switch self {
        case .preSignUp: config.preSignUp
        case .customMessage: config.customMessage
        case .postConfirmation: config.postConfirmation
        case .preAuthentication: config.preAuthentication
        case .postAuthentication: config.postAuthentication
        case .defineAuthChallenge: config.defineAuthChallenge
        case .createAuthChallenge: config.createAuthChallenge
        case .verifyAuthChallengeResponse: config.verifyAuthChallengeResponse
        case .preTokenGeneration: config.preTokenGenerationConfig?.lambdaArn ?? config.preTokenGeneration
        case .userMigration: config.userMigration
        case .customSMSSender: config.customSMSSender?.lambdaArn
        case .customEmailSender: config.customEmailSender?.lambdaArn
        }
    }
}

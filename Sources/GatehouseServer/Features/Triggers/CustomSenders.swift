import AWSWire
import CognitoModel
import GatehouseCore
import Foundation
import Logging

/// Hands a message to the pool's custom sender function (CustomEmailSender, CustomSMSSender)
/// instead of sending it: the code encrypted as an AWS Encryption SDK message under a data key
/// KMS makes with the pool's KMSKeyID, in an `Event` invocation. As in Cognito, the operation
/// does not wait for it and its failure fails nothing: it is logged.
struct CustomSenders: Sendable {
    let kms: KeyManagementService
    let invoker: FunctionInvoker
    let random: RandomSource
    let logger: Logger

    /// Whether the pool sends messages through `medium` with a function of its own.
    func handle(_ medium: DeliveryMediumType, in pool: UserPool) -> Bool {
        CustomSenderTrigger.function(for: medium, in: pool) != nil
    }

    /// The secret of a message (a code, a temporary password) to the pool's function for `medium`;
    /// returns at once, the work goes on in the background.
    /// - Parameters:
    ///   - source: the message, as CustomMessage names it.
    ///   - clientID: the app client of the call; `nil` for an admin operation.
    func send(_ secret: String, through medium: DeliveryMediumType, source: CustomMessageTrigger.Source, pool: UserPool,
              user: StoredUser, clientID: String?, clientMetadata: [String: String]?) {
        guard let function = CustomSenderTrigger.function(for: medium, in: pool) else { return }
        Task {
            do {
                let code = try await encrypted(secret, pool: pool)
                let event = CustomSenderTrigger.event(medium, message: source, pool: pool, user: user, clientID: clientID,
                                                      clientMetadata: clientMetadata, encryptedCode: code)
                let result = await invoker.invoke(function, payload: event, region: pool.region, type: .event)
                if case .answered = result { return }
                logger.error("custom sender invocation failed", metadata: [
                    "function": "\(function)", "userPoolId": "\(pool.id)", "result": "\(result)"])
            } catch {
                logger.error("custom sender: the code could not be encrypted", metadata: [
                    "function": "\(function)", "userPoolId": "\(pool.id)", "error": "\(error)"])
            }
        }
    }

    /// `secret` as the function gets it: base64 of an Encryption SDK message under a new data key
    /// of the pool's KMS key.
    private func encrypted(_ secret: String, pool: UserPool) async throws -> String {
        guard let keyID = pool.triggers.kmsKeyID else {
            throw KeyManagementService.Failure(description: "the pool has no KMSKeyID")
        }
        let materials = EncryptionSDKMessage.Materials(context: CustomSenderTrigger.encryptionContext(pool: pool))
        let dataKey = try await kms.generateDataKey(keyID: keyID, context: materials.encryptionContext, region: pool.region)
        let message = try EncryptionSDKMessage.encrypt(Array(secret.utf8), materials: materials, dataKey: dataKey,
                                                       messageID: random.bytes(16))
        return Data(message).base64EncodedString()
    }
}

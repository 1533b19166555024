import AWSWire
import CognitoModel

/// The custom sender triggers, CustomEmailSender and CustomSMSSender: a pool that names one does
/// not send that medium's messages itself (nor makes them, so CustomMessage is not asked for
/// them); it hands the function the code or temporary password, encrypted as an AWS Encryption
/// SDK message under the pool's KMS key (KMSKeyID), and does not wait for or read its answer.
/// docs/evidence/lambda-triggers.md § 6 has the real event this copies.
public enum CustomSenderTrigger {
    /// The trigger that sends messages through `medium`.
    public static func trigger(for medium: DeliveryMediumType) -> LambdaTrigger {
        medium == .sms ? .customSMSSender : .customEmailSender
    }

    /// The pool's function that sends messages through `medium`, or `nil`.
    public static func function(for medium: DeliveryMediumType, in pool: UserPool) -> String? {
        trigger(for: medium).function(in: pool.triggers)
    }

    /// The trigger source of the message CustomMessage would have made with `source`:
    /// `CustomEmailSender_SignUp` for `CustomMessage_SignUp`, and so on.
    public static func triggerSource(_ medium: DeliveryMediumType, message source: CustomMessageTrigger.Source) -> String {
        trigger(for: medium).rawValue + source.rawValue.drop(while: { $0 != "_" })
    }

    /// The encryption context of the code's ciphertext (the Encryption SDK adds the message's
    /// public signing key to it).
    public static func encryptionContext(pool: UserPool) -> [String: String] {
        ["userpool-id": pool.id]
    }

    /// The event: Cognito's envelope, and a request with the encrypted code (base64), the call's
    /// ClientMetadata and the user's attributes; no `response`, as in the real event.
    /// - Parameter clientID: the app client of the call; `nil` for an admin operation.
    public static func event(_ medium: DeliveryMediumType, message source: CustomMessageTrigger.Source, pool: UserPool,
                             user: StoredUser, clientID: String?, clientMetadata: [String: String]?, encryptedCode: String) -> [UInt8] {
        let trigger = trigger(for: medium)
        return TriggerEvent(trigger: trigger, triggerSource: triggerSource(medium, message: source), region: pool.region,
                            userPoolID: pool.id, userName: user.username, clientID: clientID).json { request in
            request.member("type", medium == .sms ? "customSMSSenderRequestV1" : "customEmailSenderRequestV1")
            request.member("code", encryptedCode)
            request.member("clientMetadata", writing: TriggerAttributes.writer(clientMetadata))
            request.member("userAttributes", UserTriggerEvents.userAttributes(user))
        }
    }
}

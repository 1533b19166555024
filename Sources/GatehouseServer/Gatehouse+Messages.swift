import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Sends a verification code to `destination` in the pool's verification message. A sign-up
    /// confirmation that ``CodeDestination/carriesLink(in:)`` is the pool's link email instead,
    /// with a link to ``confirmUserURL(clientID:username:code:)``.
    /// - Parameters:
    ///   - trigger: the operation that sends it, as the outbox shows it.
    ///   - signUpClientID: for a sign-up confirmation, the app client the user signed up with.
    func sendCode(_ code: String, to destination: CodeDestination, username: String, pool: UserPoolType, trigger: String,
                  signUpClientID: String? = nil) async {
        let messages = UserPoolMessages(pool: pool)
        let (subject, body) = if let signUpClientID, destination.carriesLink(in: pool) {
            messages.verificationLink(to: confirmUserURL(clientID: signUpClientID, username: username, code: code))
        } else {
            messages.verification(destination.medium, code: code)
        }
        await send(subject: subject, body: body, secret: code, to: destination, username: username, pool: pool, trigger: trigger)
    }

    /// Sends the code of SMS_MFA or EMAIL_OTP to `destination` in the pool's authentication message.
    func sendAuthenticationCode(_ code: String, to destination: CodeDestination, username: String, pool: UserPoolType,
                                emailMfa: EmailMfaConfigType?, trigger: String) async {
        let (subject, body) = UserPoolMessages(pool: pool).authentication(destination.medium, code: code, emailMfa: emailMfa)
        await send(subject: subject, body: body, secret: code, to: destination, username: username, pool: pool, trigger: trigger)
    }

    /// Sends AdminCreateUser's invitation with the temporary password through each of `mediums`
    /// for which the user has an address (email, phone_number); a medium without one is skipped.
    func sendInvitation(temporaryPassword: String, username: String, user: StoredUser, pool: UserPoolType,
                        mediums: [DeliveryMediumType]) async {
        for medium in mediums {
            let attribute = medium == .sms ? "phone_number" : "email"
            guard let address = user.attribute(attribute) else { continue }
            let (subject, body) = UserPoolMessages(pool: pool).invitation(medium, username: username, temporaryPassword: temporaryPassword)
            await send(subject: subject, body: body, secret: temporaryPassword, to: CodeDestination(attributeName: attribute, address: address),
                       username: username, pool: pool, trigger: "AdminCreateUser")
        }
    }

    /// Hands one message to the outbox; an SMS of a pool without SmsConfiguration is kept as FAILED.
    private func send(subject: String?, body: String, secret: String, to destination: CodeDestination, username: String,
                      pool: UserPoolType, trigger: String) async {
        let messages = UserPoolMessages(pool: pool)
        let email = destination.medium == .email
        let message = OutboxMessage(medium: destination.medium, to: destination.address, from: email ? messages.sender : nil,
                                    replyTo: email ? messages.replyTo : nil, subject: subject, body: body, trigger: trigger, username: username)
        let refusal = !email && pool.smsConfiguration == nil ? "The user pool has no SmsConfiguration to send SMS with." : nil
        await delivery.send(message, secret: secret, userPoolID: pool.id ?? "", refusal: refusal)
    }
}

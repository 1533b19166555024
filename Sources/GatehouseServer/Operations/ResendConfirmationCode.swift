import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Sends an UNCONFIRMED user a new sign-up code (or link), which replaces the one before. For a user that
    /// does not exist, a client that hides users answers as if a code went to an email address.
    func resendConfirmationCode(_ input: ResendConfirmationCodeRequest, context: CallContext) async throws -> ResendConfirmationCodeResponse {
        let name = try input.username.required
        let (client, pool) = try await appClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        let hasDomain = try await hasLinkDomain(pool)
        let details = try await sendNewCode(.signUp, toUserNamed: name, in: pool, for: client, trigger: "ResendConfirmationCode") { user in
            guard user.status == .unconfirmed else { throw AWSServiceError.invalidParameterException("User is already confirmed.") }
            guard let destination = CodeDestination.signUp(user, pool: pool) else {
                throw AWSServiceError.notAuthorizedException("Cannot resend codes. Auto verification not turned on.")
            }
            try destination.checkSignUpConfirmation(in: pool, hasDomain: hasDomain)
            return destination
        }
        return ResendConfirmationCodeResponse(codeDeliveryDetails: details)
    }
}

import AWSWire
import CognitoModel
import GatehouseCore

extension SignUpFeature {
    /// Sends an UNCONFIRMED user a new sign-up code (or link), which replaces the one before. For a user that
    /// does not exist, a client that hides users answers as if a code went to an email address.
    func resendConfirmationCode(_ input: ResendConfirmationCodeRequest, context: CallContext) async throws -> ResendConfirmationCodeResponse {
        let name = try input.username.required
        let client = try await directory.signedAppClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        let pool = client.pool
        let hasDomain = try await domains.hasLinkDomain(pool)
        let details = try await codes.issueForApp(.signUp, toUserNamed: name, client: client, trigger: "ResendConfirmationCode",
                                                  source: .resendCode, clientMetadata: input.clientMetadata) { user in
            guard user.status == .unconfirmed else { throw AWSServiceError.invalidParameterException("User is already confirmed.") }
            guard let destination = CodeDestination.signUp(user, pool: pool.settings) else {
                throw AWSServiceError.notAuthorizedException("Cannot resend codes. Auto verification not turned on.")
            }
            try destination.checkSignUpConfirmation(in: pool.settings, hasDomain: hasDomain)
            return destination
        }
        return ResendConfirmationCodeResponse(codeDeliveryDetails: details)
    }
}

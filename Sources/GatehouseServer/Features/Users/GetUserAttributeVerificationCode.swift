import AWSWire
import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// Sends the signed-in user a code that verifies its email or phone number (the new value
    /// when one waits for verification), replacing any code sent before.
    func getUserAttributeVerificationCode(_ input: GetUserAttributeVerificationCodeRequest,
                                          context: CallContext) async throws -> GetUserAttributeVerificationCodeResponse {
        let caller = try await accessTokens.caller(try input.accessToken.required)
        let name = try input.attributeName.required
        guard name == "email" || name == "phone_number" else {
            throw AWSServiceError.invalidParameterException("Invalid attribute name: only email and phone_number can be verified.")
        }
        let details = try await codes.issue(.attributeVerification, toUserNamed: caller.record.key, in: caller.pool,
                                            trigger: "GetUserAttributeVerificationCode",
                                            call: .init(source: .verifyUserAttribute, clientID: caller.claims.clientID,
                                                        clientMetadata: input.clientMetadata)) { user in
            guard let address = user.pendingAttributes.first(where: { $0.name == name })?.value ?? user.attribute(name) else {
                throw AWSServiceError.invalidParameterException("The user has no \(name) to verify.")
            }
            return CodeDestination(attributeName: name, address: address)
        }
        return GetUserAttributeVerificationCodeResponse(codeDeliveryDetails: details)
    }
}

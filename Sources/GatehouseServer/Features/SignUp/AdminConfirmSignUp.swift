import AWSWire
import CognitoModel

extension SignUpFeature {
    /// Confirms an UNCONFIRMED user without a code.
    func adminConfirmSignUp(_ input: AdminConfirmSignUpRequest, context: CallContext) async throws -> AdminConfirmSignUpResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        try await users.update(named: try input.username.required, in: pool) { user, _ in
            guard user.status == .unconfirmed else {
                throw AWSServiceError.notAuthorizedException("User cannot be confirmed. Current status is \(user.status)")
            }
            user.status = .confirmed
        }
        return AdminConfirmSignUpResponse()
    }
}

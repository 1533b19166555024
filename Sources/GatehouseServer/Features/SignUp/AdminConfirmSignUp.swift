import AWSWire
import CognitoModel

extension SignUpFeature {
    /// Confirms an UNCONFIRMED user without a code, then runs the pool's PostConfirmation function.
    func adminConfirmSignUp(_ input: AdminConfirmSignUpRequest, context: CallContext) async throws -> AdminConfirmSignUpResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let (_, user, _) = try await users.update(named: try input.username.required, in: pool) { user, _ in
            guard user.status == .unconfirmed else {
                throw AWSServiceError.notAuthorizedException("User cannot be confirmed. Current status is \(user.status)")
            }
            user.status = .confirmed
        }
        try await triggers.postConfirmation(.confirmSignUp, pool: pool, user: user, clientID: nil, clientMetadata: input.clientMetadata)
        return AdminConfirmSignUpResponse()
    }
}

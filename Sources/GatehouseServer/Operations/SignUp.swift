import AWSWire
import CognitoModel
import GatehouseCore

extension Gatehouse {
    /// Self sign-up: an UNCONFIRMED user with a permanent password. When the pool auto-verifies
    /// an attribute the user gave, a confirmation code is sent to it (the phone number first); to an
    /// email of a pool that confirms with links, a link.
    func signUp(_ input: SignUpRequest, context: CallContext) async throws -> SignUpResponse {
        let name = try input.username.required
        let (client, pool) = try await appClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        if pool.adminCreateUserConfig?.allowAdminCreateUserOnly == true {
            throw AWSServiceError.notAuthorizedException("SignUp is not permitted for this user pool")
        }
        let attributes = input.userAttributes ?? []
        try Self.checkWritable(attributes, by: client)
        let password = try input.password.required
        try PasswordPolicy(pool.policies?.passwordPolicy).check(password, wording: .signUp)
        var new = try newUser(named: name, attributes: attributes, status: .unconfirmed, password: password,
                              temporaryPasswordExpiry: nil, pool: pool)
        let destination = CodeDestination.signUp(new.user, pool: pool)
        try destination?.checkSignUpConfirmation(in: pool, hasDomain: try await hasLinkDomain(pool))
        let code = VerificationCodes.newCode(random: random)
        if let destination {
            new.user.issueCode(code, .signUp, to: destination.attributeName, sub: new.sub, now: clock.now(),
                               codes: try await verificationCodes.value())
        }
        try await insertNewUser(new, pool: pool, duplicate: "User already exists", forcingAliases: false)
        if let destination {
            await sendCode(code, to: destination, username: new.user.username, pool: pool, trigger: "SignUp", signUpClientID: client.clientId)
        }
        return SignUpResponse(userConfirmed: false, codeDeliveryDetails: destination?.details, userSub: new.sub)
    }
}

import AWSWire
import CognitoModel
import GatehouseCore

extension SignUpFeature {
    /// Self sign-up: an UNCONFIRMED user with a permanent password. When the pool auto-verifies
    /// an attribute the user gave, a confirmation code is sent to it (the phone number first); to an
    /// email of a pool that confirms with links, a link. The pool's PreSignUp function, called once
    /// the request is valid and before the user is stored, may refuse the user, or confirm it
    /// (no code is sent; PostConfirmation runs) and verify its email address or phone number.
    /// Threat protection refuses a compromised password, and records the sign-up.
    func signUp(_ input: SignUpRequest, context: CallContext) async throws -> SignUpResponse {
        let name = try input.username.required
        let client = try await directory.signedAppClient(try input.clientId.required, username: name, secretHash: input.secretHash)
        let pool = client.pool
        if pool.settings.adminCreateUserConfig?.allowAdminCreateUserOnly == true {
            throw AWSServiceError.notAuthorizedException("SignUp is not permitted for this user pool")
        }
        let attributes = input.userAttributes ?? []
        try ClientAttributeAccess.checkWritable(attributes, by: client.settings)
        let password = try input.password.required
        try pool.passwordPolicy.check(password, wording: .signUp)
        try await risk.checkNewPassword(password, for: .signUp, pool: pool, clientID: client.id)
        var new = try users.newUser(named: name, attributes: attributes, status: .unconfirmed, password: password,
                              temporaryPasswordExpiry: nil, pool: pool)
        let answer = try await triggers.preSignUp(.signUp, pool: pool, userName: new.user.username, clientID: client.id,
                                                  userAttributes: new.user.attributes.filter { $0.name != "sub" },
                                                  validationData: input.validationData, clientMetadata: input.clientMetadata)
        answer?.apply(to: &new.user)
        let confirmed = new.user.status == .confirmed
        let destination = confirmed ? nil : CodeDestination.signUp(new.user, pool: pool.settings)
        try destination?.checkSignUpConfirmation(in: pool.settings, hasDomain: try await domains.hasLinkDomain(pool))
        let code = codes.newCode()
        if let destination {
            // A new user has no code yet, so the limit cannot be reached.
            try? new.user.issueCode(code, .signUp, to: destination.attributeName, sub: new.sub, now: clock.now(),
                                    codes: try await codes.verificationCodes())
        }
        var message: Messenger.Prepared?
        if let destination {
            message = try await messenger.code(code, to: destination, username: new.user.username, pool: pool, trigger: "SignUp",
                                               signUpClientID: client.id, about: .init(source: .signUp, user: new.user, clientID: client.id,
                                                                                       clientMetadata: input.clientMetadata))
        }
        let record = try await users.insert(new, in: pool, duplicate: UserDirectory.userExists.message,
                                            forcingAliases: answer?.verifiesAnAddress == true)
        await risk.recordEvent(.signup, of: record, user: new.user, clientID: client.id, password: password, origin: SignInOrigin(input.userContextData, client: client, context: context),
                                   pool: pool)
        if let message { await messenger.deliver(message, pool: pool) }
        if confirmed {
            try await triggers.postConfirmation(.confirmSignUp, pool: pool, user: new.user, clientID: client.id, clientMetadata: input.clientMetadata)
        }
        return SignUpResponse(userConfirmed: confirmed, codeDeliveryDetails: destination?.details, userSub: new.sub)
    }
}

import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension UsersFeature {
    /// Creates a user in FORCE_CHANGE_PASSWORD with a temporary password (generated when absent),
    /// or with MessageAction RESEND gives an existing such user a new temporary password. The
    /// invitation goes through DesiredDeliveryMediums (SMS when omitted) unless MessageAction is
    /// SUPPRESS. The pool's PreSignUp function, called before a new user is stored, may refuse it.
    func adminCreateUser(_ input: AdminCreateUserRequest, context: CallContext) async throws -> AdminCreateUserResponse {
        let pool = try await directory.pool(try input.userPoolId.required, context: context)
        let name = try input.username.required
        let policy = pool.passwordPolicy
        let password = try input.temporaryPassword.map { (given) throws(AWSServiceError) in
            try policy.check(given, wording: .temporaryPassword)
            return given
        } ?? policy.temporaryPassword(random: random)
        let expiry = clock.now().addingTimeInterval(TimeInterval(policy.temporaryPasswordValidityDays) * 86_400)
        let poolID = pool.id
        let random = random
        if input.messageAction == .resend {
            @Sendable func checkResendable(_ user: StoredUser) throws {
                guard user.status == .forceChangePassword else {
                    throw AWSServiceError.unsupportedUserStateException("Resend not possible. \(user.username) status is not FORCE_CHANGE_PASSWORD")
                }
            }
            let current = try StoredUser(record: try await users.record(named: name, in: pool))
            try checkResendable(current)
            let messages = try await invitations(current, name: name, password: password, input: input, pool: pool)
            let (record, user, _) = try await users.update(named: name, in: pool) { user, _ in
                try checkResendable(user)
                user.password = PasswordVerifier(password: password, userIDForSRP: user.username, userPoolID: poolID, random: random)
                user.temporaryPasswordExpiry = expiry
            }
            for message in messages { await messenger.deliver(message, pool: pool) }
            return AdminCreateUserResponse(user: UserDirectory.describe(user, record))
        }

        let new = try users.newUser(named: name, attributes: input.userAttributes ?? [], status: .forceChangePassword, password: password,
                               temporaryPasswordExpiry: expiry, pool: pool)
        // Cognito ignores what PreSignUp answers to AdminCreateUser; only a failure counts.
        _ = try await triggers.preSignUp(.adminCreateUser, pool: pool, userName: new.user.username, clientID: nil,
                                         userAttributes: new.user.attributes.filter { $0.name != "sub" },
                                         validationData: input.validationData, clientMetadata: input.clientMetadata)
        let messages = try await invitations(new.user, name: name, password: password, input: input, pool: pool)
        let record = try await users.insert(new, in: pool, duplicate: "User account already exists",
                                             forcingAliases: input.forceAliasCreation == true)
        for message in messages { await messenger.deliver(message, pool: pool) }
        return AdminCreateUserResponse(user: UserDirectory.describe(new.user, record))
    }

    /// The invitation, made before the user is stored, unless the call suppresses it; `name` is
    /// the username as the call gave it.
    private func invitations(_ user: StoredUser, name: String, password: String, input: AdminCreateUserRequest,
                             pool: UserPool) async throws -> [Messenger.Prepared] {
        guard input.messageAction != .suppress else { return [] }
        return try await messenger.invitations(temporaryPassword: password, username: name, user: user, pool: pool,
                                               mediums: input.desiredDeliveryMediums ?? [.sms],
                                               about: .init(source: .adminCreateUser, user: user, clientID: nil,
                                                            clientMetadata: input.clientMetadata))
    }
}

import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension SignInFeature {
    /// The answer to NEW_PASSWORD_REQUIRED: NEW_PASSWORD, checked against the policy, replaces the
    /// temporary password, the `userAttributes.` responses set attributes (the pool's required
    /// ones must all be there after), and the user becomes CONFIRMED.
    func answerNewPasswordRequired(_ responses: [String: String]?, session text: String?, client: AppClient,
                                   metadata: [String: String]?) async throws -> SignInOutcome {
        let pool = client.pool
        let session = try await sessions.open(text, for: .newPasswordRequired, client: client)
        _ = try Self.signedUsername(responses, client: client)
        let password = try Self.parameter("NEW_PASSWORD", in: responses)
        let policy = pool.passwordPolicy
        try policy.check(password, wording: .newPassword)
        try await risk.checkNewPassword(password, for: .passwordChange, pool: pool, clientID: client.id)
        let given = (responses ?? [:]).filter { $0.key.hasPrefix("userAttributes.") }.sorted { $0.key < $1.key }
            .map { AttributeType(name: String($0.key.dropFirst("userAttributes.".count)), value: $0.value) }
        try ClientAttributeAccess.checkWritable(given, by: client.settings)
        let changes = try pool.attributes.updating(given)
        let required = pool.attributes.requiredNames
        try await sessions.consume(session)
        let poolID = pool.id
        let random = random
        let (record, user, _) = try await updateUser(of: session, in: pool) { user, record in
            guard user.status == .forceChangePassword else { throw SignInSessions.invalid }
            for (name, value) in changes {
                if let value { user.setAttribute(name, value) } else { user.removeAttribute(name) }
            }
            let missing = required.filter { user.attribute($0) == nil }
            guard missing.isEmpty else {
                throw AWSServiceError.invalidParameterException(
                    "Attributes did not conform to the schema: " + missing.map { "\($0): The attribute is required.\n" }.joined())
            }
            try user.replacePassword(password, policy: policy, userPoolID: poolID, random: random)
            user.status = .confirmed
            user.temporaryPasswordExpiry = nil
        }
        return try await proceed(after: .newPasswordSet, progress: session.progress, record: record, user: user, client: client,
                                 metadata: metadata, authTime: session.authTime ?? clock.now())
    }

    /// The ChallengeParameters of NEW_PASSWORD_REQUIRED besides USER_ID_FOR_SRP: the user's
    /// attributes the client reads and the pool's required attributes the user lacks.
    static func newPasswordParameters(user: StoredUser, client: AppClient) -> [String: String] {
        let attributes = ClientAttributeAccess.readable(user.attributes, by: client.settings).filter { $0.name != "sub" }
        var shown = JSONWriter()
        shown.beginObject()
        for attribute in attributes { shown.member(named: attribute.name ?? "", attribute.value ?? "") }
        shown.endObject()
        let missing = client.pool.attributes.requiredNames.filter { user.attribute($0) == nil }.map { "userAttributes.\($0)" }
        return ["userAttributes": String(decoding: shown.bytes, as: UTF8.self),
                "requiredAttributes": String(decoding: AWSJSON.encode(missing), as: UTF8.self)]
    }
}

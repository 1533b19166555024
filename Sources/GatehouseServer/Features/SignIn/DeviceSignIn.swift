import AWSWire
import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

extension SignInFeature {
    /// The device a password sign-in is made on: none when the pool tracks no devices, a new one
    /// when the sign-in presents no DEVICE_KEY, else the user's device it presents.
    /// - Throws: ``UserDevices/notFound`` for a key the user does not have (forgotten, or never
    ///   given): clients then ask again without it.
    func signInDevice(_ key: String?, userKey: String, client: AppClient) async throws -> SignInMachine.Device {
        guard client.pool.devices != nil else { return .none }
        guard let key, !key.isEmpty else { return .new }
        guard let (_, device) = try await devices.device(key, userKey: userKey, in: client.pool.id) else { throw UserDevices.notFound }
        return .presented(key: key, remembered: device.isConfirmed && device.remembered)
    }

    /// DEVICE_SRP_AUTH for the remembered device the sign-in presented. Its session is also kept
    /// with the device, for clients that answer without it.
    func deviceChallenge(progress: SignInMachine.Progress, record: UserRecord, user: StoredUser, client: AppClient,
                         authTime: Date) async throws -> SignInOutcome {
        guard let key = progress.device.presentedKey else { throw AWSServiceError.internalError }
        let session = sessions.start(.deviceSrpAuth, client: client, sub: record.sub, username: user.username, authTime: authTime,
                                     progress: progress)
        let sealed = try await sessions.sealed(session)
        try await devices.update(key, of: record, touching: false) { $0.pendingSignIn = sealed }
        return SignInOutcome(challengeName: .deviceSrpAuth, session: sealed, challengeParameters: ["USER_ID_FOR_SRP": user.username])
    }

    /// The answer to DEVICE_SRP_AUTH: the client's SRP_A for the device's secret. Answered with
    /// DEVICE_PASSWORD_VERIFIER: the device's salt, B and a SECRET_BLOCK that holds the sealed session.
    func answerDeviceSRPAuth(_ responses: [String: String]?, session text: String?, client: AppClient) async throws -> SignInOutcome {
        let name = try Self.signedUsername(responses, client: client)
        let key = try Self.parameter("DEVICE_KEY", in: responses)
        let clientPublic = try Self.parameter("SRP_A", in: responses)
        // As at the password: a client that hides which users exist does not tell them apart here either.
        let record = try await user(named: name, client: client)
        let (_, device) = try await devices.device(key, of: record)
        guard let text = text ?? device.pendingSignIn else { throw AWSServiceError.invalidParameterException("Missing required parameter Session") }
        let session = try await sessions.unseal(text, client: client)
        guard session.challenge == .deviceSrpAuth, session.userPoolID == client.pool.id, session.sub == record.sub,
              session.progress.device.presentedKey == key, let secret = device.secret else { throw SignInSessions.invalid }
        try await sessions.consume(session)
        guard let exchange = SRPServer.exchange(clientPublicHex: clientPublic, verifier: secret, random: random) else {
            throw AWSServiceError.invalidParameterException("SRP_A is not valid.")
        }
        let next = sessions.start(.devicePasswordVerifier, client: client, sub: session.sub, username: session.username,
                                  authTime: session.authTime, progress: session.progress, srpKey: exchange.sessionKey)
        let sealed = try await sessions.sealed(next)
        return SignInOutcome(challengeName: .devicePasswordVerifier, session: sealed, challengeParameters: [
            "SRP_B": exchange.serverPublicHex, "SALT": hexEncoded(secret.salt), "SECRET_BLOCK": sealed, "USERNAME": session.username,
        ])
    }

    /// The answer to DEVICE_PASSWORD_VERIFIER: PASSWORD_CLAIM_SIGNATURE must be the HMAC the
    /// session's SRP key gives over device group key, device key, SECRET_BLOCK and TIMESTAMP. A
    /// proven device stands in for MFA where the pool lets it.
    /// - Throws: `NotAuthorizedException` "Incorrect username or password." for a wrong proof, as Cognito answers it.
    func answerDevicePasswordVerifier(_ responses: [String: String]?, client: AppClient, metadata: [String: String]?,
                                      sourceIPAddress: String?) async throws -> SignInOutcome {
        _ = try Self.signedUsername(responses, client: client)
        let key = try Self.parameter("DEVICE_KEY", in: responses)
        let (secretBlock, signature, timestamp, claimed) = try Self.passwordClaim(responses)
        let now = clock.now()
        let session = try await sessions.unseal(secretBlock, client: client)
        guard session.challenge == .devicePasswordVerifier, session.userPoolID == client.pool.id, let srpKey = session.srpKey,
              session.progress.device.presentedKey == key else { throw SignInSessions.invalid }
        try await sessions.consume(session)
        let (record, user) = try await sessions.user(of: session, in: client.pool)
        // Checked in the update that records the device's sign-in: a wrong proof writes nothing.
        try await devices.update(key, of: record) { device in
            let expected = SRPServer.deviceClaimSignature(sessionKey: srpKey, deviceGroupKey: device.groupKey, deviceKey: key,
                                                          secretBlock: Data(base64Encoded: secretBlock) ?? Data(), timestamp: timestamp)
            guard PasswordClaimTimestamp.isAcceptable(claimed, now: now),
                  Data(base64Encoded: signature).map({ ConstantTime.equal($0, expected) }) == true else {
                throw SignInRefusal.incorrectPassword.error
            }
            device.lastAuthenticatedDate = now
            if let sourceIPAddress { device.lastIPUsed = sourceIPAddress }
            device.pendingSignIn = nil
        }
        return try await proceed(after: .deviceVerified, progress: session.progress, record: record, user: user, client: client,
                                 metadata: metadata, authTime: session.authTime ?? now)
    }
}

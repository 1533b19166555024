import AWSWire
import CognitoModel

extension StoredUser {
    /// Replaces the user's password, keeping as many earlier ones as the policy's
    /// PasswordHistorySize needs to check the next change.
    /// - Throws: `PasswordHistoryPolicyViolationException` when `password` is one of the last
    ///   PasswordHistorySize passwords, the current one included (docs/compatibility.md has the wording).
    public mutating func replacePassword(_ password: String, policy: PasswordPolicy, userPoolID: String,
                                         random: RandomSource) throws(AWSServiceError) {
        let history = ([self.password].compactMap { $0 } + previousPasswords).prefix(policy.passwordHistorySize)
        if history.contains(where: { $0.matches(password, userIDForSRP: username, userPoolID: userPoolID) }) {
            throw .passwordHistoryPolicyViolationException("Password has previously been used.")
        }
        previousPasswords = Array(history.prefix(max(policy.passwordHistorySize - 1, 0)))
        self.password = PasswordVerifier(password: password, userIDForSRP: username, userPoolID: userPoolID, random: random)
    }
}

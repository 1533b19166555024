import CognitoModel
import GatehouseCore

extension UsersFeature {
    /// Makes a user just created by a declared state UNCONFIRMED, as SignUp leaves a user: no
    /// operation of the API does this, so it is the declared state's own step.
    func setUnconfirmed(_ username: String, in poolID: String, context: CallContext) async throws {
        let pool = try await directory.pool(poolID, context: context)
        _ = try await users.update(named: username, in: pool) { user, _ in user.status = .unconfirmed }
    }
}

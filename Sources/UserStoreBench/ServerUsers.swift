import CognitoModel
import Foundation
import GatehouseCore
import GatehouseStorage

/// Users written straight into a server's store as the server would write them (its documents,
/// keys, searchable values and claims), for measuring the server on large pools: user-<i>, with
/// email user<i>@example.com, CONFIRMED. They share one password verifier (of "P2$Sword" for
/// user-0), as computing a million verifiers would take minutes; sign-in is not what they measure.
struct ServerUsers {
    let storage: any Storage
    let poolID: String

    func load(_ count: Int) async throws {
        guard let record = try await storage.userPool(id: poolID) else { throw ValidationFailure(description: "no pool \(poolID)") }
        let pool = try StoredUserPool(record: record).describe(record)
        let identity = UserIdentityRules(pool: pool)
        let verifier = PasswordVerifier(password: "P2$Sword", userIDForSRP: "user-0", userPoolID: poolID, random: .system)
        let date = Date(timeIntervalSince1970: 1_700_000_000)
        let start = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<64 {
                group.addTask {
                    for index in stride(from: worker, to: count, by: 64) {
                        let sub = RandomSource.system.uuid()
                        let user = StoredUser(username: "user-\(index)", attributes: [
                            AttributeType(name: "sub", value: sub), AttributeType(name: "email", value: "user\(index)@example.com"),
                            AttributeType(name: "given_name", value: "Name\(index % 1000)"),
                        ], status: .confirmed, password: verifier)
                        try await storage.insertUser(UserRecord(
                            userPoolID: poolID, key: identity.key(user.username), sub: sub, creationDate: date, lastModifiedDate: date,
                            document: user.document(), searchable: identity.searchable(user), claims: identity.claims(of: user)))
                    }
                }
            }
            try await group.waitForAll()
        }
        let seconds = Date().timeIntervalSince(start)
        print("loaded \(count) users into \(poolID) in \(String(format: "%.1f", seconds)) s")
    }

    struct ValidationFailure: Error, CustomStringConvertible {
        let description: String
    }
}

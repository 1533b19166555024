import GatehouseCore
import GatehouseStorage

/// The pages of every list operation: a page's next cursor leaves sealed as the token to return
/// (``PageTokens``), and the token a call gives is opened back into the cursor to start after.
struct ListPages: Sendable {
    let tokens: ServerKey<PageTokens>

    /// One page of the list named `scope` (e.g. `ListGroups/<poolId>`): opens `nextToken` into the
    /// cursor to start after, reads the page with `read`, and seals the page's next cursor.
    /// - Throws: `InvalidParameterException` for a token not sealed for `scope`; whatever `read` throws.
    func page<Item: Sendable>(of scope: String, nextToken: String?,
                              _ read: (_ after: String?) async throws -> Page<Item>) async throws -> (items: [Item], nextToken: String?) {
        let tokens = try await tokens.value()
        let after = try nextToken.map { token in try tokens.open(token, scope: scope) }
        let page = try await read(after)
        return (page.items, page.nextCursor.map { tokens.seal($0, scope: scope) })
    }
}

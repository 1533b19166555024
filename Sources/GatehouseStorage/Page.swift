/// One page of a list, in the list's order, and where the next page starts.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// The key of the last item, to pass back as `after`; `nil` on the last page.
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// The page of a query that read up to `limit + 1` items: the first `limit`, and the cursor of
    /// the last of them when there was one more.
    public init(reading fetched: [Item], limit: Int, cursor: (Item) -> String) {
        items = Array(fetched.prefix(limit))
        nextCursor = fetched.count > limit ? items.last.map(cursor) : nil
    }
}

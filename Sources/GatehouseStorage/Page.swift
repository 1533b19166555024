/// One page of a list, in the list's order, and where the next page starts.
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    /// The key of the last item, to pass back as `after`; `nil` on the last page.
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

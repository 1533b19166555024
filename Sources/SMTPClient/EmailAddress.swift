/// A mailbox: an address with an optional display name, as in `"Gatehouse" <noreply@example.com>`.
public struct EmailAddress: Sendable, Hashable {
    /// The bare address, such as `noreply@example.com`. Only ASCII addresses are supported.
    public var address: String

    /// The human-readable name shown by mail clients; any Unicode text.
    public var displayName: String?

    /// Creates a mailbox. The address is validated when a message is sent.
    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// Throws ``SMTPError/Kind/invalidMessage`` unless ``address`` can be used in the SMTP envelope and in
    /// headers: `local@domain` made of printable ASCII without spaces, angle brackets or line breaks.
    func validate() throws {
        let scalars = address.unicodeScalars
        guard scalars.count <= 254,
              scalars.allSatisfy({ (0x21...0x7E).contains($0.value) && $0 != "<" && $0 != ">" }),
              let at = address.lastIndex(of: "@"),
              at != address.startIndex,
              address.index(after: at) != address.endIndex
        else {
            throw SMTPError(.invalidMessage, "invalid email address \(address.debugDescription)")
        }
    }
}

/// What applying one declared part did.
enum DeclaredChange: String, Sendable {
    case created
    case updated
    /// The part was as declared: nothing was written.
    case unchanged
}

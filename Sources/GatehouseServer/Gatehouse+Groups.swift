import AWSWire

extension Gatehouse {
    static let groupNotFound = AWSServiceError.resourceNotFoundException("Group not found.")
}

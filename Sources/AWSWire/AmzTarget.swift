/// The `X-Amz-Target` header of the AWS JSON protocol: `<targetPrefix>.<OperationName>`.
public enum AmzTarget {
    /// The operation name the header asks for.
    /// - Throws: `UnknownOperationException` when the header is missing or has another service's prefix.
    public static func operationName(header: String?, targetPrefix: String) throws(AWSServiceError) -> String {
        guard let header else { throw .unknownOperation("Missing X-Amz-Target header.") }
        let dot = header.lastIndex(of: ".")
        let name = dot.map { String(header[header.index(after: $0)...]) } ?? header
        guard let dot, header[..<dot] == targetPrefix, !name.isEmpty else {
            throw .unknownOperation("Unknown operation \(name).")
        }
        return name
    }
}

import AWSWire
import CognitoModel

/// Which user attributes an app client reads (ReadAttributes) and writes (WriteAttributes).
public enum ClientAttributeAccess {
    /// The attributes an app client reads: its ReadAttributes, or when it has none every attribute
    /// but developer-only ones (`sub` always).
    public static func readable(_ attributes: [AttributeType], by client: UserPoolClientType) -> [AttributeType] {
        attributes.filter { attribute in
            let name = attribute.name ?? ""
            guard !name.hasPrefix("dev:") else { return false }
            guard let allowed = client.readAttributes, !allowed.isEmpty else { return true }
            return name == "sub" || allowed.contains(name)
        }
    }

    /// Checks that an app client may write these attributes: those of its WriteAttributes, or when
    /// it has none every attribute but the verified flags and developer-only attributes.
    /// - Throws: `NotAuthorizedException` "A client attempted to write unauthorized attribute".
    public static func checkWritable(_ attributes: [AttributeType], by client: UserPoolClientType) throws(AWSServiceError) {
        for name in attributes.compactMap(\.name) {
            let allowed = client.writeAttributes.map { $0.contains(name) }
                ?? !(name == "email_verified" || name == "phone_number_verified" || name.hasPrefix("dev:"))
            if !allowed { throw .notAuthorizedException("A client attempted to write unauthorized attribute") }
        }
    }
}

/// The id formats a declared pool or app client must have: the ones Cognito's API takes, so that a
/// declared id is one Cognito could have made, and a mirrored pool's ids are taken as they are.
public enum DeclaredIDs {
    /// `<region>_<letters or digits>`, at most 55 characters as the model's UserPoolIdType: Cognito
    /// makes 9 after the region, moto 32 hexadecimal digits. The region is of AWS's form
    /// (`us-east-1`, `us-gov-west-1`).
    /// - Returns: the region, or `nil` when `id` is not of the form.
    public static func region(ofUserPoolID id: String) -> String? {
        guard id.count <= 55, let underscore = id.lastIndex(of: "_") else { return nil }
        let region = id[..<underscore]
        let suffix = id[id.index(after: underscore)...]
        guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.dropLast().allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }) else { return nil }
        return String(region)
    }

    /// 25 or 26 lower-case letters and digits, as Cognito's (and moto's) client ids are.
    public static func isClientID(_ id: String) -> Bool {
        (25...26).contains(id.count) && id.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
    }
}

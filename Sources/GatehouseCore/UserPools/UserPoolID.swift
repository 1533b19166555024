/// User pool ids and ARNs.
public enum UserPoolID {
    static let suffixAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

    /// A new id: `<region>_<9 characters of [0-9A-Za-z]>`, e.g. `us-west-2_aB3dE5gH9`.
    public static func generate(region: String, random: RandomSource) -> String {
        region + "_" + random.string(9, from: suffixAlphabet)
    }

    /// The region part of an id, or `nil` when the id has none.
    public static func region(of id: String) -> String? {
        id.lastIndex(of: "_").map { String(id[..<$0]) }
    }

    /// `arn:<partition>:cognito-idp:<region>:<account>:userpool/<id>`.
    public static func arn(id: String, region: String, accountID: String) -> String {
        "arn:\(partition(region: region)):cognito-idp:\(region):\(accountID):userpool/\(id)"
    }

    /// The pool id an ARN names, or `nil` when the ARN is not a user pool ARN of this region.
    public static func id(fromARN arn: String, region: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "cognito-idp", parts[3] == region,
              parts[5].hasPrefix("userpool/") else { return nil }
        return String(parts[5].dropFirst("userpool/".count))
    }

    static func partition(region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }
}

import AWSWire

/// The access keys that may call the IAM-authorized operations, as `--access-keys-file` lists
/// them: each with its secret, the principal it acts as (an IAM ARN, which names its account) and
/// its policy.
///
///     {"AccessKeys": [{"AccessKeyId": "AKIA…", "SecretAccessKey": "…",
///                      "Principal": "arn:aws:iam::123456789012:user/admin",
///                      "Policy": {"Version": "2012-10-17",
///                                 "Statement": [{"Effect": "Allow", "Action": "cognito-idp:*", "Resource": "*"}]}}]}
public struct AccessKeys: Sendable {
    public struct Key: Sendable, Equatable {
        public let accessKeyID: String
        public let secretAccessKey: String
        /// The ARN AccessDeniedException names: `arn:aws:iam::<account>:user/<name>` or a role's.
        public let principal: String
        public let policy: AccessPolicy
    }

    private let keys: [String: Key]

    public var count: Int { keys.count }

    /// The key with this id, or `nil`.
    public func key(_ accessKeyID: String) -> Key? { keys[accessKeyID] }

    /// Reads the file's JSON.
    /// - Throws: ``AccessPolicy/Invalid`` naming the key and what is wrong with it.
    public init(json bytes: [UInt8]) throws(AccessPolicy.Invalid) {
        guard let root = try? JSONNode(parsing: bytes) else { throw AccessPolicy.Invalid("the file is not JSON") }
        guard let list = root["AccessKeys"]?.array, !list.isEmpty else {
            throw AccessPolicy.Invalid("the file has no AccessKeys list")
        }
        var keys: [String: Key] = [:]
        for (index, node) in list.enumerated() {
            let name = "AccessKeys[\(index)]"
            guard let id = node["AccessKeyId"]?.string, !id.isEmpty, let secret = node["SecretAccessKey"]?.string, !secret.isEmpty else {
                throw AccessPolicy.Invalid("\(name) needs AccessKeyId and SecretAccessKey")
            }
            guard let principal = node["Principal"]?.string, Self.isPrincipal(principal) else {
                throw AccessPolicy.Invalid("\(name) (\(id)) needs a Principal such as arn:aws:iam::123456789012:user/admin")
            }
            guard let document = node["Policy"] else { throw AccessPolicy.Invalid("\(name) (\(id)) has no Policy") }
            let policy: AccessPolicy
            do {
                policy = try AccessPolicy(json: document)
            } catch {
                throw AccessPolicy.Invalid("\(name) (\(id)): \(error)")
            }
            guard keys[id] == nil else { throw AccessPolicy.Invalid("\(name): \(id) is listed twice") }
            keys[id] = Key(accessKeyID: id, secretAccessKey: secret, principal: principal, policy: policy)
        }
        self.keys = keys
    }

    /// `arn:<partition>:iam::<12 digits>:<user|role|…>/<name>` or `…:root`.
    static func isPrincipal(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && parts[2] == "iam" && parts[3].isEmpty
            && parts[4].count == 12 && parts[4].allSatisfy(\.isNumber) && !parts[5].isEmpty
    }
}

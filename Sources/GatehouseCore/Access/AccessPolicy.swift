import AWSWire

/// An IAM-style identity policy of an access key: statements that allow or deny actions
/// (`cognito-idp:ListUsers`, with `*` and `?` wildcards, case-insensitive) on resources (ARNs,
/// with the same wildcards, case-sensitive). As IAM evaluates it: an explicit deny wins, then an
/// allow, and what no statement allows is denied. `Condition` and `Principal` are not supported:
/// a policy that has them is refused rather than read more loosely than it was written.
public struct AccessPolicy: Sendable, Equatable {
    public struct Statement: Sendable, Equatable {
        public var allows: Bool
        /// The patterns of `Action`, or of `NotAction` when `negatesActions`.
        public var actions: [String]
        public var negatesActions = false
        /// The patterns of `Resource`, or of `NotResource` when `negatesResources`.
        public var resources: [String]
        public var negatesResources = false

        func matches(action: String, resource: String) -> Bool {
            actions.contains { AccessPolicy.matches(action, pattern: $0, ignoringCase: true) } != negatesActions
                && resources.contains { AccessPolicy.matches(resource, pattern: $0, ignoringCase: false) } != negatesResources
        }
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        /// No statement allows the action.
        case implicitlyDenied
        /// A statement denies it.
        case explicitlyDenied
    }

    public var statements: [Statement]

    public init(statements: [Statement]) {
        self.statements = statements
    }

    /// What the policy decides for `action` on `resource`.
    public func decision(action: String, resource: String) -> Decision {
        let matching = statements.filter { $0.matches(action: action, resource: resource) }
        if matching.contains(where: { !$0.allows }) { return .explicitlyDenied }
        return matching.isEmpty ? .implicitlyDenied : .allowed
    }

    /// A policy document: `{"Version", "Statement": [statement] or statement}`, each statement with
    /// `Effect` and one of `Action`/`NotAction` and of `Resource`/`NotResource` (a string or a list).
    /// - Throws: ``Invalid`` naming what is wrong.
    public init(json: JSONNode) throws(Invalid) {
        guard json.pairs != nil else { throw Invalid("the policy is not a JSON object") }
        let list = json["Statement"].flatMap { $0.array ?? ($0.pairs != nil ? [$0] : nil) }
        guard let list, !list.isEmpty else { throw Invalid("the policy has no Statement") }
        statements = []
        for (index, node) in list.enumerated() {
            statements.append(try Self.statement(node, index: index))
        }
    }

    public struct Invalid: Error, Equatable, CustomStringConvertible {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    private static func statement(_ node: JSONNode, index: Int) throws(Invalid) -> Statement {
        let name = "Statement \(index + 1)"
        guard let pairs = node.pairs else { throw Invalid("\(name) is not a JSON object") }
        let known: Set = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource"]
        if let unknown = pairs.first(where: { !known.contains($0.key) }) {
            throw Invalid("\(name): \(unknown.key) is not supported")
        }
        guard let effect = node["Effect"]?.string, effect == "Allow" || effect == "Deny" else {
            throw Invalid("\(name): Effect must be Allow or Deny")
        }
        let (actions, negatesActions) = try patterns(node, "Action", "NotAction", in: name)
        let (resources, negatesResources) = try patterns(node, "Resource", "NotResource", in: name)
        return Statement(allows: effect == "Allow", actions: actions, negatesActions: negatesActions, resources: resources,
                         negatesResources: negatesResources)
    }

    /// The patterns of exactly one of `key` and `negated`, and whether they were `negated`'s.
    private static func patterns(_ node: JSONNode, _ key: String, _ negated: String, in name: String) throws(Invalid) -> ([String], Bool) {
        switch (node[key], node[negated]) {
        case (let value?, nil): return (try strings(value, key, in: name), false)
        case (nil, let value?): return (try strings(value, negated, in: name), true)
        default: throw Invalid("\(name) needs exactly one of \(key) and \(negated)")
        }
    }

    private static func strings(_ value: JSONNode, _ key: String, in name: String) throws(Invalid) -> [String] {
        if let one = value.string { return [one] }
        guard let list = value.array, !list.isEmpty else { throw Invalid("\(name): \(key) must be a string or a list of strings") }
        var strings: [String] = []
        for item in list {
            guard let string = item.string else { throw Invalid("\(name): \(key) must be a string or a list of strings") }
            strings.append(string)
        }
        return strings
    }

    /// Whether `text` matches `pattern`, where `*` stands for any run of characters and `?` for one.
    static func matches(_ text: String, pattern: String, ignoringCase: Bool) -> Bool {
        let text = Array((ignoringCase ? text.lowercased() : text).unicodeScalars)
        let pattern = Array((ignoringCase ? pattern.lowercased() : pattern).unicodeScalars)
        // Greedy match with backtracking to the last `*`: linear in practice, never exponential.
        var (t, p) = (0, 0)
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                t += 1
                p += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = (p, t)
                p += 1
            } else if let last = star {
                p = last.pattern + 1
                t = last.text + 1
                star = (last.pattern, last.text + 1)
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// One of the AWS CLI's shared files, `~/.aws/config` or `~/.aws/credentials`, read as botocore
/// reads them (Python's configparser): `[section]` headers, `key = value` or `key: value` lines
/// with keys lower-cased, `#` and `;` comment lines, and indented lines that belong to the key
/// above (a nested block such as `s3 =` followed by settings, which is skipped here).
public struct SharedConfigFile: Equatable, Sendable {
    /// Each section's settings, by section header as written (`default`, `profile dev`).
    public private(set) var sections: [String: [String: String]] = [:]

    public init(text: String) {
        var section: String?
        var lastKey: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = rawLine.trimmingWhitespace
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if rawLine.first == " " || rawLine.first == "\t" {
                // A continuation: the key above holds a nested block, which none of our settings is.
                if let section, let lastKey { sections[section]?[lastKey] = nil }
                continue
            }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let name = String(line.dropFirst().dropLast()).trimmingWhitespace
                section = name
                lastKey = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section, let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            let key = String(line[..<separator]).trimmingWhitespace.lowercased()
            sections[section]?[key] = String(line[line.index(after: separator)...]).trimmingWhitespace
            lastKey = key
        }
    }

    /// The settings of profile `name` in a config file: section `[default]` for the default
    /// profile, `[profile NAME]` for the others (botocore also accepts `[profile default]`).
    public func configProfile(_ name: String) -> [String: String]? {
        if let profile = sections.first(where: { Self.profileName(ofConfigSection: $0.key) == name })?.value { return profile }
        return name == "default" ? sections["default"] : nil
    }

    /// The settings of profile `name` in a credentials file, whose sections are bare profile names.
    public func credentialsProfile(_ name: String) -> [String: String]? { sections[name] }

    /// `profile dev` → `dev`; anything else → `nil`.
    private static func profileName(ofConfigSection section: String) -> String? {
        let parts = section.split(maxSplits: 1, whereSeparator: \.isWhitespace)
        guard parts.count == 2, parts[0] == "profile" else { return nil }
        return String(parts[1]).trimmingWhitespace
    }
}

/// A profile's sections of the shared files: `~/.aws/config` and `~/.aws/credentials`, or the files
/// `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` name.
public struct SharedProfileSections: Equatable, Sendable {
    public let config: [String: String]?
    public let credentials: [String: String]?

    /// - Parameter readFile: the text of a file, `nil` when it cannot be read.
    public init(profile name: String, environment: [String: String], readFile: (String) -> String?) {
        let home = environment["HOME"] ?? ""
        func file(_ variable: String, default path: String) -> SharedConfigFile {
            let name = environment[variable] ?? home + path
            return SharedConfigFile(text: readFile(name.hasPrefix("~/") ? home + name.dropFirst() : name) ?? "")
        }
        config = file("AWS_CONFIG_FILE", default: "/.aws/config").configProfile(name)
        credentials = file("AWS_SHARED_CREDENTIALS_FILE", default: "/.aws/credentials").credentialsProfile(name)
    }

    /// The profile the environment names: `AWS_DEFAULT_PROFILE`, else `AWS_PROFILE`, else `default`
    /// (botocore's order).
    public static func profileName(environment: [String: String]) -> String {
        environment["AWS_DEFAULT_PROFILE"] ?? environment["AWS_PROFILE"] ?? "default"
    }

    /// Access keys as botocore finds them without a process, SSO or instance metadata: the
    /// environment's `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (with `AWS_SESSION_TOKEN`)
    /// unless `useEnvironment` is false (a profile named explicitly), then the profile's section of
    /// the credentials file, then of the config file; `nil` when none has both keys.
    public func credentials(environment: [String: String], useEnvironment: Bool = true) -> AWSCredentials? {
        let sources: [[String: String]?] = [
            useEnvironment ? [
                "aws_access_key_id": environment["AWS_ACCESS_KEY_ID"], "aws_secret_access_key": environment["AWS_SECRET_ACCESS_KEY"],
                "aws_session_token": environment["AWS_SESSION_TOKEN"] ?? environment["AWS_SECURITY_TOKEN"],
            ].compactMapValues { $0 } : nil,
            credentials, config,
        ]
        for case let source? in sources {
            if let key = source["aws_access_key_id"], let secret = source["aws_secret_access_key"] {
                return AWSCredentials(accessKeyID: key, secretAccessKey: secret,
                                      sessionToken: source["aws_session_token"] ?? source["aws_security_token"])
            }
        }
        return nil
    }
}

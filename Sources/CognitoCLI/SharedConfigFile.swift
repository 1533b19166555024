/// One of the AWS CLI's shared files, `~/.aws/config` or `~/.aws/credentials`, read as botocore
/// reads them (Python's configparser): `[section]` headers, `key = value` or `key: value` lines
/// with keys lower-cased, `#` and `;` comment lines, and indented lines that belong to the key
/// above (a nested block such as `s3 =` followed by settings, which is skipped here).
struct SharedConfigFile: Equatable {
    /// Each section's settings, by section header as written (`default`, `profile dev`).
    private(set) var sections: [String: [String: String]] = [:]

    init(text: String) {
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
    func configProfile(_ name: String) -> [String: String]? {
        if let profile = sections.first(where: { Self.profileName(ofConfigSection: $0.key) == name })?.value { return profile }
        return name == "default" ? sections["default"] : nil
    }

    /// The settings of profile `name` in a credentials file, whose sections are bare profile names.
    func credentialsProfile(_ name: String) -> [String: String]? { sections[name] }

    /// `profile dev` → `dev`; anything else → `nil`.
    private static func profileName(ofConfigSection section: String) -> String? {
        let parts = section.split(maxSplits: 1, whereSeparator: \.isWhitespace)
        guard parts.count == 2, parts[0] == "profile" else { return nil }
        return String(parts[1]).trimmingWhitespace
    }
}

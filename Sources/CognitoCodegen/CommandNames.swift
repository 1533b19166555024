/// How the AWS CLI names commands and options: botocore's `xform_name(name, "-")`, step by step.
enum CommandNames {
    /// `UpdateUserPool` → `update-user-pool`, `AdminSetUserMFAPreference` →
    /// `admin-set-user-mfa-preference`. A name that holds `-` already stays as it is.
    static func kebab(_ name: String) -> String {
        if name.contains("-") { return name }
        var name = name
        // A trailing plural acronym ("ARNs") is split off whole and lower-cased first.
        if let match = name.firstMatch(of: trailingPluralAcronym) {
            name = name[..<match.range.lowerBound] + "-" + name[match.range].lowercased()
        }
        name = name.replacing(capitalizedWord) { match in "\(match.output.1)-\(match.output.2)" }
        name = name.replacing(lowerThenCapital) { match in "\(match.output.1)-\(match.output.2)" }
        return name.lowercased()
    }

    /// botocore's `_special_case_transform`: `[A-Z]{2,}s$`.
    nonisolated(unsafe) private static let trailingPluralAcronym = #/[A-Z]{2,}s$/#
    /// botocore's `_first_cap_regex`: `(.)([A-Z][a-z]+)`.
    nonisolated(unsafe) private static let capitalizedWord = #/(.)([A-Z][a-z]+)/#
    /// botocore's `_end_cap_regex`: `([a-z0-9])([A-Z])`.
    nonisolated(unsafe) private static let lowerThenCapital = #/([a-z0-9])([A-Z])/#
}

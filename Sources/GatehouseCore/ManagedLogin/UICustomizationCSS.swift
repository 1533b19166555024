import AWSWire

/// The CSS SetUICustomization accepts (the classic hosted UI's branding guide): rules whose
/// selector is one of Cognito's customizable classes, each declaration `property: value`, no
/// nested rules, no at-rules (`@import`, `@media`, …), no scripts, nothing that loads a resource.
public enum UICustomizationCSS {
    public static let classes: Set<String> = [
        "background-customizable", "banner-customizable", "errorMessage-customizable", "idpButton-customizable",
        "idpButton-customizable:hover", "idpDescription-customizable", "inputField-customizable", "inputField-customizable:focus",
        "label-customizable", "legalText-customizable", "logo-customizable", "passwordCheck-valid-customizable",
        "passwordCheck-notValid-customizable", "redirect-customizable", "socialButton-customizable", "submitButton-customizable",
        "submitButton-customizable:hover", "textDescription-customizable",
    ]

    /// Checks `css`.
    /// - Throws: `InvalidParameterException` naming what is not allowed (Gatehouse's wording;
    ///   Cognito's is not known, docs/compatibility.md).
    public static func check(_ css: String) throws(AWSServiceError) {
        let lowered = css.lowercased()
        for banned in ["@", "<", "javascript:", "expression(", "url(", "image(", "image-set(", "cross-fade(", "element(", "\\"]
        where lowered.contains(banned) {
            throw .invalidParameterException("The CSS may not contain \(banned): only rules of the customizable classes are allowed.")
        }
        var rest = Substring(css)
        while let open = rest.firstIndex(of: "{") {
            let selector = rest[..<open].trimmingWhitespace
            guard selector.hasPrefix("."), classes.contains(String(selector.dropFirst())) else {
                throw .invalidParameterException("The CSS selector \(selector) is not one of the customizable classes.")
            }
            guard let close = rest[open...].firstIndex(of: "}"), !rest[rest.index(after: open)..<close].contains("{") else {
                throw unbalanced
            }
            for declaration in rest[rest.index(after: open)..<close].split(separator: ";") where !declaration.trimmingWhitespace.isEmpty {
                let parts = declaration.split(separator: ":", maxSplits: 1)
                guard parts.count == 2, !parts[0].trimmingWhitespace.isEmpty,
                      parts[0].trimmingWhitespace.allSatisfy({ $0.isLetter || $0 == "-" }) else {
                    throw .invalidParameterException("The CSS declaration \(declaration.trimmingWhitespace) of \(selector) is not property: value.")
                }
            }
            rest = rest[rest.index(after: close)...]
        }
        guard rest.trimmingWhitespace.isEmpty, !rest.contains("}") else { throw unbalanced }
    }

    static let unbalanced = AWSServiceError.invalidParameterException("The CSS is not a list of rules: a { or } is missing.")

    /// Whether `bytes` are a PNG or JPEG image, the logo formats Cognito takes.
    public static func isLogo(_ bytes: some Collection<UInt8>) -> Bool {
        let start = Array(bytes.prefix(8))
        return start.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) || start.starts(with: [0xFF, 0xD8, 0xFF])
    }
}

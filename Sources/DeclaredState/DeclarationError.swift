/// Why a declared state cannot be applied: what is wrong, and where in the document.
public struct DeclarationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where in the document, as its keys name it: `UserPools[0].Clients[1].AllowedOAuthFlows`
    /// (empty for the document itself).
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}

/// Document paths: `UserPools[0]` + `Clients` → `UserPools[0].Clients`.
enum DocumentPath {
    static func member(_ parent: String, _ name: String) -> String {
        parent.isEmpty ? name : parent + "." + name
    }

    static func element(_ list: String, _ index: Int) -> String {
        "\(list)[\(index)]"
    }

    /// A validation report's path (`policies.passwordPolicy.minimumLength`, `userAttributes.1.member.name`)
    /// as the document names it (`Policies.PasswordPolicy.MinimumLength`, `UserAttributes[0].Name`).
    static func fromValidation(_ path: String) -> String {
        var result = ""
        var components = path.split(separator: ".").map(String.init)[...]
        while let component = components.popFirst() {
            if let index = Int(component), components.first == "member" {
                components.removeFirst()
                result += "[\(index - 1)]"
            } else {
                let name = component.prefix(1).uppercased() + component.dropFirst()
                result = member(result, name)
            }
        }
        return result
    }
}

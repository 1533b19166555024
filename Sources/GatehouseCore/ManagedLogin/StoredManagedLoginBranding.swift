import AWSWire
import CognitoModel
import Foundation
import GatehouseStorage

/// What Gatehouse keeps of a managed login branding style (CreateManagedLoginBranding): a
/// ``UserPoolItemRecord`` of kind ``UserPoolItemKind/managedLoginBranding`` keyed by its app
/// client (a client has one style) and named by its id.
public struct StoredManagedLoginBranding: Sendable, Equatable {
    public var id: String
    public var useCognitoProvidedValues: Bool
    /// The Settings document as given; `nil` when none was.
    public var settings: JSONValue?
    public var assets: [AssetType]

    public init(id: String, useCognitoProvidedValues: Bool, settings: JSONValue?, assets: [AssetType]) {
        self.id = id
        self.useCognitoProvidedValues = useCognitoProvidedValues
        self.settings = settings
        self.assets = assets
    }

    /// Checks that a request gives either UseCognitoProvidedValues or Settings, as Cognito requires.
    /// - Throws: `InvalidParameterException` with Cognito's message (docs/evidence/managed-login-branding.md).
    public static func checkSource(useCognitoProvidedValues: Bool?, settings: JSONValue?) throws(AWSServiceError) {
        guard (useCognitoProvidedValues == true) != (settings != nil) else {
            throw .invalidParameterException("useCognitoProvidedValues or settings should be specified (but not both)")
        }
    }

    /// `assets` with `changes` applied: an asset replaces the one of its category and color mode,
    /// others are added (as Cognito merges them).
    public static func merged(_ assets: [AssetType], with changes: [AssetType]) -> [AssetType] {
        var result = assets
        for change in changes {
            if let index = result.firstIndex(where: { $0.category == change.category && $0.colorMode == change.colorMode }) {
                result[index] = change
            } else {
                result.append(change)
            }
        }
        return result
    }

    /// Decodes a record's document.
    /// - Throws: `InternalErrorException` when the document is not one this server wrote.
    public init(record: UserPoolItemRecord) throws(AWSServiceError) {
        do {
            let branding = try AWSJSON.decode(ManagedLoginBrandingType.self, from: record.document)
            guard let id = branding.managedLoginBrandingId else { throw AWSServiceError.internalError }
            self.init(id: id, useCognitoProvidedValues: branding.useCognitoProvidedValues ?? false, settings: branding.settings,
                      assets: branding.assets ?? [])
        } catch {
            throw .internalError
        }
    }

    public func document() -> Data {
        Data(AWSJSON.encode(ManagedLoginBrandingType(managedLoginBrandingId: id, useCognitoProvidedValues: useCognitoProvidedValues,
                                                     settings: settings, assets: assets)))
    }

    /// The style as the Describe operations show it, this being the one of `record`: Settings only
    /// when it was given, Assets always.
    public func describe(_ record: UserPoolItemRecord) -> ManagedLoginBrandingType {
        ManagedLoginBrandingType(managedLoginBrandingId: id, userPoolId: record.userPoolID, useCognitoProvidedValues: useCognitoProvidedValues,
                                 settings: settings, assets: assets, creationDate: record.creationDate,
                                 lastModifiedDate: record.lastModifiedDate)
    }

    /// The asset of `category` in light mode (else any mode), as the pages show it.
    public func asset(_ category: AssetCategoryType) -> AssetType? {
        assets.first { $0.category == category && $0.colorMode == .light } ?? assets.first { $0.category == category }
    }

    /// The CSS the pages get from Settings: the light mode's page background, and the primary
    /// button's colors (RRGGBBAA, the document's form), for the classes the pages have.
    public var css: String {
        guard let settings else { return "" }
        var rules: [String] = []
        if let color = Self.color(settings, "components", "pageBackground", "lightMode", "color") {
            rules.append("body { background-color: \(color); }")
        }
        var button: [String] = []
        if let color = Self.color(settings, "components", "primaryButton", "lightMode", "defaults", "backgroundColor") {
            button.append("background-color: \(color);")
        }
        if let color = Self.color(settings, "components", "primaryButton", "lightMode", "defaults", "textColor") {
            button.append("color: \(color);")
        }
        if !button.isEmpty { rules.append(".submitButton-customizable { \(button.joined(separator: " ")) }") }
        return rules.joined(separator: "\n")
    }

    /// The color at `path`, as CSS (`#rrggbbaa`), when it is 8 hexadecimal digits.
    static func color(_ value: JSONValue, _ path: String...) -> String? {
        var node = value
        for key in path {
            guard case .object(let members) = node, let next = members[key] else { return nil }
            node = next
        }
        guard case .string(let text) = node, text.count == 8, text.allSatisfy(\.isHexDigit) else { return nil }
        return "#" + text
    }
}

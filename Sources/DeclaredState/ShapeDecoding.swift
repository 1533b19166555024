import AWSWire
import CognitoModel

/// Decodes one part of a declared document as an operation's request, as strictly as a file
/// deserves: a key the request's shape does not have is an error (a typo must not pass
/// silently), then the wire decoder's type checks and the model's constraints, each failure
/// named by its path in the document.
enum ShapeDecoding {
    static let model = ServiceDescription.model

    /// The members of `node` (an object at `path`) that `extras` names, and the rest decoded as
    /// the request `type` with `adding` (the members the document leaves implicit, such as
    /// `UserPoolId`), checked against the model.
    /// - Throws: ``DeclarationError`` at the first unknown key, wrong type or broken constraint.
    static func decode<Request: AWSShape>(
        _ type: Request.Type, _ node: JSONNode, at path: String,
        extras: Set<String> = [], adding: [(key: String, value: JSONNode)] = []
    ) throws(DeclarationError) -> (request: Request, extras: [String: JSONNode]) {
        guard let pairs = node.pairs else { throw DeclarationError(path: path, message: "must be a mapping") }
        var rest: [(key: String, value: JSONNode)] = []
        var found: [String: JSONNode] = [:]
        let implicit = Set(adding.map(\.key))
        for (key, value) in pairs {
            if extras.contains(key) {
                found[key] = value
            } else if implicit.contains(key) {
                throw DeclarationError(path: DocumentPath.member(path, key), message: "is given by the document's structure and cannot be set here")
            } else {
                rest.append((key, value))
            }
        }
        try checkKeys(.object(rest), shape: shapeName(type), at: path)
        let request: Request
        do {
            request = try Request(json: .object(adding + rest))
        } catch {
            throw DeclarationError(path: DocumentPath.member(path, error.path), message: "expected \(error.expected)")
        }
        var report = ValidationReport()
        request.validate(&report, at: "")
        if let failure = report.failures.first, let message = report.message {
            throw DeclarationError(path: DocumentPath.member(path, DocumentPath.fromValidation(failure.path)), message: message)
        }
        return (request, found)
    }

    /// The model's name of a generated shape type, which is the type's own.
    static func shapeName<Shape: AWSShape>(_ type: Shape.Type) -> String {
        String(describing: type)
    }

    /// Every key of `node`, however deep, is a member of the structure it stands for.
    static func checkKeys(_ node: JSONNode, shape name: String, at path: String) throws(DeclarationError) {
        switch (model.shape(name).kind, node) {
        case (.structure(let members), .object(let pairs)):
            for (key, value) in pairs {
                guard let member = members.first(where: { $0.name == key }) else {
                    let known = members.map(\.name).joined(separator: ", ")
                    throw DeclarationError(path: DocumentPath.member(path, key), message: "is not a setting here; the settings are: \(known)")
                }
                try checkKeys(value, shape: member.shape, at: DocumentPath.member(path, key))
            }
        case (.list(let member), .array(let elements)):
            for (index, element) in elements.enumerated() {
                try checkKeys(element, shape: member, at: DocumentPath.element(path, index))
            }
        case (.map(_, let value), .object(let pairs)):
            for (key, element) in pairs {
                try checkKeys(element, shape: value, at: DocumentPath.member(path, key))
            }
        default:
            break  // a scalar, or a value of the wrong type, which decoding reports
        }
    }
}

/// A declared request as another operation's: the members both shapes have, with `adding`.
public enum DeclaredRequest {
    /// `request` (a Create… request) as the request `type` (its Update…).
    /// - Throws: `JSONDecodeFailure` only when `adding` holds a value of the wrong type.
    public static func converted<Source: AWSShape, Target: AWSShape>(
        _ request: Source, to type: Target.Type, adding: [(key: String, value: JSONNode)]
    ) throws -> Target {
        let shape = ShapeDecoding.shapeName(type)
        guard case .structure(let members) = ShapeDecoding.model.shape(shape).kind,
              let pairs = try JSONNode(parsing: AWSJSON.encode(request)).pairs else { preconditionFailure("\(shape) is a structure") }
        let names = Set(members.map(\.name)).subtracting(adding.map(\.key))
        return try Target(json: .object(adding + pairs.filter { names.contains($0.key) }))
    }
}

import AWSWire

/// How the AWS CLI, a Python program, shows and sorts the values it prints.
extension JSONNode {
    var isObject: Bool { if case .object = self { true } else { false } }
    var isArray: Bool { if case .array = self { true } else { false } }
    var isContainer: Bool { isObject || isArray }

    /// As Python's `str()` shows a parsed JSON scalar: `True`/`False`, `None`.
    var pythonText: String {
        switch self {
        case .string(let value): value
        case .number(let value): value
        case .bool(let value): value ? "True" : "False"
        case .null: "None"
        case .object, .array: JSONOutput.compact(self)
        }
    }
}

/// The keys of `pairs` holding scalars and those holding lists or objects, each sorted as Python
/// sorts them: how the AWS CLI's text and table output split a structure.
func scalarAndContainerKeys(_ pairs: [(key: String, value: JSONNode)]) -> (scalars: [String], containers: [String]) {
    (pairs.filter { !$0.value.isContainer }.map(\.key).sorted(by: codePointOrder),
     pairs.filter(\.value.isContainer).map(\.key).sorted(by: codePointOrder))
}

/// Python's string order: by code point.
func codePointOrder(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
}

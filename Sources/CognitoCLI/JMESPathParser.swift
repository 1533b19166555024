import AWSWire

extension JMESPath {
    struct Token {
        enum Kind: Equatable {
            case unquotedIdentifier, quotedIdentifier, number, literal
            case dot, star, lbracket, rbracket, filter, flatten, lbrace, rbrace, comma, colon
            case pipe, or, and, not, comparator, lparen, rparen, current, eof
        }

        let kind: Kind
        let text: String
        /// The value of a number, quoted identifier or literal.
        var value: JSONNode = .null
        let position: Int
    }

    /// Splits an expression into tokens.
    enum Lexer {
        static func tokens(_ expression: String) throws -> [Token] {
            let characters = Array(expression)
            var tokens: [Token] = []
            var index = 0
            func error(_ message: String) -> ParseError { ParseError(message: "Bad value for --query \(expression): \(message)") }
            while index < characters.count {
                let character = characters[index]
                let start = index
                if character.isWhitespace { index += 1; continue }
                if character.isLetter || character == "_" {
                    while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" { index += 1 }
                    tokens.append(Token(kind: .unquotedIdentifier, text: String(characters[start..<index]), position: start))
                    continue
                }
                if character.isNumber || (character == "-" && index + 1 < characters.count && characters[index + 1].isNumber) {
                    index += 1
                    while index < characters.count, characters[index].isNumber { index += 1 }
                    let text = String(characters[start..<index])
                    tokens.append(Token(kind: .number, text: text, value: .number(text), position: start))
                    continue
                }
                func delimited(by closing: Character) throws -> String {
                    index += 1
                    var text = ""
                    while index < characters.count, characters[index] != closing {
                        if characters[index] == "\\", index + 1 < characters.count {
                            text.append(characters[index])
                            index += 1
                        }
                        text.append(characters[index])
                        index += 1
                    }
                    guard index < characters.count else { throw error("unclosed \(closing)") }
                    index += 1
                    return text
                }
                switch character {
                case "\"":
                    let text = try delimited(by: "\"")
                    guard let value = try? JSONNode(parsing: "\"\(text)\"") else { throw error("invalid quoted identifier") }
                    tokens.append(Token(kind: .quotedIdentifier, text: text, value: value, position: start))
                case "'":
                    let text = try delimited(by: "'").replacingOccurrences(of: "\\'", with: "'")
                    tokens.append(Token(kind: .literal, text: text, value: .string(text), position: start))
                case "`":
                    let text = try delimited(by: "`").replacingOccurrences(of: "\\`", with: "`")
                    // As jmespath.py does, text that is not JSON is taken as a string (its legacy literals).
                    guard let value = (try? JSONNode(parsing: text)) ?? (try? JSONNode(parsing: "\"\(text)\"")) else {
                        throw error("invalid literal \(text)")
                    }
                    tokens.append(Token(kind: .literal, text: text, value: value, position: start))
                default:
                    let rest = String(characters[index..<min(index + 2, characters.count)])
                    let two: [String: Token.Kind] = ["[?": .filter, "[]": .flatten, "||": .or, "&&": .and,
                                                     "==": .comparator, "!=": .comparator, "<=": .comparator, ">=": .comparator]
                    let one: [Character: Token.Kind] = [".": .dot, "*": .star, "[": .lbracket, "]": .rbracket, "{": .lbrace,
                                                        "}": .rbrace, ",": .comma, ":": .colon, "|": .pipe, "!": .not,
                                                        "<": .comparator, ">": .comparator, "(": .lparen, ")": .rparen, "@": .current]
                    if rest.count == 2, let kind = two[rest] {
                        tokens.append(Token(kind: kind, text: rest, position: start))
                        index += 2
                    } else if let kind = one[character] {
                        tokens.append(Token(kind: kind, text: String(character), position: start))
                        index += 1
                    } else {
                        throw error("unknown token \(character)")
                    }
                }
            }
            tokens.append(Token(kind: .eof, text: "", position: characters.count))
            return tokens
        }
    }

    /// jmespath.py's Pratt parser.
    struct Parser {
        let tokens: [Token]
        let expression: String
        var index = 0

        init(tokens: [Token], expression: String) {
            self.tokens = tokens
            self.expression = expression
        }

        var current: Token { tokens[index] }
        func lookahead(_ offset: Int) -> Token.Kind { tokens[min(index + offset, tokens.count - 1)].kind }

        static func bindingPower(_ kind: Token.Kind) -> Int {
            switch kind {
            case .pipe: 1
            case .or: 2
            case .and: 3
            case .comparator: 5
            case .flatten: 9
            case .star: 20
            case .filter: 21
            case .dot: 40
            case .not: 45
            case .lbrace: 50
            case .lbracket: 55
            case .lparen: 60
            default: 0
            }
        }

        /// The error for `token` (by default the current one) where the grammar wants something else.
        func unexpected(_ token: Token? = nil) -> ParseError {
            let token = token ?? current
            return ParseError(message: "Bad value for --query \(expression): "
                + (token.kind == .eof ? "incomplete expression" : "unexpected token '\(token.text)' at position \(token.position)"))
        }

        mutating func advance() -> Token {
            defer { index = min(index + 1, tokens.count - 1) }
            return current
        }

        mutating func match(_ kind: Token.Kind) throws {
            guard current.kind == kind else { throw unexpected() }
            _ = advance()
        }

        mutating func expression(_ bindingPower: Int) throws -> Node {
            var left = try nud(advance())
            while bindingPower < Self.bindingPower(current.kind) {
                left = try led(advance(), left)
            }
            return left
        }

        private mutating func nud(_ token: Token) throws -> Node {
            switch token.kind {
            case .literal: return .literal(token.value)
            case .unquotedIdentifier: return .field(token.text)
            case .quotedIdentifier:
                guard current.kind != .lparen, case .string(let name) = token.value else { throw unexpected() }
                return .field(name)
            case .star:
                let right: Node = current.kind == .rbracket ? .current : try projectionRHS(Self.bindingPower(.star))
                return .valueProjection(.current, right)
            case .filter: return try filter(.current)
            case .lbrace: return try multiSelectHash()
            case .lparen:
                let inner = try expression(0)
                try match(.rparen)
                return inner
            case .flatten: return .projection(.flatten(.current), try projectionRHS(Self.bindingPower(.flatten)))
            case .not: return .not(try expression(Self.bindingPower(.not)))
            case .lbracket:
                if current.kind == .number || current.kind == .colon {
                    return try projectIfSlice(.current, try indexExpression())
                }
                if current.kind == .star, lookahead(1) == .rbracket {
                    _ = advance()
                    _ = advance()
                    return .projection(.current, try projectionRHS(Self.bindingPower(.star)))
                }
                return try multiSelectList()
            case .current: return .current
            default:
                throw unexpected(token)
            }
        }

        private mutating func led(_ token: Token, _ left: Node) throws -> Node {
            switch token.kind {
            case .dot:
                if current.kind != .star {
                    let right = try dotRHS(Self.bindingPower(.dot))
                    if case .subexpression(let nodes) = left { return .subexpression(nodes + [right]) }
                    return .subexpression([left, right])
                }
                _ = advance()
                return .valueProjection(left, try projectionRHS(Self.bindingPower(.dot)))
            case .pipe: return .pipe(left, try expression(Self.bindingPower(.pipe)))
            case .or: return .or(left, try expression(Self.bindingPower(.or)))
            case .and: return .and(left, try expression(Self.bindingPower(.and)))
            case .comparator: return .comparator(token.text, left, try expression(Self.bindingPower(.comparator)))
            case .lparen:
                guard case .field(let name) = left else { throw unexpected() }
                var arguments: [Node] = []
                while current.kind != .rparen {
                    arguments.append(try expression(0))
                    if current.kind == .comma { try match(.comma) }
                }
                try match(.rparen)
                return .function(name, arguments)
            case .filter: return try filter(left)
            case .flatten: return .projection(.flatten(left), try projectionRHS(Self.bindingPower(.flatten)))
            case .lbracket:
                if current.kind == .number || current.kind == .colon {
                    let right = try indexExpression()
                    // As jmespath.py does, an index expression takes the next index or slice as one more step.
                    if case .indexExpression(let nodes) = left { return .indexExpression(nodes + [right]) }
                    return try projectIfSlice(left, right)
                }
                try match(.star)
                try match(.rbracket)
                return .projection(left, try projectionRHS(Self.bindingPower(.star)))
            default:
                throw unexpected(token)
            }
        }

        private mutating func filter(_ left: Node) throws -> Node {
            let condition = try expression(0)
            try match(.rbracket)
            let right: Node = current.kind == .flatten ? .current : try projectionRHS(Self.bindingPower(.filter))
            return .filterProjection(left, right, condition: condition)
        }

        private mutating func indexExpression() throws -> Node {
            if lookahead(0) == .colon || lookahead(1) == .colon {
                var parts: [Int?] = [nil, nil, nil]
                var position = 0
                while current.kind != .rbracket, position < 3 {
                    if current.kind == .colon {
                        position += 1
                        _ = advance()
                    } else if current.kind == .number {
                        parts[position] = Int(current.text)
                        _ = advance()
                    } else {
                        throw unexpected()
                    }
                }
                try match(.rbracket)
                return .slice(parts[0], parts[1], parts[2])
            }
            guard current.kind == .number, let value = Int(current.text) else { throw unexpected() }
            _ = advance()
            try match(.rbracket)
            return .index(value)
        }

        private mutating func projectIfSlice(_ left: Node, _ right: Node) throws -> Node {
            let indexed = Node.indexExpression([left, right])
            if case .slice = right { return .projection(indexed, try projectionRHS(Self.bindingPower(.star))) }
            return indexed
        }

        private mutating func projectionRHS(_ bindingPower: Int) throws -> Node {
            if Self.bindingPower(current.kind) < 10 { return .current }
            switch current.kind {
            case .lbracket, .filter: return try expression(bindingPower)
            case .dot:
                try match(.dot)
                return try dotRHS(bindingPower)
            default: throw unexpected()
            }
        }

        private mutating func dotRHS(_ bindingPower: Int) throws -> Node {
            switch current.kind {
            case .unquotedIdentifier, .quotedIdentifier, .star: return try expression(bindingPower)
            case .lbracket:
                _ = advance()
                return try multiSelectList()
            case .lbrace:
                _ = advance()
                return try multiSelectHash()
            default: throw unexpected()
            }
        }

        private mutating func multiSelectList() throws -> Node {
            var nodes: [Node] = []
            repeat {
                nodes.append(try expression(0))
                if current.kind == .rbracket { break }
                try match(.comma)
            } while true
            try match(.rbracket)
            return .multiSelectList(nodes)
        }

        private mutating func multiSelectHash() throws -> Node {
            var pairs: [(String, Node)] = []
            repeat {
                let key = advance()
                guard key.kind == .unquotedIdentifier || key.kind == .quotedIdentifier else { throw unexpected(key) }
                try match(.colon)
                let name: String = if case .string(let text) = key.value { text } else { key.text }
                pairs.append((name, try expression(0)))
                if current.kind == .rbrace { break }
                try match(.comma)
            } while true
            try match(.rbrace)
            return .multiSelectHash(pairs)
        }
    }
}

import AWSWire

/// `--output table`, as awscli's `TableFormatter` and `MultiTable` draw it (without colour): a
/// section per structure titled with its member name (the operation's name at the top), its
/// scalar members as one header row and one value row (a single one as a `key | value` row),
/// lists of structures as one row per element; columns scaled to the widest section, sections
/// with one row turned vertical when that is wider than the terminal (80 columns when the output
/// is not a terminal). Characters of East Asian width W, F and A count as two columns.
struct TableOutput {
    let terminalWidth: Int

    private struct Section {
        var title = ""
        var headers: [String] = []
        var rows: [[String]] = []
        var indent = 0
        var maxWidths: [Int] = []

        mutating func setHeaders(_ headers: [String]) {
            updateWidths(headers)
            self.headers = headers
        }

        mutating func addRow(_ row: [String]) {
            rows.append(row)
            updateWidths(row)
        }

        private mutating func updateWidths(_ row: [String]) {
            if maxWidths.isEmpty {
                maxWidths = row.map(TableOutput.textLength)
            } else {
                for (index, element) in row.enumerated() { maxWidths[index] = max(maxWidths[index], TableOutput.textLength(element)) }
            }
        }

        /// Each column's width scaled to fill `maxWidth` (Python's `round`, then one column at a
        /// time made narrower from the left or wider from the right until they add up).
        func columnWidths(maxWidth: Int) -> [Int] {
            let unscaled = maxWidths.map { $0 + 4 }
            guard !unscaled.isEmpty else { return [] }
            let factor = Double(maxWidth) / Double(unscaled.reduce(0, +))
            var scaled = unscaled.map { Int((factor * Double($0)).rounded(.toNearestOrEven)) }
            var offBy = scaled.reduce(0, +) - maxWidth
            while offBy != 0 {
                let order = offBy < 0 ? Array(scaled.indices.reversed()) : Array(scaled.indices)
                for index in order {
                    if offBy > 0 { scaled[index] -= 1; offBy -= 1 } else { scaled[index] += 1; offBy += 1 }
                    if offBy == 0 { break }
                }
            }
            return scaled
        }

        var totalWidth: Int {
            max(TableOutput.textLength(title) + 2 + 2 * indent, maxWidths.reduce(0) { $0 + $1 + 4 } + 2 + 2 * indent)
        }
    }

    private var sections: [Section] = []

    init(terminalWidth: Int) {
        self.terminalWidth = terminalWidth
    }

    /// The table of `response` titled `title` (the operation's name); nothing for an empty response.
    static func render(_ response: JSONNode, title: String, terminalWidth: Int) -> String {
        var table = TableOutput(terminalWidth: terminalWidth)
        guard table.build(title: title, response, indent: 0) else { return "" }
        return table.draw()
    }

    // MARK: Building

    private mutating func newSection(_ title: String, indent: Int) {
        sections.append(Section(title: title, indent: indent))
    }

    /// Adds `value`'s sections; `false` for a value Python finds false (empty, 0, false, "").
    @discardableResult
    private mutating func build(title: String?, _ value: JSONNode, indent: Int) -> Bool {
        guard Self.isTruthy(value) else { return false }
        if let title { newSection(title, indent: indent) }
        switch value {
        case .array(let elements):
            if elements.first?.isObject == true {
                buildFromList(elements, indent: indent, title: title)
            } else {
                for element in elements {
                    if case .array(let items) = element, items.allSatisfy({ !$0.isContainer }) {
                        sections[sections.count - 1].addRow(items.map(\.pythonText))
                    } else if element.isContainer {
                        build(title: nil, element, indent: 0)
                    } else {
                        sections[sections.count - 1].addRow([element.pythonText])
                    }
                }
            }
        case .object(let pairs):
            let (headers, more) = scalarAndContainerKeys(pairs)
            if headers.count == 1 {
                sections[sections.count - 1].addRow([headers[0], Self.value(headers[0], in: pairs).pythonText])
            } else if !headers.isEmpty {
                sections[sections.count - 1].setHeaders(headers)
                sections[sections.count - 1].addRow(headers.map { Self.value($0, in: pairs).pythonText })
            }
            for key in more { build(title: key, Self.value(key, in: pairs), indent: indent + 1) }
        default:
            break
        }
        return true
    }

    private mutating func buildFromList(_ elements: [JSONNode], indent: Int, title: String?) {
        var headerSet: Set<String> = [], moreSet: Set<String> = []
        for case .object(let pairs) in elements {
            let (headers, more) = scalarAndContainerKeys(pairs)
            headerSet.formUnion(headers)
            moreSet.formUnion(more)
        }
        let headers = headerSet.sorted(by: codePointOrder), more = moreSet.sorted(by: codePointOrder)
        sections[sections.count - 1].setHeaders(headers)
        for (index, element) in elements.enumerated() {
            guard case .object(let pairs) = element else { continue }
            if index > 0, !more.isEmpty {
                newSection(title ?? "", indent: indent)
                sections[sections.count - 1].setHeaders(headers)
            }
            sections[sections.count - 1].addRow(headers.map { key in pairs.first { $0.key == key }.map { $0.value.pythonText } ?? "" })
            for key in more {
                if let value = pairs.first(where: { $0.key == key })?.value { build(title: key, value, indent: indent + 1) }
            }
        }
    }

    // MARK: Drawing

    private mutating func draw() -> String {
        var maxWidth = sections.map(\.totalWidth).max() ?? 0
        if maxWidth > terminalWidth {
            sections = sections.map { section in
                guard section.rows.count == 1, !section.headers.isEmpty else { return section }
                var vertical = Section(title: section.title, indent: section.indent)
                for (header, element) in zip(section.headers, section.rows[0]) { vertical.addRow([header, element]) }
                return vertical
            }
            maxWidth = sections.map(\.totalWidth).max() ?? 0
        }
        var text = String(repeating: "-", count: maxWidth) + "\n"
        for section in sections { text += draw(section, maxWidth: maxWidth) }
        return text
    }

    private func draw(_ section: Section, maxWidth: Int) -> String {
        let width = maxWidth - 2 * section.indent
        let bars = String(repeating: "|", count: section.indent)
        var lines: [String] = []
        if !section.title.isEmpty {
            lines.append(Self.centered(section.title, width: width, left: "|", right: "|"))
            if section.headers.isEmpty, section.rows.isEmpty { lines.append("+" + String(repeating: "-", count: width - 2) + "+") }
        }
        let widths = section.columnWidths(maxWidth: width)
        if !section.headers.isEmpty {
            lines.append(Self.lineBreak(widths))
            lines.append(zip(widths, section.headers).enumerated().map { index, column in
                Self.centered(column.1, width: column.0, left: index == 0 ? "|" : "", right: "|")
            }.joined())
        }
        if !section.rows.isEmpty, !widths.isEmpty {
            lines.append(Self.lineBreak(widths))
            for row in section.rows {
                lines.append(zip(widths, row).enumerated().map { index, column in
                    Self.alignedLeft(column.1, width: column.0, left: index == 0 ? "|" : "", right: "|")
                }.joined())
            }
            lines.append(Self.lineBreak(widths))
        }
        return lines.map { bars + $0 + bars + "\n" }.joined()
    }

    private static func lineBreak(_ widths: [Int]) -> String {
        widths.enumerated().map { index, width in
            index == 0 ? "+" + String(repeating: "-", count: width - 2) + "+" : String(repeating: "-", count: width - 1) + "+"
        }.joined()
    }

    private static func centered(_ text: String, width: Int, left: String, right: String) -> String {
        let length = textLength(text)
        let start = width / 2 - length / 2 - 1
        let soFar = left.count + start + length
        return left + String(repeating: " ", count: max(start, 0)) + text
            + String(repeating: " ", count: max(width - right.count - soFar, 0)) + right
    }

    private static func alignedLeft(_ text: String, width: Int, left: String, right: String) -> String {
        let length = textLength(text)
        let padding = width - (length + 2 + left.count + right.count) >= 0 ? 2 : 0
        let soFar = left.count + padding + length
        return left + String(repeating: " ", count: padding) + text
            + String(repeating: " ", count: max(width - soFar - right.count, 0)) + right
    }

    // MARK: Values

    /// Columns `text` takes: two for each character of East Asian width W, F or A.
    static func textLength(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + (isDoubleWidth($1.value) ? 2 : 1) }
    }

    private static func isDoubleWidth(_ code: UInt32) -> Bool {
        let ranges = EastAsianWidth.doubleWidthRanges
        var low = 0, high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if ranges[middle].contains(code) { return true }
            if code < ranges[middle].lowerBound { high = middle - 1 } else { low = middle + 1 }
        }
        return false
    }

    private static func value(_ key: String, in pairs: [(key: String, value: JSONNode)]) -> JSONNode {
        pairs.first { $0.key == key }?.value ?? .null
    }

    private static func isTruthy(_ value: JSONNode) -> Bool {
        switch value {
        case .object(let pairs): !pairs.isEmpty
        case .array(let elements): !elements.isEmpty
        case .string(let text): !text.isEmpty
        case .number(let text): Double(text) != 0
        case .bool(let flag): flag
        case .null: false
        }
    }

}
